/**
 * The contacts upsert binds a column that has the same value in every row of a request once, and reads only the
 * varying columns out of each row's JSON (src/db/rowUpserts.ts). Whatever the shape of a request, the stored
 * contacts, their SQL types and the counts are the same as when each row is sent alone.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createDb, closeDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { upsertContacts } from '../../src/db/rowUpserts.ts'
import type { ContactRow } from '../../src/imports/contactRows.ts'

const T0 = Date.UTC(2026, 0, 5, 9)

const rowArb: fc.Arbitrary<ContactRow> = fc.record({
  queue: fc.constantFrom('Support', 'Billing'),
  key: fc.integer({ min: 0, max: 6 }),
  answered: fc.boolean(),
  waitSeconds: fc.option(fc.constantFrom(0, 20, 20.5, 604_800), { nil: null }),
  handleSeconds: fc.option(fc.constantFrom(1, 180, 93.25), { nil: null }),
  agent: fc.option(fc.constantFrom('agent 1', "O'Brien", 'ünï "q"'), { nil: null }),
  issueType: fc.option(fc.constantFrom('login', 'refund'), { nil: null }),
  resolvedFirstContact: fc.option(fc.boolean(), { nil: null }),
  csatScore: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  npsScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  synthetic: fc.boolean(),
}).map((c) => {
  const arrivedAtMs = T0 + c.key * 61_000
  return {
    queue: c.queue, externalId: `c${c.key}`, arrivedAtMs, firstResponseAtMs: c.answered ? arrivedAtMs + 20_000 : null, endedAtMs: arrivedAtMs + 300_000,
    waitSeconds: c.waitSeconds, handleSeconds: c.answered ? c.handleSeconds : null, outcome: c.answered ? 'answered' : 'abandoned',
    agent: c.agent, issueType: c.issueType, customerSegment: null, resolvedFirstContact: c.resolvedFirstContact, csatScore: c.csatScore, npsScore: c.npsScore, synthetic: c.synthetic,
  } satisfies ContactRow
})

async function storedContacts(db: Db): Promise<unknown[]> {
  const r = await db.client.execute(`SELECT q.name, c.external_id, c.arrived_at_ms, c.first_response_at_ms, c.ended_at_ms, c.wait_seconds, typeof(c.wait_seconds) AS wt,
      c.handle_seconds, typeof(c.handle_seconds) AS ht, c.outcome, c.agent, c.issue_type, c.customer_segment, c.resolved_first_contact, c.csat_score, c.nps_score, c.synthetic,
      typeof(c.arrived_at_ms) AS at, typeof(c.csat_score) AS ct
    FROM contacts c JOIN queues q ON q.id = c.queue_id ORDER BY q.name, c.external_id`)
  return r.rows.map((row) => ({ ...row }))
}

describe('upsertContacts', () => {
  it('stores the same contacts and counts whether a request binds its constant columns or sends every row alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(rowArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), async (requests) => {
        const together = await createDb(':memory:')
        const alone = await createDb(':memory:')
        try {
          await migrateDb(together)
          await migrateDb(alone)
          for (const rows of requests) {
            const counts = await upsertContacts(together, rows, { source: 'test' })
            // Alone: the same request, row by row (every column is constant in a one-row request); the later row wins.
            let created = 0, updated = 0
            const last = new Map(rows.map((r, i) => [`${r.queue}/${r.externalId}`, i]))
            for (const [i, r] of rows.entries()) {
              if (last.get(`${r.queue}/${r.externalId}`) !== i) continue
              const one = await upsertContacts(alone, [r], { source: 'test' })
              created += one.created
              updated += one.updated
            }
            expect({ created: counts.created, updated: counts.updated }).toEqual({ created, updated })
          }
          expect(await storedContacts(together)).toEqual(await storedContacts(alone))
        } finally {
          closeDb(together)
          closeDb(alone)
        }
      }),
      { seed: 12, numRuns: 60 },
    )
  })

  it('reads a feed batch whose queue, survey fields and synthetic flag are the same in every row', async () => {
    const db = await createDb(':memory:')
    await migrateDb(db)
    const rows: ContactRow[] = Array.from({ length: 300 }, (_, i) => ({
      queue: 'Support', externalId: `feed-${i}`, arrivedAtMs: T0 + i * 1000, firstResponseAtMs: T0 + i * 1000 + 20_000, endedAtMs: T0 + i * 1000 + (140 + (i % 600)) * 1000,
      waitSeconds: 20, handleSeconds: 120 + (i % 600), outcome: 'answered', agent: `agent 3-${1 + (i % 20)}`, issueType: null, customerSegment: null,
      resolvedFirstContact: null, csatScore: null, npsScore: null, synthetic: false,
    }))
    expect(await upsertContacts(db, rows, { source: 'test' })).toMatchObject({ created: 300, updated: 0, unchanged: 0 })
    expect(await upsertContacts(db, rows, { source: 'test' })).toMatchObject({ created: 0, updated: 0, unchanged: 300 })
    const r = await db.client.execute("SELECT COUNT(*) AS n, SUM(handle_seconds) AS h, MIN(agent) AS a, COUNT(DISTINCT queue_id) AS q, typeof(MAX(wait_seconds)) AS wt FROM contacts")
    expect({ ...r.rows[0] }).toEqual({ n: 300, h: 300 * 120 + (299 * 300) / 2, a: 'agent 3-1', q: 1, wt: 'real' })
    closeDb(db)
  })
})

describe('a later row that says nothing of how the chat went', () => {
  it('keeps an answered chat answered (a CSAT arriving after the chat), and a later end still updates it', async () => {
    const db = await createDb(':memory:')
    await migrateDb(db)
    const base = { queue: 'Support', externalId: 'k2', arrivedAtMs: T0, agent: null, issueType: null, customerSegment: null, resolvedFirstContact: null, npsScore: null, synthetic: false } as const
    await upsertContacts(db, [{ ...base, firstResponseAtMs: T0 + 30_000, endedAtMs: T0 + 300_000, waitSeconds: 30, handleSeconds: 270, outcome: 'answered', csatScore: null }], { source: 'test' })
    // what the CSV import and the API make of `contact_id,arrived_at,csat`: no times, outcome derived 'abandoned'
    await upsertContacts(db, [{ ...base, firstResponseAtMs: null, endedAtMs: null, waitSeconds: null, handleSeconds: null, outcome: 'abandoned', csatScore: 5 }], { source: 'test' })
    const row = async () => (await db.client.execute('SELECT outcome, wait_seconds, handle_seconds, csat_score FROM contacts')).rows.map((r) => ({ ...r }))
    expect(await row()).toEqual([{ outcome: 'answered', wait_seconds: 30, handle_seconds: 270, csat_score: 5 }])
    // a chat first sent while waiting (derived abandoned) becomes answered when its first response arrives
    await upsertContacts(db, [{ ...base, externalId: 'k3', firstResponseAtMs: null, endedAtMs: null, waitSeconds: null, handleSeconds: null, outcome: 'abandoned', csatScore: null }], { source: 'test' })
    await upsertContacts(db, [{ ...base, externalId: 'k3', firstResponseAtMs: T0 + 10_000, endedAtMs: null, waitSeconds: 10, handleSeconds: null, outcome: 'answered', csatScore: null }], { source: 'test' })
    // and one that ended without a response is abandoned
    await upsertContacts(db, [{ ...base, externalId: 'k4', firstResponseAtMs: null, endedAtMs: T0 + 90_000, waitSeconds: 90, handleSeconds: null, outcome: 'abandoned', csatScore: null }], { source: 'test' })
    expect((await db.client.execute('SELECT external_id, outcome FROM contacts ORDER BY external_id')).rows.map((r) => [r.external_id, r.outcome])).toEqual([['k2', 'answered'], ['k3', 'answered'], ['k4', 'abandoned']])
    closeDb(db)
  })
})
