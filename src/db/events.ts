/**
 * The event calendar in the database: add, edit, delete, list and import events; switch public holidays on per
 * queue. Every write checks the event (calendar.ts), the queue, and duplicates (same scope, type and name with an
 * overlapping window) before touching the database, and an import writes all its events or none.
 */
import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm'
import type { Db } from './client.ts'
import { events, queues, type EventRow } from './schema.ts'
import { findDuplicateEvent, validateEvent, validateShape, type CalendarEvent, type EventShape } from '../events/calendar.ts'
import { isHolidayCountry } from '../events/holidays.ts'
import { formatLocalIso } from '../time/zones.ts'

/** An event as entered: everything but the id and the generated fields. */
export type NewEvent = Omit<CalendarEvent, 'id' | 'source' | 'learnKey'>

/** Bad input for the calendar (the message says what to fix); nothing was written. */
export class EventInputError extends RangeError {}

function shapeOf(json: string): EventShape {
  const parsed = JSON.parse(json) as Partial<EventShape>
  return { rampBeforeDays: parsed.rampBeforeDays ?? 0, decayAfterDays: parsed.decayAfterDays ?? 0, delayDays: parsed.delayDays ?? 0 }
}

/** A stored row as a calendar event (stored events learn their uplift under their type). */
export function eventOfRow(row: EventRow): CalendarEvent & { version: number; createdAtMs: number; updatedAtMs: number } {
  return {
    id: row.id, queueId: row.queueId, type: row.type, name: row.name, startUtcMs: row.startUtcMs, endUtcMs: row.endUtcMs,
    timeZone: row.timeZone, effect: { kind: row.effectKind, value: row.effectValue }, shape: shapeOf(row.shapeJson),
    source: 'user', learnKey: row.type, proposedValue: row.proposedValue, version: row.version, createdAtMs: row.createdAtMs, updatedAtMs: row.updatedAtMs,
  }
}

export type StoredEvent = ReturnType<typeof eventOfRow>

/** Events of one queue (its own and those for every queue), or all events, optionally touching [fromMs, toMs). */
export async function listEvents(db: Db, options: { queueId?: number; fromMs?: number; toMs?: number } = {}): Promise<StoredEvent[]> {
  const conditions = []
  if (options.queueId !== undefined) conditions.push(or(eq(events.queueId, options.queueId), isNull(events.queueId)))
  // Shapes can reach a year either side of the window; the exact filter is left to the caller.
  if (options.toMs !== undefined) conditions.push(lt(events.startUtcMs, options.toMs + 366 * 86_400_000))
  if (options.fromMs !== undefined) conditions.push(gt(events.endUtcMs, options.fromMs - 366 * 86_400_000))
  const rows = await db.orm.select().from(events).where(conditions.length ? and(...conditions) : undefined).orderBy(asc(events.startUtcMs), asc(events.id))
  return rows.map(eventOfRow)
}

export async function findEvent(db: Db, id: number): Promise<StoredEvent | undefined> {
  const [row] = await db.orm.select().from(events).where(eq(events.id, id))
  return row ? eventOfRow(row) : undefined
}

async function assertQueueExists(db: Db, queueId: number | null): Promise<void> {
  if (queueId === null) return
  if (!Number.isInteger(queueId)) throw new EventInputError(`unknown queue '${String(queueId)}'`)
  const [row] = await db.orm.select({ id: queues.id }).from(queues).where(eq(queues.id, queueId))
  if (!row) throw new EventInputError(`unknown queue (id ${queueId}): choose one of the queues listed, or all queues`)
}

function checkedEvent(draft: NewEvent, id: number | string): CalendarEvent {
  const event: CalendarEvent = { ...draft, shape: { ...draft.shape }, effect: { ...draft.effect }, id, source: 'user', learnKey: draft.type }
  try {
    validateEvent(event)
    validateShape(event.shape)
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) throw new EventInputError(error.message)
    throw error
  }
  return event
}

function duplicateMessage(candidate: CalendarEvent, existing: CalendarEvent): string {
  const when = (e: CalendarEvent) => `${formatLocalIso(e.startUtcMs, e.timeZone).slice(0, 16)} to ${formatLocalIso(e.endUtcMs, e.timeZone).slice(0, 16)}`
  return `'${candidate.name}' (${candidate.type}, ${when(candidate)}) overlaps the ${existing.type} '${existing.name}' already in the calendar (${when(existing)}): edit that one instead`
}

