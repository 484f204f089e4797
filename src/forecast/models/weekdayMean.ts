import type { ForecastModel, ModelContext } from './forecastModel.ts'
import { sameWeekdayRows } from './sameWeekdayRows.ts'

/** Mean (or median) of the observed values in `rows` at `slot`; NaN when none is observed. */
function centreOfSlot(rows: readonly Float64Array[], slot: number, useMedian: boolean): number {
  const values: number[] = []
  for (const row of rows) if (row[slot] === row[slot]) values.push(row[slot])
  if (values.length === 0) return Number.NaN
  if (!useMedian) return values.reduce((a, b) => a + b, 0) / values.length
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2
}

/**
 * Mean (or median) of the same weekday and local time over the last `weeks` such days in the history
 * (the calendar-aware contact-centre baseline of ../../shared/reference/forecast_protocol.md).
 */
export function weekdayMeanModel(weeks: number, statistic: 'mean' | 'median' = 'mean'): ForecastModel {
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`weeks must be a positive integer, got ${weeks}`)
  const family = statistic === 'mean' ? 'weekdayMean' : 'weekdayMedian'
  return {
    name: `${family}:k=${weeks}`,
    family,
    minHistoryDays: 1,
    forecastMeans(context: ModelContext): Float64Array {
      const means = new Float64Array(context.targets.length)
      const cache = new Map<number, Float64Array[]>()
      context.targets.forEach((target, i) => {
        let rows = cache.get(target.dayNumber)
        if (!rows) cache.set(target.dayNumber, (rows = sameWeekdayRows(context.history, target.dayNumber, weeks)))
        means[i] = centreOfSlot(rows, target.slot, statistic === 'median')
      })
      return means
    },
  }
}
