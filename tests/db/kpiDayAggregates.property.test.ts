/**
 * The KPI inputs from the cached day and week aggregates (src/db/kpis.ts: kept across requests, patched from the
 * contact change log, only the touched days dropped) always equal the SQL aggregation of the raw contacts, whatever
 * sequence of writes came between two reports: API upserts (new contacts and later states), moves of a contact's
 * arrival across days and weeks, moves to the other queue, and deletes of a batch; for random ranges (whole weeks,
 * cut weeks, single days, across the March DST change) and SLA thresholds, one queue or both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { upsertContacts } from '../../src/db/rowUpserts.ts'
import { createQueue } from '../../src/db/queues.ts'
import { loadKpiInputs, loadKpiInputsFromColumns, resolveKpiRequest } from '../../src/db/kpis.ts'
import type { ContactRow } from '../../src/imports/contactRows.ts'
import type { KpiInputs } from '../../src/kpis/report.ts'

const DAY_MS = 86_400_000
/** Monday 16 March 2026: 28 days from here cross the DST change of 29 March in London. */
const T0 = Date.UTC(2026, 2, 16)
const DAYS = 28

const contactArb = fc.record({
  queue: fc.constantFrom('A', 'B'),
  key: fc.integer({ min: 0, max: 40 }),
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  minuteOfDay: fc.integer({ min: 0, max: 1439 }),
  answered: fc.boolean(),
  waitSeconds: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
  handleSeconds: fc.integer({ min: 0, max: 5400 }),
  agent: fc.option(fc.constantFrom('ann', 'bob', 'cy'), { nil: null }),
  issueType: fc.option(fc.constantFrom('cards', 'loans'), { nil: null }),
  csatScore: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  npsScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
})
type ContactSpec = typeof contactArb extends fc.Arbitrary<infer T> ? T : never

type Op =
  | { kind: 'upsert'; rows: ContactSpec[] }
  | { kind: 'move'; hours: number }
  | { kind: 'requeue' }
  | { kind: 'deleteBatch' }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('upsert' as const), rows: fc.array(contactArb, { minLength: 1, maxLength: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), hours: fc.integer({ min: -200, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('requeue' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteBatch' as const) }) },
)

const rangeArb = fc.record({
  queue: fc.constantFrom('A', 'B', 'all'),
  fromDay: fc.integer({ min: 0, max: DAYS - 1 }),
  length: fc.integer({ min: 1, max: 20 }),
  threshold: fc.constantFrom(0, 20, 60),
})

function rowOf(c: ContactSpec): ContactRow {
  // A key's arrival is fixed (a re-send is a later state of the same contact); its other fields change.
  const arrivedAtMs = T0 + c.day * DAY_MS + c.minuteOfDay * 60_000
  const firstResponseAtMs = c.answered ? arrivedAtMs + (c.waitSeconds ?? 0) * 1000 : null
  return {
    queue: c.queue, externalId: `k${c.key}-${c.day}-${c.minuteOfDay}`, arrivedAtMs, firstResponseAtMs,
    endedAtMs: firstResponseAtMs === null ? null : firstResponseAtMs + c.handleSeconds * 1000,
    waitSeconds: c.waitSeconds, handleSeconds: c.answered ? c.handleSeconds : null, outcome: c.answered ? 'answered' : 'abandoned',
    agent: c.answered ? c.agent : null, issueType: c.issueType, customerSegment: null, resolvedFirstContact: null, csatScore: c.csatScore, npsScore: c.npsScore, synthetic: false,
  }
}

const sortBy = <T>(list: T[]) => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
const normalised = (inputs: KpiInputs) => ({ ...inputs, waits: sortBy(inputs.waits), handles: sortBy(inputs.handles), groups: sortBy(inputs.groups) })
const dateKey = (day: number) => new Date(T0 + day * DAY_MS).toISOString().slice(0, 10)

describe('KPI day and week aggregates, kept across writes', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-kpi-days-'))
    db = await createDb('file:' + join(dir, 'days.db'))
    await migrateDb(db)
    await createQueue(db, { name: 'A', timeZone: 'Europe/London', openingHours: [...new Array(5).fill({ openMinute: 540, closeMinute: 1020 }), null, null] })
    await createQueue(db, { name: 'B', timeZone: 'America/New_York' })
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('equal the SQL aggregation of the raw contacts after random upserts, moves, requeues and deletes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(opArb, rangeArb), { minLength: 1, maxLength: 8 }), async (steps) => {
      for (const [op, range] of steps) {
        if (op.kind === 'upsert') await upsertContacts(db, op.rows.map(rowOf), { source: 'property test' })
        else if (op.kind === 'move') await db.client.execute({ sql: 'UPDATE OR IGNORE contacts SET arrived_at_ms = arrived_at_ms + ? WHERE id IN (SELECT id FROM contacts ORDER BY (id * 7919) % 101 LIMIT 3)', args: [op.hours * 3_600_000] })
        else if (op.kind === 'requeue') await db.client.execute('UPDATE OR IGNORE contacts SET queue_id = (SELECT id FROM queues WHERE id <> contacts.queue_id ORDER BY id LIMIT 1) WHERE id = (SELECT MAX(id) FROM contacts)')
        else await db.client.execute('DELETE FROM contacts WHERE batch_id = (SELECT MIN(batch_id) FROM contacts)')
        const resolved = await resolveKpiRequest(db, { queue: range.queue, from: dateKey(range.fromDay), to: dateKey(range.fromDay + range.length - 1), threshold: String(range.threshold) })
        if (!resolved.ok) continue // no contacts in that queue yet
        const fromSql = await loadKpiInputs(db, resolved.query)
        const fromDays = await loadKpiInputsFromColumns(db, resolved.query)
        expect(normalised(fromDays)).toEqual(normalised(fromSql))
      }
    }), { numRuns: 25 })
  }, 180_000)
})
