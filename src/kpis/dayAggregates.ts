/**
 * Per-day KPI aggregates: for one queue and one local day (in a given zone, SLA threshold and opening hours), every
 * count, sum and exact value count the KPI report needs — arrivals per UTC quarter-hour, waits by business hours ×
 * outcome × survey score, handle times by issue type × survey score, totals by issue type × segment × agent, and
 * the agents' held spans. A range's report is the sum of its days' aggregates (combineDayAggregates): the figures
 * are exactly those of the range's contacts (value counts at the data's own resolution, so medians and percentiles
 * are exact, not binned), and a day is aggregated once, then again only when one of its contacts changes.
 *
 * Pure: takes contact columns (contactColumns.ts) and returns plain typed arrays.
 */
import { agentConcurrencyOfSweep, concurrencyOfAgents, sweepSortedMs, type AgentConcurrency, type ChatConcurrency } from './concurrency.ts'
import type { ContactColumns, OffsetSegments } from './contactColumns.ts'
import type { HandleCount, QuarterHourVolume, TotalsGroup, WaitCount } from './report.ts'
import type { ValueCount } from './histogram.ts'
import { emptyTotals, type ContactTotals } from './contactTotals.ts'

const DAY_MS = 86_400_000
const QUARTER_MS = 900_000
/** Fields of a totals accumulator (Float64Array of TOTALS_WIDTH), in ContactTotals order. */
const T = { offered: 0, answered: 1, abandoned: 2, within: 3, waitSum: 4, handled: 5, handleSum: 6, resolved: 7, known: 8, csatN: 9, csatSat: 10, csatSum: 11, npsN: 12, npsPro: 13, npsDet: 14, synthetic: 15 }
export const TOTALS_WIDTH = 16

/** Opening minutes per ISO weekday index (0 = Monday), null = closed; null as a whole for always open. */
export type OpeningMinutes = ({ openMinute: number; closeMinute: number } | null)[] | null

export interface DayAggregateOptions { thresholdSeconds: number; offsets: OffsetSegments; hours: OpeningMinutes }

/** One queue's contacts of one local day. Codes are the columns' dictionary codes (−1 = missing). */
export interface DayAggregate {
  /** Local day number: days since 1970-01-01 in the zone's wall-clock time. */
  day: number
  /** Totals of all the day's contacts (for the period before a range). */
  totals: Float64Array
  quarterIndex: Float64Array
  quarterOffered: Float64Array
  quarterAbandoned: Float64Array
  quarterHandle: Float64Array
  /** (businessHours × 2 + answered) × 6 + csat (0 = none). */
  waitKey: Int32Array
  /** NaN when no wait is recorded. */
  waitValue: Float64Array
  waitCount: Float64Array
  /** (issue code + 1) × 6 + csat (0 = none); answered contacts with a handle time. */
  handleKey: Int32Array
  handleValue: Float64Array
  handleCount: Float64Array
  groupIssue: Int32Array
  groupSegment: Int32Array
  groupAgent: Int32Array
  /** TOTALS_WIDTH numbers per group. */
  groupTotals: Float64Array
  /**
   * Held spans of answered contacts with an agent, a first response and an end after it, ordered by agent code;
   * within one agent's run the starts are sorted and the ends are sorted (separately: the concurrency sweep needs
   * nothing else).
   */
  spanAgent: Int32Array
  spanStart: Float64Array
  spanEnd: Float64Array
  /** Agent codes of zero-length spans (end = first response): chats, never held. */
  zeroAgent: Int32Array
}

/** An aggregate of a day without contacts. */
export function emptyDayAggregate(day: number): DayAggregate {
  const f = () => new Float64Array(0), i = () => new Int32Array(0)
  return {
    day, totals: new Float64Array(TOTALS_WIDTH), quarterIndex: f(), quarterOffered: f(), quarterAbandoned: f(), quarterHandle: f(),
    waitKey: i(), waitValue: f(), waitCount: f(), handleKey: i(), handleValue: f(), handleCount: f(),
    groupIssue: i(), groupSegment: i(), groupAgent: i(), groupTotals: f(), spanAgent: i(), spanStart: f(), spanEnd: f(), zeroAgent: i(),
  }
}

