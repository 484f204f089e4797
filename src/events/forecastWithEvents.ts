/**
 * Forecasting with an event calendar: the history is cleaned of past events (their days are special days, kept out
 * of what the models learn and out of the backtest), the uplift of each kind of event is learned from its past
 * occurrences, and future events are applied to the base forecast interval by interval with their shapes (their own
 * effect value, or the learned one). The base forecast (no future effects) is what a plan without the events covers.
 */
import { forecastVolumes } from '../forecast/forecastVolumes.ts'
import type { ForecastOptions, ForecastResult, OpenHours, SpecialDay } from '../forecast/types.ts'
import { applyEventEffects, effectWindow, pastEventDates, type CalendarEvent, type IntervalEffect } from './calendar.ts'
import { effectValueOf, learnUplift, measureOccurrences, type UpliftEstimate } from './uplift.ts'

export interface EventForecastInput {
  /** History interval starts (UTC ms, increasing) and volumes. */
  startMs: readonly number[]
  volumes: readonly number[]
  /** Interval starts to forecast (UTC ms, after the history). */
  futureStartMs: readonly number[]
  timeZone: string
  intervalMinutes: number
  openHours?: readonly OpenHours[]
  closedDates?: readonly string[]
}

export interface EventForecast {
  /** Forecast from the cleaned history without future effects. */
  base: ForecastResult
  /** Mean with the future events applied, and the prediction bounds moved with it (same levels as `base`). */
  mean: number[]
  lower: number[][]
  upper: number[][]
  /** Per future interval: the combined multiplier, the added volume and the events behind it. */
  effects: IntervalEffect[]
  uplift: UpliftEstimate[]
  /** The effect value used for each event that touches the forecast range (null = no effect: nothing learned). */
  appliedValues: Map<number | string, number | null>
  /** History dates given to the engine as special days (cleaned). */
  specialDates: string[]
  warnings: string[]
}

/**
 * Forecast with events (see the module doc). `options` go to forecastVolumes (e.g. a forced `model`).
 * @throws what forecastVolumes throws on a bad series; RangeError when futureStartMs is empty
 */
export function forecastWithEvents(input: EventForecastInput, events: readonly CalendarEvent[], options: ForecastOptions = {}): EventForecast {
  if (input.futureStartMs.length === 0) throw new RangeError('futureStartMs must hold at least one interval to forecast, got none')
  const { timeZone, intervalMinutes } = input
  const historyEndMs = input.startMs.length ? input.startMs[input.startMs.length - 1] + intervalMinutes * 60_000 : -Infinity
  const specialDates = pastEventDates(events, timeZone, historyEndMs)
  const specialDays: SpecialDay[] = specialDates.map((date) => ({ date }))
  const base = forecastVolumes({
    timestamps: input.startMs, volumes: input.volumes, futureTimestamps: input.futureStartMs,
    timeZone, intervalMinutes, openHours: input.openHours, closedDates: input.closedDates, specialDays,
  }, options)
  const occurrences = measureOccurrences(events, { startMs: input.startMs, volumes: input.volumes }, {
    timeZone, intervalMinutes, excludedDates: new Set(input.closedDates ?? []),
  })
  const uplift = learnUplift(occurrences)
  const firstFuture = input.futureStartMs[0]
  const lastFutureEnd = input.futureStartMs[input.futureStartMs.length - 1] + intervalMinutes * 60_000
  const upcoming = events.filter((e) => effectWindow(e).toUtcMs > firstFuture && effectWindow(e).fromUtcMs < lastFutureEnd)
  const appliedValues = new Map<number | string, number | null>()
  const warnings = [...base.warnings]
  for (const event of upcoming) {
    const value = effectValueOf(event, uplift)
    appliedValues.set(event.id, value)
    if (value === null) warnings.push(`no uplift learned yet for '${event.learnKey}': '${event.name}' has no effect until it is given a value`)
  }
  const valueOf = (e: CalendarEvent) => appliedValues.get(e.id) ?? null
  const { means, effects } = applyEventEffects(input.futureStartMs, base.mean, upcoming, { intervalMinutes, timeZone, valueOf })
  const moved = (bound: number[]) => bound.map((v, i) => Math.max(0, v * effects[i].multiplier + effects[i].added))
  return {
    base, mean: means, lower: base.lower.map(moved), upper: base.upper.map(moved), effects, uplift, appliedValues, specialDates, warnings,
  }
}
