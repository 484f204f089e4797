// Worker-thread writer of importFile (src/db/importBatch.ts) for an embedded `file:` database. It holds one
// write transaction on its own native libSQL connection and runs the synchronous inserts here, so the main
// thread keeps parsing the next rows and its event loop (a web server's) stays responsive.
// Plain JS so it starts under any loader (no TypeScript transform needed in the thread).
//
// Messages in:  { id, type: 'begin' } | { id, type: 'run' | 'all', sql, args } | { id, type: 'rows', target, batch }
//               | { id, type: 'commit' } | { id, type: 'rollback' }
// Messages out: { id, ok: true, value } | { id, ok: false, message }
// A batch is the layout of src/db/importWorkerBatch.ts: numbers (Float64Array, NaN = NULL), textUnits
// (Uint16Array of UTF-16 code units of all text cells), textLengths (Int32Array, -1 = NULL), rowCount.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'libsql'

/** Rows per INSERT statement: many rows per call into the native binding, well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 200

const conn = new Database(workerData.path)
const statements = new Map()

function prepared(sql) {
  let statement = statements.get(sql)
  if (!statement) {
    statement = conn.prepare(sql)
    statements.set(sql, statement)
  }
  return statement
}

/** The INSERT of `rowCount` rows (as insertSqlOf in importWorkerBatch.ts), made once per target and row count. */
const insertSqlByKey = new Map()
function insertSql(target, rowCount) {
  const key = `${rowCount}\u0000${target.table}\u0000${target.rowSql}\u0000${target.suffix}`
  let sql = insertSqlByKey.get(key)
  if (sql === undefined) {
    sql = `INSERT INTO ${target.table} (${target.columns.join(',')}) VALUES ${Array(rowCount).fill(target.rowSql).join(',')}${target.suffix}`
    insertSqlByKey.set(key, sql)
  }
  return sql
}

/** Writes a batch: its cells are decoded straight into one reused argument array per statement. */
function writeRows(target, batch) {
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
    prepared(insertSql(target, rows)).run(args)
  }
  return rowCount
}

function close() {
  statements.clear()
  try { conn.close() } catch { /* already closed */ }
}

const handlers = {
  begin() {
    conn.exec('PRAGMA busy_timeout = 10000')
    conn.exec('BEGIN IMMEDIATE')
    return null
  },
  run(message) {
    return Number(prepared(message.sql).run(message.args).lastInsertRowid)
  },
  all(message) {
    return prepared(message.sql).all(message.args)
  },
  rows(message) {
    return writeRows(message.target, message.batch)
  },
  commit() {
    conn.exec('COMMIT')
    close()
    return null
  },
  rollback() {
    try { conn.exec('ROLLBACK') } catch { /* not in a transaction */ }
    close()
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
