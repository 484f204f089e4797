/**
 * The people side of rosters: an agent's own published shifts (My shifts, the calendar feed), their requests for
 * time off or a swap, and the scheduler's decision. An approved request (time off or swap) re-rosters the published
 * schedule with the fewest changes through the one re-roster path (src/planning/rosterSolve.ts rerosterPublished: the
 * optimiser in the worker pool) and publishes the result; a swap is also checked against every hard rule for the
 * colleague before it is asked. A request the rules cannot satisfy is refused with the rule that blocks it. The
 * agents and rules are the ones publishing uses (listRosterAgents, DEFAULT_ROSTER_RULES in the queue's week). The routes write the audit
 * entries with the summaries returned.
 */
import type { Db } from '../db/client.ts'
import { listAgents, listRosterAgents, type AgentRecord } from '../db/schedules.ts'
import { listShiftRowsInForce, publishedSchedulesInForce, reassignPublishedShifts, scheduleIdOfShift, type PublishedShiftRow, type ShiftAgentChange } from '../db/publishedRoster.ts'
import { isSaneDateKey, MAX_YEAR, MIN_YEAR } from '../schemas/queryParams.ts'
import { decideRosterRequest, findRosterRequest, insertRosterRequest, listRosterRequests, type RosterRequest } from '../db/rosterRequests.ts'
import { parseLocalDateTime, formatLocalDateTime } from '../scheduling/localTime.ts'
import type { RosterAgentSpec, RosterRules } from '../scheduling/rosterModel.ts'
import { listQueues, weekRulesOfQueue } from '../db/queues.ts'
import { DEFAULT_ROSTER_RULES, rosterAgentSpecOf } from '../scheduling/rosterInputs.ts'
import { formatOffset, offsetMinutesAt } from '../time/zones.ts'
import { isInForceOn } from '../scheduling/publishedInForce.ts'
import { rerosterSummaryText, type RerosterSummary } from './rerosterSummary.ts'
import { datesBetween, publishedRosterViolations, rerosterPublished, type PublishedRosterChange, type PublishedRosterShift } from './rosterSolve.ts'

/** A request the rules (or the state of the roster) do not allow; the message names the rule. Nothing was written. */
export class RequestRefusedError extends RangeError {}

/** One shift as My shifts and the calendar feed show it: local times with their offset in the queue's zone. */
export interface AgentShift {
  id: number
  queueName: string
  timeZone: string
  templateName: string
  /** 'YYYY-MM-DDTHH:MM' local. */
  startLocal: string
  endLocal: string
  startMs: number
  endMs: number
  /** '+02:00' at the start. */
  offset: string
  paidMinutes: number
  breaks: { name: string; startLocal: string; endLocal: string; startMs: number; endMs: number; paid: boolean }[]
}

export function agentShiftOf(row: PublishedShiftRow): AgentShift {
  const start = parseLocalDateTime(row.startLocal)
  return {
    id: row.id, queueName: row.queueName, timeZone: row.timeZone, templateName: row.templateName, startLocal: row.startLocal,
    endLocal: formatLocalDateTime(start + row.lengthMinutes), startMs: row.startMs, endMs: row.startMs + row.lengthMinutes * 60_000,
    offset: formatOffset(row.startMs, row.timeZone), paidMinutes: row.paidMinutes,
    breaks: row.breaks.map((b) => ({
      name: b.name, startLocal: formatLocalDateTime(start + b.offsetMinutes), endLocal: formatLocalDateTime(start + b.offsetMinutes + b.lengthMinutes),
      startMs: row.startMs + b.offsetMinutes * 60_000, endMs: row.startMs + (b.offsetMinutes + b.lengthMinutes) * 60_000, paid: b.paid,
    })),
  }
}

/**
 * The agent's shifts in every published schedule on the dates it is in force (a newer published schedule of the
 * queue wins the dates it covers: src/scheduling/publishedInForce.ts), in time order.
 */
export async function publishedShiftsOfAgent(db: Db, agentName: string): Promise<AgentShift[]> {
  return (await listShiftRowsInForce(db, await publishedSchedulesInForce(db), agentName)).map(agentShiftOf)
}

/** What the roster of the published schedules looks like to the rules: shifts per schedule (on the dates each is in force), agents, their specs. */
export interface RosterState {
  /** Each with its queue's rules: DEFAULT_ROSTER_RULES in the queue's week (start day, weekend). */
  schedules: { scheduleId: number; queueId: number; version: number; rows: PublishedShiftRow[]; rules: RosterRules }[]
  agents: AgentRecord[]
  specs: RosterAgentSpec[]
}

