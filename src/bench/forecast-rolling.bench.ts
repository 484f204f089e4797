/**
 * Rolling-origin suite (issue 14): how the forecast holds up on every part of the year, not only the last weeks.
 * - anon_bank_1999_6min.csv summed to 30 minutes (horizon 14 days) and to hours (horizon 28 days), Asia/Jerusalem,
 *   an origin every 4th Sunday from the first Sunday of March to November 1999, public holidays of IL;
 * - bank_calls_5min.csv (horizon 7 days), America/New_York, an origin every 3rd Monday from the first Monday of
 *   April 2003 to the end, public holidays of US.
 * At each origin: train on everything before it, forecast every observed interval of the horizon. The horizon is
 * scored by fortnight (blocks of up to 14 days from the origin): a fortnight is a holiday fortnight when a public
 * holiday of the series' country falls in it. Per series and kind of fortnight: mean MASE (scale: in-sample MAE of
 * the same weekday and time one week earlier on the training part), mean WAPE, bias (sum of errors / sum of
 * actuals; negative = under-forecast) and the coverage of the 80% and 95% intervals (pooled).
 * Methods: our default (automatic choice, with the series' holidays, as `--holidays CC`), the same without holidays,
 * and the same-weekday means of the last 4 and 6 weeks (the baselines of ../../shared/reference/forecast_protocol.md).
 * Also: a whole `chatplan forecast` process on a year of hourly history, as a ratio to `node -e 0`.
 * Forecast runs go to worker threads (one per core). Run: npx chatplan bench forecast-rolling
 * Environment knobs for experiments: FORECAST_ROLLING_SERIES=30min,hourly,5min and FORECAST_ROLLING_METHODS=
 * default,plain,k4,k6 narrow it down; FORECAST_ROLLING_MODEL=NAME adds a forced model (method `forced`, with
 * holidays); FORECAST_ROLLING_DETAIL=1 prints MASE and bias per origin; FORECAST_ROLLING_ORACLE=1 rescales each
 * forecast day to the actual day total (how much error is the daily total's); FORECAST_ROLLING_THREADS=N;
 * FORECAST_ROLLING_SKIP_STARTUP=1 leaves out the CLI timing. One series while iterating, e.g.
 * FORECAST_ROLLING_SERIES=5min FORECAST_ROLLING_METHODS=default,k4,k6 npx chatplan bench forecast-rolling (about a minute).
 * A "targets" line per series prints every target of issue 14 beside its figure, met or MISSED.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { Worker, isMainThread, parentPort } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { forecastVolumes } from '../forecast/forecastVolumes.ts'
import { holidaySpecialDays, weekendOf } from '../events/holidaySpecialDays.ts'
import { publicHolidays } from '../events/holidays.ts'
import { loadAugursMstlWasm } from '../planning/augursRuntime.ts'

const DATA_DIR = new URL('../../../shared/data/', import.meta.url)
const DAY_MS = 86_400_000

interface SeriesSpec {
  key: string
  label: string
  file: string
  intervalMinutes: number
  timeZone: string
  country: string
  horizonDays: number
  /** First origin (local date) and step between origins, in days; last origin on or before `lastOrigin`. */
  firstOrigin: string
  stepDays: number
  lastOrigin: string
}

const SERIES: SeriesSpec[] = [
  { key: '30min', label: '1999 IL, 30-min, h=14d', file: 'anon_bank_1999_6min.csv', intervalMinutes: 30, timeZone: 'Asia/Jerusalem', country: 'IL', horizonDays: 14, firstOrigin: '1999-03-07', stepDays: 28, lastOrigin: '1999-11-30' },
  { key: 'hourly', label: '1999 IL, hourly, h=28d', file: 'anon_bank_1999_6min.csv', intervalMinutes: 60, timeZone: 'Asia/Jerusalem', country: 'IL', horizonDays: 28, firstOrigin: '1999-03-07', stepDays: 28, lastOrigin: '1999-11-30' },
  { key: '5min', label: '2003 US, 5-min, h=7d', file: 'bank_calls_5min.csv', intervalMinutes: 5, timeZone: 'America/New_York', country: 'US', horizonDays: 7, firstOrigin: '2003-04-07', stepDays: 21, lastOrigin: '2003-10-24' },
]

