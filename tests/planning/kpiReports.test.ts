/**
 * KPI reports off the request thread, cached per request and per queue data version (src/planning/kpiReports.ts):
 * computed in the KPI worker on a database file, equal to the SQL reference path exactly (October 1999, PS: the
 * figures pinned by the independent computation in tests/db/kpis.test.ts); under a feed the page may get the last
 * report marked "updating" while the current one is computed; a feed into one queue leaves another's reports cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { loadKpiReport, resolveKpiRequest, type KpiQuery } from '../../src/db/kpis.ts'
import { kpiReportFor, stopKpiWorker } from '../../src/planning/kpiReports.ts'
import { ingestContacts } from '../../src/planning/ingestRows.ts'

const CSV = new URL('../../../shared/data/anon_bank_1999_contacts.csv', import.meta.url).pathname

describe('KPI reports', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-kpi-reports-'))
    db = await createDb('file:' + join(dir, 'kpi.db'))
    await migrateDb(db)
    await importFile(db, { kind: 'contacts', path: CSV, fileName: 'anon_bank_1999_contacts.csv', timeZone: 'Asia/Jerusalem' })
  }, 60_000)
  afterAll(async () => { await stopKpiWorker(); db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  async function queryOf(queue: string, from: string, to: string): Promise<KpiQuery> {
    const resolved = await resolveKpiRequest(db, { queue, from, to })
    if (!resolved.ok) throw new Error(resolved.message)
    return resolved.query
  }

  it('computes in the KPI worker the same report as the SQL reference path, exactly (October 1999, PS)', async () => {
    const query = await queryOf('PS', '1999-10-01', '1999-10-31')
    const result = await kpiReportFor(db, query)
    expect(result.updating).toBe(false)
    expect(result.report).toEqual(await loadKpiReport(db, query, { source: 'sql' }))
    expect([result.report.totals.offered, result.report.totals.abandoned]).toEqual([22158, 735])
  }, 60_000)

  it('under a feed, answers the page with the last report marked updating, then with the current one', async () => {
    const query = await queryOf('PS', '1999-03-01', '1999-03-31')
    const first = await kpiReportFor(db, query)
    const fed = await ingestContacts(db, [{ contactId: 'feed-1', queue: 'PS', arrivedAt: '1999-03-15T10:00:00' }, { contactId: 'feed-2', queue: 'PS', arrivedAt: '1999-03-15T10:01:00' }], { source: 'test' })
    expect(fed).toMatchObject({ status: 'written', created: 2 })
    const stale = await kpiReportFor(db, query, { allowStale: true })
    expect(stale).toMatchObject({ updating: true, asOfMs: first.asOfMs })
    expect(stale.report.totals.offered).toBe(first.report.totals.offered)
    // Without allowStale (CSV, API) the answer is for the current data.
    const current = await kpiReportFor(db, query)
    expect(current.updating).toBe(false)
    expect(current.report.totals.offered).toBe(first.report.totals.offered + 2)
    expect(current.report).toEqual(await loadKpiReport(db, query, { source: 'sql' }))
    expect(await kpiReportFor(db, query, { allowStale: true })).toMatchObject({ updating: false, asOfMs: current.asOfMs })
  }, 60_000)

  it('keeps the reports of a queue the feed does not touch', async () => {
    const nw = await queryOf('NW', '1999-06-01', '1999-06-30')
    const before = await kpiReportFor(db, nw)
    await ingestContacts(db, [{ contactId: 'feed-3', queue: 'PS', arrivedAt: '1999-06-15T10:00:00' }], { source: 'test' })
    const after = await kpiReportFor(db, nw, { allowStale: true })
    expect(after).toMatchObject({ updating: false, asOfMs: before.asOfMs })
    expect(after.report).toBe(before.report)
  }, 60_000)
})
