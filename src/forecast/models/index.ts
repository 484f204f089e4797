import { isAugursMstlReady } from './augursRuntime.ts'
import { forecastTotalsByArima } from './arimaTotals.ts'
import { forecastTotalsByCalendarLevel, type CalendarLevelOptions } from './calendarLevelTotals.ts'
import type { ForecastModel } from './forecastModel.ts'
import { mstlEtsModel } from './mstlEts.ts'
import { seasonalNaiveModel } from './seasonalNaive.ts'
import { timeOfDayMeanModel } from './timeOfDayMean.ts'
import { topDownModel } from './topDown.ts'
import { weekdayMeanModel } from './weekdayMean.ts'

/** What decides which model variants are worth trying. */
export interface CandidateSettings {
  intervalMinutes: number
  /** Learnable history days. */
  historyDays: number
  /** Calendar days from the first to the last history day, inclusive. */
  historySpanDays: number
}

/** Model families, as accepted by `--model` (a family tries its variants by backtest; a full variant name forces one). */
export const MODEL_FAMILIES = ['seasonalNaive', 'weekdayMean', 'weekdayMedian', 'dailyProfile', 'topDownArima', 'mstlEts', 'timeOfDayMean', 'combination'] as const

const WEEKDAY_MEAN_WEEKS = [2, 3, 4, 5, 6, 8]
const WEEKDAY_MEDIAN_WEEKS = [4, 6, 8]
/** Smoothing weights of the daily level that dailyProfile tries. */
export const LEVEL_ALPHAS = [0.05, 0.1, 0.2]
const PROFILE_WEEKS = [6, 12, 20]
const YEAR_SPAN_DAYS = 364 + 56
/**
 * Clip of the daily level's surprises, in robust standard deviations (see smoothedLevel). In the rolling-origin suite
 * (npx chatplan bench forecast-rolling) 2 took the 1999 IL bank's normal fortnights from 10.8% to 12.1% below the
 * better same-weekday mean at 30 minutes (bias -5.0% to -3.7%) and from 10.6% to 11.8% hourly; the 2003 US bank moved
 * by 0.001 MASE (0.787 to 0.788).
 */
const ROBUST_K = 2

/** Profile smoothing half-width by interval length: about a quarter of an hour each side at fine resolutions. */
export function defaultSmoothingSlots(intervalMinutes: number): number {
  return Math.floor(15 / intervalMinutes)
}

/**
 * Top-down model with daily totals = robust level x weekday factor x calendar effects (see calendarLevelTotals.ts),
 * split by the smoothed intraday profile of the last `profileWeeks` same-weekday days.
 */
export function dailyProfileModel(alpha: number, profileWeeks: number, smoothingSlots: number, yearly = false): ForecastModel {
  return topDownModel({
    name: `dailyProfile:alpha=${alpha},weeks=${profileWeeks}${smoothingSlots ? `,smooth=${smoothingSlots}` : ''}${yearly ? ',yearly' : ''}`,
    family: 'dailyProfile',
    minHistoryDays: 10,
    profileWeeks,
    smoothingSlots,
    forecastTotals: (daily, targetDays, calendar) => forecastTotalsByCalendarLevel(daily, targetDays, calendar, dailyProfileTotalsOptions(alpha, yearly)),
  })
}

/** The daily-total settings of dailyProfile (also used by the daily-totals diagnosis, src/bench/forecast-daily.bench.ts). */
export function dailyProfileTotalsOptions(alpha: number, yearly = false): CalendarLevelOptions {
  return { alpha, calendarEffects: true, yearly, monthCycle: true, robustK: ROBUST_K }
}

/** Top-down model with daily totals by seasonal ARIMA (see arimaTotals.ts). */
export function topDownArimaModel(profileWeeks: number, smoothingSlots: number): ForecastModel {
  return topDownModel({
    name: `topDownArima:weeks=${profileWeeks}${smoothingSlots ? `,smooth=${smoothingSlots}` : ''}`,
    family: 'topDownArima',
    minHistoryDays: 21,
    profileWeeks,
    smoothingSlots,
    forecastTotals: forecastTotalsByArima,
  })
}

/** Every variant worth backtesting for a series (the automatic choice tries them all). */
export function candidateModels(settings: CandidateSettings): ForecastModel[] {
  if (settings.historySpanDays < 7) return [timeOfDayMeanModel()]
  const smoothing = defaultSmoothingSlots(settings.intervalMinutes)
  const models: ForecastModel[] = [seasonalNaiveModel()]
  for (const k of WEEKDAY_MEAN_WEEKS) models.push(weekdayMeanModel(k))
  for (const k of WEEKDAY_MEDIAN_WEEKS) models.push(weekdayMeanModel(k, 'median'))
  for (const alpha of LEVEL_ALPHAS) for (const weeks of PROFILE_WEEKS) models.push(dailyProfileModel(alpha, weeks, smoothing))
  if (settings.historySpanDays >= YEAR_SPAN_DAYS) for (const alpha of LEVEL_ALPHAS) models.push(dailyProfileModel(alpha, 12, smoothing, true))
  models.push(topDownArimaModel(12, smoothing))
  if (isAugursMstlReady()) models.push(mstlEtsModel(8))
  return models.filter((m) => m.minHistoryDays <= settings.historyDays)
}

/**
 * The variants `name` stands for: a family name gives all its candidate variants, a full variant name (as shown in
 * the scores) gives that one. `combination` is handled by the caller. Throws a RangeError listing the valid names.
 */
export function resolveModels(name: string, settings: CandidateSettings): ForecastModel[] {
  const all = [...candidateModels({ ...settings, historySpanDays: Math.max(settings.historySpanDays, 7), historyDays: Number.POSITIVE_INFINITY }), timeOfDayMeanModel()]
  const exact = all.filter((m) => m.name === name)
  if (exact.length) return exact
  const family = all.filter((m) => m.family === name)
  if (family.length) return family
  if (name === 'mstlEts' && !isAugursMstlReady()) throw new RangeError('model mstlEts needs the augurs WASM: call initAugursMstl() first')
  throw new RangeError(`model must be one of ${MODEL_FAMILIES.join(', ')} or a variant name such as weekdayMean:k=4, got ${JSON.stringify(name)}`)
}
