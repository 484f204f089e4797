import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { createEvent } from '../../src/db/events.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { applyScenarioAssumptions, computeCapacityPlan, defaultCapacitySpec, loadCapacityInputs, runCapacityPlanInWorker } from '../../src/planning/capacityPlan.ts'
import type { Queue } from '../../src/db/schema.ts'
import { parseStaffModel, projectCapacity } from '../../src/capacity/index.ts'

const ZONE = 'America/New_York'
let dir: string
let db: Db
let queue: Queue
const STAFF = { headcount: 480, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75], hiring_lead_weeks: 2, class_size_max: 20, min_weeks_between_classes: 1 }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-capacity-plan-'))
  db = await createDb('file:' + join(dir, 'plan.db'))
  await migrateDb(db)
  await importFile(db, { kind: 'intervals', path: new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname, fileName: 'bank.csv', queueName: 'US bank', timeZone: ZONE })
  queue = (await findQueueByName(db, 'US bank'))!
}, 60_000)
afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('computeCapacityPlan (US bank, 2003)', () => {
  it('applies a calendar event to its week only, and a volume change to every week', async () => {
    const spec = defaultCapacitySpec(queue.id, STAFF, 8)
    const plain = await computeCapacityPlan(await loadCapacityInputs(db, queue, spec))
    await createEvent(db, {
      queueId: queue.id, type: 'launch', name: 'Winter launch', timeZone: ZONE,
      startUtcMs: parseLocalIsoToUtcMs('2003-11-11T00:00:00', ZONE), endUtcMs: parseLocalIsoToUtcMs('2003-11-13T00:00:00', ZONE),
      effect: { kind: 'multiplier', value: 1.5 }, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 },
    })
    const withEvent = await computeCapacityPlan(await loadCapacityInputs(db, queue, spec))
    const k = withEvent.weeks.findIndex((w) => w.weekStart === '2003-11-10')
    expect(withEvent.weeks[k].eventNames).toEqual(['Winter launch'])
    // two weekdays of five at ×1.5: the week's volume is about 20% higher, the others unchanged
    expect(withEvent.weeks[k].volume / plain.weeks[k].volume).toBeCloseTo(1.2, 1)
    expect(withEvent.weeks[k].requiredFte).toBeGreaterThan(plain.weeks[k].requiredFte * 1.1)
    expect(withEvent.weeks[k + 1].volume).toBeCloseTo(plain.weeks[k + 1].volume, 6)
    const more = await computeCapacityPlan(await loadCapacityInputs(db, queue, { ...spec, volumeChangeFraction: 0.1 }))
    expect(more.weeks[0].volume / withEvent.weeks[0].volume).toBeCloseTo(1.1, 9)
    expect(more.notes.join(' ')).toMatch(/Volume \+10% in every week/)
    // months add up to the weeks
    expect(withEvent.months.reduce((s, m) => s + m.volume, 0)).toBeCloseTo(withEvent.weeks.reduce((s, w) => s + w.volume, 0), 3)
  }, 60_000)

  it('prices each short week in service level if nothing is done, and the recommended hires close the weeks that can be', async () => {
    const spec = { ...defaultCapacitySpec(queue.id, { ...STAFF, headcount: 465 }, 20), recommend: true }
    const plan = await computeCapacityPlan(await loadCapacityInputs(db, queue, spec))
    const short = plan.weeks.filter((w) => w.gapFteIfNothingDone < -1e-6)
    expect(short.length).toBeGreaterThan(0)
    for (const w of short) expect(w.serviceLevelIfNothingDone).toBeLessThan(0.8)
    for (const w of plan.weeks) if (w.gapFteIfNothingDone >= 0) expect(w.serviceLevelIfNothingDone).toBeNull()
    const reported = new Set(plan.unclosable.map((u) => u.weekStart))
    for (const w of plan.weeks) if (!reported.has(w.weekStart)) expect(w.gapFte).toBeGreaterThanOrEqual(-1e-6)
    expect(plan.classes.length).toBeGreaterThan(0)
    expect(plan.cost.hires).toBe(plan.classes.reduce((s, c) => s + c.count, 0))
  }, 60_000)
})

