/**
 * Side-by-side figures of a baseline and one or more scenarios, per local day, per week (7-day blocks from the
 * plan's first day) and over the whole plan: volume, workload, agents required and scheduled, paid hours, FTE,
 * cost, expected service level and ASA, and each scenario's differences from the baseline.
 *
 * Conventions (as the staffing plan's totals): agent-hours add unrounded agents (required / (1 − shrinkage)) and
 * are rounded only when shown; paid hours are the agents on shift (a schedule's or a headcount's coverage where
 * there is one, else the requirement after shrinkage); FTE over a period is paid hours / (hours per FTE × days),
 * i.e. the average FTE of a day; service level and ASA are weighted by volume. Beside "with the agents there"
 * (service level, ASA), each period says what meeting the targets takes (required paid hours, FTE, cost: the
 * requirement after shrinkage) and the shortfall of the agents there (need vs cover, src/scheduling/needCover.ts).
 */
import { needCover } from '../scheduling/needCover.ts'

/** One interval of a plan as compared. */
export interface ComparableInterval {
  startMs: number
  dateKey: string
  volume: number
  ahtSeconds: number
  workloadErlangs: number
  agentsRequired: number
  /** Required / (1 − shrinkage), unrounded. */
  agentsScheduledExact: number
  agentsScheduled: number
  /** Agents on shift from a schedule or a headcount (paid, before shrinkage); null without one. */
  coverageAgents: number | null
  /** Expected at the mean volume with the agents that are there (coverage, else the requirement). */
  serviceLevel: number
  /** Infinity when the agents there cannot keep up (the queue grows). */
  asaSeconds: number
  /** At the mean volume with the agents required (staffed to the targets); the service level where absent. */
  expectedServiceLevel?: number
  /** Abandonment with the agents there; the requirement's where absent. */
  abandonFraction?: number
  expectedAbandonFraction?: number
  /** Whether the queue is open (a closed interval is never short). @default true */
  open?: boolean
}

export interface ComparablePlan {
  name: string
  intervalMinutes: number
  hoursPerFte: number
  costPerHour: number
  fromDateKey: string
  toDateKey: string
  intervals: readonly ComparableInterval[]
}

export interface PeriodFigures {
  days: number
  volume: number
  workloadErlangHours: number
  requiredAgentHours: number
  peakAgentsRequired: number
  /** Agents on shift at the peak: coverage where there is one, else the requirement after shrinkage (rounded up). */
  peakAgentsScheduled: number
  /** Paid agent-hours: coverage, else the requirement after shrinkage. */
  paidHours: number
  /** Average FTE per day: paidHours / (hoursPerFte × days). */
  fte: number
  cost: number
  /** Volume-weighted; null without volume. */
  serviceLevel: number | null
  asaSeconds: number | null
  /** Volume-weighted abandonment with the agents there (0 for models without abandonment); null without volume. */
  abandonFraction: number | null
  /** What meeting the targets takes: the requirement after shrinkage, in paid agent-hours, FTE and cost. */
  requiredPaidHours: number
  requiredFte: number
  requiredCost: number
  /** Volume-weighted service level when staffed to the requirement (null without volume). */
  serviceLevelIfStaffed: number | null
  /** Agent-hours the agents there fall short of the requirement while open (src/scheduling/needCover.ts). */
  shortfallAgentHours: number
}

export type FigureName = Exclude<keyof PeriodFigures, 'days'>
export const FIGURE_NAMES: readonly FigureName[] = ['volume', 'workloadErlangHours', 'requiredAgentHours', 'peakAgentsRequired', 'peakAgentsScheduled', 'paidHours', 'fte', 'cost', 'serviceLevel', 'asaSeconds', 'abandonFraction', 'requiredPaidHours', 'requiredFte', 'requiredCost', 'serviceLevelIfStaffed', 'shortfallAgentHours']

/** Scenario − baseline per figure; null where either side has none (or both are infinite). */
export type PeriodDifference = Record<FigureName, number | null>

export interface PeriodComparison {
  /** `2003-10-27`, `week-1` or `total`. */
  key: string
  label: string
  fromDateKey: string
  toDateKey: string
  baseline: PeriodFigures
  scenarios: PeriodFigures[]
  differences: PeriodDifference[]
}

export interface PlanComparison {
  baselineName: string
  scenarioNames: string[]
  days: PeriodComparison[]
  weeks: PeriodComparison[]
  total: PeriodComparison
}

const weighted = (intervals: readonly ComparableInterval[], volume: number, f: (i: ComparableInterval) => number): number | null => {
  if (!(volume > 0)) return null
  let sum = 0
  for (const i of intervals) if (i.volume > 0) sum += i.volume * f(i)
  return sum / volume
}

/**
 * The figures of a set of intervals of one plan over `days` days.
 * @example periodFigures(intervals, 2, { intervalMinutes: 30, hoursPerFte: 8, costPerHour: 25 })
 */
