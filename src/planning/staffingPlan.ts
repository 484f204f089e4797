/**
 * The staffing plan of a queue: its forecast (volume with 80%/95% bounds, AHT) × the queue's staffing settings →
 * per interval the workload, agents required for the targets, agents scheduled through shrinkage, the service
 * expected and the chance of missing the SLA; per local day the agent-hours and FTE. Also the pieces the staffing
 * page shows around it: the explanation of one interval, the chat shortcuts beside the exact chain, a seeded
 * simulation check of one day, and the CSV export. Used by the staffing page and `chatplan plan`.
 *
 * Forecast bounds → quantiles: the forecast gives two-sided central intervals, so the upper bound of the 80%
 * interval is the 0.9 quantile and that of the 95% interval the 0.975 quantile. Only the upper quantiles are used
 * to fit the volume's spread: the upper tail is what makes an interval miss its SLA, and lower bounds are
 * often cut at zero.
 */
import { isSaneDateKey, MAX_YEAR, MIN_YEAR } from '../schemas/queryParams.ts'
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listAgentContactSpans } from '../db/staffingSettings.ts'
import {
  agentHours, dividedAhtShortcut, explainRequirement, fteFromAgentHours, measureConcurrency, requirementForIntervals,
  serviceAtAgents, simulateDay, slotsAtFullConcurrencyShortcut,
} from '../staffing/index.ts'
import type {
  ConcurrencyMeasurement, DaySimulationResult, IntervalForecast, RequirementExplanation, ServiceMeasures, StaffingModel,
  StaffingTargets, TargetName,
} from '../staffing/index.ts'
import { formatLocalIso, localParts, nextDateKey } from '../time/zones.ts'
import { csvTable, csvTime, type CsvUnit } from '../format/csv.ts'
import { staffingSettingsBoundProblems } from '../schemas/staffingSettings.ts'
import { forecastQueue, type QueueForecast, type QueueForecastOptions } from './queueForecast.ts'
import { dateClosing, type DateOpeningHours } from '../scheduling/dateOpeningHours.ts'

export type StaffingModelKind = 'erlang_c' | 'erlang_a' | 'chat'

/** A queue's staffing settings. Fractions are 0–1, durations in seconds; a null target is not applied. */
export interface StaffingSettings {
  serviceLevelTarget: number | null
  answerWithinSeconds: number | null
  asaTargetSeconds: number | null
  /** Erlang A only (the other models have no abandonment); kept but not applied for them. */
  maxAbandonFraction: number | null
  maxOccupancy: number | null
  modelKind: StaffingModelKind
  /** Erlang A: mean patience before abandoning. */
  meanPatienceSeconds: number | null
  /** Chat: k, chats an agent holds at once. */
  maxConcurrency: number | null
  /** Chat: α, each extra chat held slows every chat by this fraction of AHT₁. */
  slowdownAlpha: number | null
  shrinkageFraction: number
  /** Paid hours of one FTE per day. */
  hoursPerFte: number
  /** Staff at this forecast quantile (0.8 = P80); null staffs at the mean. */
  staffAtQuantile: number | null
  /** One AHT for every interval instead of the forecast's (e.g. where the history has no handle times). */
  ahtOverrideSeconds: number | null
}

/** 80% answered within 60 s, Erlang C, 30% shrinkage, 8-hour FTE days, staffed at the mean forecast. */
export const DEFAULT_STAFFING_SETTINGS: Readonly<StaffingSettings> = Object.freeze({
  serviceLevelTarget: 0.8,
  answerWithinSeconds: 60,
  asaTargetSeconds: null,
  maxAbandonFraction: null,
  maxOccupancy: null,
  modelKind: 'erlang_c',
  meanPatienceSeconds: null,
  maxConcurrency: null,
  slowdownAlpha: null,
  shrinkageFraction: 0.3,
  hoursPerFte: 8,
  staffAtQuantile: null,
  ahtOverrideSeconds: null,
})

/** The quantile levels the page offers to staff at. */
export const STAFF_AT_QUANTILES = [0.8, 0.9, 0.95] as const

/** The most agents one queue's interval is searched up to: above it the load is reported as too high. */
export const MAX_AGENTS_PER_INTERVAL = 20_000

