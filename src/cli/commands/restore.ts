/**
 * `chatplan restore FILE`: replaces the whole database (DATABASE_URL: an embedded file or a libSQL server) with a
 * backup written by `chatplan backup`. Everything happens in one write transaction: either the database is the
 * backup afterwards, or it is unchanged. Then the migrations bring an older backup up to the app's schema.
 */
import { createClient } from '@libsql/client'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { loadConfig } from '../../config.ts'
import { createDb } from '../../db/client.ts'
import { migrateDb } from '../../db/migrate.ts'
import { checkCopy, copyDatabase, countRows, quoteIdentifier, readSchema, type CopyReport } from './backup.ts'

export const usage = `Usage: chatplan restore FILE [--yes]
Replaces the whole database (DATABASE_URL, default file:data/chatplan.db; http://host:port for a libSQL server with
DATABASE_AUTH_TOKEN) with FILE, a backup written by \`chatplan backup\`. All or nothing: on any error the database
is left as it was. A database that holds data is only replaced with --yes. Restart the app afterwards so it
forgets what it had cached.`

/** The options `chatplan restore` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { flags: ['yes'] }

/** Tables whose rows mean the database is in use. */
const DATA_TABLES = ['queues', 'import_batches', 'users', 'events']

async function holdsData(url: string, authToken: string | undefined): Promise<boolean> {
  const client = createClient({ url, authToken })
  try {
    const present = new Set((await readSchema(client)).filter((o) => o.type === 'table').map((o) => o.name))
    for (const table of DATA_TABLES) if (present.has(table) && (await countRows(client, table)) > 0) return true
    return false
  } finally { client.close() }
}

export async function restoreDatabase(url: string, authToken: string | undefined, filePath: string): Promise<CopyReport> {
  const backup = createClient({ url: 'file:' + filePath, intMode: 'bigint' })
  const target = createClient({ url, authToken, intMode: 'bigint' })
  try {
    await checkCopy(backup)
    const backupTables = (await readSchema(backup)).filter((o) => o.type === 'table').map((o) => o.name)
    if (!backupTables.includes('__drizzle_migrations') || !backupTables.includes('queues')) throw new Error(`${filePath} is not a Chatplan backup (it has no queues or migrations table)`)
    if (url.startsWith('file:')) await target.execute('PRAGMA busy_timeout = 10000')
    const tx = await target.transaction('write')
    try {
      await tx.execute('PRAGMA defer_foreign_keys = ON')
      const existing = await readSchema(tx)
      for (const o of existing.filter((o) => o.type === 'view' || o.type === 'trigger')) await tx.execute(`DROP ${o.type.toUpperCase()} IF EXISTS ${quoteIdentifier(o.name)}`)
      for (const o of existing.filter((o) => o.type === 'table').reverse()) await tx.execute(`DROP TABLE IF EXISTS ${quoteIdentifier(o.name)}`)
      const report = await copyDatabase(backup, tx)
      await tx.commit()
      return report
    } finally { tx.close() }
  } finally {
    backup.close()
    target.close()
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseOptions(args, ['yes'])
  const [file] = positional
  if (!file || positional.length > 1) { io.err('chatplan restore: give the backup file to restore\n\n' + usage + '\n'); return 1 }
  const path = resolve(io.cwd, file)
  if (!existsSync(path)) { io.err(`chatplan restore: there is no file ${file}\n`); return 1 }
  const config = loadConfig(io.env)
  if (options.yes !== true && (await holdsData(config.databaseUrl, config.databaseAuthToken))) {
    io.err(`chatplan restore: the database (${config.databaseUrl.replace(/\/\/[^@]*@/, '//')}) holds data that the restore would replace; back it up first (chatplan backup FILE) and run again with --yes\n`)
    return 1
  }
  const started = Date.now()
  let report: CopyReport
  try {
    report = await restoreDatabase(config.databaseUrl, config.databaseAuthToken, path)
  } catch (error) {
    io.err(`chatplan restore: nothing was changed: ${(error as Error).message}\n`)
    return 1
  }
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  try { await migrateDb(db) } finally { db.client.close() }
  io.out(`Restored ${report.tables} tables, ${report.rows.toLocaleString('en')} rows from ${file} (${((Date.now() - started) / 1000).toFixed(1)} s). Restart the app so it forgets what it had cached.\n`)
  return 0
}
