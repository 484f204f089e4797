/**
 * A scenario's plan and its difference from the baseline as CSV: per interval (local time with its UTC offset, so
 * DST days stay unambiguous), or per day / week with the compared figures. Fractions are 0–1 (service level),
 * durations in seconds; an infinite ASA (too few agents to keep up) is written `inf`.
 */
import { formatLocalIso, formatOffset } from '../time/zones.ts'
import { FIGURE_NAMES, type ComparablePlan, type PlanComparison, type FigureName } from './compare.ts'

export const SCENARIO_INTERVAL_CSV_COLUMNS = [
  'interval_start', 'queue', 'scenario',
  'baseline_volume', 'scenario_volume', 'volume_difference',
  'baseline_aht_seconds', 'scenario_aht_seconds',
  'baseline_workload_erlangs', 'scenario_workload_erlangs',
  'baseline_agents_required', 'scenario_agents_required', 'agents_required_difference',
  'baseline_agents_scheduled', 'scenario_agents_scheduled', 'agents_scheduled_difference',
  'baseline_service_level', 'scenario_service_level', 'service_level_difference',
  'baseline_asa_seconds', 'scenario_asa_seconds', 'asa_seconds_difference',
] as const

const SNAKE: Record<FigureName, string> = {
  volume: 'volume', workloadErlangHours: 'workload_erlang_hours', requiredAgentHours: 'required_agent_hours', peakAgentsRequired: 'peak_agents_required',
  peakAgentsScheduled: 'peak_agents_scheduled', paidHours: 'paid_hours', fte: 'fte', cost: 'cost', serviceLevel: 'service_level', asaSeconds: 'asa_seconds', abandonFraction: 'abandon_fraction',
  requiredPaidHours: 'required_paid_hours', requiredFte: 'required_fte', requiredCost: 'required_cost', serviceLevelIfStaffed: 'service_level_if_staffed', shortfallAgentHours: 'shortfall_agent_hours',
}

export const SCENARIO_PERIOD_CSV_COLUMNS = ['period', 'from_date', 'to_date', 'queue', 'scenario', ...FIGURE_NAMES.flatMap((f) => [`baseline_${SNAKE[f]}`, `scenario_${SNAKE[f]}`, `${SNAKE[f]}_difference`])]

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function num(value: number | null, digits: number): string {
  if (value === null || Number.isNaN(value)) return ''
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  return String(Math.round(value * 10 ** digits) / 10 ** digits)
}

const diff = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? b - a : Number.isFinite(a) === Number.isFinite(b) ? null : b - a)

/** Per interval: the baseline's and the scenario's figures side by side with the differences. */
export function scenarioIntervalCsv(baseline: ComparablePlan, scenario: ComparablePlan, meta: { queueName: string; timeZone: string }): string {
  if (baseline.intervals.length !== scenario.intervals.length) throw new RangeError(`the scenario has ${scenario.intervals.length} intervals, the baseline ${baseline.intervals.length}`)
  const lines = [SCENARIO_INTERVAL_CSV_COLUMNS.join(',')]
  baseline.intervals.forEach((b, i) => {
    const s = scenario.intervals[i]
    const bScheduled = b.coverageAgents ?? b.agentsScheduled
    const sScheduled = s.coverageAgents ?? s.agentsScheduled
    lines.push([
      formatLocalIso(b.startMs, meta.timeZone) + formatOffset(b.startMs, meta.timeZone), cell(meta.queueName), cell(scenario.name),
      num(b.volume, 4), num(s.volume, 4), num(s.volume - b.volume, 4),
      num(b.ahtSeconds, 2), num(s.ahtSeconds, 2),
      num(b.workloadErlangs, 4), num(s.workloadErlangs, 4),
      String(b.agentsRequired), String(s.agentsRequired), String(s.agentsRequired - b.agentsRequired),
      num(bScheduled, 4), num(sScheduled, 4), num(sScheduled - bScheduled, 4),
      num(b.serviceLevel, 6), num(s.serviceLevel, 6), num(s.serviceLevel - b.serviceLevel, 6),
      num(b.asaSeconds, 3), num(s.asaSeconds, 3), num(diff(b.asaSeconds, s.asaSeconds), 3),
    ].join(','))
  })
  return lines.join('\n') + '\n'
}

/** Per day or per week (and the total): one row per scenario with the baseline's figures, the scenario's and the differences. */
export function scenarioPeriodCsv(comparison: PlanComparison, by: 'day' | 'week', meta: { queueName: string }): string {
  const lines = [SCENARIO_PERIOD_CSV_COLUMNS.join(',')]
  const periods = [...(by === 'day' ? comparison.days : comparison.weeks), comparison.total]
  for (const p of periods) {
    comparison.scenarioNames.forEach((name, k) => {
      const s = p.scenarios[k], d = p.differences[k]
      lines.push([
        cell(p.key), p.fromDateKey, p.toDateKey, cell(meta.queueName), cell(name),
        ...FIGURE_NAMES.flatMap((f) => { const digits = f === 'serviceLevel' || f === 'serviceLevelIfStaffed' || f === 'abandonFraction' ? 6 : 4; return [num(p.baseline[f], digits), num(s[f], digits), num(d[f], digits)] }),
      ].join(','))
    })
  }
  return lines.join('\n') + '\n'
}

export const PLAN_INTERVAL_CSV_COLUMNS = [
  'interval_start', 'queue', 'plan', 'volume', 'aht_seconds', 'workload_erlangs', 'agents_required', 'agents_scheduled', 'agents_on_shift',
  'expected_service_level', 'expected_asa_seconds',
] as const

/** One plan per interval (a baseline's frozen plan): agents on shift are the coverage, or the requirement after shrinkage. */
export function planIntervalCsv(plan: ComparablePlan, meta: { queueName: string; timeZone: string }): string {
  const lines = [PLAN_INTERVAL_CSV_COLUMNS.join(',')]
  for (const i of plan.intervals) {
    lines.push([
      formatLocalIso(i.startMs, meta.timeZone) + formatOffset(i.startMs, meta.timeZone), cell(meta.queueName), cell(plan.name),
      num(i.volume, 4), num(i.ahtSeconds, 2), num(i.workloadErlangs, 4), String(i.agentsRequired), String(i.agentsScheduled),
      num(i.coverageAgents ?? i.agentsScheduledExact, 4), num(i.serviceLevel, 6), num(i.asaSeconds, 3),
    ].join(','))
  }
  return lines.join('\n') + '\n'
}
