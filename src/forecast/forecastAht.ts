import { quantileSorted } from 'simple-statistics'
import { backtestOriginIndices, calendarNaiveScale } from './backtest.ts'
import { buildDayGrid, gridBefore, gridWithoutDays, type DayGrid } from './calendar/dayGrid.ts'
import { toLocalPositions, weekdayOfDayNumber } from './calendar/localPositions.ts'
import type { TargetSlot } from './models/forecastModel.ts'
import { prepareSeries } from './prepareSeries.ts'
import type { ForecastOptions, ForecastResult, IntervalCoverage, IntervalStart, ModelScore } from './types.ts'

export interface AhtInput {
  timestamps: readonly IntervalStart[]
  /** Average handle time of each history interval in seconds; null/NaN where no contact was handled. */
  ahtSeconds: readonly (number | null | undefined)[]
  /** Handled contacts per interval, the weights of the averages (default 1 where an AHT is given). */
  volumes?: readonly number[]
  futureTimestamps: readonly IntervalStart[]
  timeZone: string
  intervalMinutes?: number
  closedDates?: readonly string[]
}

interface AhtVariant {
  name: string
  weeks: number
  /** Pseudo-contacts of the hour-of-day mean added to each cell (shrinkage strength). */
  shrinkContacts: number
}

const VARIANTS: AhtVariant[] = [4, 8, 12].flatMap((weeks) => [0, 20, 100].map((shrinkContacts) => ({ name: `ahtWeekdayMean:k=${weeks},shrink=${shrinkContacts}`, weeks, shrinkContacts })))
const DEFAULT_LEVELS = [0.8, 0.95]
const HORIZON_CAP_DAYS = 35

/**
 * AHT per future interval: the volume-weighted mean AHT of the same weekday and local time over the last k such
 * days, shrunk toward the volume-weighted mean of the same hour of day over all weekdays of the last k weeks
 * (estimate = (workload + n0 x hourMean) / (contacts + n0), a credibility / empirical-Bayes weighting; Buhlmann 1967).
 * k and n0 are chosen by rolling-origin backtest (contact-weighted MAE); intervals are empirical quantiles of the
 * backtest ratios actual / forecast. Never NaN: intervals without information get the overall mean AHT.
 */
