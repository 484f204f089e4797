/**
 * The trend against the same period before: the range of the same number of days ending the day before `from`,
 * and per metric the change, with whether it moved the better way.
 */
import type { MetricSet } from './metricSet.ts'

const DAY_MS = 86_400_000
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

function assertDateKey(name: string, key: string): number {
  const ms = DATE_RE.test(key) ? Date.parse(key + 'T00:00:00Z') : NaN
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(key)}`)
  return ms
}

/**
 * @example previousPeriodOf('1999-10-01', '1999-10-31') // { fromDateKey: '1999-08-31', toDateKey: '1999-09-30' }
 * @throws RangeError if a date is malformed or to is before from
 */
export function previousPeriodOf(fromDateKey: string, toDateKey: string): { fromDateKey: string; toDateKey: string } {
  const from = assertDateKey('fromDateKey', fromDateKey), to = assertDateKey('toDateKey', toDateKey)
  if (to < from) throw new RangeError(`toDateKey (${toDateKey}) is before fromDateKey (${fromDateKey})`)
  const days = Math.round((to - from) / DAY_MS) + 1
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  return { fromDateKey: iso(from - days * DAY_MS), toDateKey: iso(from - DAY_MS) }
}

export interface TrendRow {
  metric: string
  label: string
  current: number | null
  previous: number | null
  /** current − previous; null when either is missing. */
  change: number | null
  /** true when the change is the better way, false when worse, null for no change, no data or no direction (volume). */
  better: boolean | null
}

const TREND_METRICS: { metric: keyof MetricSet | 'medianWaitSeconds'; label: string; better: 'lower' | 'higher' | null }[] = [
  { metric: 'offered', label: 'Contacts offered', better: null },
  { metric: 'medianWaitSeconds', label: 'First response, median (s)', better: 'lower' },
  { metric: 'withinThresholdShare', label: 'Answered within SLA', better: 'higher' },
  { metric: 'abandonmentRate', label: 'Abandonment', better: 'lower' },
  { metric: 'ahtMeanSeconds', label: 'AHT, mean (s)', better: 'lower' },
  { metric: 'resolutionRate', label: 'Resolution rate', better: 'higher' },
  { metric: 'csatSatisfiedShare', label: 'CSAT', better: 'higher' },
  { metric: 'npsPoints', label: 'NPS', better: 'higher' },
]

/** Each trend metric of the current period beside the previous one. */
export function trendRows(current: { metrics: MetricSet; medianWaitSeconds: number | null }, previous: { metrics: MetricSet; medianWaitSeconds: number | null }): TrendRow[] {
  const valueOf = (p: typeof current, m: (typeof TREND_METRICS)[number]['metric']) => (m === 'medianWaitSeconds' ? p.medianWaitSeconds : p.metrics[m])
  return TREND_METRICS.map(({ metric, label, better }) => {
    const c = valueOf(current, metric), p = valueOf(previous, metric)
    const change = c === null || p === null ? null : c - p
    return { metric, label, current: c, previous: p, change, better: change === null || change === 0 || better === null ? null : (better === 'lower') === change < 0 }
  })
}
