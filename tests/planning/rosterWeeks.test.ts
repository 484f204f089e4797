/**
 * The web roster's weeks follow the queue's week: the QA's PS case, a Sunday–Saturday roster in Israel (Ori on
 * Sun 08:30–16:30 and Fri 08:30–13:30), is one week, its Friday shift undesirable and its Sunday shift not.
 */
import { describe, expect, it } from 'vitest'
import { rosterFromAssignments, rosterInWeek } from '../../src/planning/schedulePlan.ts'
import { buildRoster, type Schedule } from '../../src/scheduling/index.ts'

const shift = (start: string, lengthMinutes: number) => ({ templateName: 'day', start, lengthMinutes, paidMinutes: lengthMinutes, queue: 'PS', count: 1, breaks: [] })
const ori: Schedule = { shifts: [shift('2024-03-10T08:30', 480), shift('2024-03-11T08:30', 480), shift('2024-03-15T08:30', 300)] }

describe('rosterFromAssignments in the queue\'s week', () => {
  it('keeps a Sunday–Saturday roster in one Israeli week, with Friday undesirable and Sunday not', () => {
    const roster = rosterFromAssignments([{ agent: 'Ori', schedule: ori }], new Map([['Ori', 21]]), { weekStartsOn: 'sun', weekendDays: ['fri', 'sat'] })
    expect(roster.weeks.map((w) => [w.agent, w.weekStart, w.paidHours, w.contractedHours, w.daysWorked, w.undesirableShifts])).toEqual([['Ori', '2024-03-10', 21, 21, 3, 1]])
  })

  it('splits the same roster at Monday with Saturday–Sunday weekends (the default): Sunday undesirable, Friday not', () => {
    const roster = rosterFromAssignments([{ agent: 'Ori', schedule: ori }], new Map([['Ori', 21]]))
    expect(roster.weeks.map((w) => [w.weekStart, w.paidHours, w.undesirableShifts])).toEqual([['2024-03-04', 8, 1], ['2024-03-11', 13, 0]])
  })

  it('shows the greedy roster (the optimiser\'s fallback) in the Israeli week too, with why Ori is under contract', () => {
    const agents = [{ name: 'Ori', contractedHoursPerWeek: 30, skills: ['PS'] }]
    const roster = rosterInWeek(buildRoster(ori, agents), agents, { weekStartsOn: 'sun', weekendDays: ['fri', 'sat'] })
    expect(roster.weeks.map((w) => [w.weekStart, w.paidHours, w.undesirableShifts])).toEqual([['2024-03-10', 21, 1]])
    expect(roster.weeks[0].shortOfContract).toBe('9 h under contract: every shift of this week already has an agent (the schedule needs fewer hours than the team is contracted for)')
    expect(rosterInWeek(roster, agents, undefined)).toBe(roster) // the default week: as the greedy roster made it
  })
})
