/**
 * The roster optimiser (src/scheduling/rosterModel.ts) off the request thread: HiGHS runs for seconds, so every
 * call goes through the worker pool (src/workers/runInWorker.ts) with a time limit.
 *
 * - rerosterPublished: after an approved request (time off or swap), the published roster with the fewest changes
 *   (src/scheduling/reroster.ts). The one re-roster path: the requests flow (src/planning/agentRequests.ts) calls it.
 * - rosterForPublishing: the names on a schedule's shifts when it is published; the greedy roster
 *   (src/scheduling/roster.ts) when the optimiser finds nothing in time, and the answer says which.
 */
import { runInWorker, TimeLimitError } from '../workers/runInWorker.ts'
import { explainShortWeeks, validateAgents, type Agent, type Roster } from '../scheduling/roster.ts'
import { rosterToPublish } from './needCover.ts'
import { agentWeeksOf, rosterInWeek } from './schedulePlan.ts'
import { DEFAULT_WEEK_RULES, type WeekRules } from '../scheduling/weekRules.ts'
import type { RosterAgentSpec, RosterAssignmentOut, RosterRules, RosterShiftGroup, RosterSolveResult } from '../scheduling/rosterModel.ts'
import type { RosterRequest } from '../scheduling/reroster.ts'
import { hardViolations } from '../scheduling/rosterModel.ts'
import { parseLocalDateTime } from '../scheduling/localTime.ts'
import { dateKeysBetween } from '../time/zones.ts'
import { DEFAULT_ROSTER_RULES, rosterAgentSpecOf, rosterShiftGroupsOf } from '../scheduling/rosterInputs.ts'
import { expandShiftInstances, type ShiftInstance } from '../scheduling/shiftInstances.ts'
import type { Schedule } from '../scheduling/schedule.ts'

/** What the optimiser rosters: the shift groups (rosterShiftGroupsOf), the agents (rosterAgentSpecOf) and the rules. */
export interface RosterContext {
  groups: RosterShiftGroup[]
  agents: RosterAgentSpec[]
  rules: RosterRules
}

/** Seconds beyond the solver's own limit before the worker is stopped (loading HiGHS, building the model). */
const WORKER_MARGIN_MS = 15_000

/** How the names of a published roster were chosen. */
export interface PublishingRoster {
  roster: Roster
  method: 'optimiser' | 'greedy'
  /** The optimiser's proven relative gap (0: optimal); absent for the greedy roster. */
  gap?: number
  /** One sentence for the page: the proven gap, or why the greedy roster was used. */
  note: string
}

/** The optimiser's answer in the roster engine's shape (the shift instances of the schedule, agent by agent). */
export function rosterOfSolution(schedule: Schedule, groups: readonly RosterShiftGroup[], result: Pick<RosterSolveResult, 'assignments' | 'unassigned'>, agents: readonly Agent[] = [], weekRules: WeekRules = DEFAULT_WEEK_RULES): Roster {
  const instances = new Map<string, ShiftInstance>(expandShiftInstances(schedule).map((s) => [s.id, s]))
  const instanceOf = (group: number, instance: number) => {
    const shift = schedule.shifts[group]
    const found = instances.get(`${shift.templateName}@${shift.start}#${instance + 1}`)
    if (!found) throw new RangeError(`the roster names shift ${instance + 1} of ${shift.templateName} at ${shift.start}, which the schedule does not have`)
    return found
  }
  if (groups.length !== schedule.shifts.length) throw new RangeError('the roster was made for another version of the schedule')
  const roster = {
    assignments: result.assignments.map((a) => ({ agent: a.agent, shift: instanceOf(a.group, a.instance) })).sort((p, q) => (p.agent < q.agent ? -1 : p.agent > q.agent ? 1 : p.shift.startMinute - q.shift.startMinute)),
    unassigned: result.unassigned.map((u) => ({ shift: instanceOf(u.group, u.instance), reason: u.reason })).sort((p, q) => p.shift.startMinute - q.shift.startMinute),
  }
  const weeks = agentWeeksOf(roster, new Map(agents.map((a) => [a.name, a.contractedHoursPerWeek])), weekRules)
  // Why a week is under contract, in the user's words (full agents only: their rules are needed).
  return { ...roster, weeks: agents.length ? explainShortWeeks({ ...roster, weeks }, agents, weekRules.weekStartsOn) : weeks }
}

