/**
 * The one transaction that writes a whole import or nothing. A file is streamed, each record validated and
 * written in multi-row INSERTs inside a single write transaction; on any invalid row (unless the user chose to
 * skip invalid rows) the transaction is rolled back and every problem is reported with file, row and column.
 * The same file imported twice is recognised by its SHA-256 and not imported again.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { Transaction } from '@libsql/client'
import Database from 'libsql'
import type { Db } from './client.ts'
import { detectMapping, fieldsOf, type ImportKind } from '../imports/columnMapping.ts'
import { openCsvSource, describeDelimiter } from '../imports/csvSource.ts'
import { parseContactRecord, type ContactRow } from '../imports/contactRows.ts'
import { parseIntervalRecord, type IntervalRow } from '../imports/intervalRows.ts'
import { ImportError, type RowError } from '../imports/rowErrors.ts'
import { assertTimeZone, isValidTimeZone } from '../time/zones.ts'
import { ALWAYS_OPEN } from './queues.ts'

export interface ImportOptions {
  kind: ImportKind
  /** Path of the file on disk. */
  path: string
  /** Name shown in messages (the uploaded file's name). */
  fileName: string
  /** Queue for rows without a queue column. */
  queueName?: string | null
  /** IANA zone of the file's local times (and of queues it creates). Defaults to the queue's zone, else UTC. */
  timeZone?: string | null
  /** Interval length for interval files without a length column; otherwise inferred from the spacing. */
  intervalMinutes?: number | null
  /** field → header overrides chosen by the user. */
  columnOverrides?: Record<string, string>
  /** Skip invalid rows (reported as rejected) instead of refusing the whole file. */
  skipInvalidRows?: boolean
  /** Mark the batch as containing made-up values (demo). */
  synthetic?: boolean
  onProgress?: (p: ImportProgress) => void
}

export interface ImportProgress { rowsRead: number; bytesRead: number; totalBytes: number }

export type ImportResult =
  | { status: 'imported'; batchId: number; rowsInFile: number; rowsImported: number; rowsRejected: number; rejected: RowError[]; queues: string[]; durationMs: number }
  | { status: 'duplicate'; batchId: number; importedAtMs: number; fileName: string }

const MAX_REPORTED_ERRORS = 100
const ROWS_PER_INSERT = 50

export async function checksumOfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function dedupeKeyOf(kind: ImportKind, checksum: string, queueName: string | null | undefined, zone: string | null | undefined): string {
  return kind === 'contacts' && !queueName ? `${kind}:${checksum}` : `${kind}:${checksum}:${queueName ?? ''}:${zone ?? ''}`
}

