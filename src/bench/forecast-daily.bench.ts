/**
 * Daily-totals diagnosis (issue 14): where the error of the dailyProfile's daily totals comes from, at EVERY weekly
 * origin (not only the rolling-origin suite's), on the two bank series of ../../shared/data.
 * - US bank 2003 (bank_calls_5min.csv, America/New_York, horizon 7 days), IL bank 1999 (anon_bank_1999_6min.csv,
 *   Asia/Jerusalem, horizon 14 days); public holidays of the country kept out of learning and scoring, as in the
 *   suite. An origin every Monday (US) / Sunday (IL) from the suite's first origin on; days of the horizon with data.
 * - For each level weight alpha that dailyProfile tries: daily WAPE and bias; the mean |log error| before and after
 *   removing each horizon's own mean log error (what a perfect weekly level would leave); the spread of that weekly
 *   level error and its lag-1 autocorrelation across consecutive origins (near 0: last week's surprise says nothing
 *   about next week's, so no level carry or faster smoothing can forecast it); its mean by week of the month.
 * - The intraday side, on the US series at 5 minutes (h=7d) and the IL series at 30 minutes (h=14d) and hourly
 *   (h=28d): each horizon day's ACTUAL total split by each candidate profile of profileCandidates.ts (the model's, the
 *   one before, window lengths, smoothing widths fixed or chosen by the history's own error, recency weights,
 *   shrinkage toward the open weekdays, Shen & Huang's SVD factors, a level-dependent shape, and the profile of every
 *   same weekday of the year as a ceiling) against the Poisson floor (the mean absolute deviation sqrt(2v/pi) of a
 *   count with that mean), both as MAE per interval over the weekly naive MAE of the whole series
 *   (profileSplitError); and how much more than Poisson the counts scatter around the year's profile.
 * Deterministic; about fifteen seconds. Run: npx chatplan bench forecast-daily
 */
import { readFileSync } from 'node:fs'
import { holidaySpecialDays, weekendOf } from '../events/holidaySpecialDays.ts'
import { publicHolidays } from '../events/holidays.ts'
import { gridBefore, observedSum } from '../forecast/calendar/dayGrid.ts'
import { forecastTotalsByCalendarLevel } from '../forecast/models/calendarLevelTotals.ts'
import { dailyTotalsOf } from '../forecast/models/dailyTotals.ts'
import { dailyProfileTotalsOptions, defaultSmoothingSlots, LEVEL_ALPHAS } from '../forecast/models/index.ts'
import { profileSplitError } from '../forecast/models/profileSplitError.ts'
import { prepareSeries } from '../forecast/prepareSeries.ts'
import { profileCandidates } from './profileCandidates.ts'

const DATA_DIR = new URL('../../../shared/data/', import.meta.url)
const DAY_MS = 86_400_000

interface Spec { label: string; file: string; timeZone: string; country: string; years: number[]; firstOrigin: string; horizonDays: number }

const SPECS: Spec[] = [
  { label: '2003 US bank, h=7d', file: 'bank_calls_5min.csv', timeZone: 'America/New_York', country: 'US', years: [2003, 2004], firstOrigin: '2003-04-07', horizonDays: 7 },
  { label: '1999 IL bank, h=14d', file: 'anon_bank_1999_6min.csv', timeZone: 'Asia/Jerusalem', country: 'IL', years: [1999, 2000], firstOrigin: '1999-03-07', horizonDays: 14 },
]

