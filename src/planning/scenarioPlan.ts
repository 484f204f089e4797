/**
 * What-if scenarios against a frozen baseline. Freezing reads the plan in force of a queue (the published forecast
 * when it covers the days, else a forecast made now; its calendar's events with the uplift applied; the queue's
 * staffing settings; the published schedule's coverage when it covers the days) and computes its plan once. A
 * scenario is recomputed from the baseline's frozen inputs only (applyScenario + the staffing engine through
 * staffingPlan, the same path as the staffing page), so editing scenarios never touches the baseline, and the
 * comparison reads the baseline's frozen plan. With a coverage (a schedule's or a headcount's), the service is that
 * of the agents there: scheduled × (1 − shrinkage) productive agents, interpolated between the two whole numbers
 * around it as the schedules' coverage does (src/planning/schedulePlan.ts, expectedServiceWithScheduled).
 * Used by the scenarios pages and src/bench/scenarios.bench.ts.
 */
import { TimeLimitError, runInWorker } from '../workers/runInWorker.ts'
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import { latestPublishedSnapshot } from '../db/forecasts.ts'
import { openingHoursOf } from '../db/queues.ts'
import { publishedSchedulesInForceBetween } from '../db/schedules.ts'
import { findBaseline, findScenario, insertBaseline, ScenarioStoreError, type BaselineRecord, type ScenarioRecord } from '../db/scenarios.ts'
import { serviceForStaffing } from '../staffing/index.ts'
import { effectWindow, type CalendarEvent } from '../events/calendar.ts'
import { effectValueOf } from '../events/uplift.ts'
import { intervalsBetweenDates } from '../time/intervals.ts'
import { isoWeekdayOfDateKey, localParts, nextDateKey, startOfLocalDayUtcMs } from '../time/zones.ts'
import type { ForecastResult } from '../forecast/types.ts'
import { snapshotRowsFor, type QueueForecast } from './queueForecast.ts'
import { queueDateHoursBetween } from './queueCalendar.ts'
import { analyseQueueHistory, eventIntervalMinutes, forecastQueueWithEvents, queueCalendar } from './eventForecast.ts'
import { DEFAULT_STAFFING_SETTINGS, assertPlanRange, staffingPlan, type AhtSource, type StaffingPlan, type StaffingSettings } from './staffingPlan.ts'
import { applyScenario, intervalsWithEvents, isOpenAt } from '../scenarios/applyScenario.ts'
import { coverageForHeadcount, productiveAgents } from '../scenarios/headcount.ts'
import { comparePlans, periodFigures, type ComparablePlan, type PlanComparison } from '../scenarios/compare.ts'
import { sweepCurve, sweepOverrides, sweepValues, type SweepCurve, type SweepPoint, type SweepSpec } from '../scenarios/sweep.ts'
import type { BaselineInterval, FrozenCoverage, FrozenEvent, PlanInputs, PlanIntervalFigures, ScenarioInputs, ScenarioOverrides } from '../scenarios/types.ts'

/** A plan computed from plan inputs: the staffing engine's plan and the figures per interval the comparison reads. */
export interface ComputedPlan {
  name: string
  inputs: PlanInputs | ScenarioInputs
  staffing: StaffingPlan
  intervals: PlanIntervalFigures[]
  /** The agents on shift per interval from a schedule or headcount, or null. */
  coverage: FrozenCoverage | null
}

function forecastResultOf(model: string, values: readonly number[], intervalMinutes: number): ForecastResult {
  return { mean: [...values], levels: [], lower: [], upper: [], model, scores: [], intervalCoverage: [], intervalMethod: 'backtest', intervalMinutes, warnings: [] }
}

