/**
 * Public holidays as special days for the forecasting engine, by kind, so that each kind learns its own effect from
 * the history's own past holidays (shrunk toward the kind's prior when the history holds few):
 * - `holiday`: a public holiday (date-holidays type `public`; each day of a multi-day one);
 * - `holiday eve`: the day before a holiday that begins the evening before (Jewish and Islamic holidays: date-holidays
 *   gives them a start in the afternoon of the previous day), where businesses close early;
 * - `holiday period`: the days of a multi-day period date-holidays lists next to a public holiday (Pesach's and
 *   Sukkot's intermediate days), and the one or two days between two public holidays three days apart or less;
 * - `bridge day`: a working day between a holiday and the weekend (the Friday after Thanksgiving);
 * - `day after holiday`: the first working day after a holiday on a working day (past the weekend), where the closed day's contacts
 *   come back (US bank: +27% on the Tuesday after Memorial Day, +37% after Labor Day);
 * - `holiday week`: the other working days of a week that holds a holiday (the week starts after the weekend), where
 *   the closed day's contacts often come instead (US banks: about +10% on the other days of the 4th of July week).
 * - `working holiday`: a public holiday on which most private employers stay open (a small list by name, e.g. US
 *   Columbus Day and Veterans Day, which date-holidays types `public` because government offices close) and bank
 *   holidays (type `bank`): the prior is a normal day and the effect is learned from the history's own such days,
 *   so a team that stays open is not forecast as closed (the 2003 US bank answered as usual on Columbus Day).
 * - `holiday weekend`: any of the above falling on a weekend day (Israel: Friday, a short day, and Saturday). A
 *   weekend day has its own level and shape, so its effect is learned apart (prior: as usual) and a Friday of Pesach
 *   (833 calls against about 500 on a normal Friday) does not teach Pesach's Sunday to expect +60%.
 * Observances (Valentine's Day, Halloween), school and optional days are not special.
 * A date gets one kind: holiday, then eve (an eve inside a holiday period, such as the eve of Pesach's seventh day,
 * closes early like any eve), then holiday period, then bridge day, then day after holiday, then holiday week. The records come in as data (the shape `publicHolidays()`
 * returns), so this module stays pure.
 */
import type { SpecialDay } from '../forecast/types.ts'
import type { HolidayRecord } from './holidays.ts'
import { localParts } from '../time/zones.ts'

export const HOLIDAY_KINDS = ['holiday', 'holiday eve', 'holiday period', 'bridge day', 'day after holiday', 'holiday week', 'working holiday', 'holiday weekend'] as const
export type HolidayKind = (typeof HOLIDAY_KINDS)[number]

/**
 * Prior multipliers of a day's volume by kind, used where the history holds no such day and as the target of the
 * shrinkage: a holiday is nearly closed, an eve about a half day, a holiday period's days and bridge days quieter, the day after a holiday busier, the rest of a holiday's week as usual until learned.
 */
export const HOLIDAY_PRIORS: Record<HolidayKind, number> = { holiday: 0.1, 'holiday eve': 0.5, 'holiday period': 0.75, 'bridge day': 0.85, 'day after holiday': 1.1, 'holiday week': 1, 'working holiday': 1, 'holiday weekend': 1 }

/**
 * Public holidays (date-holidays English names) on which most private employers work: federal holidays that close
 * government offices and the Federal Reserve but not most businesses (US). Extend by name for other countries.
 */
export const WORKING_HOLIDAY_NAMES: ReadonlySet<string> = new Set(['Columbus Day', 'Veterans Day', 'Martin Luther King Jr. Day', "Washington's Birthday"])

const DAY_MS = 86_400_000
const HOLIDAY_WEEK_MAX_GAP_DAYS = 3

/** Weekend weekdays (ISO, 1 = Monday) of a country: Friday-Saturday in Israel and much of the Middle East, else Saturday-Sunday. */
export function weekendOf(country: string): number[] {
  return ['IL', 'SA', 'AE', 'QA', 'KW', 'BH', 'OM', 'EG', 'JO', 'IQ', 'DZ', 'LY', 'SY', 'YE', 'SD'].includes(country.toUpperCase()) ? [5, 6] : [6, 7]
}

const addDays = (date: string, days: number) => new Date(Date.parse(date + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10)
const weekdayOf = (date: string) => ((new Date(date + 'T00:00:00Z').getUTCDay() + 6) % 7) + 1

function toMs(value: Date | string | number): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
}

