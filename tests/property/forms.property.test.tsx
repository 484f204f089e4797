/**
 * Bad input at the forms and query strings (fast-check, seeded): random and malformed values sent to EVERY changing
 * route of the app (read from the Hono app) and random query strings sent to every page. Each answer is a clear
 * message or a success: never a 500, and a refused form changes nothing in the database.
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
import { signIn, type SignedIn } from '../web/authHelper.ts'
import { changingRoutes, concretePath, listRoutes } from './appRoutes.ts'

const SEED = 20240607

/** Field names the forms use, and a few they do not. */
const FIELD_NAMES = [
  'queue', 'queueId', 'id', 'version', 'type', 'name', 'start', 'end', 'effectKind', 'value', 'rampBeforeDays', 'decayAfterDays', 'delayDays',
  'country', 'csv', 'from', 'to', 'model', 'intervalMinutes', 'published', 'serviceLevelTarget', 'answerWithinSeconds', 'maxOccupancy',
  'modelKind', 'shrinkageFraction', 'hoursPerFte', 'staffAtQuantile', 'weekStart', 'template', 'lengthMinutes', 'startLocal', 'agent',
  'skills', 'count', 'kind', 'timeZone', 'upload', 'fileName', 'skipInvalidRows', '__proto__', 'constructor', 'x[]',
]

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '0', '-1', '1e308', 'NaN', 'Infinity', '-0', '1.5', '2024-02-30', '2024-13-01', '2024-03-31T25:61', '9999-12-31T23:59',
    '0000-01-01', "'; DROP TABLE events; --", '<script>alert(1)</script>', '%00', '\u0000', '\uFEFF', '../../etc/passwd', '{"a":1}', '[]', 'true',
    'multiplier', 'added', 'promotion', 'holiday', 'erlang_c', 'chat', '1', '2', '30', '2024-05-06', '2024-05-06T09:00', 'US', 'ZZ', 'x'.repeat(5000)),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: false }).map(String),
)

const formBody = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), nastyString, { maxKeys: 12 })

const pathParam = fc.oneof(fc.constant('1'), fc.constant('2'), fc.constant('999999999'), fc.constant('0'), fc.nat({ max: 50 }).map(String), fc.constant('99999999999999999999'))

/** Every table's rows, hashed: equal fingerprints mean nothing was written. */
async function fingerprint(db: Db): Promise<string> {
  const tables = (await db.client.execute(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('sessions') ORDER BY name`)).rows.map((r) => String(r.name))
  const hash = createHash('sha256')
  for (const t of tables) hash.update(t + JSON.stringify((await db.client.execute(`SELECT * FROM "${t}" ORDER BY rowid`)).rows))
  return hash.digest('hex')
}

describe('random form values and query strings', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let admin: SignedIn
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-property-forms-'))
    db = await createDb('file:' + join(dir, 'forms.db'))
    await migrateDb(db)
    app = createApp({ db, uploadDir: join(dir, 'uploads') })
    const lines = ['interval_start,offered,aht_seconds']
    for (let i = 0; i < 48 * 21; i++) lines.push(`${new Date(Date.UTC(2024, 4, 1) + i * 1800_000).toISOString().slice(0, 19)},${(i * 7) % 13},${300 + (i % 40)}`)
    writeFileSync(join(dir, 'history.csv'), lines.join('\n') + '\n')
    await importFile(db, { kind: 'intervals', path: join(dir, 'history.csv'), fileName: 'history.csv', queueName: 'Property queue', timeZone: 'Europe/Paris' })
    admin = await signIn(app, db, 'admin')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('every changing route answers random form values with a message or a success, and a refusal writes nothing', async () => {
    const routes = changingRoutes(app).filter((r) => r.path !== '/signin')
    expect(routes.length).toBeGreaterThanOrEqual(10)
    const seen = new Map<string, Set<number>>()
    for (const route of routes) {
      await fc.assert(fc.asyncProperty(formBody, pathParam, fc.boolean(), async (fields, id, htmx) => {
        const body = new URLSearchParams()
        for (const [k, v] of Object.entries(fields)) body.append(k, v)
        const before = await fingerprint(db)
        const res = await admin.request(concretePath(route.path, (_, regex) => (regex?.includes('a-z') ? `${id}x` : id)), {
          method: route.method, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(htmx ? { 'HX-Request': 'true' } : {}) },
        })
        const text = await res.text()
        if (!seen.has(route.path)) seen.set(route.path, new Set())
        seen.get(route.path)!.add(res.status)
        expect(res.status, `${route.method} ${route.path} ${body}: ${text.slice(0, 300)}`).not.toBeGreaterThanOrEqual(500)
        if (res.status >= 400) {
          expect(text.trim().length, `${route.path}: an empty refusal`).toBeGreaterThan(0)
          expect(await fingerprint(db), `${route.method} ${route.path} ${body}: refused (${res.status}) but wrote`).toBe(before)
        }
      }), { seed: SEED, numRuns: 12 })
    }
  }, 180_000)

  it('every page answers random query strings with a page or a message, never a 500', async () => {
    const pages = listRoutes(app).filter((r) => r.method === 'GET' && !r.path.startsWith('/static'))
    const query = fc.dictionary(fc.oneof(fc.constantFrom('queue', 'from', 'to', 'day', 'month', 'label', 'ratio', 'threshold', 'start', 'runs', 'entity', 'before', 'model', 'week'), fc.string({ maxLength: 8 })), nastyString, { maxKeys: 5 })
    for (const route of pages) {
      await fc.assert(fc.asyncProperty(query, pathParam, fc.boolean(), async (params, id, htmx) => {
        const search = new URLSearchParams(params).toString()
        const url = concretePath(route.path, (_, regex) => (regex?.includes('\\.csv') ? 'first-response.csv' : regex?.includes('a-z') ? `${id}x` : id)) + (search ? `?${search}` : '')
        const res = await admin.request(url, { headers: htmx ? { 'HX-Request': 'true' } : {} })
        const text = await res.text()
        expect(res.status, `GET ${url}: ${text.slice(0, 300)}`).toBeLessThan(500)
      }), { seed: SEED, numRuns: 8 })
    }
  })
})
