import { backtestOriginIndices, calendarNaiveScale, finaliseMeans, type BacktestOrigin } from './backtest.ts'
import { weekdayOfDayNumber } from './calendar/localPositions.ts'
import { probit } from 'simple-statistics'
import { applyCalibration, calibrateIntervals, poissonIntervals } from './intervals.ts'
import { candidateModels, resolveModels, type CandidateSettings } from './models/index.ts'
import type { ModelContext } from './models/forecastModel.ts'
import { timeOfDayMeanModel } from './models/timeOfDayMean.ts'
import { weekdayMeanModel } from './models/weekdayMean.ts'
import { prepareSeries, type PreparedSeries } from './prepareSeries.ts'
import { selectModel, type ChosenModel } from './selectModel.ts'
import type { ForecastInput, ForecastOptions, ForecastResult, IntervalCoverage } from './types.ts'

const DEFAULT_LEVELS = [0.8, 0.95]
const DEFAULT_ORIGINS = 8
const MAX_BACKTEST_HORIZON_DAYS = 35
const MIN_TRAINING_DAYS = 14

/**
 * Forecasts interval volumes: validates the input, chooses the model by rolling-origin backtest on the history
 * (unless `options.model` forces one), fits it on the whole history, and adds prediction intervals calibrated on the
 * backtest errors. Closed intervals are zero, forecasts are never negative, special-day multipliers are applied.
 *
 * Fallbacks (listed in `warnings`): an all-zero history forecasts zero; less than a week of history uses the
 * time-of-day mean (no weekly pattern); too little history to backtest uses the 4-week same-weekday mean (or the
 * forced model) with Poisson intervals.
 */
export function forecastVolumes(input: ForecastInput, options: ForecastOptions = {}): ForecastResult {
  const levels = [...(options.levels ?? DEFAULT_LEVELS)]
  levels.forEach((level, i) => {
    if (!(level > 0 && level < 1)) throw new RangeError(`levels[${i}] must be a fraction between 0 and 1, got ${level}`)
  })
  const originCount = options.backtestOrigins ?? DEFAULT_ORIGINS
  if (!Number.isInteger(originCount) || originCount < 1) throw new RangeError(`backtestOrigins must be a positive integer, got ${originCount}`)
  options.onProgress?.({ stage: 'prepare', done: 0, total: 1, message: 'validating the history' })
  const prepared = prepareSeries(input)
  return forecastPrepared(prepared, levels, originCount, options)
}

/** The part of `forecastVolumes` after validation (also used for AHT-weighted work and benchmarks). */
export function forecastPrepared(prepared: PreparedSeries, levels: number[], originCount: number, options: ForecastOptions): ForecastResult {
  const warnings = [...prepared.warnings]
  const n = prepared.targets.length
  const base = { levels, intervalMinutes: prepared.intervalMinutes, warnings }
  if (prepared.allZero || n === 0) {
    const zeros = new Array<number>(n).fill(0)
    return { ...base, model: 'zero', mean: zeros, lower: levels.map(() => [...zeros]), upper: levels.map(() => [...zeros]), scores: [], intervalCoverage: [], intervalMethod: 'poisson' }
  }
  const { learningGrid } = prepared
  const settings: CandidateSettings = {
    intervalMinutes: prepared.intervalMinutes,
    historyDays: learningGrid.dayNumbers.length,
    historySpanDays: learningGrid.dayNumbers.length ? learningGrid.dayNumbers[learningGrid.dayNumbers.length - 1] - learningGrid.dayNumbers[0] + 1 : 0,
  }
  if (settings.historySpanDays < 7) warnings.push('less than a week of history: weekly seasonality is ignored (time-of-day mean)')
  const forcedName = options.model
  const forceCombination = forcedName === 'combination'
  let candidates = forcedName && !forceCombination ? resolveModels(forcedName, settings) : candidateModels(settings)
  if (settings.historySpanDays < 7) candidates = [timeOfDayMeanModel()]
  const usable = candidates.filter((m) => m.minHistoryDays <= settings.historyDays)
  if (usable.length < candidates.length && forcedName) warnings.push(`model ${forcedName} needs more history than the ${settings.historyDays} days given: using weekdayMean:k=4`)

  let horizonDays = Math.min(MAX_BACKTEST_HORIZON_DAYS, Math.max(1, prepared.targetDays.length))
  let originIndices = backtestOriginIndices(prepared.grid, horizonDays, originCount, MIN_TRAINING_DAYS)
  while (originIndices.length < Math.min(2, originCount) && horizonDays > 1) {
    horizonDays = Math.max(1, Math.floor(horizonDays / 2))
    originIndices = backtestOriginIndices(prepared.grid, horizonDays, originCount, MIN_TRAINING_DAYS)
  }

  let chosen: ChosenModel
  let scores: ForecastResult['scores'] = []
  let chosenOrigins: BacktestOrigin[] = []
  if (usable.length === 0) {
    chosen = { name: 'weekdayMean:k=4', models: [weekdayMeanModel(4)], weights: [1] }
  } else if (originIndices.length === 0) {
    warnings.push('too little history to backtest: no automatic choice, Poisson intervals')
    const fallback = forcedName ? usable[0] : settings.historySpanDays < 7 ? timeOfDayMeanModel() : weekdayMeanModel(4)
    chosen = { name: fallback.name, models: [fallback], weights: [1] }
  } else {
    const selection = selectModel(prepared, usable, originIndices, horizonDays, options.onProgress, forceCombination)
    chosen = selection.chosen
    scores = selection.scores
    chosenOrigins = selection.chosenOrigins
  }

  options.onProgress?.({ stage: 'fit', model: chosen.name, done: 0, total: 1, message: `fitting ${chosen.name} on the whole history` })
  const context: ModelContext = { history: learningGrid, targets: prepared.targets, targetDays: prepared.targetDays, calendar: prepared.calendar }
  const mean = new Float64Array(n)
  chosen.models.forEach((model, j) => {
    const means = finaliseMeans(model.forecastMeans(context), context, prepared.targetClosed)
    for (let i = 0; i < n; i++) mean[i] += chosen.weights[j] * means[i]
  })
  const normalMean = Float64Array.from(mean)
  for (let i = 0; i < n; i++) mean[i] = prepared.targetClosed[i] ? 0 : Math.max(0, mean[i] * prepared.targetMultipliers[i])

  const dayAhead = workingDaysAhead(prepared)
  const calibration = chosenOrigins.length ? calibrateIntervals(chosenOrigins, levels) : undefined
  const bounds = calibration ? applyCalibration(mean, dayAhead, calibration) : poissonIntervals(mean, levels)
  widenForSpecialDays(bounds, mean, normalMean, prepared.targetMultiplierSd, levels)
  if (!calibration && chosenOrigins.length) warnings.push('too few backtest errors to calibrate intervals: Poisson intervals')
  const intervalCoverage = calibration ? heldOutCoverage(chosenOrigins, levels) : []
  options.onProgress?.({ stage: 'done', model: chosen.name, done: 1, total: 1, message: 'forecast ready' })
  return {
    ...base,
    model: chosen.name,
    mean: Array.from(mean),
    lower: bounds.lower,
    upper: bounds.upper,
    scores,
    intervalCoverage,
    intervalMethod: calibration ? 'backtest' : 'poisson',
  }
}

