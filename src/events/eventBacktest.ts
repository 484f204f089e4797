/**
 * Does marking events make the forecast better? A rolling-origin backtest (Tashman 2000) at chosen origins (e.g.
 * the starts of the weeks that hold holidays): at each origin, train on everything before it and forecast the next
 * `horizonIntervals` intervals, once without events (the engine as it is) and once with the events (history
 * cleaned of past events, learned uplift applied to future ones), with the same model: the model the engine picks
 * without events, forced for the run with events. Scored on every interval of the horizon, event days included.
 * MASE uses the in-sample MAE of the weekly seasonal naive (lag = one week of intervals) on the training part,
 * as in shared/reference/forecast_protocol.md.
 */
import { forecastVolumes } from '../forecast/forecastVolumes.ts'
import { maseWithScale, seasonalNaiveMae, wape } from '../forecast/accuracy.ts'
import type { OpenHours } from '../forecast/types.ts'
import { intervalStartOf } from '../time/intervals.ts'
import { parseLocalIsoToUtcMs } from '../time/zones.ts'
import type { CalendarEvent } from './calendar.ts'
import { forecastWithEvents } from './forecastWithEvents.ts'

export interface EventBacktestInput {
  /** A complete interval history (every interval of every day), UTC ms, increasing. */
  startMs: readonly number[]
  volumes: readonly number[]
  timeZone: string
  intervalMinutes: number
  openHours?: readonly OpenHours[]
}

export interface OriginScore {
  originMs: number
  model: string
  without: { mase: number; wape: number }
  with: { mase: number; wape: number }
}

export interface EventBacktestResult {
  origins: OriginScore[]
  /** Scores averaged over the origins. */
  without: { mase: number; wape: number }
  with: { mase: number; wape: number }
}

export interface EventBacktestOptions {
  /** Intervals forecast at each origin. @default one week */
  horizonIntervals?: number
  /** Force this model for both runs (default: the engine's choice without events). */
  model?: string
  /** Backtest origins inside each forecast (model choice). @default 8 */
  backtestOrigins?: number
}

/**
 * Backtests with and without `events` at `originsMs` (interval starts in the history; origins with less than two
 * weeks of training or without a full horizon after them are skipped).
 * @throws RangeError when no origin can be scored
 */
export function backtestEvents(input: EventBacktestInput, events: readonly CalendarEvent[], originsMs: readonly number[], options: EventBacktestOptions = {}): EventBacktestResult {
  const intervalsPerDay = (24 * 60) / input.intervalMinutes
  const weekIntervals = 7 * intervalsPerDay
  const { horizonIntervals = weekIntervals, backtestOrigins = 8 } = options
  const origins: OriginScore[] = []
  for (const originMs of originsMs) {
    const o = input.startMs.indexOf(originMs)
    if (o < 2 * weekIntervals || o + horizonIntervals > input.startMs.length) continue
    const history = { startMs: input.startMs.slice(0, o), volumes: input.volumes.slice(0, o) }
    const futureStartMs = input.startMs.slice(o, o + horizonIntervals)
    const actual = input.volumes.slice(o, o + horizonIntervals)
    const without = forecastVolumes({
      timestamps: history.startMs, volumes: history.volumes, futureTimestamps: futureStartMs, timeZone: input.timeZone,
      intervalMinutes: input.intervalMinutes, openHours: input.openHours,
    }, { model: options.model, backtestOrigins })
    const model = options.model ?? (without.model.startsWith('combination') ? 'combination' : without.model)
    const withEvents = forecastWithEvents({ ...history, futureStartMs, timeZone: input.timeZone, intervalMinutes: input.intervalMinutes, openHours: input.openHours }, events, { model, backtestOrigins })
    const scale = seasonalNaiveMae(history.volumes, weekIntervals)
    origins.push({
      originMs, model: without.model,
      without: { mase: maseWithScale(actual, without.mean, scale), wape: wape(actual, without.mean) },
      with: { mase: maseWithScale(actual, withEvents.mean, scale), wape: wape(actual, withEvents.mean) },
    })
  }
  if (origins.length === 0) throw new RangeError('no origin could be scored: each needs two weeks of history before it and a full horizon after it')
  const average = (pick: (o: OriginScore) => number) => origins.reduce((s, o) => s + pick(o), 0) / origins.length
  return {
    origins,
    without: { mase: average((o) => o.without.mase), wape: average((o) => o.without.wape) },
    with: { mase: average((o) => o.with.mase), wape: average((o) => o.with.wape) },
  }
}

/** Local midnight starting the week (weeks start on `weekStartIsoDay`, 7 = Sunday) of each date, deduplicated, sorted. */
export function weekStartsOf(dateKeys: readonly string[], weekStartIsoDay = 7): string[] {
  const starts = new Set<string>()
  for (const d of dateKeys) {
    const ms = Date.parse(d + 'T00:00:00Z')
    if (!Number.isFinite(ms)) throw new RangeError(`dateKeys must be YYYY-MM-DD dates, got '${d}'`)
    const isoDay = ((new Date(ms).getUTCDay() + 6) % 7) + 1
    const back = (isoDay - weekStartIsoDay + 7) % 7
    starts.add(new Date(ms - back * 86_400_000).toISOString().slice(0, 10))
  }
  return [...starts].sort()
}

/**
 * Sums a series given as local ISO timestamps (e.g. a 6-minute export) into `intervalMinutes` intervals of the
 * zone's local grid, as UTC starts in time order. Local times repeated or skipped by daylight saving fall into the
 * interval their UTC instant belongs to.
 * @throws RangeError on a timestamp that is not a local date-time, or arrays of different lengths
 */
export function sumToLocalIntervals(timestamps: readonly string[], volumes: readonly number[], timeZone: string, intervalMinutes: number): { startMs: number[]; volumes: number[] } {
  if (timestamps.length !== volumes.length) throw new RangeError(`volumes has ${volumes.length} values but timestamps has ${timestamps.length}`)
  const sums = new Map<number, number>()
  timestamps.forEach((t, i) => {
    const utcMs = parseLocalIsoToUtcMs(t, timeZone)
    if (Number.isNaN(utcMs)) throw new RangeError(`timestamps[${i}] must be a local date-time, got '${t}'`)
    if (!(Number.isFinite(volumes[i]) && volumes[i] >= 0)) throw new RangeError(`volumes[${i}] must be a finite number >= 0, got ${volumes[i]}`)
    const start = intervalStartOf(utcMs, timeZone, intervalMinutes)
    sums.set(start, (sums.get(start) ?? 0) + volumes[i])
  })
  const startMs = [...sums.keys()].sort((a, b) => a - b)
  return { startMs, volumes: startMs.map((t) => sums.get(t)!) }
}
