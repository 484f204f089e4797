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
import { chatConcurrencyOfTypedSpans, type ChatConcurrency } from './concurrency.ts'
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
  /** Answered contacts with an agent, a first response and an end not before it. */
  spanAgent: Int32Array
  spanStart: Float64Array
  spanEnd: Float64Array
}

/** An aggregate of a day without contacts. */
export function emptyDayAggregate(day: number): DayAggregate {
  const f = () => new Float64Array(0), i = () => new Int32Array(0)
  return {
    day, totals: new Float64Array(TOTALS_WIDTH), quarterIndex: f(), quarterOffered: f(), quarterAbandoned: f(), quarterHandle: f(),
    waitKey: i(), waitValue: f(), waitCount: f(), handleKey: i(), handleValue: f(), handleCount: f(),
    groupIssue: i(), groupSegment: i(), groupAgent: i(), groupTotals: f(), spanAgent: i(), spanStart: f(), spanEnd: f(),
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
    const sAgent: number[] = [], sStart: number[] = [], sEnd: number[] = []
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
      if (answered && agent >= 0 && start === start && ended >= start) { sAgent.push(agent); sStart.push(start); sEnd.push(ended) }
    }
    const w = flattenCounts(waits), h = flattenCounts(handles)
    out.push({
      day, totals,
      quarterIndex: Float64Array.from(qIndex), quarterOffered: Float64Array.from(qOffered), quarterAbandoned: Float64Array.from(qAbandoned), quarterHandle: Float64Array.from(qHandle),
      waitKey: w.key, waitValue: w.value, waitCount: w.count, handleKey: h.key, handleValue: h.value, handleCount: h.count,
      groupIssue: Int32Array.from(gIssue), groupSegment: Int32Array.from(gSegment), groupAgent: Int32Array.from(gAgent), groupTotals: gTotals.slice(0, gIssue.length * TOTALS_WIDTH),
      spanAgent: Int32Array.from(sAgent), spanStart: Float64Array.from(sStart), spanEnd: Float64Array.from(sEnd),
    })
  }
  return out
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
  const spanParts = new Map<string, { starts: Float64Array[]; ends: Float64Array[]; n: number }>()
  for (const { columns: c, days } of sets) {
    const handleMaps: Counts = new Map()
    // Groups of one week at a time (the days come in order; a week's days are adjacent).
    let week = NaN
    let groupAt = new Map<number, number>()
    let groupAcc: Float64Array = new Float64Array(0)
    let groupKeys: { issue: number; seg: number; agent: number }[] = []
    const flushWeek = () => {
      groupKeys.forEach((k, g) => groups.push({
        weekStartKey: dateKeyOfDay(week), queueName: c.queueName, issueType: k.issue < 0 ? null : c.issueNames[k.issue],
        customerSegment: k.seg < 0 ? null : c.segmentNames[k.seg], agent: k.agent < 0 ? null : c.agentNames[k.agent], totals: totalsOfAccumulator(groupAcc, g * TOTALS_WIDTH),
      }))
      groupAt = new Map(); groupKeys = []; groupAcc = new Float64Array(TOTALS_WIDTH * 256)
    }
    const segmentSpan = c.segmentNames.length + 1, agentSpan = c.agentNames.length + 1
    const spansByCode = new Map<number, { starts: number[]; ends: number[] }>()
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
      if (d.spanAgent.length) {
        // Split the day's spans by agent (kept in the day's order; each agent's sweep sorts them).
        const byAgent = new Map<number, number[]>()
        for (let k = 0; k < d.spanAgent.length; k++) { let l = byAgent.get(d.spanAgent[k]); if (!l) { l = []; byAgent.set(d.spanAgent[k], l) } l.push(k) }
        for (const [code, ks] of byAgent) {
          let into = spansByCode.get(code)
          if (!into) { into = { starts: [], ends: [] }; spansByCode.set(code, into) }
          for (const k of ks) { into.starts.push(d.spanStart[k]); into.ends.push(d.spanEnd[k]) }
        }
      }
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
    for (const [code, list] of spansByCode) {
      const name = c.agentNames[code]
      if (name === '') continue
      let into = spanParts.get(name)
      if (!into) { into = { starts: [], ends: [], n: 0 }; spanParts.set(name, into) }
      into.starts.push(Float64Array.from(list.starts)); into.ends.push(Float64Array.from(list.ends)); into.n += list.starts.length
    }
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
  const spans = new Map<string, { starts: Float64Array; ends: Float64Array }>()
  for (const [name, p] of spanParts) {
    const starts = new Float64Array(p.n), ends = new Float64Array(p.n)
    let at = 0
    p.starts.forEach((s, k) => { starts.set(s, at); ends.set(p.ends[k], at); at += s.length })
    spans.set(name, { starts, ends })
  }
  const order = qIndex.map((_, k) => k).sort((a, b) => qIndex[a] - qIndex[b])
  return {
    quarterHours: order.filter((k) => qOffered[k] > 0).map((k) => ({ startMs: qIndex[k] * QUARTER_MS, offered: qOffered[k], abandoned: qAbandoned[k], handleSumSeconds: qHandle[k] })),
    waits,
    handles,
    groups,
    concurrency: chatConcurrencyOfTypedSpans(spans),
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