/**
 * On special days with a learned effect, adds the uncertainty of the effect itself: the half-widths grow to
 * sqrt(h^2 + (z * sd * normal forecast)^2), with sd the spread of the learned multiplier (see learnedMultipliers).
 */
function widenForSpecialDays(bounds: { lower: number[][]; upper: number[][] }, mean: Float64Array, normalMean: Float64Array, sd: readonly number[], levels: readonly number[]): void {
  const z = levels.map((level) => probit((1 + level) / 2))
  for (let i = 0; i < mean.length; i++) {
    if (!(sd[i] > 0) || !(mean[i] > 0)) continue
    const extra = sd[i] * normalMean[i]
    levels.forEach((_, l) => {
      const below = mean[i] - bounds.lower[l][i]
      const above = bounds.upper[l][i] - mean[i]
      bounds.lower[l][i] = Math.max(0, mean[i] - Math.sqrt(below ** 2 + (z[l] * extra) ** 2))
      bounds.upper[l][i] = mean[i] + Math.sqrt(above ** 2 + (z[l] * extra) ** 2)
    })
  }
}

/** Working days (open weekdays, not closed) from the end of the history to each target's day, 0 for the first. */
function workingDaysAhead(prepared: PreparedSeries): number[] {
  const last = prepared.grid.dayNumbers[prepared.grid.dayNumbers.length - 1]
  const { openWeekdays, closedDays } = prepared.calendar
  const byDay = new Map<number, number>()
  let count = -1
  const lastTarget = prepared.targetDays[prepared.targetDays.length - 1] ?? last
  for (let d = last + 1; d <= lastTarget; d++) {
    if (openWeekdays.has(weekdayOfDayNumber(d)) && !closedDays.has(d)) count++
    byDay.set(d, Math.max(0, count))
  }
  return prepared.targets.map((t) => byDay.get(t.dayNumber) ?? 0)
}

/**
 * Honest coverage of the calibrated intervals: each origin's actuals against intervals calibrated on the other
 * origins (leave-one-origin-out), pooled over origins. Falls back to in-sample coverage with a single origin.
 */
export function heldOutCoverage(origins: readonly BacktestOrigin[], levels: readonly number[]): IntervalCoverage[] {
  const inside = levels.map(() => 0)
  let total = 0
  origins.forEach((origin, o) => {
    const others = origins.length > 1 ? origins.filter((_, j) => j !== o) : origins
    const calibration = calibrateIntervals(others, levels)
    if (!calibration) return
    const { lower, upper } = applyCalibration(origin.forecast, origin.dayAhead, calibration)
    for (let i = 0; i < origin.actual.length; i++) {
      if (!(origin.forecast[i] > 0)) continue
      total++
      levels.forEach((_, l) => {
        if (origin.actual[i] >= lower[l][i] && origin.actual[i] <= upper[l][i]) inside[l]++
      })
    }
  })
  return total ? levels.map((level, l) => ({ level, coverage: inside[l] / total })) : []
}

export { calendarNaiveScale }
