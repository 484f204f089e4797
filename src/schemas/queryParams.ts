/**
 * Every query parameter the pages read, parsed by one schema: dates are real calendar dates from 1970 to 2100,
 * months real months, numbers inside their bounds, texts short. A request with a value that fails is answered 400
 * with the message (see src/web/middleware/queryParams.ts) before any route reads it. Empty values mean "not given".
 * Parameters not listed here (a form's fields sent by GET, like the SLA form's "measure") are bounded in length only.
 */
import { z } from 'zod'
import { numberInput, textInput, type NumberBound, type TextBound } from './bounds.ts'

/** The calendar years a date may fall in, here and in imports (see the import date window). */
export const MIN_YEAR = 1970
export const MAX_YEAR = 2100

/** The instants a stored row may be read at: rows outside (imported before the import window existed) are ignored by the default ranges. */
export const SANE_MIN_MS = Date.UTC(MIN_YEAR, 0, 1)
export const SANE_MAX_MS = Date.UTC(MAX_YEAR + 1, 0, 1)

/** The longest value any query parameter may have. */
export const MAX_QUERY_VALUE_CHARS = 2000

/** True for a real calendar date YYYY-MM-DD between MIN_YEAR and MAX_YEAR. */
export function isSaneDateKey(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const year = Number(text.slice(0, 4))
  if (year < MIN_YEAR || year > MAX_YEAR) return false
  const d = new Date(text + 'T00:00:00Z')
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}

/** "must fall between 1970 and 2100, got '9999-01-09T07:00'" for a date or date-time whose date is a real date outside the years, else null. */
export function outsideYearsProblem(text: string): string | null {
  const year = Number(text.slice(0, 4))
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || (year >= MIN_YEAR && year <= MAX_YEAR)) return null
  return `must fall between ${MIN_YEAR} and ${MAX_YEAR}, got '${text.slice(0, 40)}'`
}

/** A date parameter (YYYY-MM-DD, 1970–2100). */
export function dateKeyParam(label: string) {
  return z.string().refine(isSaneDateKey, { message: `${label} must be a date written YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}` })
}

/** A month parameter (YYYY-MM, 1970–2100). */
export function monthParam(label: string) {
  return z.string().refine((t) => /^\d{4}-\d{2}$/.test(t) && isSaneDateKey(`${t}-01`), { message: `${label} must be a month written YYYY-MM between ${MIN_YEAR} and ${MAX_YEAR}` })
}

const int = (label: string, min: number, max: number): NumberBound => ({ label, min, max, integer: true })
const MIN_MS = Date.UTC(MIN_YEAR, 0, 1)
const MAX_MS = Date.UTC(MAX_YEAR + 1, 0, 1)

/** The SLA threshold of the KPI pages, the API's KPI reads and `chatplan kpis --threshold`. */
export const KPI_THRESHOLD_SECONDS: NumberBound = { label: 'The SLA threshold', min: 0, max: 86_400, unit: 'seconds' }

/** Simulation runs of the staffing page's day check (`?runs=`): fewer say little, more take too long. */
export const SIMULATION_RUNS: NumberBound = { label: 'Simulation runs', min: 5, max: 50, integer: true }

/** A forecast model's name as typed (`ets`, `arima:p=2,d=1,q=1`): the forecast form and `?model=`. */
export const MODEL_NAME: TextBound = { label: 'Model', maxLength: 100 }

/** How often the today page refreshes itself (`?refresh=`). */
export const REFRESH_SECONDS: NumberBound = { label: 'The refresh interval', min: 2, max: 300, integer: true, unit: 'seconds' }

/** The schema of each known query parameter (by name; the same meaning on every page). */
export const QUERY_PARAMS = {
  queue: textInput({ label: 'Queue', maxLength: 200 }),
  from: dateKeyParam('The from date'),
  to: dateKeyParam('The to date'),
  day: dateKeyParam('The day'),
  date: dateKeyParam('The date'),
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'The time must be a clock time written HH:MM (00:00 to 24:00)' }),
  year: numberInput(int('The year', MIN_YEAR, MAX_YEAR)),
  refresh: numberInput(REFRESH_SECONDS),
  label: dateKeyParam('The day of the unexplained change'),
  month: monthParam('The month'),
  threshold: numberInput(KPI_THRESHOLD_SECONDS),
  runs: numberInput(SIMULATION_RUNS),
  start: numberInput({ label: 'The interval start', min: MIN_MS, max: MAX_MS, integer: true }),
  explain: numberInput({ label: 'The interval to explain', min: MIN_MS, max: MAX_MS, integer: true }),
  ratio: numberInput({ label: 'The ratio', min: 0, max: 1_000_000 }),
  version: numberInput(int('The settings version', 0, 1_000_000_000)),
  baseline: numberInput(int('The baseline', 1, Number.MAX_SAFE_INTEGER)),
  snapshot: numberInput(int('The snapshot', 1, Number.MAX_SAFE_INTEGER)),
  before: numberInput(int('The older-entries marker', 0, Number.MAX_SAFE_INTEGER)),
  intervalMinutes: numberInput(int('Interval length', 1, 1440)),
  job: z.string().regex(/^[0-9a-z]{1,40}$/, { message: 'The job must be the letters and digits of a job id' }),
  by: z.enum(['interval', 'day', 'week'], { message: 'By must be interval, day or week' }),
  entity: textInput({ label: 'The kind of change', maxLength: 100 }),
  model: textInput(MODEL_NAME),
  next: textInput({ label: 'The page to go to next', maxLength: MAX_QUERY_VALUE_CHARS }),
} as const satisfies Record<string, z.ZodType>

export type QueryParamName = keyof typeof QUERY_PARAMS

/**
 * The problems of a query string: each known parameter (non-empty values) against its schema, every value against
 * MAX_QUERY_VALUE_CHARS, and a parameter given twice with different values. Empty when the query can be used.
 */
export function queryProblems(params: URLSearchParams): string[] {
  const problems: string[] = []
  const seen = new Map<string, string>()
  for (const [name, value] of params) {
    if (value.length > MAX_QUERY_VALUE_CHARS) { problems.push(`The value of '${name.slice(0, 40)}' is longer than ${MAX_QUERY_VALUE_CHARS} characters`); continue }
    const earlier = seen.get(name)
    if (earlier !== undefined && earlier !== value && name in QUERY_PARAMS) { problems.push(`'${name}' is given twice with different values`); continue }
    seen.set(name, value)
    if (value.trim() === '' || !(name in QUERY_PARAMS)) continue
    const parsed = (QUERY_PARAMS as Record<string, z.ZodType>)[name].safeParse(value.trim())
    if (!parsed.success) {
      const message = parsed.error.issues[0].message
      problems.push(message.includes(', got ') ? message : `${message}, got '${value.slice(0, 60)}'`)
    }
  }
  return problems
}
