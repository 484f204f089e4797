/**
 * A baseline's frozen plan inputs + a scenario's overrides → the scenario's plan inputs (pure; the staffing is then
 * computed by the same engine as the baseline's, see src/planning/scenarioPlan.ts).
 *
 * Order (see ScenarioOverrides): volume changes, then opening hours, act on the forecast before events (so an
 * event's multiplier also lifts a changed volume, and contacts an event adds are not scaled twice); then the
 * events (the baseline's, less those removed, plus those added) are applied with the calendar's own rule
 * (applyEventEffects, the same effect on the mean and on every bound, as the events page does); then the AHT
 * changes; the settings the scenario names replace the baseline's. When nothing touches the volume the baseline's
 * frozen volumes are used as they are, so a scenario that changes only the SLA staffs exactly the same forecast.
 */
import { applyEventEffects, type CalendarEvent, type EventType } from '../events/calendar.ts'
import { localParts, nextDateKey, startOfLocalDayUtcMs } from '../time/zones.ts'
import type { StaffingSettings } from '../planning/staffingPlan.ts'
import { validateOverrides } from './overrides.ts'
import type { BaselineInterval, DayHours, FrozenEvent, IntervalScope, PlanInputs, ScenarioInputs, ScenarioOverrides } from './types.ts'

interface IntervalPlace { dateKey: string; isoWeekday: number; minuteOfDay: number }

/** Local date, weekday and minute of day of every interval start (computed once per apply). */
function placesOf(intervals: readonly BaselineInterval[], timeZone: string): IntervalPlace[] {
  return intervals.map((i) => {
    const p = localParts(i.startMs, timeZone)
    return { dateKey: p.dateKey, isoWeekday: p.isoWeekday, minuteOfDay: p.minuteOfDay }
  })
}

/** True when the interval starting at `place` is in the scope (every given part must hold). */
export function isInScope(scope: IntervalScope, place: IntervalPlace): boolean {
  if (scope.fromDateKey !== undefined && place.dateKey < scope.fromDateKey) return false
  if (scope.toDateKey !== undefined && place.dateKey > scope.toDateKey) return false
  if (scope.weekdays !== undefined && !scope.weekdays.includes(place.isoWeekday)) return false
  if (scope.fromMinute !== undefined && place.minuteOfDay < scope.fromMinute) return false
  if (scope.toMinute !== undefined && place.minuteOfDay >= scope.toMinute) return false
  return true
}

/** True when the interval starts inside the opening hours of its weekday. */
export function isOpenAt(hours: readonly DayHours[], place: IntervalPlace): boolean {
  const day = hours[place.isoWeekday - 1]
  return day !== null && day !== undefined && place.minuteOfDay >= day.openMinute && place.minuteOfDay < day.closeMinute
}

/** The five volume series of a forecast (mean and bounds), kept together so every change moves them alike. */
interface VolumeSeries { mean: number[]; lo80: number[]; hi80: number[]; lo95: number[]; hi95: number[] }

function baseSeriesOf(intervals: readonly BaselineInterval[]): VolumeSeries {
  return {
    mean: intervals.map((i) => i.baseVolume), lo80: intervals.map((i) => i.baseLo80), hi80: intervals.map((i) => i.baseHi80),
    lo95: intervals.map((i) => i.baseLo95), hi95: intervals.map((i) => i.baseHi95),
  }
}

const SERIES_KEYS = ['mean', 'lo80', 'hi80', 'lo95', 'hi95'] as const

/** v → max(0, v·multiplier + added) on every series at index i. */
function move(series: VolumeSeries, i: number, multiplier: number, added: number): void {
  for (const key of SERIES_KEYS) series[key][i] = Math.max(0, series[key][i] * multiplier + added)
}

/** Indexes of the scoped intervals grouped by local date. */
function scopedByDay(places: readonly IntervalPlace[], scope: IntervalScope): Map<string, number[]> {
  const byDay = new Map<string, number[]>()
  places.forEach((place, i) => {
    if (!isInScope(scope, place)) return
    const list = byDay.get(place.dateKey)
    if (list) list.push(i)
    else byDay.set(place.dateKey, [i])
  })
  return byDay
}

/**
 * Spreads `contacts` over the intervals of one day in proportion to their mean; where the day has no forecast
 * volume, evenly over those that are open (none open: nothing is added).
 */
function spreadOverDay(series: VolumeSeries, indexes: readonly number[], contacts: number, open: (i: number) => boolean): void {
  const total = indexes.reduce((s, i) => s + series.mean[i], 0)
  if (total > 0) {
    const means = indexes.map((i) => series.mean[i])
    indexes.forEach((i, k) => move(series, i, 1, (contacts * means[k]) / total))
    return
  }
  const openIndexes = indexes.filter(open)
  for (const i of openIndexes) move(series, i, 1, contacts / openIndexes.length)
}

