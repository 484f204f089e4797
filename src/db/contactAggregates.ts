/**
 * The running aggregates of the contacts (migration 0017): per queue and UTC quarter-hour of arrival, counts and
 * sums kept by triggers on `contacts` in the same transaction as every write (API upserts, imports and their undo,
 * deletes, in-place updates), and a data version per queue that moves with every change of its contacts.
 * Reading them costs one row per quarter-hour with data instead of one per contact.
 */
import type { Db } from './client.ts'
import { offsetSegmentsOf } from './kpis.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

export interface ContactQuarterHour {
  queueId: number
  quarterStartMs: number
  contacts: number
  answered: number
  abandoned: number
  /** Answered contacts with a handle time, and the sum of those times. */
  handled: number
  handleSumSeconds: number
  /** Answered contacts with a wait, and the sum of those waits. */
  waited: number
  waitSumSeconds: number
  csatResponses: number
  csatSum: number
  synthetic: number
}

const COLUMNS = 'queue_id, quarter_start_ms, contacts, answered, abandoned, handled, handle_sum_seconds, waited, wait_sum_seconds, csat_responses, csat_sum, synthetic'

function quarterOfRow(r: Record<string, unknown>): ContactQuarterHour {
  return {
    queueId: Number(r.queue_id), quarterStartMs: Number(r.quarter_start_ms), contacts: Number(r.contacts), answered: Number(r.answered), abandoned: Number(r.abandoned),
    handled: Number(r.handled), handleSumSeconds: Number(r.handle_sum_seconds), waited: Number(r.waited), waitSumSeconds: Number(r.wait_sum_seconds),
    csatResponses: Number(r.csat_responses), csatSum: Number(r.csat_sum), synthetic: Number(r.synthetic),
  }
}

/** The quarter-hours of a queue with contacts arriving in [fromMs, toMs), sorted by start (from the running aggregates). */
export async function listContactQuarterHours(db: Db, queueId: number, fromMs: number, toMs: number): Promise<ContactQuarterHour[]> {
  const r = await db.client.execute({
    sql: `SELECT ${COLUMNS} FROM contact_quarter_hours WHERE queue_id = ? AND quarter_start_ms >= ? AND quarter_start_ms < ? ORDER BY quarter_start_ms`,
    args: [queueId, Math.floor(fromMs / 900_000) * 900_000, toMs],
  })
  return r.rows.map((row) => quarterOfRow(row as Record<string, unknown>))
}

/**
 * The same quarter-hours recomputed from the contacts themselves (one scan): what the running aggregates must
 * always equal. Used by the tests and by `checkContactAggregates`.
 */
export async function recomputeContactQuarterHours(db: Db): Promise<ContactQuarterHour[]> {
  const r = await db.client.execute(`SELECT queue_id, (arrived_at_ms / 900000) * 900000 AS quarter_start_ms, COUNT(*) AS contacts, COUNT(CASE WHEN outcome = 'answered' THEN 1 END) AS answered,
      COUNT(CASE WHEN outcome = 'abandoned' THEN 1 END) AS abandoned, COUNT(CASE WHEN outcome = 'answered' THEN handle_seconds END) AS handled,
      TOTAL(CASE WHEN outcome = 'answered' THEN handle_seconds END) AS handle_sum_seconds,
      COUNT(CASE WHEN outcome = 'answered' THEN wait_seconds END) AS waited, TOTAL(CASE WHEN outcome = 'answered' THEN wait_seconds END) AS wait_sum_seconds,
      COUNT(CASE WHEN csat_score BETWEEN 1 AND 5 THEN 1 END) AS csat_responses, TOTAL(CASE WHEN csat_score BETWEEN 1 AND 5 THEN csat_score END) AS csat_sum,
      COUNT(CASE WHEN synthetic <> 0 THEN 1 END) AS synthetic
    FROM contacts GROUP BY 1, 2 ORDER BY 1, 2`)
  return r.rows.map((row) => quarterOfRow(row as Record<string, unknown>))
}

/** Every stored running aggregate, sorted by queue and start. */
export async function listAllContactQuarterHours(db: Db): Promise<ContactQuarterHour[]> {
  const r = await db.client.execute(`SELECT ${COLUMNS} FROM contact_quarter_hours ORDER BY queue_id, quarter_start_ms`)
  return r.rows.map((row) => quarterOfRow(row as Record<string, unknown>))
}

/** Contacts and synthetic contacts of a queue, from the running aggregates. */
export async function countQueueContacts(db: Db, queueId: number): Promise<{ contacts: number; synthetic: number }> {
  const r = await db.client.execute({ sql: 'SELECT TOTAL(contacts) AS n, TOTAL(synthetic) AS s FROM contact_quarter_hours WHERE queue_id = ?', args: [queueId] })
  return { contacts: Number(r.rows[0].n), synthetic: Number(r.rows[0].s) }
}

/**
 * The data version of each queue's contacts (0 for a queue that never had any): equal versions mean the contacts
 * are unchanged, so anything computed from them (a KPI report) still holds.
 */
export async function contactVersionsOf(db: Db, queueIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(queueIds.map((id) => [id, 0]))
  if (!queueIds.length) return out
  const r = await db.client.execute(`SELECT queue_id, version FROM contact_versions WHERE queue_id IN (${queueIds.map((id) => Math.trunc(id)).join(',')})`)
  for (const row of r.rows) out.set(Number(row.queue_id), Number(row.version))
  return out
}

/** Offered per local date, and summed per local weekday (0 = Monday) and hour, of a queue's contacts. */
export interface LocalVolumeSums {
  days: { dateKey: string; offered: number }[]
  weekdayHours: { weekdayIndex: number; hour: number; offered: number }[]
}