const METHODS: Record<string, { label: string; model?: string; holidays: boolean }> = {
  ...(process.env.FORECAST_ROLLING_MODEL ? { forced: { label: process.env.FORECAST_ROLLING_MODEL.slice(0, 24), model: process.env.FORECAST_ROLLING_MODEL, holidays: true } } : {}),
  default: { label: 'default (--holidays)', holidays: true },
  plain: { label: 'default, no holidays', holidays: false },
  k4: { label: 'same weekday, 4 weeks', model: 'weekdayMean:k=4', holidays: false },
  k6: { label: 'same weekday, 6 weeks', model: 'weekdayMean:k=6', holidays: false },
}

interface Job { series: string; origin: string; method: string }

/** Sums of one fortnight, so fortnights can be pooled. */
interface Block {
  holiday: boolean
  mase: number
  wape: number
  error: number
  actual: number
  n: number
  in80: number
  in95: number
}

interface JobResult { job: Job; blocks: Block[]; model: string; seconds: number }

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const addDays = (date: string, days: number) => dateOf(Date.parse(date + 'T00:00:00Z') + days * DAY_MS)

function originsOf(spec: SeriesSpec): string[] {
  const out: string[] = []
  for (let d = spec.firstOrigin; d <= spec.lastOrigin; d = addDays(d, spec.stepDays)) out.push(d)
  return out
}

/** The series summed to `intervalMinutes` by local timestamp: [timestamp, volume] in order. */
function loadSeries(spec: SeriesSpec): { timestamps: string[]; volumes: number[] } {
  const text = readFileSync(new URL(spec.file, DATA_DIR), 'utf8')
  const sums = new Map<string, number>()
  const lines = text.split('\n')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const [ts, v] = line.split(',')
    const minute = Number(ts.slice(11, 13)) * 60 + Number(ts.slice(14, 16))
    const start = minute - (minute % spec.intervalMinutes)
    const key = `${ts.slice(0, 10)}T${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}:00`
    sums.set(key, (sums.get(key) ?? 0) + Number(v))
  }
  return { timestamps: [...sums.keys()], volumes: [...sums.values()] }
}

function runJob(job: Job, cache: Map<string, { timestamps: string[]; volumes: number[] }>): JobResult {
  const spec = SERIES.find((s) => s.key === job.series)!
  const method = METHODS[job.method]
  let series = cache.get(spec.key)
  if (!series) cache.set(spec.key, (series = loadSeries(spec)))
  const cut = series.timestamps.findIndex((t) => t >= job.origin)
  const endDate = addDays(job.origin, spec.horizonDays)
  let end = series.timestamps.findIndex((t) => t >= endDate)
  if (end < 0) end = series.timestamps.length
  const trainTs = series.timestamps.slice(0, cut)
  const trainVol = series.volumes.slice(0, cut)
  const testTs = series.timestamps.slice(cut, end)
  const actual = series.volumes.slice(cut, end)
  const year = Number(job.origin.slice(0, 4))
  const records = publicHolidays(spec.country, [year - 1, year, year + 1])
  const started = performance.now()
  const result = forecastVolumes({
    timestamps: trainTs, volumes: trainVol, futureTimestamps: testTs, timeZone: spec.timeZone, intervalMinutes: spec.intervalMinutes,
    specialDays: method.holidays ? holidaySpecialDays(records, spec.timeZone, weekendOf(spec.country)) : undefined,
    // The baselines are the plain same-weekday means of the protocol: no calendar knowledge at all.
    dayAfterClosure: job.method !== 'k4' && job.method !== 'k6',
  }, { model: method.model })
  const seconds = (performance.now() - started) / 1000
  if (process.env.FORECAST_ROLLING_ORACLE) {
    // Diagnostic: each day's forecast rescaled to the actual day total (what a perfect daily total would give).
    const fSum = new Map<string, number>()
    const aSum = new Map<string, number>()
    testTs.forEach((t, i) => { const d = t.slice(0, 10); fSum.set(d, (fSum.get(d) ?? 0) + result.mean[i]); aSum.set(d, (aSum.get(d) ?? 0) + actual[i]) })
    result.mean = result.mean.map((m, i) => { const d = testTs[i].slice(0, 10); return fSum.get(d)! > 0 ? (m * aSum.get(d)!) / fSum.get(d)! : m })
  }
  const scale = weeklyNaiveMae(trainTs, trainVol)
  const holidayDates = new Set(records.filter((r) => r.type === 'public').flatMap((r) => spanDates(r)))
  const blocks: Block[] = []
  for (let b = 0; b * 14 < spec.horizonDays; b++) {
    const from = addDays(job.origin, b * 14)
    const to = addDays(job.origin, Math.min(spec.horizonDays, (b + 1) * 14))
    let holiday = false
    for (let d = from; d < to; d = addDays(d, 1)) if (holidayDates.has(d)) holiday = true
    const block: Block = { holiday, mase: 0, wape: 0, error: 0, actual: 0, n: 0, in80: 0, in95: 0 }
    let absolute = 0
    testTs.forEach((t, i) => {
      if (t < from || t >= to) return
      const e = result.mean[i] - actual[i]
      absolute += Math.abs(e)
      block.error += e
      block.actual += actual[i]
      block.n++
      if (actual[i] >= result.lower[0][i] && actual[i] <= result.upper[0][i]) block.in80++
      if (actual[i] >= result.lower[1][i] && actual[i] <= result.upper[1][i]) block.in95++
    })
    if (block.n === 0) continue
    block.mase = absolute / block.n / scale
    block.wape = block.actual > 0 ? absolute / block.actual : 0
    blocks.push(block)
  }
  return { job, blocks, model: result.model, seconds }
}

