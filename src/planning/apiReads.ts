/**
 * What the API reads, composed from the same planning functions and stores as the pages and the command line:
 * the staffing plan is `planQueueStaffing` (the `plan` command and the staffing page), flags are `flagsForQueue`
 * (the events page and `chatplan flags`), KPIs are `resolveKpiRequest` + `loadKpiReport` (`chatplan kpis`), a
 * schedule's coverage is `scheduleCoverage` (the schedule page). No figure is computed here: only picked and paged.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { findQueueById, listQueues } from '../db/queues.ts'
import { latestPublishedSnapshot, listSnapshotIntervals, listSnapshots } from '../db/forecasts.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import { findSchedule, listSchedules } from '../db/schedules.ts'
import { resolveKpiRequest } from '../db/kpis.ts'
import { kpiReportFor } from './kpiReports.ts'
import { summaryRows } from '../kpis/tables.ts'
import { DEFAULT_STAFFING_SETTINGS, assertPlanRange, localIsoWithOffset, planQueueStaffing, staffingPlanCsv } from './staffingPlan.ts'
import { comingWeeks, flagsForQueue } from './eventForecast.ts'
import { scheduleCoverage } from './schedulePlan.ts'
import { nextDateKey, startOfLocalDayUtcMs } from '../time/zones.ts'

/** A read that cannot be answered as asked (unknown id, bad range): its status and message. */
export class ApiReadError extends Error {
  constructor(readonly status: 400 | 404 | 422, message: string) { super(message) }
}

export interface Page<T> { items: T[]; total: number; offset: number; limit: number; nextOffset: number | null }

/** At most `limit` items from `offset` (the API pages everything that can be long). */
export function pageOf<T>(all: readonly T[], offset: number, limit: number): Page<T> {
  const items = all.slice(offset, offset + limit)
  return { items, total: all.length, offset, limit, nextOffset: offset + items.length < all.length ? offset + items.length : null }
}

async function queueOf(db: Db, id: number): Promise<Queue> {
  const queue = await findQueueById(db, id)
  if (!queue) throw new ApiReadError(404, `There is no queue ${id}: GET /api/v1/queues lists them.`)
  return queue
}

export async function apiQueues(db: Db) {
  return (await listQueues(db)).map((q) => ({ id: q.id, name: q.name, timeZone: q.timeZone, intervalMinutes: q.intervalMinutes }))
}

function checkedRange(from: string | undefined, to: string | undefined): { fromDateKey: string; toDateKey: string } | null {
  if (from === undefined && to === undefined) return null
  if (from === undefined || to === undefined) throw new ApiReadError(400, 'Give both from and to (YYYY-MM-DD), or neither.')
  try { assertPlanRange(from, to) } catch (error) { throw new ApiReadError(400, (error as Error).message) }
  return { fromDateKey: from, toDateKey: to }
}

/** The published forecast of a queue, else its latest, for local dates from–to (default: the whole snapshot). */
export async function apiForecast(db: Db, queueId: number, range: { from?: string; to?: string }) {
  const queue = await queueOf(db, queueId)
  const snapshot = (await latestPublishedSnapshot(db, queue.id)) ?? (await listSnapshots(db, { queueId: queue.id, limit: 1 }))[0]
  if (!snapshot) throw new ApiReadError(404, `Queue '${queue.name}' has no stored forecast: run one on the Forecasts page.`)
  const dates = checkedRange(range.from, range.to)
  const fromMs = dates ? startOfLocalDayUtcMs(dates.fromDateKey, queue.timeZone) : undefined
  const toMs = dates ? startOfLocalDayUtcMs(nextDateKey(dates.toDateKey), queue.timeZone) : undefined
  const intervals = await listSnapshotIntervals(db, snapshot.id, fromMs, toMs)
  return {
    queue: { id: queue.id, name: queue.name, timeZone: queue.timeZone },
    snapshot: { id: snapshot.id, name: snapshot.name, model: snapshot.model, ahtModel: snapshot.ahtModel, published: snapshot.published, createdAt: new Date(snapshot.createdAtMs).toISOString(), fromDate: snapshot.fromDateKey, toDate: snapshot.toDateKey, intervalMinutes: snapshot.intervalMinutes },
    intervals: intervals.map((i) => ({
      intervalStart: localIsoWithOffset(i.intervalStartMs, queue.timeZone), volume: i.mean, volumeLo80: i.lo80, volumeHi80: i.hi80, volumeLo95: i.lo95, volumeHi95: i.hi95,
      ahtSeconds: i.ahtMeanSeconds, ahtLo80Seconds: i.ahtLo80Seconds, ahtHi80Seconds: i.ahtHi80Seconds,
    })),
  }
}

async function rangeOrComingWeeks(db: Db, queue: Queue, range: { from?: string; to?: string }) {
  const dates = checkedRange(range.from, range.to) ?? await comingWeeks(db, queue)
  if (!dates) throw new ApiReadError(422, `Queue '${queue.name}' has no history to forecast from: send contacts or intervals first.`)
  return dates
}

