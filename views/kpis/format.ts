/** How the KPI page writes numbers: shares as percentages, durations in seconds (and minutes when long), "–" for none. */
export function formatShare(value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(digits)}%`
}

export function formatSeconds(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–'
  if (Math.abs(value) < 120) return `${Number.isInteger(value) ? value : value.toFixed(1)} s`
  const total = Math.round(value)
  const minutes = Math.floor(total / 60)
  return `${minutes} min ${total - minutes * 60} s`
}

export function formatCount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : Math.round(value).toLocaleString('en')
}

export function formatDecimal(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits)
}

export function formatPoints(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(1)
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
