import { describe, expect, it } from 'vitest'
import { computeCoverage } from '../../src/scheduling/coverage.ts'
import { buildRoster } from '../../src/scheduling/roster.ts'
import type { Schedule } from '../../src/scheduling/schedule.ts'
import { coverageToCsv, rosterToCsv } from '../../src/scheduling/scheduleCsv.ts'

const schedule: Schedule = { shifts: [{
  templateName: '8h', start: '2024-03-04T08:00', lengthMinutes: 480, paidMinutes: 450, count: 1, queue: 'sales',
  breaks: [
    { breakIndex: 0, name: 'coffee', offsetMinutes: 120, lengthMinutes: 15, paid: true, count: 1 },
    { breakIndex: 1, name: 'lunch', offsetMinutes: 240, lengthMinutes: 30, paid: false, count: 1 },
  ],
}] }

describe('CSV exports', () => {
  it('writes the schedule per agent, times with offset, unassigned shifts named as such', () => {
    const roster = buildRoster(schedule, [{ name: 'Doe, Jane', contractedHoursPerWeek: 40, skills: ['sales'] }])
    expect(rosterToCsv(roster, { timeZone: 'Europe/Berlin' })).toBe([
      'agent,date,shift_start,shift_end,breaks,queue,status',
      '"Doe, Jane",2024-03-04,2024-03-04T08:00:00+01:00,2024-03-04T16:00:00+01:00,10:00-10:15 coffee (paid); 12:00-12:30 lunch (unpaid),sales,assigned',
      '',
    ].join('\n'))
    const nobody = buildRoster(schedule, [])
    const row = rosterToCsv(nobody, { includeUnassigned: true, timeZone: 'Europe/Berlin' }).split('\n')[1]
    expect(row).toMatch(/^unassigned,2024-03-04,2024-03-04T08:00:00\+01:00,2024-03-04T16:00:00\+01:00,10:00-10:15 coffee \(paid\); 12:00-12:30 lunch \(unpaid\),sales,unassigned: .+/)
  })

  it('neutralises a hostile agent name', () => {
    const roster = buildRoster(schedule, [{ name: '=HYPERLINK("http://x","y")', contractedHoursPerWeek: 40, skills: ['sales'] }])
    expect(rosterToCsv(roster).split('\n')[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",/)
  })

  it('writes the coverage table with units and offsets', () => {
    const coverage = computeCoverage({ intervalMinutes: 60, intervals: [{ start: '2024-03-04T10:00', agentsRequired: 1.5 }, { start: '2024-03-04T12:00', agentsRequired: 1 }] }, schedule)
    expect(coverageToCsv(coverage, { timeZone: 'Europe/Berlin' })).toBe([
      'interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover_agents,under_cover_agents',
      '2024-03-04T10:00:00+01:00,1.5,1,0.75,0,0.75',
      '2024-03-04T12:00:00+01:00,1,1,0.5,0,0.5',
      '',
    ].join('\n'))
  })
})
