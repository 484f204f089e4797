import { businessDayOfMonth, closedDaysBefore, type CalendarKnowledge } from '../calendar/calendarKnowledge.ts'
import { weekdayOfDayNumber } from '../calendar/localPositions.ts'
import type { DailyTotals } from './dailyTotals.ts'

export interface CalendarLevelOptions {
  /** Smoothing weight of the level (simple exponential smoothing of deseasonalised totals), 0-1. */
  alpha: number
  /** Learn multipliers for the day after a closure and the first three / last working days of the month. */
  calendarEffects: boolean
  /** Carry last year's seasonal movement (52 weeks back) into the level, when a year of history exists. */
  yearly: boolean
  /** Learn the cycle within the month (see monthCycleEffects): busier first half, quieter second half, etc. */
  monthCycle?: boolean
  /**
   * Robust level (Gelper, Fried & Croux 2010): each day's surprise is clipped at this many robust standard
   * deviations before it moves the level, so one odd day (an unlisted fast day, an outage) does not drag the level
   * for weeks. 0 or absent: plain smoothing.
   */
  robustK?: number
}

const SHRINK_DAYS = 1
const FACTOR_WINDOW_WEEKS = 30
const ITERATIONS = 3
const YEAR_DAYS = 364
const YEAR_WINDOW_DAYS = 10

const flagCache = new WeakMap<CalendarKnowledge, Map<number, string[]>>()

/** Calendar flags of a day: day after a closure, working day 1-3 of the month, last working day of the month. */
export function calendarFlagsOf(dayNumber: number, calendar: CalendarKnowledge): string[] {
  let byDay = flagCache.get(calendar)
  if (!byDay) flagCache.set(calendar, (byDay = new Map()))
  let flags = byDay.get(dayNumber)
  if (!flags) byDay.set(dayNumber, (flags = computeFlags(dayNumber, calendar)))
  return flags
}

function computeFlags(dayNumber: number, calendar: CalendarKnowledge): string[] {
  const flags: string[] = []
  if (closedDaysBefore(dayNumber, calendar) > 0) flags.push('afterClosure')
  const { fromStart, fromEnd } = businessDayOfMonth(dayNumber, calendar)
  if (fromStart >= 1 && fromStart <= 3) flags.push(`monthDay${fromStart}`)
  if (fromEnd === 1) flags.push('monthLastDay')
  return flags
}

/**
 * Daily totals forecast as level x weekday factor x calendar effects (multiplicative classical decomposition,
 * Hyndman & Athanasopoulos FPP3 section 3.4, with the level by simple exponential smoothing, section 8.1).
 * Weekday factors: mean ratio of each day to the centred moving average of one working week around it (last 30
 * weeks). Calendar effects: mean ratio of flagged days to their neighbours' level, shrunk toward 1 by one pseudo-day.
 * Factors and effects are re-estimated three times (backfitting). Returns NaN for target days on closed weekdays.
 */
