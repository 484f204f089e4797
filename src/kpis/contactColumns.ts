/**
 * Contacts held column by column in typed arrays (one queue's contacts sorted by arrival), and the aggregation of a
 * date range of them into the same value counts and totals the SQL aggregates give (src/db/kpis.ts), in one pass.
 * This is what makes the KPI page fast on large histories: the columns are loaded once per data version and a
 * 90-day range of 250,000 contacts is aggregated in tens of milliseconds. Missing numbers are NaN, missing codes −1.
 */
import { chatConcurrencyOfStarts, type ChatConcurrency } from './concurrency.ts'
import { emptyTotals, type ContactTotals } from './contactTotals.ts'
import type { HandleCount, QuarterHourVolume, TotalsGroup, WaitCount } from './report.ts'
import type { ValueCount } from './histogram.ts'

export interface ContactColumns {
  queueId: number
  queueName: string
  length: number
  id: Float64Array
  arrivedAtMs: Float64Array
  firstResponseAtMs: Float64Array
  endedAtMs: Float64Array
  waitSeconds: Float64Array
  handleSeconds: Float64Array
  /** 1 answered, 0 abandoned. */
  answered: Uint8Array
  /** 1 resolved, 0 not, −1 not recorded. */
  resolved: Int8Array
  /** 1–5, or −1 when missing or outside the scale. */
  csatScore: Int8Array
  /** 0–10, or −1 when missing or outside the scale. */
  npsScore: Int8Array
  synthetic: Uint8Array
  /** Dictionary codes into the names lists (−1 = missing). */
  issueCode: Int32Array
  issueNames: string[]
  segmentCode: Int32Array
  segmentNames: string[]
  agentCode: Int32Array
  agentNames: string[]
}

/** Local time of a UTC instant: offsets (ms) valid until each change; the last applies to the end. */
export interface OffsetSegments { untilMs: number[]; offsetMs: number[] }

const DAY_MS = 86_400_000
const QUARTER_MS = 900_000

/** First row index with arrivedAtMs >= t (binary search; the rows are sorted by arrival). */
export function lowerBound(arrivedAtMs: Float64Array, t: number): number {
  let lo = 0, hi = arrivedAtMs.length
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (arrivedAtMs[mid] < t) lo = mid + 1; else hi = mid }
  return lo
}

export interface ColumnAggregateOptions {
  fromMs: number
  toMs: number
  previousFromMs: number
  thresholdSeconds: number
  offsets: OffsetSegments
  /** Per queue id: opening minutes per ISO weekday index (0 = Monday), null = closed; null for always open. */
  openingHours: Map<number, ({ openMinute: number; closeMinute: number } | null)[] | null>
}

export interface ColumnAggregates {
  quarterHours: QuarterHourVolume[]
  waits: WaitCount[]
  handles: HandleCount[]
  groups: TotalsGroup[]
  concurrency: ChatConcurrency
  /** Totals and answered waits of the period before [previousFromMs, fromMs). */
  previous: { totals: ContactTotals; answeredWaits: ValueCount[] }
}

const T = { offered: 0, answered: 1, abandoned: 2, within: 3, waitSum: 4, handled: 5, handleSum: 6, resolved: 7, known: 8, csatN: 9, csatSat: 10, csatSum: 11, npsN: 12, npsPro: 13, npsDet: 14, synthetic: 15 }

function addRowToTotals(acc: Float64Array, c: ContactColumns, i: number, thresholdSeconds: number): void {
  acc[T.offered]++
  if (c.answered[i] === 1) {
    acc[T.answered]++
    const w = c.waitSeconds[i]
    if (w === w) { acc[T.waitSum] += w; if (w <= thresholdSeconds) acc[T.within]++ }
    const h = c.handleSeconds[i]
    if (h === h) { acc[T.handled]++; acc[T.handleSum] += h }
  } else acc[T.abandoned]++
  const r = c.resolved[i]
  if (r >= 0) { acc[T.known]++; if (r === 1) acc[T.resolved]++ }
  const s = c.csatScore[i]
  if (s > 0) { acc[T.csatN]++; acc[T.csatSum] += s; if (s >= 4) acc[T.csatSat]++ }
  const n = c.npsScore[i]
  if (n >= 0) { acc[T.npsN]++; if (n >= 9) acc[T.npsPro]++; else if (n <= 6) acc[T.npsDet]++ }
  if (c.synthetic[i] === 1) acc[T.synthetic]++
}