/** Local dates a holiday record covers (date-holidays gives multi-day periods with a start and an end). */
function spanDates(record: { date: string; start: Date | string | number; end: Date | string | number }): string[] {
  const first = record.date.slice(0, 10)
  const days = Math.max(1, Math.round((new Date(record.end).getTime() - new Date(record.start).getTime()) / DAY_MS))
  return Array.from({ length: days }, (_, k) => addDays(first, k))
}

/** In-sample MAE of "same weekday and time one week earlier" over the training part (calendar lag, by local timestamp). */
function weeklyNaiveMae(timestamps: string[], volumes: number[]): number {
  const byTs = new Map(timestamps.map((t, i) => [t, volumes[i]]))
  let sum = 0
  let count = 0
  timestamps.forEach((t, i) => {
    const previous = byTs.get(addDays(t.slice(0, 10), -7) + t.slice(10))
    if (previous === undefined) return
    sum += Math.abs(volumes[i] - previous)
    count++
  })
  return count ? sum / count : 1
}

// ---------------------------------------------------------------------------------------------------------------

async function runAll(jobs: Job[]): Promise<JobResult[]> {
  const threads = Math.max(1, Math.min(Number(process.env.FORECAST_ROLLING_THREADS) || availableParallelism(), jobs.length))
  const queue = [...jobs]
  const results: JobResult[] = []
    await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./tsWorker.mjs', import.meta.url), { workerData: { entry: import.meta.url } })
    const next = () => worker.postMessage(queue.shift() ?? null)
    worker.on('message', (message: { ok: true; result: JobResult } | { ok: false; job: Job; message: string }) => {
      if (message.ok) results.push(message.result)
      else { reject(new Error(`${message.job.series} ${message.job.origin} ${message.job.method}: ${message.message}`)); return }
      next()
    })
    worker.on('error', reject)
    worker.on('exit', () => resolve())
    next()
  })))
  return results
}

interface Summary { blocks: number; mase: number; wape: number; bias: number; c80: number; c95: number }

