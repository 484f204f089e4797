/**
 * The KPI report's data: everything is aggregated in SQL (value counts of waits and handle times, COUNT/SUM totals
 * per week × queue × issue type × segment × agent, arrivals per UTC quarter-hour), so a 90-day range of a busy
 * queue never loads its contacts one by one. Local time (weeks, weekdays, opening hours) is computed in SQL from the
 * zone's UTC offsets over the range, which luxon supplies (offset changes are passed as a CASE on arrived_at_ms).
 * The pure module src/kpis/ turns these aggregates into the report.
 */
import { numberProblem, parseNumberText } from '../schemas/bounds.ts'
import { KPI_THRESHOLD_SECONDS } from '../schemas/queryParams.ts'
import { SANE_MAX_MS, SANE_MIN_MS } from '../schemas/queryParams.ts'
import type { Db } from './client.ts'
import type { Queue } from './schema.ts'
import { listQueues, openingHoursOf, type OpeningHours } from './queues.ts'
import { offsetMinutesAt, formatLocalIso, startOfLocalDayUtcMs, nextDateKey } from '../time/zones.ts'
import { emptyTotals, type ContactTotals } from '../kpis/contactTotals.ts'
import { chatConcurrency, type HeldSpan } from '../kpis/concurrency.ts'
import { longChatRules } from '../kpis/longChats.ts'
import { NO_VALUE } from '../kpis/segment.ts'
import { previousPeriodOf } from '../kpis/trend.ts'
import { buildKpiReport, type HandleCount, type KpiInputs, type KpiReport, type LongChat, type QuarterHourVolume, type TotalsGroup, type WaitCount } from '../kpis/report.ts'
import type { ValueCount } from '../kpis/histogram.ts'
import { longChatsInColumns, lowerBound, patchContactColumns, type ContactColumns, type OffsetSegments } from '../kpis/contactColumns.ts'
import { aggregateDaysOfColumns, combineDayAggregates, emptyDayAggregate, mergeDayAggregates, previousOfDays, type DayAggregate, type OpeningMinutes, type QueueDays } from '../kpis/dayAggregates.ts'
import { contactChangesSince, contactVersionsOf, lastContactChange } from './contactAggregates.ts'

/** Rows dated outside 1970–2100 (stored before imports had a date window) never set a default range: one such row would break the page. */
const SANE_ARRIVAL = `arrived_at_ms >= ${SANE_MIN_MS} AND arrived_at_ms < ${SANE_MAX_MS}`

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const QUARTER_MS = 900_000
/** Long chats listed on the page (all are counted). */
export const LONG_CHAT_LIST_LIMIT = 200

/** A queue that has contact records, with the time of its last contact. */
export interface KpiQueue { queue: Queue; lastArrivedAtMs: number; firstArrivedAtMs: number }

/** Queues with contact records (interval-only queues have no contact-level KPIs), sorted by name. */
export async function listKpiQueues(db: Db): Promise<KpiQueue[]> {
  const queues = await listQueues(db)
  const r = await db.client.execute(`SELECT q.id AS id,
      (SELECT MIN(arrived_at_ms) FROM contacts c WHERE c.queue_id = q.id AND ${SANE_ARRIVAL}) AS first_ms,
      (SELECT MAX(arrived_at_ms) FROM contacts c WHERE c.queue_id = q.id AND ${SANE_ARRIVAL}) AS last_ms FROM queues q`)
  const spans = new Map(r.rows.map((row) => [Number(row.id), row.last_ms === null ? null : { first: Number(row.first_ms), last: Number(row.last_ms) }]))
  return queues.flatMap((queue) => { const s = spans.get(queue.id); return s ? [{ queue, firstArrivedAtMs: s.first, lastArrivedAtMs: s.last }] : [] })
}

export interface KpiQuery {
  queues: Queue[]
  /** Queue name, or "all queues". */
  scopeLabel: string
  /** Local dates YYYY-MM-DD, both included. */
  fromDateKey: string
  toDateKey: string
  thresholdSeconds: number
  /** Zone of the local times (weeks, hours); defaults to the first queue's. */
  timeZone?: string
}

/** The default range: the last `days` local dates up to the last contact of the queues. */
export function defaultKpiRange(kpiQueues: readonly KpiQueue[], timeZone: string, days = 30): { fromDateKey: string; toDateKey: string } | null {
  if (!kpiQueues.length) return null
  const last = Math.max(...kpiQueues.map((q) => q.lastArrivedAtMs))
  const toDateKey = formatLocalIso(last, timeZone).slice(0, 10)
  const fromDateKey = new Date(Date.parse(toDateKey + 'T00:00:00Z') - (days - 1) * DAY_MS).toISOString().slice(0, 10)
  return { fromDateKey, toDateKey }
}

/** The zone's UTC offsets over [fromMs, toMs): offsetMs[k] holds until untilMs[k]; the last one to the end. */
export function offsetSegmentsOf(fromMs: number, toMs: number, zone: string): OffsetSegments {
  const untilMs: number[] = [], offsetMs: number[] = []
  let offset = offsetMinutesAt(fromMs, zone) * 60_000
  for (let h = Math.floor(fromMs / HOUR_MS) + 1; h * HOUR_MS < toMs; h++) {
    const next = offsetMinutesAt(h * HOUR_MS, zone) * 60_000
    if (next !== offset) { untilMs.push(h * HOUR_MS); offsetMs.push(offset); offset = next }
  }
  offsetMs.push(offset)
  return { untilMs, offsetMs }
}