function totalsOf(acc: Float64Array): ContactTotals {
  return {
    offered: acc[T.offered], answered: acc[T.answered], abandoned: acc[T.abandoned], answeredWithinThreshold: acc[T.within], waitSumSeconds: acc[T.waitSum],
    handled: acc[T.handled], handleSumSeconds: acc[T.handleSum], resolved: acc[T.resolved], resolutionKnown: acc[T.known],
    csatResponses: acc[T.csatN], csatSatisfied: acc[T.csatSat], csatScoreSum: acc[T.csatSum],
    npsResponses: acc[T.npsN], npsPromoters: acc[T.npsPro], npsDetractors: acc[T.npsDet], synthetic: acc[T.synthetic],
  }
}

function dateKeyOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function addCount<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n)
}

function quartersWithContacts(firstQuarter: number, offered: Float64Array, abandoned: Float64Array, handle: Float64Array): QuarterHourVolume[] {
  const out: QuarterHourVolume[] = []
  for (let k = 0; k < offered.length; k++) if (offered[k] > 0) out.push({ startMs: (firstQuarter + k) * QUARTER_MS, offered: offered[k], abandoned: abandoned[k], handleSumSeconds: handle[k] })
  return out
}

/**
 * Aggregates the contacts of every column set that arrived in [fromMs, toMs) (and the totals of
 * [previousFromMs, fromMs)), grouped exactly as the SQL of src/db/kpis.ts groups them.
 */
