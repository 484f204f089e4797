/**
 * The forecast of one queue for a range of local dates: its interval history from the database (days with data
 * completed with zeros, days without data left out as gaps), the queue's opening hours, then the forecasting
 * engine for volume and AHT. Used by the forecast, staffing, events and scenario pages and the `plan` command.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listHistoryIntervals, type HistoryInterval } from '../db/history.ts'
import { openingHoursOf } from '../db/queues.ts'
import { intervalsBetweenDates, intervalsOfDay } from '../time/intervals.ts'
import { localParts } from '../time/zones.ts'
import { forecastVolumes } from '../forecast/forecastVolumes.ts'
import { forecastAht } from '../forecast/forecastAht.ts'
import { runForecastInWorker } from '../forecast/runForecastInWorker.ts'
import { runInWorker } from '../workers/runInWorker.ts'
import { holidaySpecialDays, weekendOf } from '../events/holidaySpecialDays.ts'
import { publicHolidays } from '../events/holidays.ts'
import type { ForecastProgress, ForecastResult, OpenHours, SpecialDay } from '../forecast/types.ts'

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

export async function forecastQueue(db: Db, queue: Queue, options: QueueForecastOptions): Promise<QueueForecast> {
  const intervalMinutes = options.intervalMinutes ?? queue.intervalMinutes
  const raw = await listHistoryIntervals(db, queue, intervalMinutes)
  if (!raw.length) throw new RangeError(`queue '${queue.name}' has no history to forecast from: import contacts or interval aggregates first`)
  // The history grid (every local day of the history, DST-aware) takes ~0.3 s for a year of 15-minute intervals:
  // off the request thread for web requests.
  const { history, future } = options.inWorker
    ? await runInWorker<PreparedHistory>({ moduleUrl: import.meta.url, exportName: 'preparedHistory', args: [raw, queue.timeZone, intervalMinutes, options.fromDateKey, options.toDateKey] }, { timeLimitMs: 30_000, what: 'reading the history' })
    : preparedHistory(raw, queue.timeZone, intervalMinutes, options.fromDateKey, options.toDateKey)
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
  const volume = options.inWorker
    ? await runForecastInWorker({ kind: 'volume', input: volumeInput, options: { model: options.model } }, options.onProgress)
    : forecastVolumes(volumeInput, { model: options.model, onProgress: options.onProgress })
  const aht = !hasAht ? null : options.inWorker
    ? await runForecastInWorker({ kind: 'aht', input: ahtInput })
    : forecastAht(ahtInput)
  let handledSum = 0
  let handleSum = 0
  for (const h of history) if (h.ahtSeconds !== null) { handledSum += h.handled; handleSum += h.ahtSeconds * h.handled }
  const fallbackAhtSeconds = handledSum > 0 ? handleSum / handledSum : 300
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