export function forecastAht(input: AhtInput, options: Pick<ForecastOptions, 'levels' | 'backtestOrigins' | 'model'> = {}): ForecastResult {
  if (!Array.isArray(input?.ahtSeconds)) throw new TypeError(`ahtSeconds must be an array of seconds, got ${typeof input?.ahtSeconds}`)
  const levels = [...(options.levels ?? DEFAULT_LEVELS)]
  const n = input.ahtSeconds.length
  const weights = input.volumes ?? input.ahtSeconds.map((a) => (a === null || a === undefined || Number.isNaN(a) ? 0 : 1))
  if (weights.length !== n) throw new RangeError(`volumes has ${weights.length} values but ahtSeconds has ${n}`)
  const aht = input.ahtSeconds.map((a, i) => {
    if (a === null || a === undefined || Number.isNaN(a)) return Number.NaN
    if (typeof a !== 'number' || !Number.isFinite(a) || a < 0) throw new RangeError(`ahtSeconds[${i}] must be a number of seconds >= 0 or empty, got ${a}`)
    return a
  })
  const prepared = prepareSeries({ timestamps: input.timestamps, volumes: weights, futureTimestamps: input.futureTimestamps, timeZone: input.timeZone, intervalMinutes: input.intervalMinutes, closedDates: input.closedDates })
  const positions = toLocalPositions(input.timestamps, input.timeZone, 'timestamps')
  const usable = aht.map((a, i) => (a === a && weights[i] > 0 ? 1 : 0))
  const contactsGrid = gridWithoutDays(buildDayGrid(positions, weights.map((w, i) => (usable[i] ? w : 0)), prepared.intervalMinutes), prepared.excludedDays)
  const workloadGrid = gridWithoutDays(buildDayGrid(positions, aht.map((a, i) => (usable[i] ? a * weights[i] : 0)), prepared.intervalMinutes), prepared.excludedDays)
  const ahtGrid = gridWithoutDays(buildDayGrid(positions, aht.map((a, i) => (usable[i] ? a : Number.NaN)), prepared.intervalMinutes), prepared.excludedDays)
  const totalContacts = weights.reduce((s, w, i) => s + (usable[i] ? w : 0), 0)
  if (totalContacts === 0) throw new RangeError('ahtSeconds: no history interval has a handle time with contacts, so AHT cannot be forecast')

  const variants = options.model ? VARIANTS.filter((v) => v.name === options.model || options.model === 'ahtWeekdayMean') : VARIANTS
  if (variants.length === 0) throw new RangeError(`model for AHT must be ahtWeekdayMean or one of ${VARIANTS.map((v) => v.name).join(', ')}, got ${JSON.stringify(options.model)}`)
  let horizonDays = Math.min(HORIZON_CAP_DAYS, Math.max(1, prepared.targetDays.length))
  const originCount = options.backtestOrigins ?? 8
  let origins = backtestOriginIndices(workloadGrid, horizonDays, originCount, 14)
  while (origins.length < 2 && horizonDays > 1) {
    horizonDays = Math.max(1, Math.floor(horizonDays / 2))
    origins = backtestOriginIndices(workloadGrid, horizonDays, originCount, 14)
  }

  const scored = variants.map((variant) => {
    const started = performance.now()
    const ratios: number[] = []
    let maseSum = 0
    let wapeSum = 0
    let rmseSum = 0
    let used = 0
    for (const origin of origins) {
      const day = workloadGrid.dayNumbers[origin]
      const train = { contacts: gridBefore(contactsGrid, day), workload: gridBefore(workloadGrid, day) }
      const targets: TargetSlot[] = []
      const actual: number[] = []
      const contacts: number[] = []
      for (let i = origin; i < Math.min(origin + horizonDays, workloadGrid.dayNumbers.length); i++) {
        for (let s = 0; s < workloadGrid.slotsPerDay; s++) {
          const c = contactsGrid.values[i][s]
          if (!(c > 0)) continue
          targets.push({ dayNumber: workloadGrid.dayNumbers[i], slot: s })
          actual.push(workloadGrid.values[i][s] / c)
          contacts.push(c)
        }
      }
      if (targets.length === 0) continue
      const forecast = ahtMeans(train.workload, train.contacts, targets, variant)
      let absolute = 0
      let squared = 0
      let weight = 0
      let weightedActual = 0
      actual.forEach((a, i) => {
        absolute += contacts[i] * Math.abs(a - forecast[i])
        squared += contacts[i] * (a - forecast[i]) ** 2
        weight += contacts[i]
        weightedActual += contacts[i] * a
        if (forecast[i] > 0) ratios.push(a / forecast[i])
      })
      maseSum += absolute / weight / calendarNaiveScale(gridBefore(ahtGrid, day))
      wapeSum += absolute / weightedActual
      rmseSum += Math.sqrt(squared / weight)
      used++
    }
    const score: ModelScore = used
      ? { model: variant.name, mase: maseSum / used, wape: wapeSum / used, rmse: rmseSum / used, origins: used, elapsedMs: performance.now() - started }
      : { model: variant.name, mase: Number.POSITIVE_INFINITY, wape: Number.POSITIVE_INFINITY, rmse: Number.POSITIVE_INFINITY, origins: 0, elapsedMs: performance.now() - started }
    return { variant, score, ratios }
  })
  scored.sort((a, b) => a.score.mase - b.score.mase)
  const best = scored[0]
  const fallbackVariant = variants.find((v) => v.weeks === 8 && v.shrinkContacts === 20) ?? variants[0]
  const chosen = best.score.origins > 0 ? best.variant : fallbackVariant
  const mean = ahtMeans(workloadGrid, contactsGrid, prepared.targets, chosen)
  const sortedRatios = [...best.ratios].sort((a, b) => a - b)
  const calibrated = sortedRatios.length >= 40
  const lower = levels.map((level) => mean.map((f) => (calibrated ? f * quantileSorted(sortedRatios, (1 - level) / 2) : f)))
  const upper = levels.map((level) => mean.map((f) => (calibrated ? f * quantileSorted(sortedRatios, (1 + level) / 2) : f)))
  const intervalCoverage: IntervalCoverage[] = calibrated
    ? levels.map((level) => ({ level, coverage: best.ratios.filter((r) => r >= quantileSorted(sortedRatios, (1 - level) / 2) && r <= quantileSorted(sortedRatios, (1 + level) / 2)).length / best.ratios.length }))
    : []
  const warnings = calibrated ? [] : ['too little history to backtest AHT: intervals are the point forecast']
  return {
    model: chosen.name,
    mean: Array.from(mean),
    levels,
    lower: lower.map((l) => Array.from(l)),
    upper: upper.map((u) => Array.from(u)),
    scores: scored.filter((s) => s.score.origins > 0).map((s) => s.score),
    intervalCoverage,
    intervalMethod: calibrated ? 'backtest' : 'poisson',
    intervalMinutes: prepared.intervalMinutes,
    warnings,
  }
}