/** SQL for the local wall-clock time (as ms) of arrived_at_ms, exact over [fromMs, toMs) for the zone's offsets. */
export function localMsSql(fromMs: number, toMs: number, zone: string): string {
  const { untilMs, offsetMs } = offsetSegmentsOf(fromMs, toMs, zone)
  if (!untilMs.length) return `(arrived_at_ms + ${offsetMs[0]})`
  return `(arrived_at_ms + CASE ${untilMs.map((u, k) => `WHEN arrived_at_ms < ${u} THEN ${offsetMs[k]}`).join(' ')} ELSE ${offsetMs[offsetMs.length - 1]} END)`
}

function isAlwaysOpen(hours: OpeningHours): boolean {
  return hours.every((d) => d !== null && d.openMinute <= 0 && d.closeMinute >= 1440)
}

/** SQL: 1 when the contact arrived within its queue's opening hours (local), else 0. */
function businessHoursSql(queues: readonly Queue[], localMs: string): string {
  const weekday = `((${localMs} / ${DAY_MS} + 3) % 7)`
  const minute = `((${localMs} % ${DAY_MS}) / 60000)`
  const perQueue = queues.map((q) => {
    const hours = openingHoursOf(q)
    if (isAlwaysOpen(hours)) return `WHEN ${q.id} THEN 1`
    const days = hours.map((d, i) => (d ? `WHEN ${i} THEN (${minute} >= ${d.openMinute} AND ${minute} < ${d.closeMinute})` : `WHEN ${i} THEN 0`))
    return `WHEN ${q.id} THEN (CASE ${weekday} ${days.join(' ')} ELSE 0 END)`
  })
  return `(CASE queue_id ${perQueue.join(' ')} ELSE 1 END)`
}

const TOTALS_SQL = (thresholdSeconds: number) => `COUNT(*) AS offered, SUM(outcome = 'answered') AS answered, SUM(outcome = 'abandoned') AS abandoned,
  SUM(outcome = 'answered' AND wait_seconds <= ${thresholdSeconds}) AS within_threshold,
  TOTAL(CASE WHEN outcome = 'answered' THEN wait_seconds END) AS wait_sum,
  SUM(outcome = 'answered' AND handle_seconds IS NOT NULL) AS handled, TOTAL(CASE WHEN outcome = 'answered' THEN handle_seconds END) AS handle_sum,
  SUM(resolved_first_contact = 1) AS resolved, COUNT(resolved_first_contact) AS resolution_known,
  SUM(csat_score BETWEEN 1 AND 5) AS csat_n, SUM(csat_score BETWEEN 4 AND 5) AS csat_satisfied, TOTAL(CASE WHEN csat_score BETWEEN 1 AND 5 THEN csat_score END) AS csat_sum,
  SUM(nps_score BETWEEN 0 AND 10) AS nps_n, SUM(nps_score BETWEEN 9 AND 10) AS nps_promoters, SUM(nps_score BETWEEN 0 AND 6) AS nps_detractors,
  SUM(synthetic) AS synthetic_n`

function totalsOfRow(r: Record<string, unknown>): ContactTotals {
  const n = (k: string) => Number(r[k] ?? 0)
  return {
    offered: n('offered'), answered: n('answered'), abandoned: n('abandoned'), answeredWithinThreshold: n('within_threshold'), waitSumSeconds: n('wait_sum'),
    handled: n('handled'), handleSumSeconds: n('handle_sum'), resolved: n('resolved'), resolutionKnown: n('resolution_known'),
    csatResponses: n('csat_n'), csatSatisfied: n('csat_satisfied'), csatScoreSum: n('csat_sum'),
    npsResponses: n('nps_n'), npsPromoters: n('nps_promoters'), npsDetractors: n('nps_detractors'), synthetic: n('synthetic_n'),
  }
}

function dateKeyOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const nullableString = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

function rangeOf(query: KpiQuery): { timeZone: string; fromMs: number; toMs: number } {
  const { queues, fromDateKey, toDateKey, thresholdSeconds } = query
  if (!queues.length) throw new RangeError('queues must name at least one queue')
  if (!(Number.isFinite(thresholdSeconds) && thresholdSeconds >= 0)) throw new RangeError(`thresholdSeconds must be a number of seconds >= 0, got ${thresholdSeconds}`)
  const timeZone = query.timeZone ?? queues[0].timeZone
  const fromMs = startOfLocalDayUtcMs(fromDateKey, timeZone)
  const toMs = startOfLocalDayUtcMs(nextDateKey(toDateKey), timeZone)
  if (!(toMs > fromMs)) throw new RangeError(`the range ${fromDateKey} – ${toDateKey} is empty (the end is before the start)`)
  return { timeZone, fromMs, toMs }
}

