/** Number formatting and links shared by the staffing views. Percentages appear only here, in the views. */
import { formatDecimal, formatPercent } from '../../src/format/numbers.ts'
import { formatClock, formatDayLabel, formatDayTime } from '../../src/format/dateTime.ts'
import { formatClockTime } from '../../src/scheduling/localTime.ts'
import { describeDateHours, type DateOpeningHours } from '../../src/scheduling/dateOpeningHours.ts'

export function pct(fraction: number | null, digits = 1): string {
  return formatPercent(fraction, digits)
}

export function num(value: number | null, digits = 1): string {
  if (value === null) return '–'
  if (!Number.isFinite(value)) return '∞'
  return formatDecimal(value, digits)
}

/** "Mon 2003-10-27" (in the team's date style: src/format/dateTime.ts) */
export function dayLabel(dateKey: string): string {
  return formatDayLabel(dateKey)
}

/** "Mon 2003-10-27 07:00" local time of an interval start. */
export function intervalLabel(startMs: number, timeZone: string): string {
  return formatDayTime(startMs, timeZone)
}

/** A /staffing URL for a queue and range, with more query values. */
export function staffingHref(path: string, queueId: number, fromDateKey: string, toDateKey: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ queue: String(queueId), from: fromDateKey, to: toDateKey, ...extra })
  return `/staffing${path}?${query.toString()}`
}

const CONSTRAINT_NAMES: Record<string, string> = { service_level: 'service level', asa: 'ASA', occupancy: 'occupancy', abandon: 'abandonment' }

export function constraintNames(names: readonly string[]): string {
  return names.length ? names.map((n) => CONSTRAINT_NAMES[n] ?? n).join(' + ') : '–'
}

/** Why a day's need is zero or cut short (the calendar per date), with the team's clock style. */
export function calendarNote(hours: DateOpeningHours): string {
  return describeDateHours(hours, (m) => formatClock(formatClockTime(m)))
}
