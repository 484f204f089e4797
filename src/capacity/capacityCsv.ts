/** A capacity plan's weeks as CSV (the /capacity export). */
import { csvTable, type CsvUnit } from '../format/csv.ts'

export interface CapacityCsvWeek {
  weekStart: string; volume: number; volumeLo80: number; volumeHi80: number; ahtSeconds: number
  requiredFte: number; requiredFteLo80: number; requiredFteHi80: number; headcount: number; inTraining: number
  productiveFte: number; gapFte: number; hiresStarting: number; recommendedHires: number; leavers: number; serviceLevelIfNothingDone: number | null
}

export const CAPACITY_CSV_COLUMNS = [
  'plan', 'queue', 'week_start', 'volume', 'volume_lo80', 'volume_hi80', 'aht_seconds', 'required_fte', 'required_fte_lo80', 'required_fte_hi80',
  'headcount', 'in_training', 'productive_fte', 'gap_fte', 'hires_starting', 'recommended_hires', 'leavers', 'service_level_if_nothing_done', 'fewest_hires_at_least',
] as const

const UNITS: Record<(typeof CAPACITY_CSV_COLUMNS)[number], CsvUnit> = {
  plan: 'text', queue: 'text', week_start: 'date', volume: 'count', volume_lo80: 'count', volume_hi80: 'count', aht_seconds: 'seconds',
  required_fte: 'agents', required_fte_lo80: 'agents', required_fte_hi80: 'agents', headcount: 'agents', in_training: 'agents',
  productive_fte: 'agents', gap_fte: 'agents', hires_starting: 'count', recommended_hires: 'count', leavers: 'erlangs', service_level_if_nothing_done: 'fraction',
  fewest_hires_at_least: 'count',
}

/**
 * The plan's weeks through the one CSV writer (src/format/csv.ts: neutralised names, rounding per unit).
 * `fewest_hires_at_least` (the same on every row) is the proven lower bound on the plan's hires: equal to the sum of
 * recommended_hires when it is proven the fewest, below it when the search stopped at its time limit; empty when
 * nothing was recommended.
 */
export function capacityPlanCsv(planName: string, queueName: string, weeks: readonly CapacityCsvWeek[], hiresLowerBound: number | null = null): string {
  return csvTable(CAPACITY_CSV_COLUMNS.map((name) => ({ name, unit: UNITS[name], key: name === 'week_start' })), weeks.map((w) => [
    planName, queueName, w.weekStart, w.volume, w.volumeLo80, w.volumeHi80, w.ahtSeconds, w.requiredFte, w.requiredFteLo80, w.requiredFteHi80,
    w.headcount, w.inTraining, w.productiveFte, w.gapFte, w.hiresStarting, w.recommendedHires, w.leavers, w.serviceLevelIfNothingDone, hiresLowerBound,
  ]))
}

export interface CapacityGroupCsv {
  name: string
  /** The group's proven lower bound on its hires (null: nothing recommended). */
  hiresLowerBound?: number | null
  weeks: readonly { weekStart: string; requiredFte: number; headcount: number; inTraining: number; productiveFte: number; gapFte: number; hiresStarting: number; recommendedHires: number; leavers: number }[]
}

export const CAPACITY_GROUP_CSV_COLUMNS = ['plan', 'queue', 'group', 'week_start', 'required_fte', 'headcount', 'in_training', 'productive_fte', 'gap_fte', 'hires_starting', 'recommended_hires', 'leavers', 'fewest_hires_at_least'] as const

const GROUP_UNITS: Record<(typeof CAPACITY_GROUP_CSV_COLUMNS)[number], CsvUnit> = {
  plan: 'text', queue: 'text', group: 'text', week_start: 'date', required_fte: 'agents', headcount: 'agents', in_training: 'agents', productive_fte: 'agents',
  gap_fte: 'agents', hires_starting: 'count', recommended_hires: 'count', leavers: 'erlangs', fewest_hires_at_least: 'count',
}

/** Each group's weeks (teams or skills), group by group, through the one CSV writer. */
export function capacityGroupsCsv(planName: string, queueName: string, groups: readonly CapacityGroupCsv[]): string {
  return csvTable(CAPACITY_GROUP_CSV_COLUMNS.map((name) => ({ name, unit: GROUP_UNITS[name], key: name === 'week_start' || name === 'group' })), groups.flatMap((g) => g.weeks.map((w) => [
    planName, queueName, g.name, w.weekStart, w.requiredFte, w.headcount, w.inTraining, w.productiveFte, w.gapFte, w.hiresStarting, w.recommendedHires, w.leavers, g.hiresLowerBound ?? null,
  ])))
}
