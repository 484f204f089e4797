/**
 * KPI reports for the page, its CSVs and the API, computed off the request thread and cached per
 * (queues, range, threshold, zone) together with the data version of each of those queues (src/db/contactAggregates.ts):
 * a write into queue A leaves the reports of queue B as they are.
 *
 * Under a live feed the versions move every second and a report over a million contacts takes a second or more to
 * compute. The page may then be answered with the last report of the same request, marked with the time it was
 * computed and `updating: true` (the page says "as of HH:MM, updating"), while the new one is computed in the
 * background; the CSV export and the API wait for the current one.
 *
 * On a database file the report is computed in one long-lived worker thread, which keeps the contacts' columns
 * between requests (kpiWorker.ts); an in-memory database can only be read from its own thread.
 */
import { Worker } from 'node:worker_threads'
import type { Db } from '../db/client.ts'
import { loadKpiReport, resolveKpiRequest, type KpiQuery } from '../db/kpis.ts'
import { contactVersionsOf, countQueueContacts, sumLocalContactVolume, type LocalVolumeSums } from '../db/contactAggregates.ts'
import { SANE_MAX_MS, SANE_MIN_MS } from '../schemas/queryParams.ts'
import type { KpiReport } from '../kpis/report.ts'

export interface KpiReportResult {
  report: KpiReport
  /** When the report was computed (UTC ms). */
  asOfMs: number
  /** True when the contacts have changed since: a newer report is being computed. */
  updating: boolean
}

interface CachedReport { versions: string; report: KpiReport; asOfMs: number }
interface ReportCache { done: Map<string, CachedReport>; running: Map<string, { versions: string; promise: Promise<CachedReport> }> }

/** Reports kept per database (the most recently used; each is a few hundred kilobytes at most). */
const MAX_CACHED_REPORTS = 40
const caches = new WeakMap<Db, ReportCache>()
/** A report computation that takes longer than this is stopped (its worker is replaced). */
const TIME_LIMIT_MS = 120_000

function cacheOf(db: Db): ReportCache {
  let cache = caches.get(db)
  if (!cache) { cache = { done: new Map(), running: new Map() }; caches.set(db, cache) }
  return cache
}

function keyOf(query: KpiQuery): string {
  return JSON.stringify([query.queues.map((q) => [q.id, q.name, q.timeZone, q.openingHoursJson]), query.fromDateKey, query.toDateKey, query.thresholdSeconds, query.timeZone ?? null, query.scopeLabel])
}

/**
 * The KPI report of `query`. With `allowStale`, a report computed for older data is answered at once (marked
 * `updating`) while the current one is computed; otherwise the answer is always for the current data.
 */
export async function kpiReportFor(db: Db, query: KpiQuery, { allowStale = false }: { allowStale?: boolean } = {}): Promise<KpiReportResult> {
  const cache = cacheOf(db)
  const key = keyOf(query)
  const versionMap = await contactVersionsOf(db, query.queues.map((q) => q.id))
  const versions = [...versionMap.entries()].map(([id, v]) => `${id}:${v}`).join(',')
  const done = cache.done.get(key)
  if (done && done.versions === versions) return { report: done.report, asOfMs: done.asOfMs, updating: false }
  const running = computeOnce(db, cache, key, versions, query)
  if (done && allowStale) {
    running.catch(() => { /* the next request tries again and shows the error */ })
    return { report: done.report, asOfMs: done.asOfMs, updating: true }
  }
  const fresh = await running
  return { report: fresh.report, asOfMs: fresh.asOfMs, updating: fresh.versions !== versions }
}

/** Starts computing the report for `versions` unless it is being computed already (one computation per request key). */
function computeOnce(db: Db, cache: ReportCache, key: string, versions: string, query: KpiQuery): Promise<CachedReport> {
  const inFlight = cache.running.get(key)
  if (inFlight && inFlight.versions === versions) return inFlight.promise
  if (inFlight) return inFlight.promise.then(() => computeOnce(db, cache, key, versions, query), () => computeOnce(db, cache, key, versions, query))
  const promise = (async () => {
    const asOfMs = Date.now()
    const report = await computeReport(db, query)
    const entry = { versions, report, asOfMs }
    cache.done.delete(key)
    cache.done.set(key, entry)
    while (cache.done.size > MAX_CACHED_REPORTS) cache.done.delete(cache.done.keys().next().value!)
    return entry
  })().finally(() => { if (cache.running.get(key)?.promise === promise) cache.running.delete(key) })
  cache.running.set(key, { versions, promise })
  return promise
}

