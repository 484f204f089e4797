import { describe, expect, it } from 'vitest'
import { dayNumberOfIsoDate, isoDateOfDayNumber, toLocalPositions, weekdayOfDayNumber } from '../../../src/forecast/calendar/localPositions.ts'

describe('local calendar positions in the team zone', () => {
  it('weekday and date of day numbers (1970-01-01 was a Thursday)', () => {
    expect(weekdayOfDayNumber(0)).toBe(4)
    const monday = dayNumberOfIsoDate('2003-03-03', 'd')
    expect(weekdayOfDayNumber(monday)).toBe(1)
    expect(isoDateOfDayNumber(monday)).toBe('2003-03-03')
    expect(() => dayNumberOfIsoDate('2003-02-30', 'closedDates[0]')).toThrow(/closedDates\[0\] is not a calendar date/)
  })

  it('a 23-hour day (Europe/London, 2024-03-31): UTC hours map to local hours 0, 2, 3 ...', () => {
    const starts = Array.from({ length: 23 }, (_, h) => Date.UTC(2024, 2, 31, 0) + h * 3_600_000)
    const positions = toLocalPositions(starts, 'Europe/London', 'future')
    expect(positions.map((p) => p.minuteOfDay / 60)).toEqual([0, ...Array.from({ length: 22 }, (_, h) => h + 2)])
    expect(new Set(positions.map((p) => p.dayNumber)).size).toBe(1)
  })

  it('a 25-hour day (Europe/London, 2024-10-27): the repeated 01:00 hour is the second pass (fold 1)', () => {
    const starts = Array.from({ length: 25 }, (_, h) => Date.UTC(2024, 9, 26, 23) + h * 3_600_000)
    const positions = toLocalPositions(starts, 'Europe/London', 'future')
    expect(positions.map((p) => p.minuteOfDay / 60)).toEqual([0, 1, 1, ...Array.from({ length: 22 }, (_, h) => h + 2)])
    expect(positions.map((p) => p.fold)).toEqual([0, 0, 1, ...new Array(22).fill(0)])
    // The same day written as local strings: the second "01:00" is read as the second pass.
    const local = toLocalPositions(['2024-10-27T00:00:00', '2024-10-27T01:00:00', '2024-10-27T01:00:00', '2024-10-27T02:00:00'], 'Europe/London', 'h')
    expect(local.map((p) => p.utcMs)).toEqual(starts.slice(0, 4))
  })

  it('reads offsets when given, and rejects bad zones and bad times naming the argument', () => {
    const [p] = toLocalPositions(['2024-07-01T08:00:00Z'], 'Europe/London', 'h')
    expect(p.minuteOfDay).toBe(9 * 60)
    expect(() => toLocalPositions(['x'], 'Europe/London', 'timestamps')).toThrow(/timestamps\[0\] must be an ISO-8601 time/)
    expect(() => toLocalPositions(['2024-01-01T00:00:00'], 'Mars/Base', 'timestamps')).toThrow(/timeZone must be an IANA zone/)
    expect(() => toLocalPositions([Number.NaN], 'UTC', 'timestamps')).toThrow(/timestamps\[0\] must be a finite UTC millisecond time/)
  })

  it('a wall-clock time skipped by spring-forward (exports with a DST-unaware clock) keeps its slot and its order', () => {
    const times = ['1999-04-02T01:00:00', '1999-04-02T02:00:00', '1999-04-02T02:30:00', '1999-04-02T03:00:00']
    const positions = toLocalPositions(times, 'Asia/Jerusalem', 'h')
    expect(positions.map((p) => p.minuteOfDay)).toEqual([60, 120, 150, 180])
    for (let i = 1; i < positions.length; i++) expect(positions[i].utcMs).toBeGreaterThan(positions[i - 1].utcMs)
  })
})
