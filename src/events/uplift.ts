/**
 * Learned uplift: what past events of a kind did to volume, measured as actual against a counterfactual made
 * without the event, with its spread; proposed for new events of that kind; and how such proposals turned out.
 *
 * Counterfactual ("what the forecast would have been without the event"): for each interval, the mean volume at
 * the same local time on the nearest same-weekday days (before and after, up to `neighbourDays` of them within
 * `maxWeeksAway` weeks) that no event touched and that had volume: the calendar same-weekday mean that is the
 * strongest simple baseline on these series (shared/reference/forecast_protocol.md), centred on the event.
 *
 * Effect of one occurrence, with intensities w_i of its shape (calendar.ts), actual A_i and counterfactual B_i:
 * multiplier m = 1 + Σ(A − B) / Σ(B·w) (least squares of the aggregate A ≈ B·(1 + (m − 1)·w); Σ A / Σ B for a flat
 * shape); added volume per day a = Σ(A − B) / Σ(w·B/B_day).
 */
import { mean, quantile, sampleStandardDeviation } from 'simple-statistics'
import { localParts } from '../time/zones.ts'
import { affectedDates, effectWindow, intervalIntensity, type CalendarEvent, type EffectKind } from './calendar.ts'

/** An interval history: starts (UTC ms, increasing) and volumes. */
export interface HistorySeries {
  startMs: readonly number[]
  volumes: readonly number[]
}

export interface BaselineOptions {
  timeZone: string
  /** Local dates kept out of the counterfactual (event days, closed days). */
  excludedDates?: ReadonlySet<string>
  /** Same-weekday days averaged. @default 4 */
  neighbourDays?: number
  /** How far (in weeks, each side) neighbours are looked for. @default 8 */
  maxWeeksAway?: number
  /** Only look at days before (an honest forecast-like counterfactual); default both sides. @default false */
  onlyBefore?: boolean
}

const DAY_MS = 86_400_000

function validateSeries(series: HistorySeries): void {
  if (!series || !Array.isArray(series.startMs) || !Array.isArray(series.volumes)) throw new TypeError('series must have startMs and volumes arrays')
  if (series.startMs.length !== series.volumes.length) throw new RangeError(`series.volumes has ${series.volumes.length} values but series.startMs has ${series.startMs.length}`)
  series.volumes.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`series.volumes[${i}] must be a finite number >= 0, got ${v}`)
  })
}

