/**
 * The one transaction that writes a whole import or nothing. A file is streamed, each record validated and
 * written in multi-row INSERTs inside a single write transaction; on any invalid row (unless the user chose to
 * skip invalid rows) the transaction is rolled back and every problem is reported with file, row and column.
 * The same file imported twice is recognised by its SHA-256 and not imported again.
 *
 * For an embedded `file:` database the inserts run on a worker thread (src/db/importWorker.mjs) with its own
 * native connection: this thread parses and validates while the worker writes the previous batches (a two-stage
 * pipeline on two cores), and the synchronous native inserts never block this thread's event loop (a web
 * server polling the progress stays responsive). Rows travel in compact batches (src/db/importWorkerBatch.ts).
 * For a libSQL server (or an in-memory database) the client's interactive write transaction is used.
 */
import { QUEUE_NAME, TIME_ZONE_TEXT } from '../schemas/queues.ts'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { Transaction } from '@libsql/client'
import type { Db } from './client.ts'
import { detectMapping, fieldsOf, type ColumnMapping, type ImportKind } from '../imports/columnMapping.ts'
import { openCsvSource, describeDelimiter, type CsvSource } from '../imports/csvSource.ts'
import { contactRecordParser, type ContactRow } from '../imports/contactRows.ts'
import { intervalKeyOf, intervalRecordParser, repeatAwareStartMs, smallestStartSpacingMinutes, type IntervalRow } from '../imports/intervalRows.ts'
import { ImportError, type RowError } from '../imports/rowErrors.ts'
import { assertTimeZone, isValidTimeZone } from '../time/zones.ts'
import { ALWAYS_OPEN } from './queues.ts'
import { RowBatchBuilder, insertSqlOf, rowTarget, rowsOfBatch, type RowBatch, type RowTarget } from './importWorkerBatch.ts'
import { CONTACT_UPSERT_SQL, INTERVAL_UPSERT_SQL } from './rowUpserts.ts'
import { detectPreset, presetOverrides, presetRecordRewrite, type ImportPreset } from '../imports/presets.ts'
import { FORGET_UNDO_SQL, MERGE_SQL, recoverInterruptedImports, stagePathFor, undoStatements } from './importMerge.ts'
import { pruneContactChangesInSteps } from './contactAggregates.ts'
import { randomBytes } from 'node:crypto'

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
  | { status: 'imported'; batchId: number; rowsInFile: number; rowsImported: number; rowsRejected: number; rejected: RowError[]; queues: string[]; durationMs: number
      /** Of the rows written: new, changed stored ones, and those equal to what was stored (the upsert's counts). */
      created: number; updated: number; unchanged: number
      /** The chat platform whose export was recognised from the headers, or null. */
      preset: string | null }
  | { status: 'duplicate'; batchId: number; importedAtMs: number; fileName: string }

const MAX_REPORTED_ERRORS = 100
/** Rows per batch handed to the writer, and batches in flight at most (bounds memory whatever the file's size). */
const ROWS_PER_BATCH = 8000
const BATCHES_IN_FLIGHT = 3
/** Rows per INSERT statement sent to a libSQL server. */
const ROWS_PER_REMOTE_INSERT = 50

export async function checksumOfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function dedupeKeyOf(kind: ImportKind, checksum: string, queueName: string | null | undefined, zone: string | null | undefined): string {
  return kind === 'contacts' && !queueName ? `${kind}:${checksum}` : `${kind}:${checksum}:${queueName ?? ''}:${zone ?? ''}`
}

/** Another import of the same file started at the same moment (its batch row won the dedupe key): wait for its outcome. */
class SameFileRace extends Error {}

const WAIT_FOR_SAME_FILE_MS = 200

