import { gridBefore, type DayGrid } from './calendar/dayGrid.ts'
import { weekdayOfDayNumber } from './calendar/localPositions.ts'
import type { ForecastModel, ModelContext, TargetSlot } from './models/forecastModel.ts'
import { sameWeekdayRows } from './models/sameWeekdayRows.ts'
import { weekdayMeanModel } from './models/weekdayMean.ts'
import type { PreparedSeries } from './prepareSeries.ts'
import type { ModelScore } from './types.ts'

/** One rolling origin: what was forecast from the history before `originDay`, against what happened. */
export interface BacktestOrigin {
  originDay: number
  targets: TargetSlot[]
  actual: Float64Array
  forecast: Float64Array
  /** Index of the target's day among the test days (0 = first day after the origin). */
  dayAhead: Int32Array
  /** In-sample MAE of the calendar seasonal naive (same weekday and time one week earlier) on the training part. */
  scale: number
}

export interface BacktestResult {
  model: string
  family: string
  origins: BacktestOrigin[]
  elapsedMs: number
}

const OPEN_SLOT_WEEKS = 12

/**
 * Origins of a rolling-origin backtest (Tashman 2000; R's `tsCV`): the first days of the last `originCount` blocks
 * of `horizonDays` history days, keeping at least `minTrainingDays` history days before the earliest.
 * Returned as indices into `grid.dayNumbers`, oldest first; fewer (or none) when the history is short.
 */
export function backtestOriginIndices(grid: DayGrid, horizonDays: number, originCount: number, minTrainingDays: number): number[] {
  const indices: number[] = []
  for (let r = originCount; r >= 1; r--) {
    const index = grid.dayNumbers.length - r * horizonDays
    if (index >= minTrainingDays) indices.push(index)
  }
  return indices
}

/** Test days and their observed intervals for the origin at `originIndex` (days kept out of learning are skipped). */
export function backtestTargets(prepared: PreparedSeries, originIndex: number, horizonDays: number): { targets: TargetSlot[]; actual: number[]; dayAhead: number[]; days: number[] } {
  const { grid, excludedDays } = prepared
  const targets: TargetSlot[] = []
  const actual: number[] = []
  const dayAhead: number[] = []
  const days: number[] = []
  const end = Math.min(grid.dayNumbers.length, originIndex + horizonDays)
  for (let i = originIndex; i < end; i++) {
    const day = grid.dayNumbers[i]
    if (excludedDays.has(day)) continue
    days.push(day)
    const row = grid.values[i]
    for (let s = 0; s < grid.slotsPerDay; s++) {
      if (row[s] !== row[s]) continue
      targets.push({ dayNumber: day, slot: s })
      actual.push(row[s])
      dayAhead.push(i - originIndex)
    }
  }
  return { targets, actual, dayAhead, days }
}

/**
 * Calendar seasonal naive scale: mean |y(day, slot) - y(day - 7, slot)| over the history. Falls back to the mean
 * volume when no day has its previous week (so MASE is then a relative MAE), and to 1 for an all-zero history.
 */
export function calendarNaiveScale(history: DayGrid): number {
  const byDay = new Map(history.dayNumbers.map((d, i) => [d, history.values[i]]))
  let sum = 0
  let count = 0
  let volume = 0
  let observed = 0
  history.dayNumbers.forEach((d, i) => {
    const row = history.values[i]
    const previous = byDay.get(d - 7)
    for (let s = 0; s < row.length; s++) {
      if (row[s] !== row[s]) continue
      volume += row[s]
      observed++
      if (previous && previous[s] === previous[s]) {
        sum += Math.abs(row[s] - previous[s])
        count++
      }
    }
  })
  if (count > 0 && sum > 0) return sum / count
  return volume > 0 ? volume / observed : 1
}

/**
 * Turns a model's raw means into forecasts: NaN (no information) is replaced by the 4-week same-weekday mean,
 * then by 0; negatives are clipped to 0; closed intervals are exactly 0.
 */
