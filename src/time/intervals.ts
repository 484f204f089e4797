/**
 * The interval grid of a team's day: starts of 15/30/60-minute intervals in local time, as UTC instants.
 * A local day is from local midnight to the next local midnight, so daylight-saving days have 23 or 25 hours
 * (92 or 100 quarter-hours).
 */
import { localParts, nextDateKey, startOfLocalDayUtcMs } from './zones.ts'

const MINUTE_MS = 60_000

export function assertIntervalMinutes(intervalMinutes: number): void {
  if (!Number.isInteger(intervalMinutes) || intervalMinutes <= 0 || 1440 % intervalMinutes !== 0) {
    throw new RangeError(`intervalMinutes must divide a day (e.g. 15, 30, 60), got ${intervalMinutes}`)
  }
}

/** UTC starts of every interval of the local date `dateKey` ("YYYY-MM-DD"). */
export function intervalsOfDay(dateKey: string, zone: string, intervalMinutes: number): number[] {
  assertIntervalMinutes(intervalMinutes)
  const startMs = startOfLocalDayUtcMs(dateKey, zone)
  const endMs = startOfLocalDayUtcMs(nextDateKey(dateKey), zone)
  const starts: number[] = []
  for (let t = startMs; t < endMs; t += intervalMinutes * MINUTE_MS) starts.push(t)
  return starts
}

/** UTC starts of every interval from local date `fromKey` up to and including `toKey`. */
export function intervalsBetweenDates(fromKey: string, toKey: string, zone: string, intervalMinutes: number): number[] {
  const starts: number[] = []
  for (let key = fromKey; key <= toKey; key = nextDateKey(key)) starts.push(...intervalsOfDay(key, zone, intervalMinutes))
  return starts
}

/**
 * The start (UTC ms) of the local interval containing `utcMs`: local time floored to the interval length.
 * Intervals are aligned to local midnight; in zones whose offset is not a multiple of the interval (e.g. +05:45
 * with 60-minute intervals) this still holds because the floor is taken on local minutes.
 */
export function intervalStartOf(utcMs: number, zone: string, intervalMinutes: number): number {
  const parts = localParts(utcMs, zone)
  const withinMs = ((parts.minuteOfDay % intervalMinutes) * 60 + new Date(utcMs).getUTCSeconds()) * 1000 + new Date(utcMs).getUTCMilliseconds()
  return utcMs - withinMs
}
