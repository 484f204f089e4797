import { describe, expect, it } from 'vitest'
import { draftRoster, draftRosterWithin } from '../../src/planning/draftRoster.ts'
import type { Agent } from '../../src/scheduling/roster.ts'
import type { Schedule } from '../../src/scheduling/schedule.ts'
import type { ScheduleRecord } from '../../src/db/schedules.ts'

/** 2024-03-04 is a Monday: an early and a late shift Monday to Wednesday, three agents. */
const schedule: Schedule = {
  shifts: ['04', '05', '06'].flatMap((d) => [
    { templateName: 'early', start: `2024-03-${d}T07:00`, lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [] },
    { templateName: 'late', start: `2024-03-${d}T14:00`, lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [] },
  ]),
}
const agents: Agent[] = [{ name: 'Ana', contractedHoursPerWeek: 15 }, { name: 'Ben', contractedHoursPerWeek: 15 }, { name: 'Cy', contractedHoursPerWeek: 15 }]
const record = (id: number, version: number) => ({ id, version, schedule, snapshot: { timeZone: 'Europe/London' } as ScheduleRecord['snapshot'] })

describe('one roster per draft', () => {
  it('computes a draft\'s names once per version and agents: the page, the CSVs and publishing get the same roster', async () => {
    const first = draftRoster(record(901, 1), agents)
    expect(draftRoster(record(901, 1), agents)).toBe(first) // the same computation, not a second one
    const names = await first
    expect(names.method).toBe('optimiser')
    expect(names.note).toMatch(/^Names assigned by the roster optimiser: proven optimal, 0 shifts without an agent\.$/)
    expect(names.roster.assignments).toHaveLength(6)
    // the agent-weeks the roster table shows: 2 shifts (15 h) each
    expect(names.roster.weeks.map((w) => [w.agent, w.weekStart, w.paidHours])).toEqual([['Ana', '2024-03-04', 15], ['Ben', '2024-03-04', 15], ['Cy', '2024-03-04', 15]])
    expect(await draftRosterWithin(record(901, 1), agents, 0)).toBe(names)
    // a new version of the draft, or other agents, is named again
    expect(draftRoster(record(901, 2), agents)).not.toBe(first)
    expect(draftRoster(record(901, 1), agents.slice(0, 2))).not.toBe(first)
  })

  it('answers nothing yet when the names are not ready within the wait (the page shows progress), then the roster', async () => {
    expect(await draftRosterWithin(record(902, 1), agents, 0)).toBeUndefined()
    const later = await draftRosterWithin(record(902, 1), agents, 60_000)
    expect(later?.roster.assignments).toHaveLength(6)
  })
})
