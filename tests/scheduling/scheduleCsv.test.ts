import { describe, expect, it } from 'vitest'
import { computeCoverage } from '../../src/scheduling/coverage.ts'
import { buildRoster } from '../../src/scheduling/roster.ts'
import type { Schedule } from '../../src/scheduling/schedule.ts'
import { coverageToCsv, csvCell, rosterToCsv } from '../../src/scheduling/scheduleCsv.ts'

const schedule: Schedule = { shifts: [{
  templateName: '8h', start: '2024-03-04T08:00', lengthMinutes: 480, paidMinutes: 450, count: 1, queue: 'sales',
  breaks: [
    { breakIndex: 0, name: 'coffee', offsetMinutes: 120, lengthMinutes: 15, paid: true, count: 1 },
    { breakIndex: 1, name: 'lunch', offsetMinutes: 240, lengthMinutes: 30, paid: false, count: 1 },
  ],
}] }

describe('CSV exports', () => {
  it('writes the schedule per agent', () => {
    const roster = buildRoster(schedule, [{ name: 'Doe, Jane', contractedHoursPerWeek: 40, skills: ['sales'] }])
    expect(rosterToCsv(roster)).toBe([
      'agent,date,shift_start,shift_end,breaks,queue',
      '"Doe, Jane",2024-03-04,2024-03-04T08:00,2024-03-04T16:00,10:00-10:15 coffee (paid); 12:00-12:30 lunch (unpaid),sales',
      '',
    ].join('\n'))
    const nobody = buildRoster(schedule, [])
    expect(rosterToCsv(nobody, { includeUnassigned: true }).split('\n')[1]).toBe(',2024-03-04,2024-03-04T08:00,2024-03-04T16:00,10:00-10:15 coffee (paid); 12:00-12:30 lunch (unpaid),sales')
  })

  it('writes the coverage table', () => {
    const coverage = computeCoverage({ intervalMinutes: 60, intervals: [{ start: '2024-03-04T10:00', agentsRequired: 1.5 }, { start: '2024-03-04T12:00', agentsRequired: 1 }] }, schedule)
    expect(coverageToCsv(coverage)).toBe([
      'interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover,under_cover',
      '2024-03-04T10:00,1.5,1,0.75,0,0.75',
      '2024-03-04T12:00,1,1,0.5,0,0.5',
      '',
    ].join('\n'))
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
  })
})
