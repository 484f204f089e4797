/**
 * Re-rostering after an approved request, with the fewest changes: the one place the people side calls the roster
 * optimiser (src/scheduling/rosterModel.ts `solveRoster`), so a better re-roster entry point can replace the body of
 * `rerosterAfterRequest` without touching its callers (src/planning/agentRequests.ts).
 *
 * How it keeps changes few with the optimiser as it is: every shift of the published roster becomes its own group
 * (count 1). A shift the request does not touch is pinned to its agent by a skill only that agent has (`@keep:<id>`);
 * the shifts the request frees (the requesting agent's shifts on the days off) need the queue's skill, so any
 * qualified agent may take them, under every hard rule (rest, hours, days off, consecutive days, availability,
 * time off). If a freed shift stays uncovered, a second pass also frees every shift of the neighbouring days
 * (the day before, the days off and the day after), which lets agents move between shifts to make room; that
 * answer is kept only when it covers more. Identical shifts given back to their old agents afterwards, so a
 * permutation of equal shifts does not count as a change.
 */
import { hardViolations, solveRoster, weekStartDay, type RosterAgentSpec, type RosterAssignmentOut, type RosterRules, type RosterShiftGroup } from '../scheduling/rosterModel.ts'
import { parseLocalDateTime } from '../scheduling/localTime.ts'
import { runInWorker, TimeLimitError } from '../workers/runInWorker.ts'

/** A shift of the published roster (local start 'YYYY-MM-DDTHH:MM', its UTC offset and the skill it needs). */
export interface RosterShift {
  id: number
  name: string
  startLocal: string
  /** UTC offset of the start in minutes (local − UTC). */
  offsetMinutes: number
  lengthMinutes: number
  paidMinutes: number
  skill?: string
  agent: string | null
}

export interface TimeOffRequest { kind: 'time_off'; agent: string; fromDateKey: string; toDateKey: string }

export interface RerosterInput {
  shifts: RosterShift[]
  /** Every agent (the requesting agent's time off is extended by the request's dates here). */
  agents: RosterAgentSpec[]
  rules: RosterRules
  request: TimeOffRequest
  /** @default 4 */
  timeLimitSeconds?: number
}

/** One shift given to someone else (or to nobody: `to` null, with the reason). */
export interface RosterChange { shiftId: number; from: string | null; to: string | null; reason?: string }

export interface RerosterResult {
  /** Every shift whose agent changed; the request's own shifts first come here. */
  changes: RosterChange[]
  /** The requesting agent's shifts the request frees. */
  freedShiftIds: number[]
  /** Shifts left to nobody by the change (the freed ones nobody can take), with the rule that keeps each agent off. */
  uncovered: { shiftId: number; reason: string }[]
  /** 'pinned': only the freed shifts moved; 'widened': shifts of the neighbouring days moved too. */
  pass: 'none' | 'pinned' | 'widened'
  /** Hard-rule breaks in the new roster, checked independently of the model (should be none beyond those already there). */
  violations: string[]
  elapsedMs: number
}

