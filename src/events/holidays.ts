/**
 * Public holidays as calendar events. The holidays come in as data, in the shape the `date-holidays` package
 * returns (`new Holidays(country).getHolidays(year, 'en')`); `publicHolidays()` below calls it (a pure library).
 *
 * Each holiday covers whole local days from its date for its length (date-holidays gives multi-day periods such as
 * Passover's intermediate days as one record with a start and an end). A holiday that begins the evening before
 * (Jewish and Islamic holidays start at sunset: date-holidays gives them a start at 18:00 on the previous day) makes
 * that previous day an eve, which matters where businesses close early on eves (Israel). Holidays learn one uplift
 * together (key `public holiday`) and eves another (`holiday eve`), since an eve is a half day and a holiday a
 * closed or nearly closed one.
 */
import Holidays from 'date-holidays'
import { localParts, nextDateKey, parseLocalIsoToUtcMs } from '../time/zones.ts'
import { FLAT_SHAPE, type CalendarEvent } from './calendar.ts'

/** One holiday as date-holidays returns it. */
export interface HolidayRecord {
  /** Local date and time of the holiday's day, e.g. "1999-04-01 00:00:00 -0600" (only the date is used). */
  date: string
  start: Date | string | number
  end: Date | string | number
  name: string
  /** public, bank, school, optional or observance. */
  type: string
}

export interface HolidayEventOptions {
  timeZone: string
  /** Country code, for ids and names (e.g. "IL"). */
  country: string
  queueId?: number | null
  /** Holiday types turned into events. @default ['public'] */
  types?: readonly string[]
  /** Add the eve of holidays that begin the evening before. @default true */
  includeEves?: boolean
}

export const HOLIDAY_LEARN_KEY = 'public holiday'
export const EVE_LEARN_KEY = 'holiday eve'
const DAY_MS = 86_400_000

function toMs(value: Date | string | number, argName: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) throw new RangeError(`${argName} must be a date, got ${String(value)}`)
  return ms
}

function shiftDateKey(dateKey: string, days: number): string {
  return new Date(Date.parse(dateKey + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10)
}

function wholeDayEvent(id: string, name: string, firstDate: string, lastDate: string, learnKey: string, options: HolidayEventOptions): CalendarEvent {
  return {
    id, queueId: options.queueId ?? null, type: 'holiday', name, learnKey, source: 'holiday',
    startUtcMs: parseLocalIsoToUtcMs(firstDate + 'T00:00:00', options.timeZone),
    endUtcMs: parseLocalIsoToUtcMs(nextDateKey(lastDate) + 'T00:00:00', options.timeZone),
    timeZone: options.timeZone,
    effect: { kind: 'multiplier', value: null },
    shape: { ...FLAT_SHAPE },
  }
}

/**
 * Turns holiday records into whole-day events (and eves), one event per local date, sorted by date. A date that is
 * both a holiday and another holiday's eve is a holiday.
 * @throws RangeError on a record without a valid date, start or end
 */
export function holidayEvents(records: readonly HolidayRecord[], options: HolidayEventOptions): CalendarEvent[] {
  const { types = ['public'], includeEves = true, country } = options
  const holidayDates = new Map<string, string>()
  const eveDates = new Map<string, string>()
  records.forEach((record, i) => {
    if (!types.includes(record.type)) return
    const date = typeof record.date === 'string' ? record.date.slice(0, 10) : ''
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`holidays[${i}].date must start with YYYY-MM-DD, got ${String(record.date)}`)
    const startMs = toMs(record.start, `holidays[${i}].start`)
    const endMs = toMs(record.end, `holidays[${i}].end`)
    const days = Math.max(1, Math.round((endMs - startMs) / DAY_MS))
    for (let k = 0; k < days; k++) {
      const d = shiftDateKey(date, k)
      if (!holidayDates.has(d)) holidayDates.set(d, days > 1 ? `${record.name} (day ${k + 1})` : record.name)
    }
    const startsTheEveningBefore = localParts(startMs, options.timeZone).dateKey < date
    if (includeEves && startsTheEveningBefore) {
      const eve = shiftDateKey(date, -1)
      if (!eveDates.has(eve)) eveDates.set(eve, `Eve of ${record.name}`)
    }
  })
  const events: CalendarEvent[] = []
  for (const [date, name] of holidayDates) events.push(wholeDayEvent(`holiday:${country}:${date}`, name, date, date, HOLIDAY_LEARN_KEY, options))
  for (const [date, name] of eveDates) {
    if (!holidayDates.has(date)) events.push(wholeDayEvent(`holiday-eve:${country}:${date}`, name, date, date, EVE_LEARN_KEY, options))
  }
  return events.sort((a, b) => a.startUtcMs - b.startUtcMs)
}

/**
 * Holiday records of a country (`IL`) or a country's region (`US-CA`, `DE-BY`) for the given years from date-holidays
 * (names in English where it has them).
 * @throws RangeError for a country or region date-holidays does not know
 */
export function publicHolidays(country: string, years: readonly number[]): HolidayRecord[] {
  const [code, region] = typeof country === 'string' ? country.split('-') : []
  if (!isHolidayCountry(code)) {
    throw new RangeError(`holiday country must be a country code date-holidays knows (e.g. IL, US, GB, or with a region such as US-CA), got '${String(country)}'`)
  }
  if (region !== undefined) {
    const regions = (new Holidays().getStates(code.toUpperCase()) ?? {}) as Record<string, string>
    if (!Object.hasOwn(regions, region.toUpperCase())) {
      const known = Object.keys(regions)
      throw new RangeError(`holiday region '${region}' is not a region of ${code.toUpperCase()} that date-holidays knows${known.length ? ` (one of ${known.join(', ')})` : ' (it has none)'}`)
    }
  }
  const calendar = region === undefined ? new Holidays(code.toUpperCase()) : new Holidays(code.toUpperCase(), region.toUpperCase())
  return years.flatMap((year) => calendar.getHolidays(year, 'en').map((h) => ({ date: h.date, start: h.start, end: h.end, name: h.name, type: h.type })))
}

/** True for a country code (e.g. "IL") that date-holidays has a calendar for. */
export function isHolidayCountry(country: unknown): country is string {
  return typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) && Object.hasOwn(new Holidays().getCountries() as Record<string, string>, country.toUpperCase())
}

/** Country codes with a public-holiday calendar, with their names, for a picker. */
export function holidayCountries(): Array<{ code: string; name: string }> {
  const countries = new Holidays().getCountries('en') as Record<string, string>
  return Object.entries(countries).map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name))
}
