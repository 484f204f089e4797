import { quantileSorted } from 'simple-statistics'
import type { DayGrid } from '../calendar/dayGrid.ts'
import { conditionalPredictor } from './conditionalGaussian.ts'

/**
 * The intraday update on a local day grid (slots of the day, aligned by local time).
 *
 * Model (after Shen & Huang 2008, "Interday forecasting and intraday updating of call center arrivals", M&SOM 10(3),
 * and Weinberg, Brown & Stroud 2007, JASA 102(480)): on the square-root scale, where Poisson counts have a nearly
 * constant variance, a day's deviation from its reference forecast is one multivariate normal vector across the
 * slots of the day (plus one component for yesterday's mean deviation, the day-to-day persistence of the level).
 * Its covariance is estimated from the deviations of the recent history days, shrunk toward its diagonal
 * (Ledoit & Wolf 2004); the afternoon is the conditional mean given the morning's observed slots, so missing slots
 * are simply not conditioned on. The shrinkage, i.e. how much of the morning's deviation carries over, is chosen
 * by a rolling backtest over the last history days, and the 80/95% intervals are empirical quantiles of the
 * backtest's standardised errors (out of sample: each backtest day sees only the days before it).
 *
 * The reference of a day is the mean of the day-ahead forecast and the same-weekday mean of the last 8 weeks:
 * a longer window halves the sampling noise of a 4-week mean, and the day-ahead forecast keeps whatever it knows
 * (events, trend). For history days the day-ahead forecast is stood in for by the same-weekday mean of 4 weeks.
 */
export interface GridReforecastInput {
  /** Days strictly before today; NaN where not observed. */
  history: DayGrid
  todayDayNumber: number
  /** Day-ahead forecast of today per slot; NaN where not given (the same-weekday mean of 4 weeks stands in). */
  dayAheadBySlot: Float64Array
  /** Today's actuals per slot; NaN where missing or not yet closed. */
  observedBySlot: Float64Array
  /** Slots to forecast (not yet closed), increasing. */
  targetSlots: readonly number[]
  /** Coverage levels (0-1). */
  levels: readonly number[]
}

export interface GridReforecast {
  /** Per target slot (same order as targetSlots). */
  mean: number[]
  lower: number[][]
  upper: number[][]
  /** Reference (day-ahead blended with the 8-week profile) per target slot. */
  dayAhead: number[]
  /** The day-ahead forecast per slot of the day: as given, else the same-weekday mean of 4 weeks (0 where unknown). */
  dayAheadBySlot: Float64Array
  method: 'conditional' | 'ratio'
  /** Shrinkage of the morning-to-afternoon covariances chosen by backtest (0 = full trust in the covariances). */
  shrinkage: number
  /** History days the shrinkage and intervals were learned on. */
  backtestDays: number
  /** Backtest MAE of the re-forecast over that of the day-ahead stand-in, on the rest of the day. */
  backtestMaeRatio: number
  warnings: string[]
}

const SHORT_WEEKS = 4
const LONG_WEEKS = 8
const WINDOW_DAYS = 120
const BACKTEST_DAYS = 60
const MIN_WINDOW_DAYS = 20
const SHRINKAGE_GRID = [0.15, 0.3, 0.45, 0.6]
const CLIP_RMS = 2.5
/** Prior strength (contacts) of the fallback ratio update, when the history is too short to learn from. */
const FALLBACK_PRIOR_CONTACTS = 200

const sq = (x: number) => Math.sqrt(Math.max(x, 0) + 0.25)
const unsq = (y: number) => (y <= 0.5 ? 0 : y * y - 0.25)

/** Same-weekday mean per slot over the last `weeks` occurrences before `dayNumber` (NaN-aware); undefined when none. */
function sameWeekdayMean(grid: DayGrid, beforeIndex: number, dayNumber: number, weeks: number): Float64Array | undefined {
  const P = grid.slotsPerDay
  const sum = new Float64Array(P)
  const count = new Float64Array(P)
  let found = 0
  for (let i = beforeIndex - 1; i >= 0 && found < weeks; i--) {
    if ((dayNumber - grid.dayNumbers[i]) % 7 !== 0) continue
    found++
    const row = grid.values[i]
    for (let s = 0; s < P; s++) if (row[s] === row[s]) { sum[s] += row[s]; count[s]++ }
  }
  if (found === 0) return undefined
  for (let s = 0; s < P; s++) sum[s] = count[s] > 0 ? sum[s] / count[s] : Number.NaN
  return sum
}

function blend(dayAhead: Float64Array, long: Float64Array | undefined): Float64Array {
  const out = new Float64Array(dayAhead.length)
  for (let s = 0; s < out.length; s++) {
    const a = dayAhead[s]
    const b = long ? long[s] : Number.NaN
    out[s] = a === a ? (a === 0 ? 0 : b === b ? (a + b) / 2 : a) : b === b ? b : 0
  }
  return out
}

interface UsableDay { index: number; reference: Float64Array; stand: Float64Array; deviation: Float64Array }

