import { describe, expect, it } from 'vitest'
import { sweepCurve, sweepOverrides, sweepValues, validateSweepSpec } from '../../src/scenarios/sweep.ts'
import type { PeriodFigures } from '../../src/scenarios/compare.ts'
import type { ScenarioOverrides } from '../../src/scenarios/types.ts'

const figures = (serviceLevel: number, cost: number): PeriodFigures => ({ days: 1, volume: 100, workloadErlangHours: 1, requiredAgentHours: 1, peakAgentsRequired: 1, peakAgentsScheduled: 1, paidHours: cost / 25, fte: 1, cost, serviceLevel, asaSeconds: 10, abandonFraction: 0, requiredPaidHours: cost / 25, requiredFte: 1, requiredCost: cost, serviceLevelIfStaffed: serviceLevel, shortfallAgentHours: 0 })

describe('sweeps', () => {
  it('spaces the values evenly, both ends included; whole-number inputs are rounded once', () => {
    expect(sweepValues({ input: 'serviceLevelTarget', from: 0.7, to: 0.95, points: 6 })).toEqual([0.7, 0.75, 0.8, 0.85, 0.9, 0.95])
    expect(sweepValues({ input: 'maxConcurrency', from: 1, to: 4, points: 7 })).toEqual([1, 2, 3, 4])
  })

  it('says what is wrong with a spec', () => {
    expect(validateSweepSpec({ input: 'serviceLevelTarget', from: 0.7, to: 1.1, points: 6 })).toEqual([{ field: 'sweepTo', message: "Service level target: the sweep's to value must be between 1% and 100%, got 110%" }])
    expect(validateSweepSpec({ input: 'serviceLevelTarget', from: 0.9, to: 0.7, points: 6 })[0].message).toBe('Service level target: the sweep must go up, from 90% to a larger value, got 70%')
    expect(validateSweepSpec({ input: 'shrinkageFraction', from: 0.2, to: 0.4, points: 40 })[0].message).toBe('Sweep points must be a whole number between 2 and 25, got 40')
    expect(() => sweepValues({ input: 'nonsense' as never, from: 0, to: 1, points: 2 })).toThrow("Sweep one of: serviceLevelTarget")
  })

  it('sets the swept input and keeps the other overrides (without mutating them)', () => {
    const base: ScenarioOverrides = Object.freeze({ shrinkageFraction: 0.35, volume: Object.freeze([{ scope: {}, kind: 'fraction' as const, changeFraction: 0.1 }]) as ScenarioOverrides['volume'] })
    expect(sweepOverrides(base, 'serviceLevelTarget', 0.9)).toEqual({ ...base, serviceLevelTarget: 0.9 })
    expect(sweepOverrides(base, 'volumeChange', 0.2).volume).toEqual([base.volume![0], { scope: {}, kind: 'fraction', changeFraction: 0.2 }])
    expect(sweepOverrides(base, 'agentsPerInterval', 40).headcount).toEqual({ kind: 'perInterval', agents: 40 })
  })

  it('finds where each point of service starts to cost much more', () => {
    // 70→80%: +1,000 (100 a point), 80→90%: +1,500 (150 a point), 90→95%: +2,500 (500 a point): the knee is at 90%.
    const curve = sweepCurve('serviceLevelTarget', [
      { value: 0.7, figures: figures(0.7, 10_000) }, { value: 0.8, figures: figures(0.8, 11_000) },
      { value: 0.9, figures: figures(0.9, 12_500) }, { value: 0.95, figures: figures(0.95, 15_000) },
    ])
    expect(curve.points.map((p) => p.costPerServicePoint === null ? null : Math.round(p.costPerServicePoint))).toEqual([null, 100, 150, 500])
    expect(curve.kneeIndex).toBe(2)
  })

  it('keeps a point that could not be planned, without figures', () => {
    const curve = sweepCurve('maxOccupancy', [{ value: 0.1, figures: null, error: 'too high' }, { value: 0.5, figures: figures(0.8, 100) }])
    expect(curve.points[0]).toMatchObject({ figures: null, error: 'too high', costPerServicePoint: null })
    expect(curve.kneeIndex).toBeNull()
  })
})
