/**
 * Events benchmark: does marking public holidays lower the forecast error on the weeks that hold them?
 * Series: ../shared/data/anon_bank_1999_6min.csv (Anonymous Bank, Israel, 1999), summed to 60-minute intervals in
 * Asia/Jerusalem. Events: date-holidays 'IL' public holidays of 1999 and their eves (holidays start at sunset).
 * Origins: the Sunday (start of the Israeli week) of every week holding a holiday or eve; horizon one week.
 * Same model with and without events (the engine's choice without events). Prints MASE and WAPE of both, and
 * the time taken.
 * Run: node --expose-gc --import tsx src/bench/events.bench.ts   (or: npm run bench -- events)
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { affectedDates } from '../events/calendar.ts'
import { backtestEvents, sumToLocalIntervals, weekStartsOf } from '../events/eventBacktest.ts'
import { holidayEvents, publicHolidays } from '../events/holidays.ts'
import { parseLocalIsoToUtcMs } from '../time/zones.ts'

const ZONE = 'Asia/Jerusalem'
const INTERVAL_MINUTES = 60
const candidates = ['../../../shared/data/anon_bank_1999_6min.csv', '../../data/demo/anon_bank_1999_6min.csv'].map((p) => fileURLToPath(new URL(p, import.meta.url)))
const file = candidates.find((p) => existsSync(p))
if (!file) throw new Error(`anon_bank_1999_6min.csv not found in ${candidates.join(' or ')}`)
const [, ...lines] = readFileSync(file, 'utf8').trim().split('\n')
const series = sumToLocalIntervals(lines.map((l) => l.slice(0, 19)), lines.map((l) => Number(l.slice(20))), ZONE, INTERVAL_MINUTES)
const events = holidayEvents(publicHolidays('IL', [1999]), { timeZone: ZONE, country: 'IL' })
const weeks = weekStartsOf(events.flatMap((e) => affectedDates(e)))
const started = performance.now()
const result = backtestEvents({ ...series, timeZone: ZONE, intervalMinutes: INTERVAL_MINUTES }, events, weeks.map((w) => parseLocalIsoToUtcMs(w + 'T00:00:00', ZONE)))
const elapsedMs = performance.now() - started
for (const o of result.origins) {
  console.log(`events: week of ${new Date(o.originMs + 3 * 3_600_000).toISOString().slice(0, 10)} (${o.model.split('(')[0]}): MASE ${o.without.mase.toFixed(3)} -> ${o.with.mase.toFixed(3)}, WAPE ${o.without.wape.toFixed(3)} -> ${o.with.wape.toFixed(3)}`)
}
console.log(`events: IL 1999 holiday weeks (${result.origins.length} origins, ${events.length} holiday and eve days, 60 min), without events: MASE ${result.without.mase.toFixed(3)}, WAPE ${result.without.wape.toFixed(3)}`)
console.log(`events: IL 1999 holiday weeks, with holidays as events: MASE ${result.with.mase.toFixed(3)}, WAPE ${result.with.wape.toFixed(3)} (target: lower than without)`)
console.log(`events: backtest time ${(elapsedMs / 1000).toFixed(1)} s`)
if (!(result.with.mase < result.without.mase && result.with.wape < result.without.wape)) process.exitCode = 1