/** Re-forecasts the target slots of today. Pure; the inputs are not modified. */
export function reforecastGrid(input: GridReforecastInput): GridReforecast {
  const { history, todayDayNumber, dayAheadBySlot, observedBySlot, targetSlots, levels } = input
  const P = history.slotsPerDay
  const size = P + 1 // slots + yesterday's mean deviation
  const warnings: string[] = []
  const cutSlot = targetSlots.length ? targetSlots[0] : P

  // Today's reference.
  const todayShort = sameWeekdayMean(history, history.dayNumbers.length, todayDayNumber, SHORT_WEEKS)
  const todayLong = sameWeekdayMean(history, history.dayNumbers.length, todayDayNumber, LONG_WEEKS)
  const todayStand = Float64Array.from(dayAheadBySlot, (v, s) => (v === v ? v : todayShort ? todayShort[s] : Number.NaN))
  const todayReference = blend(todayStand, todayLong)

  // History days with a reference: deviations on the root scale.
  const usable: UsableDay[] = []
  const deviationOfDay = new Map<number, Float64Array>()
  for (let i = 0; i < history.dayNumbers.length; i++) {
    const day = history.dayNumbers[i]
    const short = sameWeekdayMean(history, i, day, SHORT_WEEKS)
    if (!short) continue
    const reference = blend(short, sameWeekdayMean(history, i, day, LONG_WEEKS))
    const row = history.values[i]
    const deviation = new Float64Array(size)
    for (let s = 0; s < P; s++) deviation[s] = row[s] === row[s] ? sq(row[s]) - sq(reference[s]) : 0
    deviationOfDay.set(day, deviation)
    usable.push({ index: i, reference, stand: short, deviation })
  }
  const yesterdayMean = (day: number): number => {
    const d = deviationOfDay.get(day - 1)
    if (!d) return Number.NaN
    let sum = 0
    for (let s = 0; s < P; s++) sum += d[s]
    return sum / P
  }
  for (const u of usable) {
    const y = yesterdayMean(history.dayNumbers[u.index])
    u.deviation[P] = y === y ? y : 0
  }

  const n = usable.length
  if (targetSlots.length === 0) {
    return { mean: [], lower: levels.map(() => []), upper: levels.map(() => []), dayAhead: [], dayAheadBySlot: standOf(todayStand), method: 'conditional', shrinkage: Number.NaN, backtestDays: 0, backtestMaeRatio: Number.NaN, warnings }
  }
  const backtestCount = Math.min(BACKTEST_DAYS, n - MIN_WINDOW_DAYS)
  if (backtestCount < 10) {
    warnings.push(`only ${n} history days with a same-weekday reference: the morning's deviation is trusted by a fixed prior (${FALLBACK_PRIOR_CONTACTS} contacts), not learned`)
    return { ...ratioFallback(todayReference, observedBySlot, targetSlots, levels), dayAheadBySlot: standOf(todayStand), warnings }
  }

  // Robustness: clip each component at CLIP_RMS root-mean-squares (holidays and outages in the history).
  const rms = new Float64Array(size)
  for (const u of usable) for (let k = 0; k < size; k++) rms[k] += u.deviation[k] ** 2 / n
  for (const u of usable) {
    for (let k = 0; k < size; k++) {
      const c = CLIP_RMS * Math.sqrt(rms[k])
      u.deviation[k] = Math.max(-c, Math.min(c, u.deviation[k]))
    }
  }

  // Sliding covariance sums over the WINDOW_DAYS usable days before a position.
  const sums = new Float64Array(size * size)
  let lo = 0
  let hi = 0
  const add = (d: Float64Array, sign: number) => {
    for (let a = 0; a < size; a++) {
      const da = d[a] * sign
      if (da === 0) continue
      for (let b = 0; b < size; b++) sums[a * size + b] += da * d[b]
    }
  }
  const covarianceBefore = (position: number): Float64Array => {
    const from = Math.max(0, position - WINDOW_DAYS)
    while (hi < position) add(usable[hi++].deviation, 1)
    while (lo < from) add(usable[lo++].deviation, -1)
    const count = hi - lo
    return sums.map((v) => v / count)
  }

  // Backtest: each of the last `backtestCount` usable days, predicted from its own morning with the covariance of
  // the days before it, at the same cut slot as today.
  const errors = SHRINKAGE_GRID.map(() => 0)
  const z: number[][] = SHRINKAGE_GRID.map(() => [])
  let standError = 0
  for (let p = n - backtestCount; p < n; p++) {
    const cov = covarianceBefore(p)
    const u = usable[p]
    const row = history.values[u.index]
    const observed: number[] = []
    const values: number[] = []
    for (let s = 0; s < cutSlot; s++) if (row[s] === row[s] && u.reference[s] > 0) { observed.push(s); values.push(u.deviation[s]) }
    const y = yesterdayMean(history.dayNumbers[u.index])
    if (y === y) { observed.push(P); values.push(u.deviation[P]) }
    SHRINKAGE_GRID.forEach((shrinkage, g) => {
      const predictor = conditionalPredictor(cov, size, observed, values, 1 - shrinkage)
      for (const s of targetSlots) {
        if (!(row[s] === row[s]) || !(u.reference[s] > 0)) continue
        const { mean, variance } = predictor.predict(s)
        const m = sq(u.reference[s]) + mean
        errors[g] += Math.abs(row[s] - unsq(m))
        z[g].push((sq(row[s]) - m) / Math.sqrt(variance))
        if (g === 0) standError += Math.abs(row[s] - (u.stand[s] === u.stand[s] ? u.stand[s] : 0))
      }
    })
  }
  let best = 0
  for (let g = 1; g < errors.length; g++) if (errors[g] < errors[best]) best = g
  const shrinkage = SHRINKAGE_GRID[best]
  const scaled = z[best].slice().sort((a, b) => a - b)

  // Today.
  const cov = covarianceBefore(n)
  const observed: number[] = []
  const values: number[] = []
  for (let s = 0; s < P; s++) {
    const v = observedBySlot[s]
    if (v === v && todayReference[s] > 0 && !targetSlots.includes(s)) {
      observed.push(s)
      values.push(Math.max(-CLIP_RMS * 2 * Math.sqrt(rms[s]), Math.min(CLIP_RMS * 2 * Math.sqrt(rms[s]), sq(v) - sq(todayReference[s]))))
    }
  }
  const yToday = yesterdayMean(todayDayNumber)
  if (yToday === yToday) { observed.push(P); values.push(Math.max(-CLIP_RMS * Math.sqrt(rms[P]), Math.min(CLIP_RMS * Math.sqrt(rms[P]), yToday))) }
  const predictor = conditionalPredictor(cov, size, observed, values, 1 - shrinkage)
  const mean: number[] = []
  const lower: number[][] = levels.map(() => [])
  const upper: number[][] = levels.map(() => [])
  const quantiles = scaled.length >= 20
    ? levels.map((level) => [quantileSorted(scaled, (1 - level) / 2), quantileSorted(scaled, (1 + level) / 2)])
    : undefined
  if (!quantiles) warnings.push('too few backtest errors to calibrate the intervals; normal quantiles used')
  for (const s of targetSlots) {
    if (!(todayReference[s] > 0)) {
      mean.push(0)
      levels.forEach((_, l) => { lower[l].push(0); upper[l].push(0) })
      continue
    }
    const { mean: dev, variance } = predictor.predict(s)
    const m = sq(todayReference[s]) + dev
    const sd = Math.sqrt(variance)
    mean.push(unsq(m))
    levels.forEach((level, l) => {
      const [qlo, qhi] = quantiles ? quantiles[l] : [-normalQuantile(level), normalQuantile(level)]
      lower[l].push(unsq(m + qlo * sd))
      upper[l].push(unsq(m + qhi * sd))
    })
  }
  return {
    mean,
    lower,
    upper,
    dayAhead: targetSlots.map((s) => todayReference[s]),
    dayAheadBySlot: standOf(todayStand),
    method: 'conditional',
    shrinkage,
    backtestDays: backtestCount,
    backtestMaeRatio: standError > 0 ? errors[best] / standError : Number.NaN,
    warnings,
  }
}