/** Shrunk same-weekday AHT for each target from workload (AHT x contacts) and contacts grids. */
function ahtMeans(workload: DayGrid, contacts: DayGrid, targets: readonly TargetSlot[], variant: AhtVariant): Float64Array {
  const days = workload.dayNumbers
  const lastDay = days[days.length - 1] ?? 0
  const recentStart = Math.max(0, days.findIndex((d) => d > lastDay - 7 * variant.weeks))
  let overallWork = 0
  let overallContacts = 0
  const hourWork = new Map<number, number>()
  const hourContacts = new Map<number, number>()
  const slotsPerHour = Math.max(1, Math.round(60 / workload.intervalMinutes))
  for (let i = recentStart; i < days.length; i++) {
    for (let s = 0; s < workload.slotsPerDay; s++) {
      const c = contacts.values[i][s]
      if (!(c > 0)) continue
      const hour = Math.floor(s / slotsPerHour)
      hourWork.set(hour, (hourWork.get(hour) ?? 0) + workload.values[i][s])
      hourContacts.set(hour, (hourContacts.get(hour) ?? 0) + c)
      overallWork += workload.values[i][s]
      overallContacts += c
    }
  }
  if (overallContacts === 0) {
    for (let i = 0; i < days.length; i++) for (let s = 0; s < workload.slotsPerDay; s++) if (contacts.values[i][s] > 0) { overallWork += workload.values[i][s]; overallContacts += contacts.values[i][s] }
  }
  const overall = overallContacts > 0 ? overallWork / overallContacts : 0
  return Float64Array.from(targets, (target) => {
    const weekday = weekdayOfDayNumber(target.dayNumber)
    let work = 0
    let count = 0
    let seen = 0
    for (let i = days.length - 1; i >= 0 && seen < variant.weeks; i--) {
      if (weekdayOfDayNumber(days[i]) !== weekday || days[i] >= target.dayNumber) continue
      seen++
      const c = contacts.values[i][target.slot]
      if (c > 0) { work += workload.values[i][target.slot]; count += c }
    }
    const hour = Math.floor(target.slot / slotsPerHour)
    const hc = hourContacts.get(hour) ?? 0
    const prior = hc > 0 ? hourWork.get(hour)! / hc : overall
    const estimate = (work + variant.shrinkContacts * prior) / (count + variant.shrinkContacts)
    return Number.isFinite(estimate) ? estimate : prior
  })
}
