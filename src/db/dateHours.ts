/**
 * A queue's opening hours per date (the calendar per date): the dates that close or shorten the weekday hours, with
 * the reason, as the scheduler set them (rows of source 'holiday' were filled by an earlier button; public holidays now
 * apply automatically, src/planning/queueCalendar.ts). Every write checks the hours first (src/scheduling/dateOpeningHours.ts) and
 * writes all rows or none.
 */
import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { Db } from './client.ts'
import { queueDateHours, queues, type Queue } from './schema.ts'
import { openingHoursOf } from './queues.ts'
import { dateHoursProblem, type DateOpeningHours } from '../scheduling/dateOpeningHours.ts'

export interface StoredDateHours extends DateOpeningHours { source: 'manual' | 'holiday'; updatedBy: string; updatedAtMs: number }

/** The queue's dates with their own hours, from..to inclusive (all when left out), in date order. */
export async function listDateHours(db: Db, queueId: number, fromDateKey?: string, toDateKey?: string): Promise<StoredDateHours[]> {
  const rows = await db.orm.select().from(queueDateHours).where(and(eq(queueDateHours.queueId, queueId),
    ...(fromDateKey ? [gte(queueDateHours.dateKey, fromDateKey)] : []), ...(toDateKey ? [lte(queueDateHours.dateKey, toDateKey)] : [])))
    .orderBy(asc(queueDateHours.dateKey))
  return rows.map((r) => ({
    dateKey: r.dateKey, closed: r.closed, ...(r.closed ? {} : { openMinute: r.openMinute!, closeMinute: r.closeMinute! }),
    reason: r.reason, source: r.source, updatedBy: r.updatedBy, updatedAtMs: r.updatedAtMs,
  }))
}

/**
 * Adds or replaces (by date) the hours of many dates of a queue in one transaction: all or none.
 * @throws RangeError naming the date when hours widen the weekday's or are out of order; nothing is written then
 */
export async function saveDateHours(db: Db, queue: Queue, list: readonly DateOpeningHours[], updatedBy: string, source: 'manual' | 'holiday' = 'manual'): Promise<number> {
  const weekdays = openingHoursOf(queue)
  const problems = list.map((d) => dateHoursProblem(d, weekdays)).filter((p): p is string => p !== null)
  if (problems.length) throw new RangeError(problems.join('; '))
  const nowMs = Date.now()
  await db.orm.transaction(async (tx) => {
    for (const d of list) {
      const values = { closed: d.closed, openMinute: d.closed ? null : d.openMinute!, closeMinute: d.closed ? null : d.closeMinute!, reason: d.reason, source, updatedAtMs: nowMs, updatedBy }
      await tx.insert(queueDateHours).values({ queueId: queue.id, dateKey: d.dateKey, ...values })
        .onConflictDoUpdate({ target: [queueDateHours.queueId, queueDateHours.dateKey], set: values })
    }
  })
  return list.length
}

/** Removes a date's own hours (its weekday's apply again). Returns whether there were any. */
export async function deleteDateHours(db: Db, queueId: number, dateKey: string): Promise<boolean> {
  return (await db.orm.delete(queueDateHours).where(and(eq(queueDateHours.queueId, queueId), eq(queueDateHours.dateKey, dateKey))).returning({ id: queueDateHours.id })).length > 0
}

/** Sets the queue's week (start day, weekend days); null follows its holiday country's custom (src/scheduling/weekRules.ts). */
export async function setQueueWeekRules(db: Db, queueId: number, rules: { weekStartsOn: string | null; weekendDays: string[] | null }): Promise<void> {
  await db.orm.update(queues).set({ weekStartsOn: rules.weekStartsOn, weekendDaysJson: rules.weekendDays === null ? null : JSON.stringify(rules.weekendDays) }).where(eq(queues.id, queueId))
}

/** Sets whether the queue's holiday eves close when the holiday begins (src/scheduling/holidayDateHours.ts). */
export async function setQueueHolidayEves(db: Db, queueId: number, eves: boolean): Promise<void> {
  await db.orm.update(queues).set({ holidayEves: eves }).where(eq(queues.id, queueId))
}