/** Upper bounds of the two-sided 80% and 95% forecast intervals are these one-sided quantiles. */
export const UPPER_QUANTILE_OF_80 = 0.9
export const UPPER_QUANTILE_OF_95 = 0.975

export interface SettingsProblem { field: keyof StaffingSettings; message: string }

const percent = (fraction: number) => `${Math.round(fraction * 1e6) / 1e4}%`
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/**
 * Every problem of a set of settings, each naming its field, in the words the page shows (fractions as percent).
 * Empty when the settings can be planned with.
 */
export function validateStaffingSettings(settings: StaffingSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = []
  const add = (field: keyof StaffingSettings, message: string) => problems.push({ field, message })
  const s = settings
  const finite = (field: keyof StaffingSettings, label: string): boolean => {
    const value = s[field]
    if (value === null) return false
    if (!isFiniteNumber(value)) { add(field, `${label} must be a number, got ${String(value)}`); return false }
    return true
  }
  if (finite('serviceLevelTarget', 'Service level target')) {
    if (s.serviceLevelTarget! > 1) add('serviceLevelTarget', `Service level target cannot be over 100%, got ${percent(s.serviceLevelTarget!)}`)
    else if (s.serviceLevelTarget! <= 0) add('serviceLevelTarget', `Service level target must be more than 0%, got ${percent(s.serviceLevelTarget!)}`)
    if (s.answerWithinSeconds === null) add('answerWithinSeconds', 'Threshold (answered within seconds) is required with a service level target')
  }
  if (finite('answerWithinSeconds', 'Threshold') && s.answerWithinSeconds! < 0) add('answerWithinSeconds', `Threshold cannot be negative, got ${s.answerWithinSeconds} s`)
  if (finite('asaTargetSeconds', 'ASA target') && s.asaTargetSeconds! <= 0) add('asaTargetSeconds', `ASA target must be more than 0 seconds, got ${s.asaTargetSeconds} s`)
  if (finite('maxOccupancy', 'Maximum occupancy') && !(s.maxOccupancy! > 0 && s.maxOccupancy! <= 1)) add('maxOccupancy', `Maximum occupancy must be more than 0% and at most 100%, got ${percent(s.maxOccupancy!)}`)
  if (finite('maxAbandonFraction', 'Maximum abandonment') && !(s.maxAbandonFraction! > 0 && s.maxAbandonFraction! <= 1)) add('maxAbandonFraction', `Maximum abandonment must be more than 0% and at most 100%, got ${percent(s.maxAbandonFraction!)}`)
  const applied = [s.serviceLevelTarget, s.asaTargetSeconds, s.maxOccupancy, s.modelKind === 'erlang_a' ? s.maxAbandonFraction : null]
  if (applied.every((v) => v === null)) add('serviceLevelTarget', 'Set at least one target: service level, ASA or maximum occupancy' + (s.modelKind === 'erlang_a' ? ' (or maximum abandonment)' : ''))
  if (!['erlang_c', 'erlang_a', 'chat'].includes(s.modelKind)) add('modelKind', `Model must be Erlang C, Erlang A or chat concurrency, got ${String(s.modelKind)}`)
  if (s.modelKind === 'erlang_a') {
    if (s.meanPatienceSeconds === null) add('meanPatienceSeconds', 'Mean patience is required for Erlang A')
    else if (finite('meanPatienceSeconds', 'Mean patience') && s.meanPatienceSeconds! <= 0) add('meanPatienceSeconds', `Mean patience must be more than 0 seconds, got ${s.meanPatienceSeconds} s`)
  }
  if (s.modelKind === 'chat') {
    if (s.maxConcurrency === null) add('maxConcurrency', 'Chats per agent (k) is required for the chat model')
    if (s.slowdownAlpha === null) add('slowdownAlpha', 'Slowdown α is required for the chat model (0 for none)')
    else if (finite('slowdownAlpha', 'Slowdown α') && s.slowdownAlpha! < 0) add('slowdownAlpha', `Slowdown α cannot be negative, got ${s.slowdownAlpha}`)
  }
  if (!isFiniteNumber(s.shrinkageFraction)) add('shrinkageFraction', `Shrinkage must be a number, got ${String(s.shrinkageFraction)}`)
  else if (!(s.shrinkageFraction >= 0 && s.shrinkageFraction < 1)) add('shrinkageFraction', `Shrinkage must be at least 0% and below 100%, got ${percent(s.shrinkageFraction)}`)
  if (!isFiniteNumber(s.hoursPerFte)) add('hoursPerFte', `Hours per FTE must be a number, got ${String(s.hoursPerFte)}`)
  else if (!(s.hoursPerFte > 0 && s.hoursPerFte <= 24)) add('hoursPerFte', `Hours per FTE (per day) must be more than 0 and at most 24, got ${s.hoursPerFte}`)
  if (finite('staffAtQuantile', 'Staff-at quantile') && !(s.staffAtQuantile! > 0.5 && s.staffAtQuantile! < 1)) add('staffAtQuantile', `Staff at a quantile between 50% and 100% (e.g. P80), got P${Math.round(s.staffAtQuantile! * 100)}`)
  if (finite('ahtOverrideSeconds', 'AHT override') && s.ahtOverrideSeconds! <= 0) add('ahtOverrideSeconds', `AHT override must be more than 0 seconds, got ${s.ahtOverrideSeconds} s`)
  // The documented bounds of every figure (src/schemas): a million chats per agent is a typo, and would make the plan run for minutes.
  for (const bound of staffingSettingsBoundProblems(s)) if (!problems.some((p) => p.field === bound.field)) problems.push(bound as SettingsProblem)
  return problems
}

