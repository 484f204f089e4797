/**
 * The running aggregates (migration 0017) always equal a recomputation from the contacts themselves, whatever
 * sequence of writes reached them: API upserts (new contacts and later states of the same ones, within one
 * quarter-hour and across), in-place updates (moving a contact's arrival or queue), deletes of a batch, and the
 * data version of a queue moves exactly when that queue's contacts change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { upsertContacts } from '../../src/db/rowUpserts.ts'
import { contactVersionsOf, listAllContactQuarterHours, recomputeContactQuarterHours } from '../../src/db/contactAggregates.ts'
import type { ContactRow } from '../../src/imports/contactRows.ts'

const T0 = Date.UTC(2026, 2, 29, 0, 0) // a DST change in Europe that night; the aggregates are on UTC quarter-hours

const contactArb = fc.record({
  queue: fc.constantFrom('A', 'B'),
  key: fc.integer({ min: 0, max: 12 }),
  arrivalQuarter: fc.integer({ min: 0, max: 3 }),
  answered: fc.boolean(),
  waitSeconds: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
  handleSeconds: fc.option(fc.double({ min: 1, max: 3600, noNaN: true }), { nil: null }),
  csatScore: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
  synthetic: fc.boolean(),
})

type ContactSpec = typeof contactArb extends fc.Arbitrary<infer T> ? T : never

type Op =
  | { kind: 'upsert'; rows: ContactSpec[] }
  | { kind: 'move'; seconds: number }
  | { kind: 'requeue' }
  | { kind: 'deleteBatch' }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('upsert' as const), rows: fc.array(contactArb, { minLength: 1, maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), seconds: fc.integer({ min: -1800, max: 1800 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('requeue' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteBatch' as const) }) },
)

function rowOf(c: ContactSpec): ContactRow {
  // The key's arrival is fixed per key (so a re-send is a later state); the quarter varies between keys.
  const arrivedAtMs = T0 + ((c.key * 7 + c.arrivalQuarter) % 4) * 900_000 + c.key * 61_000
  return {
    queue: c.queue, externalId: `c${c.key}`, arrivedAtMs, firstResponseAtMs: c.answered ? arrivedAtMs + 30_000 : null, endedAtMs: null,
    waitSeconds: c.waitSeconds, handleSeconds: c.answered ? c.handleSeconds : null, outcome: c.answered ? 'answered' : 'abandoned',
    agent: null, issueType: null, customerSegment: null, resolvedFirstContact: null, csatScore: c.csatScore, npsScore: null, synthetic: c.synthetic,
  }
}

describe('running contact aggregates', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-aggregates-'))
    db = await createDb('file:' + join(dir, 'agg.db'))
    await migrateDb(db)
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('equal a recomputation from the raw contacts after random upserts, updates and deletes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
      await db.client.execute('DELETE FROM contacts')
      for (const op of ops) {
        const before = await versions(), contentsBefore = await contents()
        if (op.kind === 'upsert') await upsertContacts(db, op.rows.map(rowOf), { source: 'property test' })
        else if (op.kind === 'move') await db.client.execute({ sql: 'UPDATE OR IGNORE contacts SET arrived_at_ms = arrived_at_ms + ? WHERE id = (SELECT MIN(id) FROM contacts)', args: [op.seconds * 1000] })
        else if (op.kind === 'requeue') await db.client.execute('UPDATE OR IGNORE contacts SET queue_id = (SELECT id FROM queues WHERE id <> contacts.queue_id ORDER BY id LIMIT 1) WHERE id = (SELECT MAX(id) FROM contacts)')
        else await db.client.execute('DELETE FROM contacts WHERE batch_id = (SELECT MAX(batch_id) FROM contacts)')
        const after = await versions(), contentsAfter = await contents()
        for (const name of ['A', 'B']) {
          expect(after.get(name)! > before.get(name)!, `version of ${name} moved after ${op.kind}`).toBe(contentsAfter.get(name) !== contentsBefore.get(name))
        }
      }
      const stored = await listAllContactQuarterHours(db)
      const recomputed = await recomputeContactQuarterHours(db)
      expect(stored.map(({ handleSumSeconds, ...rest }) => rest)).toEqual(recomputed.map(({ handleSumSeconds, ...rest }) => rest))
      // Handle times are fractional here: adding and subtracting them may leave a rounding residue in the last bits.
      stored.forEach((q, i) => expect(q.handleSumSeconds).toBeCloseTo(recomputed[i].handleSumSeconds, 6))
    }), { numRuns: 60, seed: 20261206 })

    async function versions(): Promise<Map<string, number>> {
      const ids = (await db.client.execute("SELECT id, name FROM queues WHERE name IN ('A', 'B')")).rows
      const v = await contactVersionsOf(db, ids.map((r) => Number(r.id)))
      return new Map(['A', 'B'].map((name) => { const row = ids.find((r) => r.name === name); return [name, row ? v.get(Number(row.id))! : 0] }))
    }
    /** Each queue's contacts, as text (what a version must follow). */
    async function contents(): Promise<Map<string, string>> {
      const r = await db.client.execute('SELECT q.name AS name, (SELECT json_group_array(json_array(c.id, c.arrived_at_ms, c.outcome, c.wait_seconds, c.handle_seconds, c.csat_score, c.synthetic)) FROM contacts c WHERE c.queue_id = q.id) AS rows FROM queues q')
      return new Map(r.rows.map((x) => [String(x.name), String(x.rows)]))
    }
  }, 120_000)

  beforeAll(async () => {
    // Both queues exist from the start, so a version can be compared before a queue's first contact.
    await upsertContacts(db, [rowOf({ queue: 'A', key: 0, arrivalQuarter: 0, answered: true, waitSeconds: 1, handleSeconds: 1, csatScore: null, synthetic: false }),
      rowOf({ queue: 'B', key: 0, arrivalQuarter: 0, answered: true, waitSeconds: 1, handleSeconds: 1, csatScore: null, synthetic: false })], { source: 'setup' })
  })

  it('are filled for contacts already stored when the migration runs', async () => {
    const fresh = await createDb('file:' + join(dir, 'backfill.db'))
    try {
      await migrateDb(fresh)
      await upsertContacts(fresh, [0, 1, 2, 3, 4, 5].map((key) => rowOf({ queue: 'A', key, arrivalQuarter: key, answered: key % 2 === 0, waitSeconds: 10 * key, handleSeconds: 100 + key, csatScore: key, synthetic: key > 3 })), { source: 'x' })
      const expected = await recomputeContactQuarterHours(fresh)
      // Forget the aggregates and run the migration's backfill statement again, as on a database that had contacts before 0017.
      await fresh.client.execute('DELETE FROM contact_quarter_hours')
      const { readFileSync } = await import('node:fs')
      const backfill = readFileSync(new URL('../../migrations/0017_running_aggregates.sql', import.meta.url), 'utf8').split('--> statement-breakpoint')
        .find((s) => s.includes('INSERT INTO `contact_quarter_hours` SELECT'))!
      await fresh.client.execute(backfill)
      expect(await listAllContactQuarterHours(fresh)).toEqual(expected)
      expect(expected.reduce((s, q) => s + q.contacts, 0)).toBe(6)
      expect(expected.reduce((s, q) => s + q.answered, 0)).toBe(3)
      expect(expected.reduce((s, q) => s + q.csatResponses, 0)).toBe(5) // scores 1–5 count; 0 is outside the scale
    } finally { fresh.client.close() }
  })
})
