/**
 * How every page, chart and input writes numbers: one module, so the same figure reads the same everywhere.
 * Durations have one style ("45 s", "1 min 55 s", "2 h 05 min"), never "115.0 s" next to "2 min 15 s"; missing values
 * are "–"; shares are percentages with one decimal; large chart ticks are compact ("25.7k").
 */

/** What a missing or non-finite value shows as. */
export const NONE = '–'

const isNumber = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v)

/**
 * One Intl.NumberFormat per number of decimals, made once: `toLocaleString` with options builds a new formatter
 * every call (~30 µs), which made a 600-agent schedule page spend 140 ms writing numbers.
 */
const decimalFormats = new Map<number, Intl.NumberFormat>()
function decimalFormat(digits: number): Intl.NumberFormat {
  let format = decimalFormats.get(digits)
  if (!format) decimalFormats.set(digits, format = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }))
  return format
}

/** A count with thousands separators: 22158 → "22,158". */
export function formatCount(value: number | null | undefined): string {
  return isNumber(value) ? Math.round(value).toLocaleString('en') : NONE
}

/** A number with exactly `digits` decimals and thousands separators: (1234.5, 1) → "1,234.5". */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  return isNumber(value) ? decimalFormat(digits).format(value) : NONE
}

/** A fraction in 0–1 as a percentage: 0.9437 → "94.4%". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  return isNumber(fraction) ? `${(fraction * 100).toFixed(digits)}%` : NONE
}

/** A signed difference: "+12.5", "−3", "0" (with `unit` appended, e.g. " pts"). */
export function formatSigned(value: number | null | undefined, digits = 0, unit = ''): string {
  if (!isNumber(value)) return NONE
  const rounded = Number(value.toFixed(digits))
  if (rounded === 0) return `0${unit}`
  return `${rounded > 0 ? '+' : '−'}${decimalFormat(digits).format(Math.abs(rounded))}${unit}`
}

/**
 * A compact number for chart ticks: 25700 → "25.7k", 1.25e6 → "1.3M", 12 → "12", 0.25 → "0.25".
 * @param digits decimals after the k/M scaling (ticks raise it until neighbouring labels differ)
 */
export function formatCompact(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return NONE
  const abs = Math.abs(value)
  if (abs >= 1e6) return (value / 1e6).toFixed(digits) + 'M'
  if (abs >= 1e4) return (value / 1e3).toFixed(digits) + 'k'
  if (Number.isInteger(value)) return value.toLocaleString('en')
  return value.toLocaleString('en', { maximumFractionDigits: abs < 10 ? Math.max(2, digits) : digits })
}

/**
 * A duration in seconds, in the one style of the app: under a minute in seconds ("45 s"; one decimal under 10 s:
 * "8.4 s"), under an hour in minutes and seconds ("1 min 55 s", "2 min"), else hours and minutes ("2 h 05 min").
 * Negative durations keep their sign ("−1 min 05 s").
 * @example formatDuration(115) === '1 min 55 s'
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return NONE
  const sign = seconds < 0 ? '−' : ''
  const abs = Math.abs(seconds)
  if (abs < 10 && !Number.isInteger(Math.round(abs * 10) / 10)) return `${sign}${(Math.round(abs * 10) / 10).toFixed(1)} s`
  const total = Math.round(abs)
  if (total < 60) return `${sign}${total} s`
  if (total < 3600) {
    const minutes = Math.floor(total / 60)
    const rest = total - minutes * 60
    return rest ? `${sign}${minutes} min ${String(rest).padStart(2, '0')} s` : `${sign}${minutes} min`
  }
  const hours = Math.floor(total / 3600)
  const minutes = Math.round((total - hours * 3600) / 60)
  return minutes === 60 ? `${sign}${hours + 1} h` : minutes ? `${sign}${hours} h ${String(minutes).padStart(2, '0')} min` : `${sign}${hours} h`
}

/** A duration given in minutes: 510 → "8 h 30 min", 480 → "8 h", 45 → "45 min". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (!isNumber(minutes)) return NONE
  if (Math.abs(minutes) < 60) return `${Math.round(minutes)} min`
  return formatDuration(minutes * 60)
}

/** A duration bucket of a histogram in the same style: (120, 180) → "2–3 min", (1800, null) → "30 min +". */
export function formatDurationRange(lowSeconds: number, highSeconds: number | null): string {
  if (highSeconds === null) return `${formatDuration(lowSeconds)} +`
  const low = formatDuration(lowSeconds)
  const high = formatDuration(highSeconds)
  // "2 min–3 min" reads better as "2–3 min" when both are whole units of the same kind.
  const unit = /^(\d+) (s|min|h)$/
  const a = unit.exec(low)
  const b = unit.exec(high)
  if (a && b && a[2] === b[2]) return `${a[1]}–${b[1]} ${a[2]}`
  return `${low}–${high}`
}
