/**
 * Intraday re-forecast yardstick (issue 13). For every weekday in the second half of bank_calls_30min.csv
 * (America/New_York) and every day in the second half of 1999 in anon_bank_1999_6min.csv summed to hours (the file is
 * a 24-hour wall-clock grid every day, so it is read in UTC), with the history before that day and the day's actuals
 * until the clock: the MAE of the re-forecast over the rest of the day divided by the MAE of the day-ahead forecast
 * (the same-weekday mean of the last 4 weeks, which is also what the re-forecast is given as its day-ahead), pooled
 * over days; and the coverage of the 80% and 95% intervals. Clocks 10:00, 12:00 (targets: ratio <= 0.70 bank,
 * <= 0.82 1999; 80% coverage 75-85%) and 14:00.
 * Run: node --import tsx src/bench/intraday.bench.ts
 */
import { readFileSync } from 'node:fs'
import { reforecastIntraday } from '../forecast/intraday/reforecastIntraday.ts'
import { parseLocalIsoToUtcMs } from '../time/zones.ts'

const DATA_DIR = new URL('../../../shared/data/', import.meta.url)

interface Day { date: string; starts: number[]; volumes: number[]; byLocalTime?: Map<string, number> }

function readDays(file: string, zone: string, hourly: boolean): Day[] {
  const lines = readFileSync(new URL(file, DATA_DIR), 'utf8').trim().split('\n').slice(1)
  const byKey = new Map<string, number>()
  const days: Day[] = []
  for (const line of lines) {
    const [timestamp, volume] = line.split(',')
    const key = hourly ? timestamp.slice(0, 13) + ':00:00' : timestamp
    const date = key.slice(0, 10)
    if (days.length === 0 || days[days.length - 1].date !== date) days.push({ date, starts: [], volumes: [] })
    const day = days[days.length - 1]
    const index = byKey.get(key)
    if (index === undefined) {
      byKey.set(key, day.volumes.length)
      day.starts.push(parseLocalIsoToUtcMs(key, zone))
      day.volumes.push(Number(volume))
    } else day.volumes[index] += Number(volume)
  }
  return days
}

interface Score { ratio: number; fixedRatio: number; coverage80: number; coverage95: number; days: number; seconds: number }

function runAt(days: Day[], zone: string, intervalMinutes: number, firstDay: number, include: (date: string) => boolean, clock: string): Score {
  let errorRe = 0
  let errorDayAhead = 0
  let errorFixed = 0
  let inside80 = 0
  let inside95 = 0
  let count = 0
  let evaluated = 0
  let reforecastMs = 0
  const historyStarts: number[] = []
  const historyVolumes: number[] = []
  for (let d = 0; d < firstDay; d++) { historyStarts.push(...days[d].starts); historyVolumes.push(...days[d].volumes) }
  for (let d = firstDay; d < days.length; d++) {
    const day = days[d]
    if (include(day.date)) {
      const asOf = parseLocalIsoToUtcMs(`${day.date}T${clock}:00`, zone)
      // Day-ahead: same-weekday mean of the last 4 weeks, per local time.
      const weekday = new Date(day.date).getUTCDay()
      const previous = days.slice(0, d).filter((p) => new Date(p.date).getUTCDay() === weekday).slice(-4)
      for (const p of previous) p.byLocalTime ??= new Map(p.starts.map((t, i) => [localTime(t, zone), p.volumes[i]]))
      const gridStarts = intervalStartsOfDay(day, zone, intervalMinutes)
      const dayAhead = gridStarts.map((t) => {
        const time = localTime(t, zone)
        const values = previous.map((p) => p.byLocalTime!.get(time) ?? 0)
        return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0
      })
      const closed = day.starts.map((t, i) => ({ t, v: day.volumes[i] })).filter((r) => r.t + intervalMinutes * 60_000 <= asOf)
      const callStarted = performance.now()
      const result = reforecastIntraday({
        timeZone: zone,
        intervalMinutes,
        date: day.date,
        asOfUtcMs: asOf,
        history: { intervalStartsUtcMs: historyStarts, volumes: historyVolumes },
        today: { intervalStartsUtcMs: closed.map((r) => r.t), volumes: closed.map((r) => r.v) },
        dayAhead: { mean: dayAhead },
      })
      reforecastMs += performance.now() - callStarted
      // Yardstick from the issue: a plain ratio update with a fixed weight, 1 + 0.7 (actual / day-ahead so far - 1).
      const soFar = closed.reduce((a, r) => a + r.v, 0)
      const expectedSoFar = closed.reduce((a, r) => a + dayAhead[gridStarts.indexOf(r.t)], 0)
      const fixedRatio = expectedSoFar > 0 ? 1 + 0.7 * (soFar / expectedSoFar - 1) : 1
      result.intervalStartsUtcMs.forEach((t, k) => {
        const i = day.starts.indexOf(t)
        if (i < 0) return
        const actual = day.volumes[i]
        errorRe += Math.abs(actual - result.mean[k])
        errorDayAhead += Math.abs(actual - dayAhead[gridStarts.indexOf(t)])
        errorFixed += Math.abs(actual - fixedRatio * dayAhead[gridStarts.indexOf(t)])
        if (actual >= result.lower[0][k] && actual <= result.upper[0][k]) inside80++
        if (actual >= result.lower[1][k] && actual <= result.upper[1][k]) inside95++
        count++
      })
      evaluated++
    }
    historyStarts.push(...day.starts)
    historyVolumes.push(...day.volumes)
  }
  return { ratio: errorRe / errorDayAhead, fixedRatio: errorFixed / errorDayAhead, coverage80: inside80 / count, coverage95: inside95 / count, days: evaluated, seconds: reforecastMs / 1000 }
}