/**
 * Imports a file; throws ImportError (nothing written) when the file or its rows are bad. When the same file is
 * being imported right now (a staged import holds its batch row while it merges), waits for that import: once it
 * is committed this one is a duplicate; if it is undone, this one imports the file.
 */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  const started = Date.now()
  let checked = checkImportFile(options)
  const checksum = await checksumOfFile(options.path)
  const plan: ImportPlan = { checksum, dedupeKey: dedupeKeyOf(options.kind, checksum, options.queueName, options.timeZone), startedAtMs: started }
  const embedded = isEmbeddedFileDatabase(db)
  const openSink = embedded
    ? () => workerSink(embeddedPathOf(db.url))
    : () => db.client.transaction('write').then(clientSink)
  for (let attempt = 0; ; attempt++) {
    if (embedded && attempt % 25 === 0) await recoverInterruptedImports(db, embeddedPathOf(db.url))
    const existing = await db.client.execute({ sql: 'SELECT id, imported_at_ms, file_name, status FROM import_batches WHERE dedupe_key = ?', args: [plan.dedupeKey] })
    if (existing.rows.length) {
      const r = existing.rows[0]
      if (r.status === 'merging') { await new Promise((done) => setTimeout(done, WAIT_FOR_SAME_FILE_MS)); continue }
      return { status: 'duplicate', batchId: Number(r.id), importedAtMs: Number(r.imported_at_ms), fileName: String(r.file_name) }
    }
    if (attempt > 0) checked = checkImportFile(options)
    try {
      const result = await runImport(openSink, checked, options, plan)
      // The contacts' triggers logged every row in contact_changes; an import prunes the log as an API upsert does,
      // a bounded step at a time so that other writes get the lock between steps.
      if (options.kind === 'contacts' && result.status !== 'duplicate') await pruneContactChangesInSteps(db.client)
      return result
    } catch (error) {
      if (!(error instanceof SameFileRace)) throw error
    }
  }
}

/** What is worked out before the rows are read: the checksum and the key that spots duplicates. */
interface ImportPlan { checksum: string; dedupeKey: string; startedAtMs: number }

interface CheckedFile { source: CsvSource; mapping: ColumnMapping; preset: ImportPreset | null }

/** The checks of a whole file before any row: time zone, a readable CSV, the required columns, a queue. */
function checkImportFile(options: ImportOptions): CheckedFile {
  const { kind, fileName } = options
  if (options.queueName && options.queueName.length > QUEUE_NAME.maxLength) {
    throw new ImportError([{ file: fileName, row: 0, column: '', message: `${QUEUE_NAME.label} must be at most ${QUEUE_NAME.maxLength} characters long, got ${options.queueName.length}` }])
  }
  if (options.timeZone && options.timeZone.length > TIME_ZONE_TEXT.maxLength) {
    throw new ImportError([{ file: fileName, row: 0, column: '', message: `${TIME_ZONE_TEXT.label} must be at most ${TIME_ZONE_TEXT.maxLength} characters long (an IANA name such as Europe/London), got ${options.timeZone.length}` }])
  }
  if (options.timeZone && !isValidTimeZone(options.timeZone)) {
    throw new ImportError([{ file: fileName, row: 0, column: '', message: `unknown time zone '${options.timeZone}' (use an IANA name such as Europe/London)` }])
  }
  const source = openCsvSource(options.path, fileName)
  const preset = kind === 'contacts' ? detectPreset(source.headers) : null
  const { mapping, missingRequired } = detectMapping(source.headers, kind, presetOverrides(preset, options.columnOverrides))
  if (missingRequired.length) {
    const oneColumn = source.headers.length === 1
    const hint = oneColumn
      ? ` The header is read as one column '${source.headers[0]}': the delimiter seems wrong (use comma, semicolon, tab or pipe).`
      : ` Found columns: ${source.headers.map((h) => `'${h}'`).join(', ')}. Map them on the import page or rename the headers.`
    throw new ImportError([{ file: fileName, row: 1, column: '', message: `missing required column${missingRequired.length > 1 ? 's' : ''} ${missingRequired.map((f) => `'${f.label}'`).join(', ')}.${hint}` }])
  }
  if (mapping.queue === undefined && !options.queueName) {
    throw new ImportError([{ file: fileName, row: 1, column: '', message: 'the file has no queue column: choose the queue it belongs to (--queue NAME)' }])
  }
  return { source, mapping, preset }
}