/** The staffing plan (the columns of `chatplan plan`), as rows and as the CSV of the staffing page's export. */
export async function apiStaffingPlan(db: Db, queueId: number, range: { from?: string; to?: string }) {
  const queue = await queueOf(db, queueId)
  const dates = await rangeOrComingWeeks(db, queue, range)
  const saved = await findStaffingSettings(db, queue.id)
  const { plan } = await planQueueStaffing(db, queue, saved ?? DEFAULT_STAFFING_SETTINGS, { ...dates, inWorker: true })
  const rows = plan.intervals.map((i) => ({
    intervalStart: localIsoWithOffset(i.startMs, plan.timeZone), queue: plan.queueName, forecastVolume: i.volume, forecastAhtSeconds: i.ahtSeconds,
    workloadErlangs: i.workloadErlangs, agentsRequired: i.agentsRequired, agentsScheduled: i.agentsScheduled,
    expectedServiceLevel: i.expectedServiceLevel, expectedAsaSeconds: Number.isFinite(i.expectedAsaSeconds) ? i.expectedAsaSeconds : null,
  }))
  return { queue: { id: queue.id, name: queue.name, timeZone: queue.timeZone }, fromDate: dates.fromDateKey, toDate: dates.toDateKey, settings: saved ? 'saved' : 'default', volumeModel: plan.volumeModel,
    // The calendar per date behind the zeros: dates closed or shortened (local minutes of the day while open).
    dateHours: (plan.dateHours ?? []).map((d) => ({ date: d.dateKey, closed: d.closed, ...(d.closed ? {} : { openMinute: d.openMinute, closeMinute: d.closeMinute }), reason: d.reason })),
    rows, csv: () => staffingPlanCsv(plan) }
}

export async function apiSchedules(db: Db, queueId: number) {
  const queue = await queueOf(db, queueId)
  return (await listSchedules(db, queue.id)).map((s) => ({
    id: s.id, fromDate: s.fromDateKey, toDate: s.toDateKey, status: s.status, createdAt: new Date(s.createdAtMs).toISOString(),
    publishedAt: s.publishedAtMs === null ? null : new Date(s.publishedAtMs).toISOString(), paidAgentHours: s.current.paidAgentHours, shiftCost: s.current.shiftCost, version: s.version,
  }))
}

/** A schedule with its shifts and its coverage per interval (the schedule page's figures). */
export async function apiSchedule(db: Db, id: number) {
  const record = await findSchedule(db, id)
  if (!record) throw new ApiReadError(404, `There is no schedule ${id}.`)
  const coverage = scheduleCoverage(record.snapshot, record.schedule)
  const zone = record.snapshot.timeZone
  return {
    id: record.id, queueId: record.queueId, fromDate: record.fromDateKey, toDate: record.toDateKey, status: record.status, version: record.version,
    paidAgentHours: record.current.paidAgentHours, shiftCost: record.current.shiftCost,
    shifts: record.schedule.shifts.map((s) => ({ templateName: s.templateName, startLocal: s.start, lengthMinutes: s.lengthMinutes, paidMinutes: s.paidMinutes, count: s.count })),
    assignments: record.assignments?.flatMap((a) => a.schedule.shifts.map((s) => ({ agent: a.agent, templateName: s.templateName, startLocal: s.start, lengthMinutes: s.lengthMinutes }))) ?? null,
    coverage: coverage.rows.map((r) => ({ intervalStart: localIsoWithOffset(r.startMs, zone), agentsRequired: r.agentsRequired, agentsScheduled: r.agentsScheduled, serviceLevel: r.serviceLevel })),
  }
}

/** The intervals where the need with events exceeds the cover planned (`chatplan flags`). */
export async function apiFlags(db: Db, queueId: number, range: { from?: string; to?: string }) {
  const queue = await queueOf(db, queueId)
  const dates = await rangeOrComingWeeks(db, queue, range)
  const result = await flagsForQueue(db, queue, { ...dates, inWorker: true })
  return { queue: { id: queue.id, name: queue.name, timeZone: queue.timeZone }, fromDate: dates.fromDateKey, toDate: dates.toDateKey, coverSource: result.coverSource, flags: result.flags, eventNames: Object.fromEntries(result.eventNames) }
}

/** The KPI report of a queue (`chatplan kpis --format json`). */
export async function apiKpis(db: Db, queueId: number, range: { from?: string; to?: string; threshold?: string }) {
  const queue = await queueOf(db, queueId)
  const resolved = await resolveKpiRequest(db, { queue: String(queue.id), from: range.from, to: range.to, threshold: range.threshold })
  if (!resolved.ok) throw new ApiReadError(resolved.kpiQueues.length ? 400 : 404, resolved.message)
  const { report } = await kpiReportFor(db, resolved.query)
  return { scope: report.scope, summary: summaryRows(report), report }
}