function applyVolumeChanges(series: VolumeSeries, places: readonly IntervalPlace[], overrides: ScenarioOverrides, hours: readonly DayHours[]): void {
  const open = (i: number) => isOpenAt(hours, places[i])
  for (const change of overrides.volume ?? []) {
    if (change.kind === 'fraction') {
      places.forEach((place, i) => { if (isInScope(change.scope, place)) move(series, i, 1 + change.changeFraction, 0) })
      continue
    }
    for (const indexes of scopedByDay(places, change.scope).values()) {
      if (change.kind === 'addPerDay') { spreadOverDay(series, indexes, change.contactsPerDay, open); continue }
      const total = indexes.reduce((s, i) => s + series.mean[i], 0)
      if (total > 0) for (const i of indexes) move(series, i, change.contactsPerDay / total, 0)
      else spreadOverDay(series, indexes, change.contactsPerDay, open)
    }
  }
}

/** Closes the intervals outside the new hours; `retain` of their volume comes back in the day's open intervals. */
function applyOpeningHours(series: VolumeSeries, places: readonly IntervalPlace[], days: readonly DayHours[], retain: number): void {
  const byDay = new Map<string, { open: number[]; closedVolume: number }>()
  places.forEach((place, i) => {
    const day = byDay.get(place.dateKey) ?? { open: [], closedVolume: 0 }
    byDay.set(place.dateKey, day)
    if (isOpenAt(days, place)) { day.open.push(i); return }
    day.closedVolume += series.mean[i]
    move(series, i, 0, 0)
  })
  for (const day of byDay.values()) {
    if (day.closedVolume > 0 && retain > 0 && day.open.length) spreadOverDay(series, day.open, day.closedVolume * retain, () => true)
  }
}

/** A frozen event in the calendar's own form (its value is fixed, so no uplift is learned again). */
function calendarEventOf(e: FrozenEvent): CalendarEvent {
  return {
    id: e.id, queueId: null, type: e.type as EventType, name: e.name, startUtcMs: e.startUtcMs, endUtcMs: e.endUtcMs, timeZone: e.timeZone,
    effect: { kind: e.kind, value: e.value }, shape: { ...e.shape }, source: 'user', learnKey: e.type,
  }
}

/** The events of the scenario: the baseline's less those removed, plus those added (flat, local whole days). */
export function scenarioEvents(baseline: PlanInputs, overrides: ScenarioOverrides): FrozenEvent[] {
  const removed = new Set(overrides.removedEventIds ?? [])
  const kept = baseline.events.filter((e) => !removed.has(e.id)).map((e) => ({ ...e, shape: { ...e.shape } }))
  // Ids `added:N` continue after those of events added by earlier scenarios (a promoted baseline keeps them).
  const lastAdded = baseline.events.reduce((m, e) => (/^added:\d+$/.test(e.id) ? Math.max(m, Number(e.id.slice(6))) : m), 0)
  const added = (overrides.addedEvents ?? []).map((e, i): FrozenEvent => ({
    id: `added:${lastAdded + i + 1}`, name: e.name.trim(), type: 'other',
    startUtcMs: startOfLocalDayUtcMs(e.fromDateKey, baseline.timeZone), endUtcMs: startOfLocalDayUtcMs(nextDateKey(e.toDateKey), baseline.timeZone),
    timeZone: baseline.timeZone, kind: e.kind, value: e.value, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 },
  }))
  return [...kept, ...added]
}

/** The series with the events applied (the calendar's rule: one effect per interval, on the mean and the bounds). */
function withEvents(base: VolumeSeries, starts: readonly number[], events: readonly FrozenEvent[], intervalMinutes: number, timeZone: string): VolumeSeries {
  const out: VolumeSeries = { mean: [...base.mean], lo80: [...base.lo80], hi80: [...base.hi80], lo95: [...base.lo95], hi95: [...base.hi95] }
  if (!events.length) return out
  const { effects } = applyEventEffects(starts, base.mean, events.map(calendarEventOf), { intervalMinutes, timeZone, valueOf: (e) => e.effect.value })
  effects.forEach((effect, i) => move(out, i, effect.multiplier, effect.added))
  return out
}

/**
 * Intervals whose volumes (mean and bounds) are their base volumes with the events applied: how a baseline is frozen
 * from a forecast and its calendar, by the same rule a scenario recomputes them with.
 */
export function intervalsWithEvents(intervals: readonly BaselineInterval[], events: readonly FrozenEvent[], intervalMinutes: number, timeZone: string): BaselineInterval[] {
  const planned = withEvents(baseSeriesOf(intervals), intervals.map((i) => i.startMs), events, intervalMinutes, timeZone)
  return intervals.map((i, k) => ({ ...i, volume: planned.mean[k], volumeLo80: planned.lo80[k], volumeHi80: planned.hi80[k], volumeLo95: planned.lo95[k], volumeHi95: planned.hi95[k] }))
}

