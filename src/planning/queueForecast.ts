/**
 * The forecast of one queue for a range of local dates: its interval history from the database (days with data
 * completed with zeros, days without data left out as gaps), the queue's opening hours, then the forecasting
 * engine for volume and AHT. Used by the forecast, staffing, events and scenario pages and the `plan` command.
 */
import type { Db } from '../db/client.ts'
import type { ForecastSnapshot, ForecastSnapshotInterval, Queue } from '../db/schema.ts'
import { listHistoryIntervals, type HistoryInterval } from '../db/history.ts'
import { latestPublishedSnapshot, listSnapshotIntervals } from '../db/forecasts.ts'
import { openingHoursOf } from '../db/queues.ts'
import { intervalsBetweenDates, intervalsOfDay } from '../time/intervals.ts'
import { localParts } from '../time/zones.ts'
import { forecastVolumes } from '../forecast/forecastVolumes.ts'
import { forecastAht } from '../forecast/forecastAht.ts'
import { isAugursMstlReady } from '../forecast/models/augursRuntime.ts'
import { runInWorker } from '../workers/runInWorker.ts'
import { dbOf, dbRefOf, type DbRef } from '../db/workerDb.ts'
import { loadAugursMstlWasm } from './augursRuntime.ts'
import { holidaySpecialDays, weekendOf } from '../events/holidaySpecialDays.ts'
import { publicHolidays } from '../events/holidays.ts'
import type { ForecastProgress, ForecastResult, OpenHours, SpecialDay } from '../forecast/types.ts'
import type { DateOpeningHours } from '../scheduling/dateOpeningHours.ts'
import { queueDateHoursBetween } from './queueCalendar.ts'

export interface QueueForecastInterval {
  startMs: number
  volume: number
  volumeLo80: number
  volumeHi80: number
  volumeLo95: number
  volumeHi95: number
  ahtSeconds: number
  ahtLo80: number
  ahtHi80: number
}

export interface QueueForecast {
  queueId: number
  timeZone: string
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  intervals: QueueForecastInterval[]
  volume: ForecastResult
  aht: ForecastResult | null
  /** AHT used where the history has none (no handled contacts): the history's overall mean, or 300 s. */
  fallbackAhtSeconds: number
  history: { startMs: number; offered: number; ahtSeconds: number | null }[]
  /** The special days the engine was given (the queue's holidays by kind, or the caller's), for backtests that must agree. */
  specialDays?: SpecialDay[]
  /**
   * The queue's hours per date in the range (the calendar per date: dates closed or shortened by hand, public
   * holidays): staffingPlan gives no need outside them. Set by forecastQueue from the database; absent for a
   * forecast made from files alone (weekday hours only).
   */
  dateHours?: DateOpeningHours[]
  /** Set when the intervals are those of the queue's published forecast (publishedQueueForecast), not a fresh run. */
  publishedSnapshot?: { id: number; name: string }
}

export interface QueueForecastOptions {
  fromDateKey: string
  toDateKey: string
  intervalMinutes?: number
  model?: string
  /**
   * Special days for the engine. Omitted: the queue's public holidays (its holiday country, when switched on) by
   * kind (holiday, eve, holiday period, bridge day, day after, holiday week, working holiday, holiday weekend), whose effects the engine learns from the history. The events
   * path (eventForecast.ts) passes its own: past event dates, with future effects applied by the events module.
   */
  specialDays?: SpecialDay[]
  /** Run the model choice in a worker thread (web requests); direct otherwise. */
  inWorker?: boolean
  onProgress?: (p: ForecastProgress) => void
  /**
   * Forecast afresh even where the queue's published forecast covers the range (the forecast page, which makes the
   * forecasts one publishes). Without it, and without `model`, the published forecast is the forecast (below).
   */
  fresh?: boolean
}

/** The queue's opening hours in the forecasting engine's form (ISO weekday 1 = Monday). */
export function openHoursForForecast(queue: Queue): OpenHours[] {
  return openingHoursOf(queue).flatMap((day, index) => (day ? [{ weekday: index + 1, openMinute: day.openMinute, closeMinute: day.closeMinute }] : []))
}

