/**
 * The ONE upsert of contacts and interval aggregates, used by the API, the CSV import page and `chatplan import`
 * (src/db/importBatch.ts builds its INSERTs with the same ON CONFLICT clauses).
 *
 * - A contact is keyed by (queue, contact id, arrival time): sending it again with a later state (answered, ended,
 *   CSAT arrived) updates it. The arrival is part of the key because real exports recycle ids (the anonymous bank
 *   data reuses a call id within a month for different calls); a platform's chat keeps its start time; a field sent empty keeps the stored value (a feed that lacks the survey columns does not erase
 *   them); the outcome is the latest, except that a row saying nothing of how the chat went (no first response, end,
 *   wait or handle time: only a CSAT, NPS or tag) keeps the stored one. Contacts without an id cannot be matched and are always added.
 * - An interval aggregate is keyed by (queue, interval length, interval start); a new value replaces the old.
 * - A row is written only when something differs (`WHERE … IS NOT …`), so re-sending the same rows changes nothing
 *   and counts as unchanged; SQLite counts a row as changed only when it was inserted or really updated.
 * - Two rows with the same key in one request or file: the later row wins (SQLite applies the rows in order).
 */
import type { InValue, Transaction } from '@libsql/client'
import { randomUUID } from 'node:crypto'
import type { Db } from './client.ts'
import type { ContactRow } from '../imports/contactRows.ts'
import { ALWAYS_OPEN } from './queues.ts'
import { assertTimeZone } from '../time/zones.ts'
import { pruneContactChanges } from './contactAggregates.ts'

interface UpsertTable {
  table: string
  /** Key columns, the ON CONFLICT target (and its WHERE for a partial unique index). */
  key: string[]
  keyWhere: string
  /** Columns written; those in `keepWhenNull` keep the stored value when the new one is NULL. */
  values: string[]
  keepWhenNull: string[]
  /** Columns whose new value is an SQL expression of `excluded.*` and the stored row (instead of the rules above). */
  merged?: Record<string, string>
}

const CONTACTS: UpsertTable = {
  table: 'contacts',
  key: ['queue_id', 'external_id', 'arrived_at_ms'],
  keyWhere: ' WHERE external_id IS NOT NULL',
  values: ['first_response_at_ms', 'ended_at_ms', 'wait_seconds', 'handle_seconds', 'outcome', 'agent', 'issue_type',
    'customer_segment', 'resolved_first_contact', 'csat_score', 'nps_score', 'synthetic'],
  keepWhenNull: ['first_response_at_ms', 'ended_at_ms', 'wait_seconds', 'handle_seconds', 'agent', 'issue_type', 'customer_segment',
    'resolved_first_contact', 'csat_score', 'nps_score'],
  // A row that says nothing of how the chat went (no first response, end, wait or handle time: a CSAT or a tag
  // arriving later) does not turn an answered chat abandoned: that outcome was only derived for want of a response.
  merged: {
    outcome: `CASE WHEN excluded.outcome = 'abandoned' AND excluded.first_response_at_ms IS NULL AND excluded.ended_at_ms IS NULL AND excluded.wait_seconds IS NULL
      AND excluded.handle_seconds IS NULL THEN contacts.outcome ELSE excluded.outcome END`,
  },
}

const INTERVALS: UpsertTable = {
  table: 'interval_aggregates',
  key: ['queue_id', 'interval_minutes', 'interval_start_ms'],
  keyWhere: '',
  values: ['offered', 'handled', 'abandoned', 'aht_seconds'],
  keepWhenNull: [],
}

/** `ON CONFLICT … DO UPDATE SET … WHERE <something differs>`, appended to a multi-row INSERT (or INSERT … SELECT … WHERE). */
function onConflictSql(t: UpsertTable): string {
  const newValue = (c: string) => t.merged?.[c] ?? (t.keepWhenNull.includes(c) ? `coalesce(excluded.${c}, ${t.table}.${c})` : `excluded.${c}`)
  return ` ON CONFLICT (${t.key.join(', ')})${t.keyWhere} DO UPDATE SET batch_id = excluded.batch_id, ` +
    t.values.map((c) => `${c} = ${newValue(c)}`).join(', ') +
    ' WHERE ' + t.values.map((c) => `${t.table}.${c} IS NOT ${newValue(c)}`).join(' OR ')
}

export const CONTACT_UPSERT_SQL = onConflictSql(CONTACTS)

/** The columns of a contact row as upsertContacts packs it, in order (batch id apart). */
const CONTACT_PACKED_COLUMNS = ['queue_id', 'external_id', 'arrived_at_ms', ...CONTACTS.values]

/**
 * The contacts upsert reading its rows from one JSON array of arrays: ?1 is the batch id, ?2 the array. Reading a
 * field out of a row's JSON (`value->>k`) is most of the statement's time, so a column with the same value in every
 * row (the queue, the fields a feed never sends, `synthetic`) is bound once as ?3, ?4, … instead, and only the
 * varying columns travel in the array. `varying[k]` says whether packed column k varies; the SQL text is cached
 * per shape (a feed sends the same shape every time).
 */
