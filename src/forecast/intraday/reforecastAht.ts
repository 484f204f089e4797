import { quantileSorted } from 'simple-statistics'
import type { DayGrid } from '../calendar/dayGrid.ts'

/**
 * Intraday update of the average handle time: the reference AHT of each remaining slot (day-ahead, else the
 * volume-weighted mean of that slot over the last 28 history days) times a shrunk ratio of today's handled time to
 * the reference, ratio = 1 + w (observed / reference - 1) with w = n / (n + k), n the contacts so far (a
 * credibility weight, Bühlmann 1967). k is chosen by a rolling backtest on the last history days; the intervals are
 * empirical quantiles of the backtest log-errors scaled by sqrt(contacts) (an interval's AHT is a mean of its
 * handle times, so its spread shrinks with the square root of its volume).
 */
export interface AhtReforecastInput {
  volumeGrid: DayGrid
  ahtGrid: DayGrid
  todayDayNumber: number
  dayAheadAhtBySlot: Float64Array
  observedVolumeBySlot: Float64Array
  observedAhtBySlot: Float64Array
  targetSlots: readonly number[]
  expectedVolumeBySlot: ReadonlyMap<number, number>
  levels: readonly number[]
}

const K_GRID = [30, 100, 300, 1000, 3000, 1e12]
const REFERENCE_DAYS = 28
const BACKTEST_DAYS = 40

function slotReference(volume: DayGrid, aht: DayGrid, beforeIndex: number): Float64Array {
  const P = volume.slotsPerDay
  const weighted = new Float64Array(P)
  const weights = new Float64Array(P)
  for (let i = Math.max(0, beforeIndex - REFERENCE_DAYS); i < beforeIndex; i++) {
    const v = volume.values[i]
    const a = aht.values[i]
    if (!a) continue
    for (let s = 0; s < P; s++) if (a[s] === a[s] && v[s] > 0) { weighted[s] += a[s] * v[s]; weights[s] += v[s] }
  }
  return weighted.map((w, s) => (weights[s] > 0 ? w / weights[s] : Number.NaN))
}

function shrunkRatio(reference: Float64Array, volume: ArrayLike<number>, aht: ArrayLike<number>, cutSlot: number, k: number): number {
  let handled = 0
  let expected = 0
  let contacts = 0
  for (let s = 0; s < cutSlot; s++) {
    if (aht[s] === aht[s] && volume[s] > 0 && reference[s] === reference[s]) {
      handled += aht[s] * volume[s]
      expected += reference[s] * volume[s]
      contacts += volume[s]
    }
  }
  if (!(expected > 0)) return 1
  return 1 + (contacts / (contacts + k)) * (handled / expected - 1)
}

/** Undefined when the history carries no AHT. */
export function reforecastAht(input: AhtReforecastInput): { mean: number[]; lower: number[][]; upper: number[][] } | undefined {
  const { volumeGrid, ahtGrid, targetSlots, levels } = input
  if (ahtGrid.dayNumbers.length === 0 || ahtGrid.dayNumbers.length !== volumeGrid.dayNumbers.length) return undefined
  const n = volumeGrid.dayNumbers.length
  const cutSlot = targetSlots.length ? targetSlots[0] : volumeGrid.slotsPerDay
  const errors = K_GRID.map(() => 0)
  const z: number[][] = K_GRID.map(() => [])
  for (let p = Math.max(REFERENCE_DAYS, n - BACKTEST_DAYS); p < n; p++) {
    const reference = slotReference(volumeGrid, ahtGrid, p)
    const v = volumeGrid.values[p]
    const a = ahtGrid.values[p]
    K_GRID.forEach((k, g) => {
      const ratio = shrunkRatio(reference, v, a, cutSlot, k)
      for (const s of targetSlots) {
        if (!(a[s] > 0 && v[s] > 0 && reference[s] > 0)) continue
        const predicted = reference[s] * ratio
        errors[g] += v[s] * Math.abs(a[s] - predicted)
        z[g].push(Math.log(a[s] / predicted) * Math.sqrt(v[s]))
      }
    })
  }
  let best = K_GRID.length - 1
  for (let g = 0; g < K_GRID.length; g++) if (z[g].length > 0 && errors[g] < errors[best]) best = g
  const reference = slotReference(volumeGrid, ahtGrid, n)
  input.dayAheadAhtBySlot.forEach((value, s) => { if (value > 0) reference[s] = value })
  const ratio = shrunkRatio(reference, input.observedVolumeBySlot, input.observedAhtBySlot, cutSlot, K_GRID[best])
  const sorted = z[best].slice().sort((x, y) => x - y)
  const quantiles = levels.map((level) => (sorted.length >= 20 ? [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)] : [-2, 2]))
  const mean = targetSlots.map((s) => (reference[s] > 0 ? reference[s] * ratio : Number.NaN))
  const spread = (s: number) => 1 / Math.sqrt(Math.max(1, input.expectedVolumeBySlot.get(s) ?? 1))
  return {
    mean,
    lower: levels.map((_, l) => targetSlots.map((s, k) => mean[k] * Math.exp(quantiles[l][0] * spread(s)))),
    upper: levels.map((_, l) => targetSlots.map((s, k) => mean[k] * Math.exp(quantiles[l][1] * spread(s)))),
  }
}
