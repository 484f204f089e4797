import { gridBefore, observedSum, type DayGrid } from '../calendar/dayGrid.ts'

/** An intraday profile for `dayNumber` learned from `history` (days before the origin): shares summing to 1 by slot. */
export type ProfileOf = (history: DayGrid, dayNumber: number) => Float64Array

export interface ProfileSplitError {
  /** Mean absolute error per observed interval of each day's ACTUAL total split by the profile. */
  mae: number
  /**
   * Mean of sqrt(2v / pi) over the same intervals: the mean absolute deviation of a Poisson count with mean v (normal
   * approximation), what no profile can beat when the counts are Poisson around the true shape.
   */
  poissonFloor: number
  intervals: number
  days: number
}

/**
 * How good an intraday profile is on its own (issue 14): at origins every `stepDays` from `firstOrigin`, the profile
 * is learned from the days before the origin and each day of the horizon (days of `grid` in
 * [origin, origin + horizonDays)) gets its actual total split by it. The daily total's own error is left out, so
 * two estimators of the shape can be compared, and against the Poisson floor. Used by the daily diagnosis bench
 * (src/bench/forecast-daily.bench.ts) and its tests.
 */
export function profileSplitError(grid: DayGrid, profileOf: ProfileOf, origins: { firstOrigin: number; stepDays: number; horizonDays: number }): ProfileSplitError {
  const { firstOrigin, stepDays, horizonDays } = origins
  if (!(stepDays >= 1) || !(horizonDays >= 1)) throw new RangeError(`stepDays and horizonDays must be at least 1, got ${stepDays} and ${horizonDays}`)
  let absolute = 0
  let floor = 0
  let intervals = 0
  let days = 0
  const lastDay = grid.dayNumbers[grid.dayNumbers.length - 1] ?? firstOrigin - 1
  for (let origin = firstOrigin; origin <= lastDay; origin += stepDays) {
    const history = gridBefore(grid, origin)
    if (history.dayNumbers.length === 0) continue
    grid.dayNumbers.forEach((d, i) => {
      if (d < origin || d >= origin + horizonDays) return
      const row = grid.values[i]
      const total = observedSum(row)
      if (!(total > 0)) return
      const shares = profileOf(history, d)
      for (let s = 0; s < row.length; s++) {
        const v = row[s]
        if (v !== v) continue
        absolute += Math.abs(total * shares[s] - v)
        floor += Math.sqrt((2 * v) / Math.PI)
        intervals++
      }
      days++
    })
  }
  return { mae: intervals ? absolute / intervals : Number.NaN, poissonFloor: intervals ? floor / intervals : Number.NaN, intervals, days }
}
