import { describe, expect, it } from 'vitest'
import { assertIntervalMinutes, intervalStartOf, intervalsBetweenDates, intervalsOfDay } from '../../src/time/intervals.ts'
import { formatLocalIso } from '../../src/time/zones.ts'

const MINUTE_MS = 60_000

describe('intervalsOfDay', () => {
  it('a 23-hour DST day in Europe/London has 92 quarter-hours', () => {
    const starts = intervalsOfDay('2024-03-31', 'Europe/London', 15)
    expect(starts).toHaveLength(92)
    expect(starts[0]).toBe(Date.UTC(2024, 2, 31, 0, 0)) // midnight GMT
    expect(starts.at(-1)).toBe(Date.UTC(2024, 2, 31, 22, 45)) // 23:45 BST
    // local labels jump from 00:45 to 02:00
    expect(starts.slice(2, 6).map((t) => formatLocalIso(t, 'Europe/London').slice(11, 16))).toEqual(['00:30', '00:45', '02:00', '02:15'])
  })

  it('a 25-hour DST day in Europe/London has 100 quarter-hours', () => {
    const starts = intervalsOfDay('2024-10-27', 'Europe/London', 15)
    expect(starts).toHaveLength(100)
    expect(starts[0]).toBe(Date.UTC(2024, 9, 26, 23, 0)) // midnight BST
    expect(starts.at(-1)).toBe(Date.UTC(2024, 9, 27, 23, 45)) // 23:45 GMT
    // 01:00–01:45 local comes twice: once in BST, once in GMT
    const labels = starts.slice(4, 12).map((t) => formatLocalIso(t, 'Europe/London').slice(11, 16))
    expect(labels).toEqual(['01:00', '01:15', '01:30', '01:45', '01:00', '01:15', '01:30', '01:45'])
  })

  it('an ordinary day has 96 quarter-hours, 48 half-hours and 24 hours, each a fixed step apart', () => {
    expect(intervalsOfDay('2024-06-12', 'Europe/London', 15)).toHaveLength(96)
    expect(intervalsOfDay('2024-06-12', 'Europe/London', 30)).toHaveLength(48)
    const hours = intervalsOfDay('2024-06-12', 'America/New_York', 60)
    expect(hours).toHaveLength(24)
    expect(hours.every((t, i) => i === 0 || t - hours[i - 1] === 60 * MINUTE_MS)).toBe(true)
    expect(hours[0]).toBe(Date.UTC(2024, 5, 12, 4, 0)) // EDT is UTC−4
  })

  it('counts the DST days of other zones: Israel 1999 in 6-minute intervals, Lord Howe’s half-hour shift', () => {
    expect(intervalsOfDay('1999-04-02', 'Asia/Jerusalem', 6)).toHaveLength(230)
    expect(intervalsOfDay('1999-09-03', 'Asia/Jerusalem', 6)).toHaveLength(250)
    expect(intervalsOfDay('2024-04-07', 'Australia/Lord_Howe', 30)).toHaveLength(49) // 24.5 hours
    expect(intervalsOfDay('2024-10-06', 'Australia/Lord_Howe', 30)).toHaveLength(47) // 23.5 hours
  })

  it('refuses an interval length that does not divide a day', () => {
    expect(() => intervalsOfDay('2024-06-12', 'UTC', 7)).toThrow(new RangeError('intervalMinutes must divide a day (e.g. 15, 30, 60), got 7'))
    expect(() => assertIntervalMinutes(0)).toThrow(RangeError)
    expect(() => assertIntervalMinutes(7.5)).toThrow('got 7.5')
    expect(() => assertIntervalMinutes(1440)).not.toThrow()
  })
})

describe('intervalsBetweenDates', () => {
  it('runs through a DST change: 3 days of half-hours around the London spring change are 48 + 46 + 48', () => {
    const starts = intervalsBetweenDates('2024-03-30', '2024-04-01', 'Europe/London', 30)
    expect(starts).toHaveLength(142)
    expect(new Set(starts).size).toBe(142)
    expect(starts.every((t, i) => i === 0 || t - starts[i - 1] === 30 * MINUTE_MS)).toBe(true)
  })
})

describe('intervalStartOf', () => {
  it('floors local time to the interval, also in a half-hour-offset zone', () => {
    expect(intervalStartOf(Date.UTC(2024, 5, 12, 8, 44, 59, 999), 'Europe/London', 15)).toBe(Date.UTC(2024, 5, 12, 8, 30))
    // Kolkata is UTC+05:30: 10:45 local lies in the local hour from 10:00 (04:30 UTC)
    expect(intervalStartOf(Date.UTC(2024, 5, 12, 5, 15), 'Asia/Kolkata', 60)).toBe(Date.UTC(2024, 5, 12, 4, 30))
  })

  it('every quarter-hour of the 25-hour day is the start of its own interval', () => {
    for (const start of intervalsOfDay('2024-10-27', 'Europe/London', 15)) {
      expect(intervalStartOf(start + 14 * MINUTE_MS, 'Europe/London', 15)).toBe(start)
    }
  })
})
