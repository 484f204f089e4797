import ARIMA from 'arima'
import type { CalendarKnowledge } from '../calendar/calendarKnowledge.ts'
import { weekdayOfDayNumber } from '../calendar/localPositions.ts'
import type { DailyTotals } from './dailyTotals.ts'

/** The `arima` package corrupts its state from ~7,000 points (stack notes); daily totals stay far below this cap. */
const MAX_POINTS = 730

/**
 * Daily totals by seasonal ARIMA(1,0,1)(0,1,1)[P] (the `arima` package, a port of ctsa), where P is the number of
 * open weekdays and the series runs over open weekdays in calendar order. Closed or missing working days are
 * filled with the mean of the same weekday's neighbours so the seasonal period stays aligned with the calendar.
 * Synchronous: run it in a worker (see src/workers and planning/queueForecast.ts) when called from a request.
 */
export function forecastTotalsByArima(allDays: DailyTotals, targetDays: readonly number[], calendar: CalendarKnowledge): Float64Array {
  const out = new Float64Array(targetDays.length).fill(Number.NaN)
  // A partly observed last day that is also a target day is forecast, not learned from.
  const firstTarget = Math.min(...targetDays)
  const keep = allDays.dayNumbers.filter((d) => d < firstTarget).length
  const daily: DailyTotals = { dayNumbers: allDays.dayNumbers.slice(0, keep), totals: allDays.totals.slice(0, keep) }
  const period = calendar.openWeekdays.size
  if (daily.totals.length < 3 * period || period < 1) return out
  const series = openDaySeries(daily, calendar).values.slice(-MAX_POINTS)
  const lastDay = daily.dayNumbers[daily.dayNumbers.length - 1]
  const stepOf = (day: number) => {
    let step = 0
    for (let d = lastDay + 1; d <= day; d++) if (calendar.openWeekdays.has(weekdayOfDayNumber(d))) step++
    return step
  }
  const steps = targetDays.map(stepOf)
  const horizon = Math.max(0, ...steps)
  if (horizon === 0) return out
  const model = new ARIMA({ p: 1, d: 0, q: 1, P: 0, D: 1, Q: 1, s: period, verbose: false })
  let predicted: number[]
  try {
    model.train(series)
    predicted = model.predict(horizon)[0]
  } finally {
    model.destroy?.()
  }
  steps.forEach((step, i) => {
    const value = step > 0 ? predicted[step - 1] : Number.NaN
    if (Number.isFinite(value) && calendar.openWeekdays.has(weekdayOfDayNumber(targetDays[i]))) out[i] = Math.max(0, value)
  })
  return out
}

/** Totals over every open weekday from the first to the last history day; gaps filled from the same weekday nearby. */
function openDaySeries(daily: DailyTotals, calendar: CalendarKnowledge): { days: number[]; values: number[] } {
  const byDay = new Map<number, number>()
  daily.dayNumbers.forEach((d, i) => byDay.set(d, daily.totals[i]))
  const first = daily.dayNumbers[0]
  const last = daily.dayNumbers[daily.dayNumbers.length - 1]
  const days: number[] = []
  const values: number[] = []
  for (let d = first; d <= last; d++) {
    if (!calendar.openWeekdays.has(weekdayOfDayNumber(d))) continue
    days.push(d)
    values.push(byDay.get(d) ?? sameWeekdayNeighbourMean(byDay, d))
  }
  return { days, values }
}

function sameWeekdayNeighbourMean(byDay: Map<number, number>, day: number): number {
  for (let weeks = 1; weeks <= 52; weeks++) {
    const near = [byDay.get(day - 7 * weeks), byDay.get(day + 7 * weeks)].filter((v): v is number => v !== undefined)
    if (near.length) return near.reduce((a, b) => a + b, 0) / near.length
  }
  return 0
}