/** Runs the aggregate queries of one range in SQL and returns the report's inputs (the reference path; see loadKpiInputsFromColumns). */
export async function loadKpiInputs(db: Db, query: KpiQuery): Promise<KpiInputs> {
  const { queues, fromDateKey, toDateKey, thresholdSeconds } = query
  const { timeZone, fromMs, toMs } = rangeOf(query)
  const ids = queues.map((q) => q.id).join(',')
  const names = new Map(queues.map((q) => [q.id, q.name]))
  const where = `queue_id IN (${ids}) AND arrived_at_ms >= ${fromMs} AND arrived_at_ms < ${toMs}`
  const local = localMsSql(fromMs, toMs, timeZone)
  const week = `((${local} / ${DAY_MS}) - ((${local} / ${DAY_MS} + 3) % 7))`
  const business = businessHoursSql(queues, local)

  const quarterRows = await db.client.execute(`SELECT arrived_at_ms / ${QUARTER_MS} AS q, COUNT(*) AS offered, SUM(outcome = 'abandoned') AS abandoned,
      TOTAL(CASE WHEN outcome = 'answered' THEN handle_seconds END) AS handle_sum FROM contacts WHERE ${where} GROUP BY q`)
  const quarterHours: QuarterHourVolume[] = quarterRows.rows.map((r) => ({ startMs: Number(r.q) * QUARTER_MS, offered: Number(r.offered), abandoned: Number(r.abandoned), handleSumSeconds: Number(r.handle_sum) }))

  const waitRows = await db.client.execute(`SELECT ${week} AS wk, ${business} AS bh, outcome, wait_seconds, CASE WHEN csat_score BETWEEN 1 AND 5 THEN csat_score END AS csat, COUNT(*) AS n
      FROM contacts WHERE ${where} GROUP BY wk, bh, outcome, wait_seconds, csat`)
  const waits: WaitCount[] = waitRows.rows.map((r) => ({
    weekStartKey: dateKeyOfDayNumber(Number(r.wk)), businessHours: Number(r.bh) === 1, outcome: r.outcome === 'abandoned' ? 'abandoned' : 'answered',
    waitSeconds: nullableNumber(r.wait_seconds), csatScore: nullableNumber(r.csat), count: Number(r.n),
  }))

  const handleRows = await db.client.execute(`SELECT issue_type, handle_seconds, CASE WHEN csat_score BETWEEN 1 AND 5 THEN csat_score END AS csat, COUNT(*) AS n
      FROM contacts WHERE ${where} AND outcome = 'answered' AND handle_seconds IS NOT NULL GROUP BY issue_type, handle_seconds, csat`)
  const handles: HandleCount[] = handleRows.rows.map((r) => ({ issueType: nullableString(r.issue_type), handleSeconds: Number(r.handle_seconds), csatScore: nullableNumber(r.csat), count: Number(r.n) }))

  const groupRows = await db.client.execute(`SELECT ${week} AS wk, queue_id, issue_type, customer_segment, agent, ${TOTALS_SQL(thresholdSeconds)}
      FROM contacts WHERE ${where} GROUP BY wk, queue_id, issue_type, customer_segment, agent`)
  const groups: TotalsGroup[] = groupRows.rows.map((r) => ({
    weekStartKey: dateKeyOfDayNumber(Number(r.wk)), queueName: names.get(Number(r.queue_id)) ?? String(r.queue_id),
    issueType: nullableString(r.issue_type), customerSegment: nullableString(r.customer_segment), agent: nullableString(r.agent), totals: totalsOfRow(r),
  }))

  const spanRows = await db.client.execute(`SELECT agent, group_concat(first_response_at_ms - ${fromMs}) AS starts, group_concat(ended_at_ms - ${fromMs}) AS ends
      FROM contacts WHERE ${where} AND outcome = 'answered' AND agent IS NOT NULL AND agent <> '' AND first_response_at_ms IS NOT NULL AND ended_at_ms >= first_response_at_ms
      GROUP BY agent`)
  const spans: HeldSpan[] = []
  for (const r of spanRows.rows) {
    const starts = String(r.starts).split(','), ends = String(r.ends).split(',')
    const agent = String(r.agent)
    for (let i = 0; i < starts.length; i++) spans.push({ agent, startMs: fromMs + Number(starts[i]), endMs: fromMs + Number(ends[i]) })
  }

  const { chats: longChats, count: longChatCount } = await loadLongChats(db, where, handles, names)

  const previousRange = previousPeriodOf(fromDateKey, toDateKey)
  const prevFromMs = startOfLocalDayUtcMs(previousRange.fromDateKey, timeZone)
  const prevRows = await db.client.execute(`SELECT outcome, wait_seconds, ${TOTALS_SQL(thresholdSeconds)} FROM contacts
      WHERE queue_id IN (${ids}) AND arrived_at_ms >= ${prevFromMs} AND arrived_at_ms < ${fromMs} GROUP BY outcome, wait_seconds`)
  const previousTotals = prevRows.rows.map(totalsOfRow).reduce((sum, t) => { for (const k of Object.keys(sum) as (keyof ContactTotals)[]) sum[k] += t[k]; return sum }, emptyTotals())
  const answeredWaits: ValueCount[] = prevRows.rows.filter((r) => r.outcome === 'answered' && r.wait_seconds !== null).map((r) => ({ value: Number(r.wait_seconds), count: Number(r.offered) }))

  return {
    scopeLabel: query.scopeLabel, queueNames: queues.map((q) => q.name), timeZone, fromDateKey, toDateKey, thresholdSeconds,
    openingHoursSet: queues.some((q) => !isAlwaysOpen(openingHoursOf(q))),
    quarterHours, waits, handles, groups, concurrency: chatConcurrency(spans), longChats, longChatCount,
    previous: { ...previousRange, totals: previousTotals, answeredWaits },
  }
}