/** Two-sided normal quantile for a central coverage level (0.8 -> 1.2816, 0.95 -> 1.96). */
function normalQuantile(level: number): number {
  // Acklam-free shortcut for the two levels we use, else a bisection on erf.
  const p = (1 + level) / 2
  let lo = 0
  let hi = 8
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (0.5 * (1 + erf(mid / Math.SQRT2)) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26
  const t = 1 / (1 + 0.3275911 * Math.abs(x))
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return x >= 0 ? y : -y
}

/**
 * Fallback for a short history: the Poisson-gamma level update of Weinberg, Brown & Stroud (2007) with a fixed prior,
 * ratio = (k + actual so far) / (k + reference so far), so the weight of the morning is n / (n + k); Poisson intervals
 * on the root scale widened by the prior's uncertainty.
 */
function standOf(stand: Float64Array): Float64Array {
  return stand.map((v) => (v === v ? v : 0))
}

function ratioFallback(reference: Float64Array, observed: Float64Array, targetSlots: readonly number[], levels: readonly number[]): Omit<GridReforecast, 'warnings' | 'dayAheadBySlot'> {
  let actual = 0
  let expected = 0
  for (let s = 0; s < reference.length; s++) {
    if (observed[s] === observed[s] && !targetSlots.includes(s)) { actual += observed[s]; expected += reference[s] }
  }
  const ratio = (FALLBACK_PRIOR_CONTACTS + actual) / (FALLBACK_PRIOR_CONTACTS + expected)
  const mean = targetSlots.map((s) => reference[s] * ratio)
  const lower = levels.map((level) => mean.map((m) => (m > 0 ? unsq(sq(m) - normalQuantile(level) * Math.sqrt(0.25 + 0.04 * m)) : 0)))
  const upper = levels.map((level) => mean.map((m) => (m > 0 ? unsq(sq(m) + normalQuantile(level) * Math.sqrt(0.25 + 0.04 * m)) : 0)))
  return { mean, lower, upper, dayAhead: targetSlots.map((s) => reference[s]), method: 'ratio', shrinkage: Number.NaN, backtestDays: 0, backtestMaeRatio: Number.NaN }
}
