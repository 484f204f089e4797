/**
 * The calendar per date of a queue for the schedules area: its weekday hours, the dates set by hand, and the public
 * holidays of its holiday country, which close or shorten their dates automatically (and their eves when the queue
 * says so; src/scheduling/holidayDateHours.ts). A date set by hand wins over a holiday. queueDateHoursBetween is what
 * requirements, schedule generation (and so rosters) read. The stores are in src/db/dateHours.ts.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { openingHoursOf, weekRulesOfQueue, type OpeningHours } from '../db/queues.ts'
import { deleteDateHours, listDateHours, saveDateHours, setQueueHolidayEves, setQueueWeekRules, type StoredDateHours } from '../db/dateHours.ts'
import { dateHoursChanges, type DateHoursChange, type DateOpeningHours } from '../scheduling/dateOpeningHours.ts'
import { holidayDateHours, mergeDateHours, type HolidayDateEffect } from '../scheduling/holidayDateHours.ts'
import { publicHolidays } from '../events/holidays.ts'
import { WEEK_DAY_NAMES } from '../schemas/queues.ts'
import type { WeekRules } from '../scheduling/weekRules.ts'
import type { Weekday } from '../scheduling/localTime.ts'

export interface QueueCalendar {
  queue: Queue
  weekdays: OpeningHours
  dates: StoredDateHours[]
  /** The holidays' effects in the years shown (null: the queue has no holiday country), each with the hand-set date that overrides it. */
  holidays: { years: number[]; effects: (HolidayDateEffect & { overriddenBy?: StoredDateHours })[] } | null
  /** The queue's week now (weekRulesText), its rules, and the start day its holiday country's custom gives. */
  week: { text: string; rules: WeekRules; customStartsOn: Weekday }
}

const yearsBetween = (fromDateKey: string, toDateKey: string) => {
  const years: number[] = []
  for (let y = Number(fromDateKey.slice(0, 4)); y <= Number(toDateKey.slice(0, 4)); y++) years.push(y)
  return years
}

/** What the queue's public holidays (and eves, if the queue says so) do to its dates in the years; [] without a holiday country. */
export function holidayEffectsOf(queue: Queue, years: readonly number[]): HolidayDateEffect[] {
  if (!queue.holidayCountry || !years.length) return []
  // the eve of 1 January is in the year before
  return holidayDateHours(publicHolidays(queue.holidayCountry, [...years, years[years.length - 1] + 1]), openingHoursOf(queue), { eves: queue.holidayEves })
    .filter((e) => years.includes(Number(e.hours.dateKey.slice(0, 4))))
}

/**
 * The queue's hours per date from..to: the dates set by hand, and the holidays' on the other dates. What
 * requirements and schedule generation read (closed dates: no need, no shift, so no roster).
 */
export async function queueDateHoursBetween(db: Db, queue: Queue, fromDateKey: string, toDateKey: string): Promise<DateOpeningHours[]> {
  const own = await listDateHours(db, queue.id, fromDateKey, toDateKey)
  const holidays = holidayEffectsOf(queue, yearsBetween(fromDateKey, toDateKey)).filter((e) => e.hours.dateKey >= fromDateKey && e.hours.dateKey <= toDateKey)
  return mergeDateHours(own, holidays)
}

/**
 * The dates of a stored plan (a schedule's requirement snapshot) whose hours the calendar has changed since it was
 * made: a date closed or shortened afterwards keeps the need and shifts it was made with until it is generated
 * again, so the pages say so. A snapshot without dates (made before the calendar per date) counts as none listed.
 */
export async function calendarChangesSince(db: Db, queue: Queue, made: { fromDateKey: string; toDateKey: string; dateHours?: readonly DateOpeningHours[] }): Promise<DateHoursChange[]> {
  return dateHoursChanges(made.dateHours ?? [], await queueDateHoursBetween(db, queue, made.fromDateKey, made.toDateKey))
}

