/**
 * How every page, chart and input shows dates and times: one module. Times are stored in UTC and shown in the
 * queue's zone; the team chooses the style in Settings (default ISO-like: "2000-01-04 09:30"), and the web layer
 * runs each request inside that style (`withDateStyle`), so views call these functions without threading it through.
 * Date inputs always take ISO dates (YYYY-MM-DD), whatever the display style, so a typed date is never ambiguous.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { formatLocalIso } from '../time/zones.ts'

/** The display styles a team can choose. */
export const DATE_STYLES = ['iso', 'dmy', 'mdy'] as const
export type DateStyle = (typeof DATE_STYLES)[number]

export const DEFAULT_DATE_STYLE: DateStyle = 'iso'

/** How each style is described in Settings, with an example (2000-01-04 09:30 and 14:05). */
export const DATE_STYLE_INFO: Record<DateStyle, { label: string }> = {
  iso: { label: 'Year-month-day, 24-hour (ISO)' },
  dmy: { label: 'Day/month/year, 24-hour' },
  mdy: { label: 'Month/day/year, 12-hour' },
}

export function isDateStyle(value: unknown): value is DateStyle {
  return typeof value === 'string' && (DATE_STYLES as readonly string[]).includes(value)
}

const storage = new AsyncLocalStorage<DateStyle>()

/** Runs `fn` with dates shown in `style` (the web layer wraps each request in the team's style). */
export function withDateStyle<T>(style: DateStyle, fn: () => T): T {
  return storage.run(style, fn)
}

/** The style in force: the request's, else the default. */
export function currentDateStyle(): DateStyle {
  return storage.getStore() ?? DEFAULT_DATE_STYLE
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

function parts(dateKey: string): { y: string; m: string; d: string } {
  return { y: dateKey.slice(0, 4), m: dateKey.slice(5, 7), d: dateKey.slice(8, 10) }
}

/** A local date 'YYYY-MM-DD': "2000-01-04", "04/01/2000" or "01/04/2000". */
export function formatDate(dateKey: string, style: DateStyle = currentDateStyle()): string {
  const { y, m, d } = parts(dateKey)
  if (style === 'dmy') return `${d}/${m}/${y}`
  if (style === 'mdy') return `${m}/${d}/${y}`
  return `${y}-${m}-${d}`
}

/** A date without the year, for chart axes: "01-04", "04/01" or "01/04". */
export function formatMonthDay(dateKey: string, style: DateStyle = currentDateStyle()): string {
  const { m, d } = parts(dateKey)
  if (style === 'dmy') return `${d}/${m}`
  if (style === 'mdy') return `${m}/${d}`
  return `${m}-${d}`
}

/** The ISO weekday name of a local date: "Tue". */
export function weekdayOf(dateKey: string): string {
  return WEEKDAYS[new Date(dateKey + 'T00:00:00Z').getUTCDay()]
}

/** "Tue 2000-01-04" (in the team's style). */
export function formatDayLabel(dateKey: string, style: DateStyle = currentDateStyle()): string {
  return `${weekdayOf(dateKey)} ${formatDate(dateKey, style)}`
}

/** "Tue 01-04": a day on a chart axis. */
export function formatShortDayLabel(dateKey: string, style: DateStyle = currentDateStyle()): string {
  return `${weekdayOf(dateKey)} ${formatMonthDay(dateKey, style)}`
}

/** A local clock time 'HH:MM': "09:30" (24-hour styles) or "9:30 AM". */
export function formatClock(hhmm: string, style: DateStyle = currentDateStyle()): string {
  if (style !== 'mdy') return hhmm.slice(0, 5)
  const h = Number(hhmm.slice(0, 2))
  return `${h % 12 === 0 ? 12 : h % 12}:${hhmm.slice(3, 5)} ${h < 12 ? 'AM' : 'PM'}`
}

/** A local date-time 'YYYY-MM-DDTHH:MM[:SS]': "2000-01-04 09:30". */
export function formatLocalDateTime(localIso: string, style: DateStyle = currentDateStyle()): string {
  return `${formatDate(localIso.slice(0, 10), style)} ${formatClock(localIso.slice(11, 16), style)}`
}

/** "Tue 2000-01-04 09:30": an interval start, with its weekday. */
export function formatLocalDayTime(localIso: string, style: DateStyle = currentDateStyle()): string {
  return `${weekdayOf(localIso.slice(0, 10))} ${formatLocalDateTime(localIso, style)}`
}

/** An instant in a zone: "2000-01-04 09:30" (local to `timeZone`). */
export function formatDateTime(utcMs: number, timeZone: string, style: DateStyle = currentDateStyle()): string {
  return formatLocalDateTime(formatLocalIso(utcMs, timeZone), style)
}

/** An instant with its weekday in a zone: "Tue 2000-01-04 09:30". */
export function formatDayTime(utcMs: number, timeZone: string, style: DateStyle = currentDateStyle()): string {
  return formatLocalDayTime(formatLocalIso(utcMs, timeZone), style)
}

/** When something was made or changed, in UTC (the team's zone is per queue): "2000-01-04 09:30 UTC". */
export function formatUtcStamp(utcMs: number, style: DateStyle = currentDateStyle()): string {
  return `${formatDateTime(utcMs, 'UTC', style)} UTC`
}

/** "07:00–15:00" of two local date-times, with the end's date when it ends on another day. */
export function formatLocalSpan(startLocalIso: string, endLocalIso: string, style: DateStyle = currentDateStyle()): string {
  const end = endLocalIso.slice(0, 10) === startLocalIso.slice(0, 10) ? formatClock(endLocalIso.slice(11, 16), style) : formatLocalDayTime(endLocalIso, style)
  return `${formatClock(startLocalIso.slice(11, 16), style)}–${end}`
}

/** The placeholder and pattern of a date input: ISO dates whatever the display style. */
export const DATE_INPUT = { placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', title: 'A date as year-month-day, e.g. 2000-01-04' } as const
