/**
 * What the Events screen shows and changes, composed from the events store and the event forecast: the month's
 * calendar with the uplift learned from history, saving an event (a learned effect with nothing to learn from is
 * refused, never a silent no-op), deleting, the holiday switch, the CSV import and export, and the flags CSV. The
 * routes (src/web/routes/events.tsx) map HTTP to these calls and a view.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listQueues } from '../db/queues.ts'
import { createEvent, deleteEvent, EventInputError, findEvent, importEvents, listEvents, setQueueHolidayCountry, updateEvent, type NewEvent } from '../db/events.ts'
import { eventsToCsv, parseEventsCsv } from '../events/eventsCsv.ts'
import { flagsToCsv } from '../events/flags.ts'
import { proposeUplift } from '../events/uplift.ts'
import { formatCount, formatDecimal } from '../format/numbers.ts'
import { analyseQueueHistory, comingWeeks, flagsForQueue, learnedEffectFor, queueCalendar } from './eventForecast.ts'

export const queuesOf = (db: Db) => listQueues(db)
export const eventById = (db: Db, id: number) => findEvent(db, id)

/** The month a queue's events page opens on: the one after its history (this month without history). */
export async function defaultMonth(db: Db, queue: Queue): Promise<string> {
  const range = await comingWeeks(db, queue, 1)
  return range ? range.fromDateKey.slice(0, 7) : new Date().toISOString().slice(0, 7)
}

/** The events of a month and what the history teaches (learned uplift per kind of event, suggestions). */
export async function eventsOfMonth(db: Db, queue: Queue, fromMs: number, toMs: number) {
  const calendar = await queueCalendar(db, queue, fromMs, toMs)
  const analysis = await analyseQueueHistory(db, queue)
  const proposals = (analysis?.uplift ?? []).map((u) => ({ learnKey: u.learnKey, ...proposeUplift(analysis!.uplift, u.learnKey, 'multiplier')! }))
  return { events: calendar.all, proposals, analysis }
}

/**
 * Saves a new event (id null) or a new version of one. An effect left empty is learned from past events of its
 * type: when there are none it is refused, and otherwise `learned` says what will be used.
 * @throws EventInputError with the message for the form; nothing is saved
 */
export async function saveEventDraft(db: Db, draft: NewEvent, { id, version, queues, pageQueue }: { id: number | null; version: number; queues: readonly Queue[]; pageQueue: Queue }) {
  let learned = ''
  if (draft.effect.value === null) {
    const learnedIn = draft.queueId === null ? pageQueue : queues.find((q) => q.id === draft.queueId) ?? pageQueue
    const proposal = await learnedEffectFor(db, learnedIn, draft.type, draft.effect.kind)
    if (!proposal) throw new EventInputError(`there is nothing to learn a '${draft.type}' effect from: the history of '${learnedIn.name}' has no past ${draft.type} event. Give the effect a value (a multiplier such as 1.3 for +30%, or contacts added per day), or add past ${draft.type} events first`)
    learned = ` It uses the effect learned from ${proposal.count} past ${draft.type} event(s): ${draft.effect.kind === 'multiplier' ? `×${formatDecimal(proposal.value, 2)}` : `${proposal.value >= 0 ? '+' : ''}${formatCount(proposal.value)} contacts a day`} (likely ${formatDecimal(proposal.low, 2)} to ${formatDecimal(proposal.high, 2)}).`
  }
  const saved = id === null ? await createEvent(db, draft) : await updateEvent(db, id, draft, version)
  return { saved, learned }
}

/** Deletes an event; what it was, and whether it was still there. */
export async function removeEvent(db: Db, id: number) {
  const event = await findEvent(db, id)
  return { event, deleted: await deleteEvent(db, id) }
}

export const setHolidayCountry = (db: Db, queue: Queue, country: string | null) => setQueueHolidayCountry(db, queue.id, country)

/** The events of a queue (or of all queues) as CSV, with the file name. */
export async function eventsCsv(db: Db, queues: readonly Queue[], queue: Queue | null): Promise<{ csv: string; fileName: string }> {
  const events = queue ? await listEvents(db, { queueId: queue.id }) : await listEvents(db)
  const names = new Map(queues.map((q) => [q.id, q.name]))
  return { csv: eventsToCsv(events, (id) => names.get(id) ?? String(id)), fileName: `events${queue ? '-' + queue.name.replace(/[^\w.-]+/g, '_') : ''}.csv` }
}

/** Imports an events CSV, all or nothing: the problems (row, column, message; at most 300 characters quoted) or the count. */
export async function importEventsCsv(db: Db, text: string, queues: readonly Queue[]): Promise<{ problems: Array<{ row: number; column: string; message: string }>; created: number }> {
  const parsed = parseEventsCsv(text, queues)
  const problems = parsed.problems.map((p) => (p.message.length > 300 ? { ...p, message: p.message.slice(0, 300) + '…' } : p))
  if (problems.length) return { problems, created: 0 }
  try {
    return { problems: [], created: (await importEvents(db, parsed.events)).length }
  } catch (error) {
    if (!(error instanceof EventInputError)) throw error
    return { problems: [{ row: 0, column: '', message: error.message.replace(/^event (\d+)/, (_, n) => `row ${Number(n) + 1}`) }], created: 0 }
  }
}

/** The flags of a range as CSV (the need with events above the assigned cover), with the file name. */
export async function flagsCsv(db: Db, queue: Queue, range: { fromDateKey: string; toDateKey: string }): Promise<{ csv: string; fileName: string }> {
  const result = await flagsForQueue(db, queue, { ...range, inWorker: true })
  return {
    csv: flagsToCsv([{ queueName: queue.name, timeZone: queue.timeZone, flags: result.flags }], (id) => result.eventNames.get(id) ?? String(id)),
    fileName: `flags-${queue.name.replace(/[^\w.-]+/g, '_')}-${range.fromDateKey}.csv`,
  }
}