/**
 * The roster to publish a schedule with: the optimiser in a worker (rules: DEFAULT_ROSTER_RULES unless given),
 * or the greedy roster when the optimiser finds no roster within the limit.
 * @throws ScheduleInputError for invalid agents (the greedy roster's checks)
 */
export async function rosterForPublishing(schedule: Schedule, agents: readonly Agent[], options: { timeZone?: string; rules?: RosterRules; timeLimitSeconds?: number } = {}): Promise<PublishingRoster> {
  const { timeZone, timeLimitSeconds = 10 } = options
  const rules = overWholeWeeks(options.rules ?? DEFAULT_ROSTER_RULES)
  validateAgents(agents) // refuses invalid agents before any solver runs (ScheduleInputError)
  // The greedy roster (the fallback) builds in seconds for hundreds of agents, so it too runs in the pool.
  const greedyRoster = async () => rosterInWeek(await rosterToPublish(schedule, agents), agents, { weekStartsOn: rules.weekStartsOn, weekendDays: rules.weekendDays })
  if (agents.length === 0 || schedule.shifts.length === 0) return { roster: await greedyRoster(), method: 'greedy', note: 'No agents or no shifts: nothing to optimise.' }
  const groups = rosterShiftGroupsOf(schedule, timeZone)
  const context: RosterContext = { groups, agents: agents.map((a) => rosterAgentSpecOf(a, { timeOff: a.timeOff ?? [] })), rules }
  const fallback = async (why: string): Promise<PublishingRoster> => ({ roster: await greedyRoster(), method: 'greedy', note: `${why} Names were assigned by the greedy roster instead.` })
  let result: RosterSolveResult
  try {
    result = await runInWorker<RosterSolveResult>({
      moduleUrl: new URL('../scheduling/rosterModel.ts', import.meta.url).href,
      exportName: 'solveRoster',
      args: [context.groups, context.agents, context.rules, { timeLimitSeconds, mipRelativeGap: 0.01 }],
    }, { timeLimitMs: timeLimitSeconds * 1000 + WORKER_MARGIN_MS, what: 'the roster' })
  } catch (error) {
    if (error instanceof TimeLimitError) return fallback(`The optimiser did not answer within ${timeLimitSeconds} s.`)
    throw error
  }
  if (result.status === 'noSolution') return fallback(`The optimiser found no roster within ${timeLimitSeconds} s.`)
  const gapText = result.gap === 0 ? 'proven optimal'
    : result.gap >= 1 ? `no bound on the best possible was proven within ${timeLimitSeconds} s, so how far this is from it is not known`
    : `within ${(result.gap * 100).toFixed(1)}% of the best possible (proven bound)`
  return { roster: rosterOfSolution(schedule, groups, result, agents, { weekStartsOn: rules.weekStartsOn, weekendDays: rules.weekendDays }), method: 'optimiser', gap: result.gap, note: `Names assigned by the roster optimiser: ${gapText}, ${result.unassigned.length} shifts without an agent.` }
}

/** A shift of a published roster as stored (one row per shift instance; agent null: nobody works it). */
export interface PublishedRosterShift {
  id: number
  templateName: string
  /** 'YYYY-MM-DDTHH:MM' in the queue's zone. */
  startLocal: string
  /** UTC offset at the start in minutes (local − UTC). */
  offsetMinutes: number
  lengthMinutes: number
  paidMinutes: number
  /** The skill (queue name) the shift needs. */
  skill?: string
  agent: string | null
}

/** The optimiser's view of a published roster: shift groups, who works which instance, and each instance's row. */
export interface PublishedRosterContext {
  groups: RosterShiftGroup[]
  published: RosterAssignmentOut[]
  /** rowOf[group][instance] = the shift's row id. */
  rowOf: number[][]
}

