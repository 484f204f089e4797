import { describe, expect, it } from 'vitest'
import { computeCoverage } from '../../src/scheduling/coverage.ts'
import { addShifts, moveShifts, removeShifts } from '../../src/scheduling/editSchedule.ts'
import type { Schedule } from '../../src/scheduling/schedule.ts'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'
import { expandShiftInstances } from '../../src/scheduling/shiftInstances.ts'
import { validateShiftTemplates } from '../../src/scheduling/shiftTemplates.ts'

/** 1 agent required 08:00-16:00 on a 30-min grid (16 intervals). */
const requirement = {
  intervalMinutes: 30,
  intervals: Array.from({ length: 16 }, (_, i) => ({ start: `2024-03-04T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`, agentsRequired: 1 })),
}
const [eight] = validateShiftTemplates([{ name: '8h', lengthMinutes: 480, earliestStart: '06:00', latestStart: '14:00', startStepMinutes: 30, breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }] }])
/** One 8-h shift from 08:00 with lunch 12:00-12:30. */
const schedule: Schedule = Object.freeze({
  shifts: Object.freeze([Object.freeze({
    templateName: '8h', start: '2024-03-04T08:00', lengthMinutes: 480, paidMinutes: 450, count: 1,
    breaks: Object.freeze([Object.freeze({ breakIndex: 0, name: 'lunch', offsetMinutes: 240, lengthMinutes: 30, paid: false, count: 1 })]),
  })]),
}) as Schedule

describe('computeCoverage', () => {
  it('counts agents net of breaks, over- and under-cover and totals in agent-hours', () => {
    const coverage = computeCoverage(requirement, schedule)
    // covered 08:00-16:00 except the lunch interval 12:00 (index 8)
    expect(coverage.intervals.map((c) => c.agentsScheduled)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1])
    expect(coverage.intervals[8]).toEqual({ start: '2024-03-04T12:00', agentsRequired: 1, agentsOnShift: 1, agentsScheduled: 0, overCover: 0, underCover: 1 })
    expect(coverage.totals).toEqual({
      requiredAgentHours: 8, scheduledAgentHours: 7.5, paidAgentHours: 7.5, overCoverAgentHours: 0,
      underCoverAgentHours: 0.5, shortAgentIntervals: 1, overAgentIntervals: 0, intervalsShort: 1,
    })
  })

  it('updates after a manual edit: move, add, remove (inputs unchanged)', () => {
    // moving the shift to 09:00 leaves 08:00 and 08:30 short and lunch moves to 13:00
    const moved = moveShifts(schedule, { templateName: '8h', start: '2024-03-04T08:00' }, '2024-03-04T09:00')
    expect(moved.shifts[0]).toMatchObject({ start: '2024-03-04T09:00', count: 1 })
    const afterMove = computeCoverage(requirement, moved)
    expect(afterMove.intervals.filter((c) => c.underCover > 0).map((c) => c.start)).toEqual(['2024-03-04T08:00', '2024-03-04T08:30', '2024-03-04T13:00'])
    // adding a second 8-h shift at 08:00 with lunch 3 h in (11:00) covers the first lunch; 12:00 is then covered
    const added = addShifts(schedule, eight, '2024-03-04T08:00', 1, [180])
    expect(added.shifts).toHaveLength(1)
    expect(added.shifts[0].count).toBe(2)
    expect(added.shifts[0].breaks.map((b) => [b.offsetMinutes, b.count])).toEqual([[180, 1], [240, 1]])
    const afterAdd = computeCoverage(requirement, added)
    expect(afterAdd.totals.shortAgentIntervals).toBe(0)
    expect(afterAdd.totals.overAgentIntervals).toBe(14)
    // removing it again brings the first coverage back
    const removed = removeShifts(added, { templateName: '8h', start: '2024-03-04T08:00' })
    expect(computeCoverage(requirement, removed).totals).toEqual(computeCoverage(requirement, schedule).totals)
    expect(schedule.shifts[0].start).toBe('2024-03-04T08:00') // frozen input untouched
  })

  it('refuses edits of shifts that are not there, and invalid schedules', () => {
    expect(() => removeShifts(schedule, { templateName: '8h', start: '2024-03-04T09:00' })).toThrow(/cannot remove 1 shift\(s\) starting 2024-03-04T09:00: the schedule has 0/)
    expect(() => addShifts(schedule, eight, '2024-03-04T08:00', 1, [400])).toThrow(ScheduleInputError)
    const broken = { shifts: [{ ...schedule.shifts[0], count: 2 }] }
    expect(() => computeCoverage(requirement, broken)).toThrow(/break 0 is placed for 1 of the 2 shifts starting 2024-03-04T08:00/)
  })

  it('expands groups into single shifts with their own break times', () => {
    const two = addShifts(schedule, eight, '2024-03-04T08:00', 1, [180])
    expect(expandShiftInstances(two).map((s) => [s.id, s.start, s.end, s.breaks.map((b) => b.start)])).toEqual([
      ['8h@2024-03-04T08:00#1', '2024-03-04T08:00', '2024-03-04T16:00', ['2024-03-04T11:00']],
      ['8h@2024-03-04T08:00#2', '2024-03-04T08:00', '2024-03-04T16:00', ['2024-03-04T12:00']],
    ])
  })
})