/** Validates every row and writes the good ones through the sink, all in one write transaction. */
async function runImport(openSink: () => Promise<ImportSink>, checked: CheckedFile, options: ImportOptions, plan: ImportPlan): Promise<ImportResult> {
  const { kind, fileName } = options
  const { source, mapping, preset } = checked
  const rewrite = presetRecordRewrite(preset, mapping)
  const { checksum, dedupeKey, startedAtMs: started } = plan
  const queueByName = new Map<string, { id: number; zone: string }>()
  const zoneOfQueue = (name: string) => options.timeZone ?? queueByName.get(name)?.zone ?? 'UTC'
  const columnOf = (field: string) => (mapping[field] !== undefined ? source.headers[mapping[field]] : fieldsOf(kind).find((f) => f.field === field)?.label ?? field)
  const errors: RowError[] = []
  let errorCount = 0
  const rejected: RowError[] = []
  let rowsRejected = 0
  let rowsInFile = 0
  const touchedQueues = new Set<string>()

  const createdQueueIds: number[] = []
  let cleanup: RollbackCleanup | undefined
  const busy = () => new ImportError([{ file: fileName, row: 0, column: '', message: 'another import or change is writing to the database right now: try again when it has finished' }])
  const sink = await openSink().catch((error: Error) => { throw isBusyError(error) ? busy() : error })
  try {
    // Inside the write transaction: what another import committed meanwhile is seen here.
    const again = await sink.all('SELECT id, imported_at_ms, file_name, status FROM import_batches WHERE dedupe_key = ?', [dedupeKey])
    if (again.length) {
      await sink.rollback()
      if (again[0].status === 'merging') throw new SameFileRace()
      return { status: 'duplicate', batchId: Number(again[0].id), importedAtMs: Number(again[0].imported_at_ms), fileName: String(again[0].file_name) }
    }
    for (const r of await sink.all('SELECT id, name, time_zone FROM queues', [])) {
      queueByName.set(String(r.name), { id: Number(r.id), zone: String(r.time_zone) })
    }
    const batchId = await sink.run(
      `INSERT INTO import_batches (kind, file_name, checksum_sha256, dedupe_key, rows_in_file, rows_imported, rows_rejected, rejected_json, synthetic, imported_at_ms, duration_ms, status, merge_owner_pid)
            VALUES (?, ?, ?, ?, 0, 0, 0, '[]', ?, ?, 0, ?, ?)`,
      [kind, fileName, checksum, dedupeKey, options.synthetic ? 1 : 0, Date.now(), sink.staged ? 'merging' : 'committed', sink.staged ? process.pid : null],
    )
    cleanup = { batchId, queueIds: createdQueueIds }
    /** The id of a queue, created (in this transaction) on first sight of its name. */
    const ensureQueue = async (name: string): Promise<void> => {
      if (queueByName.has(name)) return
      const zone = options.timeZone ?? 'UTC'
      assertTimeZone(zone)
      // Outside one long transaction (a staged import) another import may create the same queue meanwhile: take theirs.
      const inserted = await sink.run(
        'INSERT INTO queues (name, time_zone, opening_hours_json, interval_minutes, created_at_ms) VALUES (?, ?, ?, 30, ?) ON CONFLICT (name) DO NOTHING',
        [name, zone, JSON.stringify(ALWAYS_OPEN), Date.now()],
      )
      const [found] = await sink.all('SELECT id, time_zone FROM queues WHERE name = ?', [name])
      const id = Number(found.id)
      queueByName.set(name, { id, zone: String(found.time_zone) })
      if (id === inserted) createdQueueIds.push(id)
    }
    const queueIdOf = (name: string): number => queueByName.get(name)!.id

    const reject = (row: number, message: string) => {
      rowsRejected++
      if (rejected.length < 1000) rejected.push({ file: fileName, row, column: '', message })
    }
    const writer = kind === 'contacts'
      ? contactWriter(batchId, queueIdOf)
      : intervalWriter(batchId, queueIdOf, options.intervalMinutes ?? null, fileName, reject)
    const parseRecord = kind === 'contacts'
      ? contactRecordParser({ mapping, defaultQueue: options.queueName ?? null, zoneOfQueue })
      : intervalRecordParser({ mapping, defaultQueue: options.queueName ?? null, zoneOfQueue })
    const headerWidth = source.headers.length
    const wrongWidth = (width: number) => [{ field: '', message: `has ${width} field${width === 1 ? '' : 's'} where the header has ${headerWidth} (is the delimiter ${describeDelimiter(source.delimiter)} right, or is a quote unbalanced?)` }]
    let lastProgress = 0
    for await (const { firstRow, records } of source.chunks()) {
      for (let k = 0; k < records.length; k++) {
        const fields = records[k]
        const row = firstRow + k
        if (fields.length === 1 && fields[0].trim() === '') continue // a blank line
        rowsInFile++
        let problems: { field: string; message: string }[] | null = null
        if (fields.length !== headerWidth && !(fields.length > headerWidth && fields.slice(headerWidth).every((f) => f === ''))) {
          problems = wrongWidth(fields.length)
        } else {
          const parsed = parseRecord(rewrite(fields))
          if ('row' in parsed) {
            const queue = parsed.row.queue
            if (errorCount === 0 || options.skipInvalidRows) {
              if (!queueByName.has(queue)) await ensureQueue(queue)
              writer.add(parsed.row as ContactRow & IntervalRow, row)
            }
            touchedQueues.add(queue)
          } else problems = parsed.problems
        }
        if (problems !== null && problems.length) {
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
      for (const batch of writer.takeFullBatches()) await sink.writeRows(writer.target, batch)
      if (options.onProgress && rowsInFile - lastProgress >= 10_000) {
        lastProgress = rowsInFile
        options.onProgress({ rowsRead: rowsInFile, bytesRead: source.bytesRead(), totalBytes: source.totalBytes })
      }
    }
    if (rowsInFile === 0) throw new ImportError([{ file: fileName, row: 1, column: '', message: 'the file has a header but no data rows' }])
    if (errorCount) throw new ImportError(errors, errorCount)
    const rowsImported = writer.finish()
    for (const batch of writer.takeFullBatches()) await sink.writeRows(writer.target, batch)
    const counts = await sink.commit(batchId, {
      sql: `UPDATE import_batches SET rows_in_file = ?, rows_imported = ?, rows_rejected = ?, rejected_json = ?, queue_id = ?, duration_ms = ?, status = 'committed', merge_owner_pid = NULL WHERE id = ?`,
      args: [rowsInFile, rowsImported, rowsRejected, JSON.stringify(rejected), touchedQueues.size === 1 ? queueByName.get([...touchedQueues][0])!.id : null, Date.now() - started, batchId],
    })
    options.onProgress?.({ rowsRead: rowsInFile, bytesRead: source.totalBytes, totalBytes: source.totalBytes })
    return {
      status: 'imported', batchId, rowsInFile, rowsImported, rowsRejected, rejected, queues: [...touchedQueues].sort(), durationMs: Date.now() - started,
      created: counts.created, updated: counts.updated, unchanged: Math.max(0, rowsImported - counts.created - counts.updated),
      preset: preset ? preset.platform : null,
    }
  } catch (error) {
    await sink.rollback(cleanup)
    if (error instanceof ImportError) throw error
    if (error instanceof SameFileRace) throw error
    if (/UNIQUE constraint failed: import_batches.dedupe_key/.test(String((error as Error).message))) throw new SameFileRace()
    if (isBusyError(error)) throw busy()
    throw error
  }
}

function isBusyError(error: unknown): boolean {
  return /SQLITE_BUSY|database is locked/i.test(String((error as { code?: string })?.code ?? '') + ' ' + String((error as Error)?.message ?? ''))
}

/**
 * Where an import writes, inside one write transaction: a worker thread with its own native connection for an
 * embedded `file:` database, or the client's interactive transaction for a libSQL server or an in-memory database.
 */
interface RollbackCleanup { batchId: number; queueIds: number[] }

interface ImportSink {
  /** True when rows are staged and merged in short transactions (the batch is 'merging' until the end). */
  staged: boolean
  /** Runs one statement; returns the last inserted row id. */
  run(sql: string, args: (string | number | null)[]): Promise<number>
  /** Runs one query; returns its rows. */
  all(sql: string, args: (string | number | null)[]): Promise<Record<string, unknown>[]>
  /** Queues a batch of rows; resolves when the sink can take the next one (it may still be writing this one). */
  writeRows(target: RowTarget, batch: RowBatch): Promise<void>
  /** Writes what is queued, runs `final` and commits; answers how many rows were created and updated. */
  commit(batchId: number, final: { sql: string; args: (string | number | null)[] }): Promise<{ created: number; updated: number }>
  /** Undoes everything (safe to call after a failed commit); a staged sink deletes the batch and the queues it made. */
  rollback(cleanup?: RollbackCleanup): Promise<void>
}

function isEmbeddedFileDatabase(db: Db): boolean {
  if (db.isRemote || !db.url.startsWith('file:')) return false
  const path = embeddedPathOf(db.url)
  return path !== '' && !path.startsWith(':memory:')
}

function embeddedPathOf(url: string): string {
  return url.slice('file:'.length).split('?')[0]
}

function clientSink(tx: Transaction): ImportSink {
  let closed = false
  const close = () => { if (!closed) { closed = true; tx.close() } }
  const maxIdBefore = new Map<string, number>()
  return {
    staged: false,
    async run(sql, args) { return Number((await tx.execute({ sql, args })).lastInsertRowid) },
    async all(sql, args) { return (await tx.execute({ sql, args })).rows.map((row) => ({ ...row })) },
    async writeRows(target, batch) {
      if (!maxIdBefore.has(target.table)) maxIdBefore.set(target.table, Number((await tx.execute(`SELECT coalesce(MAX(id), 0) AS n FROM ${target.table}`)).rows[0].n))
      const rows = rowsOfBatch(target, batch)
      for (let first = 0; first < rows.length; first += ROWS_PER_REMOTE_INSERT) {
        const part = rows.slice(first, first + ROWS_PER_REMOTE_INSERT)
        await tx.execute({ sql: insertSqlOf(target, part.length), args: part.flat() })
      }
    },
    async commit(batchId, final) {
      let created = 0
      let updated = 0
      for (const [table, before] of maxIdBefore) {
        const r = (await tx.execute({ sql: `SELECT coalesce(SUM(id > ?), 0) AS created, coalesce(SUM(id <= ?), 0) AS updated FROM ${table} WHERE batch_id = ?`, args: [before, before, batchId] })).rows[0]
        created += Number(r.created)
        updated += Number(r.updated)
      }
      await tx.execute({ sql: final.sql, args: final.args })
      await tx.commit()
      close()
      return { created, updated }
    },
    async rollback() { if (!closed) await tx.rollback().catch(() => {}); close() },
  }
}

interface WorkerReply { id: number; ok: boolean; value?: unknown; message?: string; code?: string | null }

/** Starts the writer thread and opens its write transaction. */
async function workerSink(path: string): Promise<ImportSink> {
  const worker = new Worker(new URL('./importWorker.mjs', import.meta.url), {
    workerData: { path, stagePath: stagePathFor(path, randomBytes(6).toString('hex')), merge: MERGE_SQL, undo: undoStatements(), forgetUndo: FORGET_UNDO_SQL },
  })
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 1
  let stopped: Error | null = null
  const stop = (error: Error) => {
    if (stopped) return
    stopped = error
    for (const { reject } of waiting.values()) reject(error)
    waiting.clear()
  }
  worker.on('message', (reply: WorkerReply) => {
    const waiter = waiting.get(reply.id)
    if (!waiter) return
    waiting.delete(reply.id)
    if (reply.ok) waiter.resolve(reply.value)
    else waiter.reject(Object.assign(new Error(reply.message), { code: reply.code ?? undefined }))
  })
  worker.on('error', (error) => stop(error))
  worker.on('exit', (code) => stop(new Error(`the import writer thread stopped (exit code ${code})`)))
  const request = <T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> => {
    if (stopped) return Promise.reject(stopped)
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ ...message, id }, transfer)
    })
  }
  const finish = async () => { stop(new Error('the import transaction is closed')); await worker.terminate() }
  /** Row batches sent and not yet written, oldest first (the worker takes messages in order). */
  const inFlight: Promise<unknown>[] = []
  const drain = async () => { while (inFlight.length) await inFlight.shift() }

  try {
    await request({ type: 'begin' })
  } catch (error) {
    await finish()
    throw error
  }
  return {
    staged: true,
    run: (sql, args) => request<number>({ type: 'run', sql, args }),
    all: (sql, args) => request<Record<string, unknown>[]>({ type: 'all', sql, args }),
    async writeRows(target, batch) {
      const written = request({ type: 'rows', target, batch }, [batch.numbers.buffer as ArrayBuffer, batch.textUnits.buffer as ArrayBuffer, batch.textLengths.buffer as ArrayBuffer])
      written.catch(() => {}) // awaited below or by drain(); this only keeps it from counting as unhandled meanwhile
      inFlight.push(written)
      while (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift()
    },
    async commit(batchId, final) {
      await drain()
      const counts = await request<{ created: number; updated: number }>({ type: 'commit', batchId, final })
      await finish()
      return counts
    },
    async rollback(cleanup) {
      inFlight.length = 0
      if (!stopped) await request({ type: 'rollback', batchId: cleanup?.batchId ?? null, queueIds: cleanup?.queueIds ?? [] }).catch(() => {})
      await finish()
    },
  }
}