/** @throws RangeError listing every problem of the settings */
export function assertValidStaffingSettings(settings: StaffingSettings): void {
  const problems = validateStaffingSettings(settings)
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('; '))
}

/** The engine's queueing model for the settings (validate them first). */
export function staffingModelOf(settings: StaffingSettings): StaffingModel {
  if (settings.modelKind === 'erlang_a') return { kind: 'erlang_a', meanPatienceSeconds: settings.meanPatienceSeconds! }
  if (settings.modelKind === 'chat') return { kind: 'chat', maxConcurrency: settings.maxConcurrency!, slowdownAlpha: settings.slowdownAlpha! }
  return { kind: 'erlang_c' }
}

/** The engine's targets for the settings: maximum abandonment applies to Erlang A only. */
export function staffingTargetsOf(settings: StaffingSettings): StaffingTargets {
  return {
    serviceLevelTarget: settings.serviceLevelTarget,
    answerWithinSeconds: settings.answerWithinSeconds,
    asaTargetSeconds: settings.asaTargetSeconds,
    maxOccupancy: settings.maxOccupancy,
    maxAbandonFraction: settings.modelKind === 'erlang_a' ? settings.maxAbandonFraction : null,
  }
}

/** Where the plan's AHT comes from. */
export type AhtSource =
  | { kind: 'forecast'; model: string }
  /** The history has no handle times: one constant for every interval. */
  | { kind: 'constant'; seconds: number; reason: string }
  | { kind: 'override'; seconds: number }

export interface PlanInterval {
  startMs: number
  /** Local date of the interval start, YYYY-MM-DD. */
  dateKey: string
  /** Forecast mean volume (contacts in the interval). */
  volume: number
  /** 0.9 quantile: the upper bound of the forecast's 80% interval. */
  volumeP90: number
  /** 0.975 quantile: the upper bound of the forecast's 95% interval. */
  volumeP975: number
  ahtSeconds: number
  /** The volume staffed for: the mean, or the chosen quantile. */
  staffedVolume: number
  workloadErlangs: number
  agentsRequired: number
  /** required / (1 − shrinkage), unrounded: day totals add these. */
  agentsScheduledExact: number
  agentsScheduled: number
  /** At the mean volume with agentsRequired. */
  expectedServiceLevel: number
  expectedAsaSeconds: number
  expectedAbandonFraction: number
  expectedOccupancy: number
  /** P(at least one target missed) given the forecast's spread. */
  slaMissProbability: number | null
  bindingConstraints: TargetName[]
}

export interface PlanTotals {
  intervals: number
  volume: number
  workloadErlangHours: number
  requiredAgentHours: number
  /** From the fractional scheduled agents, summed before any rounding. */
  scheduledAgentHours: number
  /** scheduledAgentHours / hoursPerFte. */
  fte: number
  /** From the whole agents per interval (each interval rounded up, as the table, CSV, API and `chatplan plan` show them). */
  scheduledWholeAgentHours: number
  peakAgentsRequired: number
  peakAgentsScheduled: number
  /** Volume-weighted over the intervals (null without volume). */
  expectedServiceLevel: number | null
  expectedAsaSeconds: number | null
}

