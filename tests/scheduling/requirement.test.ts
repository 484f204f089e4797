import { describe, expect, it } from 'vitest'
import { inferIntervalMinutes, validateRequirement } from '../../src/scheduling/requirement.ts'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'

describe('validateRequirement', () => {
  it('sorts the intervals and keeps fractional requirements', () => {
    const valid = validateRequirement({ intervalMinutes: 30, intervals: [{ start: '2024-03-04T07:00', agentsRequired: 3.4 }, { start: '2024-03-04T06:30:00', agentsRequired: 1 }] })
    expect(valid.starts).toEqual(['2024-03-04T06:30', '2024-03-04T07:00'])
    expect(valid.agentsRequired).toEqual([1, 3.4])
  })

  it('rejects off-grid and repeated starts and negative requirements', () => {
    const attempt = (intervals: { start: string; agentsRequired: number }[]) => {
      try { validateRequirement({ intervalMinutes: 30, intervals }); return [] } catch (error) {
        return (error as ScheduleInputError).issues.map((i) => i.message)
      }
    }
    expect(attempt([{ start: '2024-03-04T06:00', agentsRequired: 1 }, { start: '2024-03-04T06:45', agentsRequired: 1 }])).toEqual(['2024-03-04T06:45 is not on the 30-min grid of 2024-03-04T06:00'])
    expect(attempt([{ start: '2024-03-04T06:00', agentsRequired: 1 }, { start: '2024-03-04 06:00', agentsRequired: 2 }])).toEqual(['the interval starting 2024-03-04T06:00 is listed twice'])
    expect(attempt([{ start: '2024-03-04T06:00', agentsRequired: -1 }])).toEqual(['must be a finite number >= 0, got -1 at 2024-03-04T06:00'])
    expect(() => validateRequirement({ intervalMinutes: 7, intervals: [] })).toThrow(/intervalMinutes: must be a whole number of minutes that divides a day/)
  })

  it('infers the interval length from the smallest gap', () => {
    expect(inferIntervalMinutes(['2024-03-04T07:00', '2024-03-04T06:30', '2024-03-04T09:00'])).toBe(30)
    expect(() => inferIntervalMinutes(['2024-03-04T07:00'])).toThrow(RangeError)
  })
})
