import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'
import type { ShiftTemplate } from '../../src/scheduling/shiftTemplates.ts'
import { solveSchedule, type ScheduleSolveResult, type SolvedSchedule, type SolveProgressEvent } from '../../src/scheduling/solve.ts'

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
/** Requirement on 2024-03-04 (a Monday) from `first` (minutes of day), one value per interval. */
function requirement(values: number[], intervalMinutes: number, first: number) {
  return { intervalMinutes, intervals: values.map((agentsRequired, i) => ({ start: `2024-03-04T${clock(first + i * intervalMinutes)}`, agentsRequired })) }
}
function solved(result: ScheduleSolveResult): SolvedSchedule {
  if (result.status !== 'optimal' && result.status !== 'feasible') throw new Error(`expected a schedule, got ${JSON.stringify(result)}`)
  return result
}

describe('solveSchedule on cases solved by hand', () => {
  it('covers 06:00-22:00 with one agent by two 8-h shifts (16 paid hours)', async () => {
    // 16 one-hour intervals of 1 agent; an 8-h shift covers 8 of them, so at least 2 shifts = 16 h; 06:00 + 14:00 do it.
    const result = solved(await solveSchedule(requirement(new Array(16).fill(1), 60, 360), [
      { name: '8h', lengthMinutes: 480, earliestStart: '06:00', latestStart: '14:00', startStepMinutes: 60 },
    ]))
    expect(result.status).toBe('optimal')
    expect(result.schedule.shifts.map((s) => [s.start, s.templateName, s.count])).toEqual([['2024-03-04T06:00', '8h', 1], ['2024-03-04T14:00', '8h', 1]])
    expect([result.paidAgentHours, result.shortAgentIntervals, result.gap]).toEqual([16, 0, 0])
  })

  it('chooses the cheaper mix: one 8-h shift and a 4-h part-time shift for a peak', async () => {
    // 1 agent 08:00-16:00 plus a second one 11:00-15:00. Either 8h + 4h (cost 8 + 4 x 1.25 = 13) or 3 x 4h
    // (needs 08-12, 12-16 and the peak 11-15: 3 x 5 = 15) or 2 x 8h (16): the optimum costs 13.
    const values = [1, 1, 1, 2, 2, 2, 2, 1]
    const result = solved(await solveSchedule(requirement(values, 60, 480), [
      { name: '8h', lengthMinutes: 480, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60 },
      { name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '12:00', startStepMinutes: 60, costPerHour: 1.25 },
    ]))
    expect(result.shiftCost).toBe(13)
    expect(result.schedule.shifts.map((s) => [s.start, s.templateName, s.count])).toEqual([['2024-03-04T08:00', '8h', 1], ['2024-03-04T11:00', '4h', 1]])
    expect(result.coverage.intervals.map((c) => c.agentsScheduled)).toEqual(values)
  })

  it('places breaks so that one extra hour covers both (cost 11, 9 paid hours)', async () => {
    // 2 agents 08:00-12:00 (30-min grid). Two 4-h shifts from 08:00 (cost 1/h) each take a 30-min paid break
    // 1-3 h in, and each break leaves an interval one agent short. A 1-h shift (cost 3/h) covers two consecutive
    // intervals, so the breaks go into consecutive intervals under one 1-h shift: 4 + 4 + 3 = 11. Both breaks in
    // the same interval need two 1-h shifts (14); 1-h shifts only cost 8 x 3 = 24; one 4-h shift and 1-h shifts
    // for the second agent and for the break cost 4 + 4 x 3 + 3 = 19.
    const result = solved(await solveSchedule(requirement(new Array(8).fill(2), 30, 480), [
      { name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 30, breaks: [{ name: 'break', lengthMinutes: 30, paid: true, earliestAfterMinutes: 60, latestAfterMinutes: 180 }] },
      { name: '1h', lengthMinutes: 60, earliestStart: '08:00', latestStart: '11:00', startStepMinutes: 30, costPerHour: 3 },
    ]))
    expect([result.shiftCost, result.paidAgentHours, result.shortAgentIntervals]).toEqual([11, 9, 0])
    const four = result.schedule.shifts.find((s) => s.templateName === '4h')!
    const one = result.schedule.shifts.find((s) => s.templateName === '1h')!
    expect(four.count).toBe(2)
    const offsets = four.breaks.flatMap((b) => new Array(b.count).fill(b.offsetMinutes)).sort((a, b) => a - b)
    expect(offsets[1] - offsets[0]).toBe(30)
    expect(one.start).toBe(`2024-03-04T${clock(480 + offsets[0])}`)
    expect(result.coverage.intervals.every((c) => c.agentsScheduled === 2)).toBe(true)
  })

  it('covers a fractional requirement with whole agents (3.4 -> 4)', async () => {
    const result = solved(await solveSchedule(requirement([3.4, 3.4], 60, 480), [{ name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60 }]))
    expect(result.schedule.shifts[0].count).toBe(4)
    expect(result.shortAgentIntervals).toBe(0)
  })

  it('returns the best partial schedule and the gaps when the requirement is impossible', async () => {
    // at most one 4-h shift a day for 2 agents 08:00-12:00: 1 agent short in each of the 4 hours
    const result = solved(await solveSchedule(requirement([2, 2, 2, 2], 60, 480), [{ name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60, maxCountPerDay: 1 }]))
    expect(result.status).toBe('optimal')
    expect(result.schedule.shifts[0].count).toBe(1)
    expect(result.shortAgentIntervals).toBe(4)
    expect(result.coverage.intervals.map((c) => c.underCover)).toEqual([1, 1, 1, 1])
  })

  it('forbids, penalises or allows over-cover', async () => {
    // 1 agent 08:00-10:00, none 10:00-12:00; only 4-h shifts from 08:00
    const req = requirement([1, 1, 0, 0], 60, 480)
    const fourHours: ShiftTemplate[] = [{ name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60 }]
    expect(solved(await solveSchedule(req, fourHours)).schedule.shifts).toHaveLength(1) // allowed: 4 h beats 2 short agent-intervals
    const forbidden = solved(await solveSchedule(req, fourHours, { overCover: 'forbid' }))
    expect([forbidden.schedule.shifts.length, forbidden.shortAgentIntervals]).toEqual([0, 2])
    // shortfall 2 x 10 = 20 against the shift: 4 + 2 x over-cover penalty
    const cheapOver = solved(await solveSchedule(req, fourHours, { overCover: { penaltyPerAgentInterval: 1 }, shortfallPenaltyPerAgentInterval: 10 }))
    expect(cheapOver.schedule.shifts).toHaveLength(1) // 6 < 20
    const dearOver = solved(await solveSchedule(req, fourHours, { overCover: { penaltyPerAgentInterval: 10 }, shortfallPenaltyPerAgentInterval: 10 }))
    expect(dearOver.schedule.shifts).toHaveLength(0) // 24 > 20
  })

  it('reports infeasible hard rules instead of a schedule', async () => {
    const result = await solveSchedule(requirement([0, 0], 60, 480), [{ name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60, minCountPerDay: 1 }], { overCover: 'forbid' })
    expect(result.status).toBe('infeasible')
  })

  it('reports progress: building, solving, done', async () => {
    const events: SolveProgressEvent[] = []
    await solveSchedule(requirement([1, 1], 60, 480), [{ name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60 }], { onProgress: (e) => events.push(e) })
    expect(events[0].phase).toBe('building')
    expect(events.some((e) => e.phase === 'solving')).toBe(true)
    expect(events[events.length - 1]).toMatchObject({ phase: 'done', status: 'optimal' })
  })
})