export interface PlanDay extends PlanTotals {
  dateKey: string
  /** The date's own hours when the calendar per date closes or shortens it (a public holiday, a date set by hand). */
  calendar?: DateOpeningHours
}

export interface StaffingPlan {
  queueName: string
  timeZone: string
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  settings: StaffingSettings
  model: StaffingModel
  targets: StaffingTargets
  aht: AhtSource
  volumeModel: string
  intervals: PlanInterval[]
  days: PlanDay[]
  /** The dates of the range with their own hours (closed or shortened): no need outside them. Absent: weekday hours only. */
  dateHours?: DateOpeningHours[]
  /** Over the whole range; `fte` is the total agent-hours over hoursPerFte (FTE-days). */
  totals: PlanTotals
}

function ahtSourceOf(forecast: QueueForecast, settings: StaffingSettings): AhtSource {
  if (settings.ahtOverrideSeconds !== null) return { kind: 'override', seconds: settings.ahtOverrideSeconds }
  if (forecast.aht) return { kind: 'forecast', model: forecast.aht.model }
  return { kind: 'constant', seconds: forecast.fallbackAhtSeconds, reason: 'the history of this queue has no handle times (volume only)' }
}

/** The forecast of one interval as the engine takes it: the mean and the upper one-sided quantiles. */
function engineForecastOf(interval: QueueForecast['intervals'][number], ahtSeconds: number): IntervalForecast {
  const volume = interval.volume
  return {
    volume,
    ahtSeconds,
    volumeQuantiles: [
      { probability: UPPER_QUANTILE_OF_80, volume: Math.max(volume, interval.volumeHi80) },
      { probability: UPPER_QUANTILE_OF_95, volume: Math.max(volume, interval.volumeHi95) },
    ],
  }
}

/** "1999-11-01 10:00" local wall-clock time of an interval start. */
export function localLabel(startMs: number, timeZone: string): string {
  return formatLocalIso(startMs, timeZone).slice(0, 16).replace('T', ' ')
}

/** Rewrites the engine's "intervals[i]: …" into the interval's local time, and says plainly when a load is too high. */
function intervalError(error: unknown, starts: readonly number[], timeZone: string): unknown {
  if (!(error instanceof RangeError || error instanceof TypeError)) return error
  const match = /^intervals\[(\d+)\]: (.*)$/s.exec(error.message)
  if (!match) return error
  const where = `${localLabel(starts[Number(match[1])], timeZone)} (${timeZone})`
  const detail = /no staffing level up to maxAgents/.test(match[2])
    ? `the load is too high to staff: ${match[2]}. Check the AHT (override) and the targets.`
    : match[2]
  return new RangeError(`${where}: ${detail}`)
}

/**
 * The plan for a forecast and settings.
 * @throws RangeError listing the settings' problems, or naming the interval (local time) whose load cannot be staffed
 */
