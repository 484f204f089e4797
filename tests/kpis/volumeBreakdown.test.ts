import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hourOfDayTotals, localVolumeBreakdown, monthlyTotals, peakHoursOfWeek, weekdayTotals } from '../../src/kpis/volumeBreakdown.ts'
import { dailyTotals, hourOfWeekMeans } from '../../src/kpis/volumeProfile.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'

const zone = 'Asia/Jerusalem'
const at = (local: string, offered: number) => ({ startMs: parseLocalIsoToUtcMs(local, zone), offered })

describe('volume breakdown in local time', () => {
  const points = [at('1999-10-03T10:00:00', 100), at('1999-10-03T10:15:00', 20), at('1999-10-10T10:30:00', 60), at('1999-10-04T23:45:00', 5), at('1999-11-01T07:00:00', 3)]
  it('totals by hour of day, weekday and month', () => {
    const hours = hourOfDayTotals(points, zone)
    expect([hours[10], hours[23], hours[7]]).toEqual([180, 5, 3])
    expect(weekdayTotals(points, zone)).toEqual([8, 0, 0, 0, 0, 0, 180]) // 3 and 10 October 1999 were Sundays
    expect(monthlyTotals(points, zone)).toEqual([{ monthKey: '1999-10', offered: 185 }, { monthKey: '1999-11', offered: 3 }])
  })
  it('finds the peak hours of the week from the hour-of-week means', () => {
    expect(peakHoursOfWeek(hourOfWeekMeans(points, zone), 2)).toEqual([{ isoWeekday: 7, hour: 10, meanOffered: 90 }, { isoWeekday: 1, hour: 23, meanOffered: 2.5 }])
  })
})

describe('localVolumeBreakdown (each point converted to local time once)', () => {
  const separately = (points: { startMs: number; offered: number }[], zone: string) => ({
    daily: dailyTotals(points, zone), hourOfWeek: hourOfWeekMeans(points, zone), hourOfDay: hourOfDayTotals(points, zone),
    weekday: weekdayTotals(points, zone), monthly: monthlyTotals(points, zone),
  })
  it('gives the five views of the example exactly', () => {
    const all = localVolumeBreakdown(points0(), zone)
    expect(all).toEqual(separately(points0(), zone))
    expect(all.daily).toEqual([{ dateKey: '1999-10-03', offered: 120 }, { dateKey: '1999-10-04', offered: 5 }, { dateKey: '1999-10-10', offered: 60 }, { dateKey: '1999-11-01', offered: 3 }])
  })
  it('equals the five functions on quarter-hours around DST changes, half-hour zones and years back to 1969', () => {
    const zones = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Jerusalem', 'UTC']
    const quarter = 900_000
    fc.assert(fc.property(
      fc.constantFrom(...zones),
      fc.integer({ min: Math.floor(Date.UTC(1969, 0, 1) / quarter), max: Math.floor(Date.UTC(2030, 0, 1) / quarter) }),
      fc.array(fc.record({ step: fc.integer({ min: 1, max: 200 }), offered: fc.integer({ min: 0, max: 40 }) }), { maxLength: 300 }),
      (z, first, steps) => {
        let q = first
        const pts = steps.map((s) => ({ startMs: (q += s.step) * quarter, offered: s.offered }))
        expect(localVolumeBreakdown(pts, z)).toEqual(separately(pts, z))
      },
    ), { numRuns: 200 })
  })
  it('counts a 25-hour day once per date and its repeated hour in one cell (London, 27 October 2024)', () => {
    const pts = Array.from({ length: 25 * 4 }, (_, k) => ({ startMs: Date.UTC(2024, 9, 26, 23) + k * 900_000, offered: 1 }))
    const all = localVolumeBreakdown(pts, 'Europe/London')
    expect(all.daily).toEqual([{ dateKey: '2024-10-27', offered: 100 }])
    expect(all.hourOfDay[1]).toBe(8)
    expect(all.hourOfWeek[6][1]).toBe(8)
  })
})

function points0() {
  return [at('1999-10-03T10:00:00', 100), at('1999-10-03T10:15:00', 20), at('1999-10-10T10:30:00', 60), at('1999-10-04T23:45:00', 5), at('1999-11-01T07:00:00', 3)]
}
