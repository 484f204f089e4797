/**
 * Accounts and roles through the app: every changing route (read from the Hono app) refuses a viewer with 403 and
 * a signed-out visitor with 401; a request without the CSRF token is refused; sign-in through the form with its
 * own CSRF token sets an HttpOnly, SameSite session cookie; wrong passwords are rate-limited; sign-out ends the
 * session; the first start creates an admin; only admins reach the accounts page, only managers the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { openDatabase } from '../../src/main.ts'
import { loadConfig } from '../../src/config.ts'
import { checkCredentials, countUsers, listUsers } from '../../src/db/users.ts'
import { signIn, ensureTestUser, TEST_PASSWORD, type SignedIn } from '../web/authHelper.ts'
import { changingRoutes, concretePath } from '../property/appRoutes.ts'
import { accessRuleFor } from '../../src/web/middleware/roles.ts'

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

async function countChanges(db: Db): Promise<string> {
  const tables = (await db.client.execute(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('sessions', 'audit_log') ORDER BY name`)).rows.map((r) => String(r.name))
  const counts: string[] = []
  for (const t of tables) counts.push(`${t}:${(await db.client.execute(`SELECT COUNT(*) FROM "${t}"`)).rows[0][0]}`)
  return counts.join(',')
}

describe('accounts, roles and CSRF', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let viewer: SignedIn
  let scheduler: SignedIn
  let admin: SignedIn
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-auth-'))
    db = await createDb('file:' + join(dir, 'auth.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    viewer = await signIn(app, db, 'viewer')
    scheduler = await signIn(app, db, 'scheduler')
    admin = await signIn(app, db, 'admin')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('refuses EVERY changing route of the app to a viewer with 403, and changes nothing', async () => {
    // The API's writes refuse a session outright (401: only a bearer token writes), see tests/web/api/writes.test.ts.
    // My shifts is each account's own (its agent's requests and calendar feed): a viewer may change it.
    const routes = changingRoutes(app).filter((r) => !['/signin', '/signout'].includes(r.path) && !r.path.startsWith('/api/') && !r.path.startsWith('/my-shifts'))
    expect(routes.length).toBeGreaterThanOrEqual(20)
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/imports', '/events', '/forecasts', '/staffing/settings', '/users']))
    const before = await countChanges(db)
    for (const route of routes) {
      const res = await viewer.request(concretePath(route.path), { method: route.method, headers: FORM, body: new URLSearchParams({ name: 'x', queue: '1' }) })
      expect(res.status, `${route.method} ${route.path}`).toBe(403)
      expect(await res.text()).toMatch(/^Your account \(test-viewer, viewer\) may not do this: .+ needs the (scheduler|manager|admin) role\. Ask an admin\.$/)
    }
    expect(await countChanges(db)).toBe(before)
  })

  it('gives each changing route the role the issue names', () => {
    const need = (method: string, path: string) => accessRuleFor(method, path).access
    expect(need('POST', '/imports')).toBe('scheduler')
    expect(need('POST', '/forecasts')).toBe('scheduler')
    expect(need('POST', '/events/3')).toBe('scheduler')
    expect(need('POST', '/schedules/generate')).toBe('scheduler')
    expect(need('POST', '/schedules/4/publish')).toBe('manager')
    expect(need('POST', '/forecasts/jobs/abc/publish')).toBe('manager')
    expect(need('POST', '/scenarios/baselines')).toBe('manager')
    expect(need('POST', '/scenarios/2/promote')).toBe('manager')
    expect(need('POST', '/users')).toBe('admin')
    expect(need('POST', '/something-new')).toBe('admin')
    expect(need('GET', '/exports')).toBe('viewer')
    expect(need('GET', '/kpis/export/first-response.csv')).toBe('viewer')
    expect(need('GET', '/audit')).toBe('manager')
    expect(need('GET', '/users')).toBe('admin')
    expect(need('POST', '/my-shifts/time-off')).toBe('viewer')
    expect(need('POST', '/requests/3/approve')).toBe('scheduler')
    expect(need('GET', '/requests')).toBe('scheduler')
    expect(need('POST', '/schedules/dates/import')).toBe('scheduler')
    expect(need('POST', '/users/3/agent')).toBe('admin')
    expect(need('GET', '/calendar/abcdefghijklmnopqrstuvwx.ics')).toBe('public')
    expect(need('GET', '/calendar/short.ics')).toBe('viewer')
  })

  it('sends a signed-out visitor to the sign-in page, and refuses changes with 401', async () => {
    const page = await app.request('/kpis?queue=1')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/signin?next=%2Fkpis%3Fqueue%3D1')
    const fragment = await app.request('/kpis', { headers: { 'HX-Request': 'true' } })
    expect(fragment.status).toBe(401)
    expect(fragment.headers.get('hx-redirect')).toBe('/signin?next=%2Fkpis')
    for (const route of changingRoutes(app).filter((r) => r.path !== '/signin')) {
      expect((await app.request(concretePath(route.path), { method: route.method })).status, route.path).toBe(401)
    }
    expect((await app.request('/static/app.css')).status).toBe(200)
    expect((await app.request('/health')).status).toBe(200)
  })

  it('refuses a changing request without the CSRF token, or with another session\'s', async () => {
    const before = await countChanges(db)
    const body = () => new URLSearchParams({ queue: '1', type: 'promotion', name: 'No token' })
    const res = await scheduler.requestWithoutCsrf('/events', { method: 'POST', headers: FORM, body: body() })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe('This form has expired or did not come from Chatplan, so nothing was changed: reload the page and try again.')
    const htmx = await scheduler.requestWithoutCsrf('/events', { method: 'POST', headers: { ...FORM, 'HX-Request': 'true', 'X-CSRF-Token': admin.csrfToken }, body: body() })
    expect(htmx.status).toBe(403)
    expect(await htmx.text()).toContain('class="errors"')
    const field = await scheduler.requestWithoutCsrf('/events', { method: 'POST', headers: FORM, body: new URLSearchParams({ ...Object.fromEntries(body()), _csrf: 'forged' }) })
    expect(field.status).toBe(403)
    expect(await countChanges(db)).toBe(before)
    // The token in the form field (plain forms without JavaScript) is accepted.
    const withField = await scheduler.requestWithoutCsrf('/staffing/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ queue: '999', _csrf: scheduler.csrfToken }) })
    expect(withField.status).toBe(404)
  })

  it('puts the CSRF token in hx-headers on <body> and in every POST form of a page, and shows the account bar', async () => {
    const html = await (await admin.request('/imports')).text()
    expect(html).toContain(`<body hx-headers="{&quot;X-CSRF-Token&quot;:&quot;${admin.csrfToken}&quot;}"`)
    const forms = html.match(/<form\b[^>]*method="post"[^>]*>/g) ?? []
    expect(forms.length).toBeGreaterThanOrEqual(2)
    expect((html.match(new RegExp(`<input type="hidden" name="_csrf" value="${admin.csrfToken}">`, 'g')) ?? []).length).toBe(forms.length)
    expect(html).toMatch(/<div class="account" id="account"><details class="account-menu"><summary>test-admin <span class="muted">\(admin\)<\/span><\/summary><div class="menu"><a href="\/settings">Settings<\/a> <a href="\/audit">Audit log<\/a> <a href="\/users">Users<\/a> <a href="\/tokens">Tokens<\/a> <a href="\/api\/v1\/reference">API<\/a> /)
    const viewerPage = await (await viewer.request('/')).text()
    expect(viewerPage).not.toContain('href="/audit"')
    expect(viewerPage).toContain('test-viewer <span class="muted">(viewer)</span>')
  })

  it('signs in through the form (with its own CSRF token) into an HttpOnly SameSite cookie, and signs out', async () => {
    const form = await app.request('/signin?next=/kpis')
    const preCookie = form.headers.getSetCookie().find((c) => c.startsWith('chatplan_csrf='))!
    expect(preCookie).toMatch(/HttpOnly/)
    const html = await form.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]
    expect(html).toContain('name="next" value="/kpis"')
    const cookie = preCookie.split(';')[0]
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) => app.request('/signin', { method: 'POST', headers: { ...FORM, Cookie: cookie, ...headers }, body: new URLSearchParams(fields) })
    expect((await post({ username: 'test-scheduler', password: TEST_PASSWORD, next: '/kpis' })).status).toBe(403)
    const res = await post({ username: 'test-scheduler', password: TEST_PASSWORD, next: '/kpis', _csrf: token })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/kpis')
    const session = res.headers.getSetCookie().find((c) => c.startsWith('chatplan_session='))!
    expect(session).toMatch(/HttpOnly/)
    expect(session).toMatch(/SameSite=Lax/)
    const sessionCookie = session.split(';')[0]
    const page = await (await app.request('/imports', { headers: { Cookie: sessionCookie } })).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]
    const out = await app.request('/signout', { method: 'POST', headers: { ...FORM, Cookie: sessionCookie }, body: new URLSearchParams({ _csrf: csrf }) })
    expect(out.status).toBe(303)
    expect((await app.request('/imports', { headers: { Cookie: sessionCookie } })).status).toBe(303)
    // An outside address after sign-in is not followed.
    const outside = await post({ username: 'test-scheduler', password: TEST_PASSWORD, next: '//evil.example/x', _csrf: token })
    expect(outside.headers.get('location')).toBe('/')
  })

  it('slows failed sign-ins per address and account together, never locks the owner out elsewhere, and an admin can unlock (issue 15, defect 7)', async () => {
    await ensureTestUser(db, 'viewer', 'rate-limited')
    const form = await app.request('/signin')
    const cookie = form.headers.getSetCookie().find((c) => c.startsWith('chatplan_csrf='))!.split(';')[0]
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })
    const attempt = (password: string, address = '198.51.100.7') => app.request('/signin', { method: 'POST', headers: { ...FORM, Cookie: cookie }, body: new URLSearchParams({ username: 'Rate-Limited', password, _csrf: token }) }, from(address))
    for (let i = 0; i < 6; i++) {
      const res = await attempt('wrong password ' + i)
      expect(res.status).toBe(401)
      expect(await res.text()).toContain('The account name or the password is wrong (or the account is disabled).')
    }
    // The attacker's address now waits before each try (slowed, not locked: a second, then 2, 4 … up to a minute).
    const slowed = await attempt(TEST_PASSWORD)
    expect(slowed.status).toBe(429)
    expect(Number(slowed.headers.get('retry-after'))).toBe(1)
    expect(await slowed.text()).toContain('Too many failed attempts from here: wait 1 second before trying again.')
    // The owner, from another address, signs in at once.
    expect((await attempt(TEST_PASSWORD, '203.0.113.20')).status).toBe(303)
    // The admin sees the slowed account and unlocks it; then the first address may try at once too.
    const usersPage = await (await admin.request('/users')).text()
    expect(usersPage).toMatch(/<td>rate-limited<\/td><td class="num">6<\/td><td class="num">1<\/td>/)
    const unlock = await admin.request('/users/unlock', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'rate-limited' }) })
    expect(unlock.status).toBe(303)
    expect((await attempt(TEST_PASSWORD)).status).toBe(303)
    expect((await admin.request('/users/unlock', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'rate-limited' }) })).status).toBe(422)
  })

  it('lets only admins manage accounts: add, change a role, and never demote the last admin', async () => {
    expect((await scheduler.request('/users')).status).toBe(403)
    const add = await admin.request('/users', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'maria', role: 'manager', password: 'a strong password' }) })
    expect(add.status).toBe(303)
    expect(await checkCredentials(db, 'maria', 'a strong password')).toMatchObject({ role: 'manager' })
    const short = await admin.request('/users', { method: 'POST', headers: FORM, body: new URLSearchParams({ username: 'bob', role: 'viewer', password: 'short' }) })
    expect(short.status).toBe(422)
    expect(await short.text()).toContain('Not added: the password must have at least 10 characters.')
    const users = await listUsers(db)
    const theAdmin = users.find((u) => u.username === 'test-admin')!
    const demote = await admin.request(`/users/${theAdmin.id}`, { method: 'POST', headers: FORM, body: new URLSearchParams({ role: 'viewer' }) })
    expect(demote.status).toBe(422)
    expect(await demote.text()).toContain('Not saved: &#39;test-admin&#39; is the last admin: make another account admin first.')
    const audit = await (await admin.request('/audit')).text()
    expect(audit).toMatch(/test-admin<\/td><td>user\.create<\/td><td>user #\d+<\/td><td>&#39;maria&#39; \(manager\)<\/td>/)
    expect((await scheduler.request('/audit')).status).toBe(403)
  })
})

describe('the first start', () => {
  it('creates an admin with CHATPLAN_ADMIN_PASSWORD, or a generated password printed once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatplan-first-'))
    try {
      const lines: string[] = []
      const db = await openDatabase(loadConfig({ DATABASE_URL: 'file:' + join(dir, 'a.db'), CHATPLAN_DEMO: 'off' }), (l) => lines.push(l))
      const printed = lines.find((l) => l.startsWith('Created the first account: admin / '))!
      const password = /admin \/ (\S+)/.exec(printed)![1]
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/)
      expect(await checkCredentials(db, 'admin', password)).toMatchObject({ role: 'admin' })
      db.client.close()
      const again: string[] = []
      const reopened = await openDatabase(loadConfig({ DATABASE_URL: 'file:' + join(dir, 'a.db'), CHATPLAN_DEMO: 'off' }), (l) => again.push(l))
      expect(again.join('\n')).not.toContain('Created the first account')
      expect(await countUsers(reopened)).toBe(1)
      reopened.client.close()

      const fromEnv: string[] = []
      const other = await openDatabase(loadConfig({ DATABASE_URL: 'file:' + join(dir, 'b.db'), CHATPLAN_DEMO: 'off', CHATPLAN_ADMIN_PASSWORD: 'chosen admin password' }), (l) => fromEnv.push(l))
      expect(fromEnv).toContain('Created the first account: admin (password from CHATPLAN_ADMIN_PASSWORD)')
      expect(fromEnv.join('\n')).not.toContain('chosen admin password')
      expect(await checkCredentials(other, 'admin', 'chosen admin password')).toMatchObject({ role: 'admin' })
      other.client.close()
    } finally { rmSync(dir, { recursive: true, force: true }) }
  })
})
