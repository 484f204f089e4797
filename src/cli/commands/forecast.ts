/**
 * `chatplan forecast --history H.csv --future F.csv [--aht] [--model NAME] [--tz ZONE] [--interval-minutes N]`:
 * forecasts interval volume (and AHT) from a history CSV and prints
 * `timestamp,mean,lo80,hi80,lo95,hi95[,aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95]`, timestamps echoed as given.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { csvTable, type CsvColumn } from '../../format/csv.ts'
import { parseCsvRecords } from '../../imports/csvRecords.ts'
import { forecastAht } from '../../forecast/forecastAht.ts'
import { forecastVolumes } from '../../forecast/forecastVolumes.ts'
import { loadAugursMstlWasm } from '../../planning/augursRuntime.ts'
import type { ForecastResult } from '../../forecast/types.ts'
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'

export const usage = `Usage: chatplan forecast --history H.csv --future F.csv [--aht] [--model NAME] [--tz ZONE] [--interval-minutes N]
Forecasts the volume of every interval listed in F.csv (column timestamp) from the history in H.csv
(columns timestamp,volume[,aht_seconds]; local interval starts, ISO-8601). The model is chosen by rolling-origin
backtest on the history unless --model is given (seasonalNaive, weekdayMean, weekdayMedian, dailyProfile,
topDownArima, mstlEts, combination, or a variant such as weekdayMean:k=4). --tz is the team's IANA zone
(default: $TZ, else UTC); the interval length is inferred from the history unless --interval-minutes is given.
Prints CSV: timestamp,mean,lo80,hi80,lo95,hi95 (80% and 95% prediction intervals), and with --aht also
aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95 (seconds; needs an aht_seconds column).`

/** The options `chatplan forecast` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['history', 'future', 'model', 'tz', 'interval-minutes'], flags: ['aht'] }

/** Kept here for the forecast bench; the loader lives in src/planning/augursRuntime.ts. */
export { loadAugursMstlWasm }

class InputError extends Error {}

interface CsvTable { file: string; header: string[]; rows: string[][] }

function readCsv(path: string, io: CliIo, label: string): CsvTable {
  const file = resolve(io.cwd, path)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`${label} file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
  let records: string[][]
  try {
    records = parseCsvRecords(text)
  } catch (error) {
    throw new InputError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  if (records.length === 0) throw new InputError(`${path}: the file is empty (expected a header row)`)
  return { file: path, header: records[0].map((h) => h.toLowerCase()), rows: records.slice(1) }
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
    throw new InputError(`${table.file}: row ${rowIndex + 2}, column ${table.header[column]}: ${JSON.stringify(raw ?? '')} is not a number >= 0`)
  }
  return value
}

function timestampCell(table: CsvTable, rowIndex: number, column: number): string {
  const raw = table.rows[rowIndex][column]
  if (!raw || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(raw)) {
    throw new InputError(`${table.file}: row ${rowIndex + 2}, column timestamp: ${JSON.stringify(raw ?? '')} is not an ISO-8601 local time such as 2024-03-04T09:30:00`)
  }
  return raw
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    const { options } = parseOptions(args, ['aht'])
    if (typeof options.history !== 'string') throw new InputError('--history H.csv is required')
    if (typeof options.future !== 'string') throw new InputError('--future F.csv is required')
    const timeZone = typeof options.tz === 'string' ? options.tz : io.env.TZ || 'UTC'
    const intervalMinutes = options['interval-minutes'] === undefined ? undefined : Number(options['interval-minutes'])
    if (intervalMinutes !== undefined && !(Number.isInteger(intervalMinutes) && intervalMinutes > 0)) throw new InputError(`--interval-minutes must be a positive whole number, got ${String(options['interval-minutes'])}`)
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

    if (model === undefined || model.startsWith('mstlEts') || model === 'combination') loadAugursMstlWasm()
    const volumeForecast = forecastVolumes({ timestamps, volumes, futureTimestamps, timeZone, intervalMinutes }, { model })
    let ahtForecast: ForecastResult | undefined
    if (withAht) {
      const ahtSeconds = history.rows.map((_, i) => numberCell(history, i, hAht, true))
      ahtForecast = forecastAht({ timestamps, ahtSeconds, volumes, futureTimestamps, timeZone, intervalMinutes })
    }
    // The README's columns; volumes are contacts per interval (2 decimals), AHT seconds (1 decimal): the shared writer.
    const header: CsvColumn[] = [{ name: 'timestamp', unit: 'time', key: true }, ...['mean', 'lo80', 'hi80', 'lo95', 'hi95'].map((name) => ({ name, unit: 'count' as const })),
      ...(withAht ? ['aht_mean', 'aht_lo80', 'aht_hi80', 'aht_lo95', 'aht_hi95'].map((name) => ({ name, unit: 'seconds' as const })) : [])]
    io.out(csvTable(header, futureTimestamps.map((timestamp, i) => [timestamp, ...columnsOf(volumeForecast, i), ...(ahtForecast ? columnsOf(ahtForecast, i) : [])])))
    io.err(`chatplan forecast: model ${volumeForecast.model}${ahtForecast ? `; AHT ${ahtForecast.model}` : ''}${volumeForecast.warnings.length ? `; ${volumeForecast.warnings.join('; ')}` : ''}\n`)
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof RangeError || error instanceof TypeError) {
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
