import { probit, quantileSorted } from 'simple-statistics'
import type { BacktestOrigin } from './backtest.ts'

/**
 * Prediction intervals calibrated on backtest errors. Errors of count data grow with the level, so each error is
 * scaled by a negative-binomial (NB2) standard deviation sqrt(f + phi f^2) of its forecast f, with phi estimated by
 * the method of moments; the interval bounds are empirical quantiles of the scaled errors (Hyndman & Athanasopoulos
 * FPP3 section 5.5, "prediction intervals from bootstrapped residuals", applied to out-of-sample errors),
 * separately for horizon buckets (1st day ahead, days 2-3, 4-7, 8-14, 15+), pooled when a bucket is thin.
 */
export interface IntervalCalibration {
  /** NB2 over-dispersion of the backtest errors (0 = Poisson-like). */
  phi: number
  levels: number[]
  /** Per horizon bucket: per level, [lower, upper] quantiles of the scaled error. */
  buckets: Array<Array<[number, number]>>
}

const BUCKET_FIRST_DAYS = [0, 1, 3, 7, 14]
const MIN_BUCKET_ERRORS = 40

/** Horizon bucket of a target `dayAhead` days after the origin (0-based). */
export function horizonBucket(dayAhead: number): number {
  let bucket = 0
  for (let b = 0; b < BUCKET_FIRST_DAYS.length; b++) if (dayAhead >= BUCKET_FIRST_DAYS[b]) bucket = b
  return bucket
}

/** Standard deviation scale of a forecast under the NB2 variance f + phi f^2. */
export function errorScale(forecast: number, phi: number): number {
  return Math.sqrt(Math.max(forecast, 1e-9) + phi * forecast * forecast)
}

/** Learns the calibration from backtest origins (intervals with a zero forecast, i.e. closed, are ignored). */
export function calibrateIntervals(origins: readonly BacktestOrigin[], levels: readonly number[]): IntervalCalibration | undefined {
  levels.forEach((level, i) => {
    if (!(level > 0 && level < 1)) throw new RangeError(`levels[${i}] must be a fraction between 0 and 1, got ${level}`)
  })
  let squared = 0
  let sumF = 0
  let sumF2 = 0
  let count = 0
  for (const o of origins) {
    for (let i = 0; i < o.actual.length; i++) {
      const f = o.forecast[i]
      if (!(f > 0)) continue
      squared += (o.actual[i] - f) ** 2
      sumF += f
      sumF2 += f * f
      count++
    }
  }
  if (count < MIN_BUCKET_ERRORS) return undefined
  const phi = sumF2 > 0 ? Math.max(0, (squared - sumF) / sumF2) : 0
  const scaledByBucket: number[][] = BUCKET_FIRST_DAYS.map(() => [])
  for (const o of origins) {
    for (let i = 0; i < o.actual.length; i++) {
      const f = o.forecast[i]
      if (!(f > 0)) continue
      scaledByBucket[horizonBucket(o.dayAhead[i])].push((o.actual[i] - f) / errorScale(f, phi))
    }
  }
  const buckets: Array<Array<[number, number]>> = []
  let pooled: number[] = []
  for (let b = 0; b < scaledByBucket.length; b++) {
    pooled = scaledByBucket[b].length >= MIN_BUCKET_ERRORS ? scaledByBucket[b] : pooled.concat(scaledByBucket[b])
    if (pooled.length < MIN_BUCKET_ERRORS) {
      buckets.push([])
      continue
    }
    const sorted = [...pooled].sort((a, c) => a - c)
    buckets.push(levels.map((level) => [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)]))
  }
  // Thin early buckets borrow from the first filled one; later empty buckets from the last filled one.
  const firstFilled = buckets.findIndex((b) => b.length > 0)
  if (firstFilled < 0) return undefined
  for (let b = 0; b < buckets.length; b++) {
    if (buckets[b].length === 0) buckets[b] = b < firstFilled ? buckets[firstFilled] : buckets[b - 1]
  }
  return { phi, levels: [...levels], buckets }
}

/** Lower and upper bounds (per level) for forecasts `mean` at `dayAhead` days after the end of the history. */
export function applyCalibration(mean: ArrayLike<number>, dayAhead: ArrayLike<number>, calibration: IntervalCalibration): { lower: number[][]; upper: number[][] } {
  const lower = calibration.levels.map(() => new Array<number>(mean.length))
  const upper = calibration.levels.map(() => new Array<number>(mean.length))
  for (let i = 0; i < mean.length; i++) {
    const f = mean[i]
    const quantiles = calibration.buckets[horizonBucket(dayAhead[i])]
    const scale = errorScale(f, calibration.phi)
    calibration.levels.forEach((_, l) => {
      if (!(f > 0)) {
        lower[l][i] = 0
        upper[l][i] = 0
        return
      }
      lower[l][i] = Math.max(0, f + quantiles[l][0] * scale)
      upper[l][i] = Math.max(f, f + quantiles[l][1] * scale)
    })
  }
  return { lower, upper }
}

/**
 * Fallback intervals when the history is too short to backtest: Poisson quantiles by the normal approximation
 * (mean +- z sqrt(mean)), documented as too narrow when the level itself is uncertain.
 */
export function poissonIntervals(mean: ArrayLike<number>, levels: readonly number[]): { lower: number[][]; upper: number[][] } {
  const z = levels.map((level) => probit((1 + level) / 2))
  return {
    lower: z.map((zl) => Array.from(mean, (f) => Math.max(0, f - zl * Math.sqrt(f)))),
    upper: z.map((zl) => Array.from(mean, (f) => f + zl * Math.sqrt(f))),
  }
}