function rowValues(event: CalendarEvent, nowMs: number) {
  return {
    queueId: event.queueId, type: event.type, name: event.name.trim(), startUtcMs: event.startUtcMs, endUtcMs: event.endUtcMs,
    timeZone: event.timeZone, effectKind: event.effect.kind, effectValue: event.effect.value, proposedValue: event.proposedValue ?? null,
    shapeJson: JSON.stringify(event.shape), updatedAtMs: nowMs,
  }
}

/**
 * Adds an event.
 * @throws EventInputError (nothing written) for a bad event, an unknown queue or an overlapping duplicate
 */
export async function createEvent(db: Db, draft: NewEvent): Promise<StoredEvent> {
  const [created] = await importEvents(db, [draft])
  return created
}

/**
 * Replaces an event's fields. `expectedVersion` (from the edit form) must match the stored version.
 * @throws EventInputError (nothing written) for a bad event, an unknown queue or event, a duplicate, or a stale version
 */
export async function updateEvent(db: Db, id: number, draft: NewEvent, expectedVersion?: number): Promise<StoredEvent> {
  const current = await findEvent(db, id)
  if (!current) throw new EventInputError(`there is no event ${id} (it may have been deleted)`)
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new EventInputError(`'${current.name}' was changed by someone else since you opened it (version ${current.version}, yours ${expectedVersion}): reload and edit again`)
  }
  const event = checkedEvent({ ...draft, proposedValue: draft.proposedValue ?? current.proposedValue }, id)
  await assertQueueExists(db, event.queueId)
  const duplicate = findDuplicateEvent(await listEvents(db, event.queueId === null ? {} : { queueId: event.queueId }), event)
  if (duplicate) throw new EventInputError(duplicateMessage(event, duplicate))
  const [row] = await db.orm.update(events).set({ ...rowValues(event, Date.now()), version: current.version + 1 })
    .where(and(eq(events.id, id), eq(events.version, current.version))).returning()
  if (!row) throw new EventInputError(`'${current.name}' was changed by someone else while saving: reload and edit again`)
  return eventOfRow(row)
}

/** Deletes an event; false when there was none. */
export async function deleteEvent(db: Db, id: number): Promise<boolean> {
  const rows = await db.orm.delete(events).where(eq(events.id, id)).returning({ id: events.id })
  return rows.length > 0
}

/**
 * Adds several events at once (a CSV import), all or none: each is checked, against the calendar and against the
 * others of the batch.
 * @throws EventInputError naming the event (1-based, as rows of the file after the header) and the problem
 */
export async function importEvents(db: Db, drafts: readonly NewEvent[]): Promise<StoredEvent[]> {
  const checked = drafts.map((draft, i) => {
    try {
      return checkedEvent(draft, `new-${i}`)
    } catch (error) {
      throw drafts.length > 1 && error instanceof EventInputError ? new EventInputError(`event ${i + 1} ('${draft.name}'): ${error.message}`) : error
    }
  })
  const existing: CalendarEvent[] = await listEvents(db)
  for (let i = 0; i < checked.length; i++) {
    const event = checked[i]
    const prefix = drafts.length > 1 ? `event ${i + 1}: ` : ''
    try {
      await assertQueueExists(db, event.queueId)
    } catch (error) {
      throw new EventInputError(prefix + (error as Error).message)
    }
    const duplicate = findDuplicateEvent(existing, event)
    if (duplicate) throw new EventInputError(prefix + duplicateMessage(event, duplicate))
    existing.push(event)
  }
  const nowMs = Date.now()
  return db.orm.transaction(async (tx) => {
    const out: StoredEvent[] = []
    for (const event of checked) {
      const [row] = await tx.insert(events).values({ ...rowValues(event, nowMs), createdAtMs: nowMs, version: 1 }).returning()
      out.push(eventOfRow(row))
    }
    return out
  })
}

/**
 * Switches the public holidays of a queue on (a date-holidays country code such as IL) or off (null).
 * @throws EventInputError for an unknown queue or country
 */
export async function setQueueHolidayCountry(db: Db, queueId: number, country: string | null): Promise<void> {
  await assertQueueExists(db, queueId)
  if (country !== null && !isHolidayCountry(country)) throw new EventInputError(`unknown holiday country '${country}': use a two-letter code such as IL, US or GB`)
  await db.orm.update(queues).set({ holidayCountry: country === null ? null : country.toUpperCase() }).where(eq(queues.id, queueId))
}
