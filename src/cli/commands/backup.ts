/**
 * `chatplan backup FILE`: copies the whole database (DATABASE_URL: an embedded file or a libSQL server) into a new
 * SQLite file. For an embedded database that is `VACUUM INTO` (a consistent snapshot while the app runs); for a
 * server, every table is read inside one read transaction (a consistent snapshot too) and written into the file.
 * The copy is checked (integrity check, row counts) before the command says it is done.
 */
import { createClient, type Client, type InValue, type Transaction } from '@libsql/client'
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { loadConfig } from '../../config.ts'

export const usage = `Usage: chatplan backup FILE [--force]
Copies the whole database (DATABASE_URL, default file:data/chatplan.db; http://host:port for a libSQL server with
DATABASE_AUTH_TOKEN) into FILE, a plain SQLite file, while the app keeps running. The copy is a consistent snapshot
and is checked before the command finishes. Refuses to overwrite FILE unless --force. Restore with \`chatplan restore FILE\`.`

/** The options `chatplan backup` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { flags: ['force'] }

export interface SchemaObject { type: 'table' | 'index' | 'view' | 'trigger'; name: string; tableName: string; sql: string }

/** Rows copied per INSERT statement (SQLite allows 32,766 bound values; tables here have at most ~25 columns). */
const ROWS_PER_INSERT = 200
/** Rows read per SELECT from the source. */
const ROWS_PER_READ = 5000

type Reader = Pick<Client, 'execute'> | Pick<Transaction, 'execute'>

/** Every user object (tables first, then indexes, views, triggers), without SQLite's own. */
export async function readSchema(reader: Reader): Promise<SchemaObject[]> {
  const rs = await reader.execute(`SELECT type, name, tbl_name, sql FROM sqlite_master
    WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_litestream%' AND name NOT LIKE 'libsql_%'
    ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid`)
  return rs.rows.map((r) => ({ type: String(r.type) as SchemaObject['type'], name: String(r.name), tableName: String(r.tbl_name), sql: String(r.sql) }))
}

export function quoteIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"'
}

