/** The cache of rendered GET answers: reused while the data is unchanged, emptied by any change from anywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../../src/db/client.ts'
import { pageCache } from '../../../src/web/middleware/pageCache.ts'

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
