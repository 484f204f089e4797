/**
 * A queue's forecast and plan with its event calendar: the events stored for the queue (and for every queue) plus
 * its public holidays when switched on (date-holidays, the queue's holiday_country); history cleaned of past events
 * (their days are special days for the forecasting engine); uplift learned per kind of event from the history; the
 * future events applied with their shapes; the staffing plan with and without them; and the flags where the need
 * with events exceeds the cover planned. The cover is the plan without the events (no published plan or schedule
 * is stored yet), with the queue's saved staffing settings or the defaults (80% in 60 s, Erlang C, 30% shrinkage).
 * Used by the events page, the dashboard's flags summary and `chatplan flags`.
 */
import { staffingPlanOf } from './staffingPlanTask.ts'
import { runInWorker } from '../workers/runInWorker.ts'
import { listShiftTemplates, publishedSchedulesInForceBetween } from '../db/schedules.ts'
import { isInForceOn } from '../scheduling/publishedInForce.ts'
import { solveSchedule, type ShiftTemplate } from '../scheduling/index.ts'
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listEvents, type StoredEvent } from '../db/events.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import { historyRange, historySpan, listHistoryIntervals } from '../db/history.ts'
import { applyEventEffects, effectWindow, eventsForQueue, pastEventDates, affectedDates, type CalendarEvent, type IntervalEffect } from '../events/calendar.ts'
import { holidayEvents, publicHolidays } from '../events/holidays.ts'
import { counterfactualBaseline, effectValueOf, learnUplift, measureOccurrences, proposeUplift, type UpliftEstimate } from '../events/uplift.ts'
import { dailyResiduals, suggestEvents, type SuggestedEvent } from '../events/suggestions.ts'
import { flagShortfalls, type Flags } from '../events/flags.ts'
import { localParts, nextDateKey, parseLocalIsoToUtcMs } from '../time/zones.ts'
import { completeHistoryDays, forecastQueue, type QueueForecast } from './queueForecast.ts'
import { DEFAULT_STAFFING_SETTINGS, type StaffingPlan, type StaffingSettings } from './staffingPlan.ts'
import { openingHoursOf } from '../db/queues.ts'
import { eventsChangedSince, isOpenAt, publishedIntervalsOf } from './schedulePlan.ts'
import { dateClosing, describeDateHoursChange } from '../scheduling/dateOpeningHours.ts'
import { calendarChangesSince } from './queueCalendar.ts'

/** Interval length used for events work: the queue's, or 30 minutes for queues finer than 15 (e.g. 6-minute data). */
export function eventIntervalMinutes(queue: Queue): number {
  return queue.intervalMinutes >= 15 ? queue.intervalMinutes : 30
}

/** The queue's public holidays (and eves) for the given years, or none when its holidays are off. */
export function holidayEventsForQueue(queue: Queue, years: readonly number[]): CalendarEvent[] {
  if (!queue.holidayCountry || years.length === 0) return []
  return holidayEvents(publicHolidays(queue.holidayCountry, years), { timeZone: queue.timeZone, country: queue.holidayCountry, queueId: queue.id })
}

function yearsBetween(fromMs: number, toMs: number, timeZone: string): number[] {
  const first = localParts(fromMs, timeZone).year
  const last = localParts(toMs, timeZone).year
  const years: number[] = []
  for (let y = first; y <= last; y++) years.push(y)
  return years
}

export interface QueueCalendar {
  stored: StoredEvent[]
  holidays: CalendarEvent[]
  /** Stored and holiday events, by start. */
  all: CalendarEvent[]
}

/** The events of a queue whose effect touches [fromMs, toMs): stored ones and public holidays when switched on. */
export async function queueCalendar(db: Db, queue: Queue, fromMs: number, toMs: number): Promise<QueueCalendar> {
  const stored = eventsForQueue(await listEvents(db, { queueId: queue.id, fromMs, toMs }), queue.id, fromMs, toMs) as StoredEvent[]
  const holidays = holidayEventsForQueue(queue, yearsBetween(fromMs, toMs - 1, queue.timeZone)).filter((e) => e.startUtcMs < toMs && e.endUtcMs > fromMs)
  return { stored, holidays, all: [...stored, ...holidays].sort((a, b) => a.startUtcMs - b.startUtcMs) }
}

export interface QueueHistoryAnalysis {
  intervalMinutes: number
  historyFromMs: number
  historyToMs: number
  uplift: UpliftEstimate[]
  suggestions: SuggestedEvent[]
}