function addRowToTotals(acc: Float64Array, at: number, c: ContactColumns, i: number, thresholdSeconds: number): void {
  acc[at + T.offered]++
  if (c.answered[i] === 1) {
    acc[at + T.answered]++
    const w = c.waitSeconds[i]
    if (w === w) { acc[at + T.waitSum] += w; if (w <= thresholdSeconds) acc[at + T.within]++ }
    const h = c.handleSeconds[i]
    if (h === h) { acc[at + T.handled]++; acc[at + T.handleSum] += h }
  } else acc[at + T.abandoned]++
  const r = c.resolved[i]
  if (r >= 0) { acc[at + T.known]++; if (r === 1) acc[at + T.resolved]++ }
  const s = c.csatScore[i]
  if (s > 0) { acc[at + T.csatN]++; acc[at + T.csatSum] += s; if (s >= 4) acc[at + T.csatSat]++ }
  const n = c.npsScore[i]
  if (n >= 0) { acc[at + T.npsN]++; if (n >= 9) acc[at + T.npsPro]++; else if (n <= 6) acc[at + T.npsDet]++ }
  if (c.synthetic[i] === 1) acc[at + T.synthetic]++
}

/** Totals from an accumulator of TOTALS_WIDTH numbers at `at`. */
export function totalsOfAccumulator(acc: Float64Array, at = 0): ContactTotals {
  return {
    offered: acc[at + T.offered], answered: acc[at + T.answered], abandoned: acc[at + T.abandoned], answeredWithinThreshold: acc[at + T.within], waitSumSeconds: acc[at + T.waitSum],
    handled: acc[at + T.handled], handleSumSeconds: acc[at + T.handleSum], resolved: acc[at + T.resolved], resolutionKnown: acc[at + T.known],
    csatResponses: acc[at + T.csatN], csatSatisfied: acc[at + T.csatSat], csatScoreSum: acc[at + T.csatSum],
    npsResponses: acc[at + T.npsN], npsPromoters: acc[at + T.npsPro], npsDetractors: acc[at + T.npsDet], synthetic: acc[at + T.synthetic],
  }
}

/** The offset (ms) of the zone at `ms`, from offset segments. */
export function offsetAt(offsets: OffsetSegments, ms: number): number {
  let k = 0
  while (k < offsets.untilMs.length && ms >= offsets.untilMs[k]) k++
  return offsets.offsetMs[k]
}

/** First row index with arrivedAtMs >= t. */
function lowerBound(arrivedAtMs: Float64Array, t: number): number {
  let lo = 0, hi = arrivedAtMs.length
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (arrivedAtMs[mid] < t) lo = mid + 1; else hi = mid }
  return lo
}

/** Value counts kept while a day is aggregated: key → value → count. */
type Counts = Map<number, Map<number, number>>

function addValue(counts: Counts, key: number, value: number): void {
  let m = counts.get(key)
  if (!m) { m = new Map(); counts.set(key, m) }
  m.set(value, (m.get(value) ?? 0) + 1)
}

function flattenCounts(counts: Counts): { key: Int32Array; value: Float64Array; count: Float64Array } {
  let n = 0
  for (const m of counts.values()) n += m.size
  const key = new Int32Array(n), value = new Float64Array(n), count = new Float64Array(n)
  let k = 0
  for (const [kk, m] of counts) for (const [v, c] of m) { key[k] = kk; value[k] = v; count[k] = c; k++ }
  return { key, value, count }
}

/**
 * The aggregates of each local day with contacts among the columns' rows that arrived in [fromMs, toMs), in day
 * order. `offsets` must cover [fromMs, toMs). Days without contacts are left out (see emptyDayAggregate).
 */