describe('computeCapacityPlan with groups (teams or skills)', () => {
  it('splits the requirement by share, plans and hires each group on its own, and the weeks and cost are the groups\' sums', async () => {
    // 465 people: 300 Sales (60% of the requirement), 165 Billing (40%) losing 6% a month, in classes of at most 10
    const staff = { ...STAFF, headcount: 465, groups: [{ name: 'Sales', headcount: 300, share: 0.6 }, { name: 'Billing', headcount: 165, share: 0.4, attrition_monthly: 0.06, class_size_max: 10 }] }
    const spec = { ...defaultCapacitySpec(queue.id, staff, 20), recommend: true }
    const plan = await computeCapacityPlan(await loadCapacityInputs(db, queue, spec))
    expect(plan.groups.map((g) => [g.name, g.share, g.requirementRule])).toEqual([['Sales', 0.6, 'share'], ['Billing', 0.4, 'share']])
    const [sales, billing] = plan.groups
    plan.weeks.forEach((w, i) => {
      expect(sales.weeks[i].requiredFte).toBeCloseTo(w.requiredFte * 0.6, 9)
      expect(billing.weeks[i].requiredFte).toBeCloseTo(w.requiredFte * 0.4, 9)
      expect(w.headcount).toBeCloseTo(sales.weeks[i].headcount + billing.weeks[i].headcount, 9)
      expect(w.productiveFte).toBeCloseTo(sales.weeks[i].productiveFte + billing.weeks[i].productiveFte, 9)
      expect(w.recommendedHires).toBe(sales.weeks[i].recommendedHires + billing.weeks[i].recommendedHires)
    })
    // Billing loses people twice as fast: its first week's leavers are 165 × (1 − 0.94^(12/52))
    expect(billing.weeks[0].leavers).toBeCloseTo(165 * (1 - 0.94 ** (12 / 52)), 9)
    expect(billing.classes.length).toBeGreaterThan(0)
    // without hires Billing alone is short in weeks the team total may hide
    const billingAlone = projectCapacity(billing.weeks.map((w) => ({ weekStart: w.weekStart, requiredFte: w.requiredFte })), parseStaffModel(staff).groups[1].model)
    expect(billing.weeksShortIfNothingDone).toBe(billingAlone.filter((w) => w.gapFte < -1e-6).length)
    expect(billing.weeksShortIfNothingDone).toBeGreaterThan(0)
    for (const c of billing.classes) expect(c.count).toBeLessThanOrEqual(10)
    const reported = new Set(billing.unclosable.map((u) => u.weekStart))
    for (const w of billing.weeks) if (!reported.has(w.weekStart)) expect(w.gapFte).toBeGreaterThanOrEqual(-1e-6)
    expect(plan.cost.hires).toBe(plan.groups.reduce((s, g) => s + g.classes.reduce((t, c) => t + c.count, 0), 0))
    expect(plan.notes.join(' ')).toMatch(/2 groups \(Sales: 300 people, 60% of the requirement; Billing: 165 people, 40% of the requirement\)/)
  }, 60_000)
})

describe('runCapacityPlanInWorker', () => {
  it('gives the direct result; a plan past its time limit is stopped with a message, and the next one still runs', async () => {
    const inputs = await loadCapacityInputs(db, queue, { ...defaultCapacitySpec(queue.id, STAFF, 6), recommend: true })
    await expect(runCapacityPlanInWorker(inputs, 1)).rejects.toThrow(/the capacity plan took longer than 0 s and was stopped: plan fewer weeks/)
    const [inWorker, direct] = await Promise.all([runCapacityPlanInWorker(inputs), computeCapacityPlan(inputs)])
    expect(inWorker.weeks.map((w) => w.requiredFte)).toEqual(direct.weeks.map((w) => w.requiredFte))
    expect(inWorker.classes).toEqual(direct.classes)
    const bad = { ...inputs, spec: { ...inputs.spec, staff: { ...inputs.spec.staff, planned_hires: [{ week_start: '1999-01-04', count: 1 }] } } }
    await expect(runCapacityPlanInWorker(bad)).rejects.toThrow(RangeError)
  }, 120_000)
})

describe('applyScenarioAssumptions', () => {
  it('takes whole-plan volume and AHT changes, service level, threshold and shrinkage, and lists what it cannot', () => {
    const spec = defaultCapacitySpec(1, STAFF, 26)
    const { spec: out, applied, skipped } = applyScenarioAssumptions(spec, {
      volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.15 }, { scope: { weekdays: [1] }, kind: 'fraction', changeFraction: 0.5 }],
      aht: [{ scope: {}, kind: 'fraction', changeFraction: -0.1 }],
      serviceLevelTarget: 0.9, answerWithinSeconds: 30, shrinkageFraction: 0.35, headcount: { kind: 'perInterval', agents: 10 },
    }, 7)
    expect(out.volumeChangeFraction).toBeCloseTo(0.15, 12)
    expect(out).toMatchObject({ serviceLevelTarget: 0.9, answerWithinSeconds: 30, shrinkageFraction: 0.35, scenarioId: 7 })
    expect(out.ahtChangeFraction).toBeCloseTo(-0.1, 12)
    expect(applied).toEqual(['volume +15%', 'AHT -10%', 'service level 90%', 'answered within 30 s', 'shrinkage 35%'])
    expect(skipped).toEqual(['a volume change (fraction) limited to some dates, weekdays or hours', 'headcount'])
  })
})
