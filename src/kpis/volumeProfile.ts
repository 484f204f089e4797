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