export function aggregateDaysOfColumns(c: ContactColumns, fromMs: number, toMs: number, options: DayAggregateOptions): DayAggregate[] {
  const { thresholdSeconds, offsets, hours } = options
  const out: DayAggregate[] = []
  const end = lowerBound(c.arrivedAtMs, toMs)
  let i = lowerBound(c.arrivedAtMs, fromMs)
  let segment = 0
  const segmentSpan = c.segmentNames.length + 1, agentSpan = c.agentNames.length + 1
  while (i < end) {
    // One local day: the rows from i while their local day stays the same (rows are sorted by arrival).
    while (segment < offsets.untilMs.length && c.arrivedAtMs[i] >= offsets.untilMs[segment]) segment++
    const day = Math.floor((c.arrivedAtMs[i] + offsets.offsetMs[segment]) / DAY_MS)
    const weekday = (day + 3) % 7
    const dayHours = hours === null ? undefined : hours[weekday]
    const totals = new Float64Array(TOTALS_WIDTH)
    const quarters = new Map<number, number>()
    const qIndex: number[] = [], qOffered: number[] = [], qAbandoned: number[] = [], qHandle: number[] = []
    const waits: Counts = new Map(), handles: Counts = new Map()
    const groupAt = new Map<number, number>()
    const gIssue: number[] = [], gSegment: number[] = [], gAgent: number[] = []
    let gTotals = new Float64Array(TOTALS_WIDTH * 64)
    const sAgent: number[] = [], sStart: number[] = [], sEnd: number[] = [], zero: number[] = []
    for (; i < end; i++) {
      const arrived = c.arrivedAtMs[i]
      while (segment < offsets.untilMs.length && arrived >= offsets.untilMs[segment]) segment++
      const localMs = arrived + offsets.offsetMs[segment]
      if (Math.floor(localMs / DAY_MS) !== day) break
      let business = 1
      if (hours !== null) {
        const minute = Math.floor((localMs - day * DAY_MS) / 60_000)
        business = dayHours && minute >= dayHours.openMinute && minute < dayHours.closeMinute ? 1 : 0
      }
      const answered = c.answered[i] === 1
      const handle = c.handleSeconds[i]
      const csatCode = c.csatScore[i] > 0 ? c.csatScore[i] : 0
      addRowToTotals(totals, 0, c, i, thresholdSeconds)

      const q = Math.floor(arrived / QUARTER_MS)
      let qk = quarters.get(q)
      if (qk === undefined) { qk = qIndex.length; quarters.set(q, qk); qIndex.push(q); qOffered.push(0); qAbandoned.push(0); qHandle.push(0) }
      qOffered[qk]++
      if (!answered) qAbandoned[qk]++
      else if (handle === handle) qHandle[qk] += handle

      addValue(waits, (business * 2 + (answered ? 1 : 0)) * 6 + csatCode, c.waitSeconds[i])
      const issue = c.issueCode[i]
      if (answered && handle === handle) addValue(handles, (issue + 1) * 6 + csatCode, handle)

      const seg = c.segmentCode[i], agent = c.agentCode[i]
      const groupKey = ((issue + 1) * segmentSpan + seg + 1) * agentSpan + agent + 1
      let g = groupAt.get(groupKey)
      if (g === undefined) {
        g = gIssue.length
        groupAt.set(groupKey, g)
        gIssue.push(issue); gSegment.push(seg); gAgent.push(agent)
        if ((g + 1) * TOTALS_WIDTH > gTotals.length) { const grown = new Float64Array(gTotals.length * 2); grown.set(gTotals); gTotals = grown }
      }
      addRowToTotals(gTotals, g * TOTALS_WIDTH, c, i, thresholdSeconds)

      const start = c.firstResponseAtMs[i], ended = c.endedAtMs[i]
      if (answered && agent >= 0 && start === start && ended >= start) { if (ended === start) zero.push(agent); else { sAgent.push(agent); sStart.push(start); sEnd.push(ended) } }
    }
    const w = flattenCounts(waits), h = flattenCounts(handles)
    const spans = spansByAgent(sAgent, sStart, sEnd)
    out.push({
      day, totals,
      quarterIndex: Float64Array.from(qIndex), quarterOffered: Float64Array.from(qOffered), quarterAbandoned: Float64Array.from(qAbandoned), quarterHandle: Float64Array.from(qHandle),
      waitKey: w.key, waitValue: w.value, waitCount: w.count, handleKey: h.key, handleValue: h.value, handleCount: h.count,
      groupIssue: Int32Array.from(gIssue), groupSegment: Int32Array.from(gSegment), groupAgent: Int32Array.from(gAgent), groupTotals: gTotals.slice(0, gIssue.length * TOTALS_WIDTH),
      spanAgent: spans.agent, spanStart: spans.start, spanEnd: spans.end, zeroAgent: Int32Array.from(zero),
    })
  }
  return out
}

