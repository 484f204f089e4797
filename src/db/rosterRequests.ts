/** Agents' requests (time off, swaps) and the scheduler's decision on each (src/planning/rosterRequests.ts). */
import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from './client.ts'
import { dateKeysBetween } from '../time/zones.ts'
import { agents, rosterRequests, type RosterRequestRow } from './schema.ts'

export interface RosterRequest extends RosterRequestRow { agentName: string; colleagueName: string | null }

export type NewRosterRequest = Pick<RosterRequestRow, 'kind' | 'agentId' | 'requestedBy'> & Partial<Pick<RosterRequestRow, 'fromDateKey' | 'toDateKey' | 'shiftId' | 'colleagueAgentId' | 'reason'>>

export async function insertRosterRequest(db: Db, request: NewRosterRequest): Promise<number> {
  const [row] = await db.orm.insert(rosterRequests).values({ ...request, status: 'pending', createdAtMs: Date.now() }).returning({ id: rosterRequests.id })
  return row.id
}

/** Requests, newest first: all, of some statuses, or of one agent. */
export async function listRosterRequests(db: Db, filter: { statuses?: RosterRequestRow['status'][]; agentId?: number; limit?: number } = {}): Promise<RosterRequest[]> {
  const conditions = [
    ...(filter.statuses ? [inArray(rosterRequests.status, filter.statuses)] : []),
    ...(filter.agentId !== undefined ? [eq(rosterRequests.agentId, filter.agentId)] : []),
  ]
  const rows = await db.orm.select().from(rosterRequests).where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(rosterRequests.createdAtMs), desc(rosterRequests.id)).limit(filter.limit ?? 200)
  const names = new Map((await db.orm.select({ id: agents.id, name: agents.name }).from(agents)).map((a) => [a.id, a.name]))
  return rows.map((r) => ({ ...r, agentName: names.get(r.agentId) ?? `agent ${r.agentId}`, colleagueName: r.colleagueAgentId === null ? null : names.get(r.colleagueAgentId) ?? null }))
}

export async function findRosterRequest(db: Db, id: number): Promise<RosterRequest | undefined> {
  const [row] = await db.orm.select().from(rosterRequests).where(eq(rosterRequests.id, id))
  if (!row) return undefined
  const names = new Map((await db.orm.select({ id: agents.id, name: agents.name }).from(agents)).map((a) => [a.id, a.name]))
  return { ...row, agentName: names.get(row.agentId) ?? `agent ${row.agentId}`, colleagueName: row.colleagueAgentId === null ? null : names.get(row.colleagueAgentId) ?? null }
}

/**
 * Records the decision on a pending request.
 * @throws RangeError when the request is gone or was decided meanwhile
 */
export async function decideRosterRequest(db: Db, id: number, decision: { status: 'approved' | 'refused'; note: string; decidedBy: string; outcome?: string }): Promise<void> {
  const done = await db.orm.update(rosterRequests).set({ status: decision.status, decisionNote: decision.note, decidedBy: decision.decidedBy, decidedAtMs: Date.now(), outcome: decision.outcome ?? '' })
    .where(and(eq(rosterRequests.id, id), eq(rosterRequests.status, 'pending'))).returning({ id: rosterRequests.id })
  if (!done.length) throw new RangeError(`request ${id} no longer exists or was already decided`)
}

/**
 * Approved time off of every agent: agent id → local dates 'YYYY-MM-DD', only those inside `within` (a schedule's
 * dates) when given, and always inside 1970–2100: a stored row of any range never expands day by day past that.
 */
export async function approvedTimeOffDates(db: Db, within?: { fromDateKey: string; toDateKey: string }): Promise<Map<number, string[]>> {
  const rows = await db.orm.select().from(rosterRequests).where(and(eq(rosterRequests.kind, 'time_off'), eq(rosterRequests.status, 'approved')))
  const out = new Map<number, string[]>()
  for (const r of rows) {
    if (!r.fromDateKey || !r.toDateKey) continue
    const dates = dateKeysBetween(r.fromDateKey, r.toDateKey, within)
    if (!dates.length) continue
    out.set(r.agentId, [...(out.get(r.agentId) ?? []), ...dates])
  }
  return out
}
