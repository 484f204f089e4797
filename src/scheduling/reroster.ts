/**
 * Re-rostering after an approved request with the fewest changes (issue 17): the request becomes a hard rule
 * (time off on its dates), the published roster the goal (each published assignment dropped costs
 * WEIGHTS.changePerShift, each unworked hour WEIGHTS.unassignedPerHour; preferences, hours below contract and
 * weekend fairness are left out so that the proven gap is the gap on changes), and the roster model is solved to
 * optimality within the time limit. The shift the
 * request takes away is the one change it forces; others appear only where a rule requires them (the colleague who
 * takes the shift must drop another to keep rest, days off or weekly hours) or to keep a shift from going unworked.
 * A swap is the same with the handed-over shift already the colleague's in the published roster and the requester
 * barred from it: the colleague keeps it unless a rule forbids, and any change a rule then requires is counted.
 * Pure.
 */
import { solveRoster, WEIGHTS, type RosterAgentSpec, type RosterAssignmentOut, type RosterRules, type RosterShiftGroup, type RosterSolveResult } from './rosterModel.ts'

/**
 * An approved request: the agent's days off ('YYYY-MM-DD' local dates), or a swap: one published shift instance of
 * the agent handed over to a colleague (`handOver`), which then counts as the published roster's.
 */
export interface RosterRequest {
  agent: string
  timeOffDates: string[]
  handOver?: { group: number; instance: number; to: string }
}

/** The skill only the agents allowed to take the handed-over shift have (everyone qualified but the requester). */
const HAND_OVER_SKILL = '@handOver'
/** The skill of the rest of the handed-over shift's group: everyone qualified for it but the requester. */
const REST_OF_GROUP_SKILL = '@handOverRest'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The roster after the request, as close to `published` as the rules allow. result.changes lists every shift
 * instance whose agent differs (for a swap: from the roster with the shift handed over); result.gap is the proven
 * gap (0: no roster with fewer changes exists).
 * @throws RangeError if the request names an unknown agent or a date not written YYYY-MM-DD
 * @example see tests/scheduling/reroster.test.ts (a day off that forces exactly one change)
 */
export async function rerosterAfterRequest(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, published: readonly RosterAssignmentOut[], request: RosterRequest, options: { timeLimitSeconds?: number; changeWeight?: number } = {}): Promise<RosterSolveResult> {
  const { timeLimitSeconds = 5, changeWeight = WEIGHTS.changePerShift } = options
  if (!agents.some((a) => a.name === request.agent)) throw new RangeError(`request.agent: no agent is called '${request.agent}'`)
  for (const d of request.timeOffDates) if (!DATE.test(d)) throw new RangeError(`request.timeOffDates: '${d}' is not a date written YYYY-MM-DD`)
  let withRequest: RosterAgentSpec[] = agents.map((a) => (a.name === request.agent ? { ...a, timeOff: [...new Set([...a.timeOff, ...request.timeOffDates])] } : a))
  const { handOver } = request
  if (!handOver) return solveRoster(groups, withRequest, rules, { timeLimitSeconds, mipRelativeGap: 0, published, changeWeight, softGoals: false })
  const group = groups[handOver.group]
  const held = published.find((p) => p.group === handOver.group && p.instance === handOver.instance)
  if (!group || !held || held.agent !== request.agent) throw new RangeError(`request.handOver: shift ${handOver.group}#${handOver.instance} is not ${request.agent}'s in the published roster`)
  if (!agents.some((a) => a.name === handOver.to) || handOver.to === request.agent) throw new RangeError(`request.handOver.to: '${handOver.to}' is not another agent`)
  const colleague = agents.find((a) => a.name === handOver.to)!
  if (group.skill !== undefined && !colleague.skills.includes(group.skill)) throw new RangeError(`request.handOver.to: ${handOver.to} does not have the skill ${group.skill} the shift needs`)
  // The swap is the request: the handed-over instance becomes a group of its own that only the colleague may work
  // (a rule may still make the colleague drop another shift: that change is counted), and the requester may no
  // longer work the rest of its group (identical shifts). Instances of the group above the handed one move down one.
  const g = handOver.group, own = groups.length
  const qualifiedForRest = (a: RosterAgentSpec) => a.name !== request.agent && (group.skill === undefined || a.skills.includes(group.skill))
  withRequest = withRequest.map((a) => ({ ...a, skills: [...a.skills, ...(a.name === handOver.to ? [HAND_OVER_SKILL] : []), ...(qualifiedForRest(a) ? [REST_OF_GROUP_SKILL] : [])] }))
  const split = [...groups.map((x, k) => (k === g ? { ...x, count: x.count - 1, skill: REST_OF_GROUP_SKILL } : x)), { ...group, count: 1, skill: HAND_OVER_SKILL }]
  const toSplit = (p: RosterAssignmentOut): RosterAssignmentOut => (p.group !== g ? p : p.instance === handOver.instance ? { agent: handOver.to, group: own, instance: 0 } : { ...p, instance: p.instance > handOver.instance ? p.instance - 1 : p.instance })
  const back = <T extends { group: number; instance: number }>(x: T): T => (x.group === own ? { ...x, group: g, instance: handOver.instance } : x.group !== g ? x : { ...x, instance: x.instance >= handOver.instance ? x.instance + 1 : x.instance })
  const result = await solveRoster(split, withRequest, rules, { timeLimitSeconds, mipRelativeGap: 0, published: published.map(toSplit), changeWeight, softGoals: false })
  return { ...result, assignments: result.assignments.map(back), unassigned: result.unassigned.map(back), changes: result.changes.map(back) }
}