function isWorkerDatabase(db: Db): boolean {
  return db.url.startsWith('file:') && !db.url.includes(':memory:')
}

async function computeReport(db: Db, query: KpiQuery): Promise<KpiReport> {
  if (!isWorkerDatabase(db)) return loadKpiReport(db, query)
  return askWorker<KpiReport>({ url: db.url, query })
}

/**
 * A queue's contacts summed per local date and weekday × hour, and its contact count (the dashboard's volume):
 * read by the KPI worker on a database file, so the sums over a year of quarter-hours never hold up the request
 * thread (where a live feed's writes are parsed); in the calling thread on an in-memory database.
 */
export async function contactVolumeOf(db: Db, queueId: number, timeZone: string): Promise<{ sums: LocalVolumeSums; contactCount: { contacts: number; synthetic: number } }> {
  if (isWorkerDatabase(db)) return askWorker({ url: db.url, volume: { queueId, timeZone } })
  const [sums, contactCount] = await Promise.all([sumLocalContactVolume(db, queueId, timeZone, SANE_MIN_MS, SANE_MAX_MS), countQueueContacts(db, queueId)])
  return { sums, contactCount }
}

/**
 * Loads the columns of every queue with contacts in the background (after a start or an import), so the first KPI
 * page does not wait for them: the report of each queue's default range is computed and kept.
 */
export async function warmKpiReports(db: Db): Promise<void> {
  const resolved = await resolveKpiRequest(db, {})
  if (resolved.ok) await kpiReportFor(db, resolved.query)
}

// ---------------------------------------------------------------------------------------------------------------
// The one KPI worker of this process.

let worker: Worker | null = null
let ready: Promise<void> | null = null
let nextId = 0
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>()

function startWorker(): void {
  const w = new Worker(new URL('./kpiWorkerBootstrap.mjs', import.meta.url))
  w.unref()
  worker = w
  ready = new Promise<void>((resolve, reject) => {
    const onReady = (m: { type?: string }) => { if (m?.type === 'ready') { w.off('message', onReady); resolve() } }
    w.on('message', onReady)
    w.once('error', reject)
  })
  ready.catch(() => {})
  w.on('message', (m: { id?: number; type: string; result?: unknown; name?: string; message?: string }) => {
    if (m.id === undefined) return
    const p = pending.get(m.id)
    if (!p) return
    pending.delete(m.id)
    clearTimeout(p.timer)
    if (m.type === 'result') p.resolve(m.result)
    else p.reject(new (m.name === 'RangeError' ? RangeError : m.name === 'TypeError' ? TypeError : Error)(m.message ?? 'the KPI report failed'))
  })
  const failAll = (error: Error) => {
    if (worker === w) { worker = null; ready = null }
    for (const [id, p] of pending) { clearTimeout(p.timer); p.reject(error); pending.delete(id) }
  }
  w.on('error', (error) => failAll(error))
  w.on('exit', (code) => failAll(new Error(`the KPI worker stopped (exit code ${code}) before answering`)))
}

async function askWorker<T>(message: { url: string; query?: KpiQuery; volume?: { queueId: number; timeZone: string } }): Promise<T> {
  if (!worker) startWorker()
  const w = worker!
  await ready
  const id = ++nextId
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id)
      reject(new Error(`The KPI report took longer than ${TIME_LIMIT_MS / 1000} s and was stopped; choose a shorter range or fewer queues.`))
      if (worker === w) { worker = null; ready = null }
      void w.terminate()
    }, TIME_LIMIT_MS)
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
    w.postMessage({ id, ...message })
  })
}

/** Stops the KPI worker (tests, shutdown). */
export async function stopKpiWorker(): Promise<void> {
  const w = worker
  worker = null
  ready = null
  if (w) await w.terminate()
}
