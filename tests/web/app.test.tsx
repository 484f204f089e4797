import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn, signedInApp } from './authHelper.ts'
import { importFile } from '../../src/db/importBatch.ts'

describe('web app (in-process requests)', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-web-'))
    db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('serves htmx from node_modules, not a CDN', async () => {
    const res = await app.request('/static/htmx.min.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
    expect(await res.text()).toContain('htmx')
    const page = await (await app.request('/')).text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain('src="/static/htmx.min.js"')
    expect(page).not.toMatch(/https?:\/\/(unpkg|cdn)/)
  })

  it('asks for an import when the database is empty', async () => {
    const page = await (await app.request('/')).text()
    expect(page).toContain('There is no data yet')
  })

  it('shows volume by day and hour of week after an import, in the queue time zone', async () => {
    await importFile(db, { kind: 'intervals', path: new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname, fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: 'America/New_York' })
    const page = await (await app.request('/?queue=US%20bank')).text()
    expect(page).toContain('2003-03-03 – 2003-10-24')
    expect(page).toContain('id="daily-volume-chart"')
    expect((page.match(/class="bar"/g) ?? []).length).toBe(164)
    expect(page).toContain('id="hour-of-week-heatmap"')
  })

  it('every navigation entry answers with a page', async () => {
    for (const path of ['/imports', '/kpis', '/forecasts', '/staffing', '/events', '/schedules', '/scenarios', '/exports']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
    }
    expect((await app.request('/nope')).status).toBe(404)
  })

  it('answers an htmx upload with a progress fragment that polls the job', async () => {
    const form = new FormData()
    form.set('file', new File(['interval_start,offered\n2024-01-01T00:00:00,3\n2024-01-01T00:30:00,4\n'], 'tiny.csv', { type: 'text/csv' }))
    form.set('kind', 'intervals')
    form.set('queue', 'Tiny')
    const res = await app.request('/imports', { method: 'POST', body: form, headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(202)
    const html = await res.text()
    const jobUrl = /hx-get="([^"]+)"/.exec(html)![1]
    let fragment = ''
    for (let i = 0; i < 50 && !fragment.includes('import-result'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      fragment = await (await app.request(jobUrl, { headers: { 'HX-Request': 'true' } })).text()
    }
    expect(fragment).toContain('Imported 2 of 2 rows')
  })

  it('without JavaScript an upload redirects to a page that refreshes itself until the import is done', async () => {
    const form = new FormData()
    form.set('file', new File(['interval_start,offered\n2024-01-02T00:00:00,3\n'], 'tiny2.csv', { type: 'text/csv' }))
    form.set('kind', 'intervals')
    form.set('queue', 'Tiny')
    form.set('intervalMinutes', '30')
    const res = await app.request('/imports', { method: 'POST', body: form })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    let page = ''
    for (let i = 0; i < 50 && !page.includes('import-result'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      page = await (await app.request(location)).text()
    }
    expect(page).toContain('<!DOCTYPE html>')
    expect(page).toContain('Imported 1 of 1 rows')
  })
})

describe('the import form as a plain form (no JavaScript: the CSRF token in the form, not a header)', () => {
  it('imports with the form\'s _csrf field, and refuses a wrong one with 403, keeping nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatplan-nojs-'))
    const db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    const app = createApp({ db, uploadDir: join(dir, 'uploads') })
    const admin = await signIn(app, db, 'admin')
    const upload = (csrf: string) => {
      const form = new FormData()
      form.set('_csrf', csrf) // pageDecorations puts it first in every POST form
      form.set('kind', 'intervals')
      form.set('queue', 'No JS')
      form.set('intervalMinutes', '30')
      form.set('file', new File(['interval_start,offered\n2024-01-02T00:00:00,3\n'], 'nojs.csv', { type: 'text/csv' }))
      return admin.requestWithoutCsrf('/imports', { method: 'POST', body: form })
    }
    const bogus = new FormData()
    bogus.set('kind', 'bogus')
    bogus.set('file', new File(['interval_start,offered\n2024-01-02T00:00:00,3\n'], 'bogus.csv', { type: 'text/csv' }))
    const refusedKind = await admin.request('/imports', { method: 'POST', body: bogus, headers: { 'HX-Request': 'true' } })
    expect(refusedKind.status).toBe(422)
    expect(await refusedKind.text()).toContain('What the file holds must be contacts or intervals, got &#39;bogus&#39;; nothing was written')
    const forged = await upload('not-the-token')
    expect(forged.status).toBe(403)
    expect(await forged.text()).toContain('This form has expired or did not come from Chatplan, so nothing was changed')
    const ok = await upload(admin.csrfToken)
    expect(ok.status).toBe(303)
    let page = ''
    for (let i = 0; i < 50 && !page.includes('import-result'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      page = await (await admin.request(ok.headers.get('location')!)).text()
    }
    expect(page).toContain('Imported 1 of 1 rows')
    expect((await db.client.execute('SELECT count(*) AS n FROM interval_aggregates')).rows[0].n).toBe(1)
    db.client.close(); rmSync(dir, { recursive: true, force: true })
  })
})

describe('export page', () => {
  it('links every CSV the app produces for the chosen queue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatplan-exports-'))
    const db = await createDb('file:' + join(dir, 'x.db'))
    await migrateDb(db)
    await importFile(db, { kind: 'intervals', path: new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname, fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: 'America/New_York' })
    const app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    const page = await (await app.request('/exports?queue=US%20bank')).text()
    expect(page).toContain('action="/staffing/export.csv"')
    expect(page).toContain('value="2003-10-25"')
    expect(page).toContain('/events/flags.csv?queue=')
    // Interval aggregates only: no KPI links that would answer 400, and the queues that do have contacts are named.
    expect(page).not.toContain('/kpis/export/summary.csv?queue=')
    expect(page).toContain('id="kpi-no-contacts"')
    writeFileSync(join(dir, 'chats.csv'), 'contact_id,queue,arrived_at,answered_at,ended_at,outcome\n1,Chat,2024-03-01T09:00:00,2024-03-01T09:00:40,2024-03-01T09:06:00,answered\n2,Chat,2024-03-01T09:10:00,,,abandoned\n')
    await importFile(db, { kind: 'contacts', path: join(dir, 'chats.csv'), fileName: 'chats.csv', timeZone: 'Europe/Paris' })
    const again = await (await app.request('/exports?queue=US%20bank')).text()
    expect(again).toMatch(/Queues with contact records: <a href="\/exports\?queue=\d+">Chat<\/a>/)
    const chat = await (await app.request('/exports?queue=Chat')).text()
    expect(chat).toContain('/kpis/export/summary.csv?queue=')
    const kpiCsv = await app.request(/href="(\/kpis\/export\/summary\.csv\?queue=\d+)"/.exec(chat)![1])
    expect(kpiCsv.status).toBe(200)
    db.client.close()
    rmSync(dir, { recursive: true, force: true })
  })
})