function summarise(blocks: Block[]): Summary | undefined {
  if (!blocks.length) return undefined
  const n = blocks.reduce((a, b) => a + b.n, 0)
  return {
    blocks: blocks.length,
    mase: blocks.reduce((a, b) => a + b.mase, 0) / blocks.length,
    wape: blocks.reduce((a, b) => a + b.wape, 0) / blocks.length,
    bias: blocks.reduce((a, b) => a + b.error, 0) / blocks.reduce((a, b) => a + b.actual, 0),
    c80: blocks.reduce((a, b) => a + b.in80, 0) / n,
    c95: blocks.reduce((a, b) => a + b.in95, 0) / n,
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7)

function printTable(results: JobResult[], seriesKeys: string[], methodKeys: string[]): void {
  for (const key of seriesKeys) {
    const spec = SERIES.find((s) => s.key === key)!
    console.log(`\n${spec.label}: ${originsOf(spec).length} origins (${originsOf(spec)[0]} every ${spec.stepDays} days), holidays ${spec.country}`)
    console.log(`  ${'method'.padEnd(24)} ${'fortnights'.padEnd(10)} ${'n'.padStart(3)} ${'MASE'.padStart(6)} ${'WAPE'.padStart(7)} ${'bias'.padStart(7)} ${'cov80'.padStart(7)} ${'cov95'.padStart(7)}`)
    const best: Record<string, number> = {}
    for (const m of methodKeys) {
      const mine = results.filter((r) => r.job.series === key && r.job.method === m)
      const blocks = mine.flatMap((r) => r.blocks)
      for (const [kind, chosen] of [['normal', blocks.filter((b) => !b.holiday)], ['holiday', blocks.filter((b) => b.holiday)], ['all', blocks]] as const) {
        const s = summarise(chosen)
        if (!s) continue
        if ((m === 'k4' || m === 'k6') && kind !== 'all') best[kind] = Math.min(best[kind] ?? Infinity, s.mase)
        console.log(`  ${METHODS[m].label.padEnd(24)} ${kind.padEnd(10)} ${String(s.blocks).padStart(3)} ${s.mase.toFixed(4).padStart(6)} ${pct(s.wape)} ${pct(s.bias)} ${pct(s.c80)} ${pct(s.c95)}`)
      }
      if (mine.length) console.log(`  ${''.padEnd(24)} ${mine.reduce((a, r) => a + r.seconds, 0).toFixed(1)} s of forecasting over ${mine.length} origins`)
    }
    for (const m of methodKeys.filter((k) => k === 'default' || k === 'plain')) {
      const blocks = results.filter((r) => r.job.series === key && r.job.method === m).flatMap((r) => r.blocks)
      const normal = summarise(blocks.filter((b) => !b.holiday))
      const holiday = summarise(blocks.filter((b) => b.holiday))
      const parts: string[] = []
      if (normal && best.normal) parts.push(`normal ${((1 - normal.mase / best.normal) * 100).toFixed(1)}% below the better mean (target >= 10%)`)
      if (holiday && best.holiday) parts.push(`holiday ${((1 - holiday.mase / best.holiday) * 100).toFixed(1)}% below (target >= 25%)`)
      if (parts.length) console.log(`  ${METHODS[m].label}: ${parts.join('; ')}`)
      if (m !== 'default') continue
      // Every target of issue 14 beside its figure (all fortnights for bias and coverage; holiday fortnights apart).
      const all = summarise(blocks)
      const check = (ok: boolean) => (ok ? 'met' : 'MISSED')
      const targets: string[] = []
      if (normal && best.normal) { const below = 1 - normal.mase / best.normal; targets.push(`normal MASE ${pct(below).trim()} below the better mean (>= 10%: ${check(below >= 0.1)})`) }
      if (holiday && best.holiday) { const below = 1 - holiday.mase / best.holiday; targets.push(`holiday MASE ${pct(below).trim()} below (>= 25%: ${check(below >= 0.25)})`, `holiday 80% coverage ${pct(holiday.c80).trim()} (75-85%: ${check(holiday.c80 >= 0.75 && holiday.c80 <= 0.85)})`) }
      if (all) targets.push(`bias ${pct(all.bias).trim()} (within +-5%: ${check(Math.abs(all.bias) <= 0.05)})`, `80% coverage ${pct(all.c80).trim()} (75-85%: ${check(all.c80 >= 0.75 && all.c80 <= 0.85)})`, `95% coverage ${pct(all.c95).trim()} (92-97%: ${check(all.c95 >= 0.92 && all.c95 <= 0.97)})`)
      console.log(`  targets: ${targets.join('; ')}`)
    }
    if (process.env.FORECAST_ROLLING_DETAIL) {
      for (const m of methodKeys) {
        const rows = results.filter((r) => r.job.series === key && r.job.method === m).sort((a, b) => a.job.origin.localeCompare(b.job.origin))
        console.log(`  ${m} per origin (MASE/bias by fortnight, h = holiday): ${rows.map((r) => `${r.job.origin.slice(5)} ${r.blocks.map((b) => `${b.mase.toFixed(2)}/${(b.error / b.actual * 100).toFixed(0)}%${b.holiday ? 'h' : ''}`).join(' ')}`).join(' | ')}`)
      }
    }
    const chosen = results.filter((r) => r.job.series === key && r.job.method === 'default').sort((a, b) => a.job.origin.localeCompare(b.job.origin))
    if (chosen.length) console.log(`  chosen by default: ${chosen.map((r) => `${r.job.origin.slice(5)} ${r.model}`).join(' | ')}`)
  }
}

/** A whole `chatplan forecast` process on a year of hourly history, against `node -e 0` started the same way. */
function startupRatio(): void {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-bench-'))
  try {
    const spec = SERIES.find((s) => s.key === 'hourly')!
    const { timestamps, volumes } = loadSeries(spec)
    writeFileSync(join(dir, 'history.csv'), 'timestamp,volume\n' + timestamps.map((t, i) => `${t},${volumes[i]}`).join('\n') + '\n')
    const future: string[] = []
    for (let h = 0; h < 28 * 24; h++) future.push(new Date(Date.UTC(2000, 0, 1) + h * 3_600_000).toISOString().slice(0, 19))
    writeFileSync(join(dir, 'future.csv'), 'timestamp\n' + future.join('\n') + '\n')
    const cli = fileURLToPath(new URL('../cli/chatplan.mjs', import.meta.url))
    const cpu: number[] = []
    const time = (args: string[]) => {
      const before = childCpuSeconds()
      const started = performance.now()
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Jerusalem' } })
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
      cpu.push(childCpuSeconds() - before)
      return (performance.now() - started) / 1000
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
    const runs = (args: string[]) => {
      cpu.length = 0
      const wall = median([0, 1, 2].map(() => time(args)))
      return { wall, cpu: median(cpu) }
    }
    const bare = runs(['-e', '0'])
    const help = runs([cli, 'forecast', '--help'])
    const whole = runs([cli, 'forecast', '--history', join(dir, 'history.csv'), '--future', join(dir, 'future.csv'), '--holidays', 'IL'])
    const show = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s CPU`
    console.log(`\nforecast CLI (median of 3; CPU = user + system of the process, which load on the machine does not inflate):`)
    console.log(`  node -e 0: ${show(bare)}`)
    console.log(`  chatplan forecast --help: ${show(help)} (${(help.wall / bare.wall).toFixed(1)}x node -e 0)`)
    console.log(`  whole forecast, a year of hourly history, 4 weeks ahead, --holidays IL: ${show(whole)} (${(whole.wall / bare.wall).toFixed(1)}x node -e 0; target <= 2 s)`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** CPU seconds (user + system) of this process's finished children, from /proc (Linux); NaN elsewhere. */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14; clock ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return Number.NaN
  }
}

async function main(): Promise<void> {
  const seriesKeys = (process.env.FORECAST_ROLLING_SERIES ?? SERIES.map((s) => s.key).join(',')).split(',')
  const methodKeys = (process.env.FORECAST_ROLLING_METHODS ?? Object.keys(METHODS).join(',')).split(',')
  const jobs: Job[] = []
  for (const key of seriesKeys) for (const origin of originsOf(SERIES.find((s) => s.key === key)!)) for (const m of methodKeys) jobs.push({ series: key, origin, method: m })
  const started = performance.now()
  const results = await runAll(jobs)
  console.log(`forecast-rolling: ${jobs.length} forecasts in ${((performance.now() - started) / 1000).toFixed(1)} s wall`)
  printTable(results, seriesKeys, methodKeys)
  if (!process.env.FORECAST_ROLLING_SKIP_STARTUP) startupRatio()
}

if (!isMainThread) {
  loadAugursMstlWasm()
  const cache = new Map<string, { timestamps: string[]; volumes: number[] }>()
  parentPort!.on('message', (job: Job | null) => {
    if (job === null) { parentPort!.close(); return }
    try {
      parentPort!.postMessage({ ok: true, result: runJob(job, cache) })
    } catch (error) {
      parentPort!.postMessage({ ok: false, job, message: (error as Error).stack ?? String(error) })
    }
  })
} else {
  await main()
}
