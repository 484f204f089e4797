import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { createEvent } from '../../src/db/events.ts'
import { insertSnapshot } from '../../src/db/forecasts.ts'
import { saveStaffingSettings } from '../../src/db/staffingSettings.ts'
import { findBaseline, findScenario, insertScenario, listBaselineVersions, updateScenario } from '../../src/db/scenarios.ts'
import type { Queue } from '../../src/db/schema.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { DEFAULT_STAFFING_SETTINGS, planQueueStaffing, staffingPlan, UPPER_QUANTILE_OF_80, UPPER_QUANTILE_OF_95, type StaffingSettings } from '../../src/planning/staffingPlan.ts'
import { forecastQueue, type QueueForecast } from '../../src/planning/queueForecast.ts'
import { forecastQueueWithEvents } from '../../src/planning/eventForecast.ts'
import {
  comparableOfBaseline, compareWithBaseline, createBaseline, forecastOfInputs, freezePlanInForce, promoteScenario, recomputeScenario, sweepScenario, type FrozenPlan,
} from '../../src/planning/scenarioPlan.ts'
import { agentsScheduled, requirementForIntervals, serviceForStaffing, type StaffingModel, type StaffingTargets } from '../../src/staffing/index.ts'
import { applyEventEffects } from '../../src/events/calendar.ts'
import { localParts } from '../../src/time/zones.ts'
import type { PlanInputs } from '../../src/scenarios/types.ts'

const demo = (file: string) => new URL(`../../data/demo/${file}`, import.meta.url)
const RANGE = { fromDateKey: '2003-10-27', toDateKey: '2003-10-28' }

let dir: string
let db: Db
let usBank: Queue
/** US bank (history from September 2003), 27–28 October 2003, default settings, no events: frozen once. */
let frozen: FrozenPlan
let inputs: PlanInputs
let forecast: QueueForecast

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-scenario-plan-'))
  db = await createDb('file:' + join(dir, 'plan.db'))
  await migrateDb(db)
  const bank = readFileSync(demo('bank_calls_30min.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ? WHERE name = ?', args: [JSON.stringify(US_BANK_HOURS), 'US bank'] })
  usBank = (await findQueueByName(db, 'US bank'))!
  frozen = await freezePlanInForce(db, usBank, { ...RANGE, costPerHour: 30 })
  inputs = frozen.inputs
  forecast = forecastOfInputs(inputs)
}, 120_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

/** The engine's input as the staffing plan builds it: mean volume, AHT and the upper quantiles. */
function engineInput(f: QueueForecast, ahtOf = (i: QueueForecast['intervals'][number]) => i.ahtSeconds) {
  return f.intervals.map((i) => ({
    volume: i.volume, ahtSeconds: ahtOf(i),
    volumeQuantiles: [{ probability: UPPER_QUANTILE_OF_80, volume: Math.max(i.volume, i.volumeHi80) }, { probability: UPPER_QUANTILE_OF_95, volume: Math.max(i.volume, i.volumeHi95) }],
  }))
}
const targetsOf = (s: StaffingSettings): StaffingTargets => ({ serviceLevelTarget: s.serviceLevelTarget, answerWithinSeconds: s.answerWithinSeconds, asaTargetSeconds: s.asaTargetSeconds, maxOccupancy: s.maxOccupancy, maxAbandonFraction: s.modelKind === 'erlang_a' ? s.maxAbandonFraction : null })
const scaled = (f: QueueForecast, factor: number): QueueForecast => ({
  ...f, intervals: f.intervals.map((i) => ({ ...i, volume: i.volume * factor, volumeLo80: i.volumeLo80 * factor, volumeHi80: i.volumeHi80 * factor, volumeLo95: i.volumeLo95 * factor, volumeHi95: i.volumeHi95 * factor })),
})

