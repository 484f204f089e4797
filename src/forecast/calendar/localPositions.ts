import { DateTime, IANAZone } from 'luxon'
import type { IntervalStart } from '../types.ts'

/** Where an interval start falls: the instant, and its local calendar position in the team zone. */
export interface LocalPosition {
  utcMs: number
  /** Local calendar date as days since 1970-01-01 (so `dayNumber - 7` is the same weekday a week earlier). */
  dayNumber: number
  /** Minutes after local midnight (wall-clock). */
  minuteOfDay: number
  /** 1 for the second pass through a repeated wall-clock hour (the day clocks go back), else 0. */
  fold: 0 | 1
}

const MS_PER_MINUTE = 60_000
const MINUTES_PER_DAY = 1440
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** Validates an IANA zone name and returns the luxon zone. */
export function teamZone(timeZone: string): IANAZone {
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new RangeError(`timeZone must be an IANA zone name such as 'Europe/London', got ${JSON.stringify(timeZone)}`)
  }
  return IANAZone.create(timeZone)
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1
}

/** `YYYY-MM-DD` of a day number. */
export function isoDateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)
}

/** Day number of a `YYYY-MM-DD` date; throws a RangeError naming `argName` when malformed. */
export function dayNumberOfIsoDate(date: string, argName: string): number {
  const match = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null
  if (!match) throw new RangeError(`${argName} must be a local date YYYY-MM-DD, got ${JSON.stringify(date)}`)
  const ms = Date.UTC(+match[1], +match[2] - 1, +match[3])
  if (new Date(ms).getUTCDate() !== +match[3]) throw new RangeError(`${argName} is not a calendar date: ${date}`)
  return ms / 86_400_000
}

function positionOfUtc(utcMs: number, zone: IANAZone): LocalPosition {
  const offsetMinutes = zone.offset(utcMs)
  const localMs = utcMs + offsetMinutes * MS_PER_MINUTE
  const dayNumber = Math.floor(localMs / 86_400_000)
  const minuteOfDay = Math.round((localMs - dayNumber * 86_400_000) / MS_PER_MINUTE)
  const fold: 0 | 1 = isRepeatedLocal(utcMs, offsetMinutes, zone) ? 1 : 0
  return { utcMs, dayNumber, minuteOfDay, fold }
}

/** True when the wall-clock time of `utcMs` also occurred earlier under a larger offset (second pass of a fall-back hour). */
function isRepeatedLocal(utcMs: number, offsetMinutes: number, zone: IANAZone): boolean {
  for (const deltaMinutes of [30, 60, 120]) {
    const earlierUtc = utcMs - deltaMinutes * MS_PER_MINUTE
    if (zone.offset(earlierUtc) - offsetMinutes === deltaMinutes) return true
  }
  return false
}

/**
 * Converts interval starts to local calendar positions in `timeZone`.
 * Local strings without offset are read as wall-clock time in the zone. A wall-clock time that does not exist
 * (skipped by a spring-forward, yet written by exports whose clock ignores daylight saving) keeps its wall-clock
 * calendar position; its instant is squeezed into the minute before the transition, so it still sorts between its
 * neighbours. A wall-clock time that occurs twice (fall-back) is the first pass,
 * unless the same string already appeared earlier in the list, in which case it is the second pass: so a history
 * of a 25-hour day written in local time is read in order.
 * @throws RangeError naming `argName` and the index of the bad value.
 */