function shiftDateKey(dateKey: string, days: number): string {
  return new Date(Date.parse(dateKey + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10)
}

/**
 * The counterfactual volume of every interval of `series` (see the module doc); NaN where no neighbour day exists.
 * @throws RangeError / TypeError on a malformed series or options
 */
export function counterfactualBaseline(series: HistorySeries, options: BaselineOptions): Float64Array {
  validateSeries(series)
  const { timeZone, excludedDates = new Set<string>(), neighbourDays = 4, maxWeeksAway = 8, onlyBefore = false } = options
  if (!(Number.isInteger(neighbourDays) && neighbourDays >= 1)) throw new RangeError(`neighbourDays must be a whole number >= 1, got ${neighbourDays}`)
  if (!(Number.isInteger(maxWeeksAway) && maxWeeksAway >= 1)) throw new RangeError(`maxWeeksAway must be a whole number >= 1, got ${maxWeeksAway}`)
  const parts = series.startMs.map((t) => localParts(t, timeZone))
  const byDate = new Map<string, Map<number, number>>()
  const totals = new Map<string, number>()
  parts.forEach((p, i) => {
    let day = byDate.get(p.dateKey)
    if (!day) { day = new Map(); byDate.set(p.dateKey, day) }
    day.set(p.minuteOfDay, (day.get(p.minuteOfDay) ?? 0) + series.volumes[i])
    totals.set(p.dateKey, (totals.get(p.dateKey) ?? 0) + series.volumes[i])
  })
  const neighboursOf = new Map<string, string[]>()
  const neighbours = (dateKey: string): string[] => {
    let found = neighboursOf.get(dateKey)
    if (found) return found
    found = []
    for (let k = 1; k <= maxWeeksAway && found.length < neighbourDays; k++) {
      for (const sign of onlyBefore ? [-1] : [-1, 1]) {
        const d = shiftDateKey(dateKey, sign * 7 * k)
        if (found.length < neighbourDays && byDate.has(d) && !excludedDates.has(d) && (totals.get(d) ?? 0) > 0) found.push(d)
      }
    }
    neighboursOf.set(dateKey, found)
    return found
  }
  const out = new Float64Array(series.startMs.length)
  parts.forEach((p, i) => {
    const days = neighbours(p.dateKey)
    if (days.length === 0) { out[i] = NaN; return }
    let sum = 0
    for (const d of days) sum += byDate.get(d)!.get(p.minuteOfDay) ?? 0
    out[i] = sum / days.length
  })
  return out
}

/** What one past event did, measured against the counterfactual. */
export interface Occurrence {
  eventId: number | string
  learnKey: string
  name: string
  startUtcMs: number
  /** The effect kind the event was entered with (its proposal is tracked in that kind). */
  effectKind: EffectKind
  actualVolume: number
  baselineVolume: number
  /** Peak multiplier that explains the occurrence. */
  multiplier: number
  /** Contacts added per day at the peak that explain the occurrence. */
  addedPerDay: number
  /** What was proposed for it when it was entered, if recorded. */
  proposedValue: number | null
}

export interface MeasureOptions extends Omit<BaselineOptions, 'excludedDates'> {
  intervalMinutes: number
  /** Further dates to keep out of the counterfactual (e.g. closed days); every event's dates are kept out anyway. */
  excludedDates?: ReadonlySet<string>
}

/**
 * Measures each event that is over before the end of the history (effect window inside it) and has data and a
 * counterfactual; others are skipped. Returned in time order.
 */
export function measureOccurrences(events: readonly CalendarEvent[], series: HistorySeries, options: MeasureOptions): Occurrence[] {
  validateSeries(series)
  const { intervalMinutes, timeZone } = options
  if (series.startMs.length === 0) return []
  const historyEndMs = series.startMs[series.startMs.length - 1] + intervalMinutes * 60_000
  const excluded = new Set<string>(options.excludedDates ?? [])
  for (const e of events) for (const d of affectedDates(e, timeZone)) excluded.add(d)
  const baseline = counterfactualBaseline(series, { ...options, excludedDates: excluded })
  const occurrences: Occurrence[] = []
  const sorted = [...events].sort((a, b) => a.startUtcMs - b.startUtcMs)
  for (const event of sorted) {
    const { fromUtcMs, toUtcMs } = effectWindow(event)
    if (toUtcMs > historyEndMs || fromUtcMs < series.startMs[0]) continue
    const first = lowerBound(series.startMs, fromUtcMs - intervalMinutes * 60_000)
    let actual = 0, base = 0, change = 0, weightedBase = 0, weightedShare = 0
    const dayBase = new Map<string, number>()
    const rows: Array<{ a: number; b: number; w: number; date: string }> = []
    for (let i = first; i < series.startMs.length && series.startMs[i] < toUtcMs; i++) {
      const w = intervalIntensity(event, series.startMs[i], intervalMinutes)
      if (w <= 0 || Number.isNaN(baseline[i])) continue
      const date = localParts(series.startMs[i], timeZone).dateKey
      rows.push({ a: series.volumes[i], b: baseline[i], w, date })
      dayBase.set(date, (dayBase.get(date) ?? 0) + baseline[i])
    }
    for (const r of rows) {
      actual += r.a
      base += r.b
      change += r.a - r.b
      weightedBase += r.b * r.w
      const day = dayBase.get(r.date)!
      if (day > 0) weightedShare += (r.w * r.b) / day
    }
    if (!(weightedBase > 0) || !(weightedShare > 0)) continue
    occurrences.push({
      eventId: event.id, learnKey: event.learnKey, name: event.name, startUtcMs: event.startUtcMs, effectKind: event.effect.kind,
      actualVolume: actual, baselineVolume: base,
      multiplier: Math.max(0, 1 + change / weightedBase),
      addedPerDay: change / weightedShare,
      proposedValue: event.proposedValue ?? null,
    })
  }
  return occurrences
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0, hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Centre and spread of measured effects. */
export interface EffectStatistics {
  count: number
  mean: number
  /** Sample standard deviation; null with fewer than 2 values. */
  sd: number | null
  /** 10th and 90th percentiles (the range for fewer than 3 values). */
  low: number
  high: number
}

/** One past proposal against what the event then did. */
export interface ProposalOutcome {
  eventId: number | string
  name: string
  startUtcMs: number
  kind: EffectKind
  proposed: number
  actual: number
  /** Whether the actual fell inside the proposal's range (null when the range was a single value). */
  insideRange: boolean | null
}

export interface UpliftEstimate {
  learnKey: string
  count: number
  multiplier: EffectStatistics
  addedPerDay: EffectStatistics
  occurrences: Occurrence[]
  /** Each occurrence after the first against the proposal it got (recorded, or learned from the earlier ones). */
  proposals: ProposalOutcome[]
  /** Mean |actual − proposed| / |proposed| over `proposals` (0-1 fraction); null without proposals. */
  proposalMeanAbsoluteRelativeError: number | null
  /** Fraction of proposals whose range held the actual; null when no proposal had a range. */
  proposalInsideRangeFraction: number | null
}

/** Mean, sd and 10-90% range of values (a single value gives a zero-width range). */
export function effectStatistics(values: readonly number[]): EffectStatistics {
  if (values.length === 0) throw new RangeError('effectStatistics: values must not be empty')
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`effectStatistics: values[${i}] must be finite, got ${v}`)
  })
  const list = [...values]
  const m = mean(list)
  const sd = list.length >= 2 ? sampleStandardDeviation(list) : null
  const low = list.length >= 3 ? quantile(list, 0.1) : Math.min(...list)
  const high = list.length >= 3 ? quantile(list, 0.9) : Math.max(...list)
  return { count: list.length, mean: m, sd, low, high }
}