async function loadLongChats(db: Db, where: string, handles: readonly HandleCount[], names: Map<number, string>): Promise<{ chats: LongChat[]; count: number }> {
  const byIssue = new Map<string, ValueCount[]>()
  for (const h of handles) {
    const key = h.issueType || NO_VALUE
    const list = byIssue.get(key) ?? []
    list.push({ value: h.handleSeconds, count: h.count })
    byIssue.set(key, list)
  }
  const rules = longChatRules(byIssue).filter((r) => r.thresholdSeconds !== null)
  if (!rules.length) return { chats: [], count: 0 }
  const issue = `COALESCE(NULLIF(issue_type, ''), ?)`
  const thresholdCase = `CASE ${issue} ${rules.map(() => 'WHEN ? THEN ?').join(' ')} END`
  const args = [NO_VALUE, ...rules.flatMap((r) => [r.issueType, r.thresholdSeconds!])]
  const r = await db.client.execute({
    sql: `SELECT id, external_id, queue_id, ${issue} AS issue, agent, arrived_at_ms, handle_seconds, ${thresholdCase} AS threshold, COUNT(*) OVER () AS total
          FROM contacts WHERE ${where} AND outcome = 'answered' AND handle_seconds > ${thresholdCase}
          ORDER BY handle_seconds DESC, id LIMIT ${LONG_CHAT_LIST_LIMIT}`,
    args: [NO_VALUE, NO_VALUE, ...args.slice(1), ...args],
  })
  return {
    count: r.rows.length ? Number(r.rows[0].total) : 0,
    chats: r.rows.map((row) => ({
      id: Number(row.id), externalId: nullableString(row.external_id), queueName: names.get(Number(row.queue_id)) ?? String(row.queue_id), issueType: String(row.issue),
      agent: nullableString(row.agent), arrivedAtMs: Number(row.arrived_at_ms), handleSeconds: Number(row.handle_seconds), thresholdSeconds: Number(row.threshold),
    })),
  }
}

/**
 * The KPI report of a range. `columns` (the default) aggregates an in-memory column copy of the queues' contacts,
 * loaded once per data version (see kpiColumnsOf); `sql` aggregates in the database. Both give the same figures.
 */
export async function loadKpiReport(db: Db, query: KpiQuery, { source = 'columns' }: { source?: 'columns' | 'sql' } = {}): Promise<KpiReport> {
  return buildKpiReport(source === 'sql' ? await loadKpiInputs(db, query) : await loadKpiInputsFromColumns(db, query))
}

// ---------------------------------------------------------------------------------------------------------------
// The column cache: each queue's contacts as typed arrays, kept per database handle while that queue's contacts are
// unchanged (its data version, kept by triggers: src/db/contactAggregates.ts). A feed into one queue reloads that
// queue's columns only. Staleness under a feed is handled a level up, visibly (src/planning/kpiReports.ts).

/** Above this many cached contacts the report falls back to SQL aggregation (about 65 bytes a contact). */
export const MAX_CACHED_CONTACTS = 5_000_000

/**
 * One queue's columns at a data version, with the per-day aggregates computed from them so far, per
 * (zone, threshold, opening hours): a day is aggregated once, and again only after one of its contacts changed.
 */
interface QueueColumnsState { columns: ContactColumns; seq: number; days: Map<string, DayCache> }
/** A zone's day aggregates, and each whole week's merged (keyed by its Monday's local day number). */
interface DayCache { timeZone: string; byDay: Map<number, DayAggregate>; byWeek: Map<number, DayAggregate> }
interface CachedQueueColumns { version: number; name: string; rows: number; columns: Promise<QueueColumnsState> }
const columnCaches = new WeakMap<Db, Map<number, CachedQueueColumns>>()
/** Day caches kept per queue (each a zone × threshold × opening hours the page was asked for). */
const MAX_DAY_CACHES = 4

/** Forgets the cached columns of a database. */
export function invalidateKpiCache(db: Db): void {
  columnCaches.delete(db)
}

const UNIT = '\u001f', NULL_MARK = '\u001e'

function numbersOf(text: unknown, length: number): Float64Array {
  const out = new Float64Array(length)
  if (!length) return out
  const parts = String(text).split(',')
  for (let i = 0; i < length; i++) { const p = parts[i]; out[i] = p === '' ? NaN : Number(p) }
  return out
}

function codesOf(text: unknown, length: number): { codes: Int32Array; names: string[] } {
  const codes = new Int32Array(length)
  const names: string[] = []
  const index = new Map<string, number>()
  if (!length) return { codes, names }
  const parts = String(text).split(UNIT)
  for (let i = 0; i < length; i++) {
    const p = parts[i]
    if (p === NULL_MARK) { codes[i] = -1; continue }
    let code = index.get(p)
    if (code === undefined) { code = names.length; names.push(p); index.set(p, code) }
    codes[i] = code
  }
  return { codes, names }
}

/**
 * Loads one queue's contacts into columns, sorted by arrival (one scan; each column as one group_concat string);
 * with `ids`, only those contacts (the ones changed since the columns were loaded).
 */