interface RowWriter<T> {
  target: RowTarget
  /** Takes a valid row (a writer may still reject it, e.g. a duplicate, through its reject callback). */
  add(row: T, rowNumber: number): void
  /** Batches ready to be written (each handed out once). */
  takeFullBatches(): RowBatch[]
  /** Ends the file: what is left becomes a last batch; returns how many rows were taken for writing. */
  finish(): number
}

/** Collects rows into fixed-size batches for a target table. */
function batchCollector(target: RowTarget) {
  const builder = new RowBatchBuilder(target, ROWS_PER_BATCH)
  let full: RowBatch[] = []
  let rows = 0
  return {
    builder,
    endRow() { rows++; if (builder.endRow()) full.push(builder.take()) },
    take() { const out = full; full = []; return out },
    finish() { if (builder.rowCount) full.push(builder.take()); return rows },
  }
}

/**
 * The contacts of one import: its batch id is a constant of the statement and the outcome travels as 1/0, so
 * two fewer values cross into the native binding per row (binding is most of the cost of an insert).
 */
function contactsTarget(batchId: number): RowTarget {
  if (!Number.isSafeInteger(batchId)) throw new TypeError(`batchId must be an integer, got ${batchId}`)
  return rowTarget('contacts', [
    { column: 'queue_id', kind: 'number' }, { column: 'batch_id', sql: String(batchId) }, { column: 'external_id', kind: 'text' },
    { column: 'arrived_at_ms', kind: 'number' }, { column: 'first_response_at_ms', kind: 'number' }, { column: 'ended_at_ms', kind: 'number' },
    { column: 'wait_seconds', kind: 'number' }, { column: 'handle_seconds', kind: 'number' },
    { column: 'outcome', kind: 'number', sql: "CASE ? WHEN 1 THEN 'answered' WHEN 0 THEN 'abandoned' END" },
    { column: 'agent', kind: 'text' }, { column: 'issue_type', kind: 'text' }, { column: 'customer_segment', kind: 'text' },
    { column: 'resolved_first_contact', kind: 'number' }, { column: 'csat_score', kind: 'number' }, { column: 'nps_score', kind: 'number' },
    { column: 'synthetic', kind: 'number' },
  ], CONTACT_UPSERT_SQL)
}

