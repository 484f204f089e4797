/**
 * `chatplan intraday --history H.csv --today T.csv --at HH:MM [--tz ZONE] [--interval-minutes N]`: re-forecasts the
 * rest of today from the intervals already closed (src/forecast/intraday/) and prints today's intervals from the
 * clock to the end of the day as `timestamp,mean,lo80,hi80,lo95,hi95` (+ `aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95`
 * when the history has an aht_seconds column).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseCsvRecords } from '../../imports/csvRecords.ts'
import { toLocalPositions } from '../../forecast/calendar/localPositions.ts'
import { inferIntervalMinutes } from '../../forecast/prepareSeries.ts'
import { reforecastIntraday } from '../../forecast/intraday/reforecastIntraday.ts'
import { intervalsOfDay } from '../../time/intervals.ts'
import { formatLocalIso, formatOffset, isValidTimeZone, nextDateKey, parseLocalIsoToUtcMs } from '../../time/zones.ts'
import type { CliIo } from '../io.ts'
import { parseOptions, InputError } from '../io.ts'
import { numberOption } from '../optionValues.ts'
import { UsageError } from '../options.ts'
import { INTERVAL_ROW } from '../../schemas/rows.ts'

export const usage = `Usage: chatplan intraday --history H.csv --today T.csv --at HH:MM [--tz ZONE] [--interval-minutes N]
Re-forecasts the rest of today from this morning's actuals. H.csv is the history before today and T.csv today's
closed intervals (those that end at or before --at), both with columns timestamp,volume[,aht_seconds] (local
interval starts, ISO-8601; a missing interval is simply absent, never a zero). The trust in the morning's deviation
and the intervals are learned by backtest on the history. --tz is the team's IANA zone (default: $TZ, else UTC);
the interval length is inferred from the history unless --interval-minutes is given. Today is the date of T's rows
(the day after the history when T is empty).
Prints CSV from --at to the end of the day: timestamp,mean,lo80,hi80,lo95,hi95 (80% and 95% prediction intervals),
plus aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95 (seconds) when H has an aht_seconds column. On a 23- or 25-hour
day the timestamps carry their offset, and an ambiguous --at (the repeated hour) is the later one.`

const KNOWN_OPTIONS = ['history', 'today', 'at', 'tz', 'interval-minutes']


interface Table { file: string; header: string[]; rows: string[][] }

function readTable(path: string, io: CliIo): Table {
  let text: string
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    throw new InputError(`${path} cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
  let records: string[][]
  try {
    records = parseCsvRecords(text)
  } catch (error) {
    throw new InputError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  if (records.length === 0) throw new InputError(`${path}: the file is empty (expected a header row timestamp,volume[,aht_seconds])`)
  const header = records[0].map((h) => h.toLowerCase())
  for (const column of ['timestamp', 'volume']) if (!header.includes(column)) throw new InputError(`${path}: missing column ${column} (header is ${header.join(',')})`)
  return { file: path, header, rows: records.slice(1) }
}

interface Series { raw: string[]; utcMs: number[]; volumes: number[]; aht: (number | null)[] | undefined }

function readSeries(table: Table, zone: string): Series {
  const t = table.header.indexOf('timestamp')
  const v = table.header.indexOf('volume')
  const a = table.header.indexOf('aht_seconds')
  const raw = table.rows.map((row, i) => {
    const cell = row[t] ?? ''
    if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(cell) || Number.isNaN(parseLocalIsoToUtcMs(cell, zone))) {
      throw new InputError(`${table.file}: row ${i + 2}, column timestamp: ${JSON.stringify(cell)} is not an ISO-8601 local time such as 2024-03-04T09:30:00`)
    }
    return cell
  })
  const volumes = table.rows.map((row, i) => {
    const cell = row[v] ?? ''
    const value = Number(cell)
    if (cell === '' || !Number.isFinite(value) || value < 0) throw new InputError(`${table.file}: row ${i + 2}, column volume: ${JSON.stringify(cell)} is not a number >= 0`)
    return value
  })
  const aht = a < 0 ? undefined : table.rows.map((row, i) => {
    const cell = row[a] ?? ''
    if (cell === '') return null
    const value = Number(cell)
    if (!Number.isFinite(value) || value < 0) throw new InputError(`${table.file}: row ${i + 2}, column aht_seconds: ${JSON.stringify(cell)} is not a number >= 0`)
    return value
  })
  const utcMs = toLocalPositions(raw, zone, 'timestamp').map((p) => p.utcMs)
  for (let i = 1; i < utcMs.length; i++) {
    if (utcMs[i] <= utcMs[i - 1]) throw new InputError(`${table.file}: row ${i + 2}, column timestamp: ${raw[i]} is not after the row before (${raw[i - 1]}); rows must be sorted by time without duplicates`)
  }
  return { raw, utcMs, volumes, aht }
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : ''
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    let parsed: ReturnType<typeof parseOptions>
    try {
      parsed = parseOptions(args)
    } catch (error) {
      throw new InputError((error as Error).message)
    }
    const { options, positional } = parsed
    for (const name of Object.keys(options)) if (!KNOWN_OPTIONS.includes(name)) throw new InputError(`unknown option --${name} (options: ${KNOWN_OPTIONS.map((o) => '--' + o).join(', ')})`)
    if (positional.length) throw new InputError(`unexpected argument ${JSON.stringify(positional[0])}`)
    if (typeof options.history !== 'string') throw new InputError('--history H.csv is required')
    if (typeof options.today !== 'string') throw new InputError('--today T.csv is required')
    if (typeof options.at !== 'string') throw new InputError('--at HH:MM is required')
    const clock = /^(\d{1,2}):(\d{2})$/.exec(options.at)
    if (!clock || +clock[1] > 24 || +clock[2] > 59 || (+clock[1] === 24 && +clock[2] > 0)) throw new InputError(`--at must be a clock time HH:MM such as 12:00, got ${JSON.stringify(options.at)}`)
    const timeZone = typeof options.tz === 'string' ? options.tz : io.env.TZ || 'UTC'
    if (!isValidTimeZone(timeZone)) throw new InputError(`--tz must be an IANA time zone such as Europe/London, got ${JSON.stringify(timeZone)}`)

    const historyTable = readTable(options.history, io)
    const todayTable = readTable(options.today, io)
    const history = readSeries(historyTable, timeZone)
    const today = readSeries(todayTable, timeZone)
    if (history.utcMs.length === 0) throw new InputError(`${historyTable.file}: no rows (the history is needed to learn how far to trust the morning)`)

    let intervalMinutes: number
    if (options['interval-minutes'] !== undefined) {
      intervalMinutes = numberOption(options, 'interval-minutes', INTERVAL_ROW.intervalMinutes, 0)
      if (1440 % intervalMinutes !== 0) throw new InputError(`--interval-minutes must be a whole number of minutes dividing a day (15, 30, 60 ...), got ${String(options['interval-minutes'])}`)
    } else {
      intervalMinutes = inferIntervalMinutes(toLocalPositions(history.utcMs, timeZone, 'history'))
    }

    const lastHistoryDate = formatLocalIso(history.utcMs[history.utcMs.length - 1], timeZone).slice(0, 10)
    const date = today.raw.length ? formatLocalIso(today.utcMs[0], timeZone).slice(0, 10) : nextDateKey(lastHistoryDate)
    today.utcMs.forEach((t, i) => {
      const rowDate = formatLocalIso(t, timeZone).slice(0, 10)
      if (rowDate !== date) throw new InputError(`${todayTable.file}: row ${i + 2}, column timestamp: ${today.raw[i]} is not today (${date}, the date of the first row); T.csv holds today's intervals only`)
    })
    const dayStarts = intervalsOfDay(date, timeZone, intervalMinutes)
    const dayStart = dayStarts[0]
    history.utcMs.forEach((t, i) => {
      if (t >= dayStart) throw new InputError(`${historyTable.file}: row ${i + 2}, column timestamp: ${history.raw[i]} overlaps today (${date}); H.csv holds the history before today`)
    })
    const asOf = +clock[1] === 24 ? dayStarts[dayStarts.length - 1] + intervalMinutes * 60_000 : parseLocalIsoToUtcMs(`${date}T${clock[1].padStart(2, '0')}:${clock[2]}:00`, timeZone)
    const starts = new Set(dayStarts)
    today.utcMs.forEach((t, i) => {
      if (!starts.has(t)) throw new InputError(`${todayTable.file}: row ${i + 2}, column timestamp: ${today.raw[i]} is not the start of a ${intervalMinutes}-minute interval`)
      if (t + intervalMinutes * 60_000 > asOf) throw new InputError(`${todayTable.file}: row ${i + 2}, column timestamp: the interval starting ${today.raw[i]} ends after --at ${options.at}; T.csv holds only intervals closed by then`)
    })

    const result = reforecastIntraday({
      timeZone,
      intervalMinutes,
      date,
      asOfUtcMs: asOf,
      history: { intervalStartsUtcMs: history.utcMs, volumes: history.volumes, ahtSeconds: history.aht },
      today: { intervalStartsUtcMs: today.utcMs, volumes: today.volumes, ahtSeconds: today.aht },
    })
    const withAht = result.aht !== undefined
    const transitionDay = dayStarts.length * intervalMinutes !== 1440
    const header = ['timestamp', 'mean', 'lo80', 'hi80', 'lo95', 'hi95', ...(withAht ? ['aht_mean', 'aht_lo80', 'aht_hi80', 'aht_lo95', 'aht_hi95'] : [])]
    const lines = [header.join(',')]
    result.intervalStartsUtcMs.forEach((t, i) => {
      const stamp = formatLocalIso(t, timeZone) + (transitionDay ? formatOffset(t, timeZone) : '')
      const cells = [stamp, result.mean[i], result.lower[0][i], result.upper[0][i], result.lower[1][i], result.upper[1][i]].map((c) => (typeof c === 'string' ? c : formatNumber(c)))
      if (result.aht) cells.push(...[result.aht.mean[i], result.aht.lower[0][i], result.aht.upper[0][i], result.aht.lower[1][i], result.aht.upper[1][i]].map(formatNumber))
      lines.push(cells.join(','))
    })
    io.out(lines.join('\n') + '\n')
    const trust = result.trust
    io.err(`chatplan intraday: ${date} from ${options.at} (${timeZone}, ${intervalMinutes}-minute intervals); ${trust.method === 'conditional' ? `morning trusted by backtest on ${trust.backtestDays} history days (shrinkage ${trust.shrinkage}, backtest MAE ${formatNumber(trust.backtestMaeRatio)} x the day-ahead's)` : 'fixed-prior ratio update'}${result.warnings.length ? '; ' + result.warnings.join('; ') : ''}\n`)
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
      io.err(`chatplan intraday: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
