/**
 * The accuracy report of the forecast page, in two parts:
 * 1. Before the fact: MASE, WAPE and RMSE of the chosen model and its rivals by horizon (history days ahead of the
 *    origin), against the seasonal naive, from a rolling-origin backtest (Tashman 2000; Hyndman & Koehler 2006).
 * 2. After the fact: a stored forecast (snapshot) against the actuals that have arrived since, per local day: WAPE and
 *    bias.
 */
import type { Db } from '../db/client.ts'
import type { ForecastSnapshot, Queue } from '../db/schema.ts'
import { listHistoryIntervals } from '../db/history.ts'
import { listSnapshotIntervals, listSnapshots } from '../db/forecasts.ts'
import { localParts } from '../time/zones.ts'
import { backtestModel, backtestOriginIndices, type BacktestOrigin } from '../forecast/backtest.ts'
import { resolveModels } from '../forecast/models/index.ts'
import type { ForecastModel } from '../forecast/models/forecastModel.ts'
import { isAugursMstlReady } from '../forecast/models/augursRuntime.ts'
import { runInWorker } from '../workers/runInWorker.ts'
import { loadAugursMstlWasm } from './augursRuntime.ts'
import { prepareSeries } from '../forecast/prepareSeries.ts'
import type { ForecastInput, ForecastResult } from '../forecast/types.ts'
import { completeHistoryDays } from './queueForecast.ts'

/** The reference every model is compared with: same weekday and time one week earlier. */
export const REFERENCE_MODEL = 'seasonalNaive'

// The backtest design of forecastVolumes (src/forecast/forecastVolumes.ts), repeated so the horizon breakdown is
// computed on the same origins as the scores that chose the model.
const ORIGIN_COUNT = 8
const MAX_HORIZON_DAYS = 35
const MIN_TRAINING_DAYS = 14

export interface AccuracyScores {
  /** Mean absolute error / in-sample MAE of the calendar seasonal naive (per origin), averaged over origins. */
  mase: number
  /** Sum |error| / sum actual (0-1 fraction), averaged over origins. */
  wape: number
  /** Root mean squared error (contacts per interval), averaged over origins. */
  rmse: number
  /** Origins that had a test day this far ahead. */
  origins: number
}

export interface HorizonScore extends AccuracyScores {
  /** 1 = the first history day after the origin (days without history, e.g. closed weekends, are not counted). */
  daysAhead: number
}

export interface ModelHorizonAccuracy {
  model: string
  isChosen: boolean
  isReference: boolean
  overall: AccuracyScores
  byDaysAhead: HorizonScore[]
}

export interface HorizonAccuracy {
  referenceModel: string
  /** Test days after each origin. */
  horizonDays: number
  origins: number
  models: ModelHorizonAccuracy[]
}

/**
 * The models worth a horizon breakdown: the chosen one, the seasonal naive reference, then the best variant of each
 * other family in the backtest scores (best first), `maxModels` in all.
 */
export function modelsToCompare(result: Pick<ForecastResult, 'model' | 'scores'>, maxModels = 6): string[] {
  if (!Number.isInteger(maxModels) || maxModels < 2) throw new RangeError(`maxModels must be an integer >= 2, got ${maxModels}`)
  const names = [result.model]
  if (result.model !== REFERENCE_MODEL) names.push(REFERENCE_MODEL)
  const families = new Set(names.map(familyOf))
  for (const score of result.scores) {
    if (names.length >= maxModels) break
    const family = familyOf(score.model)
    if (families.has(family)) continue
    families.add(family)
    names.push(score.model)
  }
  return names
}

function familyOf(modelName: string): string {
  return modelName.startsWith('combination') ? 'combination' : modelName.split(':')[0]
}

/**
 * Members and weights of a combination as named in the scores, e.g.
 * `combination(weekdayMean:k=4 0.52 + dailyProfile:alpha=0.1,weeks=12 0.48)`. The weights are printed with two
 * decimals, so they are renormalised to sum to 1. Returns null for a name that is not a combination.
 */