async function loadQueueColumns(db: Db, queue: Queue, ids?: readonly number[]): Promise<ContactColumns> {
  // With ids, `+queue_id` keeps SQLite from walking the (queue, arrival) index through the whole queue: the ids are rowid lookups.
  const num = (col: string) => `group_concat(IFNULL(${col}, ''), ',')`
  const str = (col: string) => `group_concat(IFNULL(${col}, char(30)), char(31))`
  const r = await db.client.execute({
    sql: `SELECT COUNT(*) AS n, ${num('id')} AS id, ${num('arrived_at_ms')} AS arrived, ${num('first_response_at_ms')} AS first_response, ${num('ended_at_ms')} AS ended,
            ${num('wait_seconds')} AS wait, ${num('handle_seconds')} AS handle, ${num("(outcome = 'answered')")} AS answered, ${num('resolved_first_contact')} AS resolved,
            ${num('CASE WHEN csat_score BETWEEN 1 AND 5 THEN csat_score END')} AS csat, ${num('CASE WHEN nps_score BETWEEN 0 AND 10 THEN nps_score END')} AS nps, ${num('synthetic')} AS synthetic,
            ${str('issue_type')} AS issue, ${str('customer_segment')} AS segment, ${str('agent')} AS agent
          FROM (SELECT * FROM contacts WHERE ${ids ? `+queue_id = ? AND id IN (${ids.map((id) => Math.trunc(id)).join(',')})` : 'queue_id = ?'} ORDER BY arrived_at_ms, id)`,
    args: [queue.id],
  })
  const row = r.rows[0]
  const n = Number(row.n)
  const small = (text: unknown, missing: number, Type: typeof Int8Array | typeof Uint8Array) => {
    const values = numbersOf(text, n)
    const out = new Type(n)
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(values[i]) ? missing : values[i]
    return out
  }
  const issue = codesOf(row.issue, n), segment = codesOf(row.segment, n), agent = codesOf(row.agent, n)
  return {
    queueId: queue.id, queueName: queue.name, length: n,
    id: numbersOf(row.id, n), arrivedAtMs: numbersOf(row.arrived, n), firstResponseAtMs: numbersOf(row.first_response, n), endedAtMs: numbersOf(row.ended, n),
    waitSeconds: numbersOf(row.wait, n), handleSeconds: numbersOf(row.handle, n),
    answered: small(row.answered, 0, Uint8Array) as Uint8Array, resolved: small(row.resolved, -1, Int8Array) as Int8Array,
    csatScore: small(row.csat, -1, Int8Array) as Int8Array, npsScore: small(row.nps, -1, Int8Array) as Int8Array, synthetic: small(row.synthetic, 0, Uint8Array) as Uint8Array,
    issueCode: issue.codes, issueNames: issue.names, segmentCode: segment.codes, segmentNames: segment.names, agentCode: agent.codes, agentNames: agent.names,
  }
}

/**
 * A queue's columns brought up to date: from the columns loaded before, by applying the contacts changed since
 * (the change log kept by the triggers: a live feed's batch costs a few milliseconds, not a reload of the queue);
 * loaded whole the first time, when the log no longer reaches back, or when most contacts changed.
 */
async function refreshQueueColumns(db: Db, queue: Queue, previous?: Promise<QueueColumnsState>): Promise<QueueColumnsState> {
  const before = previous ? await previous.catch(() => null) : null
  if (before) {
    const changes = await contactChangesSince(db, queue.id, before.seq)
    if (changes && changes.contactIds.length <= Math.max(10_000, before.columns.length / 2)) {
      if (!changes.contactIds.length) return { columns: before.columns.queueName === queue.name ? before.columns : { ...before.columns, queueName: queue.name }, seq: changes.untilSeq, days: before.days }
      const changed = new Set(changes.contactIds)
      const current = await loadQueueColumns(db, queue, changes.contactIds)
      // The days a change touched: where the changed contacts arrived before (moved or removed) and arrive now.
      const touchedMs = [...arrivalsOfIds(before.columns, changed), ...current.arrivedAtMs]
      return { columns: patchContactColumns(before.columns, changed, current), seq: changes.untilSeq, days: withoutTouchedDays(before.days, touchedMs) }
    }
  }
  // The changes after `seq` are applied next time (again, if this load already holds them: applying is idempotent).
  const seq = await lastContactChange(db)
  return { columns: await loadQueueColumns(db, queue), seq, days: new Map() }
}

/** Arrival times of the rows whose id is in `ids`. */
function arrivalsOfIds(c: ContactColumns, ids: ReadonlySet<number>): number[] {
  let minId = Infinity, maxId = -Infinity
  for (const id of ids) { if (id < minId) minId = id; if (id > maxId) maxId = id }
  const out: number[] = []
  for (let i = 0; i < c.length; i++) { const id = c.id[i]; if (id >= minId && id <= maxId && ids.has(id)) out.push(c.arrivedAtMs[i]) }
  return out
}

/** Copies of the day caches without the local days (in each cache's zone) of the given instants. */
function withoutTouchedDays(days: ReadonlyMap<string, DayCache>, touchedMs: ArrayLike<number>): Map<string, DayCache> {
  const out = new Map<string, DayCache>()
  for (const [key, cache] of days) {
    const byDay = new Map(cache.byDay), byWeek = new Map(cache.byWeek)
    for (let k = 0; k < touchedMs.length; k++) {
      const ms = touchedMs[k]
      const day = Math.floor((ms + offsetMinutesAt(ms, cache.timeZone) * 60_000) / DAY_MS)
      byDay.delete(day)
      byWeek.delete(day - ((day + 3) % 7))
    }
    out.set(key, { timeZone: cache.timeZone, byDay, byWeek })
  }
  return out
}

/**
 * The columns of the queues, from the cache for each queue whose contacts have not changed since they were loaded
 * (same data version) and loaded again for the others; null when they would exceed MAX_CACHED_CONTACTS (the
 * caller then aggregates in SQL).
 */
export async function kpiColumnsOf(db: Db, queues: readonly Queue[]): Promise<ContactColumns[] | null> {
  const states = await kpiColumnStatesOf(db, queues)
  return states && states.map((s) => s.columns)
}

/** The local days (in a zone) a report reads: its range and the period before it. */
interface DaysNeeded { timeZone: string; firstDay: number; lastDay: number }

/**
 * Changes seen since a queue's columns were loaded but not applied to them yet, because the reports asked for since
 * read none of the days they touched (where each changed contact arrived before and arrives now).
 */
interface DeferredChanges { base: QueueColumnsState; checkedSeq: number; count: number; touchedQuarters: Set<number> }
const deferrals = new WeakMap<Db, Map<number, DeferredChanges>>()
/** Past this many deferred changes of a queue the columns are patched anyway. */
const MAX_DEFERRED_CHANGES = 500_000

