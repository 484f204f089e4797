/**
 * Headcount per team or skill group. Each person is in exactly one group (a cross-skilled agent is counted once,
 * in the group the manager puts them in); each group has its own headcount, attrition, class size, planned hires,
 * transfers and leave (src/capacity/staffModelSchema.ts), and serves its own part of the requirement:
 * - the requirement given per group (R.csv columns required_fte_NAME), where the queue's requirement can be split;
 * - else the group's share of the week's requirement (shares add up to 1);
 * - else a share equal to the group's part of today's headcount (all groups equal when the headcount is 0).
 * Every group is projected with the same cohort arithmetic as a whole team (projectCapacity), and the inverse is
 * solved per group: a surplus in one group does not close a shortfall in another, since its people lack the skill.
 * The team's week is the sum of its groups' weeks.
 */
import { projectCapacity, type CapacityWeek, type RequirementWeek } from './projectCapacity.ts'
import { DEFAULT_RECOMMEND_SECONDS, recommendHires, type HiringRecommendation, type RecommendOptions } from './recommendHires.ts'
import type { StaffGroup, StaffModel } from './staffModel.ts'

export interface GroupPlan {
  name: string
  /** The fraction of the requirement the group serves (the rule used: 'given' per group, 'share' or 'headcount'). */
  share: number | null
  requirementRule: 'given' | 'share' | 'headcount'
  weeks: CapacityWeek[]
  /** With recommend: the group's classes and the weeks it cannot close. */
  recommendation: HiringRecommendation | null
}

export interface GroupsPlan {
  groups: GroupPlan[]
  /** The team: each week's figures summed over the groups. */
  total: CapacityWeek[]
}

/**
 * Each group's weekly requirement (see the module doc for the rule).
 * @throws RangeError when a group's given requirement does not have one value per week
 */
export function groupRequirements(weeks: readonly RequirementWeek[], groups: readonly StaffGroup[], given: ReadonlyMap<string, readonly number[]> = new Map()): { requirement: RequirementWeek[]; share: number | null; rule: GroupPlan['requirementRule'] }[] {
  const headcount = groups.reduce((s, g) => s + g.model.headcount, 0)
  return groups.map((g) => {
    const own = given.get(g.name)
    if (own) {
      if (own.length !== weeks.length) throw new RangeError(`required_fte_${g.name}: ${own.length} values for ${weeks.length} weeks`)
      return { requirement: weeks.map((w, i) => ({ weekStart: w.weekStart, requiredFte: own[i] })), share: null, rule: 'given' as const }
    }
    const share = g.share ?? (headcount > 0 ? g.model.headcount / headcount : 1 / groups.length)
    return { requirement: weeks.map((w) => ({ weekStart: w.weekStart, requiredFte: w.requiredFte * share })), share, rule: g.share !== null ? 'share' as const : 'headcount' as const }
  })
}

/** Sums weeks of the same dates (the team of several groups). */
export function sumGroupWeeks(lists: readonly (readonly CapacityWeek[])[]): CapacityWeek[] {
  return lists[0].map((first, i) => {
    const add = (key: keyof Omit<CapacityWeek, 'weekStart'>) => lists.reduce((s, l) => s + l[i][key], 0)
    return {
      weekStart: first.weekStart, requiredFte: add('requiredFte'), headcount: add('headcount'), inTraining: add('inTraining'), productiveFte: add('productiveFte'),
      gapFte: add('gapFte'), hiresStarting: add('hiresStarting'), transfers: add('transfers'), leaveFte: add('leaveFte'), leavers: add('leavers'),
    }
  })
}

export interface PlanGroupsOptions extends RecommendOptions {
  /** Requirement per group name, one value per week (R.csv's required_fte_NAME columns). */
  given?: ReadonlyMap<string, readonly number[]>
  /** Add the fewest hires per group. @default false */
  recommend?: boolean
}

/**
 * Projects every group (and with recommend, adds each group's fewest hires) and sums the team.
 * @throws RangeError when the model has no groups, and on the projection's and inverse's own errors
 */
export async function planGroups(weeks: readonly RequirementWeek[], model: StaffModel, options: PlanGroupsOptions = {}): Promise<GroupsPlan> {
  if (!model.groups.length) throw new RangeError('groups: the headcount model has no groups')
  const requirements = groupRequirements(weeks, model.groups, options.given)
  const groups: GroupPlan[] = []
  // the groups share one time budget: each group gets an equal part of what the groups before it left
  const budgetSeconds = options.timeLimitSeconds ?? DEFAULT_RECOMMEND_SECONDS, startedMs = performance.now()
  for (const [i, g] of model.groups.entries()) {
    const { requirement, share, rule } = requirements[i]
    const leftSeconds = Math.max(0.05, budgetSeconds - (performance.now() - startedMs) / 1000)
    const recommendation = options.recommend ? await recommendHires(requirement, g.model, { fromWeek: options.fromWeek, timeLimitSeconds: leftSeconds / (model.groups.length - i) }) : null
    groups.push({ name: g.name, share, requirementRule: rule, weeks: recommendation ? recommendation.weeks : projectCapacity(requirement, g.model), recommendation })
  }
  return { groups, total: sumGroupWeeks(groups.map((g) => g.weeks)) }
}