export function parseCombinationName(name: string): { members: string[]; weights: number[] } | null {
  const match = /^combination\((.*)\)$/.exec(name)
  if (!match) return null
  const parts = match[1].split(' + ').map((part) => {
    const at = part.lastIndexOf(' ')
    const weight = Number(part.slice(at + 1))
    if (at < 0 || !(weight >= 0)) throw new RangeError(`combination member '${part}' has no weight`)
    return { member: part.slice(0, at), weight }
  })
  const total = parts.reduce((sum, p) => sum + p.weight, 0)
  if (!(total > 0)) throw new RangeError(`combination '${name}' has no positive weight`)
  return { members: parts.map((p) => p.member), weights: parts.map((p) => p.weight / total) }
}

/**
 * Rolling-origin backtest of each named model on `input` (the same origins as forecastVolumes: up to 8 origins
 * spaced by the horizon, at least 14 training days), scored overall and by history days ahead.
 * Model names are registry variant names as shown in ForecastResult.scores (`weekdayMean:k=4`), `seasonalNaive`, or a
 * `combination(...)` name. Names the history cannot support are left out.
 * @throws RangeError when the history is too short for any origin, or a model name is unknown.
 */
export function horizonAccuracy(input: ForecastInput, modelNames: readonly string[], chosenModel: string): HorizonAccuracy {
  if (modelNames.length === 0) throw new RangeError('modelNames must name at least one model, got none')
  const prepared = prepareSeries(input)
  const learning = prepared.learningGrid
  const settings = {
    intervalMinutes: prepared.intervalMinutes,
    historyDays: learning.dayNumbers.length,
    historySpanDays: learning.dayNumbers.length ? learning.dayNumbers[learning.dayNumbers.length - 1] - learning.dayNumbers[0] + 1 : 0,
  }
  let horizonDays = Math.min(MAX_HORIZON_DAYS, Math.max(1, prepared.targetDays.length))
  let originIndices = backtestOriginIndices(prepared.grid, horizonDays, ORIGIN_COUNT, MIN_TRAINING_DAYS)
  while (originIndices.length < 2 && horizonDays > 1) {
    horizonDays = Math.max(1, Math.floor(horizonDays / 2))
    originIndices = backtestOriginIndices(prepared.grid, horizonDays, ORIGIN_COUNT, MIN_TRAINING_DAYS)
  }
  if (originIndices.length === 0) throw new RangeError(`the history (${settings.historyDays} days) is too short for a backtest: it needs at least ${MIN_TRAINING_DAYS + 1} days`)

  const cache = new Map<string, BacktestOrigin[]>()
  const originsOf = (model: ForecastModel): BacktestOrigin[] => {
    let origins = cache.get(model.name)
    if (!origins) {
      origins = model.minHistoryDays <= settings.historyDays ? backtestModel(prepared, model, originIndices, horizonDays).origins : []
      cache.set(model.name, origins)
    }
    return origins
  }
  const singleModel = (name: string): ForecastModel => {
    const models = resolveModels(name, settings)
    return models.find((m) => m.name === name) ?? models[0]
  }

  const models: ModelHorizonAccuracy[] = []
  for (const name of new Set(modelNames)) {
    const combination = parseCombinationName(name)
    let origins: BacktestOrigin[]
    if (combination) {
      const memberOrigins = combination.members.map((member) => originsOf(singleModel(member)))
      origins = combineOrigins(memberOrigins, combination.weights)
    } else {
      origins = originsOf(singleModel(name))
    }
    if (origins.length === 0) continue
    models.push({ model: name, isChosen: name === chosenModel, isReference: name === REFERENCE_MODEL, overall: scoreOrigins(origins), byDaysAhead: scoreByDaysAhead(origins) })
  }
  return { referenceModel: REFERENCE_MODEL, horizonDays, origins: originIndices.length, models }
}

/** Weighted mean of the members' backtest forecasts, origin by origin (members must share the origins). */
function combineOrigins(memberOrigins: BacktestOrigin[][], weights: readonly number[]): BacktestOrigin[] {
  const count = Math.min(...memberOrigins.map((o) => o.length))
  const out: BacktestOrigin[] = []
  for (let o = 0; o < count; o++) {
    const first = memberOrigins[0][o]
    if (memberOrigins.some((origins) => origins[o].originDay !== first.originDay)) continue
    const forecast = new Float64Array(first.forecast.length)
    memberOrigins.forEach((origins, j) => {
      for (let i = 0; i < forecast.length; i++) forecast[i] += weights[j] * origins[o].forecast[i]
    })
    out.push({ ...first, forecast })
  }
  return out
}

