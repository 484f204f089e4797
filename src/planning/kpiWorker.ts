/**
 * The KPI worker's side (started by kpiReports.ts through kpiWorkerBootstrap.mjs): one connection per database
 * file, opened on first use, whose column cache (src/db/kpis.ts) lives as long as the worker, so the columns of a
 * million contacts are loaded once and only a changed queue's are loaded again.
 */
import { createDb, type Db } from '../db/client.ts'
import { loadKpiReport, type KpiQuery } from '../db/kpis.ts'
import type { KpiReport } from '../kpis/report.ts'
import { countQueueContacts, sumLocalContactVolume, type LocalVolumeSums } from '../db/contactAggregates.ts'
import { SANE_MAX_MS, SANE_MIN_MS } from '../schemas/queryParams.ts'

const connections = new Map<string, Promise<Db>>()

/** The KPI report of `query` against the database at `url` (a `file:` URL), computed in this worker. */
export async function computeKpiReportInWorker(url: string, query: KpiQuery): Promise<KpiReport> {
  return loadKpiReport(await connectionOf(url), query)
}

function connectionOf(url: string): Promise<Db> {
  let db = connections.get(url)
  if (!db) { db = createDb(url); connections.set(url, db) }
  return db
}

/** A queue's contacts summed per local date and weekday × hour (the dashboard's volume), and its contact count. */
export async function computeContactVolumeInWorker(url: string, queueId: number, timeZone: string): Promise<{ sums: LocalVolumeSums; contactCount: { contacts: number; synthetic: number } }> {
  const db = await connectionOf(url)
  const [sums, contactCount] = await Promise.all([sumLocalContactVolume(db, queueId, timeZone, SANE_MIN_MS, SANE_MAX_MS), countQueueContacts(db, queueId)])
  return { sums, contactCount }
}
