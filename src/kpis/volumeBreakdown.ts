/**
 * Volume by hour of day, day of week and month, and the peak hours, in the queue's local time. Builds on
 * volumeProfile.ts (the same VolumePoint input: UTC interval starts with the contacts offered in them).
 */
import { localParts } from '../time/zones.ts'
import type { VolumePoint } from './volumeProfile.ts'

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
