/**
 * Volume by day and by hour of week, in the queue's local time. Takes interval history (UTC starts + offered)
 * and returns plain numbers for tables and charts.
 */
import { localParts } from '../time/zones.ts'

export interface VolumePoint { startMs: number; offered: number }

export interface DailyTotal { dateKey: string; offered: number }

/** Total offered per local date, in date order (dates without data are absent, not zero). */
export function dailyTotals(intervals: readonly VolumePoint[], timeZone: string): DailyTotal[] {
  const byDate = new Map<string, number>()
  for (const i of intervals) {
    const key = localParts(i.startMs, timeZone).dateKey
    byDate.set(key, (byDate.get(key) ?? 0) + i.offered)
  }
  return [...byDate.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([dateKey, offered]) => ({ dateKey, offered }))
}

/**
 * Mean offered per hour of week: result[isoWeekday − 1][hour] is the mean, over the local dates with data that fall
 * on that weekday, of the volume arriving in that hour. A 25-hour day adds its repeated hour to the same cell.
 */
export function hourOfWeekMeans(intervals: readonly VolumePoint[], timeZone: string): number[][] {
  const sums = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  const datesPerWeekday = Array.from({ length: 7 }, () => new Set<string>())
  for (const i of intervals) {
    const p = localParts(i.startMs, timeZone)
    sums[p.isoWeekday - 1][p.hour] += i.offered
    datesPerWeekday[p.isoWeekday - 1].add(p.dateKey)
  }
  return sums.map((hours, d) => hours.map((sum) => (datesPerWeekday[d].size ? sum / datesPerWeekday[d].size : 0)))
}

/**
 * The same profile as dailyTotals + hourOfWeekMeans, from volumes already summed per local date and per local
 * weekday (0 = Monday) × hour (src/db/contactAggregates.ts sums them in SQL): the mean of a weekday × hour is its
 * sum over the number of dates with data that fall on that weekday.
 */
export function volumeProfileOfLocalSums(
  days: readonly DailyTotal[], weekdayHours: readonly { weekdayIndex: number; hour: number; offered: number }[],
): { daily: DailyTotal[]; hourOfWeek: number[][] } {
  const datesPerWeekday = new Array<number>(7).fill(0)
  for (const d of days) datesPerWeekday[(new Date(d.dateKey + 'T00:00:00Z').getUTCDay() + 6) % 7]++
  const hourOfWeek = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  for (const c of weekdayHours) hourOfWeek[c.weekdayIndex][c.hour] += c.offered
  return {
    daily: [...days].sort((a, b) => (a.dateKey < b.dateKey ? -1 : 1)),
    hourOfWeek: hourOfWeek.map((hours, d) => hours.map((sum) => (datesPerWeekday[d] ? sum / datesPerWeekday[d] : 0))),
  }
}