describe('four weeks of real data (Anonymous Bank, October 1999)', () => {
  /**
   * Requirement by square-root staffing n = A + sqrt(A), A = volume x aht_seconds / 1800 (offered load of a
   * 30-min interval; a plain formula, independent of the staffing module), inside the centre's opening hours.
   */
  function bankRequirement() {
    const csv = readFileSync(fileURLToPath(new URL('../../../shared/data/anon_bank_1999_10_30min.csv', import.meta.url)), 'utf8')
    const rows = csv.trim().split('\n').slice(1).map((line) => line.split(','))
    const handledAht = rows.filter((r) => r[4] !== '').map((r) => Number(r[4]))
    const meanAhtSeconds = handledAht.reduce((s, v) => s + v, 0) / handledAht.length
    const closes: Record<number, [string, string]> = { 0: ['07:00', '24:00'], 1: ['07:00', '24:00'], 2: ['07:00', '24:00'], 3: ['07:00', '24:00'], 4: ['07:00', '24:00'], 5: ['07:00', '14:00'], 6: ['19:00', '24:00'] }
    return rows
      .filter((r) => {
        if (r[0] >= '1999-10-29') return false
        const [open, close] = closes[new Date(r[0] + 'Z').getUTCDay()]
        const hm = r[0].slice(11, 16)
        return hm >= open && (close === '24:00' || hm < close)
      })
      .map((r) => {
        const load = (Number(r[1]) * (r[4] === '' ? meanAhtSeconds : Number(r[4]))) / 1800
        return { start: r[0].slice(0, 16), agentsRequired: load > 0 ? load + Math.sqrt(load) : 0 }
      })
  }
  const openingHours = {
    sun: { open: '07:00', close: '24:00' }, mon: { open: '07:00', close: '24:00' }, tue: { open: '07:00', close: '24:00' },
    wed: { open: '07:00', close: '24:00' }, thu: { open: '07:00', close: '24:00' }, fri: { open: '07:00', close: '14:00' }, sat: { open: '19:00', close: '24:00' },
  }

  it('covers every interval and proves the schedule within 1% of optimal', async () => {
    const intervals = bankRequirement()
    expect(intervals).toHaveLength(776) // 28 days of open half-hours
    const result = solved(await solveSchedule({ intervalMinutes: 30, intervals }, [
      { name: '8h', lengthMinutes: 510, earliestStart: '07:00', latestStart: '15:30', startStepMinutes: 30, breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }] },
      { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '20:00', startStepMinutes: 30, costPerHour: 1.1 },
    ], { openingHours, timeLimitSeconds: 60, mipRelativeGap: 0.01 }))
    expect(result.gap).toBeLessThanOrEqual(0.01)
    expect(result.shortAgentIntervals).toBe(0)
    for (const c of result.coverage.intervals) expect(c.agentsScheduled).toBeGreaterThanOrEqual(c.agentsRequired)
    // paid hours are at least the required agent-hours, and the objective is within the gap of the bound
    expect(result.paidAgentHours).toBeGreaterThanOrEqual(result.coverage.totals.requiredAgentHours)
    expect(result.objective - result.dualBound).toBeLessThanOrEqual(0.01 * result.objective + 1e-6)
  }, 120_000)

  /** The benchmark's shifts (src/bench/scheduling.bench.ts): 9 h with two paid breaks and a lunch, 6 h with a break, 4 h. */
  const threeLengths: ShiftTemplate[] = [
    {
      name: '9h', lengthMinutes: 540, earliestStart: '07:00', latestStart: '15:00', startStepMinutes: 30,
      breaks: [
        { name: 'morning break', lengthMinutes: 15, paid: true, earliestAfterMinutes: 90, latestAfterMinutes: 150 },
        { name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 210, latestAfterMinutes: 300 },
        { name: 'afternoon break', lengthMinutes: 15, paid: true, earliestAfterMinutes: 360, latestAfterMinutes: 450 },
      ],
    },
    { name: '6h', lengthMinutes: 360, earliestStart: '07:00', latestStart: '18:00', startStepMinutes: 30, breaks: [{ lengthMinutes: 15, paid: true, earliestAfterMinutes: 120, latestAfterMinutes: 210 }] },
    { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '20:00', startStepMinutes: 30 },
  ]

  it('proves the rounded LP schedule within 1% by the LP bound alone with three shift lengths and breaks (the benchmark)', async () => {
    const intervals = bankRequirement()
    const result = solved(await solveSchedule({ intervalMinutes: 30, intervals }, threeLengths, { openingHours, timeLimitSeconds: 60, mipRelativeGap: 0.01 }))
    // LP bound (with the rounding rows) and the rounded schedule's paid hours: 0.17% apart, no MIP needed
    expect([result.status, result.solverStatus, result.dualBound.toFixed(2), result.objective]).toEqual(['optimal', 'lpRounding', '2847.74', 2852.5])
    expect(result.gap).toBeLessThan(0.005)
    expect(result.shortAgentIntervals).toBe(0)
    for (const shift of result.schedule.shifts) {
      for (const rule of new Set(shift.breaks.map((b) => b.breakIndex))) expect(shift.breaks.filter((b) => b.breakIndex === rule).reduce((s, b) => s + b.count, 0)).toBe(shift.count)
    }
  }, 120_000)

  it('reaches the exact optimum of a week by re-solving the days the rounding left above their LP bound', async () => {
    const intervals = bankRequirement().filter((i) => i.start < '1999-10-08')
    const rounded = solved(await solveSchedule({ intervalMinutes: 30, intervals }, threeLengths, { openingHours, mipRelativeGap: 0.01 }))
    const exact = solved(await solveSchedule({ intervalMinutes: 30, intervals }, threeLengths, { openingHours, mipRelativeGap: 0 }))
    expect([rounded.solverStatus, rounded.objective, exact.status, exact.solverStatus, exact.objective, exact.gap]).toEqual(['lpRounding', 734.5, 'optimal', 'lpRounding+parts', 733.5, 0])
  }, 120_000)
})