/**
 * The queue's current columns when a report over `need` may use them although newer changes exist: none of those
 * changes touches a day of `need` (so every figure of those days is unchanged). Null when the columns must be
 * brought up to date. Only the changed contacts' arrival times are read, not the contacts.
 */
async function columnsIfUntouched(db: Db, queue: Queue, entry: CachedQueueColumns, need: DaysNeeded): Promise<QueueColumnsState | null> {
  if (entry.name !== queue.name) return null
  const base = await entry.columns.catch(() => null)
  if (!base || base.columns.queueName !== queue.name) return null
  let byQueue = deferrals.get(db)
  if (!byQueue) { byQueue = new Map(); deferrals.set(db, byQueue) }
  let deferred = byQueue.get(queue.id)
  if (!deferred || deferred.base !== base) deferred = { base, checkedSeq: base.seq, count: 0, touchedQuarters: new Set() }
  const changes = await contactChangesSince(db, queue.id, deferred.checkedSeq)
  if (!changes || deferred.count + changes.contactIds.length > MAX_DEFERRED_CHANGES) { byQueue.delete(queue.id); return null }
  if (changes.contactIds.length) {
    const now = await db.client.execute(`SELECT arrived_at_ms FROM contacts WHERE id IN (${changes.contactIds.map((id) => Math.trunc(id)).join(',')})`)
    // Kept as UTC quarter-hours (a zone's offset changes only on a quarter-hour), so a long feed stays a short list.
    for (const ms of arrivalsOfIds(base.columns, new Set(changes.contactIds))) deferred.touchedQuarters.add(Math.floor(ms / QUARTER_MS))
    for (const r of now.rows) deferred.touchedQuarters.add(Math.floor(Number(r.arrived_at_ms) / QUARTER_MS))
    deferred.count += changes.contactIds.length
  }
  deferred.checkedSeq = changes.untilSeq
  byQueue.set(queue.id, deferred)
  for (const quarter of deferred.touchedQuarters) {
    for (const ms of [quarter * QUARTER_MS, quarter * QUARTER_MS + QUARTER_MS - 1]) {
      const day = Math.floor((ms + offsetMinutesAt(ms, need.timeZone) * 60_000) / DAY_MS)
      if (day >= need.firstDay && day <= need.lastDay) return null
    }
  }
  return base
}

async function kpiColumnStatesOf(db: Db, queues: readonly Queue[], need?: DaysNeeded): Promise<QueueColumnsState[] | null> {
  const ids = queues.map((q) => q.id)
  const versions = await contactVersionsOf(db, ids)
  let cache = columnCaches.get(db)
  if (!cache) { cache = new Map(); columnCaches.set(db, cache) }
  let stale = queues.filter((q) => { const c = cache!.get(q.id); return !c || c.version !== versions.get(q.id) || c.name !== q.name })
  // A live feed changes a queue every second, mostly on days a report does not read: those reports use the columns
  // as they are, and the changes are applied when a report reads a day they touched.
  const untouched = new Map<number, QueueColumnsState>()
  if (need) {
    for (const q of stale) {
      const entry = cache.get(q.id)
      const usable = entry ? await columnsIfUntouched(db, q, entry, need) : null
      if (usable) untouched.set(q.id, usable)
    }
    stale = stale.filter((q) => !untouched.has(q.id))
  }
  if (stale.length) {
    const counts = await db.client.execute(`SELECT queue_id, TOTAL(contacts) AS n FROM contact_quarter_hours WHERE queue_id IN (${ids.join(',')}) GROUP BY queue_id`)
    const rowsOf = new Map(counts.rows.map((r) => [Number(r.queue_id), Number(r.n)]))
    const wanted = ids.reduce((s, id) => s + (rowsOf.get(id) ?? 0), 0)
    if (wanted > MAX_CACHED_CONTACTS) return null
    const others = [...cache.entries()].filter(([id]) => !ids.includes(id)).reduce((s, [, c]) => s + c.rows, 0)
    // Keep the cache within the limit: forget other queues' columns first.
    if (others + wanted > MAX_CACHED_CONTACTS) for (const id of [...cache.keys()]) if (!ids.includes(id)) cache.delete(id)
    for (const q of stale) {
      const previous = cache.get(q.id)
      cache.set(q.id, { version: versions.get(q.id)!, name: q.name, rows: rowsOf.get(q.id) ?? 0, columns: refreshQueueColumns(db, q, previous?.columns) })
    }
  }
  const entries = queues.map((q) => cache!.get(q.id)!)
  try {
    return await Promise.all(entries.map((e, k) => untouched.get(queues[k].id) ?? e.columns))
  } catch (error) {
    for (const q of queues) if (entries.includes(cache.get(q.id)!)) cache.delete(q.id)
    throw error
  }
}

/**
 * The days `firstDay`…`lastDay` (local day numbers) of one queue's columns for a zone, threshold and opening hours:
 * from the state's day cache, aggregating only the days not there yet (all days of the queue's data the first time
 * a combination is asked for, so every later range of it is a sum of cached days).
 */