export function staffingPlan(forecast: QueueForecast, settings: StaffingSettings, { queueName }: { queueName: string }): StaffingPlan {
  assertValidStaffingSettings(settings)
  const model = staffingModelOf(settings)
  const targets = staffingTargetsOf(settings)
  const aht = ahtSourceOf(forecast, settings)
  const starts = forecast.intervals.map((i) => i.startMs)
  // The calendar per date, applied here once for every page, export, API answer and command: an interval that its
  // date's own hours close (a holiday, a date closed or shortened by hand) has no contacts to staff, so no need.
  const byDate = new Map((forecast.dateHours ?? []).filter((d) => d.dateKey >= forecast.fromDateKey && d.dateKey <= forecast.toDateKey).map((d) => [d.dateKey, d]))
  const closing = forecast.intervals.map((i) => {
    if (!byDate.size) return null
    const at = localParts(i.startMs, forecast.timeZone)
    return dateClosing(at.dateKey, at.minuteOfDay, forecast.intervalMinutes, byDate)
  })
  const engineInput = forecast.intervals.map((i, k) => engineForecastOf(closing[k] ? CLOSED_INTERVAL : i, settings.ahtOverrideSeconds ?? i.ahtSeconds))
  let rows
  try {
    rows = requirementForIntervals(engineInput, {
      intervalMinutes: forecast.intervalMinutes,
      model,
      targets,
      shrinkageFraction: settings.shrinkageFraction,
      staffAt: settings.staffAtQuantile ?? 'mean',
      maxAgents: MAX_AGENTS_PER_INTERVAL,
    })
  } catch (error) {
    throw intervalError(error, starts, forecast.timeZone)
  }
  const intervals: PlanInterval[] = rows.map((r, i) => ({
    startMs: starts[i],
    dateKey: localParts(starts[i], forecast.timeZone).dateKey,
    volume: r.volume,
    volumeP90: engineInput[i].volumeQuantiles![0].volume,
    volumeP975: engineInput[i].volumeQuantiles![1].volume,
    ahtSeconds: r.ahtSeconds,
    staffedVolume: r.staffedVolume,
    workloadErlangs: r.workloadErlangs,
    agentsRequired: r.agentsRequired,
    agentsScheduledExact: r.agentsScheduledExact,
    agentsScheduled: r.agentsScheduled,
    expectedServiceLevel: r.expectedServiceLevel,
    expectedAsaSeconds: r.expectedAsaSeconds,
    expectedAbandonFraction: r.expectedAbandonFraction,
    expectedOccupancy: r.expectedOccupancy,
    slaMissProbability: r.slaMissProbability,
    bindingConstraints: r.bindingConstraints,
  }))
  const dayKeys = [...new Set(intervals.map((i) => i.dateKey))]
  const days = dayKeys.map((dateKey): PlanDay => ({
    dateKey, ...planTotals(intervals.filter((i) => i.dateKey === dateKey), forecast.intervalMinutes, settings.hoursPerFte),
    ...(byDate.has(dateKey) ? { calendar: { ...byDate.get(dateKey)! } } : {}),
  }))
  return {
    queueName,
    timeZone: forecast.timeZone,
    intervalMinutes: forecast.intervalMinutes,
    fromDateKey: forecast.fromDateKey,
    toDateKey: forecast.toDateKey,
    settings: { ...settings },
    model,
    targets,
    aht,
    volumeModel: forecast.volume.model,
    intervals,
    days,
    totals: planTotals(intervals, forecast.intervalMinutes, settings.hoursPerFte),
    ...(byDate.size ? { dateHours: [...byDate.values()].sort((a, b) => (a.dateKey < b.dateKey ? -1 : 1)) } : {}),
  }
}

/** A forecast interval the calendar per date closes: nothing arrives, nothing to staff. */
const CLOSED_INTERVAL = { volume: 0, volumeHi80: 0, volumeHi95: 0 } as QueueForecast['intervals'][number]

/**
 * Totals of a set of intervals. Agent-hours add the fractional scheduled agents (required / (1 − shrinkage)) and
 * are divided by the hours per FTE once: nothing is rounded per interval before adding up.
 */
export function planTotals(intervals: readonly PlanInterval[], intervalMinutes: number, hoursPerFte: number): PlanTotals {
  const volume = intervals.reduce((s, i) => s + i.volume, 0)
  const scheduledAgentHours = agentHours(intervals.map((i) => i.agentsScheduledExact), intervalMinutes)
  const weighted = (f: (i: PlanInterval) => number) => (volume > 0 ? intervals.reduce((s, i) => s + i.volume * f(i), 0) / volume : null)
  return {
    intervals: intervals.length,
    volume,
    workloadErlangHours: agentHours(intervals.map((i) => i.workloadErlangs), intervalMinutes),
    requiredAgentHours: agentHours(intervals.map((i) => i.agentsRequired), intervalMinutes),
    scheduledAgentHours,
    fte: fteFromAgentHours(scheduledAgentHours, hoursPerFte),
    scheduledWholeAgentHours: agentHours(intervals.map((i) => i.agentsScheduled), intervalMinutes),
    peakAgentsRequired: intervals.reduce((m, i) => Math.max(m, i.agentsRequired), 0),
    peakAgentsScheduled: intervals.reduce((m, i) => Math.max(m, i.agentsScheduled), 0),
    expectedServiceLevel: weighted((i) => i.expectedServiceLevel),
    expectedAsaSeconds: weighted((i) => i.expectedAsaSeconds),
  }
}

