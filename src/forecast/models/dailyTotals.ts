import type { DayGrid } from '../calendar/dayGrid.ts'
import { weekdayOfDayNumber } from '../calendar/localPositions.ts'
import { intradayShares } from './intradayShares.ts'

/** Daily totals of the history, as full-day equivalents. */
export interface DailyTotals {
  dayNumbers: number[]
  totals: number[]
}

/**
 * Full-day total of each history day: the observed sum divided by the share of the day that was observed (shares
 * from the weekday's profile over the whole history), so a day with a few missing intervals, or a 23-hour day,
 * is not mistaken for a quiet day. Days with less than half of their usual volume observed are left out.
 */
export function dailyTotalsOf(history: DayGrid): DailyTotals {
  let totals = totalsCache.get(history)
  if (!totals) totalsCache.set(history, (totals = computeDailyTotals(history)))
  return totals
}

/** Daily totals by grid (grids are not changed after they are built; backtests reuse the same training grids). */
const totalsCache = new WeakMap<DayGrid, DailyTotals>()

function computeDailyTotals(history: DayGrid): DailyTotals {
  const sharesByWeekday = new Map<number, Float64Array>()
  for (let weekday = 1; weekday <= 7; weekday++) {
    const rows = history.values.filter((_, i) => weekdayOfDayNumber(history.dayNumbers[i]) === weekday)
    if (rows.length) sharesByWeekday.set(weekday, intradayShares(rows.slice(-12), history.slotsPerDay, 0))
  }
  const dayNumbers: number[] = []
  const totals: number[] = []
  history.values.forEach((row, i) => {
    const shares = sharesByWeekday.get(weekdayOfDayNumber(history.dayNumbers[i]))!
    let observed = 0
    let coveredShare = 0
    for (let s = 0; s < row.length; s++) {
      if (row[s] !== row[s]) continue
      observed += row[s]
      coveredShare += shares[s]
    }
    if (coveredShare < 0.5) return
    dayNumbers.push(history.dayNumbers[i])
    totals.push(observed / coveredShare)
  })
  return { dayNumbers, totals }
}
