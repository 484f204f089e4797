import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import {
  copyScenario, countScenariosByBaseline, deleteScenario, findBaseline, findScenario, insertBaseline, insertScenario, listBaselines, listBaselineVersions,
  listScenarios, updateScenario, ScenarioStoreError,
} from '../../src/db/scenarios.ts'
import { computePlan } from '../../src/planning/scenarioPlan.ts'
import type { PlanInputs } from '../../src/scenarios/types.ts'
import { PROMOTION, usBankBaseline } from '../scenarios/usBankBaseline.ts'

let db: Db
let inputs: PlanInputs

beforeAll(async () => {
  db = await createDb(':memory:')
  await migrateDb(db)
  const queue = await createQueue(db, { name: 'US bank', timeZone: 'America/New_York' })
  const base = usBankBaseline({ queueId: queue.id, events: [PROMOTION] })
  inputs = { ...base, coverage: { source: 'published schedule #4', agentsPerInterval: base.intervals.map((i) => (i.volume > 0 ? 400 : 0)) } }
})

afterAll(() => db.client.close())

describe('baselines', () => {
  it('stores the frozen inputs and plan and reads them back exactly (an unbounded ASA included)', async () => {
    const plan = computePlan(inputs, { name: 'b' })
    const outputs = plan.intervals.map((i, k) => (k === 20 ? { ...i, asaSeconds: Infinity } : i))
    const stored = await insertBaseline(db, { name: '  Q4 plan ', createdBy: '', inputs, outputs, createdAtMs: 1_000 })
    expect([stored.name, stored.version, stored.createdBy, stored.createdAtMs, stored.coverageSource]).toEqual(['Q4 plan', 1, 'manager', 1_000, 'published schedule #4'])
    const found = (await findBaseline(db, stored.id))!
    expect(found.inputs).toEqual(inputs)
    expect(found.outputs).toEqual(outputs)
    expect(found.outputs[20].asaSeconds).toBe(Infinity)
  })

  it('numbers the versions of a name per queue and lists them', async () => {
    const plan = computePlan(inputs, { name: 'b' })
    const v2 = await insertBaseline(db, { name: 'Q4 plan', createdBy: 'Dana', inputs, outputs: plan.intervals, createdAtMs: 2_000 })
    const other = await insertBaseline(db, { name: 'Launch week', inputs, outputs: plan.intervals, createdAtMs: 3_000 })
    expect([v2.version, other.version]).toEqual([2, 1])
    expect((await listBaselineVersions(db, inputs.queueId, 'Q4 plan')).map((b) => [b.version, b.createdBy])).toEqual([[1, 'manager'], [2, 'Dana']])
    expect((await listBaselines(db, { queueId: inputs.queueId })).map((b) => b.name + ' v' + b.version)).toEqual(['Launch week v1', 'Q4 plan v2', 'Q4 plan v1'])
  })

  it('refuses an empty name and intervals that do not line up, writing nothing', async () => {
    const plan = computePlan(inputs, { name: 'b' })
    await expect(insertBaseline(db, { name: ' ', inputs, outputs: plan.intervals })).rejects.toThrow('A baseline needs a name')
    await expect(insertBaseline(db, { name: 'Short', inputs, outputs: plan.intervals.slice(1) })).rejects.toThrow('the plan has 335 intervals but the forecast 336')
    expect((await listBaselines(db)).length).toBe(3)
  })
})

describe('scenarios', () => {
  it('are created, saved with no lost update, copied and deleted', async () => {
    const [baseline] = await listBaselineVersions(db, inputs.queueId, 'Q4 plan')
    const s = await insertScenario(db, { baselineId: baseline.id, name: 'Busy March', overrides: { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.15 }] }, createdBy: 'Dana' })
    expect([s.version, s.createdBy, s.updatedBy]).toEqual([1, 'Dana', 'Dana'])
    const saved = await updateScenario(db, s.id, { expectedVersion: 1, overrides: { serviceLevelTarget: 0.9 }, updatedBy: 'Lee' })
    expect([saved.version, saved.updatedBy, saved.overrides]).toEqual([2, 'Lee', { serviceLevelTarget: 0.9 }])
    await expect(updateScenario(db, s.id, { expectedVersion: 1, name: 'Stale' })).rejects.toThrow("'Busy March' was saved by Lee meanwhile (version 2, yours 1): reload it and make your change again")
    const renamed = await updateScenario(db, s.id, { expectedVersion: 2, name: 'Busy April' })
    expect([renamed.name, renamed.overrides]).toEqual(['Busy April', { serviceLevelTarget: 0.9 }])
    const copy = await copyScenario(db, s.id, { createdBy: 'Kim' })
    expect([copy.name, copy.baselineId, copy.overrides, copy.createdBy, copy.version]).toEqual(['Busy April (copy)', baseline.id, { serviceLevelTarget: 0.9 }, 'Kim', 1])
    expect((await listScenarios(db, { baselineId: baseline.id })).map((x) => x.name)).toEqual(['Busy April', 'Busy April (copy)'])
    expect((await countScenariosByBaseline(db)).get(baseline.id)).toBe(2)
    await expect(deleteScenario(db, s.id, 1)).rejects.toThrow("'Busy April' was saved meanwhile (version 3): reload it before deleting")
    await deleteScenario(db, s.id, 3)
    expect(await findScenario(db, s.id)).toBeUndefined()
    await expect(deleteScenario(db, s.id)).rejects.toBeInstanceOf(ScenarioStoreError)
    await expect(insertScenario(db, { baselineId: 9999, name: 'x' })).rejects.toThrow('there is no baseline 9999 to make a scenario of')
    expect(await findBaseline(db, Number.NaN)).toBeUndefined()
    expect(await findScenario(db, 1e20)).toBeUndefined()
    await expect(updateScenario(db, copy.id, { expectedVersion: Number('') })).rejects.toThrow("the form's version must be a whole number of at least 1, got 0: reload the scenario")
    await expect(insertScenario(db, { baselineId: baseline.id, name: 'x'.repeat(201) })).rejects.toThrow('A scenario name must be at most 200 characters, got 201')
  })
})
