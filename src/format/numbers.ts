/**
 * How every page, chart and input writes numbers: one module, so the same figure reads the same everywhere.
 * Durations have one style ("45 s", "1 min 55 s", "2 h 05 min"), never "115.0 s" next to "2 min 15 s"; missing values
 * are "–"; shares are percentages with one decimal; large chart ticks are compact ("25.7k").
 *
 * The thousands and decimal separators are the team's choice in Settings (default "1,234.5"); the web layer runs each
 * request inside that style (`withNumberStyle`, as dates do with `withDateStyle`), so views call these functions
 * without threading it through. CSV files and the command line never use them: they write plain "1234.5"
 * (src/format/csv.ts), and number inputs always take a point as the decimal mark.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

/** What a missing or non-finite value shows as. */
export const NONE = '–'

/** The separator styles a team can choose: thousands separator, then decimal mark. */
export const NUMBER_STYLES = ['comma-point', 'point-comma', 'space-comma', 'apostrophe-point'] as const
export type NumberStyle = (typeof NUMBER_STYLES)[number]

export const DEFAULT_NUMBER_STYLE: NumberStyle = 'comma-point'

/** The separators of each style (the space is a no-break space, so a number never breaks across lines). */
const SEPARATORS: Record<NumberStyle, { group: string; decimal: string }> = {
  'comma-point': { group: ',', decimal: '.' },
  'point-comma': { group: '.', decimal: ',' },
  'space-comma': { group: '\u00a0', decimal: ',' },
  'apostrophe-point': { group: '\u2019', decimal: '.' },
}

/** How each style is described in Settings (the example, 12345.6, is written by `formatDecimal`). */
export const NUMBER_STYLE_INFO: Record<NumberStyle, { label: string }> = {
  'comma-point': { label: 'Comma for thousands, point for decimals (UK, US, Israel)' },
  'point-comma': { label: 'Point for thousands, comma for decimals (Germany, Spain, Italy, Brazil)' },
  'space-comma': { label: 'Space for thousands, comma for decimals (France, Nordics, Poland)' },
  'apostrophe-point': { label: 'Apostrophe for thousands, point for decimals (Switzerland)' },
}

export function isNumberStyle(value: unknown): value is NumberStyle {
  return typeof value === 'string' && (NUMBER_STYLES as readonly string[]).includes(value)
}

const storage = new AsyncLocalStorage<NumberStyle>()

/** Runs `fn` with numbers written in `style` (the web layer wraps each request in the team's style). */
export function withNumberStyle<T>(style: NumberStyle, fn: () => T): T {
  return storage.run(style, fn)
}

/** The style in force: the request's, else the default. */
export function currentNumberStyle(): NumberStyle {
  return storage.getStore() ?? DEFAULT_NUMBER_STYLE
}

/** A number written with "," for thousands and "." for decimals, in `style`'s separators. */
function localized(text: string, style: NumberStyle): string {
  if (style === 'comma-point') return text
  const { group, decimal } = SEPARATORS[style]
  return text.replace(/[,.]/g, (c) => (c === ',' ? group : decimal))
}

/**
 * One Intl.NumberFormat per (min, max) decimals, made once: `toLocaleString` with options builds a new formatter
 * every call (~30 µs), which made a 600-agent schedule page spend 140 ms writing numbers.
 */
const formats = new Map<string, Intl.NumberFormat>()
function grouped(value: number, minDigits: number, maxDigits: number): string {
  const key = `${minDigits}:${maxDigits}`
  let format = formats.get(key)
  if (!format) formats.set(key, format = new Intl.NumberFormat('en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits }))
  return format.format(value)
}

const isNumber = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v)

/** A count with thousands separators: 22158 → "22,158". */
export function formatCount(value: number | null | undefined, style: NumberStyle = currentNumberStyle()): string {
  return isNumber(value) ? localized(grouped(Math.round(value), 0, 0), style) : NONE
}

/** A number with exactly `digits` decimals and thousands separators: (1234.5, 1) → "1,234.5". */
export function formatDecimal(value: number | null | undefined, digits = 1, style: NumberStyle = currentNumberStyle()): string {
  return isNumber(value) ? localized(grouped(value, digits, digits), style) : NONE
}

/** A number with at most `maxDigits` decimals and no trailing zeros: (2.8600, 2) → "2.86", (3, 2) → "3". */
export function formatUpTo(value: number | null | undefined, maxDigits = 2, style: NumberStyle = currentNumberStyle()): string {
  return isNumber(value) ? localized(grouped(value, 0, maxDigits), style) : NONE
}

/** A fraction in 0–1 as a percentage: 0.9437 → "94.4%". */
export function formatPercent(fraction: number | null | undefined, digits = 1, style: NumberStyle = currentNumberStyle()): string {
  return isNumber(fraction) ? `${localized((fraction * 100).toFixed(digits), style)}%` : NONE
}

/** A signed difference: "+12.5", "−3", "0" (with `unit` appended, e.g. " pts"). */
export function formatSigned(value: number | null | undefined, digits = 0, unit = '', style: NumberStyle = currentNumberStyle()): string {
  if (!isNumber(value)) return NONE
  const rounded = Number(value.toFixed(digits))
  if (rounded === 0) return `0${unit}`
  return `${rounded > 0 ? '+' : '−'}${localized(grouped(Math.abs(rounded), digits, digits), style)}${unit}`
}

/** A signed share in percentage points or percent: (0.034, ' points') → "+3.4 points", (−0.1, '%') → "−10.0%". */
export function formatSignedPercent(fraction: number | null | undefined, digits = 1, unit = '%', style: NumberStyle = currentNumberStyle()): string {
  return isNumber(fraction) ? formatSigned(fraction * 100, digits, unit, style) : NONE
}

/**
 * A compact number for chart ticks: 25700 → "25.7k", 1.25e6 → "1.3M", 12 → "12", 0.25 → "0.25".
 * @param digits decimals after the k/M scaling (ticks raise it until neighbouring labels differ)
 */
export function formatCompact(value: number, digits = 1, style: NumberStyle = currentNumberStyle()): string {
  if (!Number.isFinite(value)) return NONE
  const abs = Math.abs(value)
  if (abs >= 1e6) return localized((value / 1e6).toFixed(digits), style) + 'M'
  if (abs >= 1e4) return localized((value / 1e3).toFixed(digits), style) + 'k'
  if (Number.isInteger(value)) return localized(grouped(value, 0, 0), style)
  return localized(grouped(value, 0, abs < 10 ? Math.max(2, digits) : digits), style)
}

/**
 * A duration in seconds, in the one style of the app: under a minute in seconds ("45 s"; one decimal under 10 s:
 * "8.4 s"), under an hour in minutes and seconds ("1 min 55 s", "2 min"), else hours and minutes ("2 h 05 min").
 * Negative durations keep their sign ("−1 min 05 s").
 * @example formatDuration(115) === '1 min 55 s'
 */
export function formatDuration(seconds: number | null | undefined, style: NumberStyle = currentNumberStyle()): string {
  if (!isNumber(seconds)) return NONE
  const sign = seconds < 0 ? '−' : ''
  const abs = Math.abs(seconds)
  if (abs < 10 && !Number.isInteger(Math.round(abs * 10) / 10)) return `${sign}${localized((Math.round(abs * 10) / 10).toFixed(1), style)} s`
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