function intervalAt(plan: StaffingPlan, startMs: number): PlanInterval {
  const interval = plan.intervals.find((i) => i.startMs === startMs)
  if (!interval) throw new RangeError(`no interval of the plan starts at ${startMs} (${Number.isFinite(startMs) ? localLabel(startMs, plan.timeZone) : 'not a time'})`)
  return interval
}

/** What the industry shortcuts say for one chat interval, and what their staffing really gives under the chain. */
export interface ShortcutRow {
  startMs: number
  /** The exact load-balanced chain. */
  chainAgents: number
  /** k slots per agent, each chat at AHT_k = AHT₁(1 + α(k − 1)); agents = ⌈slots / k⌉ (Erlang C). */
  slotsAgents: number
  /** Erlang C with AHT_k / k. */
  dividedAhtAgents: number
  /** Service level the chain predicts with each shortcut's agents (at the staffed volume). */
  slotsServiceLevel: number
  dividedAhtServiceLevel: number
  chainServiceLevel: number
}

export interface ShortcutComparison {
  rows: ShortcutRow[]
  /** Agent-hours required over the plan by each method. */
  chainAgentHours: number
  slotsAgentHours: number
  dividedAhtAgentHours: number
  /** The interval with the largest workload. */
  peak: ShortcutRow | null
}

function shortcutRow(plan: StaffingPlan, interval: PlanInterval): ShortcutRow {
  const model = plan.model as Extract<StaffingModel, { kind: 'chat' }>
  const intervalSeconds = plan.intervalMinutes * 60
  const inputs = { arrivalsPerSecond: interval.staffedVolume / intervalSeconds, ahtSingleChatSeconds: interval.ahtSeconds, maxConcurrency: model.maxConcurrency, slowdownAlpha: model.slowdownAlpha }
  const targets = { ...plan.targets, maxAbandonFraction: null }
  const options = { maxAgents: MAX_AGENTS_PER_INTERVAL * model.maxConcurrency }
  const slots = slotsAtFullConcurrencyShortcut(inputs, targets, options)
  const divided = dividedAhtShortcut(inputs, targets, options)
  const workload = { volume: interval.staffedVolume, ahtSeconds: interval.ahtSeconds, intervalSeconds }
  const threshold = plan.targets.answerWithinSeconds ?? 0
  const chainLevel = (agents: number) => serviceAtAgents(agents, workload, model, threshold).serviceLevel
  return {
    startMs: interval.startMs,
    chainAgents: interval.agentsRequired,
    slotsAgents: slots.agents,
    dividedAhtAgents: divided.agents,
    slotsServiceLevel: chainLevel(slots.agents),
    dividedAhtServiceLevel: chainLevel(divided.agents),
    chainServiceLevel: chainLevel(interval.agentsRequired),
  }
}

/** The chat shortcuts beside the exact chain for every interval of a chat plan; null for the other models. */
export function chatShortcutComparison(plan: StaffingPlan): ShortcutComparison | null {
  if (plan.model.kind !== 'chat') return null
  const rows = plan.intervals.map((i) => shortcutRow(plan, i))
  const hours = (f: (r: ShortcutRow) => number) => agentHours(rows.map(f), plan.intervalMinutes)
  let peakIndex = -1
  plan.intervals.forEach((i, index) => { if (i.workloadErlangs > 0 && (peakIndex < 0 || i.workloadErlangs > plan.intervals[peakIndex].workloadErlangs)) peakIndex = index })
  return {
    rows,
    chainAgentHours: hours((r) => r.chainAgents),
    slotsAgentHours: hours((r) => r.slotsAgents),
    dividedAhtAgentHours: hours((r) => r.dividedAhtAgents),
    peak: peakIndex < 0 ? null : rows[peakIndex],
  }
}

export interface PlanIntervalExplanation {
  interval: PlanInterval
  /** The quantile staffed at (null: the mean). */
  staffAtQuantile: number | null
  explanation: RequirementExplanation
  /** What one agent fewer would give, at the mean volume. */
  withOneFewerAtMean: ServiceMeasures | null
  shortcuts: ShortcutRow | null
}

/**
 * "Explain this interval": forecast volume (and the quantile staffed at) and AHT → workload → agents for the
 * targets with the model and binding constraint → shrinkage → scheduled.
 * @throws RangeError if no interval of the plan starts at startMs
 */
