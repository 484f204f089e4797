/**
 * The database handle waits for another connection's write lock without holding the thread: libSQL's file calls
 * are synchronous, so SQLite's own busy wait would stop every page and /health for as long as an import in the
 * worker thread or another process holds the lock. Here a real second process holds it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, retryWhileBusy } from '../../src/db/client.ts'

const dir = mkdtempSync(join(tmpdir(), 'chatplan-client-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('createDb on a file database', () => {
  it('writes once another process lets go of the write lock, the event loop free all the while', async () => {
    const url = 'file:' + join(dir, 'locked.db')
    const db = await createDb(url)
    await db.client.execute('CREATE TABLE held (note TEXT)')
    const holder = spawn(process.execPath, [new URL('../fixtures/holdWriteLock.mjs', import.meta.url).pathname, url, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const said: string[] = []
    const holding = new Promise<void>((resolve) => holder.stdout.on('data', (d) => { said.push(...String(d).trim().split('\n')); if (said.includes('holding')) resolve() }))
    await holding
    // a timer that should tick every 20 ms: with the thread held by SQLite's busy wait it would not tick at all
    let ticks = 0
    const timer = setInterval(() => { ticks++ }, 20)
    await db.client.execute("INSERT INTO held (note) VALUES ('this process')")
    clearInterval(timer)
    expect(ticks).toBeGreaterThanOrEqual(10) // ~1.5 s of waiting: the event loop ran (75 ticks when idle)
    // it waited for the other process to commit rather than failing: its row comes first
    expect((await db.client.execute('SELECT note FROM held ORDER BY rowid')).rows.map((r) => r.note)).toEqual(['other process', 'this process'])
    if (holder.exitCode === null) await new Promise((resolve) => holder.on('exit', resolve)) // it may have exited already
    db.client.close()
  }, 30_000)

  it('gives up after the total wait with the busy error, and never retries other errors', async () => {
    let calls = 0
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
    await expect(retryWhileBusy(async () => { calls++; throw busy }, 60)).rejects.toBe(busy)
    expect(calls).toBeGreaterThan(1)
    calls = 0
    const other = Object.assign(new Error('no such table'), { code: 'SQLITE_ERROR' })
    await expect(retryWhileBusy(async () => { calls++; throw other })).rejects.toBe(other)
    expect(calls).toBe(1)
  })
})
