import type { ForecastModel, ModelContext } from './forecastModel.ts'

/**
 * Mean of the same local time of day over the last `days` history days, whatever their weekday: the fallback
 * when the history is shorter than a week and no weekly pattern can be learned.
 */
export function timeOfDayMeanModel(days = 7): ForecastModel {
  return {
    name: `timeOfDayMean:days=${days}`,
    family: 'timeOfDayMean',
    minHistoryDays: 1,
    forecastMeans(context: ModelContext): Float64Array {
      const rows = context.history.values.slice(-days)
      return Float64Array.from(context.targets, (target) => {
        let sum = 0
        let count = 0
        for (const row of rows) if (row[target.slot] === row[target.slot]) { sum += row[target.slot]; count++ }
        return count ? sum / count : Number.NaN
      })
    },
  }
}
