/** How the KPI page writes numbers: the app's one number and duration style (src/format/numbers.ts). */
import { formatCount as count, formatDecimal as decimal, formatDuration, formatPercent } from '../../src/format/numbers.ts'

export function formatShare(value: number | null, digits = 1): string {
  return formatPercent(value, digits)
}

/** Durations in the one style of the app: "45 s", "1 min 55 s" (never "115.0 s" next to "2 min 15 s"). */
export function formatSeconds(value: number | null): string {
  return formatDuration(value)
}

export function formatCount(value: number | null): string {
  return count(value)
}

export function formatDecimal(value: number | null, digits = 2): string {
  return decimal(value, digits)
}

export function formatPoints(value: number | null): string {
  return decimal(value, 1)
}

/** A summary value in its unit. */
export function formatByUnit(value: number | null, unit: string): string {
  switch (unit) {
    case 'fraction': return formatShare(value)
    case 'seconds': return formatSeconds(value)
    case 'contacts': return formatCount(value)
    case 'chats': return value !== null && Number.isInteger(value) ? String(value) : formatDecimal(value)
    case 'erlangs': return formatDecimal(value)
    default: return formatPoints(value)
  }
}