/** Scores of the targets of each origin selected by `keep`, averaged over the origins that have any. */
function scoreOrigins(origins: readonly BacktestOrigin[], keep: (origin: BacktestOrigin, i: number) => boolean = () => true): AccuracyScores {
  let mase = 0
  let wape = 0
  let rmse = 0
  let used = 0
  for (const origin of origins) {
    let absolute = 0
    let squared = 0
    let volume = 0
    let n = 0
    for (let i = 0; i < origin.actual.length; i++) {
      if (!keep(origin, i)) continue
      const e = origin.actual[i] - origin.forecast[i]
      absolute += Math.abs(e)
      squared += e * e
      volume += origin.actual[i]
      n++
    }
    if (n === 0) continue
    used++
    mase += absolute / n / origin.scale
    wape += volume > 0 ? absolute / volume : absolute > 0 ? 1 : 0
    rmse += Math.sqrt(squared / n)
  }
  return used ? { mase: mase / used, wape: wape / used, rmse: rmse / used, origins: used } : { mase: Number.NaN, wape: Number.NaN, rmse: Number.NaN, origins: 0 }
}

function scoreByDaysAhead(origins: readonly BacktestOrigin[]): HorizonScore[] {
  let maxAhead = -1
  for (const origin of origins) for (const d of origin.dayAhead) if (d > maxAhead) maxAhead = d
  const out: HorizonScore[] = []
  for (let d = 0; d <= maxAhead; d++) {
    const scores = scoreOrigins(origins, (origin, i) => origin.dayAhead[i] === d)
    if (scores.origins > 0) out.push({ daysAhead: d + 1, ...scores })
  }
  return out
}

/** Backtesting every candidate at every origin: tens of seconds for a year of 15-minute history on a busy machine. */
const HORIZON_ACCURACY_TIME_LIMIT_MS = 180_000

/**
 * horizonAccuracy in the worker pool (src/workers; the backtests are synchronous), with a time limit. The pool
 * worker loads the MSTL WASM when this process has it, so it offers the same models.
 * @throws the direct call's RangeError/TypeError; TimeLimitError past the limit
 */
export function horizonAccuracyInWorker(input: ForecastInput, modelNames: readonly string[], chosenModel: string): Promise<HorizonAccuracy> {
  return runInWorker<HorizonAccuracy>({ moduleUrl: import.meta.url, exportName: 'horizonAccuracyTask', args: [input, [...modelNames], chosenModel, isAugursMstlReady()] },
    { timeLimitMs: HORIZON_ACCURACY_TIME_LIMIT_MS, what: 'the accuracy by days ahead', advice: 'Forecast with fewer models to compare, or a shorter history.' })
}

/** horizonAccuracyInWorker's task. */
export function horizonAccuracyTask(input: ForecastInput, modelNames: readonly string[], chosenModel: string, withMstl: boolean): HorizonAccuracy {
  if (withMstl) loadAugursMstlWasm()
  return horizonAccuracy(input, modelNames, chosenModel)
}

// ---------------------------------------------------------------------------------------------------------------
// Forecast against actuals

export interface ForecastVsActualDay {
  /** Local date of the queue, YYYY-MM-DD. */
  dateKey: string
  forecast: number
  actual: number
  /** Sum |forecast - actual| over the day's intervals. */
  absoluteError: number
  /** absoluteError / actual (0-1 fraction); null when nothing arrived that day. */
  wape: number | null
  /** (forecast - actual) / actual: > 0 is over-forecast; null when nothing arrived that day. */
  bias: number | null
  intervals: number
}

export interface ForecastVsActual {
  days: ForecastVsActualDay[]
  /** Over every day with actuals; null when there are none yet. */
  wape: number | null
  bias: number | null
  forecast: number
  actual: number
  intervals: number
}