/** The spans ordered by agent code (a stable counting sort), so each agent's spans are one run. */
function spansByAgent(agent: number[], start: number[], end: number[]): { agent: Int32Array; start: Float64Array; end: Float64Array } {
  let maxCode = -1
  for (const a of agent) if (a > maxCode) maxCode = a
  const next = new Int32Array(maxCode + 2)
  for (const a of agent) next[a + 1]++
  for (let k = 1; k < next.length; k++) next[k] += next[k - 1]
  const n = agent.length
  const out = { agent: new Int32Array(n), start: new Float64Array(n), end: new Float64Array(n) }
  for (let k = 0; k < n; k++) { const at = next[agent[k]]++; out.agent[at] = agent[k]; out.start[at] = start[k]; out.end[at] = end[k] }
  sortWithinRuns(out.agent, out.start, out.end)
  return out
}

/** Sorts the starts and (separately) the ends within each agent's run. */
function sortWithinRuns(agent: Int32Array, start: Float64Array, end: Float64Array): void {
  for (let k = 0; k < agent.length;) {
    let until = k + 1
    while (until < agent.length && agent[until] === agent[k]) until++
    sortNearlySorted(start.subarray(k, until))
    sortNearlySorted(end.subarray(k, until))
    k = until
  }
}

/**
 * Sorts in place: insertion sort when the numbers are nearly in order (sorted runs joined end to end, which is how
 * days and weeks of spans come), else the typed array's own sort.
 */
export function sortNearlySorted(a: Float64Array): void {
  let descents = 0
  for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) descents++
  if (descents === 0) return
  if (descents > 64) { a.sort(); return }
  let moves = 0
  for (let i = 1; i < a.length; i++) {
    const v = a[i]
    let j = i - 1
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; moves++ }
    a[j + 1] = v
    if (moves > a.length * 8) { a.sort(); return }
  }
}

/**
 * Several days of one queue's columns (same dictionaries; at most one week, so they share a week) as one aggregate,
 * dated by the first day: what the KPI cache keeps per whole week, so a range costs its weeks, not its days.
 */
