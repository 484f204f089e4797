import { describe, expect, it } from 'vitest'
import { explainShortWeeks, type Agent, type AgentWeek, type Roster } from '../../src/scheduling/roster.ts'
import { expandShiftInstances } from '../../src/scheduling/shiftInstances.ts'

// Mon 4 – Fri 8 March 2024, two 8-hour shifts a day (09:00–17:00, all paid).
const DAYS = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08']
const instances = expandShiftInstances({ shifts: DAYS.map((d) => ({ templateName: '8h', start: `${d}T09:00`, lengthMinutes: 480, paidMinutes: 480, queue: 'Bank', count: 2, breaks: [] })) })
const first = instances.filter((s) => s.id.endsWith('#1'))
const second = instances.filter((s) => s.id.endsWith('#2'))

function week(agent: string, contractedHours: number, shifts: typeof instances): AgentWeek {
  return { agent, weekStart: '2024-03-04', contractedHours, paidHours: shifts.reduce((h, s) => h + s.paidMinutes / 60, 0), daysWorked: shifts.length, undesirableShifts: 0, shifts }
}

describe('explainShortWeeks (a roster made by the optimiser or frozen when published)', () => {
  const adi: Agent = { name: 'Adi', contractedHoursPerWeek: 40, skills: ['Bank'] }
  const yael: Agent = { name: 'Yael', contractedHoursPerWeek: 20, skills: ['Bank'], availability: [{ day: 'mon', from: '08:00', to: '18:00' }] }

  it('names the rule that keeps an agent from the shifts left without one: Yael 8 of 20 h, available on Mondays only', () => {
    const roster: Roster = {
      assignments: [...first.map((shift) => ({ agent: 'Adi', shift })), { agent: 'Yael', shift: second[0] }],
      unassigned: second.slice(1).map((shift) => ({ shift, reason: 'no agent can take it' })),
      weeks: [week('Adi', 40, first), week('Yael', 20, [second[0]])],
    }
    const weeks = explainShortWeeks(roster, [adi, yael])
    expect(weeks[0].shortOfContract).toBeUndefined() // Adi works his 40 h
    expect(weeks[1].shortOfContract).toBe('12 h under contract: 4 shift(s) left without an agent fall outside their availability')
  })

  it('says every shift has an agent when the week needs fewer hours than the contracts, and names the one rule per shift otherwise', () => {
    const all: Roster = {
      assignments: [...first.map((shift) => ({ agent: 'Adi', shift })), ...second.slice(0, 1).map((shift) => ({ agent: 'Yael', shift }))],
      unassigned: [],
      weeks: [week('Adi', 40, first), week('Yael', 20, [second[0]])],
    }
    expect(explainShortWeeks(all, [adi, yael])[1].shortOfContract).toBe('12 h under contract: every shift of this week already has an agent (the schedule needs fewer hours than the team is contracted for)')
    // Adi on Mon–Thu only (32 h): Friday's first shift is his to take; the second shifts clash with a day he works.
    const short: Roster = {
      assignments: first.slice(0, 4).map((shift) => ({ agent: 'Adi', shift })),
      unassigned: [...second.slice(0, 4), first[4]].map((shift) => ({ shift, reason: '' })),
      weeks: [week('Adi', 40, first.slice(0, 4))],
    }
    expect(explainShortWeeks(short, [{ ...adi, maxDaysPerWeek: 4 }])[0].shortOfContract).toBe('8 h under contract: 4 shift(s) left without an agent are on days they already work; 1 shift(s) left without an agent would pass their working days a week')
  })

  it('says why instead of a blank for someone no longer among the agents', () => {
    const roster: Roster = { assignments: [{ agent: 'Dana', shift: first[0] }], unassigned: [], weeks: [week('Dana', 37.5, [first[0]])] }
    expect(explainShortWeeks(roster, [adi])[0].shortOfContract).toBe("29.5 h under contract: not explained, 'Dana' is not among the current agents")
  })

  it('counts weekly days in the queue\'s week: Sunday-first, Ori\'s Sunday and Monday fill his 2 days, so Tuesday is refused', () => {
    const week2 = expandShiftInstances({ shifts: ['2024-03-10', '2024-03-11', '2024-03-12'].map((d) => ({ templateName: '8h', start: `${d}T09:00`, lengthMinutes: 480, paidMinutes: 480, queue: 'PS', count: 1, breaks: [] })) })
    const ori: Agent = { name: 'Ori', contractedHoursPerWeek: 24, skills: ['PS'], maxDaysPerWeek: 2 }
    const roster: Roster = {
      assignments: week2.slice(0, 2).map((shift) => ({ agent: 'Ori', shift })),
      unassigned: [{ shift: week2[2], reason: '' }],
      weeks: [{ agent: 'Ori', weekStart: '2024-03-10', contractedHours: 24, paidHours: 16, daysWorked: 2, undesirableShifts: 0, shifts: week2.slice(0, 2) }],
    }
    expect(explainShortWeeks(roster, [ori], 'sun')[0].shortOfContract).toBe('8 h under contract: 1 shift(s) left without an agent would pass their working days a week')
    // In Monday weeks Sunday is last week's: no rule checked here keeps him from Tuesday.
    expect(explainShortWeeks(roster, [ori])[0].shortOfContract).toMatch(/^8 h under contract: 1 shift\(s\) of this week have no agent and none breaks this agent's skills/)
  })
})
