/** Parsers for the cells of imported files. Each returns the value, `null` for an empty cell, or an error message. */
import { parseLocalIsoToUtcMs } from '../time/zones.ts'

export type Parsed<T> = { value: T | null } | { error: string }

const EMPTY = new Set(['', 'null', 'na', 'n/a', '-', 'none'])

export function isEmptyCell(text: string | undefined): boolean {
  if (text === undefined || text === '') return true
  if (text.length > 6) return false // every empty marker is short; this keeps million-row imports fast
  return EMPTY.has(text.trim().toLowerCase())
}

/** The earliest time an import accepts (before it, a date is a typo or a placeholder such as 0000-00-00). */
export const EARLIEST_IMPORT_MS = Date.UTC(1970, 0, 1)
/** How far ahead of now an import accepts times (a planned interval may be ahead; 9999-12-31 is a placeholder). */
export const IMPORT_YEARS_AHEAD = 10
/** The longest duration (wait, handle, AHT) an import accepts: 7 days, in seconds (src/schemas/rows.ts). */
export { MAX_DURATION_SECONDS } from '../schemas/rows.ts'
import { MAX_DURATION_SECONDS } from '../schemas/rows.ts'

export interface TimeWindow { fromMs: number; toMs: number }

/** The window imported times must fall in: 1970-01-01 to ten years from `nowMs`. */
export function importTimeWindow(nowMs: number = Date.now()): TimeWindow {
  const to = new Date(nowMs)
  to.setUTCFullYear(to.getUTCFullYear() + IMPORT_YEARS_AHEAD)
  return { fromMs: EARLIEST_IMPORT_MS, toMs: to.getTime() }
}

/** The message for a time outside the window (quoting the cell as written, so year 0000 is not shown as 1900), or null. */
export function timeOutsideWindow(ms: number, text: string | undefined, window: TimeWindow): string | null {
  if (ms >= window.fromMs && ms <= window.toMs) return null
  return `time '${text}' is outside the accepted range ${new Date(window.fromMs).toISOString().slice(0, 10)} to ${new Date(window.toMs).toISOString().slice(0, 10)} (a typo in the year?)`
}

export function parseTimeCell(text: string | undefined, zone: string): Parsed<number> {
  if (isEmptyCell(text)) return { value: null }
  const ms = parseLocalIsoToUtcMs(text!, zone)
  if (Number.isNaN(ms)) return { error: `unparseable time '${text}' (expected ISO 8601 like 2024-03-01T09:30:00)` }
  return { value: ms }
}

export function parseNumberCell(text: string | undefined, what: string, { min = -Infinity, max = Infinity, integer = false } = {}): Parsed<number> {
  if (isEmptyCell(text)) return { value: null }
  const trimmed = text!.trim()
  const n = Number(trimmed)
  if (!Number.isFinite(n) || trimmed === '') {
    const decimalComma = /^-?\d+,\d+$/.test(trimmed) ? ` (write decimals with a point: ${trimmed.replace(',', '.')})` : ''
    return { error: `${what} '${text}' is not a number${decimalComma}` }
  }
  if (integer && !Number.isInteger(n)) return { error: `${what} ${trimmed} is not a whole number` }
  if (n < min) return { error: min === 0 ? `negative ${what} ${trimmed}` : `${what} ${trimmed} is below ${min}` }
  if (n > max) return { error: `${what} ${trimmed} is above ${max}` }
  return { value: n }
}

function tooLong(what: string, text: string): string {
  return `${what} ${text} s is longer than 7 days (${MAX_DURATION_SECONDS} s), the most a chat duration may be`
}

