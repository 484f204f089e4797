/**
 * The KPI report of a queue (or all queues) and date range, assembled from the aggregates the database layer
 * returns (value counts and totals; see src/db/kpis.ts). Pure: the same inputs give the same report.
 */
import { emptyTotals, sumTotals, type ContactTotals } from './contactTotals.ts'
import { binValueCounts, mergeValueCounts, type ValueCount } from './histogram.ts'
import { firstResponseTimes, type FirstResponseTimes } from './firstResponse.ts'
import { abandonmentRate } from './abandonment.ts'
import { resolutionRate } from './resolutionRate.ts'
import { csatOf, type Csat } from './csat.ts'
import { netPromoterScore, type Nps } from './nps.ts'
import { handleTimes, type HandleTimes } from './aht.ts'
import type { ChatConcurrency } from './concurrency.ts'
import { longChatRules, type LongChatRule } from './longChats.ts'
import { metricSetOf, type MetricSet } from './metricSet.ts'
import { NO_VALUE, segmentRows, type SegmentRow } from './segment.ts'
import { weekOnWeekBalanceWarnings, type BalanceWarning, type WeekMetrics } from './balance.ts'
import { csatByDuration, type CsatByDuration, type ScoredDuration } from './correlation.ts'
import { previousPeriodOf, trendRows, type TrendRow } from './trend.ts'
import { agentView, type AgentView } from './agentView.ts'
import type { DailyTotal, VolumePoint } from './volumeProfile.ts'
import { localVolumeBreakdown, peakHoursOfWeek, type PeakHour } from './volumeBreakdown.ts'
import type { Share } from './ratio.ts'

/** Contacts grouped by UTC quarter-hour of arrival. */
export interface QuarterHourVolume { startMs: number; offered: number; abandoned: number; handleSumSeconds: number }

/** Contacts by week, business hours or not, outcome, wait and survey score. */
export interface WaitCount { weekStartKey: string; businessHours: boolean; outcome: 'answered' | 'abandoned'; waitSeconds: number | null; csatScore: number | null; count: number }

/** Answered contacts by issue type, handle time and survey score. */
export interface HandleCount { issueType: string | null; handleSeconds: number; csatScore: number | null; count: number }

/** Totals per week, queue, issue type, customer segment and agent. */
export interface TotalsGroup { weekStartKey: string; queueName: string; issueType: string | null; customerSegment: string | null; agent: string | null; totals: ContactTotals }

export interface LongChat { id: number; externalId: string | null; queueName: string; issueType: string; agent: string | null; arrivedAtMs: number; handleSeconds: number; thresholdSeconds: number }

export interface KpiInputs {
  /** "PS" or "all queues". */
  scopeLabel: string
  queueNames: string[]
  timeZone: string
  fromDateKey: string
  toDateKey: string
  thresholdSeconds: number
  /** False when every queue in scope is open around the clock (business hours = all hours). */
  openingHoursSet: boolean
  quarterHours: QuarterHourVolume[]
  waits: WaitCount[]
  handles: HandleCount[]
  groups: TotalsGroup[]
  concurrency: ChatConcurrency
  longChats: LongChat[]
  /** How many chats exceed their issue type's threshold (the list may be cut short). */
  longChatCount: number
  previous: { fromDateKey: string; toDateKey: string; totals: ContactTotals; answeredWaits: ValueCount[] }
}

