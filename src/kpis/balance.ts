/**
 * Balanced metrics: pairs that pull against each other, shown side by side, and the week-on-week check that flags
 * when one metric of a pair improves while its partner worsens, the pattern a single-metric target produces when it
 * is gamed (chats cut short to lower AHT while satisfaction or resolution falls; the median wait of answered chats
 * "improving" because the long waiters gave up).
 */
import type { MetricSet } from './metricSet.ts'

export type MetricKey = 'ahtMeanSeconds' | 'csatSatisfiedShare' | 'resolutionRate' | 'medianWaitSeconds' | 'abandonmentRate'

/** A week's metrics: the balanced set plus the week's median first response. */
export interface WeekMetrics { weekStartKey: string; metrics: MetricSet; medianWaitSeconds: number | null }

export interface MetricRule {
  key: MetricKey
  label: string
  /** Which way is better. */
  better: 'lower' | 'higher'
  /** Smallest change counted as a move: relative (fraction of last week's value) or absolute (points of a 0–1 share). */
  minChange: { relative: number } | { absolute: number }
  /** The count the value rests on, and the least that count must be in both weeks. */
  baseOf(w: WeekMetrics): number
  minBase: number
}

export const METRIC_RULES: Record<MetricKey, MetricRule> = {
  ahtMeanSeconds: { key: 'ahtMeanSeconds', label: 'AHT (mean)', better: 'lower', minChange: { relative: 0.03 }, baseOf: (w) => w.metrics.handled, minBase: 30 },
  csatSatisfiedShare: { key: 'csatSatisfiedShare', label: 'CSAT', better: 'higher', minChange: { absolute: 0.02 }, baseOf: (w) => w.metrics.csatResponses, minBase: 30 },
  resolutionRate: { key: 'resolutionRate', label: 'Resolution rate', better: 'higher', minChange: { absolute: 0.02 }, baseOf: (w) => w.metrics.resolutionKnown, minBase: 30 },
  medianWaitSeconds: { key: 'medianWaitSeconds', label: 'First response (median)', better: 'lower', minChange: { relative: 0.05 }, baseOf: (w) => w.metrics.answered, minBase: 30 },
  abandonmentRate: { key: 'abandonmentRate', label: 'Abandonment', better: 'lower', minChange: { absolute: 0.01 }, baseOf: (w) => w.metrics.offered, minBase: 30 },
}

/** The pairs checked week on week: [metric, partner]. */
export const BALANCED_PAIRS: readonly [MetricKey, MetricKey][] = [
  ['ahtMeanSeconds', 'csatSatisfiedShare'],
  ['ahtMeanSeconds', 'resolutionRate'],
  ['medianWaitSeconds', 'abandonmentRate'],
]

export function metricValue(w: WeekMetrics, key: MetricKey): number | null {
  return key === 'medianWaitSeconds' ? w.medianWaitSeconds : w.metrics[key]
}

/** +1 improved, −1 worsened, 0 no meaningful move or not enough data. */
export function directionOfChange(rule: MetricRule, before: WeekMetrics, after: WeekMetrics): -1 | 0 | 1 {
  const a = metricValue(before, rule.key), b = metricValue(after, rule.key)
  if (a === null || b === null || rule.baseOf(before) < rule.minBase || rule.baseOf(after) < rule.minBase) return 0
  const delta = b - a
  const needed = 'relative' in rule.minChange ? Math.abs(a) * rule.minChange.relative : rule.minChange.absolute
  if (Math.abs(delta) < needed || delta === 0) return 0
  const improved = rule.better === 'lower' ? delta < 0 : delta > 0
  return improved ? 1 : -1
}

export interface BalanceWarning {
  weekStartKey: string
  previousWeekStartKey: string
  improved: MetricKey
  worsened: MetricKey
  improvedFrom: number
  improvedTo: number
  worsenedFrom: number
  worsenedTo: number
  message: string
}

/**
 * Compares each week with the one before (weeks in date order; give whole weeks for a fair comparison) and lists
 * every pair where one metric improved and its partner worsened by at least the rule's minimum change, both weeks
 * having enough contacts behind each value.
 */
export function weekOnWeekBalanceWarnings(weeks: readonly WeekMetrics[], describe: (key: MetricKey, value: number) => string = (_, v) => String(v)): BalanceWarning[] {
  if (!Array.isArray(weeks)) throw new TypeError('weeks must be an array of WeekMetrics')
  const warnings: BalanceWarning[] = []
  for (let i = 1; i < weeks.length; i++) {
    const before = weeks[i - 1], after = weeks[i]
    if (!(before.weekStartKey < after.weekStartKey)) throw new RangeError(`weeks must be in date order: ${before.weekStartKey} then ${after.weekStartKey}`)
    for (const [x, y] of BALANCED_PAIRS) {
      const dx = directionOfChange(METRIC_RULES[x], before, after)
      const dy = directionOfChange(METRIC_RULES[y], before, after)
      if (dx * dy !== -1) continue
      const [improved, worsened] = dx === 1 ? [x, y] : [y, x]
      const iFrom = metricValue(before, improved)!, iTo = metricValue(after, improved)!
      const wFrom = metricValue(before, worsened)!, wTo = metricValue(after, worsened)!
      warnings.push({
        weekStartKey: after.weekStartKey, previousWeekStartKey: before.weekStartKey, improved, worsened,
        improvedFrom: iFrom, improvedTo: iTo, worsenedFrom: wFrom, worsenedTo: wTo,
        message: `Week of ${after.weekStartKey}: ${METRIC_RULES[improved].label} improved (${describe(improved, iFrom)} → ${describe(improved, iTo)}) while ${METRIC_RULES[worsened].label} worsened (${describe(worsened, wFrom)} → ${describe(worsened, wTo)}).`,
      })
    }
  }
  return warnings
}