/**
 * What the history says about events, without a forecast: the uplift learned per kind of event, and the days with
 * unexplained spikes or dips (suggested events). Null when the queue has no history.
 */
export async function analyseQueueHistory(db: Db, queue: Queue, options: { threshold?: number } = {}): Promise<QueueHistoryAnalysis | null> {
  const intervalMinutes = eventIntervalMinutes(queue)
  const raw = await listHistoryIntervals(db, queue, intervalMinutes)
  if (!raw.length) return null
  const history = completeHistoryDays(raw, queue.timeZone, intervalMinutes)
  const series = { startMs: history.map((h) => h.startMs), volumes: history.map((h) => h.offered) }
  const historyFromMs = series.startMs[0]
  const historyToMs = series.startMs[series.startMs.length - 1] + intervalMinutes * 60_000
  const calendar = await queueCalendar(db, queue, historyFromMs, historyToMs)
  const occurrences = measureOccurrences(calendar.all, series, { timeZone: queue.timeZone, intervalMinutes })
  const marked = new Set(calendar.all.flatMap((e) => affectedDates(e, queue.timeZone)))
  const expected = counterfactualBaseline(series, { timeZone: queue.timeZone, excludedDates: marked })
  const suggestions = suggestEvents(dailyResiduals(series, expected, queue.timeZone, marked), { threshold: options.threshold })
  return { intervalMinutes, historyFromMs, historyToMs, uplift: learnUplift(occurrences), suggestions }
}

/**
 * What a "learned" effect (no value given) of an event of `type` would use in `queue`: the uplift learned from
 * past events of that type in its history, or null when there is nothing to learn from (no such past event).
 */
export async function learnedEffectFor(db: Db, queue: Queue, type: string, kind: 'multiplier' | 'added'): Promise<{ value: number; low: number; high: number; count: number } | null> {
  const analysis = await analyseQueueHistory(db, queue)
  return analysis ? proposeUplift(analysis.uplift, type, kind) : null
}

export interface EventForecastInterval {
  startMs: number
  baseVolume: number
  volume: number
  multiplier: number
  added: number
  eventIds: Array<number | string>
}

export interface QueueEventForecast {
  queue: Queue
  intervalMinutes: number
  /** The forecast from the cleaned history, without future effects. */
  base: QueueForecast
  /** The same with the future events applied (volumes and bounds). */
  withEvents: QueueForecast
  intervals: EventForecastInterval[]
  calendar: QueueCalendar
  uplift: UpliftEstimate[]
  appliedValues: Map<number | string, number | null>
  warnings: string[]
}

export interface EventForecastOptions {
  fromDateKey: string
  toDateKey: string
  inWorker?: boolean
  onProgress?: (p: { done: number; total: number; message: string }) => void
}

function scaledForecast(base: QueueForecast, effects: readonly IntervalEffect[]): QueueForecast {
  const move = (v: number, i: number) => Math.max(0, v * effects[i].multiplier + effects[i].added)
  return {
    ...base,
    intervals: base.intervals.map((iv, i) => ({
      ...iv, volume: move(iv.volume, i), volumeLo80: move(iv.volumeLo80, i), volumeHi80: move(iv.volumeHi80, i), volumeLo95: move(iv.volumeLo95, i), volumeHi95: move(iv.volumeHi95, i),
    })),
  }
}

/**
 * The forecast of a queue for a range of local dates with its events (see the module doc).
 * @throws RangeError when the queue has no history or the range is not after it (from forecastQueue)
 */