const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0)

function contactWriter(batchId: number, queueIdOf: (name: string) => number): RowWriter<ContactRow> {
  const target = contactsTarget(batchId)
  const rows = batchCollector(target)
  const b = rows.builder
  return {
    target,
    add(r) {
      b.number(queueIdOf(r.queue)); b.text(r.externalId); b.number(r.arrivedAtMs); b.number(r.firstResponseAtMs)
      b.number(r.endedAtMs); b.number(r.waitSeconds); b.number(r.handleSeconds); b.number(r.outcome === 'answered' ? 1 : 0); b.text(r.agent); b.text(r.issueType)
      b.text(r.customerSegment); b.number(bool(r.resolvedFirstContact)); b.number(r.csatScore); b.number(r.npsScore); b.number(r.synthetic ? 1 : 0)
      rows.endRow()
    },
    takeFullBatches: rows.take,
    finish: rows.finish,
  }
}

function intervalsTarget(batchId: number): RowTarget {
  if (!Number.isSafeInteger(batchId)) throw new TypeError(`batchId must be an integer, got ${batchId}`)
  return rowTarget('interval_aggregates', [
    { column: 'queue_id', kind: 'number' }, { column: 'batch_id', sql: String(batchId) }, { column: 'interval_start_ms', kind: 'number' },
    { column: 'interval_minutes', kind: 'number' }, { column: 'offered', kind: 'number' }, { column: 'handled', kind: 'number' },
    { column: 'abandoned', kind: 'number' }, { column: 'aht_seconds', kind: 'number' },
  ], INTERVAL_UPSERT_SQL)
}

