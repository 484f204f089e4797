/** `chatplan backup` / `chatplan restore` on embedded file databases (the sqld round trip is in tests/db/sqld.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'

const BANK_FILE = new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname
const count = async (db: Db, sql: string) => Number((await db.client.execute(sql)).rows[0][0])

describe('chatplan backup and restore (file databases)', () => {
  let dir: string
  let source: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-backup-'))
    source = await createDb('file:' + join(dir, 'live.db'))
    await migrateDb(source)
    await importFile(source, { kind: 'intervals', path: BANK_FILE, fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  })
  afterAll(() => { source.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('copies a database that is open and in use, and restores it into a new file row for row', async () => {
    const backup = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'live.db') })
    expect(await runCli(['backup', 'copy.db'], { ...backup, cwd: dir })).toBe(0)
    expect(backup.stdout).toMatch(/^Backed up \d+ tables, [\d,]+ rows to copy\.db \(\d+\.\d MB, \d+\.\d s\)\. Integrity check: ok\.\n$/)
    const restore = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'restored.db') })
    expect(await runCli(['restore', 'copy.db'], { ...restore, cwd: dir }), restore.stderr).toBe(0)
    const restored = await createDb('file:' + join(dir, 'restored.db'))
    expect(await count(restored, 'SELECT COUNT(*) FROM interval_aggregates')).toBe(4592)
    expect(await count(restored, 'SELECT SUM(offered) FROM interval_aggregates')).toBe(await count(source, 'SELECT SUM(offered) FROM interval_aggregates'))
    expect(String((await restored.client.execute('PRAGMA integrity_check')).rows[0][0])).toBe('ok')
    // Ids continue after the restored ones (AUTOINCREMENT counters are part of the backup).
    expect(await count(restored, `SELECT seq FROM sqlite_sequence WHERE name = 'interval_aggregates'`)).toBe(await count(source, `SELECT seq FROM sqlite_sequence WHERE name = 'interval_aggregates'`))
    restored.client.close()
  })

  it('does not overwrite a file, nor replace a database with data, unless told to', async () => {
    writeFileSync(join(dir, 'taken.db'), 'x')
    const b = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'live.db') })
    expect(await runCli(['backup', 'taken.db'], { ...b, cwd: dir })).toBe(1)
    expect(b.stderr).toBe('chatplan backup: taken.db exists; choose another name or add --force to overwrite it\n')
    const r = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'live.db') })
    expect(await runCli(['restore', 'copy.db'], { ...r, cwd: dir })).toBe(1)
    expect(r.stderr).toContain('holds data that the restore would replace; back it up first (chatplan backup FILE) and run again with --yes')
  })

  it('refuses a file that is not a Chatplan backup and leaves the database as it was', async () => {
    const before = await count(source, 'SELECT COUNT(*) FROM interval_aggregates')
    writeFileSync(join(dir, 'not-a-db.db'), 'this is not SQLite')
    const r = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'live.db') })
    expect(await runCli(['restore', 'not-a-db.db', '--yes'], { ...r, cwd: dir })).toBe(1)
    expect(r.stderr).toMatch(/^chatplan restore: nothing was changed: /)
    const other = await createDb('file:' + join(dir, 'other.db'))
    await other.client.execute('CREATE TABLE notes (x TEXT)')
    other.client.close()
    const r2 = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'live.db') })
    expect(await runCli(['restore', 'other.db', '--yes'], { ...r2, cwd: dir })).toBe(1)
    expect(r2.stderr).toContain('is not a Chatplan backup')
    expect(await count(source, 'SELECT COUNT(*) FROM interval_aggregates')).toBe(before)
    const missing = memoryIo('', {})
    expect(await runCli(['restore', 'nope.db'], { ...missing, cwd: dir })).toBe(1)
    expect(missing.stderr).toBe('chatplan restore: there is no file nope.db\n')
    expect(existsSync(join(dir, 'copy.db.partial'))).toBe(false)
  })
})