export interface KpiReport {
  scope: { label: string; queueNames: string[]; timeZone: string; fromDateKey: string; toDateKey: string; days: number; thresholdSeconds: number; openingHoursSet: boolean }
  totals: ContactTotals
  metrics: MetricSet
  firstResponse: { allHours: FirstResponseTimes; businessHours: FirstResponseTimes; outsideBusinessHours: FirstResponseTimes }
  abandonment: Share
  resolution: Share
  csat: Csat
  nps: Nps
  handle: HandleTimes
  concurrency: ChatConcurrency
  /** Total handle time ÷ range length: mean chats being handled at any moment. */
  workloadErlangs: number
  volume: { daily: DailyTotal[]; hourOfWeek: number[][]; hourOfDay: number[]; weekday: number[]; monthly: { monthKey: string; offered: number }[]; peaks: PeakHour[] }
  /** Weekly balanced sets, all weeks touching the range; `whole` when the week lies inside it. */
  weeks: (WeekMetrics & { whole: boolean })[]
  balanceWarnings: BalanceWarning[]
  trend: { fromDateKey: string; toDateKey: string; rows: TrendRow[] }
  segments: { queue: SegmentRow[]; issueType: SegmentRow[]; customerSegment: SegmentRow[] }
  agents: AgentView
  longChats: { rules: LongChatRule[]; chats: LongChat[]; flagged: number }
  correlation: { byHandle: CsatByDuration; byWait: CsatByDuration }
  /** Contacts per bin of wait (answered) and handle time; bins start at the edges, the last is open-ended. */
  distributions: { waitEdgesSeconds: number[]; answeredByWait: number[]; handleEdgesSeconds: number[]; handledByHandleTime: number[] }
}

export const WAIT_BIN_EDGES_SECONDS = [0, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600]
export const HANDLE_BIN_EDGES_SECONDS = [0, 60, 120, 180, 240, 300, 420, 600, 900, 1200, 1800]

const DAY_MS = 86_400_000

function daysInRange(fromDateKey: string, toDateKey: string): number {
  return Math.round((Date.parse(toDateKey + 'T00:00:00Z') - Date.parse(fromDateKey + 'T00:00:00Z')) / DAY_MS) + 1
}

