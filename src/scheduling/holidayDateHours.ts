/**
 * The opening hours public holidays give a queue's dates, automatically (no button): a public holiday closes the
 * centre all day (or from its start, when it begins mid-day), and, when the queue's rules say so, its eve closes at
 * the time the holiday begins (date-holidays gives Jewish holidays a start of 18:00 the day before, "-0600"). A date
 * the scheduler set by hand wins over both (mergeDateHours). Pure.
 */
import type { DateOpeningHours, WeekdayWindows } from './dateOpeningHours.ts'

/** A holiday as date-holidays gives it: `date` "YYYY-MM-DD HH:MM:SS" with an optional " -HHMM" start before that day. */
export interface HolidayDay { date: string; name: string; type: string }

/** What a holiday does to one date, with why (for the calendar page). */
export interface HolidayDateEffect {
  hours: DateOpeningHours
  /** The holiday this comes from. */
  holiday: string
  kind: 'holiday' | 'eve'
  /** False when the date is closed on its weekday anyway or the holiday starts after the weekday's close. */
  changesHours: boolean
}

const HOLIDAY_DATE = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):\d{2}(?: -(\d{2})(\d{2}))?$/
const isoWeekdayIndex = (dateKey: string) => (new Date(dateKey + 'T00:00:00Z').getUTCDay() + 6) % 7
const previousDate = (dateKey: string) => new Date(Date.parse(dateKey + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10)

/** The date's hours closing at closeMinute: closed when that is at or before it opens, unchanged when after it closes. */
function closingAt(dateKey: string, closeMinute: number, weekdays: WeekdayWindows, reason: string): { hours: DateOpeningHours; changesHours: boolean } {
  const weekday = weekdays[isoWeekdayIndex(dateKey)]
  if (!weekday || closeMinute <= weekday.openMinute) return { hours: { dateKey, closed: true, reason }, changesHours: !!weekday }
  if (closeMinute >= weekday.closeMinute) return { hours: { dateKey, closed: false, openMinute: weekday.openMinute, closeMinute: weekday.closeMinute, reason }, changesHours: false }
  return { hours: { dateKey, closed: false, openMinute: weekday.openMinute, closeMinute, reason }, changesHours: true }
}

/**
 * The dates public holidays (type 'public') close or shorten, and their eves when `eves`, one effect per date (a
 * holiday wins over an eve on the same date), in date order.
 * @throws RangeError naming the holiday when its date is not in date-holidays' form
 * @example holidayDateHours([{ date: '2026-04-02 00:00:00 -0600', name: 'Passover (Pesach)', type: 'public' }], weekdays, { eves: true })
 *   // 2026-04-02 closed; 2026-04-01 closes at 18:00 (when the weekday closes later)
 */
export function holidayDateHours(holidays: readonly HolidayDay[], weekdays: WeekdayWindows, options: { eves: boolean }): HolidayDateEffect[] {
  const byDate = new Map<string, HolidayDateEffect>()
  for (const h of holidays) {
    if (h.type !== 'public') continue
    const m = HOLIDAY_DATE.exec(h.date)
    if (!m) throw new RangeError(`holiday '${h.name}': date '${h.date}' is not written YYYY-MM-DD HH:MM:SS`)
    const [, dateKey, hh, mm, beforeH, beforeM] = m
    const startMinute = Number(hh) * 60 + Number(mm)
    const day = startMinute === 0
      ? { hours: { dateKey, closed: true, reason: h.name }, changesHours: !!weekdays[isoWeekdayIndex(dateKey)] }
      : closingAt(dateKey, startMinute, weekdays, h.name)
    byDate.set(dateKey, { ...day, holiday: h.name, kind: 'holiday' })
    if (options.eves && beforeH !== undefined) {
      const eve = previousDate(dateKey)
      if (byDate.get(eve)?.kind === 'holiday') continue
      const reason = `eve of ${h.name}`
      byDate.set(eve, { ...closingAt(eve, 1440 - (Number(beforeH) * 60 + Number(beforeM)), weekdays, reason), holiday: h.name, kind: 'eve' })
    }
  }
  return [...byDate.values()].sort((a, b) => a.hours.dateKey.localeCompare(b.hours.dateKey))
}

/**
 * A queue's hours per date: the dates set by hand (`own`) as they are, then the holidays' effects on the other dates
 * (only those that change the weekday's hours), in date order.
 */
export function mergeDateHours(own: readonly DateOpeningHours[], holidays: readonly HolidayDateEffect[]): DateOpeningHours[] {
  const set = new Set(own.map((d) => d.dateKey))
  const auto = holidays.filter((e) => e.changesHours && !set.has(e.hours.dateKey)).map((e) => e.hours)
  return [...own, ...auto].sort((a, b) => a.dateKey.localeCompare(b.dateKey))
}
