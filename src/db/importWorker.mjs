// Worker-thread writer of importFile (src/db/importBatch.ts) for an embedded `file:` database. Rows are written to a
// staging file of their own while the main thread parses (no lock on the database while a file is read), then
// merged into the database in short write transactions (src/db/importMerge.ts: ~150 ms each, a pause between them,
// the replaced rows kept for undo), so other writers never wait long. The synchronous native calls run here, so the
// main thread's event loop (a web server's) stays responsive.
// Plain JS so it starts under any loader (no TypeScript transform needed in the thread).
//
// workerData: { path, stagePath, merge: Record<table, MergeTableSql>, undo: string[], forgetUndo: string[] }
// Messages in:  { id, type: 'begin' } | { id, type: 'run' | 'all', sql, args } | { id, type: 'rows', target, batch }
//               | { id, type: 'commit', batchId, final: { sql, args } } | { id, type: 'rollback', batchId, queueIds }
// Messages out: { id, ok: true, value } | { id, ok: false, message }
// A batch is the layout of src/db/importWorkerBatch.ts: numbers (Float64Array, NaN = NULL), textUnits
// (Uint16Array of UTF-16 code units of all text cells), textLengths (Int32Array, -1 = NULL), rowCount.
import { parentPort, workerData } from 'node:worker_threads'
import { rmSync } from 'node:fs'
import Database from 'libsql'

/** Rows per INSERT statement: many rows per call into the native binding, well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 200
/** A merge chunk aims at this long a write transaction, then pauses this long so waiting writers get the lock. */
const TARGET_CHUNK_MS = 150
const PAUSE_MS = 60

const { path, stagePath, merge, undo, forgetUndo } = workerData
const conn = new Database(path)
conn.exec('PRAGMA busy_timeout = 10000')
let stage = null
const stagedRows = new Map() // table → rows staged
const statements = new Map()

function prepared(db, sql) {
  const key = (db === conn ? 'm\u0000' : 's\u0000') + sql
  let statement = statements.get(key)
  if (!statement) {
    statement = db.prepare(sql)
    statements.set(key, statement)
  }
  return statement
}

/** The INSERT of `rowCount` rows into the staging copy of a target's table (no ON CONFLICT: the merge applies it). */
const insertSqlByKey = new Map()
function stageInsertSql(target, rowCount) {
  const key = `${rowCount}\u0000${target.table}\u0000${target.rowSql}`
  let sql = insertSqlByKey.get(key)
  if (sql === undefined) {
    sql = `INSERT INTO stage_${target.table} (${target.columns.join(',')}) VALUES ${Array(rowCount).fill(target.rowSql).join(',')}`
    insertSqlByKey.set(key, sql)
  }
  return sql
}

function openStage() {
  if (stage) return stage
  rmSync(stagePath, { force: true })
  stage = new Database(stagePath)
  stage.exec('PRAGMA journal_mode = OFF')
  stage.exec('PRAGMA synchronous = OFF')
  stage.exec('BEGIN')
  return stage
}