export function mergeDayAggregates(days: readonly DayAggregate[]): DayAggregate {
  if (!days.length) throw new RangeError('mergeDayAggregates needs at least one day')
  if (days.length === 1) return days[0]
  const sorted = [...days].sort((a, b) => a.day - b.day)
  const totals = new Float64Array(TOTALS_WIDTH)
  for (const d of sorted) for (let f = 0; f < TOTALS_WIDTH; f++) totals[f] += d.totals[f]
  const cat = (pick: (d: DayAggregate) => Float64Array) => { const n = sorted.reduce((s, d) => s + pick(d).length, 0); const out = new Float64Array(n); let at = 0; for (const d of sorted) { out.set(pick(d), at); at += pick(d).length } return out }
  const mergeCounts = (key: (d: DayAggregate) => Int32Array, value: (d: DayAggregate) => Float64Array, count: (d: DayAggregate) => Float64Array) => {
    const counts: Counts = new Map()
    for (const d of sorted) {
      const ks = key(d), vs = value(d), cs = count(d)
      for (let k = 0; k < ks.length; k++) { let m = counts.get(ks[k]); if (!m) { m = new Map(); counts.set(ks[k], m) } m.set(vs[k], (m.get(vs[k]) ?? 0) + cs[k]) }
    }
    return flattenCounts(counts)
  }
  const w = mergeCounts((d) => d.waitKey, (d) => d.waitValue, (d) => d.waitCount)
  const h = mergeCounts((d) => d.handleKey, (d) => d.handleValue, (d) => d.handleCount)
  // Groups by (issue, segment, agent) code.
  const groupAt = new Map<string, number>()
  const gIssue: number[] = [], gSegment: number[] = [], gAgent: number[] = []
  const gRows: Float64Array[] = []
  for (const d of sorted) {
    for (let g = 0; g < d.groupIssue.length; g++) {
      const key = `${d.groupIssue[g]},${d.groupSegment[g]},${d.groupAgent[g]}`
      let at = groupAt.get(key)
      if (at === undefined) { at = gIssue.length; groupAt.set(key, at); gIssue.push(d.groupIssue[g]); gSegment.push(d.groupSegment[g]); gAgent.push(d.groupAgent[g]); gRows.push(new Float64Array(TOTALS_WIDTH)) }
      const row = gRows[at]
      for (let f = 0; f < TOTALS_WIDTH; f++) row[f] += d.groupTotals[g * TOTALS_WIDTH + f]
    }
  }
  const groupTotals = new Float64Array(gRows.length * TOTALS_WIDTH)
  gRows.forEach((row, g) => groupTotals.set(row, g * TOTALS_WIDTH))
  // Spans: each agent's runs of the days, in day order, then sorted (nearly sorted already).
  let maxCode = -1
  for (const d of sorted) for (let k = 0; k < d.spanAgent.length; k++) if (d.spanAgent[k] > maxCode) maxCode = d.spanAgent[k]
  const next = new Int32Array(maxCode + 2)
  for (const d of sorted) for (let k = 0; k < d.spanAgent.length; k++) next[d.spanAgent[k] + 1]++
  for (let k = 1; k < next.length; k++) next[k] += next[k - 1]
  const n = next[next.length - 1] ?? 0
  const spanAgent = new Int32Array(n), spanStart = new Float64Array(n), spanEnd = new Float64Array(n)
  for (const d of sorted) {
    for (let k = 0; k < d.spanAgent.length;) {
      const code = d.spanAgent[k]
      let until = k + 1
      while (until < d.spanAgent.length && d.spanAgent[until] === code) until++
      const at = next[code]
      spanAgent.fill(code, at, at + until - k)
      spanStart.set(d.spanStart.subarray(k, until), at)
      spanEnd.set(d.spanEnd.subarray(k, until), at)
      next[code] += until - k
      k = until
    }
  }
  sortWithinRuns(spanAgent, spanStart, spanEnd)
  const zeroAgent = new Int32Array(sorted.reduce((s, d) => s + d.zeroAgent.length, 0))
  let z = 0
  for (const d of sorted) { zeroAgent.set(d.zeroAgent, z); z += d.zeroAgent.length }
  return {
    day: sorted[0].day, totals,
    quarterIndex: cat((d) => d.quarterIndex), quarterOffered: cat((d) => d.quarterOffered), quarterAbandoned: cat((d) => d.quarterAbandoned), quarterHandle: cat((d) => d.quarterHandle),
    waitKey: w.key, waitValue: w.value, waitCount: w.count, handleKey: h.key, handleValue: h.value, handleCount: h.count,
    groupIssue: Int32Array.from(gIssue), groupSegment: Int32Array.from(gSegment), groupAgent: Int32Array.from(gAgent), groupTotals,
    spanAgent, spanStart, spanEnd, zeroAgent,
  }
}

/**
 * Each agent's run of a day's (or merged week's) held spans, swept once: busy and handle time (ms), peak, and the
 * run's hull (first start, last end). Kept with the aggregate (computed on first use), so a range adds up its days'
 * sweeps and sweeps spans again only where days' hulls overlap (a chat held across midnight into the next day's).
 */
export interface SpanRuns { agent: Int32Array; from: Int32Array; until: Int32Array; busyMs: Float64Array; handleMs: Float64Array; peak: Int32Array; minStart: Float64Array; maxEnd: Float64Array }
const spanRunsCache = new WeakMap<DayAggregate, SpanRuns>()