export function aggregateContactColumns(columnSets: readonly ContactColumns[], options: ColumnAggregateOptions): ColumnAggregates {
  const { fromMs, toMs, previousFromMs, thresholdSeconds, offsets } = options
  if (!(toMs > fromMs) || !(previousFromMs <= fromMs)) throw new RangeError(`the range must satisfy previousFromMs <= fromMs < toMs, got ${previousFromMs}, ${fromMs}, ${toMs}`)
  const firstQuarter = Math.floor(fromMs / QUARTER_MS)
  const quarterCount = Math.floor((toMs - 1) / QUARTER_MS) - firstQuarter + 1
  const quarterOffered = new Float64Array(quarterCount), quarterAbandoned = new Float64Array(quarterCount), quarterHandle = new Float64Array(quarterCount)
  // Numeric keys (no string per contact): waits by (week, business, answered, csat), handles by (issue, csat).
  const waitMaps = new Map<number, Map<number | null, number>>()
  const handleMaps = new Map<string, { issueType: string | null; csat: number | null; counts: Map<number, number> }>()
  const groups = new Map<number, { group: Omit<TotalsGroup, 'totals'>; acc: Float64Array }>()
  const agentSpans = new Map<string, { starts: number[]; ends: number[] }>()
  const previousAcc = new Float64Array(16)
  const previousWaits = new Map<number, number>()
  const issueSpan = Math.max(1, ...columnSets.map((c) => c.issueNames.length + 1))
  const segmentSpan = Math.max(1, ...columnSets.map((c) => c.segmentNames.length + 1))
  const agentSpan = Math.max(1, ...columnSets.map((c) => c.agentNames.length + 1))

  let lastGroupKey = -1
  let lastGroup: { group: Omit<TotalsGroup, 'totals'>; acc: Float64Array } | undefined
  columnSets.forEach((c, setIndex) => {
    const hours = options.openingHours.get(c.queueId) ?? null
    // Previous period: totals and answered waits only.
    const prevEnd = lowerBound(c.arrivedAtMs, fromMs)
    for (let i = lowerBound(c.arrivedAtMs, previousFromMs); i < prevEnd; i++) {
      addRowToTotals(previousAcc, c, i, thresholdSeconds)
      const w = c.waitSeconds[i]
      if (c.answered[i] === 1 && w === w) addCount(previousWaits, w)
    }
    const handleByCode = new Map<number, Map<number, number>>()
    const spansByCode = new Map<number, { starts: number[]; ends: number[] }>()
    let segment = 0
    const end = lowerBound(c.arrivedAtMs, toMs)
    for (let i = prevEnd; i < end; i++) {
      const arrived = c.arrivedAtMs[i]
      while (segment < offsets.untilMs.length && arrived >= offsets.untilMs[segment]) segment++
      const localMs = arrived + offsets.offsetMs[segment]
      const localDay = Math.floor(localMs / DAY_MS)
      const weekday = (localDay + 3) % 7
      const weekDay = localDay - weekday
      let business = 1
      if (hours !== null) {
        const day = hours[weekday]
        const minute = Math.floor((localMs - localDay * DAY_MS) / 60_000)
        business = day && minute >= day.openMinute && minute < day.closeMinute ? 1 : 0
      }
      const answered = c.answered[i] === 1
      const handle = c.handleSeconds[i]
      const wait = c.waitSeconds[i]
      const csatCode = c.csatScore[i] > 0 ? c.csatScore[i] : 0

      const q = Math.floor(arrived / QUARTER_MS) - firstQuarter
      quarterOffered[q]++
      if (!answered) quarterAbandoned[q]++
      else if (handle === handle) quarterHandle[q] += handle

      const waitKey = ((weekDay * 2 + business) * 2 + (answered ? 1 : 0)) * 6 + csatCode
      let waitMap = waitMaps.get(waitKey)
      if (!waitMap) { waitMap = new Map(); waitMaps.set(waitKey, waitMap) }
      const waitValue = wait === wait ? wait : null
      waitMap.set(waitValue, (waitMap.get(waitValue) ?? 0) + 1)

      const issue = c.issueCode[i]
      if (answered && handle === handle) {
        const handleKey = (issue + 1) * 6 + csatCode
        let counts = handleByCode.get(handleKey)
        if (!counts) { counts = new Map(); handleByCode.set(handleKey, counts) }
        counts.set(handle, (counts.get(handle) ?? 0) + 1)
      }

      const seg = c.segmentCode[i], agent = c.agentCode[i]
      const groupKey = (((weekDay * columnSets.length + setIndex) * issueSpan + issue + 1) * segmentSpan + seg + 1) * agentSpan + agent + 1
      let g = groupKey === lastGroupKey ? lastGroup! : groups.get(groupKey)
      if (!g) {
        g = { group: { weekStartKey: dateKeyOfDay(weekDay), queueName: c.queueName, issueType: issue < 0 ? null : c.issueNames[issue], customerSegment: seg < 0 ? null : c.segmentNames[seg], agent: agent < 0 ? null : c.agentNames[agent] }, acc: new Float64Array(16) }
        groups.set(groupKey, g)
      }
      lastGroupKey = groupKey
      lastGroup = g
      addRowToTotals(g.acc, c, i, thresholdSeconds)

      const start = c.firstResponseAtMs[i], ended = c.endedAtMs[i]
      if (answered && agent >= 0 && start === start && ended >= start) {
        let list = spansByCode.get(agent)
        if (!list) { list = { starts: [], ends: [] }; spansByCode.set(agent, list) }
        list.starts.push(start)
        list.ends.push(ended)
      }
    }
    for (const [key, counts] of handleByCode) {
      const issue = Math.floor(key / 6) - 1, csat = key % 6
      handleMaps.set(`${c.queueId}|${key}`, { issueType: issue < 0 ? null : c.issueNames[issue], csat: csat || null, counts })
    }
    for (const [code, list] of spansByCode) {
      const name = c.agentNames[code]
      if (name === '') continue
      const into = agentSpans.get(name)
      if (!into) agentSpans.set(name, list)
      else { into.starts.push(...list.starts); into.ends.push(...list.ends) }
    }
  })

  const waits: WaitCount[] = []
  for (const [key, map] of waitMaps) {
    const csat = key % 6, ans = Math.floor(key / 6) % 2, bh = Math.floor(key / 12) % 2, week = Math.floor(key / 24)
    const weekStartKey = dateKeyOfDay(week)
    for (const [waitSeconds, count] of map) {
      waits.push({ weekStartKey, businessHours: bh === 1, outcome: ans === 1 ? 'answered' : 'abandoned', waitSeconds, csatScore: csat || null, count })
    }
  }
  // Handle counts are keyed by issue name (as SQL groups by issue_type), merging queues.
  const handleByName = new Map<string, { issueType: string | null; csat: number | null; counts: Map<number, number> }>()
  for (const h of handleMaps.values()) {
    const key = `${h.issueType === null ? '\u0000' : h.issueType}|${h.csat ?? ''}`
    const into = handleByName.get(key)
    if (!into) handleByName.set(key, { issueType: h.issueType, csat: h.csat, counts: new Map(h.counts) })
    else for (const [v, n] of h.counts) addCount(into.counts, v, n)
  }
  const handles: HandleCount[] = []
  for (const h of handleByName.values()) for (const [handleSeconds, count] of h.counts) handles.push({ issueType: h.issueType, handleSeconds, csatScore: h.csat, count })

  return {
    quarterHours: quartersWithContacts(firstQuarter, quarterOffered, quarterAbandoned, quarterHandle),
    waits,
    handles,
    groups: [...groups.values()].map((g) => ({ ...g.group, totals: totalsOf(g.acc) })),
    concurrency: chatConcurrencyOfStarts(agentSpans),
    previous: {
      totals: previousAcc[T.offered] ? totalsOf(previousAcc) : emptyTotals(),
      answeredWaits: [...previousWaits.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count })),
    },
  }
}