/** The frozen intervals as the queue forecast staffingPlan takes (means and bounds with events, AHT per interval). */
export function forecastOfInputs(inputs: PlanInputs): QueueForecast {
  const aht = inputs.intervals.map((i) => i.ahtSeconds)
  return {
    queueId: inputs.queueId, timeZone: inputs.timeZone, intervalMinutes: inputs.intervalMinutes, fromDateKey: inputs.fromDateKey, toDateKey: inputs.toDateKey,
    intervals: inputs.intervals.map((i) => ({
      startMs: i.startMs, volume: i.volume, volumeLo80: i.volumeLo80, volumeHi80: i.volumeHi80, volumeLo95: i.volumeLo95, volumeHi95: i.volumeHi95,
      ahtSeconds: i.ahtSeconds, ahtLo80: i.ahtSeconds, ahtHi80: i.ahtSeconds,
    })),
    volume: forecastResultOf(inputs.volumeModel, inputs.intervals.map((i) => i.volume), inputs.intervalMinutes),
    aht: inputs.aht.kind === 'forecast' ? forecastResultOf(inputs.aht.model, aht, inputs.intervalMinutes) : null,
    fallbackAhtSeconds: inputs.aht.kind === 'forecast' ? (aht[0] ?? 300) : inputs.aht.seconds,
    history: [],
    ...(inputs.dateHours ? { dateHours: inputs.dateHours.map((d) => ({ ...d })) } : {}),
  }
}

/**
 * Service level and ASA with a fractional number of productive agents per interval: interpolated between ⌊p⌋ and
 * ⌊p⌋ + 1 agents (serviceForStaffing at each end; an unbounded ASA stays unbounded unless p is whole).
 */
export function serviceWithAgentsOnShift(plan: StaffingPlan, agentsOnShift: readonly number[]): { serviceLevel: number; asaSeconds: number; abandonFraction: number }[] {
  const productive = agentsOnShift.map((a) => productiveAgents(a, plan.settings.shrinkageFraction))
  const forecasts = plan.intervals.map((i) => ({ volume: i.volume, ahtSeconds: i.ahtSeconds }))
  const settings = { intervalMinutes: plan.intervalMinutes, model: plan.model, targets: plan.targets }
  const low = serviceForStaffing(forecasts, productive.map(Math.floor), settings)
  const high = serviceForStaffing(forecasts, productive.map((p) => Math.floor(p) + 1), settings)
  return productive.map((p, i) => {
    const f = p - Math.floor(p)
    const mix = (a: number, b: number) => (f === 0 ? a : !Number.isFinite(a) || !Number.isFinite(b) ? Infinity : (1 - f) * a + f * b)
    return { serviceLevel: mix(low[i].serviceLevel, high[i].serviceLevel), asaSeconds: mix(low[i].asaSeconds, high[i].asaSeconds), abandonFraction: mix(low[i].abandonFraction, high[i].abandonFraction) }
  })
}

/**
 * The plan of a set of inputs (a baseline's or a scenario's): staffingPlan on the frozen forecast and settings, then
 * the coverage (a headcount's, else the schedule's) and the service with it.
 * @throws RangeError naming the settings' problems or the interval whose load cannot be staffed
 */
export function computePlan(inputs: PlanInputs | ScenarioInputs, { name }: { name: string }): ComputedPlan {
  const staffing = staffingPlan(forecastOfInputs(inputs), inputs.settings, { queueName: inputs.queueName })
  const headcount = 'headcount' in inputs ? inputs.headcount : null
  let coverage: FrozenCoverage | null = inputs.coverage
  if (headcount) {
    const agents = coverageForHeadcount(headcount, {
      intervalMinutes: inputs.intervalMinutes, hoursPerFte: inputs.settings.hoursPerFte, dateKeys: staffing.intervals.map((i) => i.dateKey),
      volumes: staffing.intervals.map((i) => i.volume), scheduledExact: staffing.intervals.map((i) => i.agentsScheduledExact),
    })
    coverage = { source: headcount.kind === 'perInterval' ? `${headcount.agents} agents on shift per interval with volume` : `${headcount.fte} FTE a day`, agentsPerInterval: agents }
  }
  const service = coverage ? serviceWithAgentsOnShift(staffing, coverage.agentsPerInterval) : null
  const intervals = staffing.intervals.map((i, k): PlanIntervalFigures => ({
    startMs: i.startMs, dateKey: i.dateKey, volume: i.volume, ahtSeconds: i.ahtSeconds, workloadErlangs: i.workloadErlangs,
    agentsRequired: i.agentsRequired, agentsScheduledExact: i.agentsScheduledExact, agentsScheduled: i.agentsScheduled,
    expectedServiceLevel: i.expectedServiceLevel, expectedAsaSeconds: i.expectedAsaSeconds, expectedAbandonFraction: i.expectedAbandonFraction,
    expectedOccupancy: i.expectedOccupancy, slaMissProbability: i.slaMissProbability,
    coverageAgents: coverage ? coverage.agentsPerInterval[k] : null,
    serviceLevel: service ? service[k].serviceLevel : i.expectedServiceLevel,
    asaSeconds: service ? service[k].asaSeconds : i.expectedAsaSeconds,
    abandonFraction: service ? service[k].abandonFraction : i.expectedAbandonFraction,
  }))
  return { name, inputs, staffing, intervals, coverage }
}