export function spanRunsOf(d: DayAggregate): SpanRuns {
  let runs = spanRunsCache.get(d)
  if (runs) return runs
  let count = 0
  for (let k = 0; k < d.spanAgent.length; k++) if (k === 0 || d.spanAgent[k] !== d.spanAgent[k - 1]) count++
  runs = { agent: new Int32Array(count), from: new Int32Array(count), until: new Int32Array(count), busyMs: new Float64Array(count), handleMs: new Float64Array(count), peak: new Int32Array(count), minStart: new Float64Array(count), maxEnd: new Float64Array(count) }
  let r = 0
  for (let k = 0; k < d.spanAgent.length;) {
    let until = k + 1
    while (until < d.spanAgent.length && d.spanAgent[until] === d.spanAgent[k]) until++
    const sweep = sweepSortedMs(d.spanStart, d.spanEnd, k, until)
    runs.agent[r] = d.spanAgent[k]; runs.from[r] = k; runs.until[r] = until
    runs.busyMs[r] = sweep.busyMs; runs.handleMs[r] = sweep.handleMs; runs.peak[r] = sweep.peak
    runs.minStart[r] = d.spanStart[k]; runs.maxEnd[r] = d.spanEnd[until - 1]
    r++
    k = until
  }
  spanRunsCache.set(d, runs)
  return runs
}

/** One run of spans of one day aggregate (see SpanRuns). */
interface RunRef { d: DayAggregate; runs: SpanRuns; r: number }

/**
 * One agent's concurrency from its runs (any order, from any days and queues): runs whose hulls overlap no other
 * run's count their own sweep; each group of overlapping runs is swept again from its spans. The same figures as
 * one sweep over all the spans (busy and handle times add up over disjoint stretches; the peak is the largest).
 */
function sweepOfRuns(refs: RunRef[]): { busyMs: number; handleMs: number; peak: number; spans: number } {
  refs.sort((a, b) => a.runs.minStart[a.r] - b.runs.minStart[b.r])
  let busyMs = 0, handleMs = 0, peak = 0, spans = 0
  for (let k = 0; k < refs.length;) {
    let maxEnd = refs[k].runs.maxEnd[refs[k].r]
    let until = k + 1
    while (until < refs.length && refs[until].runs.minStart[refs[until].r] < maxEnd) { maxEnd = Math.max(maxEnd, refs[until].runs.maxEnd[refs[until].r]); until++ }
    if (until === k + 1) {
      const { runs, r } = refs[k]
      busyMs += runs.busyMs[r]; handleMs += runs.handleMs[r]; if (runs.peak[r] > peak) peak = runs.peak[r]
      spans += runs.until[r] - runs.from[r]
    } else {
      let n = 0
      for (let g = k; g < until; g++) n += refs[g].runs.until[refs[g].r] - refs[g].runs.from[refs[g].r]
      const starts = new Float64Array(n), ends = new Float64Array(n)
      let at = 0
      for (let g = k; g < until; g++) {
        const { d, runs, r } = refs[g]
        starts.set(d.spanStart.subarray(runs.from[r], runs.until[r]), at)
        ends.set(d.spanEnd.subarray(runs.from[r], runs.until[r]), at)
        at += runs.until[r] - runs.from[r]
      }
      sortNearlySorted(starts)
      sortNearlySorted(ends)
      const sweep = sweepSortedMs(starts, ends)
      busyMs += sweep.busyMs; handleMs += sweep.handleMs; if (sweep.peak > peak) peak = sweep.peak
      spans += n
    }
    k = until
  }
  return { busyMs, handleMs, peak, spans }
}

/** The days of one queue's columns that a range (or its previous period) is made of. */
export interface QueueDays { columns: ContactColumns; days: readonly DayAggregate[] }

export interface CombinedDays {
  quarterHours: QuarterHourVolume[]
  waits: WaitCount[]
  handles: HandleCount[]
  groups: TotalsGroup[]
  concurrency: ChatConcurrency
}

function dateKeyOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/**
 * A range's aggregates from its days' (per queue: the days of the range, each once), grouped exactly as
 * src/db/kpis.ts groups the range's contacts in SQL: waits by week × business hours × outcome × wait × score,
 * handle times by issue type × handle time × score, totals by week × queue × issue type × segment × agent.
 */
export function combineDayAggregates(sets: readonly QueueDays[]): CombinedDays {
  const quarterAt = new Map<number, number>()
  const qIndex: number[] = [], qOffered: number[] = [], qAbandoned: number[] = [], qHandle: number[] = []
  const waitMaps: Counts = new Map()
  const handleByName = new Map<string, { issueType: string | null; csat: number | null; counts: Map<number, number> }>()
  const groups: TotalsGroup[] = []
  const spanParts = new Map<string, { refs: RunRef[]; zero: number }>()
  for (const { columns: c, days } of sets) {
    const handleMaps: Counts = new Map()
    // Groups of one week at a time (the days come in order; a week's days are adjacent).
    let week = NaN
    let groupAt = new Map<number, number>()
    let groupAcc: Float64Array = new Float64Array(0)
    let groupKeys: { issue: number; seg: number; agent: number }[] = []
    const flushWeek = () => {
      const weekStartKey = dateKeyOfDay(week)
      groupKeys.forEach((k, g) => groups.push({
        weekStartKey, queueName: c.queueName, issueType: k.issue < 0 ? null : c.issueNames[k.issue],
        customerSegment: k.seg < 0 ? null : c.segmentNames[k.seg], agent: k.agent < 0 ? null : c.agentNames[k.agent], totals: totalsOfAccumulator(groupAcc, g * TOTALS_WIDTH),
      }))
      groupAt = new Map(); groupKeys = []; groupAcc = new Float64Array(TOTALS_WIDTH * 256)
    }
    const segmentSpan = c.segmentNames.length + 1, agentSpan = c.agentNames.length + 1
    // Held spans: each agent's runs of the days (swept once per cached day or week), by agent code.
    const runsByCode: RunRef[][] = Array.from(c.agentNames, () => [])
    const zeroCount = new Int32Array(c.agentNames.length)
    for (const d of days) for (let k = 0; k < d.zeroAgent.length; k++) zeroCount[d.zeroAgent[k]]++
    const sorted = [...days].sort((a, b) => a.day - b.day)
    for (const d of sorted) {
      const weekDay = d.day - ((d.day + 3) % 7)
      if (weekDay !== week) { if (week === week) flushWeek(); else groupAcc = new Float64Array(TOTALS_WIDTH * 256); week = weekDay }
      for (let k = 0; k < d.quarterIndex.length; k++) {
        const q = d.quarterIndex[k]
        let at = quarterAt.get(q)
        if (at === undefined) { at = qIndex.length; quarterAt.set(q, at); qIndex.push(q); qOffered.push(0); qAbandoned.push(0); qHandle.push(0) }
        qOffered[at] += d.quarterOffered[k]; qAbandoned[at] += d.quarterAbandoned[k]; qHandle[at] += d.quarterHandle[k]
      }
      for (let k = 0; k < d.waitKey.length; k++) {
        const key = weekDay * 24 + d.waitKey[k]
        let m = waitMaps.get(key)
        if (!m) { m = new Map(); waitMaps.set(key, m) }
        const v = d.waitValue[k]
        m.set(v, (m.get(v) ?? 0) + d.waitCount[k])
      }
      for (let k = 0; k < d.handleKey.length; k++) {
        let m = handleMaps.get(d.handleKey[k])
        if (!m) { m = new Map(); handleMaps.set(d.handleKey[k], m) }
        const v = d.handleValue[k]
        m.set(v, (m.get(v) ?? 0) + d.handleCount[k])
      }
      for (let g = 0; g < d.groupIssue.length; g++) {
        const issue = d.groupIssue[g], seg = d.groupSegment[g], agent = d.groupAgent[g]
        const key = ((issue + 1) * segmentSpan + seg + 1) * agentSpan + agent + 1
        let at = groupAt.get(key)
        if (at === undefined) {
          at = groupKeys.length
          groupAt.set(key, at)
          groupKeys.push({ issue, seg, agent })
          if ((at + 1) * TOTALS_WIDTH > groupAcc.length) { const grown = new Float64Array(groupAcc.length * 2); grown.set(groupAcc); groupAcc = grown }
        }
        const to = at * TOTALS_WIDTH, from = g * TOTALS_WIDTH
        for (let f = 0; f < TOTALS_WIDTH; f++) groupAcc[to + f] += d.groupTotals[from + f]
      }
      const runs = spanRunsOf(d)
      for (let r = 0; r < runs.agent.length; r++) runsByCode[runs.agent[r]].push({ d, runs, r })
    }
    if (week === week) flushWeek()
    for (const [key, counts] of handleMaps) {
      const issue = Math.floor(key / 6) - 1, csat = key % 6
      const issueType = issue < 0 ? null : c.issueNames[issue]
      const nameKey = `${issueType === null ? '\u0000' : issueType}|${csat || ''}`
      const into = handleByName.get(nameKey)
      if (!into) handleByName.set(nameKey, { issueType, csat: csat || null, counts })
      else for (const [v, n] of counts) into.counts.set(v, (into.counts.get(v) ?? 0) + n)
    }
    runsByCode.forEach((refs, code) => {
      const name = c.agentNames[code]
      if (!(refs.length + zeroCount[code]) || name === '') return
      let into = spanParts.get(name)
      if (!into) { into = { refs: [], zero: 0 }; spanParts.set(name, into) }
      for (const ref of refs) into.refs.push(ref)
      into.zero += zeroCount[code]
    })
  }

  const waits: WaitCount[] = []
  for (const [key, map] of waitMaps) {
    const csat = key % 6, ans = Math.floor(key / 6) % 2, bh = Math.floor(key / 12) % 2, week = Math.floor(key / 24)
    const weekStartKey = dateKeyOfDay(week)
    for (const [waitSeconds, count] of map) {
      waits.push({ weekStartKey, businessHours: bh === 1, outcome: ans === 1 ? 'answered' : 'abandoned', waitSeconds: waitSeconds === waitSeconds ? waitSeconds : null, csatScore: csat || null, count })
    }
  }
  const handles: HandleCount[] = []
  for (const h of handleByName.values()) for (const [handleSeconds, count] of h.counts) handles.push({ issueType: h.issueType, handleSeconds, csatScore: h.csat, count })
  const agents: AgentConcurrency[] = []
  for (const [name, p] of spanParts) {
    const sweep = sweepOfRuns(p.refs)
    agents.push(agentConcurrencyOfSweep(name, sweep.spans + p.zero, sweep))
  }
  const order = qIndex.map((_, k) => k).sort((a, b) => qIndex[a] - qIndex[b])
  return {
    quarterHours: order.filter((k) => qOffered[k] > 0).map((k) => ({ startMs: qIndex[k] * QUARTER_MS, offered: qOffered[k], abandoned: qAbandoned[k], handleSumSeconds: qHandle[k] })),
    waits,
    handles,
    groups,
    concurrency: concurrencyOfAgents(agents),
  }
}

/** Totals and answered waits (sorted value counts) of days: the period before a range. */
export function previousOfDays(sets: readonly QueueDays[]): { totals: ContactTotals; answeredWaits: ValueCount[] } {
  const acc = new Float64Array(TOTALS_WIDTH)
  const waits = new Map<number, number>()
  for (const { days } of sets) {
    for (const d of days) {
      for (let f = 0; f < TOTALS_WIDTH; f++) acc[f] += d.totals[f]
      for (let k = 0; k < d.waitKey.length; k++) {
        const v = d.waitValue[k]
        if (Math.floor(d.waitKey[k] / 6) % 2 === 1 && v === v) waits.set(v, (waits.get(v) ?? 0) + d.waitCount[k])
      }
    }
  }
  return {
    totals: acc[T.offered] ? totalsOfAccumulator(acc) : emptyTotals(),
    answeredWaits: [...waits.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count })),
  }
}