/**
 * Special days (date, label = kind, prior multiplier) of the holiday records, sorted by date.
 * @param weekend ISO weekdays of the weekend, for bridge days (default Saturday and Sunday)
 * @throws RangeError on a record without a YYYY-MM-DD date
 */
export function holidaySpecialDays(records: readonly HolidayRecord[], timeZone: string, weekend: readonly number[] = [6, 7]): SpecialDay[] {
  const kinds = new Map<string, HolidayKind>()
  const names = new Map<string, string>()
  const eves: string[] = []
  const periods: string[] = []
  const working: string[] = []
  records.forEach((record, i) => {
    const date = typeof record.date === 'string' ? record.date.slice(0, 10) : ''
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`holidays[${i}].date must start with YYYY-MM-DD, got ${String(record.date)}`)
    const startMs = toMs(record.start)
    const endMs = toMs(record.end)
    const days = Number.isFinite(startMs) && Number.isFinite(endMs) ? Math.max(1, Math.round((endMs - startMs) / DAY_MS)) : 1
    if ((record.type === 'public' && WORKING_HOLIDAY_NAMES.has(record.name)) || record.type === 'bank') {
      for (let k = 0; k < days; k++) working.push(addDays(date, k))
    } else if (record.type === 'public') {
      for (let k = 0; k < days; k++) {
        kinds.set(addDays(date, k), 'holiday')
        names.set(addDays(date, k), record.name)
      }
      if (Number.isFinite(startMs) && localParts(startMs, timeZone).dateKey < date) eves.push(addDays(date, -1))
    } else if (days > 1) {
      for (let k = 0; k < days; k++) periods.push(addDays(date, k))
    }
  })
  const holidays = [...kinds.keys()].sort()
  for (const d of eves) if (!kinds.has(d)) kinds.set(d, 'holiday eve')
  // Days between two public holidays close together, and multi-day periods next to a holiday.
  for (let i = 1; i < holidays.length; i++) {
    const gap = (Date.parse(holidays[i]) - Date.parse(holidays[i - 1])) / DAY_MS
    if (gap > 1 && gap <= HOLIDAY_WEEK_MAX_GAP_DAYS) {
      for (let d = addDays(holidays[i - 1], 1); d < holidays[i]; d = addDays(d, 1)) if (!kinds.has(d)) kinds.set(d, 'holiday period')
    }
  }
  for (const d of periods) if (!kinds.has(d) && (kinds.has(addDays(d, -1)) || kinds.has(addDays(d, 1)))) kinds.set(d, 'holiday period')
  const isOff = (d: string) => kinds.get(d) === 'holiday' || weekend.includes(weekdayOf(d))
  for (const d of holidays) {
    for (const [bridge, beyond] of [[addDays(d, 1), addDays(d, 2)], [addDays(d, -1), addDays(d, -2)]]) {
      if (!kinds.has(bridge) && !weekend.includes(weekdayOf(bridge)) && isOff(beyond)) kinds.set(bridge, 'bridge day')
    }
  }
  for (const d of working) if (!kinds.has(d)) kinds.set(d, 'working holiday')
  // Only after a holiday on a working day: a holiday on the weekend displaced no working day's contacts.
  for (const d of holidays.filter((h) => !weekend.includes(weekdayOf(h)))) {
    let next = addDays(d, 1)
    for (let k = 0; k < 7 && isOff(next); k++) next = addDays(next, 1)
    if (!kinds.has(next)) kinds.set(next, 'day after holiday')
  }
  // The rest of each holiday's week: the week starts on the day after the weekend's last day.
  const firstOfWeek = (weekend.length ? Math.max(...weekend) % 7 : 0) + 1
  for (const d of holidays) {
    const back = (weekdayOf(d) - firstOfWeek + 7) % 7
    for (let k = 0; k < 7; k++) {
      const day = addDays(d, k - back)
      if (!kinds.has(day) && !weekend.includes(weekdayOf(day))) kinds.set(day, 'holiday week')
    }
  }
  for (const [d] of kinds) if (weekend.includes(weekdayOf(d))) kinds.set(d, 'holiday weekend')
  return [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, kind]) => ({ date, label: kind, priorMultiplier: HOLIDAY_PRIORS[kind] }))
}