function addDays(dateKey: string, days: number): string {
  return new Date(Date.parse(dateKey + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10)
}

function answeredWaitCounts(waits: readonly WaitCount[], keep: (w: WaitCount) => boolean = () => true): ValueCount[] {
  return mergeValueCounts(waits.filter((w) => w.outcome === 'answered' && w.waitSeconds !== null && keep(w)).map((w) => ({ value: w.waitSeconds!, count: w.count })))
}

function offeredOf(waits: readonly WaitCount[], keep: (w: WaitCount) => boolean): number {
  return waits.reduce((s, w) => s + (keep(w) ? w.count : 0), 0)
}

function firstResponseOf(waits: readonly WaitCount[], thresholdSeconds: number, keep: (w: WaitCount) => boolean): FirstResponseTimes {
  return firstResponseTimes(answeredWaitCounts(waits, keep), { offered: offeredOf(waits, keep), thresholdSeconds })
}

function weeklyMetrics(inputs: KpiInputs): (WeekMetrics & { whole: boolean })[] {
  const byWeek = new Map<string, ContactTotals[]>()
  for (const g of inputs.groups) {
    const list = byWeek.get(g.weekStartKey)
    if (list) list.push(g.totals)
    else byWeek.set(g.weekStartKey, [g.totals])
  }
  // The waits split by week once (not filtered again for every week).
  const waitsByWeek = new Map<string, WaitCount[]>()
  for (const w of inputs.waits) {
    const list = waitsByWeek.get(w.weekStartKey)
    if (list) list.push(w)
    else waitsByWeek.set(w.weekStartKey, [w])
  }
  return [...byWeek.keys()].sort().map((weekStartKey) => ({
    weekStartKey,
    metrics: metricSetOf(sumTotals(byWeek.get(weekStartKey)!)),
    medianWaitSeconds: firstResponseOf(waitsByWeek.get(weekStartKey) ?? [], inputs.thresholdSeconds, () => true).medianSeconds,
    whole: weekStartKey >= inputs.fromDateKey && addDays(weekStartKey, 6) <= inputs.toDateKey,
  }))
}

function describeMetric(key: string, value: number): string {
  if (key === 'ahtMeanSeconds' || key === 'medianWaitSeconds') return `${Math.round(value)} s`
  return `${(value * 100).toFixed(1)}%`
}

/** @throws RangeError when the inputs are inconsistent (e.g. a negative count) */
export function buildKpiReport(inputs: KpiInputs): KpiReport {
  const { thresholdSeconds, timeZone } = inputs
  const totals = inputs.groups.length ? sumTotals(inputs.groups.map((g) => g.totals)) : emptyTotals()
  const points: VolumePoint[] = inputs.quarterHours.map((q) => ({ startMs: q.startMs, offered: q.offered }))
  // Each quarter-hour converted to local time once for all the volume views.
  const local = localVolumeBreakdown(points, timeZone)
  const hourOfWeek = local.hourOfWeek
  const handleByIssue = new Map<string, ValueCount[]>()
  for (const h of inputs.handles) {
    const key = h.issueType || NO_VALUE
    const list = handleByIssue.get(key) ?? []
    list.push({ value: h.handleSeconds, count: h.count })
    handleByIssue.set(key, list)
  }
  const weeks = weeklyMetrics(inputs)
  const allHandles = mergeValueCounts(inputs.handles.map((h) => ({ value: h.handleSeconds, count: h.count })))
  const days = daysInRange(inputs.fromDateKey, inputs.toDateKey)
  const handleSum = inputs.quarterHours.reduce((s, q) => s + q.handleSumSeconds, 0)
  const previousMetrics = metricSetOf(inputs.previous.totals)
  const allHours = firstResponseOf(inputs.waits, thresholdSeconds, () => true)
  const current = { metrics: metricSetOf(totals), medianWaitSeconds: allHours.medianSeconds }
  const previous = { metrics: previousMetrics, medianWaitSeconds: firstResponseTimes(inputs.previous.answeredWaits, { offered: inputs.previous.totals.offered, thresholdSeconds }).medianSeconds }
  return {
    scope: { label: inputs.scopeLabel, queueNames: inputs.queueNames, timeZone, fromDateKey: inputs.fromDateKey, toDateKey: inputs.toDateKey, days, thresholdSeconds, openingHoursSet: inputs.openingHoursSet },
    totals,
    metrics: current.metrics,
    firstResponse: {
      allHours,
      businessHours: firstResponseOf(inputs.waits, thresholdSeconds, (w) => w.businessHours),
      outsideBusinessHours: firstResponseOf(inputs.waits, thresholdSeconds, (w) => !w.businessHours),
    },
    abandonment: abandonmentRate(totals),
    resolution: resolutionRate(totals),
    csat: csatOf(totals),
    nps: netPromoterScore(totals),
    handle: handleTimes(allHandles),
    concurrency: inputs.concurrency,
    workloadErlangs: handleSum / (days * 86_400),
    volume: {
      daily: local.daily,
      hourOfWeek,
      hourOfDay: local.hourOfDay,
      weekday: local.weekday,
      monthly: local.monthly,
      peaks: peakHoursOfWeek(hourOfWeek, 3),
    },
    weeks,
    balanceWarnings: weekOnWeekBalanceWarnings(weeks.filter((w) => w.whole), describeMetric),
    trend: { ...previousPeriodOf(inputs.fromDateKey, inputs.toDateKey), rows: trendRows(current, previous) },
    segments: {
      queue: segmentRows(inputs.groups, 'queue', (g) => g.queueName),
      issueType: segmentRows(inputs.groups, 'issue type', (g) => g.issueType),
      customerSegment: segmentRows(inputs.groups, 'customer segment', (g) => g.customerSegment),
    },
    agents: agentView(inputs.groups, inputs.concurrency.agents),
    longChats: { rules: longChatRules(handleByIssue), chats: inputs.longChats, flagged: inputs.longChatCount },
    correlation: {
      byHandle: csatByDuration(inputs.handles.filter((h) => h.csatScore !== null).map((h) => ({ durationSeconds: h.handleSeconds, csatScore: h.csatScore!, count: h.count }))),
      byWait: csatByDuration(inputs.waits.filter((w) => w.outcome === 'answered' && w.csatScore !== null && w.waitSeconds !== null).map((w) => ({ durationSeconds: w.waitSeconds!, csatScore: w.csatScore!, count: w.count }))),
    },
    distributions: {
      waitEdgesSeconds: WAIT_BIN_EDGES_SECONDS,
      answeredByWait: binValueCounts(answeredWaitCounts(inputs.waits), WAIT_BIN_EDGES_SECONDS),
      handleEdgesSeconds: HANDLE_BIN_EDGES_SECONDS,
      handledByHandleTime: binValueCounts(allHandles, HANDLE_BIN_EDGES_SECONDS),
    },
  }
}