/** Whether the queue is open in each interval, by the inputs' opening hours (a closed interval is never short). */
function withOpen<T extends { startMs: number }>(inputs: Pick<PlanInputs, 'openingHours' | 'timeZone'>, intervals: readonly T[]): (T & { open: boolean })[] {
  return intervals.map((i) => {
    const local = localParts(i.startMs, inputs.timeZone)
    const place = { dateKey: local.dateKey, isoWeekday: isoWeekdayOfDateKey(local.dateKey), minuteOfDay: local.hour * 60 + local.minute }
    return { ...i, open: isOpenAt(inputs.openingHours, place) }
  })
}

/** The comparison's view of a computed plan. */
export function comparableOf(plan: ComputedPlan): ComparablePlan {
  const { inputs } = plan
  return { name: plan.name, intervalMinutes: inputs.intervalMinutes, hoursPerFte: inputs.settings.hoursPerFte, costPerHour: inputs.costPerHour, fromDateKey: inputs.fromDateKey, toDateKey: inputs.toDateKey, intervals: withOpen(inputs, plan.intervals) }
}

/** The comparison's view of a baseline's frozen plan (nothing is recomputed). */
export function comparableOfBaseline(baseline: BaselineRecord): ComparablePlan {
  const { inputs } = baseline
  return { name: `${baseline.name} v${baseline.version}`, intervalMinutes: inputs.intervalMinutes, hoursPerFte: inputs.settings.hoursPerFte, costPerHour: inputs.costPerHour, fromDateKey: inputs.fromDateKey, toDateKey: inputs.toDateKey, intervals: withOpen(inputs, baseline.outputs) }
}

/**
 * A scenario recomputed from its baseline's frozen inputs (the target: under 1 s for four weeks of 30-minute
 * intervals of one queue, see src/bench/scenarios.bench.ts).
 * @throws RangeError listing the overrides' problems, or from the staffing engine
 */
export function recomputeScenario(baseline: Pick<BaselineRecord, 'inputs'>, overrides: ScenarioOverrides, name: string): ComputedPlan {
  return computePlan(applyScenario(baseline.inputs, overrides), { name })
}

/** The baseline's frozen plan and each scenario side by side per day and week (see src/scenarios/compare.ts). */
export function compareWithBaseline(baseline: BaselineRecord, plans: readonly ComputedPlan[]): PlanComparison {
  return comparePlans(comparableOfBaseline(baseline), plans.map(comparableOf))
}

/**
 * A sweep of one input over a range, each value planned as the scenario with that input changed; a value whose
 * plan cannot be made (a load too high to staff) is kept as a point without figures and its reason.
 * @throws RangeError listing the spec's problems
 */
export async function sweepScenario(
  baseline: Pick<BaselineRecord, 'inputs'>, overrides: ScenarioOverrides, spec: SweepSpec, onProgress?: (done: number, total: number) => void,
): Promise<SweepCurve> {
  const values = sweepValues(spec)
  const points: SweepPoint[] = []
  for (const [k, value] of values.entries()) {
    try {
      const plan = recomputeScenario(baseline, sweepOverrides(overrides, spec.input, value), String(value))
      const comparable = comparableOf(plan)
      const days = comparePlans(comparable, []).days.length
      points.push({ value, figures: periodFigures(comparable.intervals, days, comparable) })
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof TypeError)) throw error
      points.push({ value, figures: null, error: error.message })
    }
    onProgress?.(k + 1, values.length)
    // Let the server answer other requests (progress polls) between points.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return sweepCurve(spec.input, points)
}

export interface FreezeOptions {
  fromDateKey: string
  toDateKey: string
  costPerHour: number
  /** Forecast in a worker thread (web requests). */
  inWorker?: boolean
  onProgress?: (fraction: number, message: string) => void
}

