/**
 * Web hardening: security headers and a content security policy that allows only the app's own scripts and styles
 * on every page; no inline script or handler anywhere; user data (CSV fields, form values) shown as text; upload
 * size limits on every changing route; changes written to the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { importFile } from '../../src/db/importBatch.ts'
import { signIn, type SignedIn } from './authHelper.ts'

const SCRIPT = '<script>alert(1)</script>'
const PAGES = ['/', '/imports', '/kpis', '/forecasts', '/staffing', '/events', '/schedules', '/scenarios', '/exports', '/audit', '/users', '/signin']

function contactsCsv(): string {
  const rows = ['contact_id,queue,arrived_at,answered_at,ended_at,wait_seconds,handle_seconds,outcome,agent,issue_type']
  for (let i = 0; i < 60; i++) {
    const day = String(1 + (i % 20)).padStart(2, '0')
    const agent = i % 2 ? SCRIPT : 'Dana "the <b>best</b>" & co'
    const minute = String(i % 50).padStart(2, '0')
    rows.push(`${i + 1},Web ${SCRIPT},2024-03-${day}T10:${minute}:00,2024-03-${day}T10:${minute}:30,2024-03-${day}T10:59:00,30,600,answered,"${agent.replace(/"/g, '""')}",${i % 3 ? 'cards' : SCRIPT}`)
  }
  return rows.join('\n') + '\n'
}

describe('web hardening', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let admin: SignedIn
  let queueId: number
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-security-'))
    db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    writeFileSync(join(dir, 'contacts.csv'), contactsCsv())
    await importFile(db, { kind: 'contacts', path: join(dir, 'contacts.csv'), fileName: `contacts ${SCRIPT}.csv`, timeZone: 'UTC' })
    queueId = Number((await db.client.execute('SELECT id FROM queues')).rows[0].id)
    admin = await signIn(app, db, 'admin')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('sends a content security policy allowing only the app\'s own scripts and styles, and the other security headers', async () => {
    const res = await admin.request('/')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/)
    expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect((await admin.request('/static/htmx.min.js')).headers.get('content-security-policy')).toBe(csp)
  })

  it('renders no inline script, event handler or hx-on on any page, and every <style> block is allowed by its hash', async () => {
    for (const path of PAGES) {
      const res = await admin.request(path.includes('?') || path === '/signin' || path === '/audit' || path === '/users' ? path : `${path}?queue=${queueId}`)
      expect(res.status, path).toBeLessThan(500)
      const html = await res.text()
      const csp = res.headers.get('content-security-policy')!
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1], `${path}: a script without src`).toMatch(/\ssrc="\/static\/[a-z.]+\.js"/)
        expect(m[2].trim(), path).toBe('')
      }
      expect(html, path).not.toMatch(/\son[a-z]+=/i)
      expect(html, path).not.toMatch(/hx-on|javascript:/i)
      for (const m of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
        // The text as the browser hashes it: the HTML-escaped source is un-escaped by the parser.
        const text = m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
        const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`
        expect(csp, `${path}: a <style> block not allowed by the CSP`).toContain(hash)
      }
    }
  })

  it('turns the htmx settings that need eval or inline styles off', async () => {
    const html = await (await admin.request('/')).text()
    expect(html).toContain('&quot;allowEval&quot;:false')
    expect(html).toContain('&quot;includeIndicatorStyles&quot;:false')
    expect(html).toContain('<select name="queue" data-autosubmit="true">')
    expect(await (await admin.request('/static/app.js')).text()).toContain("hasAttribute('data-autosubmit')")
  })

  it('shows a script injected through CSV fields (agent, queue, issue type, file name) as text', async () => {
    const pages = [`/kpis?queue=${queueId}&from=2024-03-01&to=2024-03-31`, `/?queue=${queueId}`, '/imports', `/exports?queue=${queueId}`]
    for (const path of pages) {
      const html = await (await admin.request(path)).text()
      expect(html, path).not.toContain(SCRIPT)
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    }
    const kpis = await (await admin.request(`/kpis?queue=${queueId}&from=2024-03-01&to=2024-03-31`)).text()
    expect(kpis).toContain('Dana &quot;the &lt;b&gt;best&lt;/b&gt;&quot; &amp; co')
  })

  it('shows a script typed into the event form as text, on the page and in the audit log', async () => {
    const form = new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'promotion', name: `Sale ${SCRIPT}`, start: '2024-04-02T09:00', end: '2024-04-03T18:00', effectKind: 'multiplier', value: '1.3' })
    const res = await admin.request('/events', { method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(303)
    const page = await (await admin.request(`/events?queue=${queueId}&month=2024-04`)).text()
    expect(page).not.toContain(SCRIPT)
    expect(page).toContain('Sale &lt;script&gt;alert(1)&lt;/script&gt;')
    const audit = await (await admin.request('/audit')).text()
    expect(audit).toMatch(/test-admin<\/td><td>event\.create<\/td><td>event #\d+<\/td><td>&#39;Sale &lt;script&gt;alert\(1\)&lt;\/script&gt;&#39; \(version 1\)<\/td>/)
  })

  it('refuses a form body larger than 1 MB and an events CSV larger than 5 MB with 413, changing nothing', async () => {
    const before = Number((await db.client.execute('SELECT COUNT(*) FROM events')).rows[0][0])
    const big = new URLSearchParams({ queue: String(queueId), name: 'x'.repeat(1024 * 1024 + 10) })
    const res = await admin.request('/events', { method: 'POST', body: big, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(413)
    expect(await res.text()).toBe('The upload is larger than 1 MB. Nothing was changed.')
    const csv = new FormData()
    csv.set('queue', String(queueId))
    csv.set('file', new File(['type,name\n' + 'promotion,x\n'.repeat(500_000)], 'events.csv'))
    const fragment = await admin.request('/events/import', { method: 'POST', body: csv, headers: { 'HX-Request': 'true' } })
    expect(fragment.status).toBe(413)
    expect(await fragment.text()).toBe('<p class="errors" role="alert">The upload is larger than 5 MB. Nothing was changed.</p>')
    expect(Number((await db.client.execute('SELECT COUNT(*) FROM events')).rows[0][0])).toBe(before)
  })
})
