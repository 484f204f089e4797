import { describe, expect, it } from 'vitest'
import { requirementForIntervals, serviceForStaffing } from '../../src/staffing/requirement.ts'
import type { IntervalForecast } from '../../src/staffing/requirement.ts'

const erlangC = { intervalMinutes: 30, model: { kind: 'erlang_c' as const }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }, shrinkageFraction: 0.3 }

describe('requirementForIntervals', () => {
  it('gives per interval workload, agents, scheduled, expected service and the binding constraint (ec-004, ec-020)', () => {
    const rows = requirementForIntervals([{ volume: 100, ahtSeconds: 180 }, { volume: 3000, ahtSeconds: 300 }, { volume: 0, ahtSeconds: 300 }], erlangC)
    expect(rows[0]).toMatchObject({ workloadErlangs: 10, agentsRequired: 14, agentsScheduled: 20, bindingConstraints: ['service_level'], model: 'erlang_c', slaMissProbability: null })
    expect(rows[0].expectedServiceLevel).toBeCloseTo(0.888350019179, 10)
    expect(rows[0].expectedAsaSeconds).toBeCloseTo(7.83593701178, 8)
    expect(rows[1]).toMatchObject({ workloadErlangs: 500, agentsRequired: 513, agentsScheduled: 733 })
    expect(rows[2]).toMatchObject({ agentsRequired: 0, agentsScheduled: 0, expectedServiceLevel: 1 })
    expect(rows[0].agentsScheduledExact).toBeCloseTo(20, 12)
  })

  it('uses Erlang A and chat models (ea-001, cc-001)', () => {
    const a = requirementForIntervals([{ volume: 100, ahtSeconds: 180 }], { ...erlangC, model: { kind: 'erlang_a', meanPatienceSeconds: 300 } })[0]
    expect(a.agentsRequired).toBe(13)
    expect(a.expectedAbandonFraction).toBeCloseTo(0.0249633036336, 10)
    const chat = requirementForIntervals([{ volume: 120, ahtSeconds: 300 }], { intervalMinutes: 30, model: { kind: 'chat', maxConcurrency: 2, slowdownAlpha: 0.3 }, targets: { serviceLevelTarget: 0.7, answerWithinSeconds: 60 } })[0]
    expect(chat.agentsRequired).toBe(15)
    expect(chat.expectedServiceLevel).toBeCloseTo(0.852579238186, 10)
  })

  it('staffs at a quantile and reports the chance of missing the SLA', () => {
    const forecast: IntervalForecast = { volume: 100, ahtSeconds: 180, volumeQuantiles: [{ probability: 0.8, volume: 110 }, { probability: 0.95, volume: 120 }] }
    const atMean = requirementForIntervals([forecast], erlangC)[0]
    const atP95 = requirementForIntervals([forecast], { ...erlangC, staffAt: 0.95 })[0]
    expect(atP95.staffedVolume).toBe(120)
    expect(atP95.agentsRequired).toBeGreaterThan(atMean.agentsRequired)
    // staffed for the mean, the SLA is missed on roughly the days above the mean-ish volume the 14 agents can carry
    expect(atMean.slaMissProbability!).toBeGreaterThan(0.05)
    expect(atMean.slaMissProbability!).toBeLessThan(0.6)
    expect(atP95.slaMissProbability!).toBeLessThan(0.06)
    expect(atP95.expectedServiceLevel).toBeGreaterThan(atMean.expectedServiceLevel)
  })

  it('names the interval and field on bad input', () => {
    expect(() => requirementForIntervals([{ volume: 10, ahtSeconds: 180 }, { volume: 10, ahtSeconds: 0 }], erlangC)).toThrow('intervals[1]: ahtSeconds must be greater than 0, got 0')
    expect(() => requirementForIntervals([{ volume: -1, ahtSeconds: 180 }], erlangC)).toThrow('intervals[0]: volume must not be negative, got -1')
    expect(() => requirementForIntervals([{ volume: 10, ahtSeconds: 180 }], { ...erlangC, staffAt: 0.9 })).toThrow('intervals[0]: staffAt 0.9 needs volumeQuantiles')
    expect(() => requirementForIntervals([{ volume: 10, ahtSeconds: 180 }], { ...erlangC, targets: { serviceLevelTarget: 1.5, answerWithinSeconds: 20 } })).toThrow('serviceLevelTarget must be a fraction between 0 and 1, got 1.5')
  })

  it('does not mutate its inputs', () => {
    const intervals = Object.freeze([Object.freeze({ volume: 100, ahtSeconds: 180, volumeQuantiles: Object.freeze([Object.freeze({ probability: 0.8, volume: 110 })]) })])
    expect(requirementForIntervals(intervals, Object.freeze({ ...erlangC, staffAt: 0.8 }))[0].staffedVolume).toBe(110)
  })
})

describe('serviceForStaffing (the inverse)', () => {
  it('gives service level, ASA and abandonment achieved by given agents', () => {
    const [c, unstable] = serviceForStaffing([{ volume: 100, ahtSeconds: 180 }, { volume: 100, ahtSeconds: 180 }], [13, 10], erlangC)
    expect(c.serviceLevel).toBeCloseTo(0.795594788418, 10)
    expect(unstable).toMatchObject({ stable: false, serviceLevel: 0, asaSeconds: Infinity })
    const [a] = serviceForStaffing([{ volume: 100, ahtSeconds: 180 }], [12], { ...erlangC, model: { kind: 'erlang_a', meanPatienceSeconds: 300 } })
    expect(a.abandonFraction).toBeCloseTo(0.0427111056986, 10)
    expect(() => serviceForStaffing([{ volume: 1, ahtSeconds: 1 }], [], erlangC)).toThrow('agentsPerInterval has 0 values for 1 intervals')
  })
})