export async function forecastQueueWithEvents(db: Db, queue: Queue, options: EventForecastOptions): Promise<QueueEventForecast> {
  const intervalMinutes = eventIntervalMinutes(queue)
  // Only the span of the history here: the rows themselves are read where the forecast runs (a worker for the web).
  const span = await historySpan(db, queue, intervalMinutes)
  if (!span) throw new RangeError(`queue '${queue.name}' has no history to forecast from: import contacts or interval aggregates first`)
  const { fromMs: historyFromMs, toMs: historyToMs } = span
  const rangeToMs = parseLocalIsoToUtcMs(nextDateKey(options.toDateKey) + 'T00:00:00', queue.timeZone)
  if (!Number.isFinite(rangeToMs)) throw new RangeError(`the end date must be a date like 2003-10-31 (YYYY-MM-DD), got '${options.toDateKey}'`)
  const calendar = await queueCalendar(db, queue, historyFromMs, Math.max(rangeToMs, historyToMs))
  options.onProgress?.({ done: 0, total: 2, message: 'forecasting from the history cleaned of events' })
  const specialDays = pastEventDates(calendar.all, queue.timeZone, historyToMs).map((date) => ({ date }))
  const base = await forecastQueue(db, queue, { fromDateKey: options.fromDateKey, toDateKey: options.toDateKey, intervalMinutes, specialDays, inWorker: options.inWorker })
  options.onProgress?.({ done: 1, total: 2, message: 'learning uplift and applying events' })
  const series = { startMs: base.history.map((h) => h.startMs), volumes: base.history.map((h) => h.offered) }
  // Measuring past events walks the whole history in the queue's zone (~0.3 s for a year of 15-minute intervals).
  const uplift = options.inWorker
    ? await runInWorker<UpliftEstimate[]>({ moduleUrl: import.meta.url, exportName: 'upliftOfHistory', args: [calendar.all, series, queue.timeZone, intervalMinutes] },
      { timeLimitMs: 60_000, what: 'learning the uplift of past events' })
    : upliftOfHistory(calendar.all, series, queue.timeZone, intervalMinutes)
  const starts = base.intervals.map((i) => i.startMs)
  const firstMs = starts[0]
  const lastEndMs = starts[starts.length - 1] + intervalMinutes * 60_000
  const upcoming = calendar.all.filter((e) => effectWindow(e).toUtcMs > firstMs && effectWindow(e).fromUtcMs < lastEndMs)
  const appliedValues = new Map<number | string, number | null>(upcoming.map((e) => [e.id, effectValueOf(e, uplift)]))
  const warnings = upcoming.filter((e) => appliedValues.get(e.id) === null).map((e) => `no uplift learned yet for '${e.learnKey}': '${e.name}' has no effect until it is given a value`)
  const { effects } = applyEventEffects(starts, base.intervals.map((i) => i.volume), upcoming, { intervalMinutes, timeZone: queue.timeZone, valueOf: (e) => appliedValues.get(e.id) ?? null })
  const withEvents = scaledForecast(base, effects)
  options.onProgress?.({ done: 2, total: 2, message: 'done' })
  return {
    queue, intervalMinutes, base, withEvents, calendar, uplift, appliedValues, warnings,
    intervals: base.intervals.map((iv, i) => ({ startMs: iv.startMs, baseVolume: iv.volume, volume: withEvents.intervals[i].volume, multiplier: effects[i].multiplier, added: effects[i].added, eventIds: effects[i].eventIds })),
  }
}

/** The uplift learned per kind of event from its past occurrences in the history (a worker task for the web). */
export function upliftOfHistory(events: readonly CalendarEvent[], series: { startMs: number[]; volumes: number[] }, timeZone: string, intervalMinutes: number): UpliftEstimate[] {
  return learnUplift(measureOccurrences(events, series, { timeZone, intervalMinutes }))
}

export interface QueueFlags {
  forecast: QueueEventForecast
  settings: StaffingSettings
  /** Where the settings come from. */
  settingsSource: 'saved' | 'default'
  basePlan: StaffingPlan
  eventPlan: StaffingPlan
  /** What the need is compared with. */
  /** What the need is compared with: the published schedule where it covers an interval, else the plan without events. */
  coverSource: string
  /**
   * Where a published schedule exists and the queue has shift templates: per flagged day, the cheapest extra shifts
   * (from those templates, breaks included) that close the shortfall, found by the schedule solver.
   */
  extraCover: Map<string, ExtraCover>
  flags: Flags
  /** Names of the events behind the flags, by id. */
  eventNames: Map<number | string, string>
}

/**
 * The flags of a queue for a range: need vs cover as src/planning/needCover.ts defines it (the published schedule's
 * need and assigned cover where it applies, else the plan with events against the plan without them).
 */
