/**
 * Fault: the libSQL server stops while the app is serving (killed in the middle of requests). Every request then
 * ends with a clear message ("the database did not answer, nothing was changed"), not a hang or a crash; nothing
 * half-written is left; and once the server is back the app answers normally without being restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn, type SignedIn } from '../web/authHelper.ts'
import { startSqld, type SqldServer } from '../db/sqldServer.ts'

const DB_DOWN = 'The database did not answer. Nothing was changed; try again in a moment.'

describe('the libSQL server stops mid-request', () => {
  let server: SqldServer
  let db: Db
  let dir: string
  let app: ReturnType<typeof createApp>
  let user: SignedIn
  let queueId: number
  beforeAll(async () => {
    server = await startSqld()
    dir = mkdtempSync(join(tmpdir(), 'chatplan-outage-'))
    db = await createDb(server.url)
    await migrateDb(db)
    const lines = ['interval_start,offered,aht_seconds']
    for (let i = 0; i < 48 * 60; i++) lines.push(`${new Date(Date.UTC(2024, 0, 1) + i * 1800_000).toISOString().slice(0, 19)},${(i * 11) % 29},${280 + (i % 50)}`)
    writeFileSync(join(dir, 'history.csv'), lines.join('\n') + '\n')
    await importFile(db, { kind: 'intervals', path: join(dir, 'history.csv'), fileName: 'history.csv', queueName: 'Outage queue', timeZone: 'UTC' })
    queueId = Number((await db.client.execute('SELECT id FROM queues')).rows[0].id)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    user = await signIn(app, db, 'scheduler')
  })
  afterAll(async () => {
    db?.client.close()
    await server?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers with a clear message while the server is down, and recovers when it returns', async () => {
    const pages = ['/', `/kpis?queue=${queueId}`, `/events?queue=${queueId}`, `/exports?queue=${queueId}`, '/imports']
    for (const path of pages) expect((await user.request(path)).status, path).toBe(200)

    // Kill the server while a burst of page requests is in flight.
    const burst = Array.from({ length: 30 }, (_, i) => user.request(pages[i % pages.length]))
    await new Promise((r) => setTimeout(r, 5))
    await server.stop({ kill: true })
    const answers = await Promise.all(burst.map(async (p) => { const res = await p; return { status: res.status, text: await res.text() } }))
    for (const a of answers) {
      if (a.status !== 200) {
        expect(a.status).toBe(503)
        expect(a.text).toContain(DB_DOWN)
      }
    }

    // While it is down: pages and changes get the message, quickly.
    const started = Date.now()
    const page = await user.request(`/events?queue=${queueId}`)
    expect(page.status).toBe(503)
    expect(await page.text()).toContain(DB_DOWN)
    const change = await user.request('/events', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'outage', name: 'Written while down', start: '2024-03-01T09:00', end: '2024-03-01T10:00', effectKind: 'multiplier', value: '0.5' }),
    })
    expect(change.status).toBe(503)
    expect(await change.text()).toContain(DB_DOWN)
    expect(Date.now() - started).toBeLessThan(10_000)

    // Back again (same data, same port): the same app answers without a restart, and nothing half-written is there.
    await server.start()
    for (const path of pages) expect((await user.request(path)).status, path).toBe(200)
    const events = await db.client.execute(`SELECT COUNT(*) AS n FROM events WHERE name = 'Written while down'`)
    expect(Number(events.rows[0].n)).toBe(0)
    const saved = await user.request('/events', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'outage', name: 'Written after', start: '2024-03-01T09:00', end: '2024-03-01T10:00', effectKind: 'multiplier', value: '0.5' }),
    })
    expect(saved.status).toBe(303)
    expect(String((await db.client.execute('PRAGMA integrity_check')).rows[0][0])).toBe('ok')
  })
})
