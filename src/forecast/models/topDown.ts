import type { CalendarKnowledge } from '../calendar/calendarKnowledge.ts'
import { weekdayOfDayNumber } from '../calendar/localPositions.ts'
import { dailyTotalsOf, type DailyTotals } from './dailyTotals.ts'
import type { ForecastModel, ModelContext } from './forecastModel.ts'
import { volumeWeightedShares } from './intradayShares.ts'
import { sameWeekdayRows } from './sameWeekdayRows.ts'

/** Forecasts full-day totals for the target days (NaN where unknown). */
export type DailyTotalsForecaster = (daily: DailyTotals, targetDays: readonly number[], calendar: CalendarKnowledge) => Float64Array

export interface TopDownOptions {
  name: string
  family: string
  minHistoryDays: number
  /** Same-weekday days pooled (by volume) into the intraday profile. */
  profileWeeks: number
  /** Half-width of the smoothing of the profile across neighbouring intervals. */
  smoothingSlots: number
  forecastTotals: DailyTotalsForecaster
}

/**
 * Top-down model: forecast each target day's total, then split it into intervals by the intraday profile of that
 * weekday over the last `profileWeeks` same-weekday days (smoothed across neighbouring intervals).
 */
export function topDownModel(options: TopDownOptions): ForecastModel {
  return {
    name: options.name,
    family: options.family,
    minHistoryDays: options.minHistoryDays,
    forecastMeans(context: ModelContext): Float64Array {
      const { history } = context
      const daily = dailyTotalsOf(history)
      const totals = options.forecastTotals(daily, context.targetDays, context.calendar)
      const totalByDay = new Map<number, number>()
      context.targetDays.forEach((d, i) => totalByDay.set(d, totals[i]))
      const sharesByWeekday = new Map<number, Float64Array>()
      const means = new Float64Array(context.targets.length)
      const lastHistoryDay = history.dayNumbers[history.dayNumbers.length - 1] ?? 0
      context.targets.forEach((target, i) => {
        const weekday = weekdayOfDayNumber(target.dayNumber)
        let shares = sharesByWeekday.get(weekday)
        if (!shares) {
          // The profile of a weekday is the same for every target day after the history (recent rows before it).
          const rows = sameWeekdayRows(history, lastHistoryDay + 1 + ((weekday - weekdayOfDayNumber(lastHistoryDay + 1) + 7) % 7), options.profileWeeks)
          shares = volumeWeightedShares(rows, history.slotsPerDay, options.smoothingSlots)
          sharesByWeekday.set(weekday, shares)
        }
        means[i] = totalByDay.get(target.dayNumber)! * shares[target.slot]
      })
      return means
    },
  }
}