export interface LongChatRow { queueId: number; queueName: string; id: number; issueType: string; agent: string | null; arrivedAtMs: number; handleSeconds: number; thresholdSeconds: number }

/**
 * Answered contacts in [fromMs, toMs) whose handle time exceeds their issue type's threshold (issue key: the name, or
 * `noValue` when missing or empty): the longest `limit` (ties by id) and how many there are in all.
 */
export function longChatsInColumns(columnSets: readonly ContactColumns[], fromMs: number, toMs: number, thresholds: ReadonlyMap<string, number>, noValue: string, limit: number): { rows: LongChatRow[]; count: number } {
  const found: LongChatRow[] = []
  for (const c of columnSets) {
    const limitByCode = c.issueNames.map((name) => thresholds.get(name === '' ? noValue : name))
    const missing = thresholds.get(noValue)
    const end = lowerBound(c.arrivedAtMs, toMs)
    for (let i = lowerBound(c.arrivedAtMs, fromMs); i < end; i++) {
      if (c.answered[i] !== 1) continue
      const code = c.issueCode[i]
      const threshold = code < 0 ? missing : limitByCode[code]
      const handle = c.handleSeconds[i]
      if (threshold === undefined || !(handle > threshold)) continue
      const issueType = code < 0 || c.issueNames[code] === '' ? noValue : c.issueNames[code]
      found.push({ queueId: c.queueId, queueName: c.queueName, id: c.id[i], issueType, agent: c.agentCode[i] < 0 ? null : c.agentNames[c.agentCode[i]], arrivedAtMs: c.arrivedAtMs[i], handleSeconds: handle, thresholdSeconds: threshold })
    }
  }
  found.sort((a, b) => b.handleSeconds - a.handleSeconds || a.id - b.id)
  return { rows: found.slice(0, limit), count: found.length }
}

/**
 * The columns after some contacts changed: the rows of `old` whose id is in `changedIds` are dropped (changed or
 * removed), and the rows of `current` (the present state of those contacts that still belong to the queue, sorted
 * by arrival then id) are merged in at their place, so the result is sorted as a fresh load would be. Dictionary
 * codes of `current` are mapped onto `old`'s names (new names are appended). Neither input is changed.
 */
