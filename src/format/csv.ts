/**
 * The one CSV writer of every export (web downloads and command-line output). Pure: plain rows in, text out.
 *
 * Conventions, applied to every file the app writes:
 * - **RFC 4180**: cells holding a comma, double quote, CR or LF are quoted, quotes doubled; lines end in "\n".
 * - **Formula neutralising** (the OWASP "CSV injection" rule): a *text* cell that starts with `=`, `+`, `-`, `@`,
 *   a tab or a carriage return is prefixed with a single quote (`'=HYPERLINK(…)`), so a spreadsheet shows it as
 *   text instead of running it. Numbers are written as numbers and never prefixed, so `-2.5` stays a number.
 * - **Times** are the local wall-clock time of the queue's zone with its UTC offset, ISO 8601 to the second:
 *   `2000-01-04T09:30:00+02:00` ({@link csvTime}, {@link csvLocalTime}); dates are `YYYY-MM-DD`.
 * - **Units in headers**: a column that has a unit says it (`aht_seconds`, `workload_erlangs`,
 *   `service_level_fraction`, `shortfall_agent_hours`).
 * - **Rounding**: one rule per unit family ({@link CSV_DECIMALS}); trailing zeros dropped, `-0` written `0`;
 *   an unbounded value (an infinite ASA) is written `inf`, a missing one as an empty cell.
 * - **No blank keys**: a column marked `key` must hold a value on every row (the writer throws otherwise), so an
 *   unassigned shift reads `unassigned` in the agent column rather than an empty cell.
 */
import { DateTime } from 'luxon'

/** Unit families; each has one rounding rule. */
export type CsvUnit =
  | 'text' // names, labels, free text: neutralised, never rounded
  | 'time' // local time with offset (text built by csvTime)
  | 'date' // YYYY-MM-DD
  | 'id' // identifiers and whole-number keys: written as they are
  | 'count' // contacts, chats, shifts (forecast counts are fractional)
  | 'seconds'
  | 'minutes'
  | 'hours' // agent-hours, paid hours
  | 'agents' // agents, FTE
  | 'erlangs'
  | 'fraction' // shares and rates in 0–1
  | 'money'
  | 'points' // CSAT scores, NPS points
  | 'number' // anything else (multipliers, ratios)

/**
 * Decimals kept per unit family (rounded half away from zero). Counts 2 (a forecast of 12.35 contacts), seconds and minutes 1, hours 2,
 * agents 2, erlangs 3, fractions 4 (a service level of 0.8123 = 81.23 %), money 2, points 2, other numbers 4.
 * `id`, `text`, `time` and `date` are not rounded.
 */
export const CSV_DECIMALS: Readonly<Record<CsvUnit, number | null>> = {
  text: null, time: null, date: null, id: null,
  count: 2, seconds: 1, minutes: 1, hours: 2, agents: 2, erlangs: 3, fraction: 4, money: 2, points: 2, number: 4,
}

export interface CsvColumn {
  /** The header, with its unit when it has one (`aht_seconds`). */
  name: string
  /** How numbers in this column are rounded. @default 'number' for numbers, text otherwise */
  unit?: CsvUnit
  /** A key column: every row must hold a non-empty value. */
  key?: boolean
}

export type CsvValue = string | number | boolean | null | undefined

/** Characters that make a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/

/** A text cell made safe for spreadsheets: a leading `= + - @` tab or CR gets a `'` in front. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** RFC 4180 quoting of an already formatted cell. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A number rounded by its unit family, as CSV text: `inf` / `-inf` when unbounded, empty when NaN. */
export function csvNumber(value: number, unit: CsvUnit = 'number'): string {
  if (Number.isNaN(value)) return ''
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  const decimals = CSV_DECIMALS[unit]
  if (decimals === null) return String(value)
  const factor = 10 ** decimals
  // Half away from zero, so -0.25 and 0.25 round to the same magnitude.
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * factor) / factor
  if (rounded === 0) return '0'
  // toFixed then trimming keeps 1e-7-sized noise and exponent notation out of the file.
  return Math.abs(rounded) >= 1e21 ? String(rounded) : rounded.toFixed(decimals).replace(/\.?0+$/, '')
}

/** One cell of a column: numbers rounded, text neutralised, then quoted. */
export function csvCell(value: CsvValue, unit?: CsvUnit): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return csvNumber(value, unit === undefined || unit === 'text' ? 'number' : unit)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return quoteCsv(neutraliseFormula(value))
}

function columnOf(column: CsvColumn | string): CsvColumn {
  return typeof column === 'string' ? { name: column } : column
}

/**
 * A CSV document: the header then one line per row, every line ending in "\n".
 * @throws RangeError when a row's length differs from the header's, or a key column is empty.
 */
export function csvTable(columns: ReadonlyArray<CsvColumn | string>, rows: Iterable<ReadonlyArray<CsvValue>>): string {
  const cols = columns.map(columnOf)
  const lines = [cols.map((c) => quoteCsv(neutraliseFormula(c.name))).join(',')]
  let n = 0
  for (const row of rows) {
    n++
    if (row.length !== cols.length) throw new RangeError(`CSV row ${n} has ${row.length} cells for ${cols.length} columns`)
    lines.push(row.map((value, i) => {
      const col = cols[i]
      if (col.key && (value === null || value === undefined || value === '')) throw new RangeError(`CSV row ${n}: the key column ${col.name} is empty`)
      return csvCell(value, col.unit)
    }).join(','))
  }
  return lines.join('\n') + '\n'
}

/** Builds the header and rows from objects with one accessor per column. */
export function csvFromRecords<T>(columns: ReadonlyArray<CsvColumn & { value: (row: T) => CsvValue }>, records: Iterable<T>): string {
  function* rows() { for (const r of records) yield columns.map((c) => c.value(r)) }
  return csvTable(columns, rows())
}

/** A UTC instant as the local time of `timeZone` with its offset: `2000-01-04T09:30:00+02:00`. */
export function csvTime(utcMs: number, timeZone: string): string {
  const dt = DateTime.fromMillis(utcMs, { zone: timeZone })
  if (!dt.isValid) throw new RangeError(`cannot write ${utcMs} in time zone '${timeZone}': ${dt.invalidExplanation ?? dt.invalidReason}`)
  return dt.toFormat(ISO_WITH_OFFSET)
}

/** ISO 8601 to the second with a numeric offset (`+00:00`, never `Z`, so every time reads alike). */
const ISO_WITH_OFFSET = "yyyy-MM-dd'T'HH:mm:ssZZ"

/**
 * A local wall-clock time (`2000-01-04T09:30` or with seconds) of `timeZone` with its offset added. A time in the
 * autumn repeat takes the earlier occurrence, one in the spring gap moves forward (luxon's rules); where the UTC
 * instant is known, {@link csvTime} is exact.
 */
export function csvLocalTime(localIso: string, timeZone: string): string {
  const dt = DateTime.fromISO(localIso, { zone: timeZone })
  if (!dt.isValid) throw new RangeError(`'${localIso}' is not a local time in ${timeZone}`)
  return dt.toFormat(ISO_WITH_OFFSET)
}
