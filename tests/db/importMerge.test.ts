/**
 * Imports on the one upsert, staged and merged in short write transactions (issue 15, defects 6 and 9):
 * - a daily "last 3 days" export uploaded every day adds only the new contacts and updates the changed ones;
 * - two rows of the same contact in one file: the later row wins (and the API does the same);
 * - while a 200,000-row import merges, another connection that waits at most 1 s for the lock gets every write in;
 * - a merge whose process died is undone at the next start: its new rows gone, the rows it replaced put back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { closeDb, createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { recoverInterruptedImports } from '../../src/db/importMerge.ts'

const cleanups: (() => void)[] = []
afterEach(() => { while (cleanups.length) cleanups.pop()!() })

async function freshDb(): Promise<{ db: Db; dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-merge-'))
  const path = join(dir, 'test.db')
  const db = await createDb('file:' + path)
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  cleanups.push(() => closeDb(db))
  await migrateDb(db)
  return { db, dir, path }
}

const HEADER = 'contact_id,queue,arrived_at,answered_at,ended_at,outcome,agent,csat'
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19)
/** A day's chats: one every 3 minutes, answered after 20 s, 5 minutes long; ids from the day and index. */
function dayRows(day: number, options: { csat?: boolean } = {}): string[] {
  const start = Date.UTC(2025, 5, day)
  return Array.from({ length: 480 }, (_, i) => {
    const arrived = start + i * 180_000
    return `d${day}-${i},Chat,${iso(arrived)},${iso(arrived + 20_000)},${iso(arrived + 320_000)},answered,agent ${i % 7},${options.csat && i % 4 === 0 ? 1 + (i % 5) : ''}`
  })
}
const count = async (db: Db, sql: string) => Number((await db.client.execute(sql)).rows[0][0])

