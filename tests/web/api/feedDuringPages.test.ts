/**
 * A feed during page loads: while batches of real bank contacts arrive through the API, the dashboard, the KPI page
 * and the import page are loaded over and over; every page answers 200 and every batch is accepted, and once the
 * feed is done the KPI page counts every contact fed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../../src/db/client.ts'
import { migrateDb } from '../../../src/db/migrate.ts'
import { createApp } from '../../../src/web/app.tsx'
import { createApiToken } from '../../../src/db/apiTokens.ts'
import { signIn, type SignedIn } from '../authHelper.ts'
import { bankContacts } from './fixtures.ts'

describe('a feed during page loads', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let token: string
  let viewer: SignedIn
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-feed-'))
    db = await createDb('file:' + join(dir, 'feed.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    token = (await createApiToken(db, { name: 'live feed', role: 'scheduler', createdBy: 'test' })).secret
    viewer = await signIn(app, db, 'viewer')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('answers every page and accepts every batch while the feed runs', async () => {
    const contacts = bankContacts(8000, 'Feed')
    let feeding = true
    const feed = (async () => {
      const results: number[] = []
      for (let i = 0; i < contacts.length; i += 1000) {
        const res = await app.request('/api/v1/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(contacts.slice(i, i + 1000)) })
        results.push(res.status)
      }
      feeding = false
      return results
    })()
    const pageStatuses: string[] = []
    const paths = ['/', '/kpis?queue=all&from=1999-01-01&to=1999-01-31', '/imports']
    for (let i = 0; feeding || i < 3; i++) {
      const path = paths[i % paths.length]
      const res = await viewer.request(path)
      await res.text()
      pageStatuses.push(`${path} ${res.status}`)
    }
    expect(await feed).toEqual(Array(8).fill(200))
    expect(pageStatuses.filter((s) => !s.endsWith(' 200'))).toEqual([])
    expect(pageStatuses.length).toBeGreaterThanOrEqual(3)
    const kpis = await (await viewer.request('/kpis?queue=all&from=1999-01-01&to=1999-01-31')).text()
    expect(contacts.every((c) => c.arrivedAt.startsWith('1999-01'))).toBe(true)
    expect(kpis).toContain('8,000')
  }, 120_000)
})
