import { describe, expect, it } from 'vitest'
import { needCover, scheduleOfInstances } from '../../src/scheduling/needCover.ts'
import { expandShiftInstances } from '../../src/scheduling/shiftInstances.ts'
import type { Schedule } from '../../src/scheduling/schedule.ts'

const HALF_HOUR = 1_800_000

describe('needCover', () => {
  it('adds shortfall and over-cover per day from the unrounded heads, and leaves closed intervals out', () => {
    // Two days of three half-hours; the third interval of day 2 is closed (its need is not shortfall).
    const result = needCover({
      startMs: [0, 1, 2, 3, 4, 5].map((k) => k * HALF_HOUR),
      dateKeys: ['2003-10-27', '2003-10-27', '2003-10-27', '2003-10-28', '2003-10-28', '2003-10-28'],
      needAgents: [2.5, 1.2, 0, 3.75, 1, 4],
      coverAgents: [2, 2, 0, 3, 1, 0],
      open: [true, true, true, true, true, false],
      intervalMinutes: 30,
    })
    expect(result.intervals.map((i) => [i.shortfallAgents, i.overCoverAgents])).toEqual([[0.5, 0], [0, 0.8], [0, 0], [0.75, 0], [0, 0], [0, 0]])
    expect(result.days).toEqual([
      { dateKey: '2003-10-27', needAgentHours: 1.85, coverAgentHours: 2, shortfallAgentHours: 0.25, overCoverAgentHours: 0.4, intervalsShort: 1, closedNeedAgentHours: 0 },
      { dateKey: '2003-10-28', needAgentHours: 2.375, coverAgentHours: 2, shortfallAgentHours: 0.375, overCoverAgentHours: 0, intervalsShort: 1, closedNeedAgentHours: 2 },
    ])
    expect(result.totals.shortfallAgentHours).toBe(0.625)
  })

  it('refuses arrays of different lengths and negative heads, naming them', () => {
    expect(() => needCover({ startMs: [0], dateKeys: [], needAgents: [1], coverAgents: [1], intervalMinutes: 30 })).toThrow('dateKeys has 0 values but startMs has 1')
    expect(() => needCover({ startMs: [0], dateKeys: ['2003-10-27'], needAgents: [1], coverAgents: [-1], intervalMinutes: 30 })).toThrow('coverAgents[0] must be a finite number >= 0, got -1')
  })

  it('groups single shifts back into the schedule they came from, breaks included', () => {
    const schedule: Schedule = { shifts: [{ templateName: '8h', start: '2003-10-27T07:00', lengthMinutes: 480, paidMinutes: 450, count: 2, breaks: [
      { breakIndex: 0, name: 'lunch', offsetMinutes: 180, lengthMinutes: 30, paid: false, count: 1 },
      { breakIndex: 0, name: 'lunch', offsetMinutes: 210, lengthMinutes: 30, paid: false, count: 1 },
    ] }] }
    const frozen = Object.freeze(expandShiftInstances(schedule))
    expect(scheduleOfInstances(frozen)).toEqual(schedule)
    expect(scheduleOfInstances(frozen.slice(1))).toEqual({ shifts: [{ ...schedule.shifts[0], count: 1, breaks: [{ ...schedule.shifts[0].breaks[1] }] }] })
  })
})