export function finaliseMeans(raw: Float64Array, context: ModelContext, closed: readonly boolean[]): Float64Array {
  const out = Float64Array.from(raw)
  let fallback: Float64Array | undefined
  for (let i = 0; i < out.length; i++) {
    if (closed[i]) { out[i] = 0; continue }
    if (!Number.isFinite(out[i])) {
      fallback ??= weekdayMeanModel(4).forecastMeans(context)
      out[i] = Number.isFinite(fallback[i]) ? fallback[i] : 0
    }
    if (out[i] < 0) out[i] = 0
  }
  return out
}

/** Closed flags for targets, from the training history: an interval with no volume in the last 12 same-weekday days. */
export function closedFromHistory(history: DayGrid, targets: readonly TargetSlot[], calendar: PreparedSeries['calendar']): boolean[] {
  const cache = new Map<number, Uint8Array>()
  const lastDay = history.dayNumbers[history.dayNumbers.length - 1] ?? 0
  return targets.map((t) => {
    if (calendar.closedDays.has(t.dayNumber)) return true
    const weekday = weekdayOfDayNumber(t.dayNumber)
    let open = cache.get(weekday)
    if (!open) {
      open = new Uint8Array(history.slotsPerDay)
      const nextSuchDay = lastDay + 1 + ((weekday - weekdayOfDayNumber(lastDay + 1) + 7) % 7)
      for (const row of sameWeekdayRows(history, nextSuchDay, OPEN_SLOT_WEEKS)) for (let s = 0; s < row.length; s++) if (row[s] > 0) open[s] = 1
      cache.set(weekday, open)
    }
    return open[t.slot] === 0
  })
}

/** Runs `model` at each origin: train on every (learnable) day before it, forecast the next `horizonDays` history days. */
export function backtestModel(prepared: PreparedSeries, model: ForecastModel, originIndices: readonly number[], horizonDays: number): BacktestResult {
  const started = performance.now()
  const origins: BacktestOrigin[] = []
  for (const originIndex of originIndices) {
    const originDay = prepared.grid.dayNumbers[originIndex]
    const history = gridBefore(prepared.learningGrid, originDay)
    if (history.dayNumbers.length < model.minHistoryDays) continue
    const { targets, actual, dayAhead, days } = backtestTargets(prepared, originIndex, horizonDays)
    if (targets.length === 0) continue
    const context: ModelContext = { history, targets, targetDays: days, calendar: prepared.calendar }
    const closed = closedFromHistory(history, targets, prepared.calendar)
    const forecast = finaliseMeans(model.forecastMeans(context), context, closed)
    origins.push({ originDay, targets, actual: Float64Array.from(actual), forecast, dayAhead: Int32Array.from(dayAhead), scale: calendarNaiveScale(history) })
  }
  return { model: model.name, family: model.family, origins, elapsedMs: performance.now() - started }
}

/** MASE, WAPE and RMSE of a backtest, each averaged over its origins (as in the protocol). */
export function scoreBacktest(result: Pick<BacktestResult, 'model' | 'origins' | 'elapsedMs'>): ModelScore {
  let mase = 0
  let wape = 0
  let rmse = 0
  for (const origin of result.origins) {
    let absolute = 0
    let squared = 0
    let volume = 0
    for (let i = 0; i < origin.actual.length; i++) {
      const e = origin.actual[i] - origin.forecast[i]
      absolute += Math.abs(e)
      squared += e * e
      volume += origin.actual[i]
    }
    mase += absolute / origin.actual.length / origin.scale
    wape += volume > 0 ? absolute / volume : absolute > 0 ? 1 : 0
    rmse += Math.sqrt(squared / origin.actual.length)
  }
  const n = result.origins.length
  return n === 0
    ? { model: result.model, mase: Number.POSITIVE_INFINITY, wape: Number.POSITIVE_INFINITY, rmse: Number.POSITIVE_INFINITY, origins: 0, elapsedMs: result.elapsedMs }
    : { model: result.model, mase: mase / n, wape: wape / n, rmse: rmse / n, origins: n, elapsedMs: result.elapsedMs }
}
