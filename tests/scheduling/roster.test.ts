import { describe, expect, it } from 'vitest'
import { buildRoster, type Agent } from '../../src/scheduling/roster.ts'
import type { Schedule, ScheduledShift } from '../../src/scheduling/schedule.ts'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'

/** 2024-03-04 is a Monday. */
function shift(date: string, time: string, count = 1, lengthMinutes = 480, queue?: string): ScheduledShift {
  return { templateName: `${lengthMinutes / 60}h`, start: `${date}T${time}`, lengthMinutes, paidMinutes: lengthMinutes, count, breaks: [], ...(queue ? { queue } : {}) }
}
const weekdays = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08']

describe('buildRoster', () => {
  it('splits ten weekday shifts between two 40-h agents, five each', () => {
    const schedule: Schedule = { shifts: weekdays.map((d) => shift(d, '08:00', 2)) }
    const roster = buildRoster(schedule, [{ name: 'Ana', contractedHoursPerWeek: 40 }, { name: 'Ben', contractedHoursPerWeek: 40 }])
    expect(roster.unassigned).toEqual([])
    expect(roster.weeks.map((w) => [w.agent, w.weekStart, w.paidHours, w.daysWorked])).toEqual([['Ana', '2024-03-04', 40, 5], ['Ben', '2024-03-04', 40, 5]])
  })

  it('keeps hours close to each contract', () => {
    // 6 shifts of 8 h for a 32-h and a 16-h agent: 4 and 2
    const schedule: Schedule = { shifts: [...weekdays.map((d) => shift(d, '08:00')), shift('2024-03-04', '14:00')] }
    const roster = buildRoster(schedule, [{ name: 'Full', contractedHoursPerWeek: 32 }, { name: 'Part', contractedHoursPerWeek: 16 }], { undesirable: { days: [] } })
    expect(roster.weeks.map((w) => [w.agent, w.paidHours])).toEqual([['Full', 32], ['Part', 16]])
  })

  it('spreads undesirable shifts evenly', () => {
    // six early shifts (06:00) over three agents: two each
    const schedule: Schedule = { shifts: ['2024-03-04', '2024-03-05', '2024-03-06'].map((d) => shift(d, '06:00', 2)) }
    const agents: Agent[] = ['A', 'B', 'C'].map((name) => ({ name, contractedHoursPerWeek: 40 }))
    const roster = buildRoster(schedule, agents)
    expect(roster.weeks.map((w) => w.undesirableShifts)).toEqual([2, 2, 2])
  })

  it('keeps two consecutive days off and at most five working days', () => {
    const week = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09', '2024-03-10']
    const roster = buildRoster({ shifts: week.map((d) => shift(d, '09:00')) }, [{ name: 'Solo', contractedHoursPerWeek: 56, maxHoursPerWeek: 56 }], { undesirable: { days: [] } })
    expect(roster.assignments.map((a) => a.shift.start.slice(0, 10))).toEqual(week.slice(0, 5))
    expect(roster.unassigned.map((u) => [u.shift.start, u.reason])).toEqual([
      ['2024-03-09T09:00', 'no agent can take it: 1 agent would pass their working days a week'],
      ['2024-03-10T09:00', 'no agent can take it: 1 agent would pass their working days a week'],
    ])
    const sixDays = buildRoster({ shifts: week.map((d) => shift(d, '09:00')) }, [{ name: 'Six', contractedHoursPerWeek: 56, maxHoursPerWeek: 56, maxDaysPerWeek: 6 }], { undesirable: { days: [] } })
    // a sixth day would leave no two consecutive days off
    expect(sixDays.unassigned.map((u) => u.reason)).toEqual(['no agent can take it: 1 agent would lose their consecutive days off', 'no agent can take it: 1 agent would lose their consecutive days off'])
  })

  it('respects skills, availability and rest, and says why a shift is left', () => {
    const schedule: Schedule = { shifts: [
      shift('2024-03-04', '14:00'), // Mon 14:00-22:00
      shift('2024-03-05', '06:00'), // Tue 06:00-14:00: only 8 h after Monday's shift
      shift('2024-03-06', '08:00', 1, 480, 'sales'),
    ] }
    const roster = buildRoster(schedule, [{ name: 'Eve', contractedHoursPerWeek: 40, availability: [{ day: 'mon', from: '12:00', to: '24:00' }, { day: 'tue', from: '00:00', to: '24:00' }, { day: 'wed', from: '08:00', to: '16:00' }] }])
    expect(roster.assignments.map((a) => a.shift.start)).toEqual(['2024-03-04T14:00'])
    expect(roster.unassigned.map((u) => u.reason)).toEqual([
      'no agent can take it: 1 agent would not get their rest between shifts',
      "no agent can take it: 1 agent lack skill 'sales'",
    ])
    const onlyMorning = buildRoster({ shifts: [shift('2024-03-04', '06:00')] }, [{ name: 'Max', contractedHoursPerWeek: 40, availability: [{ day: 'mon', from: '08:00', to: '18:00' }] }])
    expect(onlyMorning.unassigned[0].reason).toBe('no agent can take it: 1 agent are not available then')
  })

  it('keeps an agent off their approved time off, a night shift ending on it included, and says so', () => {
    const schedule: Schedule = { shifts: [shift('2024-03-05', '08:00'), shift('2024-03-05', '20:00', 1, 600), shift('2024-03-07', '08:00')] }
    const roster = buildRoster(schedule, [{ name: 'Ana', contractedHoursPerWeek: 40, timeOff: ['2024-03-06'] }])
    // Tue 20:00-06:00 runs into Wednesday, her day off; Tuesday 08:00 and Thursday are hers.
    expect(roster.assignments.map((a) => a.shift.start)).toEqual(['2024-03-05T08:00', '2024-03-07T08:00'])
    expect(roster.unassigned.map((u) => [u.shift.start, u.reason])).toEqual([['2024-03-05T20:00', 'no agent can take it: 1 agent have time off then']])
  })

  it('rejects invalid agents', () => {
    expect(() => buildRoster({ shifts: [] }, [{ name: 'A', contractedHoursPerWeek: -5 }, { name: 'A', contractedHoursPerWeek: 10, availability: [{ day: 'mon', from: '18:00', to: '08:00' }] }]))
      .toThrow(ScheduleInputError)
    try { buildRoster({ shifts: [] }, [{ name: 'A', contractedHoursPerWeek: -5 }]) } catch (error) {
      expect((error as ScheduleInputError).issues[0]).toEqual({ template: '(agents)', field: 'agents[0].contractedHoursPerWeek', message: "'A': must be a number >= 0, got -5" })
    }
  })

  it('says why an agent stays under the contracted hours', () => {
    // A 40-h agent and four 8-h shifts: Monday 14:00-22:00 (undesirable, placed first), then Monday 08:00 (same day)
    // and Tuesday 08:00 (10 h after Monday's 22:00, under the 11 h rest) are left, and the week is 24 h short.
    const week = buildRoster({ shifts: [...weekdays.slice(0, 3).map((d) => shift(d, '08:00')), shift('2024-03-04', '14:00')] }, [{ name: 'Ana', contractedHoursPerWeek: 40 }], { undesirable: { days: [] } })
    expect(week.weeks[0]).toMatchObject({ paidHours: 16, shortOfContract: '24 h under contract: 1 shift(s) left without an agent are on days they already work; 1 shift(s) left without an agent would cut their rest between shifts' })
    // Every shift taken: the schedule simply needs fewer hours than contracted.
    const few = buildRoster({ shifts: [shift('2024-03-04', '08:00')] }, [{ name: 'Ana', contractedHoursPerWeek: 40 }, { name: 'Ben', contractedHoursPerWeek: 40 }])
    expect(few.weeks.map((w) => w.shortOfContract)).toEqual([
      '32 h under contract: every shift of this week already has an agent (the schedule needs fewer hours than the team is contracted for)',
      '40 h under contract: every shift of this week already has an agent (the schedule needs fewer hours than the team is contracted for)',
    ])
    // At the contract: nothing to explain.
    expect(buildRoster({ shifts: weekdays.map((d) => shift(d, '08:00')) }, [{ name: 'Ana', contractedHoursPerWeek: 40 }]).weeks[0].shortOfContract).toBeUndefined()
  })

  it('gives a shift left by the greedy order to an agent by moving one of theirs to someone who can take it', () => {
    // Ana works any day (16 h), Ben only on Tuesdays. Monday 14:00 goes to Ana (only she can), Tuesday 14:00
    // (undesirable: it ends after 21:00) to Ben (fewer undesirable shifts). Tuesday 08:00 is then left: Ana would
    // get 10 h of rest after Monday 22:00, Ben already works Tuesday. The repair moves Tuesday 14:00 to Ana and
    // gives Tuesday 08:00 to Ben: every shift is worked.
    const schedule: Schedule = { shifts: [shift('2024-03-04', '14:00'), shift('2024-03-05', '08:00'), shift('2024-03-05', '14:00')] }
    const agents: Agent[] = [{ name: 'Ana', contractedHoursPerWeek: 16 }, { name: 'Ben', contractedHoursPerWeek: 16, availability: [{ day: 'tue', from: '00:00', to: '24:00' }] }]
    const roster = buildRoster(schedule, agents)
    expect(roster.unassigned).toEqual([])
    expect(roster.assignments.map((a) => [a.agent, a.shift.start])).toEqual([['Ana', '2024-03-04T14:00'], ['Ana', '2024-03-05T14:00'], ['Ben', '2024-03-05T08:00']])
    expect(roster.weeks.map((w) => [w.agent, w.paidHours])).toEqual([['Ana', 16], ['Ben', 8]])
  })
})