/** Imports a file; throws ImportError (nothing written) when the file or its rows are bad. */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  const started = Date.now()
  const { kind, fileName } = options
  if (options.timeZone && !isValidTimeZone(options.timeZone)) {
    throw new ImportError([{ file: fileName, row: 0, column: '', message: `unknown time zone '${options.timeZone}' (use an IANA name such as Europe/London)` }])
  }
  const source = openCsvSource(options.path, fileName)
  const { mapping, missingRequired } = detectMapping(source.headers, kind, options.columnOverrides)
  if (missingRequired.length) {
    const oneColumn = source.headers.length === 1 && /[,;\t|]/.test(source.headers[0])
    const hint = oneColumn
      ? ` The header is read as one column '${source.headers[0]}': the delimiter seems wrong (detected ${describeDelimiter(source.delimiter)}).`
      : ` Found columns: ${source.headers.map((h) => `'${h}'`).join(', ')}. Map them on the import page or rename the headers.`
    throw new ImportError([{ file: fileName, row: 1, column: '', message: `missing required column${missingRequired.length > 1 ? 's' : ''} ${missingRequired.map((f) => `'${f.label}'`).join(', ')}.${hint}` }])
  }
  if (source.headers.length === 1 && source.totalBytes > 0) {
    throw new ImportError([{ file: fileName, row: 1, column: '', message: `only one column found: the delimiter seems wrong (expected comma, semicolon or tab)` }])
  }
  if (kind === 'contacts' || kind === 'intervals') {
    if (mapping.queue === undefined && !options.queueName) {
      throw new ImportError([{ file: fileName, row: 1, column: '', message: 'the file has no queue column: choose the queue it belongs to (--queue NAME)' }])
    }
  }
  const checksum = await checksumOfFile(options.path)
  const dedupeKey = dedupeKeyOf(kind, checksum, options.queueName, options.timeZone)
  const existing = await db.client.execute({ sql: 'SELECT id, imported_at_ms, file_name FROM import_batches WHERE dedupe_key = ?', args: [dedupeKey] })
  if (existing.rows.length) {
    const r = existing.rows[0]
    return { status: 'duplicate', batchId: Number(r.id), importedAtMs: Number(r.imported_at_ms), fileName: String(r.file_name) }
  }

  const queueRows = await db.client.execute('SELECT id, name, time_zone FROM queues')
  const queueByName = new Map<string, { id: number | null; zone: string }>()
  for (const r of queueRows.rows) queueByName.set(String(r.name), { id: Number(r.id), zone: String(r.time_zone) })
  const zoneOfQueue = (name: string) => options.timeZone ?? queueByName.get(name)?.zone ?? 'UTC'

  const columnOf = (field: string) => (mapping[field] !== undefined ? source.headers[mapping[field]] : fieldsOf(kind).find((f) => f.field === field)?.label ?? field)
  const errors: RowError[] = []
  let errorCount = 0
  const rejected: RowError[] = []
  let rowsRejected = 0
  let rowsInFile = 0
  let rowsImported = 0
  const touchedQueues = new Set<string>()

  const tx = await openImportSink(db)
  try {
    const batchId = await tx.insert(
      `INSERT INTO import_batches (kind, file_name, checksum_sha256, dedupe_key, rows_in_file, rows_imported, rows_rejected, rejected_json, synthetic, imported_at_ms, duration_ms)
            VALUES (?, ?, ?, ?, 0, 0, 0, '[]', ?, ?, 0)`,
      [kind, fileName, checksum, dedupeKey, options.synthetic ? 1 : 0, Date.now()],
    )
    const queueIdOf = async (name: string): Promise<number> => {
      const known = queueByName.get(name)
      if (known?.id != null) return known.id
      const zone = options.timeZone ?? 'UTC'
      assertTimeZone(zone)
      const id = await tx.insert(
        'INSERT INTO queues (name, time_zone, opening_hours_json, interval_minutes, created_at_ms) VALUES (?, ?, ?, 30, ?)',
        [name, zone, JSON.stringify(ALWAYS_OPEN), Date.now()],
      )
      queueByName.set(name, { id, zone })
      return id
    }

    const reject = (row: number, message: string) => {
      rowsRejected++
      if (rejected.length < 1000) rejected.push({ file: fileName, row, column: '', message })
    }
    const writer = kind === 'contacts' ? contactWriter(tx, batchId, queueIdOf) : intervalWriter(tx, batchId, queueIdOf, options.intervalMinutes ?? null, fileName, reject)
    const headerWidth = source.headers.length
    let lastProgress = 0
    for await (const { firstRow, records } of source.chunks()) {
      for (let k = 0; k < records.length; k++) {
        const fields = records[k]
        const row = firstRow + k
        if (fields.length === 1 && fields[0].trim() === '') continue // a blank line
        rowsInFile++
        let problems: { field: string; message: string }[]
        if (fields.length !== headerWidth && !(fields.length > headerWidth && fields.slice(headerWidth).every((f) => f === ''))) {
          problems = [{ field: '', message: `has ${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${headerWidth} (is the delimiter ${describeDelimiter(source.delimiter)} right, or is a quote unbalanced?)` }]
        } else {
          const parsed = kind === 'contacts'
            ? parseContactRecord(fields, { mapping, defaultQueue: options.queueName ?? null, zoneOfQueue })
            : parseIntervalRecord(fields, { mapping, defaultQueue: options.queueName ?? null, zoneOfQueue })
          if ('row' in parsed) {
            if (errorCount === 0 || options.skipInvalidRows) await writer.add(parsed.row as ContactRow & IntervalRow, row)
            touchedQueues.add(parsed.row.queue)
            problems = []
          } else problems = parsed.problems
        }
        if (problems.length) {
          const asErrors = problems.map((p) => ({ file: fileName, row, column: p.field ? columnOf(p.field) : '', message: p.message }))
          if (options.skipInvalidRows) {
            rowsRejected++
            if (rejected.length < 1000) rejected.push(...asErrors)
          } else {
            errorCount += asErrors.length
            if (errors.length < MAX_REPORTED_ERRORS) errors.push(...asErrors.slice(0, MAX_REPORTED_ERRORS - errors.length))
          }
        }
      }
      if (options.onProgress && rowsInFile - lastProgress >= 10_000) {
        lastProgress = rowsInFile
        options.onProgress({ rowsRead: rowsInFile, bytesRead: source.bytesRead(), totalBytes: source.totalBytes })
      }
    }
    if (rowsInFile === 0) throw new ImportError([{ file: fileName, row: 1, column: '', message: 'the file has a header but no data rows' }])
    if (errorCount) throw new ImportError(errors, errorCount)
    rowsImported = await writer.finish()
    await tx.insert(
      'UPDATE import_batches SET rows_in_file = ?, rows_imported = ?, rows_rejected = ?, rejected_json = ?, queue_id = ?, duration_ms = ? WHERE id = ?',
      [rowsInFile, rowsImported, rowsRejected, JSON.stringify(rejected), touchedQueues.size === 1 ? queueByName.get([...touchedQueues][0])!.id : null, Date.now() - started, batchId],
    )
    await tx.commit()
    options.onProgress?.({ rowsRead: rowsInFile, bytesRead: source.totalBytes, totalBytes: source.totalBytes })
    return { status: 'imported', batchId, rowsInFile, rowsImported, rowsRejected, rejected, queues: [...touchedQueues].sort(), durationMs: Date.now() - started }
  } catch (error) {
    await tx.rollback()
    if (error instanceof ImportError) throw error
    if (/UNIQUE constraint failed: import_batches.dedupe_key/.test(String((error as Error).message))) {
      throw new ImportError([{ file: fileName, row: 0, column: '', message: 'this file is being imported by someone else right now, or was just imported' }])
    }
    throw error
  }
}

