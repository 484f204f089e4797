import { serviceAtAgents, validateModel, validateWorkload } from './staffingModel.ts'
import type { StaffingModel } from './staffingModel.ts'
import { missedTargets, validateTargets } from './staffingTargets.ts'
import type { StaffingTargets } from './staffingTargets.ts'
import { standardNormalCdf, standardNormalQuantile } from './normalDistribution.ts'
import { assertFiniteNumber, assertInteger, assertNonNegative, assertPositive } from './validateInputs.ts'

/**
 * Forecast uncertainty → chance of missing the SLA in an interval.
 *
 * The interval's volume is treated as Normal(mean, σ), σ fitted to the forecast's quantiles
 * (e.g. P80, P95: σ = (q_p − mean)/Φ⁻¹(p), least squares over the given quantiles). With N agents staffed,
 * every target is met exactly when the volume is at most V* (targets worsen monotonically with volume), so
 *   P(miss) = P(volume > V*) = 1 − Φ((V* − mean)/σ).
 * V* is found by bisection on the volume to 1e-6 relative.
 */
export interface VolumeQuantile {
  /** Quantile level in (0, 1): 0.8 for P80. (The upper bound of a two-sided 80% interval is level 0.9.) */
  probability: number
  volume: number
}

/**
 * σ of a normal fitted to the mean and quantiles: least squares through the mean, σ = Σ zᵢ·dᵢ / Σ zᵢ²
 * with zᵢ = Φ⁻¹(pᵢ), dᵢ = qᵢ − mean. Quantiles at 0.5 carry no spread and are ignored; 0 if none remain.
 * @example volumeSpreadFromQuantiles(100, [{ probability: 0.8, volume: 108.4162 }]) // ≈ 10
 */
export function volumeSpreadFromQuantiles(meanVolume: number, quantiles: readonly VolumeQuantile[]): number {
  assertNonNegative('meanVolume', meanVolume)
  let zd = 0
  let zz = 0
  quantiles.forEach((q, index) => {
    assertFiniteNumber(`volumeQuantiles[${index}].probability`, q.probability)
    if (!(q.probability > 0 && q.probability < 1)) throw new RangeError(`volumeQuantiles[${index}].probability must be between 0 and 1 (exclusive), got ${q.probability}`)
    assertNonNegative(`volumeQuantiles[${index}].volume`, q.volume)
    const z = standardNormalQuantile(q.probability)
    if (Math.abs(z) < 1e-12) return
    zd += z * (q.volume - meanVolume)
    zz += z * z
  })
  const sigma = zz > 0 ? zd / zz : 0
  if (sigma < 0) throw new RangeError(`volume quantiles imply a negative spread around the mean ${meanVolume}: upper quantiles must be above the mean`)
  return sigma
}

/** The volume at quantile `probability` of Normal(mean, σ), floored at 0. */
export function volumeAtProbability(meanVolume: number, sigma: number, probability: number): number {
  return Math.max(0, meanVolume + sigma * standardNormalQuantile(probability))
}

function meetsAll(agents: number, volume: number, ahtSeconds: number, intervalSeconds: number, model: StaffingModel, targets: StaffingTargets): boolean {
  const m = serviceAtAgents(agents, { volume, ahtSeconds, intervalSeconds }, model, targets.answerWithinSeconds ?? 0)
  return m.stable && missedTargets(m, targets).length === 0
}

/**
 * The largest interval volume that `agents` agents handle while meeting every target (0 if even a single
 * contact misses; capped at 1e9).
 */
export function maxVolumeMeetingTargets(agents: number, ahtSeconds: number, intervalSeconds: number, model: StaffingModel, targets: StaffingTargets): number {
  assertInteger('agents', agents, 0)
  validateWorkload({ volume: 0, ahtSeconds, intervalSeconds })
  validateModel(model)
  validateTargets(targets, { allowAbandon: model.kind === 'erlang_a' })
  if (agents === 0) return 0
  let low = 0
  let high = Math.max(1, (agents * intervalSeconds) / ahtSeconds)
  while (meetsAll(agents, high, ahtSeconds, intervalSeconds, model, targets)) {
    low = high
    high *= 2
    if (high > 1e9) return 1e9
  }
  while (high - low > 1e-6 * high) {
    const mid = (low + high) / 2
    if (meetsAll(agents, mid, ahtSeconds, intervalSeconds, model, targets)) low = mid
    else high = mid
  }
  return low
}

/**
 * P(the interval misses at least one target with `agents` agents) when its volume is Normal(mean, σ).
 * σ = 0 gives 0 or 1.
 * @example slaMissProbability(14, { meanVolume: 100, sigma: 10, ahtSeconds: 180, intervalSeconds: 1800 }, { kind: 'erlang_c' }, { serviceLevelTarget: 0.8, answerWithinSeconds: 20 })
 */
export function slaMissProbability(agents: number, forecast: { meanVolume: number; sigma: number; ahtSeconds: number; intervalSeconds: number }, model: StaffingModel, targets: StaffingTargets): number {
  assertNonNegative('meanVolume', forecast.meanVolume)
  assertNonNegative('sigma', forecast.sigma)
  assertPositive('ahtSeconds', forecast.ahtSeconds)
  const capacity = maxVolumeMeetingTargets(agents, forecast.ahtSeconds, forecast.intervalSeconds, model, targets)
  if (forecast.sigma === 0) return forecast.meanVolume > capacity ? 1 : 0
  return 1 - standardNormalCdf((capacity - forecast.meanVolume) / forecast.sigma)
}