describe('freezing the plan in force', () => {
  it('forecasts the days (no published forecast), with the default settings and no schedule, and plans them like the staffing page', async () => {
    expect(inputs.forecastSource).toMatch(/^forecast made at freeze time/)
    expect(inputs.intervals.length).toBe(96)
    expect(inputs.settings).toEqual(DEFAULT_STAFFING_SETTINGS)
    expect(inputs.coverage).toBeNull()
    expect(frozen.notes).toContain('no published schedule: agents scheduled are the requirement after shrinkage')
    const direct = await forecastQueueWithEvents(db, usBank, RANGE)
    expect(inputs.intervals.map((i) => i.volume)).toEqual(direct.withEvents.intervals.map((i) => i.volume))
    const plan = staffingPlan(direct.withEvents, DEFAULT_STAFFING_SETTINGS, { queueName: 'US bank' })
    expect(frozen.plan.intervals.map((i) => [i.agentsRequired, i.agentsScheduled, i.expectedServiceLevel])).toEqual(plan.intervals.map((i) => [i.agentsRequired, i.agentsScheduled, i.expectedServiceLevel]))
    expect(plan.totals.requiredAgentHours).toBeGreaterThan(3000)
  })

  it('uses the published forecast when it covers the days', async () => {
    const snapshot = await insertSnapshot(db, {
      queueId: usBank.id, name: 'October plan', model: 'weekdayMean:k=4', ahtModel: null, intervalMinutes: 30, ...RANGE, scores: [], ahtScores: [], horizonAccuracy: null,
      coverage: [], warnings: [], published: true,
      intervals: inputs.intervals.map((i) => ({ startMs: i.startMs, mean: i.baseVolume * 1.05, lo80: i.baseLo80, hi80: i.baseHi80 * 1.05, lo95: i.baseLo95, hi95: i.baseHi95 * 1.05, ahtMeanSeconds: 300, ahtLo80Seconds: 300, ahtHi80Seconds: 300 })),
    })
    const fromSnapshot = await freezePlanInForce(db, usBank, { ...RANGE, costPerHour: 30 })
    expect(fromSnapshot.inputs.forecastSource).toBe(`published forecast #${snapshot.id} 'October plan'`)
    expect(fromSnapshot.inputs.volumeModel).toBe('weekdayMean:k=4')
    expect(fromSnapshot.inputs.intervals.map((i) => i.volume)).toEqual(inputs.intervals.map((i) => i.baseVolume * 1.05))
    // one truth: the staffing plan (page, API, chatplan plan) and the events path (schedules, flags) read the same
    // published numbers, for the whole range and for one day of it
    const staffing = (await planQueueStaffing(db, usBank, DEFAULT_STAFFING_SETTINGS, RANGE)).plan
    expect(staffing.intervals.map((i) => i.volume)).toEqual(inputs.intervals.map((i) => i.baseVolume * 1.05))
    expect(staffing.volumeModel).toBe('weekdayMean:k=4')
    const oneDay = (await planQueueStaffing(db, usBank, DEFAULT_STAFFING_SETTINGS, { fromDateKey: '2003-10-28', toDateKey: '2003-10-28' })).plan
    expect(oneDay.intervals.map((i) => i.volume)).toEqual(staffing.intervals.slice(48).map((i) => i.volume))
    const events = await forecastQueueWithEvents(db, usBank, RANGE)
    expect(events.base.intervals.map((i) => i.volume)).toEqual(staffing.intervals.map((i) => i.volume))
    // the forecast page still forecasts afresh (it makes what one publishes)
    expect((await forecastQueue(db, usBank, { ...RANGE, fresh: true })).publishedSnapshot).toBeUndefined()
    await db.client.execute('UPDATE forecast_snapshots SET published = 0')
    expect((await planQueueStaffing(db, usBank, DEFAULT_STAFFING_SETTINGS, RANGE)).plan.volumeModel).not.toBe('weekdayMean:k=4')
  })
})

