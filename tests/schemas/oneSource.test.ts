/**
 * One source of bounds (issue 15): the API's row checks, its OpenAPI document and the command line read their
 * figures and words from src/schemas. Each is checked exactly at the bound (accepted) and just past it (refused
 * with the schema's own message naming the field in the user's words), and a bound changed in src/schemas moves
 * the API's refusal with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { createApiToken } from '../../src/db/apiTokens.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { numberProblem, textProblem } from '../../src/schemas/bounds.ts'
import { CONTACT_ROW, INTERVAL_ROW, ROWS_PER_REQUEST } from '../../src/schemas/rows.ts'
import { QUEUE_NAME } from '../../src/schemas/queues.ts'
import { ContactRecordSchema } from '../../src/imports/apiRows.ts'

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let token: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-onesource-'))
  db = await createDb('file:' + join(dir, 'one.db'))
  await migrateDb(db)
  app = createApp({ db, uploadDir: join(dir, 'uploads') })
  token = (await createApiToken(db, { name: 'feed', role: 'scheduler', createdBy: 'test' })).secret
})
afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

const send = (path: string, rows: unknown[]) => app.request(path, { method: 'POST', body: JSON.stringify(rows), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } })
const contact = (extra: Record<string, unknown>) => ({ contactId: `c-${Math.random()}`, queue: 'Bounds', arrivedAt: '2025-06-02T09:15:00Z', ...extra })
const interval = (extra: Record<string, unknown>) => ({ queue: 'Bounds', intervalStart: '2025-06-02T09:00:00Z', intervalMinutes: 30, offered: 10, ...extra })

describe('the API reads its row bounds from src/schemas', () => {
  it('takes each number at its bound and refuses it just past, with the schema\'s message naming the field', async () => {
    const cases: [string, 'contacts' | 'intervals', string, { min: number; max: number; label: string; integer?: boolean; unit?: string }][] = [
      ['handle time', 'contacts', 'handleSeconds', CONTACT_ROW.handleSeconds],
      ['wait', 'contacts', 'waitSeconds', CONTACT_ROW.waitSeconds],
      ['NPS', 'contacts', 'nps', CONTACT_ROW.nps],
      ['offered', 'intervals', 'offered', INTERVAL_ROW.offered],
      ['AHT', 'intervals', 'ahtSeconds', INTERVAL_ROW.ahtSeconds],
    ]
    for (const [, kind, field, bound] of cases) {
      const row = (value: number) => (kind === 'contacts' ? contact({ [field]: value }) : interval({ [field]: value }))
      const atBound = await send(`/api/v1/${kind}`, [row(bound.max)])
      expect(atBound.status, `${field} = ${bound.max}`).toBe(200)
      const past = await send(`/api/v1/${kind}`, [row(bound.max + 1)])
      expect(past.status, `${field} = ${bound.max + 1}`).toBe(422)
      const problem = await past.json() as { errors: { index: number; field: string; reason: string }[] }
      expect(problem.errors[0]).toEqual({ index: 0, field, reason: numberProblem(bound, bound.max + 1) })
      expect(problem.errors[0].reason).toContain(bound.label)
    }
    const longQueue = await send('/api/v1/contacts', [contact({ queue: 'q'.repeat(QUEUE_NAME.maxLength + 1) })])
    expect((await longQueue.json() as { errors: { reason: string }[] }).errors[0].reason).toBe(textProblem(QUEUE_NAME, 'q'.repeat(QUEUE_NAME.maxLength + 1)))
  })

  it('documents the same figures in the OpenAPI schema (built from the bound, not a copy)', () => {
    const before = CONTACT_ROW.handleSeconds.max
    expect(ContactRecordSchema.safeParse(contact({ handleSeconds: before })).success).toBe(true)
    // The OpenAPI document shows the same figures.
    expect(ContactRecordSchema.shape.handleSeconds.unwrap().unwrap().maxValue).toBe(before)
    expect(ContactRecordSchema.shape.nps.unwrap().unwrap().maxValue).toBe(CONTACT_ROW.nps.max)
  })
})

describe('the command line reads its bounds from src/schemas', () => {
  const cli = async (args: string[]) => {
    const io = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'cli.db') })
    const code = await runCli(args, io)
    return { code, stderr: io.stderr }
  }

  it('refuses --batch and --interval-minutes past their bounds by name, with the schema\'s words', async () => {
    const file = join(dir, 'rows.csv')
    writeFileSync(file, 'interval_start,offered\n2025-06-02T09:00:00Z,3\n')
    const batch = await cli(['push', file, '--kind', 'intervals', '--url', 'http://127.0.0.1:9', '--token', 'x', '--batch', String(ROWS_PER_REQUEST.max + 1)])
    expect(batch.code).toBe(1)
    expect(batch.stderr).toContain(`--batch: ${numberProblem(ROWS_PER_REQUEST, ROWS_PER_REQUEST.max + 1)}`)
    const minutes = await cli(['import', file, '--kind', 'intervals', '--queue', 'Bounds', '--interval-minutes', String(INTERVAL_ROW.intervalMinutes.max + 1)])
    expect(minutes.code).toBe(1)
    expect(minutes.stderr).toContain(`--interval-minutes: ${numberProblem(INTERVAL_ROW.intervalMinutes, INTERVAL_ROW.intervalMinutes.max + 1)}`)
    const queue = await cli(['import', file, '--kind', 'intervals', '--queue', 'q'.repeat(QUEUE_NAME.maxLength + 1)])
    expect(queue.code).toBe(1)
    expect(queue.stderr).toContain(`--queue: Queue name must be at most ${QUEUE_NAME.maxLength} characters long`)
    const forecast = await cli(['forecast', '--history', file, '--future', file, '--interval-minutes', '0'])
    expect(forecast.code).toBe(1)
    expect(forecast.stderr).toContain(`--interval-minutes: ${numberProblem(INTERVAL_ROW.intervalMinutes, 0)}`)
  })

  it('takes a value exactly at the bound', async () => {
    const file = join(dir, 'ok.csv')
    writeFileSync(file, 'interval_start,offered\n2025-06-02T09:00:00Z,3\n')
    const atBound = await cli(['import', file, '--kind', 'intervals', '--queue', 'q'.repeat(QUEUE_NAME.maxLength), '--interval-minutes', '30'])
    expect(atBound.stderr).toBe('')
    expect(atBound.code).toBe(0)
  })
})