export function explainPlanInterval(plan: StaffingPlan, startMs: number): PlanIntervalExplanation {
  const interval = intervalAt(plan, startMs)
  const explanation = explainRequirement(
    { volume: interval.staffedVolume, ahtSeconds: interval.ahtSeconds },
    { intervalMinutes: plan.intervalMinutes, model: plan.model, targets: plan.targets, shrinkageFraction: plan.settings.shrinkageFraction, maxAgents: MAX_AGENTS_PER_INTERVAL },
  )
  const workload = { volume: interval.volume, ahtSeconds: interval.ahtSeconds, intervalSeconds: plan.intervalMinutes * 60 }
  return {
    interval,
    staffAtQuantile: plan.settings.staffAtQuantile,
    explanation,
    withOneFewerAtMean: interval.agentsRequired > 0 ? serviceAtAgents(interval.agentsRequired - 1, workload, plan.model, plan.targets.answerWithinSeconds ?? 0) : null,
    shortcuts: plan.model.kind === 'chat' ? shortcutRow(plan, interval) : null,
  }
}

export interface PlanDaySimulation {
  dateKey: string
  answerWithinSeconds: number
  /** The steady-state formulas' volume-weighted expectation for the day, to compare with the simulation. */
  expectedServiceLevel: number | null
  result: DaySimulationResult
}

/**
 * The simulation check of one day of the plan: seeded discrete-event runs with the forecast mean arrivals, the
 * agents required per interval (on chats, after shrinkage), the model's concurrency, slowdown and abandonment.
 * The day starts empty (no warm-up): the queue opens with nobody waiting.
 * @throws RangeError if the day is not in the plan
 */
export function simulatePlanDay(plan: StaffingPlan, dateKey: string, { runs = 20, seed = 1 }: { runs?: number; seed?: number } = {}): PlanDaySimulation {
  const intervals = plan.intervals.filter((i) => i.dateKey === dateKey)
  if (!intervals.length) throw new RangeError(`the day ${dateKey} is not in the plan (${plan.fromDateKey} to ${plan.toDateKey})`)
  const model = plan.model
  const answerWithinSeconds = plan.targets.answerWithinSeconds ?? 0
  const result = simulateDay({
    intervalMinutes: plan.intervalMinutes,
    arrivalsPerInterval: intervals.map((i) => i.volume),
    agentsPerInterval: intervals.map((i) => i.agentsRequired),
    ahtSeconds: intervals.map((i) => i.ahtSeconds),
    answerWithinSeconds,
    maxConcurrency: model.kind === 'chat' ? model.maxConcurrency : 1,
    slowdownAlpha: model.kind === 'chat' ? model.slowdownAlpha : 0,
    meanPatienceSeconds: model.kind === 'erlang_a' ? model.meanPatienceSeconds : null,
    runs,
    seed,
  })
  return { dateKey, answerWithinSeconds, expectedServiceLevel: plan.days.find((d) => d.dateKey === dateKey)!.expectedServiceLevel, result }
}

/** The staffing CSV's columns, in order. */
export const STAFFING_CSV_COLUMNS = [
  'interval_start', 'queue', 'forecast_volume', 'forecast_aht_seconds', 'workload_erlangs',
  'agents_required', 'agents_scheduled', 'expected_service_level', 'expected_asa_seconds',
] as const

/** Local ISO-8601 time with its UTC offset, e.g. 2003-10-27T07:00:00-05:00 (the shared CSV writer's time). */
export function localIsoWithOffset(startMs: number, timeZone: string): string {
  return csvTime(startMs, timeZone)
}

/** The unit family of each staffing column (the README's names are kept; they state their unit where they have one). */
const STAFFING_CSV_UNITS: Record<(typeof STAFFING_CSV_COLUMNS)[number], CsvUnit> = {
  interval_start: 'time', queue: 'text', forecast_volume: 'count', forecast_aht_seconds: 'seconds', workload_erlangs: 'erlangs',
  agents_required: 'agents', agents_scheduled: 'agents', expected_service_level: 'fraction', expected_asa_seconds: 'seconds',
}

/**
 * The plan as CSV with exactly STAFFING_CSV_COLUMNS, through the shared writer (src/format/csv.ts). interval_start
 * is the local wall-clock time of the queue's zone with its UTC offset (2003-10-27T07:00:00-05:00), so DST days
 * stay unambiguous. The service level is a 0–1 fraction; numbers are rounded by unit family.
 */