describe('each override against the staffing engine', () => {
  it('+10% volume on the queue staffs exactly a forecast scaled by 1.1', () => {
    const scenario = recomputeScenario({ inputs }, { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.1 }] }, '+10%')
    const expected = staffingPlan(scaled(forecast, 1.1), inputs.settings, { queueName: 'US bank' })
    expect(scenario.staffing.intervals).toEqual(expected.intervals)
    expect(scenario.staffing.totals.requiredAgentHours).toBeGreaterThan(frozen.plan.staffing.totals.requiredAgentHours)
  })

  it('a concurrency of 3 chats (α 0.1) matches the engine\'s balanced chain', () => {
    const scenario = recomputeScenario({ inputs }, { maxConcurrency: 3, slowdownAlpha: 0.1 }, 'k=3')
    const model: StaffingModel = { kind: 'chat', maxConcurrency: 3, slowdownAlpha: 0.1 }
    const rows = requirementForIntervals(engineInput(forecast), { intervalMinutes: 30, model, targets: targetsOf(inputs.settings), shrinkageFraction: 0.3, maxAgents: 20_000 })
    expect(scenario.intervals.map((i) => i.agentsRequired)).toEqual(rows.map((r) => r.agentsRequired))
    expect(scenario.intervals.map((i) => i.expectedServiceLevel)).toEqual(rows.map((r) => r.expectedServiceLevel))
    expect(scenario.staffing.totals.requiredAgentHours).toBeLessThan(frozen.plan.staffing.totals.requiredAgentHours / 2)
  })

  it('an SLA of 90% in 30 s, an ASA target, an occupancy cap and an abandonment target match the engine', () => {
    const cases: [Parameters<typeof recomputeScenario>[1], StaffingSettings][] = [
      [{ serviceLevelTarget: 0.9, answerWithinSeconds: 30 }, { ...inputs.settings, serviceLevelTarget: 0.9, answerWithinSeconds: 30 }],
      [{ serviceLevelTarget: null, asaTargetSeconds: 15 }, { ...inputs.settings, serviceLevelTarget: null, asaTargetSeconds: 15 }],
      [{ maxOccupancy: 0.85 }, { ...inputs.settings, maxOccupancy: 0.85 }],
      [{ meanPatienceSeconds: 120, maxAbandonFraction: 0.03 }, { ...inputs.settings, modelKind: 'erlang_a', meanPatienceSeconds: 120, maxAbandonFraction: 0.03 }],
    ]
    for (const [overrides, settings] of cases) {
      const scenario = recomputeScenario({ inputs }, overrides, 'targets')
      const model: StaffingModel = settings.modelKind === 'erlang_a' ? { kind: 'erlang_a', meanPatienceSeconds: settings.meanPatienceSeconds! } : { kind: 'erlang_c' }
      const rows = requirementForIntervals(engineInput(forecast), { intervalMinutes: 30, model, targets: targetsOf(settings), shrinkageFraction: 0.3, maxAgents: 20_000 })
      expect(scenario.intervals.map((i) => [i.agentsRequired, i.expectedServiceLevel, i.expectedAsaSeconds])).toEqual(rows.map((r) => [r.agentsRequired, r.expectedServiceLevel, r.expectedAsaSeconds]))
    }
  })

  it('shrinkage changes the agents scheduled and the paid hours, not the agents required', () => {
    const scenario = recomputeScenario({ inputs }, { shrinkageFraction: 0.35 }, 'shrinkage 35%')
    expect(scenario.intervals.map((i) => i.agentsRequired)).toEqual(frozen.plan.intervals.map((i) => i.agentsRequired))
    expect(scenario.intervals.map((i) => i.agentsScheduled)).toEqual(frozen.plan.intervals.map((i) => agentsScheduled(i.agentsRequired, 0.35)))
    const c = compareWithBaseline({ ...fakeRecord(), outputs: frozen.plan.intervals }, [scenario])
    expect(c.total.scenarios[0].paidHours / c.total.baseline.paidHours).toBeCloseTo(0.7 / 0.65, 12)
  })

  it('AHT +20% staffs the forecast with 20% longer contacts', () => {
    const scenario = recomputeScenario({ inputs }, { aht: [{ scope: {}, kind: 'fraction', changeFraction: 0.2 }] }, 'AHT +20%')
    const expected = staffingPlan({ ...forecast, intervals: forecast.intervals.map((i) => ({ ...i, ahtSeconds: i.ahtSeconds * 1.2 })) }, inputs.settings, { queueName: 'US bank' })
    expect(scenario.staffing.intervals).toEqual(expected.intervals)
    expect(scenario.intervals.every((i) => i.ahtSeconds === 360)).toBe(true)
  })

  it('hours per FTE and cost per hour change FTE and cost only', () => {
    const scenario = recomputeScenario({ inputs }, { hoursPerFte: 7.5, costPerHour: 40 }, 'cost')
    const c = compareWithBaseline({ ...fakeRecord(), outputs: frozen.plan.intervals }, [scenario])
    const [b, s] = [c.total.baseline, c.total.scenarios[0]]
    expect(s.paidHours).toBe(b.paidHours)
    expect(s.fte).toBeCloseTo(b.paidHours / (7.5 * 2), 9)
    expect(s.cost).toBeCloseTo(b.paidHours * 40, 6)
    expect(b.cost).toBeCloseTo(b.paidHours * 30, 6)
  })

  it('a headcount answers the inverse question with the engine\'s service at those agents', () => {
    const scenario = recomputeScenario({ inputs }, { headcount: { kind: 'perInterval', agents: 300 } }, '300 agents')
    const withVolume = scenario.intervals.filter((i) => i.volume > 0)
    expect(withVolume.every((i) => i.coverageAgents === 300)).toBe(true)
    const service = serviceForStaffing(forecast.intervals.map((i) => ({ volume: i.volume, ahtSeconds: i.ahtSeconds })), forecast.intervals.map(() => 210), { intervalMinutes: 30, model: { kind: 'erlang_c' }, targets: targetsOf(inputs.settings) })
    scenario.intervals.forEach((i, k) => { if (i.volume > 0) expect([i.serviceLevel, i.asaSeconds]).toEqual([service[k].serviceLevel, service[k].asaSeconds]) })
    const fte = recomputeScenario({ inputs }, { headcount: { kind: 'totalFte', fte: 200 } }, '200 FTE')
    const c = compareWithBaseline({ ...fakeRecord(), outputs: frozen.plan.intervals }, [fte])
    for (const day of c.days) expect(day.scenarios[0].paidHours).toBeCloseTo(1600, 6)
    expect(c.total.scenarios[0].serviceLevel!).toBeLessThan(c.total.baseline.serviceLevel!)
  })

  it('a schedule\'s fractional heads get the service interpolated between the two whole numbers of productive agents', () => {
    const coverage = inputs.intervals.map((i) => (i.volume > 0 ? 301 : 0))
    const plan = recomputeScenario({ inputs: { ...inputs, coverage: { source: 'published schedule #1', agentsPerInterval: coverage } } }, {}, 'scheduled')
    const settings = { intervalMinutes: 30, model: { kind: 'erlang_c' } as StaffingModel, targets: targetsOf(inputs.settings) }
    const forecasts = forecast.intervals.map((i) => ({ volume: i.volume, ahtSeconds: i.ahtSeconds }))
    const low = serviceForStaffing(forecasts, forecasts.map(() => 210), settings)
    const high = serviceForStaffing(forecasts, forecasts.map(() => 211), settings)
    plan.intervals.forEach((i, k) => {
      if (i.volume === 0) return
      expect(i.coverageAgents).toBe(301)
      expect(i.serviceLevel).toBeCloseTo(0.3 * low[k].serviceLevel + 0.7 * high[k].serviceLevel, 12) // 301 × 0.7 = 210.7 productive
    })
    expect(plan.intervals.map((i) => i.agentsRequired)).toEqual(frozen.plan.intervals.map((i) => i.agentsRequired))
  })

  it('closing at 19:00 needs no agents after it; events removed and added staff the calendar\'s volumes', () => {
    const days = inputs.openingHours.map((d) => (d ? { ...d, closeMinute: 19 * 60 } : null))
    const closed = recomputeScenario({ inputs }, { openingHours: { days, retainClosedFraction: 0 } }, 'close 19:00')
    closed.intervals.forEach((i) => { if (localParts(i.startMs, 'America/New_York').minuteOfDay >= 19 * 60) expect(i.agentsRequired).toBe(0) })
    const launch = recomputeScenario({ inputs }, { addedEvents: [{ name: 'Launch', fromDateKey: '2003-10-28', toDateKey: '2003-10-28', kind: 'multiplier', value: 1.3 }] }, 'launch')
    const event = { id: 'added:1', queueId: null, type: 'other' as const, name: 'Launch', startUtcMs: Date.parse('2003-10-28T05:00:00Z'), endUtcMs: Date.parse('2003-10-29T05:00:00Z'), timeZone: 'America/New_York', effect: { kind: 'multiplier' as const, value: 1.3 }, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 }, source: 'user' as const, learnKey: 'other' }
    const { effects } = applyEventEffects(forecast.intervals.map((i) => i.startMs), forecast.intervals.map((i) => i.volume), [event], { intervalMinutes: 30, timeZone: 'America/New_York', valueOf: () => 1.3 })
    const expected = staffingPlan({ ...forecast, intervals: forecast.intervals.map((i, k) => { const m = effects[k].multiplier; return { ...i, volume: i.volume * m, volumeLo80: i.volumeLo80 * m, volumeHi80: i.volumeHi80 * m, volumeLo95: i.volumeLo95 * m, volumeHi95: i.volumeHi95 * m } }) }, inputs.settings, { queueName: 'US bank' })
    expect(launch.staffing.intervals).toEqual(expected.intervals)
  })

  it('a sweep of the SLA target draws cost rising with the service level', async () => {
    const progress: number[] = []
    const curve = await sweepScenario({ inputs }, {}, { input: 'serviceLevelTarget', from: 0.7, to: 0.95, points: 6 }, (done) => progress.push(done))
    expect(progress).toEqual([1, 2, 3, 4, 5, 6])
    const costs = curve.points.map((p) => p.figures!.cost)
    expect(costs).toEqual([...costs].sort((a, b) => a - b))
    expect(curve.points.map((p) => p.figures!.serviceLevel! >= p.value - 0.02)).toEqual(curve.points.map(() => true))
    const at80 = recomputeScenario({ inputs }, { serviceLevelTarget: 0.8 }, '80')
    expect(curve.points[2].figures!.paidHours).toBeCloseTo(compareWithBaseline({ ...fakeRecord(), outputs: frozen.plan.intervals }, [at80]).total.scenarios[0].paidHours, 9)
  })
})

