/**
 * Forecast yardstick (../../shared/reference/forecast_protocol.md): on bank_calls_30min.csv and bank_calls_5min.csv,
 * origins at the starts of the last four 5-data-day weeks (after 144, 149, 154, 159 data days); train on everything
 * before; forecast the next 5 data days; MASE scaled by the in-sample MAE of the lag-one-week (140 / 845
 * observations) seasonal naive; WAPE; averaged over origins. The automatic choice sees only the training part of
 * each origin (its own inner rolling-origin backtest). Also: model choice plus a 5-week forecast on one year of
 * hourly history (anon_bank_1999_6min.csv aggregated to 60 minutes, Asia/Jerusalem).
 * Run: node --expose-gc --import tsx src/bench/forecast.bench.ts
 */
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { coverage, mae, seasonalNaiveMae, wape } from '../forecast/accuracy.ts'
import { forecastVolumes } from '../forecast/forecastVolumes.ts'
import { loadAugursMstlWasm } from '../cli/commands/forecast.ts'

const DATA_DIR = new URL('../../../shared/data/', import.meta.url)
const BANK_ZONE = 'America/New_York'
const ORIGIN_DAYS = [144, 149, 154, 159]
const WEEK_DATA_DAYS = 5

interface Row { timestamp: string; volume: number }

function readSeries(file: string): Row[] {
  const records = Papa.parse<Record<string, string>>(readFileSync(new URL(file, DATA_DIR), 'utf8'), { header: true, skipEmptyLines: true }).data
  return records.map((r) => ({ timestamp: r.timestamp, volume: Number(r.volume) }))
}

function dayStarts(rows: Row[]): number[] {
  const starts: number[] = []
  rows.forEach((r, i) => { if (i === 0 || r.timestamp.slice(0, 10) !== rows[i - 1].timestamp.slice(0, 10)) starts.push(i) })
  return starts
}

interface OriginScore { mase: number; wape: number; error: number; actual: number; coverage80: number; coverage95: number; model: string }

function runProtocol(file: string, perWeek: number, model: string | undefined): { scores: OriginScore[]; seconds: number } {
  const rows = readSeries(file)
  const starts = dayStarts(rows)
  const scores: OriginScore[] = []
  const started = performance.now()
  for (const originDay of ORIGIN_DAYS) {
    const cut = starts[originDay]
    const end = starts[originDay + WEEK_DATA_DAYS] ?? rows.length
    const train = rows.slice(0, cut)
    const test = rows.slice(cut, end)
    const result = forecastVolumes({
      timestamps: train.map((r) => r.timestamp),
      volumes: train.map((r) => r.volume),
      futureTimestamps: test.map((r) => r.timestamp),
      timeZone: BANK_ZONE,
      // The protocol's baselines are plain same-weekday means (no calendar knowledge); our choice uses it all.
      dayAfterClosure: !model?.startsWith('weekdayMean'),
    }, { model })
    const actual = test.map((r) => r.volume)
    const scale = seasonalNaiveMae(train.map((r) => r.volume), perWeek)
    scores.push({
      mase: mae(actual, result.mean) / scale,
      wape: wape(actual, result.mean),
      error: result.mean.reduce((a, f, i) => a + f - actual[i], 0),
      actual: actual.reduce((a, b) => a + b, 0),
      coverage80: coverage(actual, result.lower[0], result.upper[0]),
      coverage95: coverage(actual, result.lower[1], result.upper[1]),
      model: result.model,
    })
  }
  return { scores, seconds: (performance.now() - started) / 1000 }
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

function report(label: string, file: string, perWeek: number, model: string | undefined, targets: string): void {
  const { scores, seconds } = runProtocol(file, perWeek, model)
  const m = average(scores.map((s) => s.mase))
  const w = average(scores.map((s) => s.wape))
  const c80 = average(scores.map((s) => s.coverage80))
  const c95 = average(scores.map((s) => s.coverage95))
  const bias = scores.reduce((a, s) => a + s.error, 0) / scores.reduce((a, s) => a + s.actual, 0)
  console.log(`forecast: ${label}: MASE ${m.toFixed(3)}, WAPE ${w.toFixed(4)}, bias ${(bias * 100).toFixed(1)}%, 80% coverage ${(c80 * 100).toFixed(1)}%, 95% coverage ${(c95 * 100).toFixed(1)}%, ${seconds.toFixed(2)} s for 4 origins${targets ? ` (${targets})` : ''}`)
  if (!model) console.log(`  per origin MASE ${scores.map((s) => s.mase.toFixed(3)).join(' ')}; chosen: ${scores.map((s) => s.model).join(' | ')}`)
}

function hourlyYear(): void {
  const rows = readSeries('anon_bank_1999_6min.csv')
  const hours = new Map<string, number>()
  for (const r of rows) {
    const hour = r.timestamp.slice(0, 13) + ':00:00'
    hours.set(hour, (hours.get(hour) ?? 0) + r.volume)
  }
  const timestamps = [...hours.keys()]
  const volumes = [...hours.values()]
  const future: string[] = []
  const start = Date.UTC(2000, 0, 1)
  for (let h = 0; h < 35 * 24; h++) future.push(new Date(start + h * 3_600_000).toISOString().slice(0, 19))
  const started = performance.now()
  const result = forecastVolumes({ timestamps, volumes, futureTimestamps: future, timeZone: 'Asia/Jerusalem' })
  const seconds = (performance.now() - started) / 1000
  console.log(`forecast: model choice + 5-week forecast, one year of hourly history (${timestamps.length} hours, ${result.scores.length} candidates): ${seconds.toFixed(2)} s (target < 5 s); chosen ${result.model}, backtest MASE ${result.scores[0]?.mase.toFixed(3)}`)
}

loadAugursMstlWasm()
const only = process.argv[2]
if (!only || only === 'baselines') {
  report('30-min, same weekday+time mean of last 4 weeks (protocol table: 0.718 / 0.0601)', 'bank_calls_30min.csv', 140, 'weekdayMean:k=4', '')
  report('5-min, same weekday+time mean of last 6 weeks (protocol table: 0.748 / 0.0842)', 'bank_calls_5min.csv', 845, 'weekdayMean:k=6', '')
}
if (!only || only === 'auto') {
  report('30-min, automatic choice', 'bank_calls_30min.csv', 140, undefined, 'targets MASE <= 0.646, WAPE <= 0.054, 80% coverage 75-85%')
  report('5-min, automatic choice', 'bank_calls_5min.csv', 845, undefined, 'targets MASE <= 0.673, 80% coverage 75-85%')
}
if (!only || only === 'hourly') hourlyYear()
