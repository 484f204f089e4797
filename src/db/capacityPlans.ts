/** Saved capacity plans: their spec as JSON (checked by the one schema on the way in and out), with a version. */
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { capacityPlans, type CapacityPlanRow } from './schema.ts'
import { parseCapacitySpec, type CapacityPlanSpec } from '../capacity/index.ts'

export class CapacityStoreError extends RangeError {}

export interface CapacityPlanRecord {
  id: number
  queueId: number
  name: string
  spec: CapacityPlanSpec
  createdBy: string
  createdAtMs: number
  updatedBy: string
  updatedAtMs: number
  version: number
}

function recordOf(row: CapacityPlanRow): CapacityPlanRecord {
  return { id: row.id, queueId: row.queueId, name: row.name, spec: JSON.parse(row.specJson) as CapacityPlanSpec, createdBy: row.createdBy, createdAtMs: row.createdAtMs, updatedBy: row.updatedBy, updatedAtMs: row.updatedAtMs, version: row.version }
}

const who = (name: string | undefined) => (name ?? 'manager').slice(0, 100)

/** @throws RangeError naming each bad field of the spec */
export async function insertCapacityPlan(db: Db, spec: CapacityPlanSpec, createdBy?: string): Promise<CapacityPlanRecord> {
  const checked = parseCapacitySpec(spec)
  const nowMs = Date.now()
  const [row] = await db.orm.insert(capacityPlans).values({
    queueId: checked.queueId, name: checked.name, specJson: JSON.stringify(checked), createdBy: who(createdBy), createdAtMs: nowMs, updatedBy: who(createdBy), updatedAtMs: nowMs, version: 1,
  }).returning()
  return recordOf(row)
}

export async function findCapacityPlan(db: Db, id: number): Promise<CapacityPlanRecord | undefined> {
  if (!Number.isSafeInteger(id)) return undefined
  const [row] = await db.orm.select().from(capacityPlans).where(eq(capacityPlans.id, id))
  return row ? recordOf(row) : undefined
}

export async function listCapacityPlans(db: Db): Promise<CapacityPlanRecord[]> {
  return (await db.orm.select().from(capacityPlans).orderBy(asc(capacityPlans.createdAtMs), asc(capacityPlans.id))).map(recordOf)
}

/**
 * Saves a new spec if the plan is still at expectedVersion.
 * @throws CapacityStoreError when it is gone or was saved meanwhile; RangeError on a bad spec
 */
export async function updateCapacityPlan(db: Db, id: number, spec: CapacityPlanSpec, expectedVersion: number, updatedBy?: string): Promise<CapacityPlanRecord> {
  const checked = parseCapacitySpec(spec)
  if (!(Number.isSafeInteger(expectedVersion) && expectedVersion >= 1)) throw new CapacityStoreError(`the form's version must be a whole number of at least 1, got ${expectedVersion}: reload the plan`)
  const updated = await db.orm.update(capacityPlans).set({ name: checked.name, queueId: checked.queueId, specJson: JSON.stringify(checked), updatedBy: who(updatedBy), updatedAtMs: Date.now(), version: expectedVersion + 1 })
    .where(and(eq(capacityPlans.id, id), eq(capacityPlans.version, expectedVersion))).returning()
  if (updated.length) return recordOf(updated[0])
  const current = await findCapacityPlan(db, id)
  if (!current) throw new CapacityStoreError(`this capacity plan no longer exists (id ${id})`)
  throw new CapacityStoreError(`'${current.name}' was saved by ${current.updatedBy} meanwhile (version ${current.version}, yours ${expectedVersion}): reload it and make your change again`)
}

/** A copy under a new name ("… (copy)"). */
export async function copyCapacityPlan(db: Db, id: number, createdBy?: string): Promise<CapacityPlanRecord> {
  const source = await findCapacityPlan(db, id)
  if (!source) throw new CapacityStoreError(`this capacity plan no longer exists (id ${id})`)
  return insertCapacityPlan(db, { ...source.spec, name: `${source.name} (copy)`.slice(0, 120) }, createdBy)
}

export async function deleteCapacityPlan(db: Db, id: number): Promise<void> {
  const deleted = await db.orm.delete(capacityPlans).where(eq(capacityPlans.id, id)).returning({ id: capacityPlans.id })
  if (!deleted.length) throw new CapacityStoreError(`this capacity plan no longer exists (id ${id})`)
}
