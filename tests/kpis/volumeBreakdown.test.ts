import { describe, expect, it } from 'vitest'
import { hourOfDayTotals, monthlyTotals, peakHoursOfWeek, weekdayTotals } from '../../src/kpis/volumeBreakdown.ts'
import { hourOfWeekMeans } from '../../src/kpis/volumeProfile.ts'
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