/**
 * A queue's contacts summed per local date and per local weekday × hour over [fromMs, toMs), from the running
 * aggregates, with the local time of each quarter-hour computed in SQL from the zone's UTC offsets over the span
 * (so a year of history is a few hundred rows, not tens of thousands). A 25-hour day adds its repeated hour to
 * the same weekday × hour.
 */
export async function sumLocalContactVolume(db: Db, queueId: number, timeZone: string, fromMs: number, toMs: number): Promise<LocalVolumeSums> {
  const where = 'queue_id = ? AND quarter_start_ms >= ? AND quarter_start_ms < ?'
  const span = await db.client.execute({ sql: `SELECT MIN(quarter_start_ms) AS f, MAX(quarter_start_ms) AS l FROM contact_quarter_hours WHERE ${where}`, args: [queueId, fromMs, toMs] })
  if (span.rows[0].f === null) return { days: [], weekdayHours: [] }
  const { untilMs, offsetMs } = offsetSegmentsOf(Number(span.rows[0].f), Number(span.rows[0].l) + 900_000, timeZone)
  const local = untilMs.length
    ? `(quarter_start_ms + CASE ${untilMs.map((u, k) => `WHEN quarter_start_ms < ${u} THEN ${offsetMs[k]}`).join(' ')} ELSE ${offsetMs[offsetMs.length - 1]} END)`
    : `(quarter_start_ms + ${offsetMs[0]})`
  const [days, hours] = await Promise.all([
    db.client.execute({ sql: `SELECT ${local} / ${DAY_MS} AS day, SUM(contacts) AS n FROM contact_quarter_hours WHERE ${where} GROUP BY day ORDER BY day`, args: [queueId, fromMs, toMs] }),
    db.client.execute({ sql: `SELECT (${local} / ${DAY_MS} + 3) % 7 AS wd, (${local} % ${DAY_MS}) / ${HOUR_MS} AS hour, SUM(contacts) AS n FROM contact_quarter_hours WHERE ${where} GROUP BY wd, hour`, args: [queueId, fromMs, toMs] }),
  ])
  return {
    days: days.rows.map((r) => ({ dateKey: new Date(Number(r.day) * DAY_MS).toISOString().slice(0, 10), offered: Number(r.n) })),
    weekdayHours: hours.rows.map((r) => ({ weekdayIndex: Number(r.wd), hour: Number(r.hour), offered: Number(r.n) })),
  }
}

/** Entries kept in the change log; older ones are pruned (a reader that needs them reloads instead). */
export const CONTACT_CHANGES_KEPT = 1_000_000

/** The first and last entries of the change log (0, 0 when it is empty). */
async function changeLogSpan(executor: Pick<Db['client'], 'execute'>): Promise<{ lo: number; hi: number }> {
  const r = await executor.execute('SELECT (SELECT MAX(seq) FROM contact_changes) AS hi, (SELECT MIN(seq) FROM contact_changes) AS lo')
  return { lo: Number(r.rows[0].lo ?? 0), hi: Number(r.rows[0].hi ?? 0) }
}

const isOverdue = ({ lo, hi }: { lo: number; hi: number }) => hi - lo + 1 > CONTACT_CHANGES_KEPT * 1.2

/**
 * Prunes the change log to its last CONTACT_CHANGES_KEPT entries once it holds a fifth more (so the pruning runs
 * once per ~200,000 changes, not on every write). Takes a transaction or a client.
 */
export async function pruneContactChanges(executor: Pick<Db['client'], 'execute'>): Promise<void> {
  const span = await changeLogSpan(executor)
  if (isOverdue(span)) await executor.execute({ sql: 'DELETE FROM contact_changes WHERE seq <= ?', args: [span.hi - CONTACT_CHANGES_KEPT] })
}

/** The most entries one step of pruneContactChangesInSteps deletes (one short write each, issue 15 defect 6). */
const PRUNE_STEP = 250_000

/**
 * pruneContactChanges after an import, which may have logged a million rows at once: the same cut, made in
 * statements of at most PRUNE_STEP entries (each its own short write) so other writes get the lock between them.
 */
export async function pruneContactChangesInSteps(client: Pick<Db['client'], 'execute'>): Promise<void> {
  const span = await changeLogSpan(client)
  if (!isOverdue(span)) return
  const lastToDelete = span.hi - CONTACT_CHANGES_KEPT
  for (let from = span.lo; from <= lastToDelete; from += PRUNE_STEP) {
    await client.execute({ sql: 'DELETE FROM contact_changes WHERE seq <= ?', args: [Math.min(lastToDelete, from + PRUNE_STEP - 1)] })
  }
}

/**
 * The contacts of a queue changed after change `afterSeq`, up to the last change now (`untilSeq`), or null when
 * entries after `afterSeq` were pruned (the caller reloads everything).
 */
export async function contactChangesSince(db: Db, queueId: number, afterSeq: number): Promise<{ untilSeq: number; contactIds: number[] } | null> {
  const { lo, hi } = await changeLogSpan(db.client)
  if (hi <= afterSeq) return { untilSeq: afterSeq, contactIds: [] }
  if (lo === 0 || lo > afterSeq + 1) return null
  const ids = await db.client.execute({ sql: 'SELECT DISTINCT contact_id FROM contact_changes WHERE seq > ? AND seq <= ? AND queue_id = ?', args: [afterSeq, hi, queueId] })
  return { untilSeq: hi, contactIds: ids.rows.map((x) => Number(x.contact_id)) }
}

/** The last change in the log now (0 when empty). */
export async function lastContactChange(db: Db): Promise<number> {
  const r = await db.client.execute('SELECT MAX(seq) AS hi FROM contact_changes')
  return Number(r.rows[0].hi ?? 0)
}