/** The series summed to `intervalMinutes` by local timestamp (daily totals do not depend on the interval length). */
function seriesAt(file: string, intervalMinutes: number): { timestamps: string[]; volumes: number[] } {
  const sums = new Map<string, number>()
  const lines = readFileSync(new URL(file, DATA_DIR), 'utf8').split('\n')
  for (let i = 1; i < lines.length; i++) {
    const [ts, v] = lines[i].trim().split(',')
    if (!ts) continue
    const minute = Number(ts.slice(11, 13)) * 60 + Number(ts.slice(14, 16))
    const start = minute - (minute % intervalMinutes)
    const key = `${ts.slice(0, 10)}T${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}:00`
    sums.set(key, (sums.get(key) ?? 0) + Number(v))
  }
  return { timestamps: [...sums.keys()], volumes: [...sums.values()] }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`

function diagnose(spec: Spec): void {
  const { timestamps, volumes } = seriesAt(spec.file, 60)
  const lastDate = timestamps[timestamps.length - 1].slice(0, 10)
  const prepared = prepareSeries({
    timestamps, volumes, futureTimestamps: [new Date(Date.parse(lastDate + 'T00:00:00Z') + DAY_MS).toISOString().slice(0, 10) + 'T12:00:00'],
    timeZone: spec.timeZone, intervalMinutes: 60,
    specialDays: holidaySpecialDays(publicHolidays(spec.country, spec.years), spec.timeZone, weekendOf(spec.country)),
  })
  const grid = prepared.learningGrid
  const actual = new Map(grid.dayNumbers.map((d, i) => [d, observedSum(grid.values[i])]))
  const firstOrigin = Date.parse(spec.firstOrigin + 'T00:00:00Z') / DAY_MS
  const lastDay = grid.dayNumbers[grid.dayNumbers.length - 1]
  console.log(`\n${spec.label}: weekly origins from ${spec.firstOrigin}, holidays ${spec.country} kept out`)
  for (const alpha of LEVEL_ALPHAS) {
    let absolute = 0
    let error = 0
    let volume = 0
    let logAll = 0
    let logWithin = 0
    let days = 0
    const weekly: Array<{ origin: number; error: number }> = []
    for (let origin = firstOrigin; origin + spec.horizonDays - 1 <= lastDay; origin += 7) {
      const targets = grid.dayNumbers.filter((d) => d >= origin && d < origin + spec.horizonDays)
      const forecast = forecastTotalsByCalendarLevel(dailyTotalsOf(gridBefore(grid, origin)), targets, prepared.calendar, dailyProfileTotalsOptions(alpha))
      const logs: number[] = []
      targets.forEach((d, i) => {
        const a = actual.get(d)!
        if (!Number.isFinite(forecast[i]) || !(a > 0)) return
        absolute += Math.abs(forecast[i] - a)
        error += forecast[i] - a
        volume += a
        logs.push(Math.log(forecast[i] / a))
      })
      if (logs.length === 0) continue
      const mean = logs.reduce((s, x) => s + x, 0) / logs.length
      for (const x of logs) { logAll += Math.abs(x); logWithin += Math.abs(x - mean); days++ }
      weekly.push({ origin, error: mean })
    }
    const mean = weekly.reduce((s, w) => s + w.error, 0) / weekly.length
    let c0 = 0
    let c1 = 0
    weekly.forEach((w, i) => {
      c0 += (w.error - mean) ** 2
      if (i > 0 && w.origin - weekly[i - 1].origin === 7) c1 += (w.error - mean) * (weekly[i - 1].error - mean)
    })
    const byWeekOfMonth = new Map<number, number[]>()
    for (const w of weekly) {
      const week = Math.ceil(new Date((w.origin + 3) * DAY_MS).getUTCDate() / 7)
      byWeekOfMonth.set(week, [...(byWeekOfMonth.get(week) ?? []), w.error])
    }
    console.log(`  alpha ${alpha}: ${weekly.length} origins, ${days} days; daily WAPE ${pct(absolute / volume)}, bias ${pct(error / volume)}`)
    console.log(`    mean |log error| ${pct(logAll / days)}; with each horizon's level known ${pct(logWithin / days)} (the rest is the level)`)
    console.log(`    horizon level error: sd ${pct(Math.sqrt(c0 / weekly.length))}, lag-1 autocorrelation ${(c1 / c0).toFixed(2)}; mean by week of the month ${[...byWeekOfMonth.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}: ${pct(v.reduce((s, x) => s + x, 0) / v.length)} (${v.length})`).join(', ')}`)
  }
}

/**
 * The intraday side: each horizon day's ACTUAL total split by each candidate profile (profileCandidates.ts), at every
 * weekly origin, as MAE per interval over the weekly naive MAE of the whole series, beside the Poisson floor.
 */
function intradaySide(spec: Spec, intervalMinutes: number, horizonDays: number): void {
  const { timestamps, volumes } = seriesAt(spec.file, intervalMinutes)
  const lastDate = timestamps[timestamps.length - 1].slice(0, 10)
  const prepared = prepareSeries({
    timestamps, volumes, futureTimestamps: [new Date(Date.parse(lastDate + 'T00:00:00Z') + DAY_MS).toISOString().slice(0, 10) + 'T12:00:00'],
    timeZone: spec.timeZone, intervalMinutes,
    specialDays: holidaySpecialDays(publicHolidays(spec.country, spec.years), spec.timeZone, weekendOf(spec.country)),
  })
  const grid = prepared.learningGrid
  const byDay = new Map(grid.dayNumbers.map((d, i) => [d, grid.values[i]]))
  let naive = 0
  let naiveCount = 0
  for (const [d, row] of byDay) {
    const before = byDay.get(d - 7)
    if (!before) continue
    row.forEach((v, s) => { if (v === v && before[s] === before[s]) { naive += Math.abs(v - before[s]); naiveCount++ } })
  }
  const scale = naive / naiveCount
  const origins = { firstOrigin: Date.parse(spec.firstOrigin + 'T00:00:00Z') / DAY_MS, stepDays: 7, horizonDays }
  const smoothing = defaultSmoothingSlots(intervalMinutes)
  console.log(`\n${spec.label.replace(/, h=.*/, '')}, intraday at ${intervalMinutes} min, h=${horizonDays}d: actual day totals split by each profile, MAE over the weekly naive MAE ${scale.toFixed(2)}`)
  let floorShown = false
  for (const [label, profileOf] of profileCandidates(grid, smoothing, horizonDays)) {
    const e = profileSplitError(grid, profileOf, origins)
    if (!floorShown) { console.log(`  ${'Poisson floor (what no profile can beat)'.padEnd(64)} ${(e.poissonFloor / scale).toFixed(3)}  (${e.days} days)`); floorShown = true }
    console.log(`  ${label.padEnd(64)} ${(e.mae / scale).toFixed(3)}`)
  }
  // Why the floor is out of reach: the counts scatter around (actual total x the year's profile) more than Poisson.
  let squares = 0
  let counts = 0
  const year = profileCandidates(grid, smoothing, horizonDays).at(-1)![1]
  for (const [d, row] of byDay) {
    if (d < origins.firstOrigin) continue
    const total = observedSum(row)
    const shares = year(grid, d)
    row.forEach((v, s) => { if (v === v) { squares += (total * shares[s] - v) ** 2; counts += v } })
  }
  console.log(`  dispersion around (actual total x the year's profile): variance ${(squares / counts).toFixed(2)} x the Poisson variance`)
}

for (const spec of SPECS) diagnose(spec)
intradaySide(SPECS[0], 5, 7)
intradaySide(SPECS[1], 30, 14)
intradaySide(SPECS[1], 60, 28)
