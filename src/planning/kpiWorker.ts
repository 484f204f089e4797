/**
 * The KPI worker's side (started by kpiReports.ts through kpiWorkerBootstrap.mjs): one connection per database
 * file, opened on first use, whose column cache (src/db/kpis.ts) lives as long as the worker, so the columns of a
 * million contacts are loaded once and only a changed queue's are loaded again.
 */
import { createDb, type Db } from '../db/client.ts'
import { loadKpiReport, type KpiQuery } from '../db/kpis.ts'
import type { KpiReport } from '../kpis/report.ts'

const connections = new Map<string, Promise<Db>>()

/** The KPI report of `query` against the database at `url` (a `file:` URL), computed in this worker. */
export async function computeKpiReportInWorker(url: string, query: KpiQuery): Promise<KpiReport> {
  let db = connections.get(url)
  if (!db) { db = createDb(url); connections.set(url, db) }
  return loadKpiReport(await db, query)
}
