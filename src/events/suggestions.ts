/**
 * Suggested events: history days whose volume is far from what was expected without events, so unexplained
 * spikes and dips get a name. Robust outlier rule on the daily log ratio r = ln((actual + 1) / (expected + 1)):
 * the modified z-score z = 0.6745 (r − median r) / MAD (Iglewicz & Hoaglin 1993), flagged when |z| > 3.5.
 * The median and MAD are not pulled by the outliers themselves, unlike a mean and standard deviation.
 */
import { median, medianAbsoluteDeviation } from 'simple-statistics'
import { localParts } from '../time/zones.ts'
import type { HistorySeries } from './uplift.ts'

export interface DailyResidual {
  dateKey: string
  actual: number
  expected: number
}

export interface SuggestedEvent extends DailyResidual {
  /** actual / expected. */
  ratio: number
  /** Modified z-score of the log ratio; positive for spikes. */
  zScore: number
  direction: 'spike' | 'dip'
}

export interface SuggestionOptions {
  /** |modified z| above which a day is suggested. @default 3.5 */
  threshold?: number
  /** Days expecting less than this fraction of the median expected day are skipped (closed or nearly closed). @default 0.1 */
  minExpectedFraction?: number
  /** At most this many suggestions, largest |z| first. @default 50 */
  limit?: number
}

/**
 * Daily totals of actual and expected volume, for days with an expectation on every interval, skipping `excludedDates`.
 * @throws RangeError when `expected` and the series differ in length
 */
export function dailyResiduals(series: HistorySeries, expected: ArrayLike<number>, timeZone: string, excludedDates: ReadonlySet<string> = new Set()): DailyResidual[] {
  if (expected.length !== series.startMs.length) throw new RangeError(`expected has ${expected.length} values but the series has ${series.startMs.length}`)
  const days = new Map<string, DailyResidual & { complete: boolean }>()
  for (let i = 0; i < series.startMs.length; i++) {
    const dateKey = localParts(series.startMs[i], timeZone).dateKey
    if (excludedDates.has(dateKey)) continue
    let day = days.get(dateKey)
    if (!day) { day = { dateKey, actual: 0, expected: 0, complete: true }; days.set(dateKey, day) }
    day.actual += series.volumes[i]
    if (Number.isFinite(expected[i])) day.expected += expected[i]
    else day.complete = false
  }
  return [...days.values()].filter((d) => d.complete).map(({ dateKey, actual, expected: e }) => ({ dateKey, actual, expected: e }))
}

/**
 * Days whose actual volume is an outlier against the expectation (see the module doc), largest |z| first.
 * @throws RangeError on a threshold <= 0 or a fraction outside 0-1
 */
export function suggestEvents(days: readonly DailyResidual[], options: SuggestionOptions = {}): SuggestedEvent[] {
  const { threshold = 3.5, minExpectedFraction = 0.1, limit = 50 } = options
  if (!(threshold > 0)) throw new RangeError(`threshold must be > 0, got ${threshold}`)
  if (!(minExpectedFraction >= 0 && minExpectedFraction < 1)) throw new RangeError(`minExpectedFraction must be a fraction from 0 to 1, got ${minExpectedFraction}`)
  if (days.length < 3) return []
  const typical = median(days.map((d) => d.expected))
  const usable = days.filter((d) => d.expected > 0 && d.expected >= minExpectedFraction * typical)
  if (usable.length < 3) return []
  const logRatios = usable.map((d) => Math.log((d.actual + 1) / (d.expected + 1)))
  const centre = median(logRatios)
  const mad = medianAbsoluteDeviation(logRatios)
  if (!(mad > 0)) return []
  return usable
    .map((d, i) => {
      const zScore = (0.6745 * (logRatios[i] - centre)) / mad
      return { ...d, ratio: d.actual / d.expected, zScore, direction: zScore > 0 ? 'spike' as const : 'dip' as const }
    })
    .filter((d) => Math.abs(d.zScore) > threshold)
    .sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore))
    .slice(0, limit)
}
