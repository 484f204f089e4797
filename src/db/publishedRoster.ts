/**
 * The published roster as rows: each shift of a published schedule with its row id, agent and breaks, and the one
 * write that changes who works which shifts after an approved request (all rows or none, the schedule's version
 * checked). Used by My shifts, the calendar feed, the roster CSV and the requests page (src/planning/rosterRequests.ts).
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from './client.ts'
import { queues, scheduleShifts, schedules } from './schema.ts'
import type { ScheduledBreak } from '../scheduling/index.ts'
import { isInForceOn, schedulesInForce, type ScheduleInForce } from '../scheduling/publishedInForce.ts'

/** One published shift: local start 'YYYY-MM-DDTHH:MM' in the queue's zone and its UTC start. */
export interface PublishedShiftRow {
  id: number
  scheduleId: number
  queueId: number
  queueName: string
  timeZone: string
  templateName: string
  startLocal: string
  startMs: number
  lengthMinutes: number
  paidMinutes: number
  /** Null: nobody could take it (unassignedReason says why). */
  agent: string | null
  unassignedReason: string | null
  breaks: ScheduledBreak[]
}

/** A published schedule in force on some of its dates, with its version and when its roster last changed. */
export interface PublishedInForce extends ScheduleInForce { version: number; changedAtMs: number }

/**
 * Every published schedule of every queue that is in force on at least one date (src/scheduling/publishedInForce.ts:
 * the newer published schedule wins the dates it covers), newest first.
 */
export async function publishedSchedulesInForce(db: Db): Promise<PublishedInForce[]> {
  const rows = await db.orm.select({ id: schedules.id, queueId: schedules.queueId, version: schedules.version, fromDateKey: schedules.fromDateKey, toDateKey: schedules.toDateKey, publishedAtMs: schedules.publishedAtMs, updatedAtMs: schedules.updatedAtMs })
    .from(schedules).where(eq(schedules.status, 'published'))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return schedulesInForce(rows.map((r) => ({ scheduleId: r.id, queueId: r.queueId, fromDateKey: r.fromDateKey, toDateKey: r.toDateKey, publishedAtMs: r.publishedAtMs ?? 0 })))
    .filter((s) => !s.fullySuperseded)
    .map((s) => ({ ...s, version: byId.get(s.scheduleId)!.version, changedAtMs: byId.get(s.scheduleId)!.updatedAtMs }))
}

/** The shifts of the published schedules in force on the dates they start (all agents', or one agent's, or those of the row ids), by UTC start. */
export async function listShiftRowsInForce(db: Db, inForce: readonly PublishedInForce[], agent?: string, shiftIds?: readonly number[]): Promise<PublishedShiftRow[]> {
  const byId = new Map(inForce.map((s) => [s.scheduleId, s]))
  return (await listPublishedShiftRows(db, [...byId.keys()], agent, shiftIds)).filter((r) => isInForceOn(byId.get(r.scheduleId)!, r.startLocal.slice(0, 10)))
}

/** The schedule a shift row belongs to, or null for an unknown row. */
export async function scheduleIdOfShift(db: Db, shiftId: number): Promise<number | null> {
  const [row] = await db.orm.select({ scheduleId: scheduleShifts.scheduleId }).from(scheduleShifts).where(eq(scheduleShifts.id, shiftId))
  return row?.scheduleId ?? null
}

/** The shifts of published schedules (all of them, or one agent's, or those of the row ids), ordered by UTC start. */
export async function listPublishedShiftRows(db: Db, scheduleIds: readonly number[], agent?: string, shiftIds?: readonly number[]): Promise<PublishedShiftRow[]> {
  if (!scheduleIds.length || shiftIds?.length === 0) return []
  const where = and(inArray(scheduleShifts.scheduleId, [...scheduleIds]), agent === undefined ? undefined : eq(scheduleShifts.agent, agent), shiftIds === undefined ? undefined : inArray(scheduleShifts.id, [...shiftIds]))
  const rows = await db.orm.select({ shift: scheduleShifts, queueId: schedules.queueId, queueName: queues.name, timeZone: queues.timeZone })
    .from(scheduleShifts).innerJoin(schedules, eq(schedules.id, scheduleShifts.scheduleId)).innerJoin(queues, eq(queues.id, schedules.queueId))
    .where(where).orderBy(asc(scheduleShifts.startMs), asc(scheduleShifts.id))
  return rows.map(({ shift, queueId, queueName, timeZone }) => ({
    id: shift.id, scheduleId: shift.scheduleId, queueId, queueName, timeZone, templateName: shift.templateName, startLocal: shift.startLocal,
    startMs: shift.startMs, lengthMinutes: shift.lengthMinutes, paidMinutes: shift.paidMinutes, agent: shift.agent,
    unassignedReason: shift.unassignedReason, breaks: JSON.parse(shift.breaksJson) as ScheduledBreak[],
  }))
}

/** One changed row: who works the shift now (null: nobody, with the reason). */
export interface ShiftAgentChange { shiftId: number; agent: string | null; unassignedReason?: string }

/**
 * Gives shifts of a published schedule to other agents (or to nobody) in one transaction, and bumps the
 * schedule's version (so a page opened before is stale) and updatedAtMs (the calendar feed's stamp). Every row must belong to the schedule.
 * @throws RangeError when the schedule is not published, its version moved on, or a row is not one of its shifts
 */
export async function reassignPublishedShifts(db: Db, scheduleId: number, expectedVersion: number, changes: readonly ShiftAgentChange[]): Promise<void> {
  await db.orm.transaction(async (tx) => {
    const nowMs = Date.now()
    // publishedAtMs stays: publishing decides which schedule is newer (src/scheduling/publishedInForce.ts).
    const updated = await tx.update(schedules).set({ version: expectedVersion + 1, updatedAtMs: nowMs })
      .where(and(eq(schedules.id, scheduleId), eq(schedules.version, expectedVersion), eq(schedules.status, 'published'))).returning({ id: schedules.id })
    if (!updated.length) throw new RangeError(`schedule ${scheduleId} is not published or was changed meanwhile: reload and try again`)
    for (const change of changes) {
      const done = await tx.update(scheduleShifts).set({ agent: change.agent, unassignedReason: change.agent === null ? (change.unassignedReason ?? 'nobody can take it') : null })
        .where(and(eq(scheduleShifts.id, change.shiftId), eq(scheduleShifts.scheduleId, scheduleId))).returning({ id: scheduleShifts.id })
      if (!done.length) throw new RangeError(`shift ${change.shiftId} is not a shift of schedule ${scheduleId}`)
    }
  })
}
