/**
 * The dashboard's volume figures come from the running aggregates (summed per local day and weekday × hour in
 * SQL); they must equal the same profile computed from the raw contacts one by one (the pure volumeProfile
 * functions), on the real bank file in Asia/Jerusalem (two DST changes in 1999), and follow a feed into the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { dashboardFigures } from '../../src/planning/dashboard.ts'
import { ingestContacts } from '../../src/planning/ingestRows.ts'
import { dailyTotals, hourOfWeekMeans } from '../../src/kpis/volumeProfile.ts'
import type { Queue } from '../../src/db/schema.ts'

const CSV = new URL('../../../shared/data/anon_bank_1999_contacts.csv', import.meta.url).pathname

describe('dashboard figures', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-dashboard-'))
    db = await createDb('file:' + join(dir, 'dash.db'))
    await migrateDb(db)
    await importFile(db, { kind: 'contacts', path: CSV, fileName: 'anon_bank_1999_contacts.csv', timeZone: 'Asia/Jerusalem' })
  }, 60_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  async function fromRawContacts(queue: Queue) {
    const r = await db.client.execute({ sql: 'SELECT arrived_at_ms FROM contacts WHERE queue_id = ?', args: [queue.id] })
    const points = r.rows.map((row) => ({ startMs: Number(row.arrived_at_ms), offered: 1 }))
    return { daily: dailyTotals(points, queue.timeZone), hourOfWeek: hourOfWeekMeans(points, queue.timeZone), contacts: points.length }
  }

  it('equal the profile of the raw contacts on the 1999 bank file (Asia/Jerusalem, DST both ways)', async () => {
    const figures = await dashboardFigures(db, (queues) => queues.find((q) => q.name === 'PS') ?? null)
    const queue = figures.queue!
    expect(queue.timeZone).toBe('Asia/Jerusalem')
    const raw = await fromRawContacts(queue)
    expect(figures.daily).toEqual(raw.daily)
    expect(figures.hourOfWeek).toEqual(raw.hourOfWeek)
    expect(figures.contactCount.contacts).toBe(raw.contacts)
    expect(figures.daily.reduce((s, d) => s + d.offered, 0)).toBe(raw.contacts)
    expect(figures.range?.source).toBe('contacts')
  })

  it('follow a feed into the queue at once, and leave the other queues as they were', async () => {
    const pick = (name: string) => (queues: Queue[]) => queues.find((q) => q.name === name) ?? null
    const before = await dashboardFigures(db, pick('PS'))
    const other = (await db.client.execute("SELECT name FROM queues WHERE name <> 'PS' AND id IN (SELECT queue_id FROM contacts) LIMIT 1")).rows[0]
    const otherBefore = other ? await dashboardFigures(db, pick(String(other.name))) : null
    const fed = await ingestContacts(db, [
      { contactId: 'dash-feed-1', queue: 'PS', arrivedAt: '1999-03-26T09:10:00' },
      { contactId: 'dash-feed-2', queue: 'PS', arrivedAt: '1999-03-26T09:20:00' },
    ], { source: 'test' })
    expect(fed).toMatchObject({ status: 'written', created: 2 })
    const after = await dashboardFigures(db, pick('PS'))
    const day = (f: typeof before) => f.daily.find((d) => d.dateKey === '1999-03-26')?.offered ?? 0
    expect(day(after)).toBe(day(before) + 2)
    expect(after.contactCount.contacts).toBe(before.contactCount.contacts + 2)
    expect(after.hourOfWeek).toEqual((await fromRawContacts(after.queue!)).hourOfWeek)
    if (other && otherBefore) expect((await dashboardFigures(db, pick(String(other.name)))).daily).toEqual(otherBefore.daily)
  })
  it('under a feed, the page may answer the last figures at once, marked updating, then the current ones', async () => {
    const pick = (queues: Queue[]) => queues.find((q) => q.name === 'PS') ?? null
    const before = await dashboardFigures(db, pick, { allowStale: true })
    expect(before.freshness).toBeNull()
    await ingestContacts(db, [{ contactId: 'dash-feed-3', queue: 'PS', arrivedAt: '1999-03-28T10:00:00' }], { source: 'test' })
    const stale = await dashboardFigures(db, pick, { allowStale: true })
    expect(stale.freshness?.updating).toBe(true)
    expect(stale.daily).toEqual(before.daily)
    const fresh = await dashboardFigures(db, pick)
    expect(fresh.freshness).toBeNull()
    expect(fresh.contactCount.contacts).toBe(before.contactCount.contacts + 1)
    expect(fresh.daily.find((d) => d.dateKey === '1999-03-28')?.offered).toBe((before.daily.find((d) => d.dateKey === '1999-03-28')?.offered ?? 0) + 1)
  })
})
