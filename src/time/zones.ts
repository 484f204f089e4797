/**
 * UTC ↔ local time in a team's IANA time zone. Times are stored as UTC epoch milliseconds; the team sees
 * local wall-clock time. Offsets come from luxon (the IANA database via Intl) and are cached per hour, which is
 * exact for every zone whose transitions fall on a whole hour of local or UTC time (all current zones but
 * Lord Howe's half-hour shift, which still changes at a whole hour).
 */
import { DateTime, IANAZone } from 'luxon'

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone)
}

export function assertTimeZone(zone: string): void {
  if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone '${zone}' (use an IANA name such as Europe/London or Asia/Jerusalem)`)
}

const offsetByUtcHour = new Map<string, Map<number, number>>()

/** Offset (local − UTC) in minutes at a UTC instant. */
export function offsetMinutesAt(utcMs: number, zone: string): number {
  let cache = offsetByUtcHour.get(zone)
  if (!cache) { cache = new Map(); offsetByUtcHour.set(zone, cache) }
  const hourKey = Math.floor(utcMs / HOUR_MS)
  let offset = cache.get(hourKey)
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(hourKey * HOUR_MS)
    cache.set(hourKey, offset)
  }
  return offset
}

const utcByLocalHour = new Map<string, Map<number, number>>()

/**
 * UTC ms of a local wall-clock time given as "naive" ms (the local fields read as if they were UTC).
 * A local time that does not exist (the spring-forward gap) moves forward by the gap, as luxon does;
 * an ambiguous one (the autumn repeat) takes the later (standard-time) occurrence, as luxon does
 * (Europe/London 2024-10-27T01:30 is 01:30 UTC, not 00:30 UTC).
 */
export function localNaiveMsToUtcMs(naiveMs: number, zone: string): number {
  const hourKey = Math.floor(naiveMs / HOUR_MS)
  // Imported files are mostly in time order: the hour of the previous call is the likely one.
  if (hourKey === lastLocalHour && zone === lastLocalZone) return naiveMs + lastLocalOffsetMs
  const offsetMs = localHourOffsetMs(hourKey, zone)
  lastLocalHour = hourKey
  lastLocalZone = zone
  lastLocalOffsetMs = offsetMs
  return naiveMs + offsetMs
}

/**
 * For a local time written without an offset that the autumn clock change repeats (New York 2003-10-26T01:30 is
 * both 05:30 and 06:30 UTC): the earlier instant, when `utcMs` is the later one that parseLocalIsoToUtcMs gives;
 * else null (an unrepeated time, or a text with an offset). An importer gives a file's first occurrence this one.
 */
export function earlierRepeatOfLocalIso(text: string, zone: string, utcMs: number): number | null {
  // every zone's clocks go back between 00:00 and 04:00 local: other hours are not looked at (imports call this per row)
  const hour = Number(text.slice(11, 13))
  if (!(hour <= 3) || /(?:z|[+-]\d{2}:?\d{2})\s*$/i.test(text)) return null
  const naive = parseLocalIsoToUtcMs(text, 'UTC')
  if (!Number.isFinite(naive)) return null
  // the instant at the wall time with the offset of an hour before: earlier than utcMs only across a change back
  const earlier = localNaiveMsToUtcMs(naive - HOUR_MS, zone) + HOUR_MS
  if (!(earlier < utcMs)) return null
  // and it must show the same wall time (a repeat), which a spring-forward gap does not
  return earlier + offsetMinutesAt(earlier, zone) * MINUTE_MS === naive ? earlier : null
}

let lastLocalHour = NaN
let lastLocalZone = ''
let lastLocalOffsetMs = 0

/** UTC − local (ms) for the local wall-clock hour `hourKey` (hours since the epoch, read as if local were UTC). */
function localHourOffsetMs(hourKey: number, zone: string): number {
  let cache = utcByLocalHour.get(zone)
  if (!cache) {
    assertTimeZone(zone)
    cache = new Map()
    utcByLocalHour.set(zone, cache)
  }
  let offsetMs = cache.get(hourKey)
  if (offsetMs === undefined) {
    const d = new Date(hourKey * HOUR_MS)
    const dt = DateTime.fromObject(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours() },
      { zone },
    )
    offsetMs = dt.toMillis() - hourKey * HOUR_MS
    cache.set(hourKey, offsetMs)
  }
  return offsetMs
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Parses an ISO-8601 date-time ("1999-10-01T07:30:00", "1999-10-01 07:30", "2024-03-31T01:30:00+01:00").
 * Without an offset the time is local to `zone`. Returns NaN when the text is not such a time.
 */
export function parseLocalIsoToUtcMs(text: string, zone: string): number {
  const fast = parseCompactLocalIso(text)
  if (fast !== undefined) return isUtcSuffixed(text) ? fast : localNaiveMsToUtcMs(fast, zone)
  const m = ISO_RE.exec(text.trim())
  if (!m) return NaN
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, tz] = m
  const month = +mo, day = +d, hour = +h, minute = +mi, second = +s
  const ms = frac ? Math.round(Number('0.' + frac) * 1000) : 0
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return NaN
  if (hour === 24 && (minute > 0 || second > 0 || ms > 0)) return NaN // 24:00 is the end of the day, 24:01 is nothing
  if (new Date(Date.UTC(+y, month - 1, day)).getUTCDate() !== day) return NaN // 31 April and the like
  const naive = Date.UTC(+y, month - 1, day, hour, minute, second, ms)
  if (tz) {
    if (tz === 'Z' || tz === 'z') return naive
    const sign = tz[0] === '-' ? -1 : 1
    const digits = tz.slice(1).replace(':', '')
    return naive - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * MINUTE_MS
  }
  return localNaiveMsToUtcMs(naive, zone)
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function digitsAt(text: string, at: number, count: number): number {
  let n = 0
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    n = n * 10 + d
  }
  return n
}

/**
 * Fast path for the most common shapes, "YYYY-MM-DDTHH:MM:SS" (or with a space) of exports and the same with ".sss"
 * and/or "Z" of JSON feeds (Date#toISOString; "Z" is read by the caller as UTC): the naive ms of a valid
 * date-time, or undefined for anything else (another shape, or fields out of range), which the general parser
 * then decides; so both paths give the same answer for every text.
 */
function parseCompactLocalIso(text: string): number | undefined {
  const length = text.length
  if (length < 19 || length > 24 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined
  // What may follow the seconds: nothing, "Z", ".sss" or ".sssZ" (what JSON feeds send: Date#toISOString).
  let fractionMs = 0
  if (length === 23 || length === 24) {
    if (text.charCodeAt(19) !== 46) return undefined
    fractionMs = digitsAt(text, 20, 3)
    if (Number.isNaN(fractionMs)) return undefined
  } else if (length !== 19 && length !== 20) return undefined
  if ((length === 20 || length === 24) && !isUtcSuffixed(text)) return undefined
  const sep = text.charCodeAt(10)
  if (sep !== 84 && sep !== 32) return undefined
  const hour = twoDigitsAt(text, 11), minute = twoDigitsAt(text, 14), second = twoDigitsAt(text, 17)
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined // NaN fails too
  const timeMs = ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs
  // Rows of an export mostly share their date with the row before: reuse that date's midnight.
  if (lastDateText !== '' && text.startsWith(lastDateText)) return lastDateMs + timeMs
  const year = digitsAt(text, 0, 4), month = twoDigitsAt(text, 5), day = twoDigitsAt(text, 8)
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1])) return undefined
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined
  if (Number.isNaN(year)) return undefined
  lastDateText = text.slice(0, 10)
  lastDateMs = Date.UTC(year, month - 1, day)
  return lastDateMs + timeMs
}

/** A compact time ending in "Z": UTC, whatever the queue's zone. */
function isUtcSuffixed(text: string): boolean {
  const last = text.charCodeAt(text.length - 1)
  return (text.length === 20 || text.length === 24) && (last === 90 || last === 122)
}

/** The date part ("YYYY-MM-DD") of the last valid compact time, and its midnight as naive ms. */
let lastDateText = ''
let lastDateMs = 0

function twoDigitsAt(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48
  const ones = text.charCodeAt(at + 1) - 48
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN
}

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number
  minuteOfDay: number
  /** "YYYY-MM-DD" of the local date. */
  dateKey: string
}

/** The local calendar fields of a UTC instant in `zone`. */
export function localParts(utcMs: number, zone: string): LocalParts {
  const naive = new Date(utcMs + offsetMinutesAt(utcMs, zone) * MINUTE_MS)
  const year = naive.getUTCFullYear(), month = naive.getUTCMonth() + 1, day = naive.getUTCDate()
  const hour = naive.getUTCHours(), minute = naive.getUTCMinutes()
  return {
    year, month, day, hour, minute,
    isoWeekday: ((naive.getUTCDay() + 6) % 7) + 1,
    minuteOfDay: hour * 60 + minute,
    dateKey: `${year}-${pad2(month)}-${pad2(day)}`,
  }
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n)
}

/** "YYYY-MM-DDTHH:MM:SS" local wall-clock time of a UTC instant. */
export function formatLocalIso(utcMs: number, zone: string): string {
  const naive = new Date(utcMs + offsetMinutesAt(utcMs, zone) * MINUTE_MS)
  return naive.toISOString().slice(0, 19)
}

/** Offset suffix like "+02:00" of a UTC instant in a zone. */
export function formatOffset(utcMs: number, zone: string): string {
  const offset = offsetMinutesAt(utcMs, zone)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
}

/** UTC ms of local midnight starting the local date `dateKey` ("YYYY-MM-DD"). */
export function startOfLocalDayUtcMs(dateKey: string, zone: string): number {
  const ms = parseLocalIsoToUtcMs(dateKey + 'T00:00:00', zone)
  if (Number.isNaN(ms)) throw new RangeError(`'${dateKey}' is not a date (YYYY-MM-DD)`)
  return ms
}

/** The next local date after `dateKey`. */
export function nextDateKey(dateKey: string): string {
  const d = new Date(Date.parse(dateKey + 'T00:00:00Z') + 86_400_000)
  return d.toISOString().slice(0, 10)
}

const DAY_MS = 86_400_000
const DATE_KEY_RE = /^\d{4}-\d{2}-\d{2}$/
/** The dates any range is clipped to (the product's years 1970–2100, src/schemas/queryParams.ts MIN_YEAR/MAX_YEAR). */
const FIRST_DATE_MS = Date.UTC(1970, 0, 1)
const LAST_DATE_MS = Date.UTC(2100, 11, 31)
const dateMsOf = (key: string) => (DATE_KEY_RE.test(key) ? Date.parse(key + 'T00:00:00Z') : NaN)

/**
 * The dates from `fromKey` to `toKey`, both included, clipped to `within` (a schedule's dates) when given and always
 * to 1970-01-01 – 2100-12-31: a stored range of any size (9999-12-31, or 0000-01-01 to 9999-12-31) yields at most the
 * dates inside, never a loop over an unbounded range. Dates that are not YYYY-MM-DD yield [].
 * @example dateKeysBetween('2026-03-30', '2026-04-02', { fromDateKey: '2026-03-31', toDateKey: '2026-04-30' }) // ['2026-03-31', '2026-04-01', '2026-04-02']
 */
export function dateKeysBetween(fromKey: string, toKey: string, within?: { fromDateKey: string; toDateKey: string }): string[] {
  let from = dateMsOf(fromKey), to = dateMsOf(toKey)
  if (!Number.isFinite(from) || !Number.isFinite(to)) return []
  from = Math.max(from, FIRST_DATE_MS)
  to = Math.min(to, LAST_DATE_MS)
  if (within) {
    const lo = dateMsOf(within.fromDateKey), hi = dateMsOf(within.toDateKey)
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return []
    from = Math.max(from, lo)
    to = Math.min(to, hi)
  }
  const out: string[] = []
  for (let ms = from; ms <= to; ms += DAY_MS) out.push(new Date(ms).toISOString().slice(0, 10))
  return out
}

/** Whole days from `fromKey` to `toKey` (dates as YYYY-MM-DD). */
export function daysBetween(fromKey: string, toKey: string): number {
  return Math.round((Date.parse(toKey + 'T00:00:00Z') - Date.parse(fromKey + 'T00:00:00Z')) / 86_400_000)
}

/** ISO weekday (1 = Monday) of a local date key. */
export function isoWeekdayOfDateKey(dateKey: string): number {
  return ((new Date(dateKey + 'T00:00:00Z').getUTCDay() + 6) % 7) + 1
}
