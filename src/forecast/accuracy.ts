/**
 * Point-forecast accuracy measures (Hyndman & Koehler 2006, "Another look at measures of forecast accuracy";
 * FPP3 section 5.8). Inputs are parallel arrays of actuals and forecasts; all throw on empty or mismatched input.
 */

function checkPairs(actual: ArrayLike<number>, forecast: ArrayLike<number>, fn: string): void {
  if (actual.length !== forecast.length) throw new RangeError(`${fn}: actual has ${actual.length} values but forecast has ${forecast.length}`)
  if (actual.length === 0) throw new RangeError(`${fn}: actual must not be empty`)
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i])) throw new RangeError(`${fn}: actual[${i}] must be a finite number, got ${actual[i]}`)
    if (!Number.isFinite(forecast[i])) throw new RangeError(`${fn}: forecast[${i}] must be a finite number, got ${forecast[i]}`)
  }
}

/** Mean absolute error: mean |actual - forecast|. */
export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast, 'mae')
  let sum = 0
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i])
  return sum / actual.length
}

/** Root mean squared error: sqrt(mean (actual - forecast)^2). */
export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast, 'rmse')
  let sum = 0
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - forecast[i]) ** 2
  return Math.sqrt(sum / actual.length)
}

/** Weighted absolute percentage error: sum |actual - forecast| / sum actual (0-1 fraction). */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast, 'wape')
  let errors = 0
  let volume = 0
  for (let i = 0; i < actual.length; i++) {
    errors += Math.abs(actual[i] - forecast[i])
    volume += Math.abs(actual[i])
  }
  if (volume === 0) throw new RangeError('wape: the actuals sum to zero, so WAPE is undefined')
  return errors / volume
}

/**
 * In-sample MAE of the seasonal naive forecast with lag `lag` observations: mean |y[t] - y[t - lag]|,
 * the denominator of MASE (Hyndman & Koehler 2006, eq. 4).
 */
export function seasonalNaiveMae(insample: ArrayLike<number>, lag: number): number {
  if (!Number.isInteger(lag) || lag < 1) throw new RangeError(`seasonalNaiveMae: lag must be a positive integer, got ${lag}`)
  if (insample.length <= lag) throw new RangeError(`seasonalNaiveMae: need more than lag=${lag} in-sample values, got ${insample.length}`)
  let sum = 0
  for (let t = lag; t < insample.length; t++) sum += Math.abs(insample[t] - insample[t - lag])
  return sum / (insample.length - lag)
}

/** Mean absolute scaled error: MAE of the forecast / in-sample MAE of the seasonal naive with lag `lag`. */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, insample: ArrayLike<number>, lag: number): number {
  return maseWithScale(actual, forecast, seasonalNaiveMae(insample, lag))
}

/** MASE with a precomputed scale (e.g. a calendar-aware seasonal naive MAE). */
export function maseWithScale(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`mase: the scale (in-sample naive MAE) must be > 0, got ${scale}`)
  return mae(actual, forecast) / scale
}

/** Fraction (0-1) of actuals inside [lower, upper] (bounds included). */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  checkPairs(actual, lower, 'coverage')
  checkPairs(actual, upper, 'coverage')
  let inside = 0
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++
  return inside / actual.length
}