function valueIn(o: Occurrence, kind: EffectKind): number {
  return kind === 'multiplier' ? o.multiplier : o.addedPerDay
}

/**
 * Learns the uplift of each learn key (event type or finer key) from measured occurrences, and replays the
 * proposals: for each occurrence after the first, the proposal is the recorded one if any, otherwise the mean of
 * the earlier occurrences, with the earlier ones' range.
 */
export function learnUplift(occurrences: readonly Occurrence[]): UpliftEstimate[] {
  const byKey = new Map<string, Occurrence[]>()
  for (const o of [...occurrences].sort((a, b) => a.startUtcMs - b.startUtcMs)) {
    const list = byKey.get(o.learnKey) ?? []
    list.push(o)
    byKey.set(o.learnKey, list)
  }
  return [...byKey.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([learnKey, list]) => {
    const proposals: ProposalOutcome[] = []
    list.forEach((o, k) => {
      const kind = o.effectKind
      const earlier = list.slice(0, k).map((e) => valueIn(e, kind))
      if (o.proposedValue === null && earlier.length === 0) return
      const stats = earlier.length ? effectStatistics(earlier) : null
      const proposed = o.proposedValue ?? stats!.mean
      const hasRange = stats !== null && stats.high > stats.low && o.proposedValue === null
      const actual = valueIn(o, kind)
      proposals.push({ eventId: o.eventId, name: o.name, startUtcMs: o.startUtcMs, kind, proposed, actual, insideRange: hasRange ? actual >= stats!.low && actual <= stats!.high : null })
    })
    const relErrors = proposals.filter((p) => p.proposed !== 0).map((p) => Math.abs(p.actual - p.proposed) / Math.abs(p.proposed))
    const ranged = proposals.filter((p) => p.insideRange !== null)
    return {
      learnKey,
      count: list.length,
      multiplier: effectStatistics(list.map((o) => o.multiplier)),
      addedPerDay: effectStatistics(list.map((o) => o.addedPerDay)),
      occurrences: list,
      proposals,
      proposalMeanAbsoluteRelativeError: relErrors.length ? mean(relErrors) : null,
      proposalInsideRangeFraction: ranged.length ? ranged.filter((p) => p.insideRange).length / ranged.length : null,
    }
  })
}

/** A proposed effect for a new event: the learned mean and its range, or null when nothing was learned for the key. */
export function proposeUplift(estimates: readonly UpliftEstimate[], learnKey: string, kind: EffectKind): { value: number; low: number; high: number; count: number } | null {
  const estimate = estimates.find((e) => e.learnKey === learnKey)
  if (!estimate) return null
  const stats = kind === 'multiplier' ? estimate.multiplier : estimate.addedPerDay
  return { value: stats.mean, low: stats.low, high: stats.high, count: stats.count }
}

/** The value an event's effect takes: its own, else the learned proposal for its key, else none (null). */
export function effectValueOf(event: CalendarEvent, estimates: readonly UpliftEstimate[]): number | null {
  if (event.effect.value !== null) return event.effect.value
  const proposal = proposeUplift(estimates, event.learnKey, event.effect.kind)
  if (!proposal) return null
  return event.effect.kind === 'multiplier' ? Math.max(proposal.value, 1e-6) : proposal.value
}