describe('baselines are frozen; promoting makes a new version', () => {
  it('a baseline stays unchanged after its scenarios are edited, and promoting keeps the old version', async () => {
    await saveStaffingSettings(db, usBank.id, { ...DEFAULT_STAFFING_SETTINGS, shrinkageFraction: 0.32 })
    const { baseline } = await createBaseline(db, usBank, { ...RANGE, costPerHour: 30, name: 'Q4 plan', createdBy: 'Dana' })
    expect([baseline.version, baseline.createdBy, baseline.inputs.settings.shrinkageFraction]).toEqual([1, 'Dana', 0.32])
    const before = JSON.stringify(await findBaseline(db, baseline.id))
    const scenario = await insertScenario(db, { baselineId: baseline.id, name: 'Busy', overrides: { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.15 }] }, createdBy: 'Dana' })
    const saved = await updateScenario(db, scenario.id, { expectedVersion: 1, overrides: { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.15 }], shrinkageFraction: 0.35 }, updatedBy: 'Lee' })
    await saveStaffingSettings(db, usBank.id, { ...DEFAULT_STAFFING_SETTINGS, shrinkageFraction: 0.4 })
    await createEvent(db, { queueId: usBank.id, type: 'launch', name: 'App launch', startUtcMs: Date.parse('2003-10-27T05:00:00Z'), endUtcMs: Date.parse('2003-10-28T05:00:00Z'), timeZone: 'America/New_York', effect: { kind: 'multiplier', value: 2 }, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 } })
    expect(JSON.stringify(await findBaseline(db, baseline.id))).toBe(before)

    const { baseline: v2 } = await promoteScenario(db, saved.id, { createdBy: 'Lee' })
    expect([v2.name, v2.version, v2.createdBy, v2.promotedFromScenarioId]).toEqual(['Q4 plan', 2, 'Lee', saved.id])
    expect(JSON.stringify(await findBaseline(db, baseline.id))).toBe(before)
    expect((await listBaselineVersions(db, usBank.id, 'Q4 plan')).map((b) => [b.id, b.version])).toEqual([[baseline.id, 1], [v2.id, 2]])
    const scenarioPlan = recomputeScenario(baseline, saved.overrides, 'Busy')
    expect(v2.outputs.map((i) => [i.agentsRequired, i.agentsScheduled])).toEqual(scenarioPlan.intervals.map((i) => [i.agentsRequired, i.agentsScheduled]))
    expect(v2.inputs.settings.shrinkageFraction).toBe(0.35)
    expect(v2.inputs.intervals.map((i) => i.volume)).toEqual(baseline.inputs.intervals.map((i) => i.baseVolume * 1.15))
    expect((await findScenario(db, saved.id))!.baselineId).toBe(baseline.id)
    // The new version compares with no difference against a scenario without overrides of it.
    const c = compareWithBaseline(v2, [recomputeScenario(v2, {}, 'same')])
    expect(c.total.differences[0].paidHours).toBe(0)
    expect(comparableOfBaseline(v2).name).toBe('Q4 plan v2')
  })
})

function fakeRecord() {
  return { id: 0, queueId: usBank.id, name: 'frozen', version: 1, createdBy: 'test', createdAtMs: 0, promotedFromScenarioId: null, queueName: 'US bank', timeZone: 'America/New_York', intervalMinutes: 30, ...RANGE, forecastSource: inputs.forecastSource, coverageSource: null, inputs }
}
