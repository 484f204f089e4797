/**
 * Interval history of a queue, in the queue's time zone: from its interval aggregates where it has them,
 * otherwise binned from its contact records' running aggregates per UTC quarter-hour (every time zone in use
 * is offset from UTC by a multiple of 15 minutes), then the quarter-hours are placed on the local interval grid.
 */
import { SANE_MAX_MS, SANE_MIN_MS } from '../schemas/queryParams.ts'
import type { Db } from './client.ts'
import type { Queue } from './schema.ts'
import { intervalStartOf } from '../time/intervals.ts'
import { countQueueContacts, listContactQuarterHours } from './contactAggregates.ts'

export interface HistoryInterval {
  startMs: number
  offered: number
  handled: number
  abandoned: number
  /** Mean handle time of the handled chats in the interval; null when none were handled or none is known. */
  ahtSeconds: number | null
}


export interface DataRange { firstMs: number; lastMs: number; source: 'intervals' | 'contacts' | 'none'; intervalMinutes: number }

/** What the queue's history is made of and the time span it covers. */
export async function historyRange(db: Db, queueId: number): Promise<DataRange> {
  const agg = await db.client.execute({
    sql: `SELECT MIN(interval_start_ms) AS f, MAX(interval_start_ms) AS l, MIN(interval_minutes) AS m FROM interval_aggregates WHERE queue_id = ? AND interval_start_ms >= ${SANE_MIN_MS} AND interval_start_ms < ${SANE_MAX_MS}`,
    args: [queueId],
  })
  const a = agg.rows[0]
  if (a && a.f !== null) return { firstMs: Number(a.f), lastMs: Number(a.l), source: 'intervals', intervalMinutes: Number(a.m) }
  // Two subqueries, so that each is one seek in the (queue, arrival) index rather than a scan of the queue's contacts.
  const within = `queue_id = ? AND arrived_at_ms >= ${SANE_MIN_MS} AND arrived_at_ms < ${SANE_MAX_MS}`
  const con = await db.client.execute({ sql: `SELECT (SELECT MIN(arrived_at_ms) FROM contacts WHERE ${within}) AS f, (SELECT MAX(arrived_at_ms) FROM contacts WHERE ${within}) AS l`, args: [queueId, queueId] })
  const c = con.rows[0]
  if (c && c.f !== null) return { firstMs: Number(c.f), lastMs: Number(c.l), source: 'contacts', intervalMinutes: 15 }
  return { firstMs: NaN, lastMs: NaN, source: 'none', intervalMinutes: 15 }
}

/**
 * The first interval start and the end of the last interval of the queue's history on the local grid of
 * `intervalMinutes` (what listHistoryIntervals' first and last rows give), from two MIN/MAX queries instead of
 * reading every row; null when the queue has no history.
 */
export async function historySpan(db: Db, queue: Queue, intervalMinutes: number): Promise<{ fromMs: number; toMs: number } | null> {
  const range = await historyRange(db, queue.id)
  if (range.source === 'none') return null
  return {
    fromMs: intervalStartOf(range.firstMs, queue.timeZone, intervalMinutes),
    toMs: intervalStartOf(range.lastMs, queue.timeZone, intervalMinutes) + intervalMinutes * 60_000,
  }
}

/**
 * Offered, handled, abandoned and AHT per local interval of `intervalMinutes` from `fromMs` (inclusive) to `toMs`
 * (exclusive). Only intervals with data are returned, sorted by start. Interval aggregates finer than the
 * requested length are summed; coarser ones are kept at their own start.
 */