const localTimeCache = new Map<string, Intl.DateTimeFormat>()
function localTime(utcMs: number, zone: string): string {
  let format = localTimeCache.get(zone)
  if (!format) localTimeCache.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })))
  return format.format(utcMs)
}

/** The data's own intervals of the day are the grid the day-ahead is given on (every interval of the local day). */
function intervalStartsOfDay(day: Day, zone: string, intervalMinutes: number): number[] {
  const midnight = parseLocalIsoToUtcMs(`${day.date}T00:00:00`, zone)
  const next = new Date(Date.parse(day.date) + 86_400_000).toISOString().slice(0, 10)
  const end = parseLocalIsoToUtcMs(`${next}T00:00:00`, zone)
  const starts: number[] = []
  for (let t = midnight; t < end; t += intervalMinutes * 60_000) starts.push(t)
  return starts
}

function report(label: string, days: Day[], zone: string, intervalMinutes: number, firstDay: number, include: (date: string) => boolean, target: number): void {
  for (const clock of ['10:00', '12:00', '14:00']) {
    const s = runAt(days, zone, intervalMinutes, firstDay, include, clock)
    const goal = clock === '12:00' ? ` (targets <= ${target.toFixed(2)}, 80% coverage 75-85%)` : ''
    console.log(`intraday: ${label} at ${clock}: rest-of-day MAE ratio ${s.ratio.toFixed(3)} vs same-weekday mean of 4 weeks, 80% coverage ${(s.coverage80 * 100).toFixed(1)}%, 95% coverage ${(s.coverage95 * 100).toFixed(1)}% (fixed-weight ratio update: ${s.fixedRatio.toFixed(3)}), ${s.days} days, ${(s.seconds * 1000 / s.days).toFixed(0)} ms a re-forecast${goal}`)
  }
}

const only = process.argv[2]
if (!only || only === 'bank') {
  const bank = readDays('bank_calls_30min.csv', 'America/New_York', false)
  const isWeekday = (date: string) => { const w = new Date(date).getUTCDay(); return w >= 1 && w <= 5 }
  report('bank 30-min, weekdays of the second half', bank, 'America/New_York', 30, Math.floor(bank.length / 2), isWeekday, 0.7)
}
if (!only || only === '1999') {
  const year = readDays('anon_bank_1999_6min.csv', 'UTC', true)
  report('1999 hourly, every day of the second half', year, 'UTC', 60, year.findIndex((d) => d.date >= '1999-07-01'), () => true, 0.82)
}
