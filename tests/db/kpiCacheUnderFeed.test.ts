/**
 * The KPI column cache under a live feed (big data): once the columns hold `bigCacheRows` contacts, a change does
 * not make the next page reload them; the previous columns answer while new ones load in the background, started
 * at most once per `staleForAtMostMs`, and the next request after that load sees the change. Small data (below the
 * threshold) reloads at once (tests/db/kpis.test.ts). The threshold is lowered here to the real bank file's size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { KPI_CACHE_TUNING, loadKpiInputsFromColumns, resolveKpiRequest } from '../../src/db/kpis.ts'
import { ingestContacts } from '../../src/planning/ingestRows.ts'

describe('KPI columns under a live feed', () => {
  let dir: string
  let db: Db
  const saved = { ...KPI_CACHE_TUNING }
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-kpi-feed-'))
    db = await createDb('file:' + join(dir, 'kpi.db'))
    await migrateDb(db)
    await importFile(db, { kind: 'contacts', path: new URL('../../../shared/data/anon_bank_1999_contacts.csv', import.meta.url).pathname, fileName: 'bank.csv', timeZone: 'Asia/Jerusalem' })
    Object.assign(KPI_CACHE_TUNING, { bigCacheRows: 10_000, staleForAtMostMs: 200 })
  }, 60_000)
  afterAll(() => { Object.assign(KPI_CACHE_TUNING, saved); db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('answers from the previous columns right after a feed, and from fresh ones once they have loaded in the background', async () => {
    const resolved = await resolveKpiRequest(db, { queue: 'PS', from: '1999-01-01', to: '1999-01-31' })
    if (!resolved.ok) throw new Error(resolved.message)
    const offered = async () => (await loadKpiInputsFromColumns(db, resolved.query)).groups.reduce((s, g) => s + g.totals.offered, 0)
    const before = await offered()
    const fed = await ingestContacts(db, [{ contactId: 'feed-1', queue: 'PS', arrivedAt: '1999-01-15T10:00:00' }, { contactId: 'feed-2', queue: 'PS', arrivedAt: '1999-01-15T10:01:00' }], { source: 'test' })
    expect(fed).toMatchObject({ status: 'written', created: 2 })
    await new Promise((r) => setTimeout(r, 250))
    expect(await offered()).toBe(before) // the previous columns answer; a background reload has started
    let after = before
    for (let i = 0; i < 100 && after === before; i++) { await new Promise((r) => setTimeout(r, 100)); after = await offered() }
    expect(after).toBe(before + 2)
  }, 60_000)
})
