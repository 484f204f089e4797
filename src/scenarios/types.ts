/**
 * The shapes of the what-if scenarios (pure data): a frozen baseline's plan inputs, the overrides a scenario makes,
 * and the inputs that result. Fractions are 0–1, durations in seconds, times UTC ms, local dates YYYY-MM-DD.
 * Percentages appear only in views (and in the messages shown on the form).
 */
import type { DateOpeningHours } from '../scheduling/dateOpeningHours.ts'
import type { AhtSource, StaffingSettings } from '../planning/staffingPlan.ts'
import type { EffectKind, EventShape } from '../events/calendar.ts'

/** Local opening of one weekday (minutes of the local day, close after open, 1440 = midnight); null = closed. */
export type DayHours = { openMinute: number; closeMinute: number } | null

/** One interval of a frozen forecast: the forecast before events (`base…`) and with them (the plan's volume). */
export interface BaselineInterval {
  startMs: number
  baseVolume: number
  baseLo80: number
  baseHi80: number
  baseLo95: number
  baseHi95: number
  /** With the events applied: what the plan staffs for. */
  volume: number
  volumeLo80: number
  volumeHi80: number
  volumeLo95: number
  volumeHi95: number
  /** Forecast AHT of the interval (the settings' AHT override, if any, applies on top). */
  ahtSeconds: number
}

/** An event frozen with the effect value that was applied (learned uplifts are resolved at freeze time). */
export interface FrozenEvent {
  /** Stable key: the calendar id as text (`12`, `holiday:IL:1999-04-01`) or `added:N` for events a scenario adds. */
  id: string
  name: string
  type: string
  startUtcMs: number
  endUtcMs: number
  timeZone: string
  kind: EffectKind
  /** Multiplier at the peak, or contacts added per day at the peak. */
  value: number
  shape: EventShape
}

/** Agents on shift per interval from a published schedule (or a headcount): paid, before shrinkage. */
export interface FrozenCoverage {
  source: string
  agentsPerInterval: number[]
}

/** Everything a plan is computed from, frozen: a baseline's inputs, or a scenario's after its overrides. */
export interface PlanInputs {
  queueId: number
  queueName: string
  timeZone: string
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  /** Where the forecast came from (e.g. "published forecast #3"). */
  forecastSource: string
  volumeModel: string
  aht: AhtSource
  intervals: BaselineInterval[]
  /** The events applied to the base forecast. */
  events: FrozenEvent[]
  settings: StaffingSettings
  /** Cost of one paid agent-hour (currency of the team). */
  costPerHour: number
  /** Seven entries, Monday first. */
  openingHours: DayHours[]
  /** The calendar per date when frozen (dates closed or shortened: no need outside their hours). Absent in older baselines. */
  dateHours?: DateOpeningHours[]
  coverage: FrozenCoverage | null
}

/** Which intervals a change applies to; every part is optional (none = the whole plan of the queue). */
export interface IntervalScope {
  /** Local dates, both included. */
  fromDateKey?: string
  toDateKey?: string
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays?: number[]
  /** Local time window [fromMinute, toMinute) of the interval start, minutes of the day. */
  fromMinute?: number
  toMinute?: number
}

export type VolumeChange =
  /** Volume (and its bounds) × (1 + changeFraction): +0.1 is 10% more. */
  | { scope: IntervalScope; kind: 'fraction'; changeFraction: number }
  /** Contacts added per day (negative removes), spread over the day's scoped intervals in proportion to the forecast. */
  | { scope: IntervalScope; kind: 'addPerDay'; contactsPerDay: number }
  /** Each day's scoped volume set to this total, keeping the forecast's shape. */
  | { scope: IntervalScope; kind: 'setPerDay'; contactsPerDay: number }

export type AhtChange =
  | { scope: IntervalScope; kind: 'fraction'; changeFraction: number }
  | { scope: IntervalScope; kind: 'seconds'; ahtSeconds: number }

/** An event a scenario adds: a flat effect over local dates (both included). */
export interface ScenarioEvent {
  name: string
  fromDateKey: string
  toDateKey: string
  kind: EffectKind
  value: number
}

export type HeadcountOverride =
  /** This many agents on shift (paid, before shrinkage) in every interval with volume. */
  | { kind: 'perInterval'; agents: number }
  /** This many FTE a day (FTE × hours per FTE paid hours), spread over each day like the requirement. */
  | { kind: 'totalFte'; fte: number }

/**
 * What a scenario changes. A missing key keeps the baseline's value; null drops a target.
 * Order of application: volume changes and opening hours act on the forecast before events, then the events
 * (the baseline's, less those removed, plus those added), then AHT changes; settings replace the baseline's.
 */
export interface ScenarioOverrides {
  volume?: VolumeChange[]
  aht?: AhtChange[]
  serviceLevelTarget?: number | null
  answerWithinSeconds?: number
  asaTargetSeconds?: number | null
  /** Erlang A only: set meanPatienceSeconds too if the baseline is not Erlang A. */
  maxAbandonFraction?: number | null
  /** Switches the model to Erlang A (abandonment). */
  meanPatienceSeconds?: number
  /** Switches the model to chat concurrency (k chats at once). */
  maxConcurrency?: number
  slowdownAlpha?: number
  shrinkageFraction?: number
  maxOccupancy?: number | null
  hoursPerFte?: number
  costPerHour?: number
  removedEventIds?: string[]
  addedEvents?: ScenarioEvent[]
  /** New opening hours (Monday first); the volume of intervals that close moves to the day's open intervals in this fraction. */
  openingHours?: { days: DayHours[]; retainClosedFraction: number }
  headcount?: HeadcountOverride
}

/** A scenario's inputs: the plan inputs with the overrides applied, and the headcount question if asked. */
export interface ScenarioInputs extends PlanInputs {
  headcount: HeadcountOverride | null
}

/** A problem with an override, naming the form field it belongs to. */
export interface OverrideProblem { field: string; message: string }

/** One interval of a computed plan (a baseline's, frozen with it, or a scenario's): what the comparison reads, and more. */
export interface PlanIntervalFigures {
  startMs: number
  dateKey: string
  volume: number
  /** The AHT the plan used (the settings' override where there is one). */
  ahtSeconds: number
  workloadErlangs: number
  agentsRequired: number
  agentsScheduledExact: number
  agentsScheduled: number
  /** At the mean volume with agentsRequired. */
  expectedServiceLevel: number
  expectedAsaSeconds: number
  expectedAbandonFraction: number
  expectedOccupancy: number
  slaMissProbability: number | null
  /** Agents on shift from a schedule or a headcount (paid, before shrinkage); null without one. */
  coverageAgents: number | null
  /** With the agents that are there: the coverage's where there is one, else the same as expected…. */
  serviceLevel: number
  asaSeconds: number
  /** Abandonment with the agents that are there (0 for models without abandonment); absent in older baselines. */
  abandonFraction?: number
}
