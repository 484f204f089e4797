/**
 * Scenario benchmark: recomputing a scenario from its frozen baseline for four weeks of 30-minute intervals of one
 * queue (1,344 intervals): the US bank's calls of 29 September – 26 October 2003 (data/demo/bank_calls_30min.csv)
 * as a seasonal-naive forecast of 27 October – 23 November, frozen as a baseline in an in-memory database. Timed:
 * reading the baseline back, applying the overrides (volume +15% on weekday mornings, an added launch event, SLA
 * 90% in 30 s, shrinkage 35%), the staffing engine for every interval, and the day/week comparison; once with
 * Erlang C and once with chat concurrency (k = 3, α = 0.1). Target: under 1 s each. Median of several runs.
 * Run: node --expose-gc --import tsx src/bench/scenarios.bench.ts   (or: npm run bench -- scenarios)
 */
import { readFileSync } from 'node:fs'
import { createDb } from '../db/client.ts'
import { migrateDb } from '../db/migrate.ts'
import { createQueue } from '../db/queues.ts'
import { findBaseline, insertBaseline } from '../db/scenarios.ts'
import { US_BANK_HOURS } from '../demo/loadDemo.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../planning/staffingPlan.ts'
import { compareWithBaseline, computePlan, recomputeScenario } from '../planning/scenarioPlan.ts'
import { intervalsBetweenDates } from '../time/intervals.ts'
import { formatLocalIso } from '../time/zones.ts'
import type { PlanInputs, ScenarioOverrides } from '../scenarios/types.ts'

const TIME_ZONE = 'America/New_York'
const FROM = '2003-10-27'
const TO = '2003-11-23'
const DAY_MS = 86_400_000

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The calls of the same local wall-clock time four weeks earlier (DST ends in between, so by local date). */
function fourWeeksOfCalls(): PlanInputs['intervals'] {
  const lines = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
  const calls = new Map(lines.map((l) => { const [t, v] = l.split(','); return [t, Number(v)] }))
  return intervalsBetweenDates(FROM, TO, TIME_ZONE, 30).map((startMs) => {
    const local = formatLocalIso(startMs, TIME_ZONE)
    const earlier = new Date(Date.parse(local.slice(0, 10) + 'T00:00:00Z') - 28 * DAY_MS).toISOString().slice(0, 10) + local.slice(10)
    const v = calls.get(earlier) ?? 0
    return { startMs, baseVolume: v, baseLo80: v * 0.9, baseHi80: v * 1.1, baseLo95: v * 0.8, baseHi95: v * 1.2, volume: v, volumeLo80: v * 0.9, volumeHi80: v * 1.1, volumeLo95: v * 0.8, volumeHi95: v * 1.2, ahtSeconds: 300 }
  })
}

async function main() {
  const db = await createDb(':memory:')
  await migrateDb(db)
  const queue = await createQueue(db, { name: 'US bank', timeZone: TIME_ZONE, intervalMinutes: 30, openingHours: US_BANK_HOURS })
  const inputs: PlanInputs = {
    queueId: queue.id, queueName: queue.name, timeZone: TIME_ZONE, intervalMinutes: 30, fromDateKey: FROM, toDateKey: TO,
    forecastSource: 'seasonal naive (4 weeks earlier)', volumeModel: 'seasonalNaive', aht: { kind: 'constant', seconds: 300, reason: 'no handle times' },
    intervals: fourWeeksOfCalls(), events: [], settings: { ...DEFAULT_STAFFING_SETTINGS }, costPerHour: 30, openingHours: US_BANK_HOURS.map((d) => (d ? { ...d } : null)), coverage: null,
  }
  const stored = await insertBaseline(db, { name: 'bench', inputs, outputs: computePlan(inputs, { name: 'baseline' }).intervals })
  const overrides: ScenarioOverrides = {
    volume: [{ scope: { weekdays: [1, 2, 3, 4, 5], fromMinute: 420, toMinute: 720 }, kind: 'fraction', changeFraction: 0.15 }],
    addedEvents: [{ name: 'Launch', fromDateKey: '2003-11-10', toDateKey: '2003-11-12', kind: 'multiplier', value: 1.3 }],
    serviceLevelTarget: 0.9, answerWithinSeconds: 30, shrinkageFraction: 0.35,
  }
  const variants: [string, ScenarioOverrides][] = [['Erlang C', overrides], ['chat k=3 α=0.1', { ...overrides, maxConcurrency: 3, slowdownAlpha: 0.1 }]]
  for (const [label, o] of variants) {
    let checksum = 0
    const once = async () => {
      const baseline = (await findBaseline(db, stored.id))!
      const plan = recomputeScenario(baseline, o, label)
      checksum = compareWithBaseline(baseline, [plan]).total.scenarios[0].paidHours
    }
    for (let i = 0; i < 2; i++) await once()
    const times: number[] = []
    for (let i = 0; i < 7; i++) {
      ;(globalThis as { gc?: () => void }).gc?.()
      const start = performance.now()
      await once()
      times.push(performance.now() - start)
    }
    console.log(`scenarios: recompute 4 weeks of 30-min intervals (${inputs.intervals.length}), one queue, ${label} (load baseline + overrides + staffing + comparison): ${median(times).toFixed(1)} ms (target < 1000 ms) [paid hours ${checksum.toFixed(0)}]`)
  }
  db.client.close()
}

await main()
