import type { ForecastModel, ModelContext } from './forecastModel.ts'
import { sameWeekdayRows } from './sameWeekdayRows.ts'

/**
 * Seasonal naive, weekly: the value of the same weekday and local time on the most recent such day in the history
 * (one calendar week back when present; further back over gaps). Hyndman & Athanasopoulos, FPP3 section 5.2.
 */
export function seasonalNaiveModel(): ForecastModel {
  return {
    name: 'seasonalNaive',
    family: 'seasonalNaive',
    minHistoryDays: 1,
    forecastMeans(context: ModelContext): Float64Array {
      const means = new Float64Array(context.targets.length)
      const cache = new Map<number, Float64Array | undefined>()
      context.targets.forEach((target, i) => {
        if (!cache.has(target.dayNumber)) cache.set(target.dayNumber, sameWeekdayRows(context.history, target.dayNumber, 1)[0])
        const row = cache.get(target.dayNumber)
        means[i] = row ? row[target.slot] : Number.NaN
      })
      return means
    },
  }
}
