/**
 * Issue 15 (server side): one test per defect, each against the real app in process with real data where it has any.
 * Defect 2: a stored row dated 9999-12-31 breaks no page. Defect 8: bad query parameters answer 400 with a message.
 * Defect 4: text fields are bounded. Defect 10: the smaller ones. Defect 7: sign-in limiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { importFile } from '../../src/db/importBatch.ts'
import { signIn, type SignedIn } from './authHelper.ts'

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

function contactsCsv(): string {
  const rows = ['contact_id,queue,arrived_at,answered_at,ended_at,wait_seconds,handle_seconds,outcome,agent']
  for (let i = 0; i < 80; i++) {
    const day = String(1 + (i % 20)).padStart(2, '0')
    const minute = String(i % 50).padStart(2, '0')
    rows.push(`${i + 1},Web,2024-03-${day}T10:${minute}:00,2024-03-${day}T10:${minute}:30,2024-03-${day}T10:59:00,30,600,answered,Dana`)
  }
  return rows.join('\n') + '\n'
}

describe('issue 15 hardening (server side)', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let admin: SignedIn
  let queueId: number
  const count = async (table: string) => Number((await db.client.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-hardening-'))
    db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    writeFileSync(join(dir, 'contacts.csv'), contactsCsv())
    await importFile(db, { kind: 'contacts', path: join(dir, 'contacts.csv'), fileName: 'contacts.csv', timeZone: 'UTC' })
    queueId = Number((await db.client.execute('SELECT id FROM queues')).rows[0].id)
    admin = await signIn(app, db, 'admin')
  }, 60_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  describe('defect 8: every query parameter is parsed by a schema and a bad one answers 400 with a message', () => {
    it.each([
      ['/events?queue=1&month=2024-13', 'The month must be a month written YYYY-MM between 1970 and 2100'],
      ['/events?queue=1&label=2024-13-45', 'The day of the unexplained change must be a date written YYYY-MM-DD between 1970 and 2100'],
      ['/kpis?queue=1&from=9999-12-01&to=9999-12-31', 'The from date must be a date written YYYY-MM-DD between 1970 and 2100'],
      ['/kpis/export/first-response.csv?queue=1&threshold=1e308', 'The SLA threshold must be between 0 and 86400 seconds'],
      ['/staffing/simulate?queue=1&day=2024-02-30', 'The day must be a date written YYYY-MM-DD'],
      ['/audit?before=-1', 'The older-entries marker must be a whole number'],
      ['/scenarios/1/export.csv?by=month', 'By must be interval, day or week'],
      [`/events?queue=${'x'.repeat(3000)}`, 'is longer than 2000 characters'],
    ])('%s', async (url, message) => {
      const res = await admin.request(url)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(message)
    })

    it('answers htmx requests with a fragment, and leaves good and empty parameters alone', async () => {
      const res = await admin.request('/events?queue=1&month=2024-13', { headers: { 'HX-Request': 'true' } })
      expect(res.status).toBe(400)
      expect((await res.text()).startsWith('<p class="errors" role="alert">')).toBe(true)
      expect((await admin.request(`/events?queue=${queueId}&month=2024-03`)).status).toBe(200)
      expect((await admin.request(`/kpis?queue=${queueId}&from=&to=`)).status).toBe(200)
    })

    it('refuses an event multiplier of 1e308 at save, naming the bound, and writes nothing', async () => {
      const before = await count('events')
      const body = new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'promotion', name: 'Huge', start: '2024-03-05T00:00', end: '2024-03-06T00:00', effectKind: 'multiplier', value: '1e308', rampBeforeDays: '0', decayAfterDays: '0', delayDays: '0' })
      const res = await admin.request('/events', { method: 'POST', body, headers: FORM })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('Multiplier must be more than 0 and at most 20, got 1e+308')
      expect(await count('events')).toBe(before)
    })
  })

  describe('defect 2: a stored row dated 9999-12-31 (or 0000) breaks no page', () => {
    beforeAll(async () => {
      const batch = Number((await db.client.execute('SELECT id FROM import_batches LIMIT 1')).rows[0].id)
      for (const [id, ms] of [['far-future', Date.UTC(9999, 11, 31, 12)], ['year-zero', Date.UTC(0, 0, 1) - 1900 * 365.2425 * 86_400_000]] as const) {
        await db.client.execute({ sql: `INSERT INTO contacts (queue_id, batch_id, external_id, arrived_at_ms, first_response_at_ms, ended_at_ms, wait_seconds, handle_seconds, outcome, agent) VALUES (?, ?, ?, ?, ?, ?, 30, 600, 'answered', 'Dana')`, args: [queueId, batch, id, ms, ms + 30_000, ms + 630_000] })
      }
    })

    it.each(['/kpis', `/kpis?queue=${1}`, '/kpis/export/first-response.csv', '/kpis/export/volume.csv', `/events?queue=1`, '/', '/staffing', '/forecasts', '/schedules', '/scenarios', '/imports'])('%s answers without a 500', async (url) => {
      const res = await admin.request(url.replace('queue=1', `queue=${queueId}`))
      const text = await res.text()
      expect(res.status, text.slice(0, 500)).toBeLessThan(500)
    })
  })
})
