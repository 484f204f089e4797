import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import {
  StaffingSettingsConflictError, findStaffingSettings, findStaffingSettingsVersion, findStaffingSettingsWithVersion, saveStaffingSettings,
  type StoredStaffingSettings,
} from '../../src/db/staffingSettings.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'

describe('staffing settings repository: versions (no lost updates)', () => {
  let db: Db
  let queueId: number
  const mine: StoredStaffingSettings = { ...DEFAULT_STAFFING_SETTINGS, serviceLevelTarget: 0.9, answerWithinSeconds: 30 }
  const theirs: StoredStaffingSettings = { ...DEFAULT_STAFFING_SETTINGS, serviceLevelTarget: 0.85, shrinkageFraction: 0.35 }
  const snapshot = async () => (await db.client.execute('SELECT * FROM staffing_settings ORDER BY queue_id')).rows.map((r) => JSON.stringify(r))

  beforeAll(async () => {
    db = await createDb(':memory:')
    await migrateDb(db)
    queueId = (await createQueue(db, { name: 'Bank', timeZone: 'Europe/Berlin' })).id
  })
  afterAll(() => db.client.close())
  beforeEach(async () => { await db.client.execute('DELETE FROM staffing_settings') })

  it('starts at version 1 and raises the version by one on every save, checked or not', async () => {
    expect(await findStaffingSettingsVersion(db, queueId)).toBe(0)
    expect(await findStaffingSettingsWithVersion(db, queueId)).toBeNull()
    expect(await saveStaffingSettings(db, queueId, mine, 0)).toBe(1)
    expect(await findStaffingSettingsWithVersion(db, queueId)).toEqual({ settings: mine, version: 1 })
    expect(await saveStaffingSettings(db, queueId, theirs, 1)).toBe(2)
    expect(await saveStaffingSettings(db, queueId, mine)).toBe(3) // the plan CLI and scripts save without a version
    expect(await findStaffingSettingsWithVersion(db, queueId)).toEqual({ settings: mine, version: 3 })
    expect(await findStaffingSettings(db, queueId)).toEqual(mine) // the unversioned reader keeps its shape
  })

  it('a first save without a version inserts version 1', async () => {
    expect(await saveStaffingSettings(db, queueId, mine)).toBe(1)
    expect(await findStaffingSettingsVersion(db, queueId)).toBe(1)
  })

  it('refuses a save from a stale version with a clear message and leaves the database unchanged', async () => {
    await saveStaffingSettings(db, queueId, mine, 0)
    await saveStaffingSettings(db, queueId, theirs, 1) // someone else saved on top of version 1
    const before = await snapshot()
    const stale = saveStaffingSettings(db, queueId, { ...mine, hoursPerFte: 7 }, 1)
    await expect(stale).rejects.toThrow(StaffingSettingsConflictError)
    await expect(saveStaffingSettings(db, queueId, mine, 1)).rejects.toThrow(
      `the staffing settings of queue ${queueId} were changed meanwhile (version 2, yours 1): reload and try again`)
    await expect(saveStaffingSettings(db, queueId, mine, 1)).rejects.toMatchObject({ queueId, storedVersion: 2, expectedVersion: 1 })
    expect(await snapshot()).toEqual(before)
    expect(await findStaffingSettingsWithVersion(db, queueId)).toEqual({ settings: theirs, version: 2 })
  })

  it('refuses a first save (version 0) when someone saved settings meanwhile', async () => {
    await saveStaffingSettings(db, queueId, theirs, 0)
    const before = await snapshot()
    await expect(saveStaffingSettings(db, queueId, mine, 0)).rejects.toThrow(
      `the staffing settings of queue ${queueId} were changed meanwhile (version 1, yours 0): reload and try again`)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a version that was never stored, and a version ahead of the stored one', async () => {
    await expect(saveStaffingSettings(db, queueId, mine, 1)).rejects.toThrow(
      `the staffing settings of queue ${queueId} are no longer stored (yours were version 1): reload and try again`)
    expect(await snapshot()).toEqual([])
    await saveStaffingSettings(db, queueId, theirs, 0)
    await expect(saveStaffingSettings(db, queueId, mine, 5)).rejects.toThrow('(version 1, yours 5)')
    expect(await findStaffingSettingsWithVersion(db, queueId)).toEqual({ settings: theirs, version: 1 })
  })

  it('of two saves from the same version sent at once, exactly one is kept', async () => {
    await saveStaffingSettings(db, queueId, mine, 0)
    const results = await Promise.allSettled([saveStaffingSettings(db, queueId, theirs, 1), saveStaffingSettings(db, queueId, { ...mine, hoursPerFte: 6 }, 1)])
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([2])
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    expect(refused).toHaveLength(1)
    expect(refused[0].reason).toBeInstanceOf(StaffingSettingsConflictError)
    expect(await findStaffingSettingsVersion(db, queueId)).toBe(2)
  })

  it('rejects an expected version that is not a non-negative integer, writing nothing', async () => {
    await expect(saveStaffingSettings(db, queueId, mine, -1)).rejects.toThrow('expectedVersion must be a non-negative integer, got -1')
    await expect(saveStaffingSettings(db, queueId, mine, 1.5)).rejects.toThrow(RangeError)
    await expect(saveStaffingSettings(db, queueId, mine, Number.NaN)).rejects.toThrow('got NaN')
    expect(await snapshot()).toEqual([])
  })
})