function mergedSettings(settings: StaffingSettings, o: ScenarioOverrides, ahtChanged: boolean): StaffingSettings {
  const s: StaffingSettings = { ...settings }
  if (o.serviceLevelTarget !== undefined) s.serviceLevelTarget = o.serviceLevelTarget
  if (o.answerWithinSeconds !== undefined) s.answerWithinSeconds = o.answerWithinSeconds
  if (o.asaTargetSeconds !== undefined) s.asaTargetSeconds = o.asaTargetSeconds
  if (o.maxAbandonFraction !== undefined) s.maxAbandonFraction = o.maxAbandonFraction
  if (o.maxOccupancy !== undefined) s.maxOccupancy = o.maxOccupancy
  if (o.shrinkageFraction !== undefined) s.shrinkageFraction = o.shrinkageFraction
  if (o.hoursPerFte !== undefined) s.hoursPerFte = o.hoursPerFte
  if (o.maxConcurrency !== undefined) {
    s.modelKind = 'chat'
    s.maxConcurrency = o.maxConcurrency
    s.slowdownAlpha = o.slowdownAlpha ?? s.slowdownAlpha ?? 0
  } else if (o.slowdownAlpha !== undefined) s.slowdownAlpha = o.slowdownAlpha
  if (o.meanPatienceSeconds !== undefined) {
    s.modelKind = 'erlang_a'
    s.meanPatienceSeconds = o.meanPatienceSeconds
  }
  // Per-interval AHTs now carry the settings' single AHT override, if there was one.
  if (ahtChanged) s.ahtOverrideSeconds = null
  return s
}

function hasVolumeChange(o: ScenarioOverrides): boolean {
  return (o.volume?.length ?? 0) > 0 || o.openingHours !== undefined || (o.removedEventIds?.length ?? 0) > 0 || (o.addedEvents?.length ?? 0) > 0
}

/** AHT per interval after the changes (starting from the settings' override where the baseline has one). */
function scenarioAht(baseline: PlanInputs, places: readonly IntervalPlace[], o: ScenarioOverrides): number[] {
  const aht = baseline.intervals.map((i) => baseline.settings.ahtOverrideSeconds ?? i.ahtSeconds)
  for (const change of o.aht ?? []) {
    places.forEach((place, i) => {
      if (!isInScope(change.scope, place)) return
      aht[i] = change.kind === 'fraction' ? aht[i] * (1 + change.changeFraction) : change.ahtSeconds
    })
  }
  return aht
}

/**
 * The scenario's plan inputs: the baseline's with the overrides applied (see the module doc). Never mutates its inputs.
 * @throws RangeError listing every problem of the overrides (validateOverrides)
 * @example applyScenario(baseline, { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.1 }] }) // every volume × 1.1
 */
export function applyScenario(baseline: PlanInputs, overrides: ScenarioOverrides): ScenarioInputs {
  const problems = validateOverrides(overrides, { fromDateKey: baseline.fromDateKey, toDateKey: baseline.toDateKey, settings: baseline.settings, eventIds: baseline.events.map((e) => e.id) })
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('; '))
  const places = placesOf(baseline.intervals, baseline.timeZone)
  const openingHours = overrides.openingHours ? overrides.openingHours.days.map((d) => (d ? { ...d } : null)) : baseline.openingHours.map((d) => (d ? { ...d } : null))
  const events = scenarioEvents(baseline, overrides)
  let intervals: BaselineInterval[]
  if (!hasVolumeChange(overrides)) {
    intervals = baseline.intervals.map((i) => ({ ...i }))
  } else {
    const base = baseSeriesOf(baseline.intervals)
    applyVolumeChanges(base, places, overrides, openingHours)
    if (overrides.openingHours) applyOpeningHours(base, places, overrides.openingHours.days, overrides.openingHours.retainClosedFraction)
    const planned = withEvents(base, baseline.intervals.map((i) => i.startMs), events, baseline.intervalMinutes, baseline.timeZone)
    intervals = baseline.intervals.map((i, k) => ({
      startMs: i.startMs,
      baseVolume: base.mean[k], baseLo80: base.lo80[k], baseHi80: base.hi80[k], baseLo95: base.lo95[k], baseHi95: base.hi95[k],
      volume: planned.mean[k], volumeLo80: planned.lo80[k], volumeHi80: planned.hi80[k], volumeLo95: planned.lo95[k], volumeHi95: planned.hi95[k],
      ahtSeconds: i.ahtSeconds,
    }))
  }
  const ahtChanged = (overrides.aht?.length ?? 0) > 0
  if (ahtChanged) {
    const aht = scenarioAht(baseline, places, overrides)
    intervals.forEach((interval, k) => { interval.ahtSeconds = aht[k] })
  }
  return {
    ...baseline,
    aht: ahtChanged ? { kind: 'forecast', model: `${baseline.aht.kind === 'forecast' ? baseline.aht.model : baseline.aht.kind + ' AHT'}, changed by the scenario` } : { ...baseline.aht },
    intervals,
    events,
    settings: mergedSettings(baseline.settings, overrides, ahtChanged),
    costPerHour: overrides.costPerHour ?? baseline.costPerHour,
    openingHours,
    coverage: baseline.coverage ? { source: baseline.coverage.source, agentsPerInterval: [...baseline.coverage.agentsPerInterval] } : null,
    headcount: overrides.headcount ? { ...overrides.headcount } : null,
  }
}
