import { MSTL } from '@bsull/augurs/mstl'
import { weekdayOfDayNumber } from '../calendar/localPositions.ts'
import { isAugursMstlReady } from './augursRuntime.ts'
import type { ForecastModel, ModelContext } from './forecastModel.ts'
import { sameWeekdayRows } from './sameWeekdayRows.ts'

/**
 * MSTL (Bandara, Hyndman & Bergmeir 2021) with daily and weekly periods and AutoETS on the remainder, by
 * `@bsull/augurs` (like R's `stlf`/`mstl` + `ets`). The series is the open intervals of the working days of the last
 * `trainingWeeks` weeks in calendar order, so a "day" is always the same number of points; missing days and intervals
 * are filled with the same weekday's recent mean, so the weekly period stays aligned with the calendar.
 */
export function mstlEtsModel(trainingWeeks = 8): ForecastModel {
  return {
    name: `mstlEts:weeks=${trainingWeeks}`,
    family: 'mstlEts',
    minHistoryDays: 14,
    forecastMeans(context: ModelContext): Float64Array {
      const means = new Float64Array(context.targets.length).fill(Number.NaN)
      if (!isAugursMstlReady()) throw new Error('mstlEts needs initAugursMstl() to be called first (see models/augursRuntime.ts)')
      const { history, calendar } = context
      const lastDay = history.dayNumbers[history.dayNumbers.length - 1]
      const firstDay = lastDay - 7 * trainingWeeks + 1
      const openSlots = openSlotsOf(context, firstDay)
      if (openSlots.length === 0) return means
      const slotIndex = new Map(openSlots.map((s, i) => [s, i]))
      const workingDays = (from: number, to: number) => {
        const days: number[] = []
        for (let d = from; d <= to; d++) if (calendar.openWeekdays.has(weekdayOfDayNumber(d))) days.push(d)
        return days
      }
      const trainDays = workingDays(firstDay, lastDay)
      const byDay = new Map(history.dayNumbers.map((d, i) => [d, history.values[i]]))
      const recentByWeekday = new Map<number, Float64Array>()
      for (let weekday = 1; weekday <= 7; weekday++) {
        const nextSuchDay = lastDay + 1 + ((weekday - weekdayOfDayNumber(lastDay + 1) + 7) % 7)
        recentByWeekday.set(weekday, meanRow(sameWeekdayRows(history, nextSuchDay, 4), history.slotsPerDay))
      }
      const series: number[] = []
      for (const day of trainDays) {
        const row = calendar.closedDays.has(day) ? undefined : byDay.get(day)
        const fallback = recentByWeekday.get(weekdayOfDayNumber(day))!
        for (const slot of openSlots) {
          const value = row ? row[slot] : Number.NaN
          series.push(value === value ? value : fallback[slot])
        }
      }
      const lastTarget = Math.max(...context.targetDays)
      const futureDays = workingDays(lastDay + 1, lastTarget)
      const dayPosition = new Map(futureDays.map((d, i) => [d, i]))
      const perDay = openSlots.length
      const periods = [perDay, perDay * calendar.openWeekdays.size]
      // STL needs every period to be at least 2 (a day with a single open slot has no daily season to decompose).
      if (perDay < 2 || series.length < 2 * periods[1]) return means
      const model = MSTL.ets(periods)
      let point: number[]
      try {
        model.fit(series)
        point = model.predict(futureDays.length * perDay).point
      } finally {
        model.free()
      }
      context.targets.forEach((target, i) => {
        const position = dayPosition.get(target.dayNumber)
        const index = slotIndex.get(target.slot)
        means[i] = position === undefined || index === undefined ? 0 : Math.max(0, point[position * perDay + index])
      })
      return means
    },
  }
}

/** Intervals of the day that had volume on some day since `firstDay` (the rest are closed). */
function openSlotsOf(context: ModelContext, firstDay: number): number[] {
  const { history } = context
  const open: number[] = []
  for (let s = 0; s < history.slotsPerDay; s++) {
    for (let i = history.dayNumbers.length - 1; i >= 0 && history.dayNumbers[i] >= firstDay; i--) {
      if (history.values[i][s] > 0) {
        open.push(s)
        break
      }
    }
  }
  return open
}

function meanRow(rows: readonly Float64Array[], slotsPerDay: number): Float64Array {
  const out = new Float64Array(slotsPerDay)
  const counts = new Float64Array(slotsPerDay)
  for (const row of rows) for (let s = 0; s < slotsPerDay; s++) if (row[s] === row[s]) { out[s] += row[s]; counts[s]++ }
  for (let s = 0; s < slotsPerDay; s++) out[s] = counts[s] ? out[s] / counts[s] : 0
  return out
}
