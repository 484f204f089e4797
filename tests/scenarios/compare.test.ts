import { describe, expect, it } from 'vitest'
import { comparePlans, periodFigures, relativeChange, type ComparableInterval, type ComparablePlan } from '../../src/scenarios/compare.ts'

const HOUR = 3_600_000
function interval(day: string, k: number, v: Partial<ComparableInterval>): ComparableInterval {
  return { startMs: Date.parse(day + 'T00:00:00Z') + k * HOUR, dateKey: day, volume: 0, ahtSeconds: 300, workloadErlangs: 0, agentsRequired: 0, agentsScheduledExact: 0, agentsScheduled: 0, coverageAgents: null, serviceLevel: 1, asaSeconds: 0, ...v }
}
const days = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10', '2024-03-11']
function plan(name: string, scale: number, costPerHour = 25, coverage: number | null = null): ComparablePlan {
  // Two one-hour intervals a day: 12 and 24 contacts of 300 s → 1 and 2 erlangs; 3 and 4 agents, 70% after shrinkage.
  const intervals = days.flatMap((d) => [
    interval(d, 9, { volume: 12 * scale, workloadErlangs: 1 * scale, agentsRequired: 3, agentsScheduledExact: 3 / 0.7, agentsScheduled: 5, serviceLevel: 0.9, asaSeconds: 10, coverageAgents: coverage }),
    interval(d, 10, { volume: 24 * scale, workloadErlangs: 2 * scale, agentsRequired: 4, agentsScheduledExact: 4 / 0.7, agentsScheduled: 6, serviceLevel: 0.6, asaSeconds: 40, coverageAgents: coverage }),
  ])
  return { name, intervalMinutes: 60, hoursPerFte: 8, costPerHour, fromDateKey: days[0], toDateKey: days[days.length - 1], intervals }
}

describe('compare', () => {
  it('adds up a period: hours, FTE, cost, volume-weighted service and ASA', () => {
    const f = periodFigures(plan('b', 1).intervals.slice(0, 2), 1, plan('b', 1))
    expect(f.volume).toBe(36)
    expect(f.workloadErlangHours).toBe(3)
    expect(f.requiredAgentHours).toBe(7)
    expect(f.paidHours).toBeCloseTo(10, 12)
    expect(f.fte).toBeCloseTo(1.25, 12)
    expect(f.cost).toBeCloseTo(250, 12)
    expect(f.serviceLevel).toBeCloseTo((12 * 0.9 + 24 * 0.6) / 36, 12) // 0.7
    expect(f.asaSeconds).toBeCloseTo(30, 12)
    expect(f.peakAgentsRequired).toBe(4)
    expect(f.peakAgentsScheduled).toBe(6)
  })

  it('uses the coverage for paid hours and peak when there is one', () => {
    const f = periodFigures(plan('s', 1, 30, 7).intervals.slice(0, 2), 1, plan('s', 1, 30, 7))
    expect(f.paidHours).toBe(14)
    expect(f.cost).toBe(420)
    expect(f.peakAgentsScheduled).toBe(7)
  })

  it('compares per day, per 7-day week and in total with the differences', () => {
    const c = comparePlans(plan('baseline', 1), [plan('more volume', 1.5), plan('dearer', 1, 30)])
    expect(c.days.map((d) => d.key)).toEqual(days)
    expect(c.weeks.map((w) => [w.label, w.baseline.days])).toEqual([['Week 1 (2024-03-04 to 2024-03-10)', 7], ['Week 2 (2024-03-11 to 2024-03-11)', 1]])
    expect(c.total.baseline.volume).toBe(8 * 36)
    expect(c.total.scenarios[0].volume).toBe(8 * 54)
    expect(c.total.differences[0].volume).toBe(8 * 18)
    expect(c.total.differences[0].workloadErlangHours).toBe(8 * 1.5)
    expect(c.total.differences[1].cost).toBeCloseTo(8 * 10 * 5, 9)
    expect(c.weeks[0].baseline.fte).toBeCloseTo(1.25, 12)
    expect(relativeChange(c.total.baseline.cost, c.total.scenarios[1].cost)).toBeCloseTo(0.2, 12)
  })

  it('refuses a scenario on other intervals', () => {
    const other = { ...plan('x', 1), intervals: plan('x', 1).intervals.slice(2), fromDateKey: days[1] }
    expect(() => comparePlans(plan('b', 1), [other])).toThrow("'x' (2024-03-05 to 2024-03-11, 14 intervals) does not cover the same intervals as 'b' (2024-03-04 to 2024-03-11, 16 intervals)")
  })

  it('an unbounded ASA makes the difference unknown, not NaN', () => {
    const stuck = plan('stuck', 1)
    stuck.intervals = stuck.intervals.map((i) => ({ ...i, asaSeconds: Infinity, serviceLevel: 0 }))
    const c = comparePlans(stuck, [stuck])
    expect(c.total.baseline.asaSeconds).toBe(Infinity)
    expect(c.total.differences[0].asaSeconds).toBeNull()
  })
})
