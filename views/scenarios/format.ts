/** Formatting of the scenario views: numbers with their units, signed differences, and the figures' labels. */
import { formatPercent } from '../../src/format/numbers.ts'
import type { FigureName } from '../../src/scenarios/compare.ts'
import { formatDayLabel, formatUtcStamp } from '../../src/format/dateTime.ts'

export function num(value: number | null, digits = 0): string {
  if (value === null || Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

export function pct(fraction: number | null, digits = 1): string {
  return formatPercent(fraction, digits)
}

/** "+12.5" / "−3" / "0"; service level differences in percentage points. */
export function signed(value: number | null, digits = 0, unit = ''): string {
  if (value === null || Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞'
  const rounded = Number(value.toFixed(digits))
  if (rounded === 0) return `0${unit}`
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`
}

/** How each compared figure is labelled and shown. */
export const FIGURES: { name: FigureName; label: string; show: (v: number | null) => string; diff: (d: number | null) => string; higherIsBetter?: boolean }[] = [
  { name: 'volume', label: 'Volume (contacts)', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'workloadErlangHours', label: 'Workload (erlang-hours)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'requiredAgentHours', label: 'Agents required (agent-hours)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'peakAgentsRequired', label: 'Peak agents required', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'peakAgentsScheduled', label: 'Peak agents scheduled', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'paidHours', label: 'Paid hours (scheduled)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'fte', label: 'FTE (average a day)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
  { name: 'cost', label: 'Cost', show: (v) => num(v), diff: (d) => signed(d) },
  { name: 'serviceLevel', label: 'Expected service level', show: (v) => pct(v), diff: (d) => signed(d === null ? null : d * 100, 1, ' pts'), higherIsBetter: true },
  { name: 'asaSeconds', label: 'Expected ASA (s)', show: (v) => num(v, 1), diff: (d) => signed(d, 1) },
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