export function forecastTotalsByCalendarLevel(
  daily: DailyTotals,
  targetDays: readonly number[],
  calendar: CalendarKnowledge,
  options: CalendarLevelOptions,
): Float64Array {
  const n = daily.totals.length
  const out = new Float64Array(targetDays.length).fill(Number.NaN)
  if (n === 0) return out
  const weekdays = daily.dayNumbers.map(weekdayOfDayNumber)
  const flags = daily.dayNumbers.map((d) => (options.calendarEffects ? calendarFlagsOf(d, calendar) : []))
  const periodDays = Math.max(1, calendar.openWeekdays.size)
  const half = Math.floor(periodDays / 2)
  const evenPeriod = periodDays % 2 === 0
  let factors = new Array<number>(8).fill(1)
  let effects: Record<string, number> = {}
  const effectOf = (i: number) => flags[i].reduce((product, flag) => product * (effects[flag] ?? 1), 1)
  let deseasonalised = new Float64Array(n)

  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (let i = 0; i < n; i++) deseasonalised[i] = daily.totals[i] / effectOf(i) / factors[weekdays[i]]
    const centred = (i: number, excludeSelf: boolean) => {
      let weighted = 0
      let weights = 0
      for (let j = -half; j <= half; j++) {
        if (excludeSelf && j === 0) continue
        const w = evenPeriod && Math.abs(j) === half ? 0.5 : 1
        weighted += w * deseasonalised[i + j]
        weights += w
      }
      return weighted / weights
    }
    const ratioSums = new Array<number>(8).fill(0)
    const ratioCounts = new Array<number>(8).fill(0)
    const firstForFactors = Math.max(half, n - half - FACTOR_WINDOW_WEEKS * periodDays)
    for (let i = firstForFactors; i < n - half; i++) {
      const level = centred(i, false)
      if (!(level > 0)) continue
      ratioSums[weekdays[i]] += daily.totals[i] / effectOf(i) / level
      ratioCounts[weekdays[i]]++
    }
    const newFactors = factors.map((f, w) => (ratioCounts[w] ? ratioSums[w] / ratioCounts[w] : f))
    const openFactors = [...calendar.openWeekdays].map((w) => newFactors[w])
    const meanFactor = openFactors.length ? openFactors.reduce((a, b) => a + b, 0) / openFactors.length : 1
    factors = newFactors.map((f) => (meanFactor > 0 ? f / meanFactor : f))
    if (options.calendarEffects) effects = learnEffects(daily, weekdays, flags, factors, effects, half, centred)
  }
  for (let i = 0; i < n; i++) deseasonalised[i] = daily.totals[i] / effectOf(i) / factors[weekdays[i]]
  const monthEffect = options.monthCycle ? monthCycleEffects(daily.dayNumbers, deseasonalised) : undefined
  if (monthEffect) for (let i = 0; i < n; i++) deseasonalised[i] /= monthEffect[dayOfMonth(daily.dayNumbers[i])]

  const warmup = Math.min(n, periodDays)
  const level = smoothedLevel(deseasonalised, warmup, options.alpha, options.robustK ?? 0)

  const lastDay = daily.dayNumbers[n - 1]
  targetDays.forEach((day, t) => {
    const weekday = weekdayOfDayNumber(day)
    if (!calendar.openWeekdays.has(weekday)) return
    const dayEffect = options.calendarEffects ? calendarFlagsOf(day, calendar).reduce((p, f) => p * (effects[f] ?? 1), 1) : 1
    const yearly = options.yearly ? yearlyFactor(daily, deseasonalised, day, lastDay) : 1
    const month = monthEffect ? monthEffect[dayOfMonth(day)] : 1
    out[t] = Math.max(0, level * factors[weekday] * dayEffect * yearly * month)
  })
  return out
}

function learnEffects(
  daily: DailyTotals,
  weekdays: number[],
  flags: string[][],
  factors: number[],
  current: Record<string, number>,
  half: number,
  centred: (i: number, excludeSelf: boolean) => number,
): Record<string, number> {
  const sums: Record<string, number> = {}
  const counts: Record<string, number> = {}
  for (let i = half; i < daily.totals.length - half; i++) {
    if (flags[i].length === 0) continue
    const level = centred(i, true)
    if (!(level > 0)) continue
    const ratio = daily.totals[i] / (level * factors[weekdays[i]])
    for (const flag of flags[i]) {
      const others = flags[i].reduce((p, f) => (f === flag ? p : p * (current[f] ?? 1)), 1)
      sums[flag] = (sums[flag] ?? 0) + ratio / others
      counts[flag] = (counts[flag] ?? 0) + 1
    }
  }
  const effects: Record<string, number> = {}
  for (const flag of Object.keys(sums)) effects[flag] = (sums[flag] + SHRINK_DAYS) / (counts[flag] + SHRINK_DAYS)
  return effects
}

/** Last year's movement of the deseasonalised level from (origin - 52 weeks) to (target - 52 weeks); 1 when unknown. */
function yearlyFactor(daily: DailyTotals, deseasonalised: Float64Array, targetDay: number, lastDay: number): number {
  const meanAround = (centre: number) => {
    let sum = 0
    let count = 0
    daily.dayNumbers.forEach((d, i) => {
      if (Math.abs(d - centre) <= YEAR_WINDOW_DAYS) {
        sum += deseasonalised[i]
        count++
      }
    })
    return count >= 5 ? sum / count : Number.NaN
  }
  const then = meanAround(targetDay - YEAR_DAYS)
  const before = meanAround(lastDay - YEAR_DAYS)
  const factor = then / before
  return Number.isFinite(factor) && factor > 0 ? factor : 1
}

