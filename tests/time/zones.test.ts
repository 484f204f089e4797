import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  dateKeysBetween,
  assertTimeZone, daysBetween, formatLocalIso, formatOffset, isValidTimeZone, isoWeekdayOfDateKey, localNaiveMsToUtcMs, localParts,
  nextDateKey, offsetMinutesAt, parseLocalIsoToUtcMs, startOfLocalDayUtcMs,
} from '../../src/time/zones.ts'

const ZONES = ['UTC', 'Europe/London', 'Asia/Jerusalem', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Sao_Paulo']

describe('parseLocalIsoToUtcMs', () => {
  it('reads a time without offset as local to the zone', () => {
    expect(parseLocalIsoToUtcMs('2024-01-15T09:30:00', 'Europe/London')).toBe(Date.UTC(2024, 0, 15, 9, 30))
    expect(parseLocalIsoToUtcMs('2024-07-15T09:30:00', 'Europe/London')).toBe(Date.UTC(2024, 6, 15, 8, 30))
    expect(parseLocalIsoToUtcMs('1999-01-01 06:55:26', 'Asia/Jerusalem')).toBe(Date.UTC(1999, 0, 1, 4, 55, 26))
    expect(parseLocalIsoToUtcMs('2024-07-15 09:30', 'America/New_York')).toBe(Date.UTC(2024, 6, 15, 13, 30))
    expect(parseLocalIsoToUtcMs('2024-07-15', 'Asia/Kolkata')).toBe(Date.UTC(2024, 6, 14, 18, 30))
    expect(parseLocalIsoToUtcMs('2024-07-15T09:30:00.250', 'UTC')).toBe(Date.UTC(2024, 6, 15, 9, 30, 0, 250))
  })

  it('honours an explicit offset or Z whatever the zone', () => {
    const instant = Date.UTC(2024, 6, 15, 7, 30)
    for (const text of ['2024-07-15T07:30:00Z', '2024-07-15T09:30:00+02:00', '2024-07-15T09:30:00+0200', '2024-07-15T02:30:00-05:00', '2024-07-15T13:00:00+05:30']) {
      expect(parseLocalIsoToUtcMs(text, 'America/New_York')).toBe(instant)
      expect(parseLocalIsoToUtcMs(text, 'Asia/Kolkata')).toBe(instant)
    }
  })

  it('moves a time in the spring-forward gap forward by the gap, and takes the later of a repeated autumn time', () => {
    // London 2024-03-31: 01:00 GMT becomes 02:00 BST; 01:30 does not exist and is read as 02:30 BST
    expect(parseLocalIsoToUtcMs('2024-03-31T01:30:00', 'Europe/London')).toBe(Date.UTC(2024, 2, 31, 1, 30))
    expect(parseLocalIsoToUtcMs('2024-03-31T02:30:00', 'Europe/London')).toBe(Date.UTC(2024, 2, 31, 1, 30))
    // London 2024-10-27: 01:30 happens twice (BST then GMT); like luxon, the GMT one is taken
    expect(parseLocalIsoToUtcMs('2024-10-27T01:30:00', 'Europe/London')).toBe(Date.UTC(2024, 9, 27, 1, 30))
    expect(parseLocalIsoToUtcMs('2024-10-27T00:59:00', 'Europe/London')).toBe(Date.UTC(2024, 9, 26, 23, 59))
  })

  it('accepts 24:00 as the end of a day, and nothing later', () => {
    expect(parseLocalIsoToUtcMs('2024-03-01T24:00:00', 'UTC')).toBe(Date.UTC(2024, 2, 2))
    expect(parseLocalIsoToUtcMs('2024-03-01T24:00', 'UTC')).toBe(Date.UTC(2024, 2, 2))
    expect(parseLocalIsoToUtcMs('2024-03-01T24:01:00', 'UTC')).toBeNaN()
  })

  it.each([
    'yesterday', '', '2024-02-30T10:00:00', '2023-02-29T00:00:00', '2024-04-31T00:00:00', '2024-13-01T00:00:00', '2024-00-10T00:00:00',
    '2024-03-01T25:00:00', '2024-03-01T10:60:00', '2024-03-01T10:00:61', '01/03/2024 10:00', '2024-03-01T10:00:00+2', '2024-3-1',
  ])('returns NaN for %j', (text) => {
    expect(parseLocalIsoToUtcMs(text, 'Europe/London')).toBeNaN()
  })

  it('takes 29 February only in leap years', () => {
    expect(parseLocalIsoToUtcMs('2024-02-29T12:00:00', 'UTC')).toBe(Date.UTC(2024, 1, 29, 12))
    expect(parseLocalIsoToUtcMs('2000-02-29T12:00:00', 'UTC')).toBe(Date.UTC(2000, 1, 29, 12))
    expect(parseLocalIsoToUtcMs('1900-02-29T12:00:00', 'UTC')).toBeNaN()
  })

  it('gives the same answer on the fast path ("YYYY-MM-DDTHH:MM:SS") and the general path, and agrees with luxon', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0')
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom(...ZONES), fc.boolean(),
        (year, month, day, hour, minute, second, zone, space) => {
          const fastText = `${pad(year, 4)}-${pad(month)}-${pad(day)}${space ? ' ' : 'T'}${pad(hour)}:${pad(minute)}:${pad(second)}`
          const fast = parseLocalIsoToUtcMs(fastText, zone)
          const general = parseLocalIsoToUtcMs(fastText + '.0000', zone) // four decimals: not a fast path's shape
          expect(Object.is(fast, general) || fast === general).toBe(true)
          const reference = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone })
          if (reference.isValid) expect(fast).toBe(reference.toMillis())
          // luxon refuses 24:00 (the end of a day) and a leap second, which the parser reads as the next day or minute
          else if (!(hour === 24 && minute === 0 && second === 0) && second !== 60) expect(fast).toBeNaN()
        },
      ),
      { seed: 1999, numRuns: 3000 },
    )
  })

  it('gives the same answer on the fast path for JSON feed times (".sss", "Z", ".sssZ") as on the general path', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0')
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(...ZONES), fc.boolean(),
        (year, month, day, hour, minute, second, ms, zone, space) => {
          const clock = `${pad(year, 4)}-${pad(month)}-${pad(day)}${space ? ' ' : 'T'}${pad(hour)}:${pad(minute)}:${pad(second)}`
          const same = (fastText: string, generalText: string) => {
            const fast = parseLocalIsoToUtcMs(fastText, zone)
            const general = parseLocalIsoToUtcMs(generalText, zone)
            expect(Object.is(fast, general), `${fastText} vs ${generalText}`).toBe(true)
            return fast
          }
          const local = same(`${clock}.${pad(ms, 3)}`, `${clock}.${pad(ms, 3)}0`)
          const utc = same(`${clock}.${pad(ms, 3)}Z`, `${clock}.${pad(ms, 3)}+00:00`)
          same(`${clock}Z`, `${clock}+00:00`)
          same(`${clock}z`, `${clock}+0000`)
          const reference = Date.UTC(year, month - 1, day, hour, minute, second, ms)
          if (!Number.isNaN(utc) && hour < 24 && second < 60) expect(utc).toBe(reference)
          if (zone === 'UTC') expect(Object.is(local, utc)).toBe(true)
        },
      ),
      { seed: 2026, numRuns: 3000 },
    )
    expect(parseLocalIsoToUtcMs(new Date(Date.UTC(2026, 0, 5, 7, 3, 9, 42)).toISOString(), 'Asia/Jerusalem')).toBe(Date.UTC(2026, 0, 5, 7, 3, 9, 42))
    expect(parseLocalIsoToUtcMs('2026-01-05T07:03:09.042', 'Asia/Jerusalem')).toBe(Date.UTC(2026, 0, 5, 5, 3, 9, 42))
  })

  it('is not confused by alternating zones (the last-hour cache is per zone)', () => {
    const text = '2024-07-15T09:30:00'
    const inLondon = Date.UTC(2024, 6, 15, 8, 30)
    const inNewYork = Date.UTC(2024, 6, 15, 13, 30)
    for (let i = 0; i < 3; i++) {
      expect(parseLocalIsoToUtcMs(text, 'Europe/London')).toBe(inLondon)
      expect(parseLocalIsoToUtcMs(text, 'America/New_York')).toBe(inNewYork)
    }
    expect(localNaiveMsToUtcMs(Date.UTC(2024, 6, 15, 9, 30), 'Europe/London')).toBe(inLondon)
  })

  it('throws a RangeError naming an unknown zone', () => {
    expect(() => parseLocalIsoToUtcMs('2024-07-15T09:30:00', 'Mars/Olympus')).toThrow(new RangeError("unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/London or Asia/Jerusalem)"))
  })
})

