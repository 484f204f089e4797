/**
 * Re-rostering after an approved request with the fewest changes (issue 17): the request becomes a hard rule
 * (time off on its dates), the published roster the goal (each published assignment dropped costs
 * WEIGHTS.changePerShift, each unworked hour WEIGHTS.unassignedPerHour; preferences, hours below contract and
 * weekend fairness are left out so that the proven gap is the gap on changes), and the roster model is solved to
 * optimality within the time limit. The shift the
 * request takes away is the one change it forces; others appear only where a rule requires them (the colleague who
 * takes the shift must drop another to keep rest, days off or weekly hours) or to keep a shift from going unworked.
 * Pure.
 */
import { solveRoster, WEIGHTS, type RosterAgentSpec, type RosterAssignmentOut, type RosterRules, type RosterShiftGroup, type RosterSolveResult } from './rosterModel.ts'

/** An approved request: the agent's days off ('YYYY-MM-DD' local dates). */
export interface RosterRequest {
  agent: string
  timeOffDates: string[]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The roster after the request, as close to `published` as the rules allow. result.changes lists every shift
 * instance whose agent differs; result.gap is the proven gap (0: no roster with fewer changes exists).
 * @throws RangeError if the request names an unknown agent or a date not written YYYY-MM-DD
 * @example see tests/scheduling/reroster.test.ts (a day off that forces exactly one change)
 */
export async function rerosterAfterRequest(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, published: readonly RosterAssignmentOut[], request: RosterRequest, options: { timeLimitSeconds?: number; changeWeight?: number } = {}): Promise<RosterSolveResult> {
  const { timeLimitSeconds = 5, changeWeight = WEIGHTS.changePerShift } = options
  if (!agents.some((a) => a.name === request.agent)) throw new RangeError(`request.agent: no agent is called '${request.agent}'`)
  for (const d of request.timeOffDates) if (!DATE.test(d)) throw new RangeError(`request.timeOffDates: '${d}' is not a date written YYYY-MM-DD`)
  const withRequest = agents.map((a) => (a.name === request.agent ? { ...a, timeOff: [...new Set([...a.timeOff, ...request.timeOffDates])] } : a))
  return solveRoster(groups, withRequest, rules, { timeLimitSeconds, mipRelativeGap: 0, published, changeWeight, softGoals: false })
}
