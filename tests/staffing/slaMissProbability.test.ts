import { describe, expect, it } from 'vitest'
import { maxVolumeMeetingTargets, slaMissProbability, volumeSpreadFromQuantiles } from '../../src/staffing/slaMissProbability.ts'
import { erlangCMeasures } from '../../src/staffing/erlangC.ts'
import { standardNormalQuantile } from '../../src/staffing/normalDistribution.ts'

const targets = { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }

describe('SLA miss probability', () => {
  it('fits σ from quantiles', () => {
    expect(volumeSpreadFromQuantiles(100, [{ probability: 0.8, volume: 100 + 10 * standardNormalQuantile(0.8) }])).toBeCloseTo(10, 9)
    expect(volumeSpreadFromQuantiles(100, [{ probability: 0.8, volume: 108.4162123 }, { probability: 0.95, volume: 116.4485363 }])).toBeCloseTo(10, 6)
    expect(() => volumeSpreadFromQuantiles(100, [{ probability: 80, volume: 110 }])).toThrow('volumeQuantiles[0].probability must be between 0 and 1')
  })

  it('finds the largest volume 14 agents carry at 80/20 (AHT 180 s, 30 min)', () => {
    const capacity = maxVolumeMeetingTargets(14, 180, 1800, { kind: 'erlang_c' }, targets)
    const sl = (volume: number) => erlangCMeasures(14, { offeredLoadErlangs: (volume * 180) / 1800, ahtSeconds: 180, answerWithinSeconds: 20 }).serviceLevel
    expect(sl(capacity)).toBeGreaterThanOrEqual(0.8)
    expect(sl(capacity * (1 + 1e-5))).toBeLessThan(0.8)
    expect(capacity).toBeGreaterThan(100)
  })

  it('is P(volume > capacity) under the normal forecast', () => {
    const capacity = maxVolumeMeetingTargets(14, 180, 1800, { kind: 'erlang_c' }, targets)
    const p = slaMissProbability(14, { meanVolume: capacity - 10, sigma: 10, ahtSeconds: 180, intervalSeconds: 1800 }, { kind: 'erlang_c' }, targets)
    expect(p).toBeCloseTo(0.158655, 5) // 1 − Φ(1)
    expect(slaMissProbability(14, { meanVolume: 100, sigma: 0, ahtSeconds: 180, intervalSeconds: 1800 }, { kind: 'erlang_c' }, targets)).toBe(0)
  })
})