describe('local parts and formatting', () => {
  it('round-trips every half-hour of a year in each zone through formatLocalIso', () => {
    let repeated = 0
    for (const zone of ZONES) {
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 30 * 60_000) {
        const local = formatLocalIso(t, zone)
        const back = parseLocalIsoToUtcMs(local, zone)
        if (back === t) continue
        // only the first pass through a repeated autumn hour reads back as another instant: the later one
        repeated++
        expect(formatLocalIso(back, zone)).toBe(local)
        expect(back - t).toBe((offsetMinutesAt(t, zone) - offsetMinutesAt(back, zone)) * 60_000)
      }
    }
    // London, Jerusalem and New York repeat 2 half-hours each in 2024; Lord Howe repeats one
    expect(repeated).toBe(7)
  })

  it('gives offsets, local fields and weekday', () => {
    expect(offsetMinutesAt(Date.UTC(2024, 0, 15), 'Europe/London')).toBe(0)
    expect(offsetMinutesAt(Date.UTC(2024, 6, 15), 'Europe/London')).toBe(60)
    expect(offsetMinutesAt(Date.UTC(2024, 6, 15), 'Asia/Kolkata')).toBe(330)
    expect(offsetMinutesAt(Date.UTC(2024, 0, 15), 'Australia/Lord_Howe')).toBe(660)
    expect(offsetMinutesAt(Date.UTC(2024, 6, 15), 'Australia/Lord_Howe')).toBe(630)
    expect(formatOffset(Date.UTC(2024, 6, 15), 'America/New_York')).toBe('-04:00')
    expect(localParts(Date.UTC(2024, 6, 14, 23, 30), 'Europe/London')).toEqual({
      year: 2024, month: 7, day: 15, hour: 0, minute: 30, isoWeekday: 1, minuteOfDay: 30, dateKey: '2024-07-15',
    })
  })

  it('walks dates', () => {
    expect(nextDateKey('2024-02-28')).toBe('2024-02-29')
    expect(nextDateKey('2024-12-31')).toBe('2025-01-01')
    expect(daysBetween('2024-03-30', '2024-04-02')).toBe(3)
    expect(isoWeekdayOfDateKey('2024-03-31')).toBe(7)
    expect(startOfLocalDayUtcMs('2024-10-27', 'Europe/London')).toBe(Date.UTC(2024, 9, 26, 23))
    expect(() => startOfLocalDayUtcMs('2024-10-32', 'Europe/London')).toThrow(new RangeError("'2024-10-32' is not a date (YYYY-MM-DD)"))
  })

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Asia/Jerusalem')).toBe(true)
    expect(isValidTimeZone('Europe/Londres')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(() => assertTimeZone('GMT+25')).toThrow(RangeError)
  })
})

describe('dateKeysBetween', () => {
  it('lists the dates both included, across a month end and a leap day', () => {
    expect(dateKeysBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01'])
  })
  it('clips to the window and to 1970–2100, so a stored range of any size stays small', () => {
    expect(dateKeysBetween('2026-03-30', '2026-04-02', { fromDateKey: '2026-03-31', toDateKey: '2026-04-30' })).toEqual(['2026-03-31', '2026-04-01', '2026-04-02'])
    expect(dateKeysBetween('9999-12-31', '9999-12-31')).toEqual([])
    expect(dateKeysBetween('0000-01-01', '9999-12-31', { fromDateKey: '2024-03-04', toDateKey: '2024-03-05' })).toEqual(['2024-03-04', '2024-03-05'])
    const all = dateKeysBetween('0000-01-01', '9999-12-31')
    expect([all.length, all[0], all[all.length - 1]]).toEqual([47_847, '1970-01-01', '2100-12-31'])
    expect(dateKeysBetween('2026-03-05', '2026-03-04')).toEqual([])
    expect(dateKeysBetween('tomorrow', '2026-03-04')).toEqual([])
  })
})