/**
 * Interval rows: the interval length comes from the file's column, the option, or the smallest spacing between
 * the first rows of a queue. The same interval twice in one file is rejected (the first one is kept); an interval
 * already in the database is replaced by the file's values (a corrected export).
 */
function intervalWriter(
  batchId: number, queueIdOf: (name: string) => number, optionMinutes: number | null, fileName: string,
  reject: (rowNumber: number, message: string) => void,
): RowWriter<IntervalRow> {
  let held: { row: IntervalRow; rowNumber: number }[] = []
  let inferredMinutes: number | null = optionMinutes
  const firstRowOfInterval = new Map<string, number>()
  const target = intervalsTarget(batchId)
  const rows = batchCollector(target)
  const b = rows.builder
  const emit = (r: IntervalRow, rowNumber: number): void => {
    const minutes = r.intervalMinutes ?? inferredMinutes ?? 30
    const startMs = repeatAwareStartMs(r, minutes, firstRowOfInterval)
    const key = intervalKeyOf(r.queue, minutes, startMs)
    const first = firstRowOfInterval.get(key)
    if (first !== undefined) { reject(rowNumber, `the same interval as row ${first} (kept the first; where a clock change skips a local hour, its times fall on the next hour)`); return }
    firstRowOfInterval.set(key, rowNumber)
    b.number(queueIdOf(r.queue)); b.number(startMs); b.number(minutes)
    b.number(r.offered); b.number(r.handled); b.number(r.abandoned); b.number(r.ahtSeconds)
    rows.endRow()
  }
  const inferFromHeld = () => {
    const best = smallestStartSpacingMinutes(held.map((h) => ({ queue: h.row.queue, startMs: h.row.intervalStartMs })))
    if (Number.isFinite(best)) {
      if (!Number.isInteger(best) || 1440 % best !== 0) {
        throw new ImportError([{ file: fileName, row: held[1].rowNumber, column: '', message: `interval starts are ${best} minutes apart, which does not divide a day; give the interval length (--interval-minutes)` }])
      }
      inferredMinutes = best
    }
  }
  const emitHeld = () => { for (const h of held) emit(h.row, h.rowNumber); held = [] }
  return {
    target,
    add(row, rowNumber) {
      if (inferredMinutes !== null || row.intervalMinutes !== null) {
        emitHeld()
        emit(row, rowNumber)
        return
      }
      held.push({ row, rowNumber })
      if (held.length >= 50) { inferFromHeld(); emitHeld() }
    },
    takeFullBatches: rows.take,
    finish() {
      if (held.length) { inferFromHeld(); emitHeld() }
      return rows.finish()
    },
  }
}
