/**
 * Two app instances against one libSQL server, importing and editing at the same time (as two team members on two
 * machines would): every import lands exactly once (the same file sent to both instances is imported once), every
 * event added on either side is there once, and of two edits made from the same version one is saved and the
 * other refused with a message, never silently overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn, type SignedIn } from '../web/authHelper.ts'
import { startSqld, type SqldServer } from './sqldServer.ts'

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

function intervalsCsv(startUtcMs: number, intervals: number, salt: number): string {
  const lines = ['interval_start,offered,aht_seconds']
  for (let i = 0; i < intervals; i++) lines.push(`${new Date(startUtcMs + i * 1800_000).toISOString().slice(0, 19)},${(i * 7 + salt) % 23},${240 + ((i + salt) % 90)}`)
  return lines.join('\n') + '\n'
}

async function upload(user: SignedIn, name: string, csv: string, queue: string): Promise<string> {
  const form = new FormData()
  form.set('file', new File([csv], name, { type: 'text/csv' }))
  form.set('kind', 'intervals')
  form.set('queue', queue)
  form.set('timeZone', 'UTC')
  const res = await user.request('/imports', { method: 'POST', body: form })
  expect(res.status).toBe(303)
  return res.headers.get('location')!
}

/** Follows an import job until it is no longer running; returns its final page. */
async function finished(user: SignedIn, jobUrl: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const res = await user.request(jobUrl, { headers: { 'HX-Request': 'true' } })
    const html = await res.text()
    if (!html.includes('id="import-progress"')) return html
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`import ${jobUrl} did not finish`)
}

describe('two app instances on one libSQL server', () => {
  let server: SqldServer
  let dbA: Db
  let dbB: Db
  let dir: string
  let alice: SignedIn
  let bob: SignedIn
  beforeAll(async () => {
    server = await startSqld()
    dir = mkdtempSync(join(tmpdir(), 'chatplan-two-apps-'))
    dbA = await createDb(server.url)
    dbB = await createDb(server.url)
    await Promise.all([migrateDb(dbA), migrateDb(dbB)])
    const appA = createApp({ db: dbA, uploadDir: join(dir, 'a') })
    const appB = createApp({ db: dbB, uploadDir: join(dir, 'b') })
    alice = await signIn(appA, dbA, 'scheduler', 'alice')
    bob = await signIn(appB, dbB, 'scheduler', 'bob')
  })
  afterAll(async () => {
    dbA?.client.close()
    dbB?.client.close()
    await server?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('imports and edits at once without losing or doubling anything', async () => {
    const jan = Date.UTC(2024, 0, 1)
    const fileA = intervalsCsv(jan, 48 * 60, 1)
    const fileB = intervalsCsv(jan, 48 * 45, 5)
    const shared = intervalsCsv(Date.UTC(2024, 6, 1), 48 * 30, 9)
    // Four uploads at once: one file each, and the same third file on both instances.
    const jobs = await Promise.all([
      upload(alice, 'a.csv', fileA, 'Queue A'), upload(bob, 'b.csv', fileB, 'Queue B'),
      upload(alice, 'shared.csv', shared, 'Shared'), upload(bob, 'shared.csv', shared, 'Shared'),
    ])
    // Meanwhile both add events to the queues as they appear.
    const addEvent = async (user: SignedIn, i: number) => {
      const queues = (await dbA.client.execute('SELECT id FROM queues ORDER BY id')).rows
      const queueId = queues.length ? String(queues[0].id) : ''
      if (!queueId) return 'no queue yet'
      const body = new URLSearchParams({ queue: queueId, queueId: '', type: 'campaign', name: `${user.username} campaign ${i}`, start: `2024-03-${String(i + 1).padStart(2, '0')}T09:00`, end: `2024-03-${String(i + 1).padStart(2, '0')}T17:00`, effectKind: 'multiplier', value: '1.2' })
      const res = await user.request('/events', { method: 'POST', body, headers: FORM })
      return res.status
    }
    const eventResults: (number | string)[] = []
    const pages = await Promise.all(jobs.map((url, i) => finished(i % 2 ? bob : alice, url)))
    for (let i = 0; i < 10; i++) eventResults.push(...await Promise.all([addEvent(alice, i), addEvent(bob, i + 10)]))
    expect(pages.filter((p) => p.includes('Imported')).length, pages.join('\n\n')).toBe(3)
    expect(pages.filter((p) => /already imported/i.test(p)).length, pages.join('\n\n')).toBe(1)
    expect(eventResults).toEqual(Array(20).fill(303))

    const count = async (sql: string) => Number((await dbB.client.execute(sql)).rows[0][0])
    expect(await count('SELECT COUNT(*) FROM import_batches')).toBe(3)
    expect(await count('SELECT COUNT(*) FROM interval_aggregates')).toBe(48 * 60 + 48 * 45 + 48 * 30)
    expect(await count(`SELECT COUNT(*) FROM (SELECT queue_id, interval_start_ms FROM interval_aggregates GROUP BY 1, 2 HAVING COUNT(*) > 1)`)).toBe(0)
    const sumOf = (csv: string) => csv.trim().split('\n').slice(1).reduce((s, line) => s + Number(line.split(',')[1]), 0)
    expect(await count('SELECT SUM(offered) FROM interval_aggregates')).toBe(sumOf(fileA) + sumOf(fileB) + sumOf(shared))
    expect(await count('SELECT COUNT(*) FROM queues')).toBe(3)
    expect(await count('SELECT COUNT(*) FROM events')).toBe(20)
    expect(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'import.create'`)).toBe(3)
    expect(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'event.create'`)).toBe(20)
  })

  it('saves one of two edits made from the same version and refuses the other with a message', async () => {
    const event = (await dbA.client.execute(`SELECT id, queue_id, version FROM events ORDER BY id LIMIT 1`)).rows[0]
    // the page's queue, as the edit form carries it (an event for every queue has no queue_id of its own)
    const pageQueue = (await dbA.client.execute('SELECT id FROM queues ORDER BY id LIMIT 1')).rows[0].id
    const edit = (user: SignedIn) => user.request(`/events/${event.id}`, {
      method: 'POST', headers: FORM,
      body: new URLSearchParams({ queue: String(event.queue_id ?? pageQueue), queueId: '', version: String(event.version), type: 'campaign', name: `edited by ${user.username}`, start: '2024-04-01T09:00', end: '2024-04-01T17:00', effectKind: 'multiplier', value: '1.5' }),
    })
    const [a, b] = await Promise.all([edit(alice), edit(bob)])
    expect([a.status, b.status].sort()).toEqual([303, 422])
    const refused = a.status === 422 ? a : b
    expect(await refused.text()).toMatch(/was changed by someone else (since you opened it \(version 2, yours 1\)|while saving): reload and edit again/)
    const stored = (await dbB.client.execute({ sql: 'SELECT name, version FROM events WHERE id = ?', args: [event.id] })).rows[0]
    expect(Number(stored.version)).toBe(2)
    expect(stored.name).toBe(`edited by ${a.status === 303 ? 'alice' : 'bob'}`)
  })
})
