/**
 * Staffing settings per queue (the SLA form of the staffing page, read by `chatplan plan`), and the contact spans
 * of a queue's agents from which chat concurrency is measured.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { contacts, staffingSettings, type StaffingSettingsRow } from './schema.ts'

/** The settings as stored (fractions 0–1, seconds); the same shape as the planning layer's StaffingSettings. */
export interface StoredStaffingSettings {
  serviceLevelTarget: number | null
  answerWithinSeconds: number | null
  asaTargetSeconds: number | null
  maxAbandonFraction: number | null
  maxOccupancy: number | null
  modelKind: 'erlang_c' | 'erlang_a' | 'chat'
  meanPatienceSeconds: number | null
  maxConcurrency: number | null
  slowdownAlpha: number | null
  shrinkageFraction: number
  hoursPerFte: number
  staffAtQuantile: number | null
  ahtOverrideSeconds: number | null
}

function fromRow(row: StaffingSettingsRow): StoredStaffingSettings {
  const { queueId: _queueId, updatedAtMs: _updatedAtMs, version: _version, ...settings } = row
  return settings
}

/**
 * A save refused because the stored settings are not the version the caller read (someone saved in between):
 * nothing was written. `storedVersion` is 0 when nothing is stored.
 */
export class StaffingSettingsConflictError extends Error {
  constructor(readonly queueId: number, readonly storedVersion: number, readonly expectedVersion: number) {
    super(storedVersion === 0
      ? `the staffing settings of queue ${queueId} are no longer stored (yours were version ${expectedVersion}): reload and try again`
      : `the staffing settings of queue ${queueId} were changed meanwhile (version ${storedVersion}, yours ${expectedVersion}): reload and try again`)
    this.name = 'StaffingSettingsConflictError'
  }
}

/** The saved settings of a queue, or null when none were saved (callers then use their defaults). */
export async function findStaffingSettings(db: Db, queueId: number): Promise<StoredStaffingSettings | null> {
  const [row] = await db.orm.select().from(staffingSettings).where(eq(staffingSettings.queueId, queueId))
  return row ? fromRow(row) : null
}

/** The saved settings of a queue with their version (what a form must send back to save over them), or null. */
export async function findStaffingSettingsWithVersion(db: Db, queueId: number): Promise<{ settings: StoredStaffingSettings; version: number } | null> {
  const [row] = await db.orm.select().from(staffingSettings).where(eq(staffingSettings.queueId, queueId))
  return row ? { settings: fromRow(row), version: row.version } : null
}

/** The stored version of a queue's settings; 0 when none are saved. */
export async function findStaffingSettingsVersion(db: Db, queueId: number): Promise<number> {
  const [row] = await db.orm.select({ version: staffingSettings.version }).from(staffingSettings).where(eq(staffingSettings.queueId, queueId))
  return row?.version ?? 0
}

/**
 * Inserts or replaces the settings of a queue (validate them first: the table stores what it is given) and returns
 * the new version. Every save raises the version by one in the same statement that writes the settings.
 * - `expectedVersion` absent: an unchecked save (the `plan` CLI, scripts): insert, or overwrite whatever is stored.
 * - `expectedVersion` 0: the caller saw no saved settings; refused if some were saved meanwhile.
 * - `expectedVersion` n > 0: `UPDATE … WHERE queue_id = ? AND version = n`; refused when no row matched.
 * @throws StaffingSettingsConflictError (nothing written) when the stored version is not `expectedVersion`
 * @throws RangeError when `expectedVersion` is not a non-negative integer
 */
export async function saveStaffingSettings(db: Db, queueId: number, settings: StoredStaffingSettings, expectedVersion?: number): Promise<number> {
  if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
    throw new RangeError(`expectedVersion must be a non-negative integer, got ${expectedVersion}`)
  }
  const values = {
    serviceLevelTarget: settings.serviceLevelTarget,
    answerWithinSeconds: settings.answerWithinSeconds,
    asaTargetSeconds: settings.asaTargetSeconds,
    maxAbandonFraction: settings.maxAbandonFraction,
    maxOccupancy: settings.maxOccupancy,
    modelKind: settings.modelKind,
    meanPatienceSeconds: settings.meanPatienceSeconds,
    maxConcurrency: settings.maxConcurrency,
    slowdownAlpha: settings.slowdownAlpha,
    shrinkageFraction: settings.shrinkageFraction,
    hoursPerFte: settings.hoursPerFte,
    staffAtQuantile: settings.staffAtQuantile,
    ahtOverrideSeconds: settings.ahtOverrideSeconds,
    updatedAtMs: Date.now(),
  }
  const refused = async (): Promise<never> => {
    throw new StaffingSettingsConflictError(queueId, await findStaffingSettingsVersion(db, queueId), expectedVersion!)
  }
  if (expectedVersion === undefined) {
    const [row] = await db.orm.insert(staffingSettings).values({ queueId, ...values, version: 1 })
      .onConflictDoUpdate({ target: staffingSettings.queueId, set: { ...values, version: sql`${staffingSettings.version} + 1` } })
      .returning({ version: staffingSettings.version })
    return row!.version
  }
  if (expectedVersion === 0) {
    const inserted = await db.orm.insert(staffingSettings).values({ queueId, ...values, version: 1 })
      .onConflictDoNothing({ target: staffingSettings.queueId }).returning({ version: staffingSettings.version })
    return inserted.length ? inserted[0]!.version : refused()
  }
  const updated = await db.orm.update(staffingSettings).set({ ...values, version: expectedVersion + 1 })
    .where(and(eq(staffingSettings.queueId, queueId), eq(staffingSettings.version, expectedVersion)))
    .returning({ version: staffingSettings.version })
  return updated.length ? updated[0]!.version : refused()
}

/** One handled contact of a named agent: when the agent took it and when it ended (UTC ms). */
export interface AgentContactSpan { agent: string; startMs: number; endMs?: number; handleSeconds?: number }

/**
 * The handled contacts of a queue that name their agent, with the time the agent took them (first response) and
 * their end or handle time: the input of measureConcurrency. Contacts without an agent or a first response are left out.
 */
export async function listAgentContactSpans(db: Db, queueId: number): Promise<AgentContactSpan[]> {
  const rows = await db.orm
    .select({ agent: contacts.agent, startMs: contacts.firstResponseAtMs, endMs: contacts.endedAtMs, handleSeconds: contacts.handleSeconds })
    .from(contacts)
    .where(and(eq(contacts.queueId, queueId), isNotNull(contacts.agent), isNotNull(contacts.firstResponseAtMs)))
  const spans: AgentContactSpan[] = []
  for (const r of rows) {
    if (r.agent === null || r.agent === '' || r.startMs === null) continue
    if (r.endMs !== null && r.endMs >= r.startMs) spans.push({ agent: r.agent, startMs: r.startMs, endMs: r.endMs })
    else if (r.handleSeconds !== null && r.handleSeconds >= 0) spans.push({ agent: r.agent, startMs: r.startMs, handleSeconds: r.handleSeconds })
  }
  return spans
}
