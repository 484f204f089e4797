/**
 * Local wall-clock times as plain numbers. The scheduling module works in the team's local time without a zone:
 * a local date-time is counted in minutes since 1970-01-01T00:00 local ("local minutes"), a clock time in
 * minutes since midnight. DST is not modelled here (every day has 24 h); callers that need it slice days with
 * src/time before building the requirement.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const MINUTES_PER_DAY = 24 * 60

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/
const CLOCK_TIME = /^(\d{1,2}):(\d{2})$/

/** How a local date-time was written, so output can be written the same way. */
export interface LocalDateTimeStyle {
  separator: 'T' | ' '
  withSeconds: boolean
}

export const DEFAULT_LOCAL_STYLE: LocalDateTimeStyle = { separator: 'T', withSeconds: false }

/**
 * Parses 'YYYY-MM-DDTHH:MM' (or with ':SS', or a space instead of 'T') into local minutes.
 * @throws RangeError naming the text when it is not a valid date-time or has non-zero seconds
 * @example parseLocalDateTime('1970-01-02T06:30') // 1830
 */
export function parseLocalDateTime(text: string): number {
  const match = LOCAL_DATE_TIME.exec(String(text).trim())
  if (!match) throw new RangeError(`'${text}' is not a local date-time like 2024-03-04T06:30`)
  const [, y, mo, d, h, mi, s] = match
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi)
  if (s !== undefined && Number(s) !== 0) throw new RangeError(`'${text}' has seconds; interval starts must be whole minutes`)
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) throw new RangeError(`'${text}' is not a valid local date-time`)
  const ms = Date.UTC(year, month - 1, day, hour, minute)
  const check = new Date(ms)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) throw new RangeError(`'${text}' is not a valid calendar date`)
  return ms / 60_000
}

/** The style ('T' or space, seconds or not) in which a local date-time is written. */
export function localDateTimeStyleOf(text: string): LocalDateTimeStyle {
  const trimmed = String(text).trim()
  return { separator: trimmed.charAt(10) === ' ' ? ' ' : 'T', withSeconds: trimmed.length >= 19 }
}

/** Writes local minutes as 'YYYY-MM-DDTHH:MM' (or in the given style). */
export function formatLocalDateTime(localMinutes: number, style: LocalDateTimeStyle = DEFAULT_LOCAL_STYLE): string {
  const iso = new Date(localMinutes * 60_000).toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  return iso.slice(0, 10) + style.separator + iso.slice(11, style.withSeconds ? 19 : 16)
}

/** 'YYYY-MM-DD' of local minutes. */
export function formatLocalDate(localMinutes: number): string {
  return new Date(localMinutes * 60_000).toISOString().slice(0, 10)
}

/**
 * Parses a clock time 'HH:MM' into minutes since midnight. '24:00' is accepted only when `allowEndOfDay` is set.
 * @throws RangeError naming the text
 * @example parseClockTime('06:30') // 390
 */
export function parseClockTime(text: string, allowEndOfDay = false): number {
  const match = CLOCK_TIME.exec(String(text).trim())
  if (!match) throw new RangeError(`'${text}' is not a clock time like 06:30`)
  const minutes = Number(match[1]) * 60 + Number(match[2])
  if (Number(match[2]) > 59) throw new RangeError(`'${text}' is not a valid clock time`)
  if (minutes > MINUTES_PER_DAY || (minutes === MINUTES_PER_DAY && !allowEndOfDay)) {
    throw new RangeError(`'${text}' is past the end of the day${allowEndOfDay ? '' : ' (latest is 23:59)'}`)
  }
  return minutes
}

/** Minutes since midnight as 'HH:MM' (1440 -> '24:00'). */
export function formatClockTime(minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60), m = minutesOfDay % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

/** Start of the local day (midnight) containing the local minute. */
export function startOfLocalDay(localMinutes: number): number {
  return Math.floor(localMinutes / MINUTES_PER_DAY) * MINUTES_PER_DAY
}

/** Weekday of a local minute (1970-01-01 was a Thursday). */
export function weekdayOf(localMinutes: number): Weekday {
  const dayNumber = Math.floor(localMinutes / MINUTES_PER_DAY)
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7]
}

/** Local midnight of the Monday of the ISO week containing the local minute. */
export function startOfLocalWeek(localMinutes: number): number {
  const day = startOfLocalDay(localMinutes)
  return day - WEEKDAYS.indexOf(weekdayOf(localMinutes)) * MINUTES_PER_DAY
}

export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value)
}
