/**
 * The roster optimiser (src/scheduling/rosterModel.ts) off the request thread: HiGHS runs for seconds, so every
 * call goes through the worker pool (src/workers/runInWorker.ts) with a time limit.
 *
 * - rerosterForRequest: after an approved request (time off), the roster with the fewest changes from the published
 *   one (src/scheduling/reroster.ts). The requests pages call this.
 * - rosterForPublishing: the names on a schedule's shifts when it is published; the greedy roster
 *   (src/scheduling/roster.ts) when the optimiser finds nothing in time, and the answer says which.
 */
import { runInWorker, TimeLimitError } from '../workers/runInWorker.ts'
import { validateAgents, type Agent, type Roster } from '../scheduling/roster.ts'
import { rosterToPublish } from './needCover.ts'
import type { RosterAgentSpec, RosterAssignmentOut, RosterRules, RosterShiftGroup, RosterSolveResult } from '../scheduling/rosterModel.ts'
import type { RosterRequest } from '../scheduling/reroster.ts'
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

/**
 * The roster after an approved request, as close to the published one as the rules allow: new assignments
 * (group, instance, agent), `changes` (every instance whose agent differs, from/to; undefined = nobody) and
 * `unassigned` with the rule that blocked each. gap 0 = proven fewest changes.
 * @throws RangeError for an unknown agent or a bad date in the request, or when the worker runs out of time
 */
export async function rerosterForRequest(context: RosterContext, published: readonly RosterAssignmentOut[], request: RosterRequest, options: { timeLimitSeconds?: number } = {}): Promise<RosterSolveResult> {
  const { timeLimitSeconds = 5 } = options
  try {
    return await runInWorker<RosterSolveResult>({
      moduleUrl: new URL('../scheduling/reroster.ts', import.meta.url).href,
      exportName: 'rerosterAfterRequest',
      args: [context.groups, context.agents, context.rules, published, request, { timeLimitSeconds }],
    }, { timeLimitMs: timeLimitSeconds * 1000 + WORKER_MARGIN_MS, what: 're-rostering after the request', advice: 'The published roster is unchanged.' })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
}

/** How the names of a published roster were chosen. */
export interface PublishingRoster {
  roster: Roster
  method: 'optimiser' | 'greedy'
  /** One sentence for the page: the proven gap, or why the greedy roster was used. */
  note: string
}

/** The optimiser's answer in the roster engine's shape (the shift instances of the schedule, agent by agent). */
export function rosterOfSolution(schedule: Schedule, groups: readonly RosterShiftGroup[], result: Pick<RosterSolveResult, 'assignments' | 'unassigned'>): Roster {
  const instances = new Map<string, ShiftInstance>(expandShiftInstances(schedule).map((s) => [s.id, s]))
  const instanceOf = (group: number, instance: number) => {
    const shift = schedule.shifts[group]
    const found = instances.get(`${shift.templateName}@${shift.start}#${instance + 1}`)
    if (!found) throw new RangeError(`the roster names shift ${instance + 1} of ${shift.templateName} at ${shift.start}, which the schedule does not have`)
    return found
  }
  if (groups.length !== schedule.shifts.length) throw new RangeError('the roster was made for another version of the schedule')
  return {
    assignments: result.assignments.map((a) => ({ agent: a.agent, shift: instanceOf(a.group, a.instance) })).sort((p, q) => (p.agent < q.agent ? -1 : p.agent > q.agent ? 1 : p.shift.startMinute - q.shift.startMinute)),
    unassigned: result.unassigned.map((u) => ({ shift: instanceOf(u.group, u.instance), reason: u.reason })).sort((p, q) => p.shift.startMinute - q.shift.startMinute),
    weeks: [],
  }
}

/**
 * The roster to publish a schedule with: the optimiser in a worker (rules: DEFAULT_ROSTER_RULES unless given),
 * or the greedy roster when the optimiser finds no roster within the limit.
 * @throws ScheduleInputError for invalid agents (the greedy roster's checks)
 */
export async function rosterForPublishing(schedule: Schedule, agents: readonly Agent[], options: { timeZone?: string; rules?: RosterRules; timeLimitSeconds?: number } = {}): Promise<PublishingRoster> {
  const { timeZone, rules = DEFAULT_ROSTER_RULES, timeLimitSeconds = 10 } = options
  validateAgents(agents) // refuses invalid agents before any solver runs (ScheduleInputError)
  // The greedy roster (the fallback) builds in seconds for hundreds of agents, so it too runs in the pool.
  const greedyRoster = () => rosterToPublish(schedule, agents)
  if (agents.length === 0 || schedule.shifts.length === 0) return { roster: await greedyRoster(), method: 'greedy', note: 'No agents or no shifts: nothing to optimise.' }
  const groups = rosterShiftGroupsOf(schedule, timeZone)
  const context: RosterContext = { groups, agents: agents.map((a) => rosterAgentSpecOf(a)), rules }
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
  const gapText = result.gap === 0 ? 'proven optimal' : `within ${(result.gap * 100).toFixed(1)}% of the best possible (proven bound)`
  return { roster: rosterOfSolution(schedule, groups, result), method: 'optimiser', note: `Names assigned by the roster optimiser: ${gapText}, ${result.unassigned.length} shifts without an agent.` }
}

/**
 * The optimiser's view of a published schedule, for rerosterForRequest: its shifts as groups (in the order of
 * record.schedule.shifts), the agents as model agents, and who works which instance as published.
 * @throws RangeError when the schedule is not published or an assigned shift is not among its shifts
 */
export function rosterContextOfRecord(record: { schedule: Schedule; assignments: { agent: string | null; schedule: Schedule }[] | null; snapshot: { timeZone: string } }, agents: readonly Agent[], rules: RosterRules = DEFAULT_ROSTER_RULES): { context: RosterContext; published: RosterAssignmentOut[] } {
  if (!record.assignments) throw new RangeError('only a published schedule has a roster to change')
  const groups = rosterShiftGroupsOf(record.schedule, record.snapshot.timeZone)
  const groupOf = new Map(record.schedule.shifts.map((s, g) => [`${s.templateName}@${s.start}`, g]))
  const used = groups.map(() => 0)
  const published: RosterAssignmentOut[] = []
  for (const a of record.assignments) {
    if (a.agent === null) continue
    for (const s of a.schedule.shifts) {
      const g = groupOf.get(`${s.templateName}@${s.start}`)
      if (g === undefined) throw new RangeError(`${a.agent}'s shift ${s.templateName} at ${s.start} is not in the schedule`)
      for (let k = 0; k < s.count; k++) published.push({ agent: a.agent, group: g, instance: used[g]++ })
    }
  }
  return { context: { groups, agents: agents.map((a) => rosterAgentSpecOf(a)), rules }, published }
}
