/**
 * Issue 15, "what it must show": random and hostile values (fast-check, seeded) sent to every form field and query
 * parameter of every route of the app (read from the Hono app), as each role and signed out. Every answer is a
 * success or a clear refusal: never a 500; a refused request changes nothing in the database; and /health keeps
 * answering within 200 ms throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { importFile } from '../../src/db/importBatch.ts'
import { ROLES } from '../../src/auth/roles.ts'
import { QUERY_PARAMS } from '../../src/schemas/queryParams.ts'
import { signIn } from '../web/authHelper.ts'
import { changingRoutes, concretePath, listRoutes } from './appRoutes.ts'

const SEED = 15_2026

const FIELD_NAMES = [
  'queue', 'queueId', 'id', 'version', 'type', 'name', 'start', 'end', 'effectKind', 'value', 'rampBeforeDays', 'decayAfterDays', 'delayDays',
  'country', 'csv', 'from', 'to', 'model', 'intervalMinutes', 'serviceLevelTarget', 'answerWithinSeconds', 'maxOccupancy', 'maxConcurrency',
  'slowdownAlpha', 'meanPatienceSeconds', 'ahtOverrideSeconds', 'modelKind', 'shrinkageFraction', 'hoursPerFte', 'staffAtQuantile', 'lengthMinutes',
  'earliestStart', 'latestStart', 'startStepMinutes', 'costPerHour', 'minCountPerDay', 'maxCountPerDay', 'contractedHoursPerWeek', 'availability',
  'skills', 'days', 'username', 'password', 'role', 'disabled', 'timeLimitSeconds', 'gapPercent', 'kind', 'timeZone', 'upload', 'fileName',
]

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '0', '-1', '1e308', '-1e308', 'NaN', 'Infinity', '1000000', '0.0000001', '2024-02-30', '2024-13-01', '9999-12-31',
    '0000-01-01', '2024-05-06', '2024-05-06T09:00', "'; DROP TABLE users; --", '<script>alert(1)</script>', '=HYPERLINK("x")', '\u0000', '\uFEFF',
    '../../etc/passwd', 'chat', 'erlang_a', 'multiplier', 'added', 'admin', 'mon', '1', '2', 'x'.repeat(70_000)),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double().map(String),
)

async function fingerprint(db: Db): Promise<string> {
  const tables = (await db.client.execute(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('sessions', 'audit_log') ORDER BY name`)).rows.map((r) => String(r.name))
  const hash = createHash('sha256')
  for (const t of tables) hash.update(t + JSON.stringify((await db.client.execute(`SELECT * FROM "${t}" ORDER BY rowid`)).rows))
  return hash.digest('hex')
}

describe('hostile values at every route, as every role and signed out', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  const healthMs: number[] = []
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-hostile-'))
    db = await createDb('file:' + join(dir, 'hostile.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    const lines = ['interval_start,offered,aht_seconds']
    for (let i = 0; i < 48 * 21; i++) lines.push(`${new Date(Date.UTC(2024, 4, 1) + i * 1800_000).toISOString().slice(0, 19)},${(i * 7) % 13},${300 + (i % 40)}`)
    writeFileSync(join(dir, 'history.csv'), lines.join('\n') + '\n')
    await importFile(db, { kind: 'intervals', path: join(dir, 'history.csv'), fileName: 'history.csv', queueName: 'Hostile queue', timeZone: 'Europe/Paris' })
  }, 60_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  async function health(): Promise<void> {
    const started = performance.now()
    const res = await app.request('/health')
    healthMs.push(performance.now() - started)
    expect(res.status).toBe(200)
  }

  for (const who of ['signed out', ...ROLES] as const) {
    it(`as ${who}: never a 500, a refusal changes nothing, /health within 200 ms`, async () => {
      const send = who === 'signed out' ? (path: string, init?: RequestInit) => app.request(path, init) : (await signIn(app, db, who)).request
      const routes = listRoutes(app).filter((r) => !r.path.startsWith('/static') && r.path !== '/signin' && r.path !== '/signout')
      const changing = new Set(changingRoutes(app).map((r) => `${r.method} ${r.path}`))
      const query = fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(QUERY_PARAMS), 'measure', 'simulate', 'explain'), fc.string({ maxLength: 8 })), hostile, { maxKeys: 5 })
      const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })), hostile, { maxKeys: 10 })
      const id = fc.oneof(fc.constant('1'), fc.constant('2'), fc.constant('0'), fc.constant('99999999999999999999'), fc.nat({ max: 9 }).map(String))
      for (const route of routes) {
        const isChanging = changing.has(`${route.method} ${route.path}`)
        await fc.assert(fc.asyncProperty(query, body, id, fc.boolean(), async (params, fields, idValue, htmx) => {
          const search = new URLSearchParams(params).toString()
          const url = concretePath(route.path, (_, regex) => (regex?.includes('\\.csv') ? 'daily.csv' : regex?.includes('a-z') ? `${idValue}x` : idValue)) + (search ? `?${search}` : '')
          const before = isChanging ? await fingerprint(db) : ''
          const form = new URLSearchParams()
          for (const [k, v] of Object.entries(fields)) form.append(k, v)
          const res = await send(url, {
            method: route.method,
            ...(isChanging ? { body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(htmx ? { 'HX-Request': 'true' } : {}) } } : { headers: htmx ? { 'HX-Request': 'true' } : {} }),
          })
          const text = await res.text()
          expect(res.status, `${who}: ${route.method} ${url.slice(0, 200)} ${form.toString().slice(0, 200)}: ${text.slice(0, 300)}`).toBeLessThan(500)
          if (isChanging && res.status >= 400) {
            expect(text.trim().length, `${route.path}: an empty refusal`).toBeGreaterThan(0)
            expect(await fingerprint(db), `${who}: ${route.method} ${route.path} refused (${res.status}) but wrote`).toBe(before)
          }
        }), { seed: SEED, numRuns: who === 'admin' ? 4 : 2 })
        await health()
      }
      const worst = Math.max(...healthMs)
      expect(worst, `/health took ${worst.toFixed(0)} ms at worst`).toBeLessThan(200)
    }, 300_000)
  }
})
