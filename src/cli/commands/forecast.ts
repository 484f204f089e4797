/**
 * `chatplan forecast --history H.csv --future F.csv [--aht] [--model NAME] [--tz ZONE] [--interval-minutes N]
 *  [--holidays CC[-REGION]] [--closed-dates D1,D2,...] [--special-days FILE.csv]`:
 * forecasts interval volume (and AHT) from a history CSV and prints
 * `timestamp,mean,lo80,hi80,lo95,hi95[,aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95]`, timestamps echoed as given.
 * Holidays, closed dates and special days reach the engine as special days (see src/forecast/types.ts): kept out of
 * what the models learn, with effects learned by kind from the history's own past ones. Only what the command needs
 * is loaded (date-holidays only with --holidays, the MSTL WASM only when mstlEts is named), for start-up time.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { csvTable, type CsvColumn } from '../../format/csv.ts'
import { parseCsvRecordsWithLines } from '../../imports/csvRecords.ts'
import { forecastAht } from '../../forecast/forecastAht.ts'
import { forecastVolumes } from '../../forecast/forecastVolumes.ts'
import { loadAugursMstlWasm } from '../../planning/augursRuntime.ts'
import type { ForecastResult, SpecialDay } from '../../forecast/types.ts'
import type { CliIo } from '../io.ts'
import { parseCommandOptions, UsageError, type OptionSpec } from '../options.ts'
import { numberOption } from '../optionValues.ts'
import { INTERVAL_ROW } from '../../schemas/rows.ts'
import { EVENT_BOUNDS } from '../../schemas/events.ts'
import { InputError } from '../io.ts'

export const usage = `Usage: chatplan forecast --history H.csv --future F.csv [--aht] [--model NAME] [--tz ZONE] [--interval-minutes N]
  [--holidays CC[-REGION]] [--closed-dates D1,D2,...] [--special-days FILE.csv]
Forecasts the volume of every interval listed in F.csv (column timestamp) from the history in H.csv
(columns timestamp,volume[,aht_seconds]; local interval starts, ISO-8601). The model is chosen by rolling-origin
backtest on the history unless --model is given (seasonalNaive, weekdayMean, weekdayMedian, dailyProfile,
topDownArima, mstlEts, combination, or a variant such as weekdayMean:k=4; mstlEts is tried only when named). --tz is the team's IANA zone
(default: $TZ, else UTC); the interval length is inferred from the history unless --interval-minutes is given.
Prints CSV: timestamp,mean,lo80,hi80,lo95,hi95 (80% and 95% prediction intervals), and with --aht also
aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95 (seconds; needs an aht_seconds column).
Calendar: --holidays CC[-REGION] adds the public holidays of a country (or region, e.g. US-CA) from date-holidays,
with their eves, holiday periods, bridge days, the day after and the rest of the week (holidays most firms work,
such as US Columbus Day, count as a normal day until learned); --closed-dates 2024-12-25,2024-12-26 are dates the
team is closed (forecast zero); --special-days FILE.csv lists other days (columns date,name[,effect]: effect a multiplier such as
1.4 or 0.5, or "closed"; without it, the effect is learned from past days of the same name). Days of every kind are
kept out of the weekday profiles; each kind's effect is learned from the history and shrunk toward a prior.`

/** The options this command accepts (anything else is refused by name). */
export const OPTIONS = ['history', 'future', 'aht', 'model', 'tz', 'interval-minutes', 'holidays', 'closed-dates', 'special-days'] as const
const FLAGS = ['aht']

const OPTION_SPEC: OptionSpec = { values: OPTIONS.filter((o) => !FLAGS.includes(o)), flags: FLAGS }
/** The options `chatplan forecast` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = OPTION_SPEC

/** Kept here for the forecast bench; the loader lives in src/planning/augursRuntime.ts. */
export { loadAugursMstlWasm }


interface CsvTable {
  file: string
  header: string[]
  rows: string[][]
  /** File line of each row (the header is line 1; blank lines count). */
  lines: number[]
}