/** The queue's public holidays as special days by kind for the years from `fromMs` to `toMs`; none when switched off. */
export function queueHolidaySpecialDays(queue: Queue, fromMs: number, toMs: number): SpecialDay[] {
  if (!queue.holidayCountry) return []
  const years: number[] = []
  for (let y = localParts(fromMs, queue.timeZone).year; y <= localParts(toMs, queue.timeZone).year; y++) years.push(y)
  return holidaySpecialDays(publicHolidays(queue.holidayCountry, years), queue.timeZone, weekendOf(queue.holidayCountry))
}

/** History on a complete grid for every local day that has data: intervals without contacts count as zero. */
export function completeHistoryDays(history: readonly HistoryInterval[], timeZone: string, intervalMinutes: number): HistoryInterval[] {
  const byStart = new Map(history.map((h) => [h.startMs, h]))
  const days = [...new Set(history.map((h) => localParts(h.startMs, timeZone).dateKey))].sort()
  const out: HistoryInterval[] = []
  for (const day of days) {
    for (const startMs of intervalsOfDay(day, timeZone, intervalMinutes)) {
      out.push(byStart.get(startMs) ?? { startMs, offered: 0, handled: 0, abandoned: 0, ahtSeconds: null })
    }
  }
  return out
}

export interface PreparedHistory { history: HistoryInterval[]; future: number[] }

/** The history on its complete grid and the interval starts to forecast (those of the range after the history). */
export function preparedHistory(raw: readonly HistoryInterval[], timeZone: string, intervalMinutes: number, fromDateKey: string, toDateKey: string): PreparedHistory {
  const history = completeHistoryDays(raw, timeZone, intervalMinutes)
  const lastHistoryMs = history[history.length - 1].startMs
  const future = intervalsBetweenDates(fromDateKey, toDateKey, timeZone, intervalMinutes).filter((t) => t > lastHistoryMs)
  return { history, future }
}

/** A forecast with model choice over a year of 15-minute history takes up to tens of seconds on a busy machine. */
export const FORECAST_TIME_LIMIT_MS = 180_000
const FORECAST_ADVICE = 'Forecast fewer days, use longer intervals, or pick a model instead of the automatic choice.'

/**
 * The forecast of a queue (see the module doc). With `inWorker` (web requests) everything — reading the history
 * from the database, its grid, the model choice and the fits — runs in the worker pool (src/workers) with
 * FORECAST_TIME_LIMIT_MS, so the request thread only receives the result.
 * @throws RangeError when the queue has no history or the range is not after it; TimeLimitError past the limit
 */
export async function forecastQueue(db: Db, queue: Queue, options: QueueForecastOptions): Promise<QueueForecast> {
  const published = options.fresh || options.model ? null : await publishedQueueForecast(db, queue, options)
  return withDateHours(db, queue, published ?? await forecastOnly(db, queue, options))
}

/**
 * The queue's published forecast as the forecast of the range, when it covers every interval of the range after the
 * history at the same interval length; else null (a fresh forecast is made). So once a forecast is published,
 * staffing, schedules, event flags, scenarios and `chatplan plan` all plan from the same numbers, whatever range is
 * asked (a fresh model choice can differ between a day and a week).
 */