/**
 * The roster state of the published schedules a request concerns (reading every published schedule grows with the
 * history): the one holding a shift (swaps), or those in force on some of its dates (time off).
 */
export async function rosterState(db: Db, only: { scheduleId: number | null } | { fromDateKey: string; toDateKey: string }): Promise<RosterState> {
  // The day before too: a night shift of the schedule in force then may reach into the first day off.
  const dayBefore = 'fromDateKey' in only ? new Date(Date.parse(`${only.fromDateKey}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : ''
  const dates = 'fromDateKey' in only ? datesBetween(dayBefore, only.toDateKey) : []
  const published = (await publishedSchedulesInForce(db)).filter((p) => ('scheduleId' in only ? p.scheduleId === only.scheduleId : dates.some((d) => isInForceOn(p, d))))
  const rows = await listShiftRowsInForce(db, published)
  const queueById = new Map((await listQueues(db)).map((q) => [q.id, q]))
  const rulesOf = (queueId: number): RosterRules => { const q = queueById.get(queueId); return q ? { ...DEFAULT_ROSTER_RULES, ...weekRulesOfQueue(q) } : DEFAULT_ROSTER_RULES }
  return {
    schedules: published.map((p) => ({ scheduleId: p.scheduleId, queueId: p.queueId, version: p.version, rows: rows.filter((r) => r.scheduleId === p.scheduleId), rules: rulesOf(p.queueId) })),
    agents: await listAgents(db), specs: (await listRosterAgents(db)).map((a) => rosterAgentSpecOf(a, { timeOff: a.timeOff ?? [] })),
  }
}

function rosterShiftOf(row: PublishedShiftRow): PublishedRosterShift {
  return {
    id: row.id, templateName: row.templateName, startLocal: row.startLocal, offsetMinutes: offsetMinutesAt(row.startMs, row.timeZone),
    lengthMinutes: row.lengthMinutes, paidMinutes: row.paidMinutes, skill: row.queueName, agent: row.agent,
  }
}

const shiftLabel = (row: Pick<PublishedShiftRow, 'templateName' | 'startLocal' | 'queueName'>) => `${row.templateName} ${row.startLocal.replace('T', ' ')} (${row.queueName})`

/** Records an agent's time-off request (pending). */
export async function requestTimeOff(db: Db, agent: { id: number; name: string }, requestedBy: string, input: { from: string; to: string; reason: string }): Promise<{ id: number; summary: string }> {
  const pending = await listRosterRequests(db, { statuses: ['pending'], agentId: agent.id })
  const overlap = pending.find((r) => r.kind === 'time_off' && r.fromDateKey! <= input.to && r.toDateKey! >= input.from)
  if (overlap) throw new RequestRefusedError(`${overlap.fromDateKey === input.from && overlap.toDateKey === input.to ? 'you already asked for this time off' : `these dates overlap time off you already asked for`}: request ${overlap.id}, ${overlap.fromDateKey} – ${overlap.toDateKey}, is pending`)
  const id = await insertRosterRequest(db, { kind: 'time_off', agentId: agent.id, requestedBy, fromDateKey: input.from, toDateKey: input.to, reason: input.reason })
  return { id, summary: `${agent.name} asks for time off ${input.from} – ${input.to}${input.reason ? `: ${input.reason}` : ''}` }
}

/**
 * Why the colleague may not take the shift (the hard rule, in words), or null when they may. Checks the roster
 * with the shift handed over against the rules, for the colleague only (their breaks of the rules before are not counted).
 */
function swapProblem(state: RosterState, row: PublishedShiftRow, colleague: string): string | null {
  const schedule = state.schedules.find((s) => s.scheduleId === row.scheduleId)!
  const shifts = schedule.rows.map(rosterShiftOf)
  const before = new Map(shifts.map((s) => [s.id, s.agent]))
  const after = new Map(before).set(row.id, colleague)
  const mine = (list: string[]) => list.filter((v) => v.startsWith(`${colleague}: `))
  const had = new Set(mine(publishedRosterViolations(shifts, before, state.specs, schedule.rules)))
  const added = mine(publishedRosterViolations(shifts, after, state.specs, schedule.rules)).filter((v) => !had.has(v))
  return added.length ? added.map((v) => v.slice(colleague.length + 2)).join('; ') : null
}

/**
 * Records a swap request after checking it: the shift is the agent's, in a published roster, and the colleague is
 * qualified and available for it under every hard rule.
 * @throws RequestRefusedError naming what blocks it
 */
export async function requestSwap(db: Db, agent: { id: number; name: string }, requestedBy: string, input: { shiftId: number; colleagueId: number; reason: string }): Promise<{ id: number; summary: string }> {
  const state = await rosterState(db, { scheduleId: await scheduleIdOfShift(db, input.shiftId) })
  const row = state.schedules.flatMap((s) => s.rows).find((r) => r.id === input.shiftId)
  if (!row || row.agent !== agent.name) throw new RequestRefusedError('Shift: that shift is not one of your published shifts')
  const colleague = state.agents.find((a) => a.id === input.colleagueId)
  if (!colleague || colleague.id === agent.id) throw new RequestRefusedError('Colleague: choose another agent')
  const pending = await listRosterRequests(db, { statuses: ['pending'], agentId: agent.id })
  const same = pending.find((r) => r.kind === 'swap' && r.shiftId === row.id && r.colleagueAgentId === colleague.id)
  if (same) throw new RequestRefusedError(`you already asked to give ${shiftLabel(row)} to ${colleague.name}: request ${same.id} is pending`)
  const problem = swapProblem(state, row, colleague.name)
  if (problem) throw new RequestRefusedError(`${colleague.name} cannot take ${shiftLabel(row)}: ${problem}`)
  const id = await insertRosterRequest(db, { kind: 'swap', agentId: agent.id, requestedBy, shiftId: row.id, colleagueAgentId: colleague.id, reason: input.reason })
  return { id, summary: `${agent.name} asks to give ${shiftLabel(row)} to ${colleague.name}` }
}

/** A change of the roster as the pages and the audit log show it. */
export interface ShownChange extends PublishedRosterChange { shift: string }


export type { RerosterSummary } from './rerosterSummary.ts'

export interface Decision { summary: string; changes: ShownChange[]; reroster?: RerosterSummary }

/**
 * Approves a pending request and publishes what it changes: a time off re-rosters every published schedule with
 * shifts of the agent on those days (fewest changes); a swap hands the shift to the colleague.
 * A time off that would leave shifts uncovered is refused unless `allowUncovered`, naming the rule that blocks each.
 * @throws RequestRefusedError (nothing written) when the rules block it or it was decided meanwhile
 */
export async function approveRequest(db: Db, id: number, decidedBy: string, note: string, options: { allowUncovered?: boolean } = {}): Promise<Decision> {
  const request = await pendingRequest(db, id)
  const state = await rosterState(db, request.kind === 'swap' ? { scheduleId: request.shiftId === null ? null : await scheduleIdOfShift(db, request.shiftId) } : { fromDateKey: request.fromDateKey!, toDateKey: request.toDateKey! })
  const agent = state.agents.find((a) => a.id === request.agentId)
  if (!agent) throw new RequestRefusedError(`the agent of request ${id} no longer exists`)
  const rowById = new Map(state.schedules.flatMap((s) => s.rows).map((r) => [r.id, r]))
  const writes: { scheduleId: number; version: number; changes: ShiftAgentChange[] }[] = []
  const shown: ShownChange[] = []
  const totals: RerosterSummary = { forcedChanges: 0, ruleChanges: 0, provenFewest: true, gap: 0 }
  const reroster = async (schedule: RosterState['schedules'][number], wanted: Parameters<typeof rerosterPublished>[3], why: string) => {
    let result: Awaited<ReturnType<typeof rerosterPublished>>
    try {
      result = await rerosterPublished(schedule.rows.map(rosterShiftOf), state.specs, schedule.rules, wanted)
    } catch (error) {
      if (error instanceof RangeError) throw new RequestRefusedError(error.message)
      throw error
    }
    if (result.uncovered.length && !options.allowUncovered) {
      throw new RequestRefusedError(`approving leaves ${result.uncovered.length} shift${result.uncovered.length === 1 ? '' : 's'} uncovered: ${result.uncovered.map((u) => `${shiftLabel(rowById.get(u.shiftId)!)}: ${u.reason}`).join('; ')}`)
    }
    writes.push({ scheduleId: schedule.scheduleId, version: schedule.version, changes: result.changes.map((c) => ({ shiftId: c.shiftId, agent: c.to, ...(c.reason ? { unassignedReason: `${why}; ${c.reason}` } : {}) })) })
    shown.push(...result.changes.map((c) => ({ ...c, shift: shiftLabel(rowById.get(c.shiftId)!) })))
    totals.forcedChanges += result.forcedChanges
    totals.ruleChanges += result.ruleChanges
    totals.provenFewest &&= result.provenFewest
    totals.gap = Math.max(totals.gap, result.gap)
  }
  if (request.kind === 'swap') {
    const row = request.shiftId === null ? undefined : rowById.get(request.shiftId)
    const colleague = state.agents.find((a) => a.id === request.colleagueAgentId)
    if (!row || row.agent !== agent.name) throw new RequestRefusedError(`the shift of this swap is no longer ${agent.name}'s in the published roster`)
    if (!colleague) throw new RequestRefusedError('the colleague of this swap no longer exists')
    const problem = swapProblem(state, row, colleague.name)
    if (problem) throw new RequestRefusedError(`${colleague.name} cannot take ${shiftLabel(row)}: ${problem}`)
    const schedule = state.schedules.find((s) => s.scheduleId === row.scheduleId)!
    await reroster(schedule, { kind: 'swap', agent: agent.name, shiftId: row.id, colleague: colleague.name }, `${agent.name} swapped it`)
  } else {
    // A request stored before the 1970–2100 bound (src/schemas/rosterRequests.ts) is refused, never expanded.
    if (!isSaneDateKey(request.fromDateKey ?? '') || !isSaneDateKey(request.toDateKey ?? '')) throw new RequestRefusedError(`the dates of this request (${request.fromDateKey} – ${request.toDateKey}) are not dates between ${MIN_YEAR} and ${MAX_YEAR}: refuse it and ask the agent to ask again`)
    const dates = new Set(datesBetween(request.fromDateKey!, request.toDateKey!))
    const touches = (r: PublishedShiftRow) => {
      const start = parseLocalDateTime(r.startLocal)
      for (let day = Math.floor(start / 1440); day * 1440 < start + r.lengthMinutes; day++) if (dates.has(new Date(day * 86_400_000).toISOString().slice(0, 10))) return true
      return false
    }
    for (const schedule of state.schedules) {
      if (!schedule.rows.some((r) => r.agent === agent.name && touches(r))) continue
      await reroster(schedule, { kind: 'time_off', agent: agent.name, fromDateKey: request.fromDateKey!, toDateKey: request.toDateKey! }, `${agent.name} has time off`)
    }
  }
  for (const w of writes) if (w.changes.length) await reassignPublishedShifts(db, w.scheduleId, w.version, w.changes)
  const outcome = shown.length ? shown.map((c) => `${c.shift}: ${c.from ?? 'nobody'} → ${c.to ?? 'nobody'}`).join('; ') : 'no published shift changed'
  await decideRosterRequest(db, id, { status: 'approved', note, decidedBy, outcome })
  const counts = shown.length ? ` (${rerosterSummaryText(totals)})` : ''
  return { summary: `${describeRequest(request)} approved by ${decidedBy}: ${outcome}${counts}`, changes: shown, reroster: totals }
}

/** Refuses a pending request with a note. */
export async function refuseRequest(db: Db, id: number, decidedBy: string, note: string): Promise<Decision> {
  const request = await pendingRequest(db, id)
  await decideRosterRequest(db, id, { status: 'refused', note, decidedBy })
  return { summary: `${describeRequest(request)} refused by ${decidedBy}${note ? `: ${note}` : ''}`, changes: [] }
}

async function pendingRequest(db: Db, id: number): Promise<RosterRequest> {
  const request = await findRosterRequest(db, id)
  if (!request) throw new RequestRefusedError(`request ${id} no longer exists`)
  if (request.status !== 'pending') throw new RequestRefusedError(`request ${id} was already ${request.status}`)
  return request
}

/** "Dana's time off 2003-10-28 – 2003-10-28" / "Dana's swap of shift 12 with Eli". */
export function describeRequest(r: Pick<RosterRequest, 'kind' | 'agentName' | 'fromDateKey' | 'toDateKey' | 'shiftId' | 'colleagueName'>): string {
  return r.kind === 'time_off' ? `${r.agentName}'s time off ${r.fromDateKey} – ${r.toDateKey}` : `${r.agentName}'s swap of shift ${r.shiftId} with ${r.colleagueName ?? 'a removed agent'}`
}