/** Durations (at most MAX_DURATION_SECONDS): seconds as a number, or "HH:MM:SS" / "MM:SS" as chat platforms export them. */
export function parseDurationCell(text: string | undefined, what: string): Parsed<number> {
  if (isEmptyCell(text)) return { value: null }
  const trimmed = text!.trim()
  const clock = /^(-)?(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(trimmed)
  if (clock) {
    if (clock[1]) return { error: `negative ${what} ${trimmed}` }
    const seconds = Number(clock[2] ?? 0) * 3600 + Number(clock[3]) * 60 + Number(clock[4])
    return seconds > MAX_DURATION_SECONDS ? { error: tooLong(what, trimmed) } : { value: seconds }
  }
  const parsed = parseNumberCell(text, what, { min: 0 })
  if ('value' in parsed && parsed.value !== null && parsed.value > MAX_DURATION_SECONDS) return { error: tooLong(what, trimmed) }
  return parsed
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't', 'resolved'])
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f', 'unresolved', 'not resolved'])

export function parseBooleanCell(text: string | undefined, what: string): Parsed<boolean> {
  if (isEmptyCell(text)) return { value: null }
  const t = text!.trim().toLowerCase()
  if (TRUE_WORDS.has(t)) return { value: true }
  if (FALSE_WORDS.has(t)) return { value: false }
  return { error: `${what} '${text}' is not yes/no (use true/false, yes/no or 1/0)` }
}

const ANSWERED = new Set(['answered', 'agent', 'served', 'handled', 'completed', 'complete', 'closed', 'resolved', 'chatted'])
const ABANDONED = new Set(['abandoned', 'hang', 'missed', 'dropped', 'unanswered', 'abandon', 'left', 'lost'])

export function parseOutcomeCell(text: string | undefined): Parsed<'answered' | 'abandoned'> {
  if (isEmptyCell(text)) return { value: null }
  const t = text!.trim().toLowerCase()
  if (ANSWERED.has(t)) return { value: 'answered' }
  if (ABANDONED.has(t)) return { value: 'abandoned' }
  return { error: `outcome '${text}' is neither answered nor abandoned` }
}

const NOT_RATED = new Set(['not rated', 'unrated', 'no rating', 'unoffered', 'offered'])

/** CSAT on a 1–5 scale; "good"/"bad" ratings (LiveChat, Zendesk) become 5 and 1, "not rated" is empty. */
export function parseCsatCell(text: string | undefined): Parsed<number> {
  if (isEmptyCell(text)) return { value: null }
  const t = text!.trim().toLowerCase()
  if (NOT_RATED.has(t)) return { value: null }
  if (t === 'good' || t === 'rated good' || t === 'satisfied') return { value: 5 }
  if (t === 'bad' || t === 'rated bad' || t === 'unsatisfied' || t === 'dissatisfied') return { value: 1 }
  return parseNumberCell(text, 'CSAT', { min: 1, max: 5, integer: true })
}

export function parseNpsCell(text: string | undefined): Parsed<number> {
  return parseNumberCell(text, 'NPS answer', { min: 0, max: 10, integer: true })
}

/*
 * Fast paths for million-row imports. Each handles only the unambiguous common shape of a cell and returns
 * `null` for an empty cell, the value, or NaN meaning "not the common shape: ask the full parser above", which
 * then gives the value or the error message. So the fast and the full parsers can never disagree on a value.
 */

/** The cell's text without surrounding spaces, or null when it is empty or an empty marker ('NA', 'null', '-', ...). */
export function textCellFast(text: string | undefined): string | null {
  if (text === undefined || text === '') return null
  const first = text.charCodeAt(0)
  const last = text.charCodeAt(text.length - 1)
  // Empty markers start with 'n', 'N' or '-'; anything else with no space at either end is kept as it is.
  if (first > 32 && last > 32 && first !== 110 && first !== 78 && first !== 45) return text
  return isEmptyCell(text) ? null : text.trim()
}

/** A whole number of at most 15 digits, no sign, no spaces: its value; empty: null; otherwise NaN. */
export function unsignedIntegerCellFast(text: string | undefined): number | null {
  if (text === undefined || text === '') return null
  const length = text.length
  if (length > 15) return NaN
  let n = 0
  for (let i = 0; i < length; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    n = n * 10 + d
  }
  return n
}