/** Writes a batch to the staging file: its cells are decoded straight into one reused argument array per statement. */
function writeRows(target, batch) {
  const db = openStage()
  if (!stagedRows.has(target.table)) {
    db.exec(merge[target.table].createStage)
    stagedRows.set(target.table, 0)
  }
  const { kinds } = target
  const width = kinds.length
  const { numbers, textUnits, textLengths, rowCount } = batch
  const text = Buffer.from(textUnits.buffer, textUnits.byteOffset, textUnits.byteLength).toString('utf16le')
  const isNumber = kinds.map((k) => k === 'number')
  let numberAt = 0
  let textAt = 0
  let textOffset = 0
  for (let first = 0; first < rowCount; first += ROWS_PER_STATEMENT) {
    const rows = Math.min(ROWS_PER_STATEMENT, rowCount - first)
    const args = new Array(rows * width)
    let k = 0
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < width; c++) {
        if (isNumber[c]) {
          const value = numbers[numberAt++]
          args[k++] = value !== value ? null : value
        } else {
          const length = textLengths[textAt++]
          if (length < 0) args[k++] = null
          else {
            args[k++] = text.slice(textOffset, textOffset + length)
            textOffset += length
          }
        }
      }
    }
    prepared(db, stageInsertSql(target, rows)).run(args)
  }
  stagedRows.set(target.table, stagedRows.get(target.table) + rowCount)
  return rowCount
}

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Merges the staged rows in short transactions; the last one also runs `final`. Returns { created, updated }. */
function mergeStaged(batchId, final) {
  if (stage) { stage.exec('COMMIT'); stage.close(); stage = null }
  let created = 0
  let changed = 0
  let attached = false
  if (stagedRows.size) { conn.exec(`ATTACH DATABASE '${stagePath.replaceAll("'", "''")}' AS stage`); attached = true }
  try {
    const work = [...stagedRows.entries()]
    let chunk = 20_000
    for (let w = 0; w < work.length; w++) {
      const [table, total] = work[w]
      const sql = merge[table]
      for (let from = 0; from < total;) {
        const to = Math.min(total, from + chunk)
        const started = Date.now()
        conn.exec('BEGIN IMMEDIATE')
        try {
          prepared(conn, sql.copyUndo).run([batchId, from, to])
          const before = Number(prepared(conn, sql.maxId).get().n)
          const done = prepared(conn, sql.upsert).run([from, to])
          const made = Number(prepared(conn, sql.maxId).get().n) - before
          created += made
          changed += Number(done.changes)
          if (to === total && w === work.length - 1 && final) prepared(conn, final.sql).run(final.args)
          conn.exec('COMMIT')
        } catch (error) {
          try { conn.exec('ROLLBACK') } catch { /* not in a transaction */ }
          throw error
        }
        from = to
        const ms = Math.max(1, Date.now() - started)
        chunk = Math.max(2_000, Math.min(200_000, Math.round(chunk * TARGET_CHUNK_MS / ms)))
        if (from < total || w < work.length - 1) pause(PAUSE_MS)
      }
    }
    if (!stagedRows.size && final) prepared(conn, final.sql).run(final.args)
  } finally {
    void attached // the staging file stays attached until the connection closes (close())
  }
  // The undo copies are not needed once the batch is committed; forget them in small steps.
  for (const sql of forgetUndo) while (Number(prepared(conn, sql).run([batchId]).changes) > 0) pause(5)
  return { created, updated: changed - created }
}

function undoMerge(batchId, queueIds) {
  if (batchId === null || batchId === undefined) return
  conn.exec('BEGIN IMMEDIATE')
  try {
    for (const sql of undo) prepared(conn, sql).run([batchId])
    for (const id of queueIds ?? []) {
      prepared(conn, 'DELETE FROM queues WHERE id = ? AND NOT EXISTS (SELECT 1 FROM contacts WHERE queue_id = ?1) AND NOT EXISTS (SELECT 1 FROM interval_aggregates WHERE queue_id = ?1)').run([id])
    }
    conn.exec('COMMIT')
  } catch (error) {
    try { conn.exec('ROLLBACK') } catch { /* not in a transaction */ }
    throw error
  }
}

function close() {
  statements.clear()
  if (stage) { try { stage.close() } catch { /* closed */ } stage = null }
  rmSync(stagePath, { force: true })
  try { conn.close() } catch { /* already closed */ }
}

const handlers = {
  begin() {
    return null
  },
  run(message) {
    return Number(prepared(conn, message.sql).run(message.args).lastInsertRowid)
  },
  all(message) {
    return prepared(conn, message.sql).all(message.args)
  },
  rows(message) {
    return writeRows(message.target, message.batch)
  },
  commit(message) {
    const counts = mergeStaged(message.batchId, message.final)
    close()
    return counts
  },
  rollback(message) {
    try { undoMerge(message.batchId, message.queueIds) } finally { close() }
    return null
  },
}

parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, ok: true, value: handlers[message.type](message) })
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error), code: error?.code ?? null })
  }
})