export function toLocalPositions(timestamps: readonly IntervalStart[], timeZone: string, argName: string): LocalPosition[] {
  if (!Array.isArray(timestamps)) throw new TypeError(`${argName} must be an array of interval starts, got ${typeof timestamps}`)
  const zone = teamZone(timeZone)
  const seenAmbiguous = new Set<string>()
  const offsetCache = new Map<string, { offsetMinutes: number; uniform: boolean }>()
  const positions: LocalPosition[] = new Array(timestamps.length)
  for (let i = 0; i < timestamps.length; i++) {
    const value = timestamps[i]
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`${argName}[${i}] must be a finite UTC millisecond time, got ${value}`)
      positions[i] = positionOfUtc(value, zone)
      continue
    }
    const match = typeof value === 'string' ? LOCAL_ISO.exec(value) : null
    if (!match) throw new RangeError(`${argName}[${i}] must be an ISO-8601 time such as 2024-03-04T09:30:00, got ${JSON.stringify(value)}`)
    const [, y, mo, d, h, mi, s, offset] = match
    if (offset !== undefined) {
      const dt = DateTime.fromISO(value, { zone, setZone: false })
      if (!dt.isValid) throw new RangeError(`${argName}[${i}] is not a valid time: ${value}`)
      positions[i] = positionOfUtc(dt.toMillis(), zone)
      continue
    }
    const localMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0)
    if (new Date(localMs).getUTCDate() !== +d || +h > 23 || +mi > 59) throw new RangeError(`${argName}[${i}] is not a valid time: ${value}`)
    const dateKey = value.slice(0, 10)
    let day = offsetCache.get(dateKey)
    if (!day) {
      const midnightLocal = Date.UTC(+y, +mo - 1, +d)
      const startOffset = zone.offset(midnightLocal - zone.offset(midnightLocal) * MS_PER_MINUTE)
      const endLocal = midnightLocal + 86_400_000
      const endOffset = zone.offset(endLocal - zone.offset(endLocal) * MS_PER_MINUTE)
      // Uniform: same offset at both ends and at noon (no transition during the day).
      const noonOffset = zone.offset(midnightLocal + 43_200_000 - startOffset * MS_PER_MINUTE)
      day = { offsetMinutes: startOffset, uniform: startOffset === endOffset && noonOffset === startOffset }
      offsetCache.set(dateKey, day)
    }
    if (day.uniform) {
      const utcMs = localMs - day.offsetMinutes * MS_PER_MINUTE
      positions[i] = { utcMs, dayNumber: Math.floor(localMs / 86_400_000), minuteOfDay: +h * 60 + +mi, fold: 0 }
      continue
    }
    positions[i] = positionOfTransitionDay(value, localMs, zone, seenAmbiguous, argName, i)
  }
  return positions
}

function positionOfTransitionDay(value: string, localMs: number, zone: IANAZone, seenAmbiguous: Set<string>, argName: string, index: number): LocalPosition {
  const dt = DateTime.fromMillis(localMs, { zone: 'utc' }).setZone(zone, { keepLocalTime: true })
  const candidates = dt.getPossibleOffsets().map((c) => c.toMillis()).sort((a, b) => a - b)
  const exists = candidates.filter((utcMs) => utcMs + zone.offset(utcMs) * MS_PER_MINUTE === localMs)
  if (exists.length === 0) return positionOfSkippedTime(localMs, zone)
  const key = value.slice(0, 16)
  let utcMs = exists[0]
  if (exists.length > 1) {
    if (seenAmbiguous.has(key)) utcMs = exists[exists.length - 1]
    else seenAmbiguous.add(key)
  }
  const dayNumber = Math.floor(localMs / 86_400_000)
  const minuteOfDay = Math.round((localMs - dayNumber * 86_400_000) / MS_PER_MINUTE) % MINUTES_PER_DAY
  return { utcMs, dayNumber, minuteOfDay, fold: exists.length > 1 && utcMs !== exists[0] ? 1 : 0 }
}

/**
 * A wall-clock time inside a spring-forward gap: calendar position as written; instant mapped linearly from
 * [gap start, gap end) onto the minute before the transition instant (ordering only; see toLocalPositions).
 */
function positionOfSkippedTime(localMs: number, zone: IANAZone): LocalPosition {
  const offsetBefore = zone.offset(localMs - 86_400_000)
  const offsetAfter = zone.offset(localMs + 86_400_000)
  const gapMs = Math.max(1, (offsetAfter - offsetBefore) * MS_PER_MINUTE)
  const asIfBefore = localMs - offsetBefore * MS_PER_MINUTE
  // Transition instant: the last instant still under offsetBefore lies in (asIfBefore - gap, asIfBefore].
  let lo = asIfBefore - gapMs
  let hi = asIfBefore
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2)
    if (zone.offset(mid) === offsetBefore) lo = mid
    else hi = mid
  }
  const transitionUtc = Math.round(hi / 1000) * 1000
  const intoGapMs = asIfBefore - transitionUtc
  const utcMs = transitionUtc - MS_PER_MINUTE + Math.floor((intoGapMs * MS_PER_MINUTE) / gapMs)
  const dayNumber = Math.floor(localMs / 86_400_000)
  return { utcMs, dayNumber, minuteOfDay: Math.round((localMs - dayNumber * 86_400_000) / MS_PER_MINUTE), fold: 0 }
}