function dayCacheOf(state: QueueColumnsState, timeZone: string, thresholdSeconds: number, hours: OpeningMinutes, firstDay: number, lastDay: number): DayCache {
  const key = JSON.stringify([timeZone, thresholdSeconds, hours])
  let cache = state.days.get(key)
  const c = state.columns
  const aggregateRun = (fromDay: number, toDay: number) => {
    const fromMs = startOfLocalDayUtcMs(dateKeyOfDayNumber(fromDay), timeZone), toMs = startOfLocalDayUtcMs(dateKeyOfDayNumber(toDay + 1), timeZone)
    for (const d of aggregateDaysOfColumns(c, fromMs, toMs, { thresholdSeconds, offsets: offsetSegmentsOf(fromMs, toMs, timeZone), hours })) cache!.byDay.set(d.day, d)
    for (let day = fromDay; day <= toDay; day++) if (!cache!.byDay.has(day)) cache!.byDay.set(day, emptyDayAggregate(day))
  }
  if (!cache) {
    cache = { timeZone, byDay: new Map(), byWeek: new Map() }
    state.days.set(key, cache)
    while (state.days.size > MAX_DAY_CACHES) state.days.delete(state.days.keys().next().value!)
    // First use: every day of the data in one pass (rows outside 1970–2100 are never in a range).
    const first = Math.max(c.length ? c.arrivedAtMs[lowerBound(c.arrivedAtMs, SANE_MIN_MS)] ?? NaN : NaN, SANE_MIN_MS)
    const lastIndex = lowerBound(c.arrivedAtMs, SANE_MAX_MS) - 1
    if (lastIndex >= 0 && first === first) {
      const dayOf = (ms: number) => Math.floor((ms + offsetMinutesAt(ms, timeZone) * 60_000) / DAY_MS)
      const firstDataDay = dayOf(first), lastDataDay = dayOf(c.arrivedAtMs[lastIndex])
      aggregateRun(firstDataDay, lastDataDay)
      // And each whole week of them merged, so no range waits for its weeks to be merged.
      for (let week = firstDataDay - ((firstDataDay + 3) % 7); week <= lastDataDay; week += 7) {
        if (week < firstDataDay || week + 6 > lastDataDay) continue
        const list: DayAggregate[] = []
        for (let d = week; d <= week + 6; d++) list.push(cache.byDay.get(d)!)
        cache.byWeek.set(week, mergeDayAggregates(list))
      }
    }
  }
  let missingFrom = -1
  for (let day = firstDay; day <= lastDay + 1; day++) {
    const missing = day <= lastDay && !cache.byDay.has(day)
    if (missing && missingFrom < 0) missingFrom = day
    if (!missing && missingFrom >= 0) { aggregateRun(missingFrom, day - 1); missingFrom = -1 }
  }
  return cache
}

/**
 * The aggregates making up the days `firstDay`…`lastDay` of a queue: one per whole week (kept merged in the cache)
 * and the days of the weeks cut by the range's ends as they are (cached too, with their concurrency sweeps; merging
 * them for one report cost more than summing them), so a 90-day range sums about 13 weeks and up to 12 days.
 */
function weeksOf(state: QueueColumnsState, timeZone: string, thresholdSeconds: number, hours: OpeningMinutes, firstDay: number, lastDay: number): DayAggregate[] {
  const cache = dayCacheOf(state, timeZone, thresholdSeconds, hours, firstDay, lastDay)
  const out: DayAggregate[] = []
  for (let week = firstDay - ((firstDay + 3) % 7); week <= lastDay; week += 7) {
    const from = Math.max(week, firstDay), to = Math.min(week + 6, lastDay)
    const days = () => { const list: DayAggregate[] = []; for (let d = from; d <= to; d++) list.push(cache.byDay.get(d)!); return list }
    if (from === week && to === week + 6) {
      let merged = cache.byWeek.get(week)
      if (!merged) { merged = mergeDayAggregates(days()); cache.byWeek.set(week, merged) }
      out.push(merged)
    } else out.push(...days())
  }
  return out
}

/** The report's inputs aggregated from the column cache (falls back to SQL when the cache would be too large). */
export async function loadKpiInputsFromColumns(db: Db, query: KpiQuery): Promise<KpiInputs> {
  const { queues, fromDateKey, toDateKey, thresholdSeconds } = query
  const { timeZone, fromMs, toMs } = rangeOf(query)
  const previousRange = previousPeriodOf(fromDateKey, toDateKey)
  const dayNumber = (key: string) => Math.round(Date.parse(key + 'T00:00:00Z') / DAY_MS)
  const fromDay = dayNumber(fromDateKey), toDay = dayNumber(toDateKey), previousFromDay = dayNumber(previousRange.fromDateKey)
  const states = await kpiColumnStatesOf(db, query.queues, { timeZone, firstDay: previousFromDay, lastDay: toDay })
  if (!states) return loadKpiInputs(db, query)
  const columns = states.map((s) => s.columns)
  const current: QueueDays[] = [], before: QueueDays[] = []
  states.forEach((state, k) => {
    const h = openingHoursOf(queues[k])
    const hours = isAlwaysOpen(h) ? null : h
    before.push({ columns: state.columns, days: weeksOf(state, timeZone, thresholdSeconds, hours, previousFromDay, fromDay - 1) })
    current.push({ columns: state.columns, days: weeksOf(state, timeZone, thresholdSeconds, hours, fromDay, toDay) })
  })
  const agg = { ...combineDayAggregates(current), previous: previousOfDays(before) }
  const byIssue = new Map<string, ValueCount[]>()
  for (const h of agg.handles) {
    const key = h.issueType || NO_VALUE
    const list = byIssue.get(key) ?? []
    list.push({ value: h.handleSeconds, count: h.count })
    byIssue.set(key, list)
  }
  const thresholds = new Map(longChatRules(byIssue).filter((r) => r.thresholdSeconds !== null).map((r) => [r.issueType, r.thresholdSeconds!]))
  const long = longChatsInColumns(columns, fromMs, toMs, thresholds, NO_VALUE, LONG_CHAT_LIST_LIMIT)
  const externalIds = new Map<number, string | null>()
  if (long.rows.length) {
    const r = await db.client.execute(`SELECT id, external_id FROM contacts WHERE id IN (${long.rows.map((x) => x.id).join(',')})`)
    for (const row of r.rows) externalIds.set(Number(row.id), nullableString(row.external_id))
  }
  return {
    scopeLabel: query.scopeLabel, queueNames: queues.map((q) => q.name), timeZone, fromDateKey, toDateKey, thresholdSeconds,
    openingHoursSet: queues.some((q) => !isAlwaysOpen(openingHoursOf(q))),
    quarterHours: agg.quarterHours, waits: agg.waits, handles: agg.handles, groups: agg.groups, concurrency: agg.concurrency,
    longChats: long.rows.map((x) => ({ id: x.id, externalId: externalIds.get(x.id) ?? null, queueName: x.queueName, issueType: x.issueType, agent: x.agent, arrivedAtMs: x.arrivedAtMs, handleSeconds: x.handleSeconds, thresholdSeconds: x.thresholdSeconds })),
    longChatCount: long.count,
    previous: { ...previousRange, ...agg.previous },
  }
}

