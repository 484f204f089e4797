/**
 * The audit log: who changed what, when. Routes that change plans, events, imports, scenarios, baselines, schedules
 * or accounts call `recordAudit` after the change is written; managers read it on /audit.
 */
import { desc, eq, lt, and, type SQL } from 'drizzle-orm'
import type { Db } from './client.ts'
import { auditLog, type AuditRow } from './schema.ts'

export interface AuditEntry {
  /** The signed-in user (null for the command line or before accounts existed). */
  userId: number | null
  username: string
  /** What was done, `entity.verb`: `event.update`, `import.create`, `scenario.delete`, `schedule.publish`… */
  action: string
  entity: string
  entityId?: string | number | null
  summary?: string
}

const MAX_SUMMARY_CHARS = 500

/** Appends one entry (the time is now unless given). */
export async function recordAudit(db: Db, entry: AuditEntry, atMs: number = Date.now()): Promise<AuditRow> {
  if (!/^[a-z][a-z_-]*\.[a-z][a-z_-]*$/.test(entry.action)) throw new RangeError(`action must look like 'entity.verb', got '${entry.action}'`)
  const [row] = await db.orm.insert(auditLog).values({
    atMs, userId: entry.userId, username: entry.username, action: entry.action, entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    summary: (entry.summary ?? '').slice(0, MAX_SUMMARY_CHARS),
  }).returning()
  return row
}

export interface AuditQuery {
  /** Newest first; entries with an id below this (the next page). */
  beforeId?: number
  entity?: string
  limit?: number
}

/** The newest entries first (at most `limit`, default 100). */
export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditRow[]> {
  const { beforeId, entity, limit = 100 } = query
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`limit must be a whole number from 1 to 1000, got ${limit}`)
  const conditions: SQL[] = []
  if (beforeId !== undefined) conditions.push(lt(auditLog.id, beforeId))
  if (entity) conditions.push(eq(auditLog.entity, entity))
  return db.orm.select().from(auditLog).where(conditions.length ? and(...conditions) : undefined).orderBy(desc(auditLog.id)).limit(limit)
}