export async function listHistoryIntervals(db: Db, queue: Queue, intervalMinutes: number, fromMs = SANE_MIN_MS, toMs = SANE_MAX_MS): Promise<HistoryInterval[]> {
  // Rows outside 1970–2100 (stored before imports had a date window) are never read as history.
  fromMs = Math.max(fromMs, SANE_MIN_MS)
  toMs = Math.min(toMs, SANE_MAX_MS)
  const range = await historyRange(db, queue.id)
  const buckets = new Map<number, { offered: number; handled: number; abandoned: number; handleSum: number; handleCount: number }>()
  const add = (startMs: number, offered: number, handled: number, abandoned: number, handleSum: number, handleCount: number) => {
    const key = intervalStartOf(startMs, queue.timeZone, intervalMinutes)
    const b = buckets.get(key)
    if (b) { b.offered += offered; b.handled += handled; b.abandoned += abandoned; b.handleSum += handleSum; b.handleCount += handleCount }
    else buckets.set(key, { offered, handled, abandoned, handleSum, handleCount })
  }
  if (range.source === 'intervals') {
    const rows = await db.client.execute({
      sql: `SELECT interval_start_ms, offered, handled, abandoned, aht_seconds FROM interval_aggregates
            WHERE queue_id = ? AND interval_start_ms >= ? AND interval_start_ms < ? AND interval_minutes = ? ORDER BY interval_start_ms`,
      args: [queue.id, fromMs, toMs, range.intervalMinutes],
    })
    for (const r of rows.rows) {
      const handled = r.handled === null ? Number(r.offered) - Number(r.abandoned ?? 0) : Number(r.handled)
      const aht = r.aht_seconds === null ? null : Number(r.aht_seconds)
      add(Number(r.interval_start_ms), Number(r.offered), handled, Number(r.abandoned ?? 0), aht === null ? 0 : aht * handled, aht === null ? 0 : handled)
    }
  } else if (range.source === 'contacts') {
    // The running aggregates per UTC quarter-hour (migration 0017), kept in step with the contacts by triggers.
    for (const q of await listContactQuarterHours(db, queue.id, fromMs, toMs)) add(q.quarterStartMs, q.contacts, q.answered, q.abandoned, q.handleSumSeconds, q.handled)
  }
  return [...buckets.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([startMs, b]) => ({ startMs, offered: b.offered, handled: b.handled, abandoned: b.abandoned, ahtSeconds: b.handleCount > 0 ? b.handleSum / b.handleCount : null }))
}

/**
 * The interval length of a queue's stored interval aggregates (the smallest, which is what planning reads), or
 * null when it has none. MIN over the (queue, length, start) key's prefix: an index lookup, not a scan.
 */
export async function storedIntervalMinutes(db: Db, queueId: number): Promise<number | null> {
  const r = await db.client.execute({ sql: 'SELECT MIN(interval_minutes) AS m FROM interval_aggregates WHERE queue_id = ?', args: [queueId] })
  return r.rows[0]?.m === null || r.rows[0]?.m === undefined ? null : Number(r.rows[0].m)
}

export interface ImportBatchSummary {
  id: number; kind: string; fileName: string; rowsInFile: number; rowsImported: number; rowsRejected: number
  importedAtMs: number; durationMs: number; synthetic: boolean; queueName: string | null
}

export async function listRecentImports(db: Db, limit = 10): Promise<ImportBatchSummary[]> {
  const rows = await db.client.execute({
    sql: `SELECT b.id, b.kind, b.file_name, b.rows_in_file, b.rows_imported, b.rows_rejected, b.imported_at_ms, b.duration_ms, b.synthetic, q.name AS queue_name
          FROM import_batches b LEFT JOIN queues q ON q.id = b.queue_id WHERE b.status = 'committed' ORDER BY b.id DESC LIMIT ?`,
    args: [limit],
  })
  return rows.rows.map((r) => ({
    id: Number(r.id), kind: String(r.kind), fileName: String(r.file_name), rowsInFile: Number(r.rows_in_file), rowsImported: Number(r.rows_imported),
    rowsRejected: Number(r.rows_rejected), importedAtMs: Number(r.imported_at_ms), durationMs: Number(r.duration_ms), synthetic: Boolean(r.synthetic),
    queueName: r.queue_name === null ? null : String(r.queue_name),
  }))
}

export async function countContacts(db: Db, queueId: number): Promise<{ contacts: number; synthetic: number }> {
  return countQueueContacts(db, queueId)
}