const MONTH_WINDOW_DAYS = 15
const MONTH_MIN_SIDE_DAYS = 7
const MONTH_KERNEL_DAYS = 2
const MONTH_SHRINK_DAYS = 4

const dayOfMonth = (dayNumber: number) => new Date(dayNumber * 86_400_000).getUTCDate()

/**
 * The cycle within the month (pay days, statements): for each day of the month (1-31), the mean ratio of the
 * deseasonalised total to its centred moving average over +-15 calendar days (which a monthly cycle averages out),
 * smoothed over +-2 days of the month with a triangular kernel and shrunk toward 1 by four pseudo-days, so a short
 * history learns next to nothing. Days with fewer than 7 days of history on either side are not used.
 * Returns multipliers indexed by day of month (index 0 unused).
 */
export function monthCycleEffects(dayNumbers: readonly number[], deseasonalised: ArrayLike<number>): Float64Array {
  const n = dayNumbers.length
  const ratioSums = new Float64Array(32)
  const ratioCounts = new Float64Array(32)
  let lo = 0
  let hi = 0
  let windowSum = 0
  for (let i = 0; i < n; i++) {
    const d = dayNumbers[i]
    while (hi < n && dayNumbers[hi] <= d + MONTH_WINDOW_DAYS) windowSum += deseasonalised[hi++]
    while (dayNumbers[lo] < d - MONTH_WINDOW_DAYS) windowSum -= deseasonalised[lo++]
    if (d - dayNumbers[0] < MONTH_MIN_SIDE_DAYS || dayNumbers[n - 1] - d < MONTH_MIN_SIDE_DAYS) continue
    const mean = windowSum / (hi - lo)
    if (!(mean > 0)) continue
    ratioSums[dayOfMonth(d)] += deseasonalised[i] / mean
    ratioCounts[dayOfMonth(d)]++
  }
  const out = new Float64Array(32).fill(1)
  for (let dom = 1; dom <= 31; dom++) {
    let weighted = 0
    let weights = 0
    for (let j = -MONTH_KERNEL_DAYS; j <= MONTH_KERNEL_DAYS; j++) {
      const k = dom + j
      if (k < 1 || k > 31) continue
      const w = (MONTH_KERNEL_DAYS + 1 - Math.abs(j)) / (MONTH_KERNEL_DAYS + 1)
      weighted += w * ratioSums[k]
      weights += w * ratioCounts[k]
    }
    out[dom] = (weighted + MONTH_SHRINK_DAYS) / (weights + MONTH_SHRINK_DAYS)
  }
  return out
}

/**
 * Simple exponential smoothing of `series` after a warm-up mean over its first `warmup` values; the final level.
 * With `robustK` > 0 the relative surprise (value / level - 1) is clipped at robustK x its robust standard deviation
 * (1.4826 x the median absolute surprise of a plain pass) before the update, a Huber-type robust smoothing.
 */
export function smoothedLevel(series: ArrayLike<number>, warmup: number, alpha: number, robustK = 0): number {
  const start = () => {
    let level = 0
    for (let i = 0; i < warmup; i++) level += series[i] / warmup
    return level
  }
  let clip = Number.POSITIVE_INFINITY
  if (robustK > 0) {
    const surprises: number[] = []
    let plain = start()
    for (let i = warmup; i < series.length; i++) {
      if (plain > 0) surprises.push(Math.abs(series[i] / plain - 1))
      plain += alpha * (series[i] - plain)
    }
    surprises.sort((a, b) => a - b)
    if (surprises.length >= MIN_ROBUST_DAYS) clip = robustK * 1.4826 * surprises[surprises.length >> 1]
  }
  let level = start()
  for (let i = warmup; i < series.length; i++) {
    const bound = clip * level
    level += alpha * Math.max(-bound, Math.min(bound, series[i] - level))
  }
  return level
}

/** Surprises needed before the robust scale is trusted (fewer: plain smoothing). */
const MIN_ROBUST_DAYS = 5
