/**
 * A scenario's plan and its difference from the baseline as CSV: per interval (local time with its UTC offset, so
 * DST days stay unambiguous), or per day / week with the compared figures. Written by the one CSV writer
 * (src/format/csv.ts): names neutralised, units in headers (service levels are `_fraction` in 0–1, durations
 * `_seconds`), numbers rounded by unit family; an infinite ASA (too few agents to keep up) is written `inf`.
 */
import { csvTable, csvTime, type CsvColumn, type CsvUnit } from '../format/csv.ts'
import { FIGURE_NAMES, type ComparablePlan, type PlanComparison, type FigureName } from './compare.ts'

export const SCENARIO_INTERVAL_CSV_COLUMNS = [
  'interval_start', 'queue', 'scenario',
  'baseline_volume', 'scenario_volume', 'volume_difference',
  'baseline_aht_seconds', 'scenario_aht_seconds',
  'baseline_workload_erlangs', 'scenario_workload_erlangs',
  'baseline_agents_required', 'scenario_agents_required', 'agents_required_difference',
  'baseline_agents_scheduled', 'scenario_agents_scheduled', 'agents_scheduled_difference',
  'baseline_service_level_fraction', 'scenario_service_level_fraction', 'service_level_fraction_difference',
  'baseline_asa_seconds', 'scenario_asa_seconds', 'asa_seconds_difference',
] as const

const INTERVAL_UNITS: CsvUnit[] = ['time', 'text', 'text', 'count', 'count', 'count', 'seconds', 'seconds', 'erlangs', 'erlangs',
  'agents', 'agents', 'agents', 'agents', 'agents', 'agents', 'fraction', 'fraction', 'fraction', 'seconds', 'seconds', 'seconds']

const SNAKE: Record<FigureName, string> = {
  volume: 'volume', workloadErlangHours: 'workload_erlang_hours', requiredAgentHours: 'required_agent_hours', peakAgentsRequired: 'peak_agents_required',
  peakAgentsScheduled: 'peak_agents_scheduled', paidHours: 'paid_hours', fte: 'fte', cost: 'cost', serviceLevel: 'service_level_fraction', asaSeconds: 'asa_seconds', abandonFraction: 'abandon_fraction',
  requiredPaidHours: 'required_paid_hours', requiredFte: 'required_fte', requiredCost: 'required_cost', serviceLevelIfStaffed: 'service_level_if_staffed_fraction', shortfallAgentHours: 'shortfall_agent_hours',
}

/** The unit family of a compared figure, from its name (hours, agents/FTE, cost, service level, seconds, volume). */
function figureUnit(figure: FigureName): CsvUnit {
  if (/Hours$/.test(figure)) return 'hours'
  if (/Agents|^fte$|Fte$/.test(figure)) return 'agents'
  if (/^cost$|Cost$/.test(figure)) return 'money'
  if (/^serviceLevel|Fraction$/.test(figure)) return 'fraction'
  if (/Seconds$/.test(figure)) return 'seconds'
  if (figure === 'volume') return 'count'
  return 'number'
}

export const SCENARIO_PERIOD_CSV_COLUMNS = ['period', 'from_date', 'to_date', 'queue', 'scenario', ...FIGURE_NAMES.flatMap((f) => [`baseline_${SNAKE[f]}`, `scenario_${SNAKE[f]}`, `${SNAKE[f]}_difference`])]

const PERIOD_COLUMNS: CsvColumn[] = SCENARIO_PERIOD_CSV_COLUMNS.map((name, i) => ({
  name, key: i === 0, unit: i < 5 ? (i === 1 || i === 2 ? 'date' : 'text') : figureUnit(FIGURE_NAMES[Math.floor((i - 5) / 3)]),
}))

const diff = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? b - a : Number.isFinite(a) === Number.isFinite(b) ? null : b - a)

/** Per interval: the baseline's and the scenario's figures side by side with the differences. */
export function scenarioIntervalCsv(baseline: ComparablePlan, scenario: ComparablePlan, meta: { queueName: string; timeZone: string }): string {
  if (baseline.intervals.length !== scenario.intervals.length) throw new RangeError(`the scenario has ${scenario.intervals.length} intervals, the baseline ${baseline.intervals.length}`)
  const columns = SCENARIO_INTERVAL_CSV_COLUMNS.map((name, i) => ({ name, unit: INTERVAL_UNITS[i], key: i === 0 }))
  return csvTable(columns, baseline.intervals.map((b, i) => {
    const s = scenario.intervals[i]
    const bScheduled = b.coverageAgents ?? b.agentsScheduled
    const sScheduled = s.coverageAgents ?? s.agentsScheduled
    return [
      csvTime(b.startMs, meta.timeZone), meta.queueName, scenario.name,
      b.volume, s.volume, s.volume - b.volume,
      b.ahtSeconds, s.ahtSeconds,
      b.workloadErlangs, s.workloadErlangs,
      b.agentsRequired, s.agentsRequired, s.agentsRequired - b.agentsRequired,
      bScheduled, sScheduled, sScheduled - bScheduled,
      b.serviceLevel, s.serviceLevel, s.serviceLevel - b.serviceLevel,
      b.asaSeconds, s.asaSeconds, diff(b.asaSeconds, s.asaSeconds),
    ]
  }))
}

/** Per day or per week (and the total): one row per scenario with the baseline's figures, the scenario's and the differences. */
export function scenarioPeriodCsv(comparison: PlanComparison, by: 'day' | 'week', meta: { queueName: string }): string {
  const periods = [...(by === 'day' ? comparison.days : comparison.weeks), comparison.total]
  return csvTable(PERIOD_COLUMNS, periods.flatMap((p) => comparison.scenarioNames.map((name, k) => {
    const s = p.scenarios[k], d = p.differences[k]
    return [p.key, p.fromDateKey, p.toDateKey, meta.queueName, name, ...FIGURE_NAMES.flatMap((f) => [p.baseline[f], s[f], d[f]])]
  })))
}

export const PLAN_INTERVAL_CSV_COLUMNS = [
  'interval_start', 'queue', 'plan', 'volume', 'aht_seconds', 'workload_erlangs', 'agents_required', 'agents_scheduled', 'agents_on_shift',
  'expected_service_level_fraction', 'expected_asa_seconds',
] as const

const PLAN_UNITS: CsvUnit[] = ['time', 'text', 'text', 'count', 'seconds', 'erlangs', 'agents', 'agents', 'agents', 'fraction', 'seconds']

/** One plan per interval (a baseline's frozen plan): agents on shift are the coverage, or the requirement after shrinkage. */
export function planIntervalCsv(plan: ComparablePlan, meta: { queueName: string; timeZone: string }): string {
  return csvTable(PLAN_INTERVAL_CSV_COLUMNS.map((name, i) => ({ name, unit: PLAN_UNITS[i], key: i === 0 })), plan.intervals.map((i) => [
    csvTime(i.startMs, meta.timeZone), meta.queueName, plan.name,
    i.volume, i.ahtSeconds, i.workloadErlangs, i.agentsRequired, i.agentsScheduled,
    i.coverageAgents ?? i.agentsScheduledExact, i.serviceLevel, i.asaSeconds,
  ]))
}
