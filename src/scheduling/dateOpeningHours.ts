/**
 * Opening hours per date: a queue's weekday hours, overridden on listed dates (a public holiday closes the centre,
 * an eve shortens the day). A date may close or shorten its weekday's hours, not widen them (shift templates and
 * the schedule model are built on the weekday hours). Pure.
 */

/** Hours of one local date: closed, or open [openMinute, closeMinute) in local minutes of the day. */
export interface DateOpeningHours {
  /** 'YYYY-MM-DD' local. */
  dateKey: string
  closed: boolean
  openMinute?: number
  closeMinute?: number
  reason: string
}

/** A weekday's hours, Monday first (the queues' stored form); null = closed all day. */
export type WeekdayWindows = readonly ({ openMinute: number; closeMinute: number } | null)[]

const isoWeekdayIndex = (dateKey: string) => (new Date(dateKey + 'T00:00:00Z').getUTCDay() + 6) % 7
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/**
 * The open window of a local date: the date's own hours when listed, else its weekday's; null when closed.
 * @example openWindowOfDate('2003-12-25', weekdays, new Map([['2003-12-25', { dateKey: '2003-12-25', closed: true, reason: 'Christmas' }]])) // null
 */
export function openWindowOfDate(dateKey: string, weekdays: WeekdayWindows, byDate: ReadonlyMap<string, DateOpeningHours>): { openMinute: number; closeMinute: number } | null {
  const own = byDate.get(dateKey)
  if (own) return own.closed ? null : { openMinute: own.openMinute!, closeMinute: own.closeMinute! }
  return weekdays[isoWeekdayIndex(dateKey)] ?? null
}

/** Whether the interval [minuteOfDay, minuteOfDay + intervalMinutes) of the date overlaps its open window. */
export function isOpenOnDate(dateKey: string, minuteOfDay: number, intervalMinutes: number, weekdays: WeekdayWindows, byDate: ReadonlyMap<string, DateOpeningHours>): boolean {
  const window = openWindowOfDate(dateKey, weekdays, byDate)
  return !!window && minuteOfDay < window.closeMinute && minuteOfDay + intervalMinutes > window.openMinute
}

/** Why a date's hours cannot be kept (they widen the weekday's or are out of order), in the user's words, or null. */
export function dateHoursProblem(hours: DateOpeningHours, weekdays: WeekdayWindows): string | null {
  if (hours.closed) return null
  const { openMinute: open, closeMinute: close } = hours
  if (open === undefined || close === undefined || !(close > open)) return `${hours.dateKey}: Closes at must be after Opens at`
  const weekday = weekdays[isoWeekdayIndex(hours.dateKey)]
  const name = new Date(hours.dateKey + 'T00:00:00Z').toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' })
  if (!weekday) return `${hours.dateKey}: the queue is closed on ${name}s, so a date can only stay closed (the shift templates are made for the weekday hours)`
  if (open < weekday.openMinute || close > weekday.closeMinute) return `${hours.dateKey}: a date can close or shorten the day, not widen it: ${clock(open)}–${clock(close)} is outside ${name}'s hours ${clock(weekday.openMinute)}–${clock(weekday.closeMinute)}`
  return null
}

/**
 * The listed date that closes the interval [minuteOfDay, minuteOfDay + intervalMinutes) of `dateKey` (closed all
 * day, or a shortened day whose window the interval does not overlap), or null: the date is not listed, or the
 * interval is inside its hours. The same overlap rule as isOpenOnDate; the weekday's hours are not looked at.
 */
export function dateClosing(dateKey: string, minuteOfDay: number, intervalMinutes: number, byDate: ReadonlyMap<string, DateOpeningHours>): DateOpeningHours | null {
  const own = byDate.get(dateKey)
  if (!own) return null
  if (own.closed) return own
  return minuteOfDay < own.closeMinute! && minuteOfDay + intervalMinutes > own.openMinute! ? null : own
}

/**
 * Why a date's need is zero or cut short, in the user's words: "closed: Christmas Day" or "open 09:00–13:00 only:
 * staff training". `clock` writes a minute of the day (the team's clock style on pages).
 */
export function describeDateHours(hours: DateOpeningHours, clock: (minuteOfDay: number) => string = defaultClock): string {
  const what = hours.closed ? 'closed' : `open ${clock(hours.openMinute!)}–${clock(hours.closeMinute!)} only`
  return hours.reason ? `${what}: ${hours.reason}` : what
}

const defaultClock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** A date whose hours differ between two calendars (null: the date was not listed, so its weekday's hours held). */
export interface DateHoursChange { dateKey: string; before: DateOpeningHours | null; now: DateOpeningHours | null }

const sameHours = (a: DateOpeningHours | null, b: DateOpeningHours | null) =>
  a === null || b === null ? a === b : a.closed === b.closed && (a.closed || (a.openMinute === b.openMinute && a.closeMinute === b.closeMinute))

/**
 * The dates whose opening hours differ between the calendar a plan was made with and the calendar now (a date
 * closed or shortened since, or opened again), date order. The reason alone changing is no change of hours.
 * @example dateHoursChanges([], [{ dateKey: '2003-12-25', closed: true, reason: 'Christmas' }]) // [{ dateKey: '2003-12-25', before: null, now: {…} }]
 */
export function dateHoursChanges(before: readonly DateOpeningHours[], now: readonly DateOpeningHours[]): DateHoursChange[] {
  const was = new Map(before.map((d) => [d.dateKey, d])), is = new Map(now.map((d) => [d.dateKey, d]))
  return [...new Set([...was.keys(), ...is.keys()])].sort()
    .map((dateKey) => ({ dateKey, before: was.get(dateKey) ?? null, now: is.get(dateKey) ?? null }))
    .filter((c) => !sameHours(c.before, c.now))
}

/** One change in the user's words: "2003-12-25: now closed: Christmas (was open as every Thursday)". */
export function describeDateHoursChange(change: DateHoursChange, clock: (minuteOfDay: number) => string = defaultClock, date: (dateKey: string) => string = (d) => d): string {
  const now = change.now ? describeDateHours(change.now, clock) : 'open as on its weekday'
  const before = change.before ? describeDateHours(change.before, clock) : 'open as on its weekday'
  return `${date(change.dateKey)}: now ${now} (was ${before})`
}
