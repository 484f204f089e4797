/**
 * Staffing settings per queue (the SLA form of the staffing page, read by `chatplan plan`), and the contact spans
 * of a queue's agents from which chat concurrency is measured.
 */
import { and, eq, isNotNull } from 'drizzle-orm'
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
  const { queueId: _queueId, updatedAtMs: _updatedAtMs, ...settings } = row
  return settings
}

/** The saved settings of a queue, or null when none were saved (callers then use their defaults). */
export async function findStaffingSettings(db: Db, queueId: number): Promise<StoredStaffingSettings | null> {
  const [row] = await db.orm.select().from(staffingSettings).where(eq(staffingSettings.queueId, queueId))
  return row ? fromRow(row) : null
}

/** Inserts or replaces the settings of a queue (validate them first: the table stores what it is given). */
export async function saveStaffingSettings(db: Db, queueId: number, settings: StoredStaffingSettings): Promise<void> {
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
  await db.orm.insert(staffingSettings).values({ queueId, ...values }).onConflictDoUpdate({ target: staffingSettings.queueId, set: values })
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