function contactJsonUpsertSql(varying: boolean[]): string {
  const shape = varying.map((v) => (v ? '1' : '0')).join('')
  let sql = contactUpsertSqlByShape.get(shape)
  if (sql === undefined) {
    let nextField = 0, nextParam = 3
    const exprs = varying.map((v) => (v ? `value->>${nextField++}` : `?${nextParam++}`))
    sql = `INSERT INTO contacts (queue_id, batch_id, ${CONTACT_PACKED_COLUMNS.slice(1).join(', ')})
  SELECT ${exprs[0]}, ?1, ${exprs.slice(1).join(', ')} FROM json_each(?2) WHERE true` + CONTACT_UPSERT_SQL
    contactUpsertSqlByShape.set(shape, sql)
  }
  return sql
}
const contactUpsertSqlByShape = new Map<string, string>()
export const INTERVAL_UPSERT_SQL = onConflictSql(INTERVALS)

/**
 * What a staged import needs to merge a table in short transactions with the same upsert, and to undo the merge
 * (src/db/importMerge.ts): the stored columns, the key, and "the stored row `old` differs from the new row `n`".
 */
export interface UpsertTableSql { table: string; undoTable: string; columns: string[]; key: string[]; keyWhere: string; upsertSql: string; differsSql: (old: string, n: string) => string }

function tableSql(t: UpsertTable, undoTable: string): UpsertTableSql {
  const newValue = (old: string, n: string, c: string) => (t.keepWhenNull.includes(c) ? `coalesce(${n}.${c}, ${old}.${c})` : `${n}.${c}`)
  return {
    table: t.table, undoTable, key: t.key, keyWhere: t.keyWhere, upsertSql: onConflictSql(t),
    columns: ['queue_id', 'batch_id', ...t.key.filter((k) => k !== 'queue_id'), ...t.values],
    differsSql: (old, n) => '(' + t.values.map((c) => `${old}.${c} IS NOT ${newValue(old, n, c)}`).join(' OR ') + ')',
  }
}

export const CONTACTS_TABLE_SQL = tableSql(CONTACTS, 'import_undo_contacts')
export const INTERVALS_TABLE_SQL = tableSql(INTERVALS, 'import_undo_intervals')

export interface UpsertCounts { created: number; updated: number; unchanged: number }

/** An interval aggregate ready to write: its length is known. */
export interface IntervalWrite { queue: string; intervalStartMs: number; intervalMinutes: number; offered: number; handled: number | null; abandoned: number | null; ahtSeconds: number | null }

export interface UpsertOptions {
  /** Shown in the imports list, e.g. "API: token 'crm-feed'". */
  source: string
  /** Zone of queues created by this write (default UTC). */
  newQueueZone?: string
}

export type UpsertResult = UpsertCounts & { batchId: number | null; queues: string[] }

/** Rows per INSERT: 500 × 16 values, well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 500
const KEYS_PER_LOOKUP = 500

/**
 * Upserts contacts in one short write transaction (a request holds at most 10,000 rows). Queues named for the
 * first time are created. A batch row records the write; when nothing changed it is not kept (nothing written).
 */
export async function upsertContacts(db: Db, given: ContactRow[], options: UpsertOptions): Promise<UpsertResult> {
  const rows = laterRowsWin(given, (r) => (r.externalId === null ? null : `${r.queue}\u0000${r.externalId}\u0000${r.arrivedAtMs}`))
  return upsertRows(db, 'contacts', rows, options, async (tx, queueIds, batchId) => {
    // Rows are unique by key here (laterRowsWin), and contacts.id is a rowid: within this write transaction new rows
    // take the ids after the largest, so the rows created are the growth of MAX(id); the rest of the changes are updates.
    const maxId = async () => Number((await tx.execute('SELECT coalesce(MAX(id), 0) AS n FROM contacts')).rows[0].n)
    const before = await maxId()
    // One statement for the whole request: the rows travel as one JSON array read by json_each, so SQLite prepares
    // one short statement (with the aggregate triggers compiled in) instead of one 8,000-parameter INSERT per 500
    // rows; the preparing, not the writing, was most of the time of a batch.
    const b = (v: boolean | null) => (v === null ? null : v ? 1 : 0)
    const full = rows.map((r): InValue[] => [queueIds.get(r.queue)!, r.externalId, r.arrivedAtMs, r.firstResponseAtMs, r.endedAtMs, r.waitSeconds, r.handleSeconds, r.outcome,
      r.agent, r.issueType, r.customerSegment, b(r.resolvedFirstContact), r.csatScore, r.npsScore, r.synthetic ? 1 : 0])
    const first = full[0]
    const varying = first.map((value, k) => full.some((row) => row[k] !== value))
    const packed = JSON.stringify(full.map((row) => row.filter((_, k) => varying[k])))
    const constants = first.filter((_, k) => !varying[k])
    const changed = (await tx.execute({ sql: contactJsonUpsertSql(varying), args: [batchId, packed, ...constants] })).rowsAffected
    const created = (await maxId()) - before
    const updated = changed - created
    return { created, updated, unchanged: rows.length - created - updated }
  })
}