export function staffingPlanCsv(plan: StaffingPlan): string {
  return csvTable(STAFFING_CSV_COLUMNS.map((name) => ({ name, unit: STAFFING_CSV_UNITS[name], key: name === 'interval_start' })), plan.intervals.map((i) => [
    csvTime(i.startMs, plan.timeZone), plan.queueName, i.volume, i.ahtSeconds, i.workloadErlangs,
    i.agentsRequired, i.agentsScheduled, i.expectedServiceLevel, i.expectedAsaSeconds,
  ]))
}

/** The longest range a plan covers (the forecast is for weeks ahead, not months). */
export const MAX_PLAN_DAYS = 62


/**
 * Checks a plan's local date range (both days included).
 * @throws RangeError naming the bad date, a reversed range, or one longer than MAX_PLAN_DAYS
 */
export function assertPlanRange(fromDateKey: string, toDateKey: string): void {
  if (!isSaneDateKey(fromDateKey)) throw new RangeError(`the start date must be a date like 2003-10-27 (YYYY-MM-DD) between ${MIN_YEAR} and ${MAX_YEAR}, got '${fromDateKey}'`)
  if (!isSaneDateKey(toDateKey)) throw new RangeError(`the end date must be a date like 2003-10-31 (YYYY-MM-DD) between ${MIN_YEAR} and ${MAX_YEAR}, got '${toDateKey}'`)
  if (toDateKey < fromDateKey) throw new RangeError(`the end date ${toDateKey} is before the start date ${fromDateKey}`)
  const days = Math.round((Date.parse(toDateKey) - Date.parse(fromDateKey)) / 86_400_000) + 1
  if (days > MAX_PLAN_DAYS) throw new RangeError(`the range ${fromDateKey} to ${toDateKey} has ${days} days: plan at most ${MAX_PLAN_DAYS} days at a time`)
}

/** The default plan range: the 7 local days after the history's last day. */
export function defaultPlanRange(lastHistoryMs: number, timeZone: string): { fromDateKey: string; toDateKey: string } {
  const fromDateKey = nextDateKey(localParts(lastHistoryMs, timeZone).dateKey)
  let toDateKey = fromDateKey
  for (let d = 1; d < 7; d++) toDateKey = nextDateKey(toDateKey)
  return { fromDateKey, toDateKey }
}

/** The forecast and plan of a queue for a date range, in one call (the `plan` command). */
export async function planQueueStaffing(
  db: Db, queue: Queue, settings: StaffingSettings, options: Pick<QueueForecastOptions, 'fromDateKey' | 'toDateKey' | 'inWorker' | 'onProgress'>,
): Promise<{ forecast: QueueForecast; plan: StaffingPlan }> {
  assertValidStaffingSettings(settings)
  assertPlanRange(options.fromDateKey, options.toDateKey)
  const forecast = await forecastQueue(db, queue, options)
  return { forecast, plan: staffingPlan(forecast, settings, { queueName: queue.name }) }
}

/**
 * k and α measured from the queue's contact history (agents' overlapping contacts and their handle times); null
 * when no contact names its agent (interval aggregates only).
 */
export async function measureQueueConcurrency(db: Db, queue: Queue): Promise<ConcurrencyMeasurement | null> {
  const spans = await listAgentContactSpans(db, queue.id)
  return spans.length ? measureConcurrency(spans) : null
}

/** The chat model's k and α from a measurement: α to 3 decimals, 0 when no slowdown could be fitted, never negative. */
export function measuredChatParameters(measured: ConcurrencyMeasurement): { maxConcurrency: number; slowdownAlpha: number } {
  const alpha = measured.slowdown ? Math.max(0, Math.round(measured.slowdown.alpha * 1000) / 1000) : 0
  return { maxConcurrency: Math.max(1, Math.round(measured.typicalMaxConcurrency)), slowdownAlpha: alpha }
}

/** Settings with the measured k and α as the chat model. */
export function settingsWithMeasuredConcurrency(settings: StaffingSettings, measured: ConcurrencyMeasurement): StaffingSettings {
  return { ...settings, modelKind: 'chat', ...measuredChatParameters(measured) }
}