export function patchContactColumns(old: ContactColumns, changedIds: ReadonlySet<number>, current: ContactColumns): ContactColumns {
  // Old rows to drop (changed or removed), in order: a numeric range test first, the set only for ids within it.
  const dropped: number[] = []
  let minId = Infinity, maxId = -Infinity
  for (const id of changedIds) { if (id < minId) minId = id; if (id > maxId) maxId = id }
  for (let i = 0; i < old.length; i++) { const id = old.id[i]; if (id >= minId && id <= maxId && changedIds.has(id)) dropped.push(i) }
  const n = old.length - dropped.length + current.length
  const remap = (oldNames: string[], newNames: string[]) => {
    const names = oldNames.slice()
    const index = new Map(names.map((name, i) => [name, i]))
    const map = newNames.map((name) => { let c = index.get(name); if (c === undefined) { c = names.length; names.push(name); index.set(name, c) } return c })
    return { names, map }
  }
  const issue = remap(old.issueNames, current.issueNames), segment = remap(old.segmentNames, current.segmentNames), agent = remap(old.agentNames, current.agentNames)
  const out: ContactColumns = {
    queueId: old.queueId, queueName: current.queueName, length: n,
    id: new Float64Array(n), arrivedAtMs: new Float64Array(n), firstResponseAtMs: new Float64Array(n), endedAtMs: new Float64Array(n),
    waitSeconds: new Float64Array(n), handleSeconds: new Float64Array(n), answered: new Uint8Array(n), resolved: new Int8Array(n),
    csatScore: new Int8Array(n), npsScore: new Int8Array(n), synthetic: new Uint8Array(n),
    issueCode: new Int32Array(n), issueNames: issue.names, segmentCode: new Int32Array(n), segmentNames: segment.names, agentCode: new Int32Array(n), agentNames: agent.names,
  }
  // Copying runs of unchanged rows with TypedArray.set keeps a feed's patch near memcpy speed on a million rows.
  const numeric = ['id', 'arrivedAtMs', 'firstResponseAtMs', 'endedAtMs', 'waitSeconds', 'handleSeconds', 'answered', 'resolved', 'csatScore', 'npsScore', 'synthetic', 'issueCode', 'segmentCode', 'agentCode'] as const
  const copyRun = (from: number, until: number, to: number) => {
    if (until <= from) return
    for (const k of numeric) (out[k] as Float64Array).set((old[k] as Float64Array).subarray(from, until), to)
  }
  const codes = { issue: issue.map, segment: segment.map, agent: agent.map }
  const copyCurrent = (j: number, to: number) => {
    for (const k of numeric) (out[k] as Float64Array)[to] = (current[k] as Float64Array)[j]
    const ic = current.issueCode[j], sc = current.segmentCode[j], ac = current.agentCode[j]
    out.issueCode[to] = ic >= 0 ? codes.issue[ic] : ic
    out.segmentCode[to] = sc >= 0 ? codes.segment[sc] : sc
    out.agentCode[to] = ac >= 0 ? codes.agent[ac] : ac
  }
  /** First old row at or after (arrivedAtMs, id) in the sort order. */
  const positionOf = (arrivedAtMs: number, id: number) => {
    let lo = 0, hi = old.length
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (old.arrivedAtMs[mid] < arrivedAtMs || (old.arrivedAtMs[mid] === arrivedAtMs && old.id[mid] < id)) lo = mid + 1; else hi = mid }
    return lo
  }
  // Walk the old rows in runs between drops and the places where the current rows go.
  let i = 0, d = 0, to = 0
  const copyOldUntil = (until: number) => {
    while (i < until) {
      const stop = d < dropped.length && dropped[d] < until ? dropped[d] : until
      copyRun(i, stop, to)
      to += stop - i
      i = stop
      if (d < dropped.length && dropped[d] === i) { i++; d++ }
    }
  }
  for (let j = 0; j < current.length; j++) {
    copyOldUntil(positionOf(current.arrivedAtMs[j], current.id[j]))
    copyCurrent(j, to++)
  }
  copyOldUntil(old.length)
  return out
}