export async function countRows(reader: Reader, table: string): Promise<number> {
  const rs = await reader.execute(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(table)}`)
  return Number(rs.rows[0].n)
}

/** Copies every row of `table` from `source` into `target` (which has the table), in rowid order. */
export async function copyTableRows(source: Reader, target: Reader, table: string, onRows?: (n: number) => void): Promise<number> {
  const q = quoteIdentifier(table)
  const columns = (await source.execute(`SELECT * FROM ${q} LIMIT 0`)).columns
  if (!columns.length) return 0
  const columnList = columns.map(quoteIdentifier).join(', ')
  const rowPlaceholders = '(' + columns.map(() => '?').join(', ') + ')'
  let lastRowid: InValue = null
  let copied = 0
  for (;;) {
    const rs = await source.execute({
      sql: `SELECT rowid AS __rowid, ${columnList} FROM ${q} ${lastRowid === null ? '' : 'WHERE rowid > ?'} ORDER BY rowid LIMIT ${ROWS_PER_READ}`,
      args: lastRowid === null ? [] : [lastRowid],
    })
    if (!rs.rows.length) break
    for (let i = 0; i < rs.rows.length; i += ROWS_PER_INSERT) {
      const chunk = rs.rows.slice(i, i + ROWS_PER_INSERT)
      const args: InValue[] = []
      for (const row of chunk) for (let c = 1; c <= columns.length; c++) args.push(row[c] as InValue)
      await target.execute({ sql: `INSERT INTO ${q} (${columnList}) VALUES ${chunk.map(() => rowPlaceholders).join(', ')}`, args })
    }
    copied += rs.rows.length
    onRows?.(rs.rows.length)
    lastRowid = rs.rows[rs.rows.length - 1][0] as InValue
    if (rs.rows.length < ROWS_PER_READ) break
  }
  return copied
}

/** AUTOINCREMENT counters, so ids are never reused after a restore. */
export async function copySequences(source: Reader, target: Reader): Promise<void> {
  const has = await source.execute(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`)
  if (!has.rows.length) return
  const rs = await source.execute('SELECT name, seq FROM sqlite_sequence')
  for (const r of rs.rows) {
    await target.execute({ sql: 'DELETE FROM sqlite_sequence WHERE name = ?', args: [r.name as InValue] })
    await target.execute({ sql: 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', args: [r.name as InValue, r.seq as InValue] })
  }
}

export interface CopyReport { tables: number; rows: number }

/** Schema, rows and sequences from `source` into an empty `target` (inside its transaction), indexes last (faster than maintaining them). */
export async function copyDatabase(source: Reader, target: Reader): Promise<CopyReport> {
  // Tables are copied in schema order, not in reference order: foreign keys are checked at commit instead.
  await target.execute('PRAGMA defer_foreign_keys = ON')
  const schema = await readSchema(source)
  const tables = schema.filter((o) => o.type === 'table')
  let rows = 0
  for (const t of tables) await target.execute(t.sql)
  for (const t of tables) rows += await copyTableRows(source, target, t.name)
  for (const o of schema.filter((o) => o.type !== 'table')) await target.execute(o.sql)
  await copySequences(source, target)
  return { tables: tables.length, rows }
}

/** Checks a SQLite file: integrity, and (optionally) the row counts of another database. */
export async function checkCopy(file: Client, expectedCounts?: Map<string, number>): Promise<void> {
  const integrity = await file.execute('PRAGMA integrity_check')
  const verdict = String(integrity.rows[0]?.[0])
  if (verdict !== 'ok') throw new Error(`the copy failed its integrity check: ${verdict}`)
  for (const [table, n] of expectedCounts ?? []) {
    const got = await countRows(file, table)
    if (got !== n) throw new Error(`the copy of table ${table} has ${got} rows, the database ${n}`)
  }
}

export function isEmbeddedUrl(url: string): boolean {
  return url.startsWith('file:') || url === ':memory:'
}

export async function backupDatabase(url: string, authToken: string | undefined, filePath: string): Promise<CopyReport> {
  const temporary = filePath + '.partial'
  rmSync(temporary, { force: true })
  const source = createClient({ url, authToken, intMode: 'bigint' })
  try {
    let report: CopyReport
    const counts = new Map<string, number>()
    if (isEmbeddedUrl(url)) {
      await source.execute('PRAGMA busy_timeout = 10000')
      await source.execute({ sql: 'VACUUM INTO ?', args: [temporary] })
      const copy = createClient({ url: 'file:' + temporary, intMode: 'bigint' })
      try {
        const tables = (await readSchema(copy)).filter((o) => o.type === 'table')
        let rows = 0
        for (const t of tables) rows += await countRows(copy, t.name)
        report = { tables: tables.length, rows }
        await checkCopy(copy)
      } finally { copy.close() }
    } else {
      const target = createClient({ url: 'file:' + temporary, intMode: 'bigint' })
      try {
        const tx = await source.transaction('read')
        try {
          const write = await target.transaction('write')
          report = await copyDatabase(tx, write)
          await write.commit()
          for (const t of (await readSchema(tx)).filter((o) => o.type === 'table')) counts.set(t.name, await countRows(tx, t.name))
        } finally { tx.close() }
        await checkCopy(target, counts)
      } finally { target.close() }
    }
    renameSync(temporary, filePath)
    return report
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  } finally { source.close() }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseOptions(args, ['force'])
  const [file] = positional
  if (!file || positional.length > 1) { io.err('chatplan backup: give one file to write the backup to\n\n' + usage + '\n'); return 1 }
  const path = resolve(io.cwd, file)
  if (existsSync(path) && options.force !== true) { io.err(`chatplan backup: ${file} exists; choose another name or add --force to overwrite it\n`); return 1 }
  const config = loadConfig(io.env)
  const started = Date.now()
  let report: CopyReport
  try {
    report = await backupDatabase(config.databaseUrl, config.databaseAuthToken, path)
  } catch (error) {
    io.err(`chatplan backup: the backup failed and ${file} was not written: ${(error as Error).message}\n`)
    return 1
  }
  const megabytes = statSync(path).size / 1024 / 1024
  io.out(`Backed up ${report.tables} tables, ${report.rows.toLocaleString('en')} rows to ${file} (${megabytes.toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s). Integrity check: ok.\n`)
  return 0
}
