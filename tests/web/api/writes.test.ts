/**
 * POST /api/v1/contacts and /api/v1/intervals through the whole app: bearer tokens (bad 401, revoked 401, wrong
 * role 403, cookies never write), 413 over 10,000 rows, 422 naming row index and field with nothing written,
 * idempotent re-sends, a later state updating a contact, partial=true, NDJSON, duplicates in one request (the
 * later row wins), and the audit log naming the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../../src/db/client.ts'
import { migrateDb } from '../../../src/db/migrate.ts'
import { createApp } from '../../../src/web/app.tsx'
import { createApiToken, revokeApiToken } from '../../../src/db/apiTokens.ts'
import { listAudit } from '../../../src/db/audit.ts'
import { signIn } from '../authHelper.ts'
import { bankContacts } from './fixtures.ts'

describe('API writes', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let scheduler: string
  let viewer: string
  const send = (path: string, body: unknown, token: string | null, type = 'application/json') => app.request(path, {
    method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  })
  const count = async (sql: string) => Number((await db.client.execute(sql)).rows[0][0])

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-api-'))
    db = await createDb('file:' + join(dir, 'api.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    scheduler = (await createApiToken(db, { name: 'crm feed', role: 'scheduler', createdBy: 'test' })).secret
    viewer = (await createApiToken(db, { name: 'bi reader', role: 'viewer', createdBy: 'test' })).secret
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('creates contacts, counts them, and a re-send of the same rows changes nothing', async () => {
    const rows = bankContacts(200)
    const first = await send('/api/v1/contacts', rows, scheduler)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ rows: 200, created: 200, updated: 0, unchanged: 0, rejected: 0 })
    const again = await send('/api/v1/contacts', rows, scheduler)
    expect(await again.json()).toMatchObject({ rows: 200, created: 0, updated: 0, unchanged: 200, rejected: 0, batchId: null })
    expect(await count(`SELECT COUNT(*) FROM contacts c JOIN queues q ON q.id = c.queue_id WHERE q.name = 'PS-api'`)).toBe(200)
    // The real second row: answered after 17 s by MICHAL, handled 54 s.
    const r = (await db.client.execute(`SELECT wait_seconds, handle_seconds, agent, outcome FROM contacts WHERE external_id = '33118'`)).rows[0]
    expect([r.wait_seconds, r.handle_seconds, r.agent, r.outcome]).toEqual([17, 54, 'MICHAL', 'answered'])
  })

  it('updates a contact sent again with a later state (answered, ended, CSAT), keeping what the new row leaves out', async () => {
    const waiting = { contactId: 'live-1', queue: 'Live', arrivedAt: '2025-06-02T09:15:00Z', agent: 'Dana' }
    expect(await (await send('/api/v1/contacts', [waiting], scheduler)).json()).toMatchObject({ created: 1 })
    const answered = { contactId: 'live-1', queue: 'Live', arrivedAt: '2025-06-02T09:15:00Z', firstResponseAt: '2025-06-02T09:15:40Z', endedAt: '2025-06-02T09:24:10Z' }
    expect(await (await send('/api/v1/contacts', [answered], scheduler)).json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
    const rated = { ...answered, csat: 4 }
    expect(await (await send('/api/v1/contacts', [rated], scheduler)).json()).toMatchObject({ created: 0, updated: 1 })
    const row = (await db.client.execute(`SELECT outcome, wait_seconds, handle_seconds, csat_score, agent FROM contacts WHERE external_id = 'live-1'`)).rows
    expect(row).toHaveLength(1)
    expect({ ...row[0] }).toEqual({ outcome: 'answered', wait_seconds: 40, handle_seconds: 510, csat_score: 4, agent: 'Dana' })
  })

  it('refuses bad rows with 422 naming each row index and field, and writes nothing; partial=true keeps the good ones', async () => {
    const before = await count('SELECT COUNT(*) FROM contacts')
    const rows = [
      { contactId: 'p-1', queue: 'Live', arrivedAt: '2025-06-03T10:00:00Z' },
      { contactId: 'p-2', queue: 'Live', arrivedAt: 'yesterday' },
      { contactId: 'p-3', queue: 'Live', arrivedAt: '2025-06-03T10:00:00Z', endedAt: '2025-06-03T09:00:00Z' },
      { contactId: 'p-4', queue: 'Live', arrivedAt: '2025-06-03T10:00:00Z', csat: 9 },
    ]
    const refused = await send('/api/v1/contacts', rows, scheduler)
    expect(refused.status).toBe(422)
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json')
    const problem = await refused.json() as { status: number; rejected: number; errors: { index: number; field: string; reason: string }[] }
    expect(problem).toMatchObject({ status: 422, rejected: 3 })
    expect(problem.errors.map((e) => [e.index, e.field])).toEqual([[1, 'arrivedAt'], [2, 'endedAt'], [3, 'csat']])
    expect(problem.errors[1].reason).toMatch(/ended before arrived/)
    expect(await count('SELECT COUNT(*) FROM contacts')).toBe(before)
    const partial = await send('/api/v1/contacts?partial=true', rows, scheduler)
    expect(partial.status).toBe(200)
    expect(await partial.json()).toMatchObject({ rows: 4, created: 1, rejected: 3 })
    expect(await count('SELECT COUNT(*) FROM contacts')).toBe(before + 1)
  })

  it('takes NDJSON, and with two rows of the same contact in one request the later row wins', async () => {
    const ndjson = [
      { contactId: 'dup-1', queue: 'Live', arrivedAt: '2025-06-04T08:00:00Z', agent: 'first' },
      { contactId: 'dup-1', queue: 'Live', arrivedAt: '2025-06-04T08:00:00Z', agent: 'second', firstResponseAt: '2025-06-04T08:00:30Z' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n'
    const res = await send('/api/v1/contacts', ndjson, scheduler, 'application/x-ndjson')
    expect(await res.json()).toMatchObject({ rows: 2, created: 1, updated: 0, unchanged: 0 })
    const rows = (await db.client.execute(`SELECT agent, wait_seconds FROM contacts WHERE external_id = 'dup-1'`)).rows
    expect(rows.map((r) => [r.agent, r.wait_seconds])).toEqual([['second', 30]])
  })

  it('answers 413 with the limit above 10,000 rows, and writes nothing', async () => {
    const before = await count('SELECT COUNT(*) FROM contacts')
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ contactId: `big-${i}`, queue: 'Live', arrivedAt: '2025-06-05T08:00:00Z' }))
    const res = await send('/api/v1/contacts', rows, scheduler)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ status: 413, limit: 10_000 })
    const nd = await send('/api/v1/intervals', rows.map((r) => JSON.stringify(r)).join('\n'), scheduler, 'application/x-ndjson')
    expect(nd.status).toBe(413)
    expect(await count('SELECT COUNT(*) FROM contacts')).toBe(before)
  })

  it('refuses a missing or unknown token and a revoked one with 401, a viewer token with 403, and a session cookie with 401', async () => {
    const row = [{ contactId: 'auth-1', queue: 'Live', arrivedAt: '2025-06-05T08:00:00Z' }]
    expect((await send('/api/v1/contacts', row, null)).status).toBe(401)
    const bad = await send('/api/v1/contacts', row, 'cpt_not-a-real-token')
    expect(bad.status).toBe(401)
    expect(bad.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
    const forbidden = await send('/api/v1/contacts', row, viewer)
    expect(forbidden.status).toBe(403)
    expect((await forbidden.json() as { detail: string }).detail).toMatch(/token 'bi reader' \(viewer\).*needs the scheduler role/)
    const { token, secret } = await createApiToken(db, { name: 'soon revoked', role: 'admin', createdBy: 'test' })
    expect((await send('/api/v1/contacts', row, secret)).status).toBe(200)
    await revokeApiToken(db, token.id)
    expect((await send('/api/v1/contacts', [{ ...row[0], contactId: 'auth-2' }], secret)).status).toBe(401)
    const admin = await signIn(app, db, 'admin')
    const withCookie = await admin.request('/api/v1/contacts', { method: 'POST', body: JSON.stringify([{ ...row[0], contactId: 'auth-3' }]), headers: { 'Content-Type': 'application/json' } })
    expect(withCookie.status).toBe(401)
    expect(await count(`SELECT COUNT(*) FROM contacts WHERE external_id IN ('auth-2', 'auth-3')`)).toBe(0)
  })

  it('records each write in the audit log under the token\'s name', async () => {
    const entries = await listAudit(db, { entity: 'import' })
    expect(entries.length).toBeGreaterThanOrEqual(4)
    expect(entries.every((e) => e.username.startsWith('token:'))).toBe(true)
    expect(entries.some((e) => e.username === 'token:crm feed' && /contacts through the API: 200 created/.test(e.summary))).toBe(true)
  })

  it('upserts interval aggregates keyed by queue and interval start; a corrected interval updates', async () => {
    const rows = [
      { queue: 'Agg', intervalStart: '1999-01-04T08:00:00', intervalMinutes: 30, offered: 41, handled: 38, abandoned: 3, ahtSeconds: 190 },
      { queue: 'Agg', intervalStart: '1999-01-04T08:30:00', intervalMinutes: 30, offered: 52, handled: 50, abandoned: 2, ahtSeconds: 201 },
    ]
    expect(await (await send('/api/v1/intervals', rows, scheduler)).json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 })
    expect(await (await send('/api/v1/intervals', rows, scheduler)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 })
    const corrected = [rows[0], { ...rows[1], offered: 53, handled: 51 }]
    expect(await (await send('/api/v1/intervals', corrected, scheduler)).json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 })
    expect(await count(`SELECT offered FROM interval_aggregates WHERE interval_start_ms = ${Date.parse('1999-01-04T08:30:00Z')}`)).toBe(53)
    const bad = await send('/api/v1/intervals', [{ queue: 'Agg', intervalStart: '1999-01-04T09:00:00', offered: -1 }], scheduler)
    expect(bad.status).toBe(422)
    expect((await bad.json() as { errors: { index: number; field: string }[] }).errors[0]).toMatchObject({ index: 0, field: 'offered' })
  })

  it('refuses an interval of another length than its queue holds (it would hide the rest from planning); one without a length takes the stored one', async () => {
    const before = await count('SELECT COUNT(*) FROM interval_aggregates')
    const other = await send('/api/v1/intervals', [
      { queue: 'Agg', intervalStart: '1999-01-04T09:00:00', intervalMinutes: 30, offered: 40 },
      { queue: 'Agg', intervalStart: '1999-01-04T09:30:00', intervalMinutes: 15, offered: 3 },
    ], scheduler)
    expect(other.status).toBe(422)
    expect((await other.json() as { errors: unknown[] }).errors).toEqual([{ index: 1, field: 'intervalMinutes', reason: "the queue 'Agg' holds 30-minute intervals and this one is 15 minutes: send 30-minute intervals, or this data to another queue" }])
    expect(await count('SELECT COUNT(*) FROM interval_aggregates')).toBe(before)
    // a 5-minute queue: a row without a length is a 5-minute interval, not the 30 of a new queue's setting
    expect((await send('/api/v1/intervals', [{ queue: 'Five', intervalStart: '2003-03-03T07:00:00', intervalMinutes: 5, offered: 4 }], scheduler)).status).toBe(200)
    expect((await send('/api/v1/intervals', [{ queue: 'Five', intervalStart: '2003-03-03T07:05:00', offered: 6 }], scheduler)).status).toBe(200)
    expect((await db.client.execute(`SELECT DISTINCT a.interval_minutes FROM interval_aggregates a JOIN queues q ON q.id = a.queue_id WHERE q.name = 'Five'`)).rows.map((r) => r.interval_minutes)).toEqual([5])
    // the hour the autumn change repeats, written without an offset: the first row is the earlier hour (as the import reads it)
    await db.client.execute({ sql: "UPDATE queues SET time_zone = 'America/New_York' WHERE name = 'Five'" })
    const repeat = await send('/api/v1/intervals', [
      { queue: 'Five', intervalStart: '2003-10-26T01:00:00', offered: 11 }, { queue: 'Five', intervalStart: '2003-10-26T01:00:00', offered: 13 },
    ], scheduler)
    expect(await repeat.json()).toMatchObject({ created: 2 })
    expect((await db.client.execute(`SELECT interval_start_ms, offered FROM interval_aggregates WHERE interval_start_ms >= ${Date.UTC(2003, 9, 26)} ORDER BY 1`)).rows.map((r) => [new Date(Number(r.interval_start_ms)).toISOString().slice(11, 16), r.offered])).toEqual([['05:00', 11], ['06:00', 13]])
    // counts that cannot be (more handled and abandoned than offered) and a control character in a name are refused
    const impossible = await send('/api/v1/intervals', [
      { queue: 'Agg', intervalStart: '1999-01-04T10:00:00', intervalMinutes: 30, offered: 5, handled: 10, abandoned: 10 },
      { queue: 'QA2\u0000x', intervalStart: '1999-01-04T10:00:00', intervalMinutes: 30, offered: 5 },
    ], scheduler)
    expect(impossible.status).toBe(422)
    expect((await impossible.json() as { errors: unknown[] }).errors).toEqual([
      { index: 0, field: 'handled', reason: 'handled (10) and abandoned (10) add up to more than offered (5)' },
      { index: 1, field: 'queue', reason: 'the queue name holds a control character (such as a NUL or a line break): names are plain text' },
    ])
    // a bad partial flag is a 400, not a silent false; the refusal of a quoted CSAT names the field in words
    const flag = await send('/api/v1/intervals?partial=yes', [{ queue: 'Agg', intervalStart: '1999-01-04T10:00:00', intervalMinutes: 30, offered: 5 }], scheduler)
    expect(flag.status).toBe(400)
    expect(await flag.json()).toMatchObject({ detail: "partial must be true or false, got 'yes'; nothing was read or written" })
    const quoted = await send('/api/v1/contacts', [{ contactId: 'q-1', queue: 'Live', arrivedAt: '2025-06-05T11:00:00Z', csat: '5' }], scheduler)
    expect((await quoted.json() as { errors: unknown[] }).errors).toEqual([{ index: 0, field: 'csat', reason: 'csat must be a number from 1 to 5 (not in quotes), good or bad, or null to keep the stored one' }])
    // two lengths for a new queue in one request: the first sets it
    const mixed = await send('/api/v1/intervals', [{ queue: 'New', intervalStart: '2003-03-03T07:00:00', intervalMinutes: 15, offered: 1 }, { queue: 'New', intervalStart: '2003-03-03T08:00:00', intervalMinutes: 60, offered: 1 }], scheduler)
    expect(mixed.status).toBe(422)
    expect((await mixed.json() as { errors: { index: number; field: string }[] }).errors).toMatchObject([{ index: 1, field: 'intervalMinutes' }])
  })
})