/** What a user asks for (query string or command-line options), before validation. */
export interface KpiRequest { queue?: string; from?: string; to?: string; threshold?: string }

export const DEFAULT_THRESHOLD_SECONDS = 60
const MAX_RANGE_DAYS = 1830

export type ResolvedKpiRequest =
  | { ok: true; kpiQueues: KpiQueue[]; query: KpiQuery; selection: Required<KpiRequest> }
  | { ok: false; kpiQueues: KpiQueue[]; message: string; selection: Required<KpiRequest> }

function isDateKey(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const d = new Date(text + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

/**
 * Validates a KPI request against the queues that have contacts: the queue (id, name or "all"; default all), the
 * dates (YYYY-MM-DD; default the last 30 days of data) and the SLA threshold (seconds; default 60). Bad input gives
 * a message naming the value, never an exception.
 */
export async function resolveKpiRequest(db: Db, request: KpiRequest): Promise<ResolvedKpiRequest> {
  const kpiQueues = await listKpiQueues(db)
  const selection = { queue: request.queue?.trim() || 'all', from: request.from?.trim() ?? '', to: request.to?.trim() ?? '', threshold: request.threshold?.trim() || String(DEFAULT_THRESHOLD_SECONDS) }
  const fail = (message: string): ResolvedKpiRequest => ({ ok: false, kpiQueues, message, selection })
  if (!kpiQueues.length) return fail('There are no contact records yet: import contacts (one row per chat) to see KPIs. Queues with interval aggregates only have no contact-level KPIs.')
  let chosen: KpiQueue[]
  let scopeLabel: string
  if (selection.queue === 'all') { chosen = kpiQueues; scopeLabel = 'All queues' }
  else {
    const one = kpiQueues.find((q) => String(q.queue.id) === selection.queue) ?? kpiQueues.find((q) => q.queue.name === selection.queue)
    if (!one) return fail(`There is no queue '${selection.queue}' with contact records. Queues with contacts: ${kpiQueues.map((q) => q.queue.name).join(', ')}.`)
    chosen = [one]
    scopeLabel = one.queue.name
    selection.queue = String(one.queue.id)
  }
  const threshold = parseNumberText(KPI_THRESHOLD_SECONDS, selection.threshold) ?? NaN
  const thresholdProblem = Number.isNaN(threshold) ? `${KPI_THRESHOLD_SECONDS.label} must be a number, got '${selection.threshold.slice(0, 40)}'` : numberProblem(KPI_THRESHOLD_SECONDS, threshold)
  if (thresholdProblem) return fail(`${thresholdProblem}.`)
  const timeZone = chosen[0].queue.timeZone
  const defaults = defaultKpiRange(chosen, timeZone)!
  if (!selection.from && !selection.to) { selection.from = defaults.fromDateKey; selection.to = defaults.toDateKey }
  else if (!selection.from) selection.from = selection.to
  else if (!selection.to) selection.to = selection.from
  for (const [name, value] of [['from', selection.from], ['to', selection.to]] as const) {
    if (!isDateKey(value)) return fail(`The '${name}' date must be a date written YYYY-MM-DD, got '${value}'.`)
  }
  if (selection.to < selection.from) return fail(`The range ends (${selection.to}) before it starts (${selection.from}).`)
  const days = Math.round((Date.parse(selection.to) - Date.parse(selection.from)) / DAY_MS) + 1
  if (days > MAX_RANGE_DAYS) return fail(`The range is ${days} days long; choose at most ${MAX_RANGE_DAYS} days.`)
  return { ok: true, kpiQueues, selection, query: { queues: chosen.map((q) => q.queue), scopeLabel, fromDateKey: selection.from, toDateKey: selection.to, thresholdSeconds: threshold, timeZone } }
}

/** "1999-01-01 – 1999-10-31": the local dates of the first and last contact of the queues in a request. */
export function describeDataSpan(kpiQueues: readonly KpiQueue[], timeZone: string): string {
  const first = Math.min(...kpiQueues.map((q) => q.firstArrivedAtMs)), last = Math.max(...kpiQueues.map((q) => q.lastArrivedAtMs))
  return `${formatLocalIso(first, timeZone).slice(0, 10)} – ${formatLocalIso(last, timeZone).slice(0, 10)}`
}
