/**
 * The cache of rendered GET answers: reused while the data is unchanged, emptied by any change from anywhere;
 * answers scoped to queues are kept across contact writes into other queues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../../src/db/client.ts'
import { pageCache } from '../../../src/web/middleware/pageCache.ts'
import { migrateDb } from '../../../src/db/migrate.ts'
import { createQueue } from '../../../src/db/queues.ts'
import { upsertContacts } from '../../../src/db/rowUpserts.ts'

function appWith(db: Db, options: Parameters<typeof pageCache>[1] = {}) {
  const calls = { page: 0, progress: 0, missing: 0 }
  const app = new Hono()
  app.use('*', pageCache(db, options))
  app.get('/page', async (c) => {
    calls.page++
    const n = (await db.client.execute('SELECT COUNT(*) AS n FROM notes')).rows[0].n
    await new Promise((r) => setTimeout(r, 20))
    return c.html(`<p>${n} notes</p>`)
  })
  app.get('/progress', (c) => { calls.progress++; return c.html('<div hx-get="/progress" hx-trigger="load delay:500ms">working</div>') })
  app.get('/missing', (c) => { calls.missing++; return c.html('<p>no</p>', 404) })
  app.post('/notes', async (c) => { await db.client.execute(`INSERT INTO notes VALUES ('x')`); return c.text('ok') })
  return { app, calls }
}

describe('page cache', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-cache-'))
    db = await createDb('file:' + join(dir, 'cache.db'))
    await db.client.execute('CREATE TABLE notes (text TEXT)')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('answers a repeated GET from the cache, and concurrent misses share one computation', async () => {
    const { app, calls } = appWith(db)
    const bodies = await Promise.all(Array.from({ length: 10 }, async () => (await app.request('/page')).text()))
    expect(new Set(bodies)).toEqual(new Set(['<p>0 notes</p>']))
    expect(calls.page).toBe(1)
    expect(await (await app.request('/page')).text()).toBe('<p>0 notes</p>')
    expect(calls.page).toBe(1)
    // htmx fragments and pages are kept apart.
    await app.request('/page', { headers: { 'HX-Request': 'true' } })
    expect(calls.page).toBe(2)
  })

  it('forgets everything after a changing request of this app', async () => {
    const { app, calls } = appWith(db)
    await app.request('/page')
    await app.request('/notes', { method: 'POST' })
    expect(await (await app.request('/page')).text()).toMatch(/^<p>\d+ notes<\/p>$/)
    expect(calls.page).toBe(2)
  })

  it('forgets everything when another connection commits to the database file', async () => {
    const { app, calls } = appWith(db)
    const before = await (await app.request('/page')).text()
    const other = await createDb(db.url)
    await other.client.execute(`INSERT INTO notes VALUES ('from elsewhere')`)
    other.client.close()
    const after = await (await app.request('/page')).text()
    expect(after).not.toBe(before)
    expect(calls.page).toBe(2)
  })

  it('never keeps progress answers or refusals', async () => {
    const { app, calls } = appWith(db)
    await app.request('/progress')
    await app.request('/progress')
    await app.request('/missing')
    await app.request('/missing')
    expect(calls).toMatchObject({ progress: 2, missing: 2 })
  })

  it('lets entries expire on a libSQL server, where other instances write unseen', async () => {
    const remote = { ...db, isRemote: true } as Db
    const { app, calls } = appWith(remote, { remoteTtlMs: 30 })
    await app.request('/page')
    await app.request('/page')
    expect(calls.page).toBe(1)
    await new Promise((r) => setTimeout(r, 60))
    await app.request('/page')
    expect(calls.page).toBe(2)
  })
})

describe('page cache: answers scoped to queues', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-cache-scoped-'))
    db = await createDb('file:' + join(dir, 'cache.db'))
    await migrateDb(db)
    await createQueue(db, { name: 'A', timeZone: 'Europe/London' })
    await createQueue(db, { name: 'B', timeZone: 'Europe/London' })
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  function scopedApp() {
    const calls = { a: 0, plain: 0 }
    const app = new Hono()
    app.use('*', pageCache(db))
    app.get('/kpis', async (c) => {
      calls.a++
      const n = (await db.client.execute("SELECT COUNT(*) AS n FROM contacts WHERE queue_id = (SELECT id FROM queues WHERE name = 'A')")).rows[0].n
      const name = (await db.client.execute("SELECT name FROM queues ORDER BY id LIMIT 1")).rows[0].name
      c.set('pageCacheQueues', [Number((await db.client.execute("SELECT id FROM queues WHERE name = 'A'")).rows[0]?.id ?? 1)])
      return c.html(`<p>${name}: ${n} contacts</p>`)
    })
    app.get('/plain', (c) => { calls.plain++; return c.html('<p>plain</p>') })
    app.post('/api/v1/contacts', async (c) => {
      const queue = c.req.query('queue')!
      await upsertContacts(db, [{ queue, externalId: `x${Math.random()}`, arrivedAtMs: Date.UTC(2026, 0, 5), firstResponseAtMs: null, endedAtMs: null, waitSeconds: null, handleSeconds: null, outcome: 'abandoned', agent: null, issueType: null, customerSegment: null, resolvedFirstContact: null, csatScore: null, npsScore: null, synthetic: false }], { source: 'test' })
      return c.json({ ok: true })
    })
    return { app, calls }
  }

  it('keeps a page scoped to queue A across contact writes into queue B, and computes it again after a write into A or a queue rename', async () => {
    const { app, calls } = scopedApp()
    expect(await (await app.request('/kpis')).text()).toBe('<p>A: 0 contacts</p>')
    await app.request('/plain')
    await app.request('/api/v1/contacts?queue=B', { method: 'POST' })
    expect(await (await app.request('/kpis')).text()).toBe('<p>A: 0 contacts</p>')
    expect(calls.a).toBe(1)
    // Unscoped answers are still emptied by any write.
    await app.request('/plain')
    expect(calls.plain).toBe(2)
    // A write into A (here from another connection, as the import writer or the command line would) is seen.
    const other = await createDb(db.url)
    await upsertContacts(other, [{ queue: 'A', externalId: 'from-elsewhere', arrivedAtMs: Date.UTC(2026, 0, 6), firstResponseAtMs: null, endedAtMs: null, waitSeconds: null, handleSeconds: null, outcome: 'abandoned', agent: null, issueType: null, customerSegment: null, resolvedFirstContact: null, csatScore: null, npsScore: null, synthetic: false }], { source: 'test' })
    other.client.close()
    expect(await (await app.request('/kpis')).text()).toBe('<p>A: 1 contacts</p>')
    expect(calls.a).toBe(2)
    await app.request('/api/v1/contacts?queue=A', { method: 'POST' })
    expect(await (await app.request('/kpis')).text()).toBe('<p>A: 2 contacts</p>')
    // Renaming a queue changes what the page shows though no contact changed.
    await db.client.execute("UPDATE queues SET name = 'A' || '' WHERE name = 'A'")
    await db.client.execute("UPDATE queues SET opening_hours_json = opening_hours_json || ' ' WHERE name = 'A'")
    await app.request('/kpis')
    expect(calls.a).toBe(4)
  })
})
