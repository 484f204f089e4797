/** Formatting of the scenario views: numbers with their units, signed differences, and the figures' labels. */
import { formatDecimal, formatPercent, formatSigned } from '../../src/format/numbers.ts'
import type { FigureName } from '../../src/scenarios/compare.ts'
import { formatDayLabel, formatUtcStamp } from '../../src/format/dateTime.ts'

export function num(value: number | null, digits = 0): string {
  if (value === null || Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  return formatDecimal(value, digits)
}

export function pct(fraction: number | null, digits = 1): string {
  return formatPercent(fraction, digits)
}

/** "+12.5" / "−3" / "0"; service level differences in percentage points. */
export function signed(value: number | null, digits = 0, unit = ''): string {
  if (value === null || Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞'
  return formatSigned(value, digits, unit)
}

/** An unbounded wait said in words, never as ∞ alone. */
export const UNBOUNDED_WAIT = 'queue grows without limit: load exceeds agents'

/** Seconds of ASA, or the words for an unbounded queue. */
export function asa(value: number | null, digits = 1): string {
  if (value !== null && !Number.isFinite(value) && value > 0) return UNBOUNDED_WAIT
  return num(value, digits)
}

/** Which question a figure answers. */
export type FigureGroup = 'demand' | 'withAgents' | 'toMeetTargets'

export const FIGURE_GROUP_LABELS: Record<FigureGroup, string> = {
  demand: 'Demand',
  withAgents: 'With the agents we have',
  toMeetTargets: 'What it would take to meet the targets',
}

/** How each compared figure is labelled and shown, grouped by the question it answers. */
export const FIGURES: { name: FigureName; group: FigureGroup; label: string; show: (v: number | null) => string; diff: (d: number | null) => string; higherIsBetter?: boolean }[] = [
  { name: 'volume', group: 'demand', label: 'Volume (contacts)', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'workloadErlangHours', group: 'demand', label: 'Workload (erlang-hours)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'serviceLevel', group: 'withAgents', label: 'Expected service level', show: (v) => pct(v), diff: (d) => signed(d === null ? null : d * 100, 1, ' pts'), higherIsBetter: true },
  { name: 'asaSeconds', group: 'withAgents', label: 'Expected ASA (s)', show: (v) => asa(v, 1), diff: (d) => (d !== null && !Number.isFinite(d) ? (d > 0 ? UNBOUNDED_WAIT : 'no longer unbounded') : signed(d, 1)) },
  { name: 'abandonFraction', group: 'withAgents', label: 'Expected abandonment', show: (v) => pct(v), diff: (d) => signed(d === null ? null : d * 100, 1, ' pts') },
  { name: 'shortfallAgentHours', group: 'withAgents', label: 'Shortfall against the requirement (agent-hours)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'peakAgentsScheduled', group: 'withAgents', label: 'Peak agents scheduled', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'paidHours', group: 'withAgents', label: 'Paid hours (scheduled)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'fte', group: 'withAgents', label: 'FTE (average a day)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'cost', group: 'withAgents', label: 'Cost', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'requiredAgentHours', group: 'toMeetTargets', label: 'Agents required (agent-hours handling contacts)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'peakAgentsRequired', group: 'toMeetTargets', label: 'Peak agents required', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'requiredPaidHours', group: 'toMeetTargets', label: 'Paid hours required (after shrinkage)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'requiredFte', group: 'toMeetTargets', label: 'FTE required (average a day)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'requiredCost', group: 'toMeetTargets', label: 'Cost to meet the targets (difference: extra cost)', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'serviceLevelIfStaffed', group: 'toMeetTargets', label: 'Expected service level when staffed so', show: (v) => pct(v), diff: (d) => signed(d === null ? null : d * 100, 1, ' pts'), higherIsBetter: true },
]

/** "Mon 2003-10-27" (in the team's date style: src/format/dateTime.ts) */
export function dayLabel(dateKey: string): string {
  return formatDayLabel(dateKey)
}

/** "2003-10-27 14:05 UTC" for created/updated times (the team's zone is per queue). */
export function whenLabel(ms: number): string {
  return formatUtcStamp(ms)
}

/** Field name of the form → the id of its error element. */
export function fieldErrorId(field: string): string {
  return `error-${field.replace(/[^A-Za-z0-9]+/g, '-')}`
}