export interface FrozenPlan {
  inputs: PlanInputs
  plan: ComputedPlan
  /** What was used and what was left out (e.g. a schedule that does not cover the days). */
  notes: string[]
}

function frozenEventOf(event: CalendarEvent, value: number): FrozenEvent {
  return {
    id: String(event.id), name: event.name, type: event.type, startUtcMs: event.startUtcMs, endUtcMs: event.endUtcMs, timeZone: event.timeZone,
    kind: event.effect.kind, value, shape: { ...event.shape },
  }
}

/** The published forecast's intervals for the days, when it covers every one of them (else null). */
async function publishedForecastFor(db: Db, queue: Queue, starts: readonly number[], intervalMinutes: number) {
  const snapshot = await latestPublishedSnapshot(db, queue.id)
  if (!snapshot || snapshot.intervalMinutes !== intervalMinutes) return null
  const rows = await snapshotRowsFor(db, snapshot, starts)
  return rows ? { snapshot, rows } : null
}

/**
 * The plan in force of a queue for a range of local dates, frozen (see the module doc).
 * @throws RangeError for a bad range, a queue without history, or a plan that cannot be made with the saved settings
 */
export async function freezePlanInForce(db: Db, queue: Queue, options: FreezeOptions): Promise<FrozenPlan> {
  assertPlanRange(options.fromDateKey, options.toDateKey)
  if (!(Number.isFinite(options.costPerHour) && options.costPerHour >= 0)) throw new RangeError(`Cost per hour must be a number of at least 0, got ${options.costPerHour}`)
  const report = options.onProgress ?? (() => {})
  const notes: string[] = []
  const saved = await findStaffingSettings(db, queue.id)
  const settings: StaffingSettings = saved ? { ...saved } : { ...DEFAULT_STAFFING_SETTINGS }
  notes.push(saved ? 'staffing settings: saved for the queue' : 'staffing settings: the defaults (none saved for the queue)')
  const intervalMinutes = eventIntervalMinutes(queue)
  const starts = intervalsBetweenDates(options.fromDateKey, options.toDateKey, queue.timeZone, intervalMinutes)
  const rangeFromMs = startOfLocalDayUtcMs(options.fromDateKey, queue.timeZone)
  const rangeToMs = startOfLocalDayUtcMs(nextDateKey(options.toDateKey), queue.timeZone)

  let base: BaselineInterval[]
  let forecastSource: string
  let volumeModel: string
  let aht: AhtSource
  let events: FrozenEvent[]
  report(0.05, 'looking for the published forecast')
  const published = await publishedForecastFor(db, queue, starts, intervalMinutes)
  if (published) {
    const { snapshot, rows } = published
    forecastSource = `published forecast #${snapshot.id} '${snapshot.name}'`
    volumeModel = snapshot.model
    aht = snapshot.ahtModel ? { kind: 'forecast', model: snapshot.ahtModel } : { kind: 'constant', seconds: rows[0].ahtMeanSeconds, reason: 'the history of this queue has no handle times (volume only)' }
    base = rows.map((r) => ({
      startMs: r.intervalStartMs, baseVolume: r.mean, baseLo80: r.lo80, baseHi80: r.hi80, baseLo95: r.lo95, baseHi95: r.hi95,
      volume: r.mean, volumeLo80: r.lo80, volumeHi80: r.hi80, volumeLo95: r.lo95, volumeHi95: r.hi95, ahtSeconds: r.ahtMeanSeconds,
    }))
    report(0.4, 'learning the uplift of events from the history')
    const analysis = await analyseQueueHistory(db, queue)
    const calendar = await queueCalendar(db, queue, rangeFromMs, rangeToMs)
    events = calendar.all
      .filter((e) => effectWindow(e).toUtcMs > rangeFromMs && effectWindow(e).fromUtcMs < rangeToMs)
      .flatMap((e) => { const v = effectValueOf(e, analysis?.uplift ?? []); return v === null ? [] : [frozenEventOf(e, v)] })
  } else {
    notes.push('forecast: no published forecast covers these days, so one was made now from the history')
    const forecast = await forecastQueueWithEvents(db, queue, {
      fromDateKey: options.fromDateKey, toDateKey: options.toDateKey, inWorker: options.inWorker,
      onProgress: (p) => report(0.05 + 0.8 * (p.total ? p.done / p.total : 0), p.message),
    })
    const b = forecast.base
    forecastSource = `forecast made at freeze time (${b.volume.model})`
    volumeModel = b.volume.model
    aht = b.aht ? { kind: 'forecast', model: b.aht.model } : { kind: 'constant', seconds: b.fallbackAhtSeconds, reason: 'the history of this queue has no handle times (volume only)' }
    base = b.intervals.map((i) => ({
      startMs: i.startMs, baseVolume: i.volume, baseLo80: i.volumeLo80, baseHi80: i.volumeHi80, baseLo95: i.volumeLo95, baseHi95: i.volumeHi95,
      volume: i.volume, volumeLo80: i.volumeLo80, volumeHi80: i.volumeHi80, volumeLo95: i.volumeLo95, volumeHi95: i.volumeHi95, ahtSeconds: i.ahtSeconds,
    }))
    const firstMs = base[0]?.startMs ?? rangeFromMs
    events = forecast.calendar.all
      .filter((e) => effectWindow(e).toUtcMs > firstMs && effectWindow(e).fromUtcMs < rangeToMs)
      .flatMap((e) => { const v = forecast.appliedValues.get(e.id) ?? null; return v === null ? [] : [frozenEventOf(e, v)] })
    notes.push(...forecast.warnings)
  }
  if (!base.length) throw new RangeError(`no forecast intervals for ${options.fromDateKey} to ${options.toDateKey}: plan days after the history of '${queue.name}'`)
  const intervals = intervalsWithEvents(base, events, intervalMinutes, queue.timeZone)
  notes.push(events.length ? `events applied: ${events.map((e) => e.name).join(', ')}` : 'no events in these days')

  report(0.9, 'reading the published schedule')
  let coverage: FrozenCoverage | null = null
  let planSettings = settings
  // The published schedule in force on every date of the range (src/scheduling/publishedInForce.ts), if one is.
  const inForce = await publishedSchedulesInForceBetween(db, queue.id, options.fromDateKey, options.toDateKey)
  const schedule = inForce.length === 1 ? inForce[0] : null
  if (schedule) {
    const r = schedule.record
    const snapshotByStart = new Map(r.snapshot.intervals.map((i) => [i.startMs, i]))
    const byStart = new Map(schedule.coverage.rows.map((row) => [row.startMs, row.agentsScheduled]))
    const covers = schedule.coverage.intervalMinutes === intervalMinutes && options.fromDateKey >= r.fromDateKey && options.toDateKey <= r.toDateKey && schedule.inForce.superseded.every((d) => d.toDateKey < options.fromDateKey || d.fromDateKey > options.toDateKey)
    if (covers) {
      // The plan in force on these days is the published schedule's: the forecast and settings it was made for
      // (so the need is the one the schedule page shows) and the heads of its assigned shifts.
      coverage = { source: `published schedule #${r.id} (${r.fromDateKey} to ${r.toDateKey}), its assigned shifts`, agentsPerInterval: intervals.map((i) => byStart.get(i.startMs) ?? 0) }
      for (const interval of intervals) {
        const made = snapshotByStart.get(interval.startMs)
        if (!made) continue
        interval.volume = made.volume
        interval.ahtSeconds = made.ahtSeconds
        if (made.volumeHi80 !== undefined) interval.volumeHi80 = made.volumeHi80
        if (made.volumeHi95 !== undefined) interval.volumeHi95 = made.volumeHi95
      }
      if (r.snapshot.settings) planSettings = { ...r.snapshot.settings }
      notes.push(`forecast and staffing settings: those published schedule #${r.id} was made for, where it has the interval`)
    } else notes.push(`the published schedule #${r.id} (${r.fromDateKey} to ${r.toDateKey}) does not cover these days, so the baseline has no schedule`)
  } else if (inForce.length > 1) notes.push(`these days fall under ${inForce.length} published schedules (${inForce.map((p) => `#${p.record.id} ${p.record.fromDateKey} to ${p.record.toDateKey}`).join('; ')}), so the baseline has no schedule: choose the days of one`)
  else notes.push('no published schedule: agents scheduled are the requirement after shrinkage')

  const inputs: PlanInputs = {
    queueId: queue.id, queueName: queue.name, timeZone: queue.timeZone, intervalMinutes, fromDateKey: options.fromDateKey, toDateKey: options.toDateKey,
    forecastSource, volumeModel, aht, intervals, events, settings: planSettings, costPerHour: options.costPerHour,
    openingHours: openingHoursOf(queue).map((d) => (d ? { ...d } : null)), coverage,
    // The calendar per date frozen with the rest: closed or shortened dates have no need there (staffingPlan).
    dateHours: await queueDateHoursBetween(db, queue, options.fromDateKey, options.toDateKey),
  }
  report(0.95, 'computing the plan')
  const plan = computePlan(inputs, { name: 'baseline' })
  report(1, 'done')
  return { inputs, plan, notes }
}

/** Freezes the plan in force and stores it as the next version of `name`. */
export async function createBaseline(db: Db, queue: Queue, options: FreezeOptions & { name: string; createdBy?: string }): Promise<{ baseline: BaselineRecord; notes: string[] }> {
  const frozen = await freezePlanInForce(db, queue, options)
  const baseline = await insertBaseline(db, { name: options.name, createdBy: options.createdBy, inputs: frozen.inputs, outputs: frozen.plan.intervals })
  return { baseline, notes: frozen.notes }
}

/**
 * Promotes a scenario to the new plan: its inputs with the overrides applied (and a headcount's coverage as the
 * coverage) are stored as the next version of its baseline's name, with the plan computed from them. The older
 * versions and the scenario stay as they were.
 * @throws ScenarioStoreError when the scenario or its baseline is gone; RangeError when its plan cannot be made
 */
export async function promoteScenario(db: Db, scenarioId: number, options: { createdBy?: string } = {}): Promise<{ baseline: BaselineRecord; scenario: ScenarioRecord }> {
  const scenario = await findScenario(db, scenarioId)
  if (!scenario) throw new ScenarioStoreError(`this scenario no longer exists (id ${scenarioId})`)
  const source = await findBaseline(db, scenario.baselineId)
  if (!source) throw new ScenarioStoreError(`the baseline of '${scenario.name}' no longer exists`)
  const plan = recomputeScenario(source, scenario.overrides, scenario.name)
  const { headcount: _headcount, ...inputs } = plan.inputs as ScenarioInputs
  const promoted: PlanInputs = {
    ...inputs,
    forecastSource: `${source.inputs.forecastSource}, changed by scenario '${scenario.name}'`,
    coverage: plan.coverage ? { source: plan.coverage.source, agentsPerInterval: [...plan.coverage.agentsPerInterval] } : null,
  }
  const baseline = await insertBaseline(db, { name: source.name, createdBy: options.createdBy, promotedFromScenarioId: scenario.id, inputs: promoted, outputs: plan.intervals })
  return { baseline, scenario }
}

/** How long one scenario plan, or a whole sweep, may take in the worker. */
export const SCENARIO_TIME_LIMIT_MS = 30_000
export const SWEEP_TIME_LIMIT_MS = 120_000

/**
 * recomputeScenario in a worker thread with a time limit (web requests): a 62-day baseline with the chat model
 * takes seconds. @throws RangeError with the plan's problem, or when the time limit is hit
 */
export async function recomputeScenarioInWorker(baseline: Pick<BaselineRecord, 'inputs'>, overrides: ScenarioOverrides, name: string): Promise<ComputedPlan> {
  try {
    return await runInWorker<ComputedPlan>({ moduleUrl: import.meta.url, exportName: 'recomputeScenario', args: [{ inputs: baseline.inputs }, overrides, name] },
      { timeLimitMs: SCENARIO_TIME_LIMIT_MS, what: 'the scenario plan', advice: 'Use a shorter baseline or fewer changes, then try again.' })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
}

/** sweepScenario in a worker thread with a time limit, its progress reported here. */
export async function sweepScenarioInWorker(baseline: Pick<BaselineRecord, 'inputs'>, overrides: ScenarioOverrides, spec: SweepSpec, onProgress?: (done: number, total: number) => void): Promise<SweepCurve> {
  try {
    return await runInWorker<SweepCurve>({ moduleUrl: import.meta.url, exportName: 'sweepScenario', args: [{ inputs: baseline.inputs }, overrides, spec] },
      { timeLimitMs: SWEEP_TIME_LIMIT_MS, what: 'the sweep', advice: 'Draw fewer points, then try again.', onProgress: onProgress as never })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
}