export async function publishedQueueForecast(db: Db, queue: Queue, options: QueueForecastOptions): Promise<QueueForecast | null> {
  const intervalMinutes = options.intervalMinutes ?? queue.intervalMinutes
  const snapshot = await latestPublishedSnapshot(db, queue.id)
  if (!snapshot || snapshot.intervalMinutes !== intervalMinutes) return null
  const raw = await listHistoryIntervals(db, queue, intervalMinutes)
  if (!raw.length) return null
  const { history, future } = preparedHistory(raw, queue.timeZone, intervalMinutes, options.fromDateKey, options.toDateKey)
  const rows = await snapshotRowsFor(db, snapshot, future)
  if (!rows) return null
  const parsed = <T>(json: string, fallback: T): T => { try { return JSON.parse(json) as T } catch { return fallback } }
  const note = `the published forecast #${snapshot.id} '${snapshot.name}' (${snapshot.model})`
  const volume: ForecastResult = {
    mean: rows.map((r) => r.mean), levels: [0.8, 0.95], lower: [rows.map((r) => r.lo80), rows.map((r) => r.lo95)], upper: [rows.map((r) => r.hi80), rows.map((r) => r.hi95)],
    model: snapshot.model, scores: parsed(snapshot.scoresJson, []), intervalCoverage: parsed(snapshot.coverageJson, []), intervalMethod: 'backtest', intervalMinutes,
    warnings: [`planned from ${note}`],
  }
  const aht: ForecastResult | null = snapshot.ahtModel ? {
    mean: rows.map((r) => r.ahtMeanSeconds), levels: [0.8], lower: [rows.map((r) => r.ahtLo80Seconds)], upper: [rows.map((r) => r.ahtHi80Seconds)],
    model: snapshot.ahtModel, scores: parsed(snapshot.ahtScoresJson, []), intervalCoverage: [], intervalMethod: 'backtest', intervalMinutes, warnings: [],
  } : null
  return {
    queueId: queue.id, timeZone: queue.timeZone, intervalMinutes, fromDateKey: options.fromDateKey, toDateKey: options.toDateKey,
    intervals: rows.map((r) => ({
      startMs: r.intervalStartMs, volume: r.mean, volumeLo80: r.lo80, volumeHi80: r.hi80, volumeLo95: r.lo95, volumeHi95: r.hi95,
      ahtSeconds: r.ahtMeanSeconds, ahtLo80: r.ahtLo80Seconds, ahtHi80: r.ahtHi80Seconds,
    })),
    volume, aht, fallbackAhtSeconds: fallbackAhtOf(history),
    history: history.map((h) => ({ startMs: h.startMs, offered: h.offered, ahtSeconds: h.ahtSeconds })),
    specialDays: options.specialDays ?? [],
    publishedSnapshot: { id: snapshot.id, name: snapshot.name },
  }
}

/**
 * A published forecast's rows for exactly these interval starts (in order), or null when it does not cover every one
 * of them. The one check of coverage for the forecast of a range (above) and the plan a scenario freezes.
 */
export async function snapshotRowsFor(db: Db, snapshot: ForecastSnapshot, starts: readonly number[]): Promise<ForecastSnapshotInterval[] | null> {
  if (!starts.length || starts[0] < snapshot.firstIntervalStartMs || starts[starts.length - 1] > snapshot.lastIntervalStartMs) return null
  const rows = await listSnapshotIntervals(db, snapshot.id, starts[0], starts[starts.length - 1] + 1)
  return rows.length === starts.length && rows.every((r, i) => r.intervalStartMs === starts[i]) ? rows : null
}

/** The id of the queue's published forecast (0 without one): a cached forecast run is stale once it changes. */
export async function publishedForecastIdOf(db: Db, queueId: number): Promise<number> {
  return (await latestPublishedSnapshot(db, queueId))?.id ?? 0
}

/** AHT where the history has none: its handled-weighted mean, or 300 s without any handled contact. */
function fallbackAhtOf(history: readonly HistoryInterval[]): number {
  let handledSum = 0, handleSum = 0
  for (const h of history) if (h.ahtSeconds !== null) { handledSum += h.handled; handleSum += h.ahtSeconds * h.handled }
  return handledSum > 0 ? handleSum / handledSum : 300
}

/**
 * The forecast with the queue's hours per date of its range as they are now (queueDateHoursBetween), so a date
 * closed by hand after a forecast was kept still gets no need. Every page, export, API answer and command that
 * plans from the database goes through this.
 */
export async function withDateHours(db: Db, queue: Queue, forecast: QueueForecast): Promise<QueueForecast> {
  return { ...forecast, dateHours: await queueDateHoursBetween(db, queue, forecast.fromDateKey, forecast.toDateKey) }
}

async function forecastOnly(db: Db, queue: Queue, options: QueueForecastOptions): Promise<QueueForecast> {
  if (options.inWorker) {
    const { inWorker: _inWorker, onProgress, ...plain } = options
    const ref = dbRefOf(db)
    const run = { timeLimitMs: FORECAST_TIME_LIMIT_MS, what: 'the forecast', advice: FORECAST_ADVICE, ...(onProgress ? { onProgress: onProgress as never } : {}) }
    // An in-memory database cannot be opened by the worker: its rows are read here and sent.
    return ref
      ? runInWorker<QueueForecast>({ moduleUrl: import.meta.url, exportName: 'forecastQueueTask', args: [ref, queue, plain, isAugursMstlReady()] }, run)
      : runInWorker<QueueForecast>({ moduleUrl: import.meta.url, exportName: 'forecastQueueFromHistory', args: [await listHistoryIntervals(db, queue, plain.intervalMinutes ?? queue.intervalMinutes), queue, plain, isAugursMstlReady()] }, run)
  }
  return forecastQueueFromHistory(await listHistoryIntervals(db, queue, options.intervalMinutes ?? queue.intervalMinutes), queue, options)
}

