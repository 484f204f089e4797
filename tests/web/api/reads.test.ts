/**
 * The API's reads over real data (January 1999 of the anonymous bank, 30-minute intervals, fed through the API):
 * queues, the staffing plan as JSON and as CSV (the same rows as `chatplan plan`), paging, KPIs from contacts, flags,
 * schedules, 404/400 as problem+json, a session may read; the OpenAPI document and the reference page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../../src/db/client.ts'
import { migrateDb } from '../../../src/db/migrate.ts'
import { createApp } from '../../../src/web/app.tsx'
import { createApiToken } from '../../../src/db/apiTokens.ts'
import { findQueueByName } from '../../../src/db/queues.ts'
import { DEFAULT_STAFFING_SETTINGS, planQueueStaffing, staffingPlanCsv } from '../../../src/planning/staffingPlan.ts'
import { signIn } from '../authHelper.ts'
import { bankContacts } from './fixtures.ts'

describe('API reads', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let token: string
  let queueId: number
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { Authorization: `Bearer ${token}`, ...headers } })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-api-reads-'))
    db = await createDb('file:' + join(dir, 'api.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    token = (await createApiToken(db, { name: 'reader', role: 'scheduler', createdBy: 'test' })).secret
    const lines = readFileSync(new URL('../../../../shared/data/anon_bank_1999_01_30min.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
    const rows = lines.map((l) => { const [t, v, h, a, aht] = l.split(','); return { queue: 'Bank', intervalStart: t, intervalMinutes: 30, offered: Number(v), handled: Number(h), abandoned: Number(a), ahtSeconds: aht ? Number(aht) : null } })
    const res = await app.request('/api/v1/intervals', { method: 'POST', body: JSON.stringify(rows), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } })
    expect(await res.json()).toMatchObject({ created: rows.length, rejected: 0 })
    expect(rows.length).toBe(1392)
    await app.request('/api/v1/contacts', { method: 'POST', body: JSON.stringify(bankContacts(3000, 'Bank contacts')), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } })
    queueId = (await findQueueByName(db, 'Bank'))!.id
  }, 60_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('lists the queues', async () => {
    const queues = await (await get('/api/v1/queues')).json() as { name: string; intervalMinutes: number }[]
    expect(queues.map((q) => q.name)).toEqual(['Bank', 'Bank contacts'])
  })

  it('answers the staffing plan as JSON pages and as the CSV of `chatplan plan`, from the same planning function', async () => {
    const res = await get(`/api/v1/queues/${queueId}/staffing-plan?from=1999-02-01&to=1999-02-07&limit=100`)
    expect(res.status).toBe(200)
    const page = await res.json() as { rows: { items: { intervalStart: string; agentsRequired: number; agentsScheduled: number }[]; total: number; nextOffset: number | null } }
    expect(page.rows.total).toBe(7 * 48)
    expect(page.rows.items).toHaveLength(100)
    expect(page.rows.nextOffset).toBe(100)
    const csv = await (await get(`/api/v1/queues/${queueId}/staffing-plan?from=1999-02-01&to=1999-02-07`, { Accept: 'text/csv' })).text()
    const queue = (await findQueueByName(db, 'Bank'))!
    const { plan } = await planQueueStaffing(db, queue, DEFAULT_STAFFING_SETTINGS, { fromDateKey: '1999-02-01', toDateKey: '1999-02-07' })
    expect(csv).toBe(staffingPlanCsv(plan))
    const csvRows = csv.trim().split('\n').slice(1).map((l) => l.split(','))
    expect(page.rows.items.map((r) => [r.intervalStart, String(r.agentsRequired), String(r.agentsScheduled)])).toEqual(csvRows.slice(0, 100).map((c) => [c[0], c[5], c[6]]))
    expect(page.rows.items.some((r) => r.agentsRequired > 0)).toBe(true)
  }, 60_000)

  it('answers the staffing plan with the calendar per date: no agent on a date closed by hand, and says which', async () => {
    const { saveQueueDates, removeQueueDate } = await import('../../../src/planning/queueCalendar.ts')
    const queue = (await findQueueByName(db, 'Bank'))!
    const before = await (await get(`/api/v1/queues/${queueId}/staffing-plan?from=1999-02-01&to=1999-02-02&limit=96`)).json() as { dateHours: unknown[]; rows: { items: { intervalStart: string; agentsRequired: number }[] } }
    expect(before.dateHours).toEqual([])
    await saveQueueDates(db, queue, [{ dateKey: '1999-02-02', closed: true, reason: 'office move' }], 'test')
    try {
      const after = await (await get(`/api/v1/queues/${queueId}/staffing-plan?from=1999-02-01&to=1999-02-02&limit=96`)).json() as typeof before
      expect(after.dateHours).toEqual([{ date: '1999-02-02', closed: true, reason: 'office move' }])
      const on = (p: typeof before, day: string) => p.rows.items.filter((r) => r.intervalStart.startsWith(day)).map((r) => r.agentsRequired)
      expect(on(before, '1999-02-02').some((n) => n > 0)).toBe(true)
      expect(on(after, '1999-02-02')).toEqual(new Array(48).fill(0))
      expect(on(after, '1999-02-01')).toEqual(on(before, '1999-02-01'))
    } finally {
      await removeQueueDate(db, queue, '1999-02-02')
    }
  }, 60_000)

  it('answers KPIs from the contacts fed, flags, and the schedules (none yet)', async () => {
    const contactsQueue = (await findQueueByName(db, 'Bank contacts'))!.id
    const kpis = await (await get(`/api/v1/queues/${contactsQueue}/kpis?from=1999-01-01&to=1999-01-31`)).json() as { report: { totals: { offered: number } } }
    expect(kpis.report.totals.offered).toBe(3000)
    const flags = await get(`/api/v1/queues/${queueId}/flags?from=1999-02-01&to=1999-02-07`)
    expect(flags.status).toBe(200)
    expect(await flags.json()).toMatchObject({ fromDate: '1999-02-01', toDate: '1999-02-07', flags: { intervals: [] } })
    expect(await (await get(`/api/v1/queues/${queueId}/schedules`)).json()).toMatchObject({ items: [], total: 0 })
  }, 60_000)

  it('answers 404 and 400 as problem+json, and lets a signed-in session read', async () => {
    const missing = await get('/api/v1/schedules/999')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('Content-Type')).toBe('application/problem+json')
    const bad = await get(`/api/v1/queues/${queueId}/staffing-plan?from=1999-13-01&to=1999-02-01`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ status: 400, title: 'Request refused' })
    expect((await app.request('/api/v1/queues')).status).toBe(401)
    const viewer = await signIn(app, db, 'viewer')
    expect((await viewer.request('/api/v1/queues')).status).toBe(200)
  })

  it('publishes an OpenAPI 3.1 document generated from the request schemas, and a reference page', async () => {
    const doc = await (await get('/api/v1/openapi.json')).json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties: Record<string, { maximum?: number }> }> } }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/contacts', '/intervals', '/queues', '/queues/{id}/staffing-plan', '/schedules/{id}', '/queues/{id}/kpis', '/queues/{id}/flags', '/queues/{id}/forecast']))
    expect(JSON.stringify(doc.components.schemas.ContactRow)).toContain('"maximum":604800')
    const page = await (await get('/api/v1/reference')).text()
    expect(page).toContain('POST /api/v1/contacts')
    expect(page).toContain('id="problem-invalid-rows"')
    expect(page).not.toMatch(/<script(?![^>]*src="\/static\/)/)
  })
})
