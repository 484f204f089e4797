/**
 * The Tokens page (admins): creating shows the secret once and stores only its hash, the token then works as a
 * bearer with its role, last use is shown, revoking stops it; a scheduler cannot reach the page. The command line
 * `chatplan tokens create` prints the token once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { listAudit } from '../../src/db/audit.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { signIn } from './authHelper.ts'

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('API tokens', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-tokens-'))
    db = await createDb('file:' + join(dir, 'tokens.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('an admin creates a token (shown once, stored hashed), it reads as a bearer, shows its last use, and revoking stops it', async () => {
    const admin = await signIn(app, db, 'admin')
    const created = await admin.request('/tokens', { method: 'POST', headers: FORM, body: new URLSearchParams({ name: 'BI dashboard', role: 'viewer' }) })
    expect(created.status).toBe(200)
    const html = await created.text()
    const secret = /id="token-secret">(cpt_[A-Za-z0-9_-]+)</.exec(html)![1]
    const stored = (await db.client.execute('SELECT token_sha256, last_used_at_ms FROM api_tokens')).rows[0]
    expect(String(stored.token_sha256)).toMatch(/^[0-9a-f]{64}$/)
    expect(String(stored.token_sha256)).not.toContain(secret)
    expect(stored.last_used_at_ms).toBeNull()
    expect((await app.request('/api/v1/queues', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200)
    const list = await (await admin.request('/tokens')).text()
    expect(list).not.toContain(secret)
    expect(list).toMatch(/<td>BI dashboard<\/td><td>viewer<\/td>.*<td>\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/td><td>active<\/td>/s)
    const id = Number((await db.client.execute('SELECT id FROM api_tokens')).rows[0].id)
    const revoked = await admin.request(`/tokens/${id}/revoke`, { method: 'POST', headers: FORM, body: '' })
    expect(revoked.status).toBe(303)
    expect((await app.request('/api/v1/queues', { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401)
    const again = await admin.request(`/tokens/${id}/revoke`, { method: 'POST', headers: FORM, body: '' })
    expect(again.status).toBe(422)
    expect((await listAudit(db, { entity: 'api_token' })).map((e) => [e.action, e.username])).toEqual([['token.revoke', 'test-admin'], ['token.create', 'test-admin']])
  })

  it('refuses the page to a scheduler, and a duplicate name', async () => {
    const scheduler = await signIn(app, db, 'scheduler')
    expect((await scheduler.request('/tokens')).status).toBe(403)
    const admin = await signIn(app, db, 'admin')
    const dup = await admin.request('/tokens', { method: 'POST', headers: FORM, body: new URLSearchParams({ name: 'BI dashboard', role: 'viewer' }) })
    expect(dup.status).toBe(422)
    expect(await dup.text()).toContain('there is already a token named')
  })

  it('`chatplan tokens create` prints the token once; list shows it without the secret; unknown options are refused', async () => {
    const env = { DATABASE_URL: 'file:' + join(dir, 'tokens.db'), CHATPLAN_DEMO: 'off' }
    const io = memoryIo('', env)
    expect(await runCli(['tokens', 'create', '--name', 'nightly push', '--role', 'scheduler'], io)).toBe(0)
    const secret = io.stdout.trim()
    expect(secret).toMatch(/^cpt_[A-Za-z0-9_-]{43}$/)
    expect((await app.request('/api/v1/contacts', { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: '[]' })).status).toBe(200)
    const listed = memoryIo('', env)
    expect(await runCli(['tokens', 'list'], listed)).toBe(0)
    expect(listed.stdout).toContain('nightly push,scheduler,')
    expect(listed.stdout).not.toContain(secret)
    const bad = memoryIo('', env)
    expect(await runCli(['tokens', 'create', '--name', 'x', '--role', 'scheduler', '--rol', 'admin'], bad)).toBe(1)
    expect(bad.stderr).toContain('unknown option --rol')
  })
})