/** The calendar page's data: hand-set dates, and the holidays of `years` with what each does. */
export async function queueCalendarOf(db: Db, queue: Queue, years: readonly number[]): Promise<QueueCalendar> {
  const dates = await listDateHours(db, queue.id)
  const byDate = new Map(dates.map((d) => [d.dateKey, d]))
  const holidays = queue.holidayCountry
    ? { years: [...years], effects: holidayEffectsOf(queue, years).map((e) => (byDate.has(e.hours.dateKey) ? { ...e, overriddenBy: byDate.get(e.hours.dateKey)! } : e)) }
    : null
  const week = { text: weekRulesText(queue), rules: weekRulesOfQueue(queue), customStartsOn: weekRulesOfQueue({ ...queue, weekStartsOn: null }).weekStartsOn }
  return { queue, weekdays: openingHoursOf(queue), dates, holidays, week }
}

/** @throws RangeError naming the date when hours widen the weekday's; nothing is written then */
export async function saveQueueDates(db: Db, queue: Queue, rows: readonly DateOpeningHours[], by: string): Promise<string> {
  await saveDateHours(db, queue, rows, by)
  return `${queue.name}: ${rows.map((r) => `${r.dateKey} ${r.closed ? 'closed' : 'short'}${r.reason ? ` (${r.reason})` : ''}`).join(', ')}`
}

export async function removeQueueDate(db: Db, queue: Queue, dateKey: string): Promise<boolean> {
  return deleteDateHours(db, queue.id, dateKey)
}

/**
 * Keeps a holiday's date open with its weekday's hours (a date set by hand, so the holiday no longer closes it).
 * @throws RangeError when the date is closed on its weekday anyway or no holiday of the queue falls on it
 */
export async function openOnHoliday(db: Db, queue: Queue, dateKey: string, by: string): Promise<string> {
  const effect = holidayEffectsOf(queue, [Number(dateKey.slice(0, 4))]).find((e) => e.hours.dateKey === dateKey)
  if (!effect) throw new RangeError(`${dateKey} is not a public holiday (or eve) of the queue's calendar`)
  const weekday = openingHoursOf(queue)[(new Date(dateKey + 'T00:00:00Z').getUTCDay() + 6) % 7]
  if (!weekday) throw new RangeError(`${dateKey}: the queue is closed on that weekday anyway`)
  await saveDateHours(db, queue, [{ dateKey, closed: false, openMinute: weekday.openMinute, closeMinute: weekday.closeMinute, reason: `open as usual (${effect.hours.reason})` }], by)
  return `${queue.name}: ${dateKey} open as usual despite ${effect.hours.reason}`
}

/** Whether the queue's holiday eves close at the time the holiday begins. */
/** Sets the queue's week (start day and weekend, null: its holiday country's custom) and says what it is now. */
export async function setWeekRules(db: Db, queue: Queue, rules: { weekStartsOn: string | null; weekendDays: string[] | null }): Promise<string> {
  await setQueueWeekRules(db, queue.id, rules)
  return `${queue.name}: ${weekRulesText({ ...queue, weekStartsOn: rules.weekStartsOn, weekendDaysJson: rules.weekendDays === null ? null : JSON.stringify(rules.weekendDays) })}`
}

/** "weeks start on Sunday, weekend Friday and Saturday (the custom of IL)". */
export function weekRulesText(queue: Pick<Queue, 'holidayCountry' | 'weekStartsOn' | 'weekendDaysJson'>): string {
  const rules = weekRulesOfQueue(queue)
  const follows = [queue.weekStartsOn === null ? 'start' : '', queue.weekendDaysJson === null ? 'weekend' : ''].filter(Boolean)
  const custom = follows.length ? ` (${follows.join(' and ')}: ${queue.holidayCountry ? `the custom of ${queue.holidayCountry}` : 'the default'})` : ''
  return `weeks start on ${WEEK_DAY_NAMES[rules.weekStartsOn]}, weekend ${rules.weekendDays.length ? rules.weekendDays.map((d) => WEEK_DAY_NAMES[d]).join(' and ') : 'none'}${custom}`
}

export async function setHolidayEves(db: Db, queue: Queue, eves: boolean): Promise<string> {
  await setQueueHolidayEves(db, queue.id, eves)
  return `${queue.name}: holiday eves ${eves ? 'close when the holiday begins' : 'follow their weekday'}`
}