interface RowWriter<T> {
  /** Queues a valid row for writing (a writer may still reject it, e.g. a duplicate, through its reject callback). */
  add(row: T, rowNumber: number): Promise<void>
  /** Writes what is left and returns how many rows were written. */
  finish(): Promise<number>
}

/**
 * Where an import writes, inside one transaction. For an embedded `file:` database the native libSQL driver is used
 * directly with prepared statements (several times faster than the client's per-call statement compilation, which
 * matters for million-row files); for a libSQL server the client's interactive transaction with multi-row INSERTs.
 */
interface ImportSink {
  /** Runs one statement; returns the last inserted row id. */
  insert(sql: string, args: unknown[]): Promise<number>
  /** Inserts many rows of the same shape. */
  insertRows(table: string, columns: string[], rows: unknown[][], suffix?: string): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
}

async function openImportSink(db: Db): Promise<ImportSink> {
  return db.isRemote ? clientSink(await db.client.transaction('write')) : nativeSink(db.url)
}

function multiRowSql(table: string, columns: string[], rowCount: number, suffix: string): string {
  const placeholders = '(' + columns.map(() => '?').join(',') + ')'
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(rowCount).fill(placeholders).join(',')}${suffix}`
}

function clientSink(tx: Transaction): ImportSink {
  return {
    async insert(sql, args) { return Number((await tx.execute({ sql, args: args as never })).lastInsertRowid) },
    async insertRows(table, columns, rows, suffix = '') { await tx.execute({ sql: multiRowSql(table, columns, rows.length, suffix), args: rows.flat() as never }) },
    async commit() { await tx.commit(); tx.close() },
    async rollback() { await tx.rollback().catch(() => {}); tx.close() },
  }
}

function nativeSink(url: string): ImportSink {
  const path = url.slice('file:'.length).split('?')[0]
  const conn = new Database(path)
  conn.exec('PRAGMA busy_timeout = 10000')
  conn.exec('BEGIN IMMEDIATE')
  const statements = new Map<string, ReturnType<typeof conn.prepare>>()
  const prepared = (sql: string) => {
    let st = statements.get(sql)
    if (!st) { st = conn.prepare(sql); statements.set(sql, st) }
    return st
  }
  return {
    async insert(sql, args) { return Number(prepared(sql).run(...(args as never[])).lastInsertRowid) },
    async insertRows(table, columns, rows, suffix = '') { prepared(multiRowSql(table, columns, rows.length, suffix)).run(...(rows.flat() as never[])) },
    async commit() { conn.exec('COMMIT'); conn.close() },
    async rollback() { try { conn.exec('ROLLBACK') } catch { /* not in a transaction */ } conn.close() },
  }
}

const CONTACT_COLUMNS = ['queue_id', 'batch_id', 'external_id', 'arrived_at_ms', 'first_response_at_ms', 'ended_at_ms', 'wait_seconds', 'handle_seconds', 'outcome', 'agent', 'issue_type', 'customer_segment', 'resolved_first_contact', 'csat_score', 'nps_score', 'synthetic']

const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0)

function contactWriter(tx: ImportSink, batchId: number, queueIdOf: (name: string) => Promise<number>): RowWriter<ContactRow> {
  let pending: unknown[][] = []
  let written = 0
  const flush = async () => {
    if (!pending.length) return
    await tx.insertRows('contacts', CONTACT_COLUMNS, pending)
    written += pending.length
    pending = []
  }
  return {
    async add(r) {
      pending.push([await queueIdOf(r.queue), batchId, r.externalId, r.arrivedAtMs, r.firstResponseAtMs, r.endedAtMs, r.waitSeconds, r.handleSeconds, r.outcome, r.agent, r.issueType, r.customerSegment, bool(r.resolvedFirstContact), r.csatScore, r.npsScore, r.synthetic ? 1 : 0])
      if (pending.length >= ROWS_PER_INSERT) await flush()
    },
    async finish() { await flush(); return written },
  }
}

const INTERVAL_COLUMNS = ['queue_id', 'batch_id', 'interval_start_ms', 'interval_minutes', 'offered', 'handled', 'abandoned', 'aht_seconds']
const INTERVAL_UPSERT = ` ON CONFLICT (queue_id, interval_minutes, interval_start_ms) DO UPDATE SET batch_id = excluded.batch_id, offered = excluded.offered,
  handled = excluded.handled, abandoned = excluded.abandoned, aht_seconds = excluded.aht_seconds`

/**
 * Interval rows: the interval length comes from the file's column, the option, or the smallest spacing between
 * the first rows of a queue. The same interval twice in one file is rejected (the first one is kept); an interval
 * already in the database is replaced by the file's values (a corrected export).
 */
function intervalWriter(
  tx: ImportSink, batchId: number, queueIdOf: (name: string) => Promise<number>, optionMinutes: number | null, fileName: string,
  reject: (rowNumber: number, message: string) => void,
): RowWriter<IntervalRow> {
  let held: { row: IntervalRow; rowNumber: number }[] = []
  let inferredMinutes: number | null = optionMinutes
  const firstRowOfInterval = new Map<string, number>()
  let written = 0
  let pending: unknown[][] = []
  const flushPending = async () => {
    if (!pending.length) return
    await tx.insertRows('interval_aggregates', INTERVAL_COLUMNS, pending, INTERVAL_UPSERT)
    written += pending.length
    pending = []
  }
  const emit = async (r: IntervalRow, rowNumber: number): Promise<void> => {
    const minutes = r.intervalMinutes ?? inferredMinutes ?? 30
    const key = `${r.queue}\u0000${minutes}\u0000${r.intervalStartMs}`
    const first = firstRowOfInterval.get(key)
    if (first !== undefined) { reject(rowNumber, `the same interval as row ${first} (kept the first; where a clock change skips a local hour, its times fall on the next hour)`); return }
    firstRowOfInterval.set(key, rowNumber)
    pending.push([await queueIdOf(r.queue), batchId, r.intervalStartMs, minutes, r.offered, r.handled, r.abandoned, r.ahtSeconds])
    if (pending.length >= ROWS_PER_INSERT) await flushPending()
  }
  const inferFromHeld = () => {
    let best = Infinity
    for (let i = 1; i < held.length; i++) {
      if (held[i].row.queue !== held[i - 1].row.queue) continue
      const diff = (held[i].row.intervalStartMs - held[i - 1].row.intervalStartMs) / 60_000
      if (diff > 0 && diff < best) best = diff
    }
    if (Number.isFinite(best)) {
      if (!Number.isInteger(best) || 1440 % best !== 0) {
        throw new ImportError([{ file: fileName, row: held[1].rowNumber, column: '', message: `interval starts are ${best} minutes apart, which does not divide a day; give the interval length (--interval-minutes)` }])
      }
      inferredMinutes = best
    }
  }
  return {
    async add(row, rowNumber) {
      if (inferredMinutes !== null || row.intervalMinutes !== null) {
        if (held.length) { for (const h of held) await emit(h.row, h.rowNumber); held = [] }
        return emit(row, rowNumber)
      }
      held.push({ row, rowNumber })
      if (held.length >= 50) {
        inferFromHeld()
        for (const h of held) await emit(h.row, h.rowNumber)
        held = []
      }
    },
    async finish() {
      if (held.length) {
        inferFromHeld()
        for (const h of held) await emit(h.row, h.rowNumber)
        held = []
      }
      await flushPending()
      return written
    },
  }
}