/**
 * Forecast against actuals by local day. A forecast day counts once any actual of that day has arrived; intervals
 * of such a day without an actual count as zero (a history interval is only stored when something happened).
 * WAPE = sum |f - a| / sum a, bias = (sum f - sum a) / sum a (Hyndman & Athanasopoulos, FPP3 5.8).
 */
export function compareForecastWithActuals(
  forecast: readonly { startMs: number; mean: number }[],
  actuals: readonly { startMs: number; offered: number }[],
  timeZone: string,
): ForecastVsActual {
  const actualByStart = new Map<number, number>()
  const actualDays = new Set<string>()
  for (const a of actuals) {
    if (!Number.isFinite(a.offered) || a.offered < 0) throw new RangeError(`actuals: offered at ${a.startMs} must be a number >= 0, got ${a.offered}`)
    actualByStart.set(a.startMs, (actualByStart.get(a.startMs) ?? 0) + a.offered)
    actualDays.add(localParts(a.startMs, timeZone).dateKey)
  }
  const byDay = new Map<string, ForecastVsActualDay>()
  for (const f of forecast) {
    if (!Number.isFinite(f.mean)) throw new RangeError(`forecast: mean at ${f.startMs} must be a finite number, got ${f.mean}`)
    const dateKey = localParts(f.startMs, timeZone).dateKey
    if (!actualDays.has(dateKey)) continue
    const actual = actualByStart.get(f.startMs) ?? 0
    let day = byDay.get(dateKey)
    if (!day) { day = { dateKey, forecast: 0, actual: 0, absoluteError: 0, wape: null, bias: null, intervals: 0 }; byDay.set(dateKey, day) }
    day.forecast += f.mean
    day.actual += actual
    day.absoluteError += Math.abs(f.mean - actual)
    day.intervals++
  }
  const days = [...byDay.values()].sort((a, b) => (a.dateKey < b.dateKey ? -1 : 1))
  for (const day of days) {
    day.wape = day.actual > 0 ? day.absoluteError / day.actual : null
    day.bias = day.actual > 0 ? (day.forecast - day.actual) / day.actual : null
  }
  const total = days.reduce((t, d) => ({ forecast: t.forecast + d.forecast, actual: t.actual + d.actual, error: t.error + d.absoluteError, intervals: t.intervals + d.intervals }), { forecast: 0, actual: 0, error: 0, intervals: 0 })
  return {
    days,
    wape: total.actual > 0 ? total.error / total.actual : null,
    bias: total.actual > 0 ? (total.forecast - total.actual) / total.actual : null,
    forecast: total.forecast,
    actual: total.actual,
    intervals: total.intervals,
  }
}

export interface SnapshotAccuracy extends ForecastVsActual {
  snapshot: ForecastSnapshot
}

/** A stored forecast against the history that now exists for its horizon (at the snapshot's interval length). */
export async function snapshotAccuracy(db: Db, queue: Queue, snapshot: ForecastSnapshot): Promise<SnapshotAccuracy> {
  if (snapshot.queueId !== queue.id) throw new RangeError(`snapshot ${snapshot.id} belongs to queue ${snapshot.queueId}, not to '${queue.name}' (${queue.id})`)
  const endMs = snapshot.lastIntervalStartMs + snapshot.intervalMinutes * 60_000
  const history = await listHistoryIntervals(db, queue, snapshot.intervalMinutes, snapshot.firstIntervalStartMs, endMs)
  const actuals = completeHistoryDays(history, queue.timeZone, snapshot.intervalMinutes).filter((h) => h.startMs >= snapshot.firstIntervalStartMs && h.startMs < endMs)
  const intervals = await listSnapshotIntervals(db, snapshot.id)
  return { snapshot, ...compareForecastWithActuals(intervals.map((i) => ({ startMs: i.intervalStartMs, mean: i.mean })), actuals, queue.timeZone) }
}

/** Every published snapshot of the queue against its actuals, newest first. */
export async function publishedSnapshotsAccuracy(db: Db, queue: Queue, limit = 20): Promise<SnapshotAccuracy[]> {
  const snapshots = await listSnapshots(db, { queueId: queue.id, publishedOnly: true, limit })
  const out: SnapshotAccuracy[] = []
  for (const snapshot of snapshots) out.push(await snapshotAccuracy(db, queue, snapshot))
  return out
}