describe('imports upsert, staged and merged in short transactions', () => {
  it('uploads a rolling 3-day export every day without doubling, updating the contacts whose CSAT arrived', async () => {
    const { db, dir } = await freshDb()
    const file = (name: string, lines: string[]) => { const p = join(dir, name); writeFileSync(p, [HEADER, ...lines].join('\n') + '\n'); return p }
    const first = await importFile(db, { kind: 'contacts', path: file('d1-3.csv', [...dayRows(1), ...dayRows(2), ...dayRows(3)]), fileName: 'd1-3.csv', timeZone: 'UTC' })
    expect(first).toMatchObject({ status: 'imported', rowsImported: 1440, created: 1440, updated: 0, unchanged: 0 })
    // Next day: days 2-4, where day 3's surveys have come in since.
    const second = await importFile(db, { kind: 'contacts', path: file('d2-4.csv', [...dayRows(2), ...dayRows(3, { csat: true }), ...dayRows(4)]), fileName: 'd2-4.csv', timeZone: 'UTC' })
    expect(second).toMatchObject({ status: 'imported', rowsImported: 1440, created: 480, updated: 120, unchanged: 840 })
    expect(await count(db, 'SELECT COUNT(*) FROM contacts')).toBe(4 * 480)
    expect(await count(db, 'SELECT COUNT(*) FROM contacts WHERE csat_score IS NOT NULL')).toBe(120)
    expect(await count(db, `SELECT COUNT(*) FROM import_batches WHERE status = 'committed'`)).toBe(2)
    expect(await count(db, 'SELECT COUNT(*) FROM import_undo_contacts')).toBe(0)
  })

  it('keeps the later row when a file has the same contact twice', async () => {
    const { db, dir } = await freshDb()
    const path = join(dir, 'dups.csv')
    writeFileSync(path, [HEADER, 'c-1,Chat,2025-06-01T09:00:00,,,abandoned,,', 'c-2,Chat,2025-06-01T09:01:00,,,abandoned,,', 'c-1,Chat,2025-06-01T09:00:00,2025-06-01T09:00:45,2025-06-01T09:06:00,answered,Dana,5'].join('\n') + '\n')
    const result = await importFile(db, { kind: 'contacts', path, fileName: 'dups.csv', timeZone: 'UTC' })
    expect(result).toMatchObject({ status: 'imported', rowsInFile: 3, created: 2 })
    const rows = (await db.client.execute(`SELECT outcome, wait_seconds, agent, csat_score FROM contacts WHERE external_id = 'c-1'`)).rows
    expect(rows.map((r) => ({ ...r }))).toEqual([{ outcome: 'answered', wait_seconds: 45, agent: 'Dana', csat_score: 5 }])
  })

  it('lets another writer in within a second, again and again, while a 200,000-row import merges', async () => {
    const { db, dir, path } = await freshDb()
    const lines = [HEADER]
    const start = Date.UTC(2024, 0, 1)
    for (let i = 0; i < 200_000; i++) lines.push(`big-${i},Big,${iso(start + i * 60_000)},${iso(start + i * 60_000 + 10_000)},${iso(start + i * 60_000 + 200_000)},answered,a${i % 50},`)
    const file = join(dir, 'big.csv')
    writeFileSync(file, lines.join('\n') + '\n')
    const other = createClient({ url: 'file:' + path })
    cleanups.push(() => other.close())
    await other.execute('PRAGMA busy_timeout = 1000')
    let done = false
    const importing = importFile(db, { kind: 'contacts', path: file, fileName: 'big.csv', timeZone: 'UTC' }).finally(() => { done = true })
    let writes = 0
    const failures: string[] = []
    while (!done) {
      try {
        await other.execute({ sql: `INSERT INTO audit_log (at_ms, username, action, entity, summary) VALUES (?, 'other', 'event.update', 'event', '')`, args: [Date.now()] })
        writes++
      } catch (error) { failures.push((error as Error).message) }
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(await importing).toMatchObject({ status: 'imported', created: 200_000 })
    expect(failures).toEqual([])
    expect(writes).toBeGreaterThan(5)
    expect(await count(db, `SELECT COUNT(*) FROM audit_log WHERE username = 'other'`)).toBe(writes)
  }, 120_000)

  it('undoes a merge whose process died: its new rows go, the rows it replaced come back', async () => {
    const { db, dir } = await freshDb()
    const path = join(dir, 'seed.csv')
    writeFileSync(path, [HEADER, ...dayRows(1)].join('\n') + '\n')
    await importFile(db, { kind: 'contacts', path, fileName: 'seed.csv', timeZone: 'UTC' })
    const before = (await db.client.execute('SELECT * FROM contacts ORDER BY id')).rows.map((r) => ({ ...r }))
    // A merge by a process that no longer runs: it had replaced contact d1-0 (kept in the undo table) and added one.
    const deadPid = 2 ** 22 + 12345
    const batch = await db.client.execute({ sql: `INSERT INTO import_batches (kind, file_name, checksum_sha256, dedupe_key, rows_in_file, rows_imported, rows_rejected, imported_at_ms, status, merge_owner_pid) VALUES ('contacts', 'dying.csv', 'x', 'dying', 2, 0, 0, 0, 'merging', ?)`, args: [deadPid] })
    const batchId = Number(batch.lastInsertRowid)
    await db.client.execute({ sql: `INSERT INTO import_undo_contacts SELECT ?, id, queue_id, batch_id, external_id, arrived_at_ms, first_response_at_ms, ended_at_ms, wait_seconds, handle_seconds, outcome, agent, issue_type, customer_segment, resolved_first_contact, csat_score, nps_score, synthetic FROM contacts WHERE external_id = 'd1-0'`, args: [batchId] })
    await db.client.execute({ sql: `UPDATE contacts SET batch_id = ?, agent = 'changed', csat_score = 1 WHERE external_id = 'd1-0'`, args: [batchId] })
    await db.client.execute({ sql: `INSERT INTO contacts (queue_id, batch_id, external_id, arrived_at_ms, outcome, synthetic) VALUES (1, ?, 'new-1', 0, 'abandoned', 0)`, args: [batchId] })
    writeFileSync(`${path.replace('seed.csv', 'test.db')}.import-${deadPid}-abc.stage`, 'left over')
    expect(await recoverInterruptedImports(db, path.replace('seed.csv', 'test.db'))).toEqual([batchId])
    expect((await db.client.execute('SELECT * FROM contacts ORDER BY id')).rows.map((r) => ({ ...r }))).toEqual(before)
    expect(await count(db, 'SELECT COUNT(*) FROM import_batches')).toBe(1)
    expect(await count(db, 'SELECT COUNT(*) FROM import_undo_contacts')).toBe(0)
    expect(existsSync(`${path.replace('seed.csv', 'test.db')}.import-${deadPid}-abc.stage`)).toBe(false)
  })
})