/**
 * Groups a published roster's rows (same template, start, length, paid minutes and skill: one group, one instance
 * per row) for the optimiser. Pure.
 */
export function publishedRosterContext(rows: readonly PublishedRosterShift[]): PublishedRosterContext {
  const groups: RosterShiftGroup[] = [], published: RosterAssignmentOut[] = [], rowOf: number[][] = []
  const index = new Map<string, number>()
  for (const row of rows) {
    const key = `${row.templateName}|${row.startLocal}|${row.lengthMinutes}|${row.paidMinutes}|${row.skill ?? ''}`
    let g = index.get(key)
    if (g === undefined) {
      g = groups.length
      index.set(key, g)
      groups.push({ name: row.templateName, startMinute: parseLocalDateTime(row.startLocal), lengthMinutes: row.lengthMinutes, paidMinutes: row.paidMinutes, offsetMinutes: row.offsetMinutes, count: 0, ...(row.skill ? { skill: row.skill } : {}) })
      rowOf.push([])
    }
    const instance = groups[g].count++
    rowOf[g].push(row.id)
    if (row.agent !== null) published.push({ agent: row.agent, group: g, instance })
  }
  return { groups, published, rowOf }
}

/**
 * A schedule's roster is the whole of its weeks (days outside the schedule are days off), when it is drafted,
 * published, checked and re-rostered alike: a Monday-Friday schedule keeps its 5 working days a week.
 */
const overWholeWeeks = (rules: RosterRules): RosterRules => ({ ...rules, wholeWeeks: true })

/** Hard-rule breaks of a published roster where each row goes to agentOf(row) (the optimiser's own checker). */
export function publishedRosterViolations(rows: readonly PublishedRosterShift[], agentOf: ReadonlyMap<number, string | null>, agents: readonly RosterAgentSpec[], rules: RosterRules): string[] {
  const { groups, rowOf } = publishedRosterContext(rows)
  const assignments: RosterAssignmentOut[] = []
  rowOf.forEach((ids, group) => ids.forEach((id, instance) => { const agent = agentOf.get(id); if (agent) assignments.push({ agent, group, instance }) }))
  return hardViolations(groups, agents, overWholeWeeks(rules), assignments)
}

/** What an approved request asks: days off, or one of the agent's shifts (row id) handed to a colleague. */
export type PublishedRosterRequest =
  | { kind: 'time_off'; agent: string; fromDateKey: string; toDateKey: string }
  | { kind: 'swap'; agent: string; shiftId: number; colleague: string }

/** One row whose agent changes (to null: nobody can take it, with the rule that blocks each agent). */
export interface PublishedRosterChange { shiftId: number; from: string | null; to: string | null; reason?: string }

export interface PublishedReroster {
  /** Every row whose agent changes, the ones the request forces first. */
  changes: PublishedRosterChange[]
  /** Changes the request itself makes (the requester's shifts on the days off; the handed-over shift). */
  forcedChanges: number
  /** Further changes the rules required (a colleague dropping a shift to keep rest, hours or days off). */
  ruleChanges: number
  /** Rows the change leaves without an agent (they had one), with the rule that blocks each agent. */
  uncovered: { shiftId: number; reason: string }[]
  /** No roster with fewer changes exists (the solver closed the gap). */
  provenFewest: boolean
  gap: number
  elapsedMs: number
}

/** The dates from..to, both included ('YYYY-MM-DD'), inside 1970–2100 (src/time/zones.ts dateKeysBetween). */
export const datesBetween = (fromDateKey: string, toDateKey: string): string[] => dateKeysBetween(fromDateKey, toDateKey)
/** Whether any minute of the row falls on one of the dates. */
const touchesDates = (row: PublishedRosterShift, dates: ReadonlySet<string>) => {
  const start = parseLocalDateTime(row.startLocal)
  for (let day = Math.floor(start / 1440); day * 1440 < start + row.lengthMinutes; day++) if (dates.has(new Date(day * 86_400_000).toISOString().slice(0, 10))) return true
  return false
}

