/**
 * Volume by hour of day, day of week and month, and the peak hours, in the queue's local time. Builds on
 * volumeProfile.ts (the same VolumePoint input: UTC interval starts with the contacts offered in them).
 */
import { localParts, offsetMinutesAt } from '../time/zones.ts'
import type { DailyTotal, VolumePoint } from './volumeProfile.ts'

export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** Total offered per local hour of the day (index 0–23), summed over every date of the points. */
export function hourOfDayTotals(points: readonly VolumePoint[], timeZone: string): number[] {
  const totals = new Array<number>(24).fill(0)
  for (const p of points) totals[localParts(p.startMs, timeZone).hour] += p.offered
  return totals
}

/** Total offered per local ISO weekday (index 0 = Monday … 6 = Sunday). */
export function weekdayTotals(points: readonly VolumePoint[], timeZone: string): number[] {
  const totals = new Array<number>(7).fill(0)
  for (const p of points) totals[localParts(p.startMs, timeZone).isoWeekday - 1] += p.offered
  return totals
}

/** Total offered per local month "YYYY-MM", in month order. */
export function monthlyTotals(points: readonly VolumePoint[], timeZone: string): { monthKey: string; offered: number }[] {
  const byMonth = new Map<string, number>()
  for (const p of points) {
    const key = localParts(p.startMs, timeZone).dateKey.slice(0, 7)
    byMonth.set(key, (byMonth.get(key) ?? 0) + p.offered)
  }
  return [...byMonth.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([monthKey, offered]) => ({ monthKey, offered }))
}

export interface PeakHour { isoWeekday: number; hour: number; meanOffered: number }

/** The `count` busiest hours of the week from an hour-of-week matrix (hourOfWeekMeans), busiest first. */
export function peakHoursOfWeek(hourOfWeek: readonly (readonly number[])[], count = 3): PeakHour[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`count must be a whole number >= 1, got ${count}`)
  const cells: PeakHour[] = []
  hourOfWeek.forEach((hours, d) => hours.forEach((v, hour) => { if (v > 0) cells.push({ isoWeekday: d + 1, hour, meanOffered: v }) }))
  return cells.sort((a, b) => b.meanOffered - a.meanOffered || a.isoWeekday - b.isoWeekday || a.hour - b.hour).slice(0, count)
}

export interface LocalVolumeBreakdown {
  daily: DailyTotal[]
  hourOfWeek: number[][]
  hourOfDay: number[]
  weekday: number[]
  monthly: { monthKey: string; offered: number }[]
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/**
 * dailyTotals, hourOfWeekMeans, hourOfDayTotals, weekdayTotals and monthlyTotals of the same points in one pass:
 * each point is converted to local time once (the zone's offset at its start, as localParts does) instead of five
 * times, and a date's key is built once per date, not once per point. Same figures as the five functions.
 */
export function localVolumeBreakdown(points: readonly VolumePoint[], timeZone: string): LocalVolumeBreakdown {
  const hourOfWeekSums = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  const datesPerWeekday = new Array<number>(7).fill(0)
  const hourOfDay = new Array<number>(24).fill(0)
  const weekday = new Array<number>(7).fill(0)
  const byDay = new Map<number, number>()
  // offsetMinutesAt is constant within a UTC hour: looked up once per hour of points (they come in time order).
  let lastHour = NaN, offsetMs = 0
  for (const p of points) {
    const utcHour = Math.floor(p.startMs / HOUR_MS)
    if (utcHour !== lastHour) { lastHour = utcHour; offsetMs = offsetMinutesAt(p.startMs, timeZone) * 60_000 }
    const localMs = p.startMs + offsetMs
    const day = Math.floor(localMs / DAY_MS)
    const hour = Math.floor((localMs - day * DAY_MS) / HOUR_MS)
    const weekdayIndex = (((day + 3) % 7) + 7) % 7 // 1970-01-01 was a Thursday (index 3)
    const before = byDay.get(day)
    if (before === undefined) { byDay.set(day, p.offered); datesPerWeekday[weekdayIndex]++ } else byDay.set(day, before + p.offered)
    hourOfWeekSums[weekdayIndex][hour] += p.offered
    hourOfDay[hour] += p.offered
    weekday[weekdayIndex] += p.offered
  }
  const days = [...byDay.keys()].sort((a, b) => a - b)
  const daily = days.map((day) => ({ dateKey: new Date(day * DAY_MS).toISOString().slice(0, 10), offered: byDay.get(day)! }))
  const byMonth = new Map<string, number>()
  for (const d of daily) { const key = d.dateKey.slice(0, 7); byMonth.set(key, (byMonth.get(key) ?? 0) + d.offered) }
  return {
    daily,
    hourOfWeek: hourOfWeekSums.map((hours, d) => hours.map((sum) => (datesPerWeekday[d] ? sum / datesPerWeekday[d] : 0))),
    hourOfDay,
    weekday,
    monthly: [...byMonth.entries()].map(([monthKey, offered]) => ({ monthKey, offered })),
  }
}