/** Upserts interval aggregates in one short write transaction (same rules as upsertContacts). */
export async function upsertIntervals(db: Db, given: IntervalWrite[], options: UpsertOptions): Promise<UpsertResult> {
  const rows = laterRowsWin(given, (r) => `${r.queue}\u0000${r.intervalMinutes}\u0000${r.intervalStartMs}`)
  return upsertRows(db, 'intervals', rows, options, async (tx, queueIds, batchId) => {
    const keyOf = (q: number, r: IntervalWrite) => `${q}\u0000${r.intervalMinutes}\u0000${r.intervalStartMs}`
    const distinct = new Set(rows.map((r) => keyOf(queueIds.get(r.queue)!, r)))
    let existingCount = 0
    const keys = [...distinct].map((k) => k.split('\u0000').map(Number))
    for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
      const part = keys.slice(i, i + KEYS_PER_LOOKUP)
      const found = await tx.execute({
        sql: `SELECT COUNT(*) AS n FROM interval_aggregates WHERE (queue_id, interval_minutes, interval_start_ms) IN (VALUES ${part.map(() => '(?,?,?)').join(',')})`,
        args: part.flat(),
      })
      existingCount += Number(found.rows[0].n)
    }
    let changed = 0
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const part = rows.slice(i, i + ROWS_PER_STATEMENT)
      const args: InValue[] = []
      for (const r of part) args.push(queueIds.get(r.queue)!, batchId, r.intervalStartMs, r.intervalMinutes, r.offered, r.handled, r.abandoned, r.ahtSeconds)
      const sql = `INSERT INTO interval_aggregates (queue_id, batch_id, interval_start_ms, interval_minutes, ${INTERVALS.values.join(', ')}) VALUES ` +
        Array(part.length).fill('(?,?,?,?,?,?,?,?)').join(',') + INTERVAL_UPSERT_SQL
      changed += (await tx.execute({ sql, args })).rowsAffected
    }
    const created = distinct.size - existingCount
    const updated = Math.max(0, Math.min(changed - created, existingCount))
    return { created, updated, unchanged: distinct.size - created - updated }
  })
}

/** The rows with, for each key, only the last row of that key (kept in order); rows without a key are all kept. */
export function laterRowsWin<R>(rows: R[], keyOf: (row: R) => string | null): R[] {
  const last = new Map<string, number>()
  rows.forEach((r, i) => { const k = keyOf(r); if (k !== null) last.set(k, i) })
  if (last.size === rows.length) return rows
  return rows.filter((r, i) => { const k = keyOf(r); return k === null || last.get(k) === i })
}

async function upsertRows<R extends { queue: string }>(
  db: Db, kind: 'contacts' | 'intervals', rows: R[], options: UpsertOptions,
  write: (tx: Transaction, queueIds: Map<string, number>, batchId: number) => Promise<UpsertCounts>,
): Promise<UpsertResult> {
  const queues = [...new Set(rows.map((r) => r.queue))].sort()
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0, batchId: null, queues }
  const zone = options.newQueueZone ?? 'UTC'
  assertTimeZone(zone)
  const tx = await db.client.transaction('write')
  try {
    const queueIds = new Map<string, number>()
    const known = await tx.execute({ sql: `SELECT id, name FROM queues WHERE name IN (${queues.map(() => '?').join(',')})`, args: queues })
    for (const r of known.rows) queueIds.set(String(r.name), Number(r.id))
    for (const name of queues) if (!queueIds.has(name)) {
      const made = await tx.execute({ sql: 'INSERT INTO queues (name, time_zone, opening_hours_json, interval_minutes, created_at_ms) VALUES (?, ?, ?, 30, ?)', args: [name, zone, JSON.stringify(ALWAYS_OPEN), Date.now()] })
      queueIds.set(name, Number(made.lastInsertRowid))
    }
    const now = Date.now()
    const batch = await tx.execute({
      sql: `INSERT INTO import_batches (kind, file_name, checksum_sha256, dedupe_key, queue_id, rows_in_file, rows_imported, rows_rejected, rejected_json, synthetic, imported_at_ms, duration_ms)
            VALUES (?, ?, '', ?, ?, ?, 0, 0, '[]', 0, ?, 0)`,
      args: [kind, options.source.slice(0, 200), `api:${randomUUID()}`, queues.length === 1 ? queueIds.get(queues[0])! : null, rows.length, now],
    })
    const batchId = Number(batch.lastInsertRowid)
    const counts = await write(tx, queueIds, batchId)
    if (counts.created + counts.updated === 0 && known.rows.length === queues.length) {
      await tx.rollback()
      return { ...counts, batchId: null, queues }
    }
    await tx.execute({ sql: 'UPDATE import_batches SET rows_imported = ?, duration_ms = ? WHERE id = ?', args: [counts.created + counts.updated, Date.now() - now, batchId] })
    if (kind === 'contacts') await pruneContactChanges(tx)
    await tx.commit()
    return { ...counts, batchId, queues }
  } finally {
    tx.close()
  }
}