/**
 * The one re-roster path after an approved request: the published roster with the fewest changes the rules allow
 * (src/scheduling/reroster.ts, the optimiser with the published roster as its goal), in the worker pool with a time
 * limit. Changes are counted against the published rows: the request's own (forced) and those the rules required.
 * Rows nobody works are left out (they stay unworked: the request does not hand out new shifts).
 * @throws RangeError (the published roster is unchanged) for an unknown agent or shift, when the worker runs out of
 *   time, or when the optimiser finds no roster in time
 */
export async function rerosterPublished(rows: readonly PublishedRosterShift[], agents: readonly RosterAgentSpec[], rules: RosterRules, request: PublishedRosterRequest, options: { timeLimitSeconds?: number } = {}): Promise<PublishedReroster> {
  const { timeLimitSeconds = 5 } = options
  if (!agents.some((a) => a.name === request.agent)) throw new RangeError(`request.agent: no agent is called '${request.agent}'`)
  // Shifts nobody worked stay so: a request changes who works the roster's shifts, it does not hand out new ones.
  rows = rows.filter((r) => r.agent !== null)
  const { groups, published, rowOf } = publishedRosterContext(rows)
  let domainRequest: RosterRequest
  let forced: Set<number>
  if (request.kind === 'time_off') {
    const dates = datesBetween(request.fromDateKey, request.toDateKey)
    if (!dates.length) throw new RangeError(`the first day off (${request.fromDateKey}) must not be after the last (${request.toDateKey})`)
    domainRequest = { agent: request.agent, timeOffDates: dates }
    const set = new Set(dates)
    forced = new Set(rows.filter((r) => r.agent === request.agent && touchesDates(r, set)).map((r) => r.id))
  } else {
    const g = rowOf.findIndex((ids) => ids.includes(request.shiftId))
    if (g < 0) throw new RangeError(`shift ${request.shiftId} is not in the published roster`)
    domainRequest = { agent: request.agent, timeOffDates: [], handOver: { group: g, instance: rowOf[g].indexOf(request.shiftId), to: request.colleague } }
    forced = new Set([request.shiftId])
  }
  if (request.kind === 'time_off' && forced.size === 0) return { changes: [], forcedChanges: 0, ruleChanges: 0, uncovered: [], provenFewest: true, gap: 0, elapsedMs: 0 }
  let result: RosterSolveResult
  try {
    result = await runInWorker<RosterSolveResult>({
      moduleUrl: new URL('../scheduling/reroster.ts', import.meta.url).href,
      exportName: 'rerosterAfterRequest',
      args: [groups, agents, overWholeWeeks(rules), published, domainRequest, { timeLimitSeconds }],
    }, { timeLimitMs: timeLimitSeconds * 1000 + WORKER_MARGIN_MS, what: 're-rostering after the request', advice: 'The published roster is unchanged.' })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
  if (result.status === 'noSolution') throw new RangeError(`the optimiser found no roster within ${timeLimitSeconds} s; the published roster is unchanged: try again, or refuse the request`)
  const agentOf = new Map<number, string | null>(rows.map((r) => [r.id, null]))
  for (const a of result.assignments) agentOf.set(rowOf[a.group][a.instance], a.agent)
  const reasonOf = new Map(result.unassigned.map((u) => [rowOf[u.group][u.instance], u.reason]))
  const changes: PublishedRosterChange[] = rows.filter((r) => agentOf.get(r.id) !== r.agent).map((r) => {
    const to = agentOf.get(r.id) ?? null
    return { shiftId: r.id, from: r.agent, to, ...(to === null ? { reason: reasonOf.get(r.id) ?? 'no agent can take it' } : {}) }
  }).sort((x, y) => Number(forced.has(y.shiftId)) - Number(forced.has(x.shiftId)))
  const forcedChanges = changes.filter((c) => forced.has(c.shiftId)).length
  return {
    changes, forcedChanges, ruleChanges: changes.length - forcedChanges,
    uncovered: changes.filter((c) => c.to === null).map((c) => ({ shiftId: c.shiftId, reason: c.reason! })),
    provenFewest: result.gap === 0, gap: result.gap, elapsedMs: result.elapsedMs,
  }
}