/** forecastQueue in a pool worker: opens the database there (once per worker) and reads the history itself. */
export async function forecastQueueTask(ref: DbRef, queue: Queue, options: QueueForecastOptions, withMstl: boolean, onProgress?: QueueForecastOptions['onProgress']): Promise<QueueForecast> {
  const db = await dbOf(ref)
  return forecastQueueFromHistory(await listHistoryIntervals(db, queue, options.intervalMinutes ?? queue.intervalMinutes), queue, options, withMstl, onProgress)
}

/**
 * The forecast from the queue's raw interval history (listHistoryIntervals). `withMstl`: load the MSTL model's
 * WASM in this thread first (a pool worker offers the models its process offers).
 */
export function forecastQueueFromHistory(raw: readonly HistoryInterval[], queue: Queue, options: QueueForecastOptions, withMstl = false, onProgress = options.onProgress): QueueForecast {
  if (withMstl) loadAugursMstlWasm()
  const intervalMinutes = options.intervalMinutes ?? queue.intervalMinutes
  if (!raw.length) throw new RangeError(`queue '${queue.name}' has no history to forecast from: import contacts or interval aggregates first`)
  const { history, future } = preparedHistory(raw, queue.timeZone, intervalMinutes, options.fromDateKey, options.toDateKey)
  const lastHistoryMs = history[history.length - 1].startMs
  if (!future.length) throw new RangeError(`the range ${options.fromDateKey} to ${options.toDateKey} is not after the history of '${queue.name}' (which ends ${localParts(lastHistoryMs, queue.timeZone).dateKey})`)
  const volumeInput = {
    timestamps: history.map((h) => h.startMs),
    volumes: history.map((h) => h.offered),
    futureTimestamps: future,
    timeZone: queue.timeZone,
    intervalMinutes,
    openHours: openHoursForForecast(queue),
    specialDays: options.specialDays ?? queueHolidaySpecialDays(queue, history[0].startMs, future[future.length - 1]),
  }
  const hasAht = history.some((h) => h.ahtSeconds !== null)
  const ahtInput = {
    timestamps: history.map((h) => h.startMs),
    ahtSeconds: history.map((h) => h.ahtSeconds),
    volumes: history.map((h) => (h.ahtSeconds === null ? 0 : h.handled)),
    futureTimestamps: future,
    timeZone: queue.timeZone,
    intervalMinutes,
  }
  const volume = forecastVolumes(volumeInput, { model: options.model, onProgress })
  const aht = hasAht ? forecastAht(ahtInput) : null
  const fallbackAhtSeconds = fallbackAhtOf(history)
  const at = (r: ForecastResult | null, i: number, level: number, side: 'lower' | 'upper', fallback: number) => {
    if (!r) return fallback
    const li = r.levels.findIndex((l) => Math.abs(l - level) < 1e-9)
    return li < 0 ? fallback : r[side][li][i]
  }
  const intervals = future.map((startMs, i) => {
    const ahtMean = aht && Number.isFinite(aht.mean[i]) && aht.mean[i] > 0 ? aht.mean[i] : fallbackAhtSeconds
    return {
      startMs,
      volume: volume.mean[i],
      volumeLo80: at(volume, i, 0.8, 'lower', volume.mean[i]),
      volumeHi80: at(volume, i, 0.8, 'upper', volume.mean[i]),
      volumeLo95: at(volume, i, 0.95, 'lower', volume.mean[i]),
      volumeHi95: at(volume, i, 0.95, 'upper', volume.mean[i]),
      ahtSeconds: ahtMean,
      ahtLo80: at(aht, i, 0.8, 'lower', ahtMean),
      ahtHi80: at(aht, i, 0.8, 'upper', ahtMean),
    }
  })
  return {
    queueId: queue.id, timeZone: queue.timeZone, intervalMinutes, fromDateKey: options.fromDateKey, toDateKey: options.toDateKey,
    intervals, volume, aht, fallbackAhtSeconds,
    history: history.map((h) => ({ startMs: h.startMs, offered: h.offered, ahtSeconds: h.ahtSeconds })),
    specialDays: volumeInput.specialDays ?? [],
  }
}
