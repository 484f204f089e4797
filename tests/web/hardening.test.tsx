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

    it('refuses an event dated outside 1970-2100 at save', async () => {
      const before = await count('events')
      const body = new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'promotion', name: 'Far', start: '9999-12-31T00:00', end: '9999-12-31T23:00', effectKind: 'multiplier', value: '1.5', rampBeforeDays: '0', decayAfterDays: '0', delayDays: '0' })
      const res = await admin.request('/events', { method: 'POST', body, headers: FORM })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('an event must lie between 1970 and 2100')
      expect(await count('events')).toBe(before)
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

    it.each(['/kpis', `/kpis?queue=${1}`, '/kpis/export/first-response.csv', '/kpis/export/daily.csv', `/events?queue=1`, '/', '/staffing', '/forecasts', '/schedules', '/scenarios', '/imports'])('%s answers without a 500', async (url) => {
      const res = await admin.request(url.replace('queue=1', `queue=${queueId}`))
      const text = await res.text()
      expect(res.status, text.slice(0, 500)).toBeLessThan(500)
    })
  })

  describe('defect 4: every text field is bounded', () => {
    it('refuses an over-long queue name at import, naming the bound, and creates no queue', async () => {
      const queues = await count('queues')
      writeFileSync(join(dir, 'named.csv'), 'interval_start,offered\n2024-03-01T10:00:00,5\n')
      const body = new FormData()
      body.set('kind', 'intervals')
      body.set('queue', 'Q'.repeat(50_000))
      body.set('file', new File(['interval_start,offered\n2024-03-01T10:00:00,5\n'], 'named.csv', { type: 'text/csv' }))
      const res = await admin.request('/imports', { method: 'POST', body, headers: { 'HX-Request': 'true' } })
      const text = await res.text()
      expect(text.length).toBeLessThan(50_000)
      const poll = /\/imports\/jobs\/([0-9a-z]+)/.exec(text)
      let outcome = text
      for (let i = 0; poll && i < 100 && !/Queue name must be at most/.test(outcome); i++) {
        await new Promise((r) => setTimeout(r, 50))
        outcome = await (await admin.request(`/imports/jobs/${poll[1]}`, { headers: { 'HX-Request': 'true' } })).text()
      }
      expect(outcome).toContain('Queue name must be at most 100 characters long, got 50000')
      expect(outcome.length).toBeLessThan(50_000)
      expect(await count('queues')).toBe(queues)
      // A megabyte field is refused while it streams in, before anything is written.
      body.set('queue', 'Q'.repeat(1_000_000))
      const huge = await admin.request('/imports', { method: 'POST', body, headers: { 'HX-Request': 'true' } })
      expect(huge.status).toBe(400)
      expect(await huge.text()).toContain('the form field &#39;queue&#39; is longer than 64 KB; nothing was written')
      expect(await count('queues')).toBe(queues)
    })

    it('refuses over-long agent and template names and a template cost of 1e308 (defect 10), saving nothing', async () => {
      const agents = await count('agents')
      const agent = await admin.request(`/schedules/agents?queue=${queueId}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ name: 'A'.repeat(100_000), contractedHoursPerWeek: '40' }) })
      expect(agent.status).toBe(422)
      const agentText = await agent.text()
      expect(agentText).toContain('Agent name must be at most 80 characters long, got 100000')
      expect(agentText.length).toBeLessThan(250_000) // the form keeps the typed value once; no message repeats it
      expect(await count('agents')).toBe(agents)
      const templates = await count('shift_templates')
      const base = { lengthMinutes: '480', earliestStart: '08:00', latestStart: '10:00', startStepMinutes: '30', days: 'mon', minCountPerDay: '0' }
      const long = await admin.request(`/schedules/templates?queue=${queueId}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ ...base, name: 'T'.repeat(100_000), costPerHour: '20' }) })
      expect(long.status).toBe(422)
      expect(await long.text()).toContain('Template name must be at most 80 characters long, got 100000')
      const costly = await admin.request(`/schedules/templates?queue=${queueId}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ ...base, name: 'Day', costPerHour: '1e308' }) })
      expect(costly.status).toBe(422)
      expect(await costly.text()).toContain('Cost per hour must be between 0 and 100000, got 1e+308')
      expect(await count('shift_templates')).toBe(templates)
    })
  })

  describe('defect 10: the smaller ones', () => {
    it('refuses common passwords and runs, and treats user names that differ only in case as one account', async () => {
      for (const password of ['aaaaaaaaaa', '1234567890', 'Password123', 'qwertyuiop']) {
        const res = await admin.request('/users', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'newbie', role: 'viewer', password }) })
        expect(res.status, password).toBe(422)
        expect(await res.text()).toContain('the password is one of the most common')
      }
      expect((await admin.request('/users', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'Maria', role: 'viewer', password: 'plum tree at dusk' }) })).status).toBe(303)
      const twin = await admin.request('/users', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'maria', role: 'admin', password: 'plum tree at dusk' }) })
      expect(twin.status).toBe(422)
      expect(await twin.text()).toContain('there is already an account')
      await expect(db.client.execute(`INSERT INTO users (username, password_hash, role, created_at_ms, updated_at_ms) VALUES ('MARIA', 'x', 'admin', 0, 0)`)).rejects.toThrow(/UNIQUE/)
    })

    it('marks the CSRF cookie Secure behind an https proxy', async () => {
      const plain = await app.request('/signin')
      expect(plain.headers.getSetCookie().find((c) => c.startsWith('chatplan_csrf='))).not.toMatch(/Secure/i)
      const proxied = await app.request('/signin', { headers: { 'X-Forwarded-Proto': 'https' } })
      expect(proxied.headers.getSetCookie().find((c) => c.startsWith('chatplan_csrf='))).toMatch(/; Secure/i)
    })

    it('sends Cache-Control: no-store with every CSV export', async () => {
      for (const url of [`/kpis/export/daily.csv?queue=${queueId}`, `/events/export.csv?queue=${queueId}`]) {
        const res = await admin.request(url)
        expect(res.status, url).toBe(200)
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
        expect(res.headers.get('cache-control'), url).toBe('no-store')
      }
    })

    it('refuses an event edit and a staffing save that carry no version, changing nothing', async () => {
      const body = new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'promotion', name: 'Promo', start: '2024-03-05T00:00', end: '2024-03-06T00:00', effectKind: 'multiplier', value: '1.5', rampBeforeDays: '0', decayAfterDays: '0', delayDays: '0' })
      expect((await admin.request('/events', { method: 'POST', body, headers: FORM })).status).toBe(303)
      const id = Number((await db.client.execute(`SELECT id FROM events WHERE name = 'Promo'`)).rows[0].id)
      body.set('value', '3')
      const edit = await admin.request(`/events/${id}`, { method: 'POST', body, headers: FORM })
      expect(edit.status).toBe(422)
      expect(await edit.text()).toContain('the form has no valid event version')
      expect(Number((await db.client.execute(`SELECT effect_value FROM events WHERE id = ${id}`)).rows[0].effect_value)).toBe(1.5)
      const settings = new URLSearchParams({ queue: String(queueId), from: '2024-04-01', to: '2024-04-02', serviceLevelTarget: '80', answerWithinSeconds: '60', modelKind: 'erlang_c', shrinkageFraction: '30', hoursPerFte: '8', staffAtQuantile: 'mean' })
      const save = await admin.request('/staffing/settings', { method: 'POST', body: settings, headers: { ...FORM, 'HX-Request': 'true' } })
      expect(save.status).toBe(422)
      expect(await save.text()).toContain('the form has no settings version')
      expect(await count('staffing_settings')).toBe(0)
    })

    it('does not echo a binary file imported as an events CSV', async () => {
      const bytes = new Uint8Array(4096).map((_, i) => (i * 37) % 256)
      const body = new FormData()
      body.set('queue', String(queueId))
      body.set('file', new File([bytes], 'photo.png', { type: 'image/png' }))
      const res = await admin.request('/events/import', { method: 'POST', body, headers: { 'HX-Request': 'true' } })
      expect(res.status).toBe(422)
      const text = await res.text()
      expect(text).toContain('this is not a CSV text file (it holds binary data')
      expect(text).not.toMatch(/[\u0000-\u0008\uFFFD]/)
    })
  })
})