export async function flagsForQueue(db: Db, queue: Queue, options: EventForecastOptions): Promise<QueueFlags> {
  const forecast = await forecastQueueWithEvents(db, queue, options)
  const saved = await findStaffingSettings(db, queue.id)
  const settings: StaffingSettings = saved ? { ...saved } : { ...DEFAULT_STAFFING_SETTINGS }
  // Both plans off the request thread (web) with a time limit: a long range with the chat model takes seconds.
  const [basePlan, eventPlan] = await Promise.all([
    staffingPlanOf(forecast.base, settings, queue.name, options.inWorker),
    staffingPlanOf(forecast.withEvents, settings, queue.name, options.inWorker),
  ])
  // Need vs cover, as every page reads it (src/planning/needCover.ts): where the published schedule covers an
  // interval, the need it was made for and the heads of its assigned shifts; elsewhere the plan with events
  // against the plan without them. Closed intervals are never short.
  // Every published schedule in force on some date of the range (the later published wins a date two cover:
  // src/scheduling/publishedInForce.ts); each date reads the one whose date it is.
  const publishedList = await publishedSchedulesInForceBetween(db, queue.id, options.fromDateKey, options.toDateKey)
  const scheduledOf = new Map(publishedList.map((p) => [p.record.id, publishedIntervalsOf(p)]))
  const ownerOn = (dateKey: string) => publishedList.find((p) => isInForceOn(p.inForce, dateKey))
  const hours = openingHoursOf(queue)
  const inPublishedDays = (dateKey: string) => ownerOn(dateKey) !== undefined
  const used = new Set<number>()
  // The calendar per date (holidays, dates closed or shortened by hand): closed there too, as in the plans' need.
  const byDate = new Map((eventPlan.dateHours ?? []).map((d) => [d.dateKey, d]))
  const closedByDate = (startMs: number) => { const at = localParts(startMs, queue.timeZone); return byDate.size > 0 && dateClosing(at.dateKey, at.minuteOfDay, forecast.intervalMinutes, byDate) !== null }
  const needAgents: number[] = [], coverAgents: number[] = [], open: boolean[] = []
  let fromSchedule = 0
  const staleDays = new Map<number, Set<string>>()
  eventPlan.intervals.forEach((i, k) => {
    const owner = ownerOn(i.dateKey)
    const row = owner ? scheduledOf.get(owner.record.id)!.get(i.startMs) : undefined
    if (owner && row) {
      fromSchedule++
      used.add(owner.record.id)
      // An event added or changed since the schedule was made: the need with it now, not the stored one.
      const stale = eventsChangedSince(owner.record.snapshot, forecast.intervals[k].eventIds, (id) => forecast.appliedValues.get(id) ?? null)
      if (stale) staleDays.set(owner.record.id, (staleDays.get(owner.record.id) ?? new Set<string>()).add(i.dateKey))
      needAgents.push(stale ? i.agentsScheduledExact : row.agentsRequired); coverAgents.push(row.agentsScheduled); open.push(true)
      return
    }
    needAgents.push(i.agentsScheduledExact)
    // A day of the published schedule: nobody is scheduled outside its (open) intervals.
    coverAgents.push(inPublishedDays(i.dateKey) ? 0 : basePlan.intervals[k].agentsScheduledExact)
    open.push(!inPublishedDays(i.dateKey) && isOpenAt(i.startMs, queue.timeZone, hours, forecast.intervalMinutes) && !closedByDate(i.startMs))
  })
  const usedList = publishedList.filter((p) => used.has(p.record.id)).sort((a, b) => a.record.fromDateKey.localeCompare(b.record.fromDateKey))
  const scheduleNames = usedList.length === 1 ? `published schedule #${usedList[0].record.id}` : `published schedules ${usedList.map((p) => `#${p.record.id}`).join(', ')}`
  const coverSource = fromSchedule === 0 ? 'base plan (no published schedule covers these dates)'
    : fromSchedule === basePlan.intervals.length ? `${scheduleNames} (${usedList.length === 1 ? 'its' : 'their'} assigned shifts)`
    : `${scheduleNames} (${usedList.length === 1 ? 'its' : 'their'} assigned shifts) where ${usedList.length === 1 ? 'it applies' : 'they apply'}, base plan elsewhere`
  const flags = flagShortfalls({
    startMs: eventPlan.intervals.map((i) => i.startMs),
    needAgents,
    coverAgents,
    open,
    eventIds: forecast.intervals.map((i) => i.eventIds),
    intervalMinutes: forecast.intervalMinutes,
    timeZone: queue.timeZone,
  })
  for (const published of usedList) {
    const changed = await calendarChangesSince(db, queue, published.record.snapshot)
    if (changed.length) forecast.warnings.push(`the calendar changed since published schedule #${published.record.id} was made (${changed.map((c) => describeDateHoursChange(c)).join('; ')}): its need and cover on those dates are the ones it was made with; generate a new schedule for them to plan for the new hours`)
  }
  for (const published of usedList) {
    const days = staleDays.get(published.record.id)
    if (days) forecast.warnings.push(`events changed since published schedule #${published.record.id} was made (on ${[...days].sort().join(', ')}): the need there is the current one; generate the schedule again to plan for them`)
  }
  const eventNames = new Map(forecast.calendar.all.map((e) => [e.id, e.name]))
  const extraCover = publishedList.length ? await cheapestExtraCover(db, queue, flags, forecast.intervalMinutes, options.inWorker) : new Map<string, ExtraCover>()
  return { forecast, settings, settingsSource: saved ? 'saved' : 'default', basePlan, eventPlan, coverSource, flags, eventNames, extraCover }
}