function readCsv(path: string, io: CliIo, label: string): CsvTable {
  const file = resolve(io.cwd, path)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`${label} file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parseCsvRecordsWithLines(text)
  } catch (error) {
    throw new InputError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  if (records.length === 0) throw new InputError(`${path}: the file is empty (expected a header row)`)
  return { file: path, header: records[0].record.map((h) => h.toLowerCase()), rows: records.slice(1).map((r) => r.record), lines: records.slice(1).map((r) => r.info.lines) }
}

function columnIndex(table: CsvTable, name: string): number {
  const index = table.header.indexOf(name)
  if (index < 0) throw new InputError(`${table.file}: missing column ${name} (header is ${table.header.join(',')})`)
  return index
}

/** Row numbers in messages are file lines (the header is line 1). */
function numberCell(table: CsvTable, rowIndex: number, column: number, allowEmpty: boolean): number | null {
  const raw = table.rows[rowIndex][column]
  if ((raw === undefined || raw === '') && allowEmpty) return null
  const value = Number(raw)
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) {
    throw new InputError(`${table.file}: row ${table.lines[rowIndex]}, column ${table.header[column]}: ${JSON.stringify(raw ?? '')} is not a number >= 0`)
  }
  return value
}

function timestampCell(table: CsvTable, rowIndex: number, column: number): string {
  const raw = table.rows[rowIndex][column]
  if (!raw || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(raw)) {
    throw new InputError(`${table.file}: row ${table.lines[rowIndex]}, column timestamp: ${JSON.stringify(raw ?? '')} is not an ISO-8601 local time such as 2024-03-04T09:30:00`)
  }
  return raw
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const { options, positional } = parseCommandOptions(args, OPTION_SPEC)
    if (positional.length) throw new InputError(`unexpected argument ${JSON.stringify(positional[0])}: every input is given by an option (see --help)`)
    if (typeof options.history !== 'string') throw new InputError('--history H.csv is required')
    if (typeof options.future !== 'string') throw new InputError('--future F.csv is required')
    const timeZone = typeof options.tz === 'string' ? options.tz : io.env.TZ || 'UTC'
    const intervalMinutes = numberOption(options, 'interval-minutes', INTERVAL_ROW.intervalMinutes)
    const model = typeof options.model === 'string' ? options.model : undefined
    const withAht = options.aht === true

    const history = readCsv(options.history, io, 'history')
    const future = readCsv(options.future, io, 'future')
    const hTime = columnIndex(history, 'timestamp')
    const hVolume = columnIndex(history, 'volume')
    const hAht = withAht ? columnIndex(history, 'aht_seconds') : -1
    const fTime = columnIndex(future, 'timestamp')
    const timestamps = history.rows.map((_, i) => timestampCell(history, i, hTime))
    const volumes = history.rows.map((_, i) => numberCell(history, i, hVolume, false)!)
    const futureTimestamps = future.rows.map((_, i) => timestampCell(future, i, fTime))
    if (futureTimestamps.length === 0) throw new InputError(`${future.file}: no rows to forecast (the file has a header and no timestamps)`)
    if (timestamps.length === 0) throw new InputError(`${history.file}: no history rows (the file has a header only)`)

    const closedDates = typeof options['closed-dates'] === 'string' ? parseClosedDates(options['closed-dates']) : []
    const specialDays: SpecialDay[] = []
    if (typeof options.holidays === 'string') specialDays.push(...(await holidayDays(options.holidays, timeZone, timestamps[0], futureTimestamps[futureTimestamps.length - 1])))
    if (typeof options['special-days'] === 'string') specialDays.push(...readSpecialDays(options['special-days'], io))
    const input = { timestamps, volumes, futureTimestamps, timeZone, intervalMinutes, closedDates, specialDays: mergeSpecialDays(specialDays) }

    // The automatic choice here leaves mstlEts out: it was never chosen on the rolling-origin suite or the protocol
    // (npx chatplan bench forecast-rolling) and its fits were about 60% of a run on a year of hourly history.
    if (model !== undefined && (model.startsWith('mstlEts') || model === 'combination')) loadAugursMstlWasm()
    const volumeForecast = withLines(() => forecastVolumes(input, { model }), history, future)
    let ahtForecast: ForecastResult | undefined
    if (withAht) {
      const ahtSeconds = history.rows.map((_, i) => numberCell(history, i, hAht, true))
      ahtForecast = withLines(() => forecastAht({ timestamps, ahtSeconds, volumes, futureTimestamps, timeZone, intervalMinutes }), history, future)
    }
    // The README's columns; volumes are contacts per interval (2 decimals), AHT seconds (1 decimal): the shared writer.
    const header: CsvColumn[] = [{ name: 'timestamp', unit: 'time', key: true }, ...['mean', 'lo80', 'hi80', 'lo95', 'hi95'].map((name) => ({ name, unit: 'count' as const })),
      ...(withAht ? ['aht_mean', 'aht_lo80', 'aht_hi80', 'aht_lo95', 'aht_hi95'].map((name) => ({ name, unit: 'seconds' as const })) : [])]
    io.out(csvTable(header, futureTimestamps.map((timestamp, i) => [timestamp, ...columnsOf(volumeForecast, i), ...(ahtForecast ? columnsOf(ahtForecast, i) : [])])))
    io.err(`chatplan forecast: model ${volumeForecast.model}${ahtForecast ? `; AHT ${ahtForecast.model}` : ''}${volumeForecast.warnings.length ? `; ${volumeForecast.warnings.join('; ')}` : ''}\n`)
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
      io.err(`chatplan forecast: ${error.message}\n`)
      return 1
    }
    throw error
  }
}

/** mean, lo80, hi80, lo95, hi95 of forecast row `i` (levels 0.8 and 0.95 are the defaults). */
function columnsOf(forecast: ForecastResult, i: number): number[] {
  return [forecast.mean[i], forecast.lower[0][i], forecast.upper[0][i], forecast.lower[1][i], forecast.upper[1][i]]
}


const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function isCalendarDate(text: string): boolean {
  return ISO_DATE.test(text) && new Date(text + 'T00:00:00Z').toISOString().slice(0, 10) === text
}

function parseClosedDates(text: string): string[] {
  const dates = text.split(',').map((d) => d.trim()).filter(Boolean)
  if (!dates.length) throw new InputError('--closed-dates needs at least one date YYYY-MM-DD')
  for (const d of dates) if (!isCalendarDate(d)) throw new InputError(`--closed-dates: ${JSON.stringify(d)} is not a date YYYY-MM-DD`)
  return dates
}

/** Public holidays (with eves, holiday weeks and bridge days) from the first history year to the last future year. */
async function holidayDays(code: string, timeZone: string, first: string, last: string): Promise<SpecialDay[]> {
  const [{ publicHolidays }, { holidaySpecialDays, weekendOf }] = await Promise.all([import('../../events/holidays.ts'), import('../../events/holidaySpecialDays.ts')])
  const years: number[] = []
  for (let y = Number(first.slice(0, 4)) - 1; y <= Number(last.slice(0, 4)) + 1; y++) years.push(y)
  let records
  try {
    records = publicHolidays(code, years)
  } catch (error) {
    throw new InputError(`--holidays: ${(error as Error).message}`)
  }
  return holidaySpecialDays(records, timeZone, weekendOf(code.split('-')[0]))
}

/** `date,name[,effect]`: effect a multiplier >= 0, or "closed" (0); without it, learned from days of the same name. */
function readSpecialDays(path: string, io: CliIo): SpecialDay[] {
  const table = readCsv(path, io, 'special days')
  const dateColumn = columnIndex(table, 'date')
  const nameColumn = columnIndex(table, 'name')
  const effectColumn = table.header.indexOf('effect')
  return table.rows.map((row, i) => {
    const date = row[dateColumn] ?? ''
    if (!isCalendarDate(date)) throw new InputError(`${table.file}: row ${table.lines[i]}, column date: ${JSON.stringify(date)} is not a date YYYY-MM-DD`)
    const name = row[nameColumn] ?? ''
    if (!name) throw new InputError(`${table.file}: row ${table.lines[i]}, column name: a special day needs a name (days with the same name share a learned effect)`)
    const raw = effectColumn >= 0 ? (row[effectColumn] ?? '') : ''
    if (raw === '') return { date, label: name }
    if (raw.toLowerCase() === 'closed') return { date, label: name, multiplier: 0 }
    const value = Number(raw)
    // The events' multiplier bound (src/schemas/events.ts); 0 is allowed here and means closed.
    const max = EVENT_BOUNDS.multiplier.max
    if (!Number.isFinite(value) || value < 0 || value > max) throw new InputError(`${table.file}: row ${table.lines[i]}, column effect: ${JSON.stringify(raw)} is not a multiplier between 0 and ${max} (e.g. 1.4, 0.5) or "closed"`)
    return { date, label: name, multiplier: value }
  })
}

/** One special day per date: a day given in the special-days file wins over a holiday on the same date. */
function mergeSpecialDays(days: SpecialDay[]): SpecialDay[] {
  const byDate = new Map<string, SpecialDay>()
  for (const d of days) byDate.set(d.date, d)
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * Runs an engine call and rewrites positions in its error messages (`timestamps[12]`, `volumes[3]`,
 * `futureTimestamps[0]`, `ahtSeconds[5]`) as the file and line they came from.
 */
function withLines<T>(call: () => T, history: CsvTable, future: CsvTable): T {
  try {
    return call()
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error
    const message = error.message.replace(/\b(futureTimestamps|timestamps|volumes|ahtSeconds)\[(\d+)\]/g, (_, name: string, index: string) => {
      const table = name === 'futureTimestamps' ? future : history
      return `${table.file} line ${table.lines[Number(index)] ?? Number(index) + 2}`
    })
    throw new InputError(message)
  }
}
