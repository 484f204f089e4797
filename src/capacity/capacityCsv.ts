/** A capacity plan's weeks as CSV (the /capacity export). */

export interface CapacityCsvWeek {
  weekStart: string; volume: number; volumeLo80: number; volumeHi80: number; ahtSeconds: number
  requiredFte: number; requiredFteLo80: number; requiredFteHi80: number; headcount: number; inTraining: number
  productiveFte: number; gapFte: number; hiresStarting: number; recommendedHires: number; leavers: number; serviceLevelIfNothingDone: number | null
}

export const CAPACITY_CSV_COLUMNS = [
  'plan', 'queue', 'week_start', 'volume', 'volume_lo80', 'volume_hi80', 'aht_seconds', 'required_fte', 'required_fte_lo80', 'required_fte_hi80',
  'headcount', 'in_training', 'productive_fte', 'gap_fte', 'hires_starting', 'recommended_hires', 'leavers', 'service_level_if_nothing_done',
] as const

/** Quotes a cell when needed and neutralises text a spreadsheet would run as a formula (=, +, -, @ first). */
export function capacityCsvCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

const r = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits + 0

export function capacityPlanCsv(planName: string, queueName: string, weeks: readonly CapacityCsvWeek[]): string {
  const lines = [CAPACITY_CSV_COLUMNS.join(',')]
  for (const w of weeks) {
    lines.push([
      planName, queueName, w.weekStart, r(w.volume, 1), r(w.volumeLo80, 1), r(w.volumeHi80, 1), r(w.ahtSeconds, 1), r(w.requiredFte, 2), r(w.requiredFteLo80, 2), r(w.requiredFteHi80, 2),
      r(w.headcount, 2), r(w.inTraining, 2), r(w.productiveFte, 2), r(w.gapFte, 2), r(w.hiresStarting, 0), r(w.recommendedHires, 0), r(w.leavers, 3),
      w.serviceLevelIfNothingDone === null ? null : r(w.serviceLevelIfNothingDone, 4),
    ].map(capacityCsvCell).join(','))
  }
  return lines.join('\n') + '\n'
}