export interface ExtraCover {
  shifts: { templateName: string; start: string; lengthMinutes: number; count: number }[]
  cost: number
  paidAgentHours: number
  /** Agent-intervals the templates cannot reach (e.g. outside every allowed start). */
  shortAgentIntervals: number
}

/** One flagged day's shortfall per interval, as a requirement for the schedule solver. */
export interface DayShortfall { dateKey: string; intervals: { start: string; agentsRequired: number }[] }

/** HiGHS over every flagged day: seconds for a fortnight, so web requests run it in the worker pool with this limit. */
const EXTRA_COVER_TIME_LIMIT_MS = 120_000

/**
 * The cheapest extra shifts per flagged day: the day's shortfall per interval is a requirement for the schedule
 * solver over the queue's own shift templates (over-cover allowed, 1% gap, a short time limit per day). In a worker
 * (src/workers) with a time limit when `inWorker`.
 */
async function cheapestExtraCover(db: Db, queue: Queue, flags: Flags, intervalMinutes: number, inWorker = false): Promise<Map<string, ExtraCover>> {
  const templates: ShiftTemplate[] = (await listShiftTemplates(db, queue.id)).map(({ id: _id, queueId: _queueId, version: _version, ...template }) => template)
  if (!templates.length) return new Map()
  const days: DayShortfall[] = flags.days.map((day) => ({
    dateKey: day.dateKey,
    intervals: flags.intervals.filter((f) => f.dateKey === day.dateKey && f.shortfallAgents > 0).map((f) => ({ start: f.localStart, agentsRequired: f.shortfallAgents })),
  })).filter((d) => d.intervals.length > 0)
  if (!days.length) return new Map()
  const found = inWorker
    ? await runInWorker<[string, ExtraCover][]>({ moduleUrl: import.meta.url, exportName: 'extraCoverForDays', args: [templates, days, intervalMinutes] },
      { timeLimitMs: EXTRA_COVER_TIME_LIMIT_MS, what: 'the extra shifts for the flagged days', advice: 'Flag fewer days at once.' })
    : await extraCoverForDays(templates, days, intervalMinutes)
  return new Map(found)
}

/** The cheapest extra shifts of each day (days the templates cannot serve are left out), as [dateKey, cover] pairs. */
export async function extraCoverForDays(templates: readonly ShiftTemplate[], days: readonly DayShortfall[], intervalMinutes: number): Promise<[string, ExtraCover][]> {
  const out: [string, ExtraCover][] = []
  for (const day of days) {
    try {
      const result = await solveSchedule({ intervalMinutes, intervals: day.intervals }, templates, { overCover: 'allow', mipRelativeGap: 0.01, timeLimitSeconds: 10 })
      if (result.status !== 'optimal' && result.status !== 'feasible') continue
      out.push([day.dateKey, {
        shifts: result.schedule.shifts.map((sh) => ({ templateName: sh.templateName, start: sh.start, lengthMinutes: sh.lengthMinutes, count: sh.count })),
        cost: result.shiftCost,
        paidAgentHours: result.paidAgentHours,
        shortAgentIntervals: result.shortAgentIntervals,
      }])
    } catch {
      // Templates that cannot serve this day (e.g. not allowed on its weekday): the cover blocks still say what is needed.
    }
  }
  return out
}

/** The coming weeks of a queue: the `days` local days after its history ends (14 by default). */
export async function comingWeeks(db: Db, queue: Queue, days = 14): Promise<{ fromDateKey: string; toDateKey: string } | null> {
  const range = await historyRange(db, queue.id)
  if (range.source === 'none') return null
  const fromDateKey = nextDateKey(localParts(range.lastMs, queue.timeZone).dateKey)
  let toDateKey = fromDateKey
  for (let d = 1; d < days; d++) toDateKey = nextDateKey(toDateKey)
  return { fromDateKey, toDateKey }
}
