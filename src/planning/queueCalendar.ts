/**
 * The calendar per date of a queue for the schedules area: its weekday hours, the dates with their own hours, and
 * the writes (add or replace dates, remove one, fill public holidays). The stores are in src/db/dateHours.ts.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { openingHoursOf, type OpeningHours } from '../db/queues.ts'
import { deleteDateHours, fillHolidayClosures, listDateHours, saveDateHours, type StoredDateHours } from '../db/dateHours.ts'
import type { DateOpeningHours } from '../scheduling/dateOpeningHours.ts'

export interface QueueCalendar { queue: Queue; weekdays: OpeningHours; dates: StoredDateHours[] }

export async function queueCalendarOf(db: Db, queue: Queue): Promise<QueueCalendar> {
  return { queue, weekdays: openingHoursOf(queue), dates: await listDateHours(db, queue.id) }
}

/** @throws RangeError naming the date when hours widen the weekday's; nothing is written then */
export async function saveQueueDates(db: Db, queue: Queue, rows: readonly DateOpeningHours[], by: string): Promise<string> {
  await saveDateHours(db, queue, rows, by)
  return `${queue.name}: ${rows.map((r) => `${r.dateKey} ${r.closed ? 'closed' : 'short'}${r.reason ? ` (${r.reason})` : ''}`).join(', ')}`
}

export async function removeQueueDate(db: Db, queue: Queue, dateKey: string): Promise<boolean> {
  return deleteDateHours(db, queue.id, dateKey)
}

/** Public holidays of the queue's country in the years, as closed dates (dates with their own hours are kept). */
export async function fillQueueHolidays(db: Db, queue: Queue, years: readonly number[], by: string): Promise<string[]> {
  return fillHolidayClosures(db, queue, years, by)
}