export function periodFigures(intervals: readonly ComparableInterval[], days: number, plan: Pick<ComparablePlan, 'intervalMinutes' | 'hoursPerFte' | 'costPerHour'>): PeriodFigures {
  const hours = plan.intervalMinutes / 60
  let volume = 0, workload = 0, required = 0, paid = 0, peakRequired = 0, peakScheduled = 0
  for (const i of intervals) {
    volume += i.volume
    workload += i.workloadErlangs
    required += i.agentsRequired
    const onShift = i.coverageAgents ?? i.agentsScheduledExact
    paid += onShift
    peakRequired = Math.max(peakRequired, i.agentsRequired)
    peakScheduled = Math.max(peakScheduled, i.coverageAgents ?? i.agentsScheduled)
  }
  const paidHours = paid * hours
  const cover = needCover({
    startMs: intervals.map((i) => i.startMs), dateKeys: intervals.map((i) => i.dateKey), needAgents: intervals.map((i) => i.agentsScheduledExact),
    coverAgents: intervals.map((i) => i.coverageAgents ?? i.agentsScheduledExact), open: intervals.map((i) => i.open ?? true), intervalMinutes: plan.intervalMinutes,
  })
  const requiredPaidHours = intervals.reduce((s, i) => s + i.agentsScheduledExact, 0) * hours
  return {
    days,
    volume,
    workloadErlangHours: workload * hours,
    requiredAgentHours: required * hours,
    peakAgentsRequired: peakRequired,
    peakAgentsScheduled: peakScheduled,
    paidHours,
    fte: days > 0 ? paidHours / (plan.hoursPerFte * days) : 0,
    cost: paidHours * plan.costPerHour,
    serviceLevel: weighted(intervals, volume, (i) => i.serviceLevel),
    asaSeconds: weighted(intervals, volume, (i) => i.asaSeconds),
    abandonFraction: weighted(intervals, volume, (i) => i.abandonFraction ?? i.expectedAbandonFraction ?? 0),
    requiredPaidHours,
    requiredFte: days > 0 ? requiredPaidHours / (plan.hoursPerFte * days) : 0,
    requiredCost: requiredPaidHours * plan.costPerHour,
    serviceLevelIfStaffed: weighted(intervals, volume, (i) => i.expectedServiceLevel ?? i.serviceLevel),
    shortfallAgentHours: cover.totals.shortfallAgentHours,
  }
}

/** Scenario − baseline, figure by figure. */
export function periodDifference(baseline: PeriodFigures, scenario: PeriodFigures): PeriodDifference {
  const out = {} as PeriodDifference
  for (const name of FIGURE_NAMES) {
    const a = baseline[name], b = scenario[name]
    const d = a === null || b === null ? null : b - a
    out[name] = d === null || Number.isNaN(d) ? null : d
  }
  return out
}

/** Relative change (scenario / baseline − 1); null when the baseline is 0 or either is missing or infinite. */
export function relativeChange(baseline: number | null, scenario: number | null): number | null {
  if (baseline === null || scenario === null || baseline === 0 || !Number.isFinite(baseline) || !Number.isFinite(scenario)) return null
  return scenario / baseline - 1
}

function dayKeysOf(plan: ComparablePlan): string[] {
  const keys: string[] = []
  for (let d = plan.fromDateKey; d <= plan.toDateKey; d = new Date(Date.parse(d + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10)) keys.push(d)
  return keys
}

function groupByDay(plan: ComparablePlan): Map<string, ComparableInterval[]> {
  const byDay = new Map<string, ComparableInterval[]>()
  for (const i of plan.intervals) {
    const list = byDay.get(i.dateKey)
    if (list) list.push(i)
    else byDay.set(i.dateKey, [i])
  }
  return byDay
}

function checkSameGrid(baseline: ComparablePlan, scenario: ComparablePlan): void {
  if (scenario.intervals.length !== baseline.intervals.length || scenario.fromDateKey !== baseline.fromDateKey || scenario.toDateKey !== baseline.toDateKey) {
    throw new RangeError(`'${scenario.name}' (${scenario.fromDateKey} to ${scenario.toDateKey}, ${scenario.intervals.length} intervals) does not cover the same intervals as '${baseline.name}' (${baseline.fromDateKey} to ${baseline.toDateKey}, ${baseline.intervals.length} intervals)`)
  }
  scenario.intervals.forEach((interval, i) => {
    if (interval.startMs !== baseline.intervals[i].startMs) throw new RangeError(`'${scenario.name}': interval ${i} starts at ${interval.startMs}, the baseline's at ${baseline.intervals[i].startMs}`)
  })
}

/**
 * The baseline and every scenario side by side per day, per week and in total, with the differences.
 * @throws RangeError if a scenario does not cover exactly the baseline's intervals
 */
export function comparePlans(baseline: ComparablePlan, scenarios: readonly ComparablePlan[]): PlanComparison {
  for (const s of scenarios) checkSameGrid(baseline, s)
  const plans = [baseline, ...scenarios]
  const byDay = plans.map(groupByDay)
  const dayKeys = dayKeysOf(baseline)
  const periodOf = (key: string, label: string, days: string[]): PeriodComparison => {
    const figures = plans.map((plan, p) => periodFigures(days.flatMap((d) => byDay[p].get(d) ?? []), days.length, plan))
    const [base, ...rest] = figures
    return { key, label, fromDateKey: days[0], toDateKey: days[days.length - 1], baseline: base, scenarios: rest, differences: rest.map((s) => periodDifference(base, s)) }
  }
  const weeks: PeriodComparison[] = []
  for (let w = 0; w * 7 < dayKeys.length; w++) {
    const days = dayKeys.slice(w * 7, w * 7 + 7)
    weeks.push(periodOf(`week-${w + 1}`, `Week ${w + 1} (${days[0]} to ${days[days.length - 1]})`, days))
  }
  return {
    baselineName: baseline.name,
    scenarioNames: scenarios.map((s) => s.name),
    days: dayKeys.map((d) => periodOf(d, d, [d])),
    weeks,
    total: periodOf('total', `Total (${dayKeys[0]} to ${dayKeys[dayKeys.length - 1]})`, dayKeys),
  }
}
