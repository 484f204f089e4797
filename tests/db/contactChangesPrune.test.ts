/**
 * The contacts' change log (migration 0017) is pruned to its last CONTACT_CHANGES_KEPT entries once it holds a fifth
 * more: in one statement inside an API upsert, and in bounded steps after an import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { CONTACT_CHANGES_KEPT, contactChangesSince, pruneContactChanges, pruneContactChangesInSteps } from '../../src/db/contactAggregates.ts'

let dir: string
let db: Db
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-changes-'))
  db = await createDb('file:' + join(dir, 'changes.db'))
  await migrateDb(db)
})
afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

/** Empties the log and writes entries 1..n (queue 1, contact id = seq). */
async function logOf(n: number): Promise<void> {
  await db.client.execute('DELETE FROM contact_changes')
  await db.client.execute({ sql: 'WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?) INSERT INTO contact_changes (seq, queue_id, contact_id) SELECT i, 1, i FROM s', args: [n] })
}
async function span(): Promise<{ lo: number; hi: number; n: number }> {
  const r = await db.client.execute('SELECT MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM contact_changes')
  return { lo: Number(r.rows[0].lo), hi: Number(r.rows[0].hi), n: Number(r.rows[0].n) }
}

describe('pruning the change log', () => {
  it('leaves a log up to a fifth over the kept size alone, either way', async () => {
    const n = CONTACT_CHANGES_KEPT * 1.2
    await logOf(n)
    await pruneContactChanges(db.client)
    await pruneContactChangesInSteps(db.client)
    expect(await span()).toEqual({ lo: 1, hi: n, n })
  }, 60_000)

  it('cuts an overdue log to the last kept entries, in one statement or in steps, to the same place', async () => {
    const n = 1_600_000
    await logOf(n)
    await pruneContactChanges(db.client)
    const once = await span()
    await logOf(n)
    await pruneContactChangesInSteps(db.client)
    const inSteps = await span()
    expect(once).toEqual({ lo: n - CONTACT_CHANGES_KEPT + 1, hi: n, n: CONTACT_CHANGES_KEPT })
    expect(inSteps).toEqual(once)
    // A reader that had seen entries now pruned reloads (null); one within the kept entries gets the rest.
    expect(await contactChangesSince(db, 1, 10)).toBeNull()
    expect((await contactChangesSince(db, 1, n - 5))!.contactIds.sort((a, b) => a - b)).toEqual([n - 4, n - 3, n - 2, n - 1, n])
  }, 60_000)
})