const addDays = (dateKey: string, days: number) => new Date(Date.parse(dateKey + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10)
const endDateOf = (s: RosterShift) => {
  const endMinute = parseLocalDateTime(s.startLocal) + s.lengthMinutes - 1
  return new Date(endMinute * 60_000).toISOString().slice(0, 10)
}
/** Whether any minute of the shift falls on a date from..to. */
const touches = (s: RosterShift, from: string, to: string) => s.startLocal.slice(0, 10) <= to && endDateOf(s) >= from

function groupOf(shift: RosterShift, skill: string | undefined): RosterShiftGroup {
  return {
    name: shift.name, startMinute: parseLocalDateTime(shift.startLocal), lengthMinutes: shift.lengthMinutes, paidMinutes: shift.paidMinutes,
    offsetMinutes: shift.offsetMinutes, count: 1, ...(skill ? { skill } : {}),
  }
}

/**
 * Two empty groups (no agent may take them) on the first day of the first week and the last day of the last week:
 * the optimiser takes the horizon from the groups and counts a week cut by it pro rata (a Monday-Friday schedule
 * would allow 4 working days where the roster engine allowed 5). The published roster's weeks are whole weeks:
 * days outside the schedule are days off.
 */
function wholeWeeks(groups: readonly RosterShiftGroup[], rules: RosterRules): RosterShiftGroup[] {
  if (!groups.length) return []
  const days = groups.map((g) => Math.floor(g.startMinute / 1440))
  const first = weekStartDay(Math.min(...days), rules.weekStartsOn), last = weekStartDay(Math.max(...days), rules.weekStartsOn) + 6
  return [first, last].map((day) => ({ name: '(whole week)', startMinute: day * 1440, lengthMinutes: 1, paidMinutes: 0, offsetMinutes: 0, count: 0, skill: '@nobody' }))
}

interface PassOutcome { agentOf: Map<number, string | null>; reasons: Map<number, string> }

async function solvePass(input: RerosterInput, free: ReadonlySet<number>, timeLimitSeconds: number): Promise<PassOutcome> {
  const shifts = input.shifts.filter((s) => s.agent !== null || free.has(s.id))
  const keepSkill = (id: number) => `@keep:${id}`
  const groups = shifts.map((s) => groupOf(s, free.has(s.id) ? s.skill : keepSkill(s.id)))
  const kept = new Map<string, string[]>()
  for (const s of shifts) if (!free.has(s.id) && s.agent) kept.set(s.agent, [...(kept.get(s.agent) ?? []), keepSkill(s.id)])
  const agents = input.agents.map((a) => ({ ...a, skills: [...a.skills, ...(kept.get(a.name) ?? [])] }))
  const result = await solveRoster([...groups, ...wholeWeeks(groups, input.rules)], agents, input.rules, { timeLimitSeconds, mipRelativeGap: 0 })
  const agentOf = new Map<number, string | null>(shifts.map((s) => [s.id, null]))
  for (const a of result.assignments) agentOf.set(shifts[a.group].id, a.agent)
  const reasons = new Map(result.unassigned.map((u) => [shifts[u.group].id, u.reason]))
  return { agentOf, reasons }
}

/**
 * The optimiser counts every uncovered hour alike, so on a tie it may take a pinned shift off its agent to give them
 * a freed one (two changes for the same cover). Undo that: the agent keeps their own shifts and the freed shifts they
 * took go back to nobody (the same uncovered hours, fewer changes).
 */
function restorePinned(shifts: readonly RosterShift[], freed: ReadonlySet<number>, agentOf: Map<number, string | null>): void {
  for (const s of shifts) {
    if (freed.has(s.id) || s.agent === null || agentOf.get(s.id) !== null) continue
    for (const f of freed) if (agentOf.get(f) === s.agent) agentOf.set(f, null)
    for (const own of shifts) if (own.agent === s.agent && !freed.has(own.id)) agentOf.set(own.id, s.agent)
  }
}

/** Gives identical shifts (same name, start, length, skill) back to their old agents where the new roster allows. */
function keepIdenticalShifts(shifts: readonly RosterShift[], agentOf: Map<number, string | null>): void {
  const byKey = new Map<string, RosterShift[]>()
  for (const s of shifts) {
    const key = `${s.name}|${s.startLocal}|${s.lengthMinutes}|${s.skill ?? ''}`
    byKey.set(key, [...(byKey.get(key) ?? []), s])
  }
  for (const same of byKey.values()) {
    if (same.length < 2) continue
    const pool = same.map((s) => agentOf.get(s.id) ?? null)
    const assigned: (string | null | undefined)[] = same.map(() => undefined)
    same.forEach((s, i) => {
      const k = pool.indexOf(s.agent)
      if (s.agent !== null && k >= 0) { assigned[i] = s.agent; pool.splice(k, 1) }
    })
    same.forEach((s, i) => { if (assigned[i] === undefined) assigned[i] = pool.shift() ?? null })
    same.forEach((s, i) => agentOf.set(s.id, assigned[i]!))
  }
}

/**
 * The new roster after an approved time-off request: the fewest shifts given to someone else (see the file comment).
 * @throws RangeError when the request's dates are not in order or the agent is unknown
 */
export async function rerosterAfterRequest(input: RerosterInput): Promise<RerosterResult> {
  const started = performance.now()
  const { request, timeLimitSeconds = 4 } = input
  if (!(request.fromDateKey <= request.toDateKey)) throw new RangeError(`the first day off (${request.fromDateKey}) must not be after the last (${request.toDateKey})`)
  if (!input.agents.some((a) => a.name === request.agent)) throw new RangeError(`there is no agent '${request.agent}'`)
  // The requesting agent is off on every date of the request, whatever the caller's specs say.
  const offDates: string[] = []
  for (let d = request.fromDateKey; d <= request.toDateKey; d = addDays(d, 1)) offDates.push(d)
  input = { ...input, agents: input.agents.map((a) => (a.name === request.agent ? { ...a, timeOff: [...new Set([...a.timeOff, ...offDates])] } : a)) }
  const freed = input.shifts.filter((s) => s.agent === request.agent && touches(s, request.fromDateKey, request.toDateKey)).map((s) => s.id)
  const base = new Map(input.shifts.map((s) => [s.id, s.agent]))
  const empty = { changes: [], freedShiftIds: freed, uncovered: [], pass: 'none' as const, violations: [] }
  if (!freed.length) return { ...empty, elapsedMs: Math.round(performance.now() - started) }

  let pass: RerosterResult['pass'] = 'pinned'
  let outcome = await solvePass(input, new Set(freed), timeLimitSeconds / 2)
  const uncoveredIn = (o: PassOutcome) => freed.filter((id) => (o.agentOf.get(id) ?? null) === null).length
  if (uncoveredIn(outcome) > 0) {
    const from = addDays(request.fromDateKey, -1), to = addDays(request.toDateKey, 1)
    const wide = new Set([...freed, ...input.shifts.filter((s) => s.agent !== null && touches(s, from, to)).map((s) => s.id)])
    const widened = await solvePass(input, wide, timeLimitSeconds / 2)
    if (uncoveredIn(widened) < uncoveredIn(outcome)) { outcome = widened; pass = 'widened' }
  }
  const agentOf = new Map(base)
  for (const [id, agent] of outcome.agentOf) agentOf.set(id, agent)
  if (pass === 'pinned') restorePinned(input.shifts, new Set(freed), agentOf)
  keepIdenticalShifts(input.shifts, agentOf)
  const changes: RosterChange[] = input.shifts.filter((s) => agentOf.get(s.id) !== s.agent).map((s) => {
    const to = agentOf.get(s.id) ?? null
    return { shiftId: s.id, from: s.agent, to, ...(to === null ? { reason: outcome.reasons.get(s.id) ?? 'no agent can take it' } : {}) }
  }).sort((x, y) => Number(freed.includes(y.shiftId)) - Number(freed.includes(x.shiftId)))
  const uncovered = changes.filter((c) => c.to === null).map((c) => ({ shiftId: c.shiftId, reason: c.reason! }))
  return { changes, freedShiftIds: freed, uncovered, pass, violations: rosterViolations(input.shifts, agentOf, input.agents, input.rules), elapsedMs: Math.round(performance.now() - started) }
}

/**
 * Hard-rule breaks of the roster where each shift goes to agentOf(shift), checked directly (not by the model):
 * the optimiser's independent checker (rosterModel.ts hardViolations).
 */
export function rosterViolations(shifts: readonly RosterShift[], agentOf: ReadonlyMap<number, string | null>, agents: readonly RosterAgentSpec[], rules: RosterRules): string[] {
  const worked = shifts.filter((s) => agentOf.get(s.id))
  const groups = worked.map((s) => groupOf(s, s.skill))
  const assignments: RosterAssignmentOut[] = worked.map((s, group) => ({ agent: agentOf.get(s.id)!, group, instance: 0 }))
  return hardViolations([...groups, ...wholeWeeks(groups, rules)], agents, rules, assignments)
}

/** rerosterAfterRequest in a worker thread with a time limit (web requests: the solver is synchronous WebAssembly). */
export async function rerosterAfterRequestInWorker(input: RerosterInput): Promise<RerosterResult> {
  try {
    return await runInWorker<RerosterResult>({ moduleUrl: import.meta.url, exportName: 'rerosterAfterRequest', args: [input] },
      { timeLimitMs: 30_000, what: 're-rostering after the request' })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
}
