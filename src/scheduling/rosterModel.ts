/**
 * Roster by optimisation: assigns named agents to the shifts of a schedule with a HiGHS MIP (the same LP-text
 * writer and runner as shift generation: mipModel.ts, highsRunner.ts). Pure: plain data in, plain data out.
 *
 * Identical shifts (same name, start, length, skill) form a group of `count`; the variable y[a,g] (binary) says
 * agent a works one shift of group g. This is x[agent, shift instance] with the symmetry between identical
 * instances removed: the instances of a group are handed out to its agents in order after solving.
 *
 * Hard rules (rows or eligibility): availability per weekday (a weekday missing = available all day, [] = not
 * at all; a shift must lie inside a window, windows of consecutive days join at midnight), time-off dates (no
 * minute of the shift on that date), skills (a shift with a skill needs an agent with it), at most one shift
 * starting per day, minimum rest between shifts (clique rows over pairs closer than min_rest), at most
 * max_consecutive_days working days in a row, at most contract + tolerance paid hours per week (weeks start
 * on rules.week_starts_on), at least min_days_off_per_week days off (a week cut by the horizon: pro rata, and
 * no minimum hours, unless rules.wholeWeeks counts it whole), a run of at least min_consecutive_days_off days off
 * in a row inside each week (exact: one binary per possible run; days of the week outside the horizon count as off).
 * Soft goals, in the objective with these weights (WEIGHTS):
 *   unassigned shift hours x 1000, hours below contract - tolerance x 100, one per shift against a
 *   preference (prefer early / late, avoid_days) x 1; fair rotation over the horizon (fairSharesOf: the team's
 *   shifts of the kind x the agent's share of the contracts, rounded up): weekend shifts above the agent's share x 2,
 *   late-ending shifts (after 21:00) above the share x 1 (not for agents who prefer late), shifts on public
 *   holidays (rules.holidayDates) above the share x 2.
 *   When re-rostering (options.published): each published (agent, shift) pair dropped x WEIGHTS.changePerShift.
 * Valid inequalities strengthen the LP bound: per agent and week, the mixed-integer rounding of the weekly-hours row
 * (whole shifts), and the least cost the agent pays on its own that week (leastOwnWeekCost).
 * Solving (solveRoster): LP bound and rounding, neighbourhood search (rosterNeighbourhoods.ts), then
 * branch-and-bound from the best roster; the gap is against the proven bound.
 * Nothing is dropped silently: every shift nobody works is reported with the rule that kept each agent off it.
 */
import { mipModelToLpText, type MipConstraint, type MipModel, type MipVariable } from './mipModel.ts'
import { runHighs, relativeGap } from './highsRunner.ts'
import { searchNeighbourhoods, type NeighbourhoodSearchOptions } from './rosterNeighbourhoods.ts'
import { improveRosterLocally } from './rosterLocalSearch.ts'
import { formatLocalDate, MINUTES_PER_DAY, WEEKDAYS, type Weekday } from './localTime.ts'

export const WEIGHTS = { unassignedPerHour: 1000, underContractPerHour: 100, preferencePerShift: 1, weekendExcessPerShift: 2, lateExcessPerShift: 1, holidayExcessPerShift: 2, changePerShift: 1000 } as const

export interface RosterRules {
  weekStartsOn: Weekday
  weekendDays: Weekday[]
  minRestHours: number
  maxConsecutiveDays: number
  /** @default 0 */
  minDaysOffPerWeek?: number
  /**
   * Each week (by weekStartsOn) holds a run of at least this many days off in a row, inside the week; days of a
   * week outside the roster's dates count as off. @default 0 (no such rule)
   */
  minConsecutiveDaysOff?: number
  /** A shift starting at or after this local clock minute is 'late', before it 'early'. @default 720 (12:00) */
  lateStartsAtMinute?: number
  /** A shift ending after this local clock minute (or past midnight) is late-ending, for fair rotation. @default 1260 (21:00) */
  lateEndsAfterMinute?: number
  /** 'YYYY-MM-DD' local dates of public holidays: shifts starting on them rotate fairly. @default none */
  holidayDates?: string[]
  /**
   * The roster is the whole of its weeks: a week the shifts cover only in part still counts in full, its days
   * without shifts being days off (a published Monday-Friday schedule keeps its 5 working days a week). Without it
   * the days off of such a week count pro rata, its rest lying in another roster. @default false
   */
  wholeWeeks?: boolean
}

export interface RosterAgentSpec {
  name: string
  contractHoursPerWeek: number
  toleranceHours: number
  /** Per weekday, windows [from, to) in minutes of the day (to may be 1440); a weekday missing = all day. */
  availability: Partial<Record<Weekday, [number, number][]>>
  /** 'YYYY-MM-DD' local dates. */
  timeOff: string[]
  skills: string[]
  /** Override the rules when set. */
  maxConsecutiveDays?: number
  minRestHours?: number
  minDaysOffPerWeek?: number
  minConsecutiveDaysOff?: number
  prefer?: 'early' | 'late'
  avoidDays: Weekday[]
}

/** A group of identical shifts. Times in local minutes (wall clock); utc* are real instants for the rest rule. */
export interface RosterShiftGroup {
  name: string
  startMinute: number
  lengthMinutes: number
  paidMinutes: number
  /** UTC offset of the start in minutes (local - UTC); 0 when the input had none. */
  offsetMinutes: number
  skill?: string
  count: number
}

export interface RosterAssignmentOut { agent: string; group: number; instance: number }
export interface RosterUnassignedOut { group: number; instance: number; reason: string }

export interface RosterSolveResult {
  status: 'optimal' | 'feasible' | 'noSolution'
  solverStatus: string
  assignments: RosterAssignmentOut[]
  unassigned: RosterUnassignedOut[]
  unassignedShiftHours: number
  /** Hours agents work below contract - tolerance, summed over agents and weeks. */
  underContractHours: number
  /** Shifts against a preference (prefer early/late, avoid_days). */
  preferencePenalty: number
  /** Shifts above the agents' fair shares, per rotation (summed over agents). */
  fairnessExcessShifts: Record<FairnessKind, number>
  objective: number
  dualBound: number
  gap: number
  elapsedMs: number
  stats: { variables: number; constraints: number; searchRounds: number }
  /** With options.published: every shift instance whose agent changed (empty otherwise). */
  changes: RosterChange[]
}

const dayOf = (minute: number) => Math.floor(minute / MINUTES_PER_DAY)
const weekdayOfDay = (day: number): Weekday => WEEKDAYS[(((day + 3) % 7) + 7) % 7]

/** First day of the week (by weekStartsOn) containing the day number. */
export function weekStartDay(day: number, weekStartsOn: Weekday): number {
  return day - ((WEEKDAYS.indexOf(weekdayOfDay(day)) - WEEKDAYS.indexOf(weekStartsOn) + 7) % 7)
}

export function isLateShift(group: RosterShiftGroup, rules: RosterRules): boolean {
  return group.startMinute - dayOf(group.startMinute) * MINUTES_PER_DAY >= (rules.lateStartsAtMinute ?? 720)
}

/** Shifts of the group the agent's preferences count against (0 or 1 per shift). */
export function preferencePenaltyOf(agent: RosterAgentSpec, group: RosterShiftGroup, rules: RosterRules): number {
  let penalty = 0
  if (agent.prefer) penalty += (agent.prefer === 'late') !== isLateShift(group, rules) ? 1 : 0
  if (agent.avoidDays.includes(weekdayOfDay(dayOf(group.startMinute)))) penalty += 1
  return penalty
}

/** Why the agent can never work the group, or undefined. */
export function staticRejection(agent: RosterAgentSpec, group: RosterShiftGroup): string | undefined {
  if (group.skill && !agent.skills.includes(group.skill)) return `skill '${group.skill}' missing`
  const end = group.startMinute + group.lengthMinutes
  for (let day = dayOf(group.startMinute); day * MINUTES_PER_DAY < end; day++) {
    if (agent.timeOff.includes(formatLocalDate(day * MINUTES_PER_DAY))) return 'time off'
  }
  for (let day = dayOf(group.startMinute); day * MINUTES_PER_DAY < end; day++) {
    const windows = agent.availability[weekdayOfDay(day)]
    if (windows === undefined) continue
    const from = Math.max(group.startMinute, day * MINUTES_PER_DAY) - day * MINUTES_PER_DAY
    const to = Math.min(end, (day + 1) * MINUTES_PER_DAY) - day * MINUTES_PER_DAY
    if (!windows.some(([a, b]) => a <= from && b >= to)) return 'not available then'
  }
  return undefined
}

interface Horizon { firstDay: number; lastDay: number }

/** The days the roster spans: those of its shifts, or (rules.wholeWeeks) the whole weeks they fall in. */
function horizonOf(groups: readonly RosterShiftGroup[], rules: RosterRules): Horizon {
  const firstDay = Math.min(...groups.map((g) => dayOf(g.startMinute))), lastDay = Math.max(...groups.map((g) => dayOf(g.startMinute)))
  return rules.wholeWeeks ? { firstDay: weekStartDay(firstDay, rules.weekStartsOn), lastDay: weekStartDay(lastDay, rules.weekStartsOn) + 6 } : { firstDay, lastDay }
}

/** The agent's run of days off in a row each week must have at least this many days (0: no such rule). */
export function minConsecutiveDaysOffOf(agent: RosterAgentSpec, rules: RosterRules): number {
  return agent.minConsecutiveDaysOff ?? rules.minConsecutiveDaysOff ?? 0
}

/** The longest run of days in [weekStart, weekStart + 7) with no day in `worked`. */
export function longestRunOff(worked: ReadonlySet<number>, weekStart: number): number {
  let best = 0, run = 0
  for (let d = weekStart; d < weekStart + 7; d++) { run = worked.has(d) ? 0 : run + 1; best = Math.max(best, run) }
  return best
}

/**
 * Limits of an agent for the week starting on weekStart. When the horizon cuts the week, the days off count
 * pro rata, the maximum hours in full and there is no minimum (the rest of the week lies outside this roster).
 */
function weekLimits(agent: RosterAgentSpec, weekStart: number, horizon: Horizon, rules: RosterRules) {
  const days = Math.min(weekStart + 6, horizon.lastDay) - Math.max(weekStart, horizon.firstDay) + 1
  const share = days / 7
  const minDaysOff = agent.minDaysOffPerWeek ?? rules.minDaysOffPerWeek ?? 0
  return {
    days,
    minMinutes: days === 7 ? Math.max(0, agent.contractHoursPerWeek - agent.toleranceHours) * 60 : 0,
    maxMinutes: (agent.contractHoursPerWeek + agent.toleranceHours) * 60,
    maxWorkingDays: Math.max(0, days - Math.round(minDaysOff * share)),
  }
}

/** The rotations kept fair over the horizon: weekend shifts, late-ending shifts and shifts on holidays. */
export const FAIRNESS_KINDS = ['weekend', 'late', 'holiday'] as const
export type FairnessKind = (typeof FAIRNESS_KINDS)[number]
const FAIRNESS_PREFIX: Record<FairnessKind, string> = { weekend: 'w', late: 'l', holiday: 'h' }
const FAIRNESS_WEIGHT: Record<FairnessKind, number> = { weekend: WEIGHTS.weekendExcessPerShift, late: WEIGHTS.lateExcessPerShift, holiday: WEIGHTS.holidayExcessPerShift }

/** A shift ending after rules.lateEndsAfterMinute (local wall clock; default 21:00) or past midnight. */
export function isLateEndingShift(group: RosterShiftGroup, rules: RosterRules): boolean {
  return group.startMinute - dayOf(group.startMinute) * MINUTES_PER_DAY + group.lengthMinutes > (rules.lateEndsAfterMinute ?? 1260)
}

export function isFairnessKind(kind: FairnessKind, group: RosterShiftGroup, rules: RosterRules): boolean {
  const day = dayOf(group.startMinute)
  if (kind === 'weekend') return rules.weekendDays.includes(weekdayOfDay(day))
  if (kind === 'late') return isLateEndingShift(group, rules)
  return (rules.holidayDates ?? []).includes(formatLocalDate(day * MINUTES_PER_DAY))
}

/**
 * Each agent's fair share of each kind of shift: the kind's shifts x the agent's contract / the whole team's
 * contracts, rounded up (a whole number, so the LP cannot spread half shifts). The team's share, not only that of
 * the agents who can work such shifts: when few can, they carry more than an even rotation and the excess shows
 * (measured on the bench instance, sharing among the able only also loosened the LP bound from 14 to 7.9).
 * An agent who can work none has no row; an agent who prefers late shifts volunteers for them and has no share
 * of late-ending shifts. Per kind: agent index -> share.
 */
export function fairSharesOf(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, eligibleGroups: readonly (readonly RosterShiftGroup[])[]): Record<FairnessKind, Map<number, number>> {
  const shares = {} as Record<FairnessKind, Map<number, number>>
  for (const kind of FAIRNESS_KINDS) {
    shares[kind] = new Map()
    const total = groups.reduce((s, g) => s + (isFairnessKind(kind, g, rules) ? g.count : 0), 0)
    if (total === 0) continue
    const able = agents.map((_, a) => eligibleGroups[a].some((g) => isFairnessKind(kind, g, rules)))
    const contracts = agents.reduce((s, agent) => s + agent.contractHoursPerWeek, 0)
    if (contracts <= 0) continue
    agents.forEach((agent, a) => {
      if (!able[a] || (kind === 'late' && agent.prefer === 'late')) return
      shares[kind].set(a, Math.ceil((total * agent.contractHoursPerWeek) / contracts - 1e-9))
    })
  }
  return shares
}

export interface RosterModel {
  mip: MipModel
  /** Per agent and week (weeks start on rules.weekStartsOn): its assignments, its slack for the week and its weekend slack; the units of the neighbourhood search. */
  units: { agent: number; week: number; variables: number[] }[]
  /**
   * When every objective term takes whole values at an optimum (whole costs on integer variables; slacks whose
   * cost per unit times the step of their row is whole), a bound can be rounded up to the next whole number.
   */
  hasWholeObjective: boolean
  /** Added to the MIP objective to give the roster's objective (the changes from a published roster, see options). */
  objectiveOffset: number
  /** Per variable index of a y: [agent, group]. */
  pairs: Map<number, [number, number]>
  unassignedVar: number[]
  /** Continuous penalty variables, each in one row: under-contract hours (row >= min) and weekend excess (row <= share). */
  slacks: { variable: number; row: number }[]
  /** Per agent-week with the consecutive-days-off rule: the run choices z (binary) and their row sum(z) >= 1. */
  offRuns: { row: number; variables: number[] }[]
  horizon: Horizon
}

/**
 * The least cost of one agent's week taken alone: at most one shift a day, at most maxWorkingDays days, paid minutes
 * at most maxMinutes; cost = the shifts' own costs + WEIGHTS.underContractPerHour per hour below minMinutes.
 * Dynamic programme over the days (state: days worked, paid minutes). Rest and the cover are ignored, so it is a
 * lower bound of the agent's cost in any roster.
 */
export function leastOwnWeekCost(options: readonly { day: number; paidMinutes: number; cost: number }[], limits: { minMinutes: number; maxMinutes: number; maxWorkingDays: number }): number {
  if (limits.minMinutes <= 0) return 0
  const byDay = new Map<number, { paidMinutes: number; cost: number }[]>()
  for (const o of options) { if (!byDay.has(o.day)) byDay.set(o.day, []); byDay.get(o.day)!.push(o) }
  let states = new Map<string, number>([['0:0', 0]]) // `${days}:${minutes}` -> least cost
  for (const list of byDay.values()) {
    const next = new Map(states)
    for (const [key, cost] of states) {
      const [days, minutes] = key.split(':').map(Number)
      if (days >= limits.maxWorkingDays) continue
      for (const o of list) {
        const total = minutes + o.paidMinutes
        if (total > limits.maxMinutes + 1e-9) continue
        const k = `${days + 1}:${Math.min(total, limits.minMinutes)}` // above the minimum, more minutes change nothing
        const c = cost + o.cost
        if (c < (next.get(k) ?? Infinity)) next.set(k, c)
      }
    }
    states = next
  }
  let least = Infinity
  for (const [key, cost] of states) least = Math.min(least, cost + (WEIGHTS.underContractPerHour / 60) * Math.max(0, limits.minMinutes - Number(key.split(':')[1])))
  return least
}

/** Builds the MIP (see the file comment). */
export interface RosterModelOptions {
  /** A published roster to stay close to: each of its (agent, shift) pairs the new roster drops costs changeWeight. */
  published?: readonly { agent: string; group: number }[]
  /** @default WEIGHTS.changePerShift */
  changeWeight?: number
  /** false: preferences, hours below contract and fair rotation cost nothing (only unassigned hours and changes count). @default true */
  softGoals?: boolean
}

const gcd = (p: number, q: number): number => (q === 0 ? p : gcd(q, p % q))
const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9

export function buildRosterModel(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, options: RosterModelOptions = {}): RosterModel {
  const { published = [], changeWeight = WEIGHTS.changePerShift, softGoals = true } = options
  const softWeight = softGoals ? 1 : 0
  const publishedPairs = new Set(published.map((p) => `${p.agent}\u0000${p.group}`))
  const units: RosterModel['units'] = []
  let hasWholeObjective = true
  const variables: MipVariable[] = []
  const constraints: MipConstraint[] = []
  const addVar = (v: MipVariable) => variables.push(v) - 1
  const slacks: RosterModel['slacks'] = []
  const offRuns: RosterModel['offRuns'] = []
  const horizon = horizonOf(groups, rules)
  const pairs = new Map<number, [number, number]>()
  const yOf: Map<number, number>[] = agents.map(() => new Map()) // per agent: group -> var
  agents.forEach((agent, a) => groups.forEach((group, g) => {
    if (staticRejection(agent, group)) return
    const week = weekStartDay(dayOf(group.startMinute), rules.weekStartsOn)
    if (group.paidMinutes > weekLimits(agent, week, horizon, rules).maxMinutes + 1e-9) return
    const cost = softWeight * WEIGHTS.preferencePerShift * preferencePenaltyOf(agent, group, rules) - (publishedPairs.has(`${agent.name}\u0000${g}`) ? changeWeight : 0)
    if (!isWhole(cost)) hasWholeObjective = false
    const v = addVar({ name: `y${a}_${g}`, cost, lower: 0, upper: 1, integer: true })
    pairs.set(v, [a, g])
    yOf[a].set(g, v)
  }))
  for (const group of groups) if (!isWhole((WEIGHTS.unassignedPerHour * group.lengthMinutes) / 60)) hasWholeObjective = false
  const unassignedVar = groups.map((group, g) => addVar({ name: `u${g}`, cost: (WEIGHTS.unassignedPerHour * group.lengthMinutes) / 60, lower: 0, upper: group.count, integer: true }))
  // cover: every shift is worked or counted unassigned
  groups.forEach((group, g) => {
    const indices = [unassignedVar[g]], coefficients = [1]
    yOf.forEach((m) => { const v = m.get(g); if (v !== undefined) { indices.push(v); coefficients.push(1) } })
    constraints.push({ name: `cover${g}`, indices, coefficients, lower: group.count, upper: group.count })
  })
  const utcStart = (g: RosterShiftGroup) => g.startMinute - g.offsetMinutes
  const eligibleGroups = yOf.map((m) => [...m.keys()].map((g) => groups[g]))
  const fairShares = fairSharesOf(groups, agents, rules, eligibleGroups)
  agents.forEach((agent, a) => {
    const mine = [...yOf[a].entries()].map(([g, v]) => ({ g, v, group: groups[g], day: dayOf(groups[g].startMinute) }))
    const byDay = new Map<number, typeof mine>()
    for (const m of mine) { if (!byDay.has(m.day)) byDay.set(m.day, []); byDay.get(m.day)!.push(m) }
    for (const [day, list] of byDay) {
      if (list.length > 1) constraints.push({ name: `day${a}_${day}`, indices: list.map((m) => m.v), coefficients: list.map(() => 1), lower: -Infinity, upper: 1 })
    }
    // rest: cliques {g on day d ending too late for t} + {h on a later day starting at or before t}
    const restMinutes = (agent.minRestHours ?? rules.minRestHours) * 60
    const days = [...byDay.keys()].sort((x, y) => x - y)
    for (const d of days) {
      const left = byDay.get(d)!
      const latestFree = Math.max(...left.map((m) => utcStart(m.group) + m.group.lengthMinutes + restMinutes))
      for (const d2 of days) {
        if (d2 <= d) continue
        const right = byDay.get(d2)!.slice().sort((p, q) => utcStart(p.group) - utcStart(q.group))
        if (utcStart(right[0].group) >= latestFree) break
        const starts = [...new Set(right.map((m) => utcStart(m.group)))]
        let previous = ''
        for (let k = starts.length - 1; k >= 0; k--) { // from the latest t: emit only when L changes
          const t = starts[k]
          const l = left.filter((m) => utcStart(m.group) + m.group.lengthMinutes + restMinutes > t)
          if (l.length === 0) continue
          const key = l.map((m) => m.v).join(',')
          if (key === previous) continue
          previous = key
          const r = right.filter((m) => utcStart(m.group) <= t)
          constraints.push({ name: `rest${a}_${d}_${d2}_${k}`, indices: [...l, ...r].map((m) => m.v), coefficients: [...l, ...r].map(() => 1), lower: -Infinity, upper: 1 })
        }
      }
    }
    // max consecutive working days
    const maxRun = agent.maxConsecutiveDays ?? rules.maxConsecutiveDays
    for (let d = horizon.firstDay; d + maxRun <= horizon.lastDay; d++) {
      const window = mine.filter((m) => m.day >= d && m.day <= d + maxRun)
      if (new Set(window.map((m) => m.day)).size <= maxRun) continue
      constraints.push({ name: `run${a}_${d}`, indices: window.map((m) => m.v), coefficients: window.map(() => 1), lower: -Infinity, upper: maxRun })
    }
    // weekly hours and days off
    const weeks = new Set<number>()
    for (let d = horizon.firstDay; d <= horizon.lastDay; d++) weeks.add(weekStartDay(d, rules.weekStartsOn))
    for (const week of weeks) {
      const limits = weekLimits(agent, week, horizon, rules)
      const inWeek = mine.filter((m) => m.day >= week && m.day < week + 7)
      const under = addVar({ name: `s${a}_${week}`, cost: (softWeight * WEIGHTS.underContractPerHour) / 60, lower: 0, upper: limits.minMinutes, integer: false })
      units.push({ agent: a, week, variables: [...inWeek.map((m) => m.v), under] })
      // at an optimum the slack is max(0, min - worked): a multiple of the gcd of the minutes involved
      const step = inWeek.reduce((d, m) => gcd(d, Math.round(m.group.paidMinutes)), Math.round(limits.minMinutes))
      if (limits.minMinutes > 0 && (!isWhole(limits.minMinutes) || !isWhole((step * WEIGHTS.underContractPerHour) / 60))) hasWholeObjective = false
      slacks.push({ variable: under, row: constraints.length })
      constraints.push({ name: `hours${a}_${week}`, indices: [...inWeek.map((m) => m.v), under], coefficients: [...inWeek.map((m) => m.group.paidMinutes), 1], lower: limits.minMinutes, upper: Infinity })
      // mixed-integer rounding of that row (valid inequality, Nemhauser & Wolsey 1990): with P the longest paid
      // shift of the week and b = min / P, the shift count n satisfies n + s / (P * frac(b)) >= ceil(b); it
      // makes the LP count whole shifts (an agent who must work two shifts, each against a preference, pays two)
      const longest = Math.max(0, ...inWeek.map((m) => m.group.paidMinutes))
      const fraction = longest > 0 ? limits.minMinutes / longest - Math.floor(limits.minMinutes / longest) : 0
      if (limits.minMinutes > 0 && fraction > 1e-6) {
        constraints.push({ name: `mir${a}_${week}`, indices: [...inWeek.map((m) => m.v), under], coefficients: [...inWeek.map(() => 1), 1 / (longest * fraction)], lower: Math.ceil(limits.minMinutes / longest), upper: Infinity })
      }
      // the least this agent can pay this week on its own (its preferences and hours; cover ignored): a valid
      // inequality that the LP would otherwise undercut with fractions of shifts
      const ownLeast = leastOwnWeekCost(inWeek.map((m) => ({ day: m.day, paidMinutes: m.group.paidMinutes, cost: WEIGHTS.preferencePerShift * preferencePenaltyOf(agent, m.group, rules) })), limits)
      if (ownLeast > 1e-9) {
        constraints.push({ name: `own${a}_${week}`, indices: [...inWeek.map((m) => m.v), under], coefficients: [...inWeek.map((m) => WEIGHTS.preferencePerShift * preferencePenaltyOf(agent, m.group, rules)), WEIGHTS.underContractPerHour / 60], lower: ownLeast, upper: Infinity })
      }
      if (inWeek.length && inWeek.reduce((s, m) => s + m.group.paidMinutes, 0) > limits.maxMinutes) {
        constraints.push({ name: `maxh${a}_${week}`, indices: inWeek.map((m) => m.v), coefficients: inWeek.map((m) => m.group.paidMinutes), lower: -Infinity, upper: limits.maxMinutes })
      }
      if (new Set(inWeek.map((m) => m.day)).size > limits.maxWorkingDays) {
        constraints.push({ name: `off${a}_${week}`, indices: inWeek.map((m) => m.v), coefficients: inWeek.map(() => 1), lower: -Infinity, upper: limits.maxWorkingDays })
      }
      // K days off in a row inside the week, exactly: z[s] = 1 picks the run starting on day s of the week (one
      // at least); a day of the chosen run has no shift. Left out when the agent cannot work some run anyway.
      const runOff = minConsecutiveDaysOffOf(agent, rules)
      const workable = new Set(inWeek.map((m) => m.day))
      const runStarts: number[] = []
      for (let s = week; s + runOff <= week + 7; s++) runStarts.push(s)
      const runIsFree = (s: number) => { for (let d = s; d < s + runOff; d++) if (workable.has(d)) return false; return true }
      if (runOff > 0 && !runStarts.some(runIsFree)) {
        const z = runStarts.map((s) => addVar({ name: `k${a}_${week}_${s - week}`, cost: 0, lower: 0, upper: 1, integer: true }))
        offRuns.push({ row: constraints.length, variables: z })
        constraints.push({ name: `krun${a}_${week}`, indices: z, coefficients: z.map(() => 1), lower: 1, upper: Infinity })
        for (const d of [...workable].sort((p, q) => p - q)) {
          const onDay = inWeek.filter((m) => m.day === d).map((m) => m.v)
          const covering = z.filter((_, k) => runStarts[k] <= d && d < runStarts[k] + runOff)
          constraints.push({ name: `koff${a}_${d}`, indices: [...onDay, ...covering], coefficients: [...onDay, ...covering].map(() => 1), lower: -Infinity, upper: 1 })
        }
        units[units.length - 1].variables.push(...z)
      }
    }
    // fair rotation: shifts of each kind above the agent's share cost the kind's weight each (fairnessRows)
    for (const kind of FAIRNESS_KINDS) {
      const share = fairShares[kind].get(a)
      if (share === undefined) continue
      const own = mine.filter((m) => isFairnessKind(kind, m.group, rules))
      const excess = addVar({ name: `${FAIRNESS_PREFIX[kind]}${a}`, cost: softWeight * FAIRNESS_WEIGHT[kind], lower: 0, upper: Infinity, integer: false })
      for (const unit of units) if (unit.agent === a) unit.variables.push(excess)
      slacks.push({ variable: excess, row: constraints.length })
      constraints.push({ name: `fair${FAIRNESS_PREFIX[kind]}${a}`, indices: [...own.map((m) => m.v), excess], coefficients: [...own.map(() => 1), -1], lower: -Infinity, upper: share })
    }
  })
  if (FAIRNESS_KINDS.some((kind) => !isWhole(FAIRNESS_WEIGHT[kind]))) hasWholeObjective = false
  return { mip: { variables, constraints }, pairs, unassignedVar, slacks, offRuns, horizon, units, hasWholeObjective, objectiveOffset: changeWeight * publishedPairs.size }
}

/**
 * Per variable, the hard rows it appears in (rows with an upper limit and no penalty variable) with its coefficient:
 * what a move must keep within limits. Shared by the LP rounding and the local search.
 */
export function hardRowsByVariable(model: RosterModel): { row: number; coefficient: number }[][] {
  const { variables, constraints } = model.mip
  const soft = new Set<number>([...model.unassignedVar, ...model.slacks.map((s) => s.variable)])
  const hardRows: { row: number; coefficient: number }[][] = variables.map(() => [])
  constraints.forEach((c, row) => {
    if (!Number.isFinite(c.upper) || c.indices.some((v) => soft.has(v))) return
    c.indices.forEach((v, k) => hardRows[v].push({ row, coefficient: c.coefficients[k] }))
  })
  return hardRows
}

/**
 * A whole roster from the LP relaxation's values: agent-shift pairs in falling LP value (then the shifts with
 * the fewest agents who can work them, then the fewest preference penalties) are taken while every hard row
 * of the model still holds; what is left is unassigned. Returns the values of all variables and their cost.
 */
export function roundRosterLp(model: RosterModel, groups: readonly RosterShiftGroup[], lpValues: ReadonlyMap<string, number>): { values: Float64Array; objective: number } {
  const { variables, constraints } = model.mip
  const hardRows = hardRowsByVariable(model)
  const activity = new Float64Array(constraints.length)
  const values = new Float64Array(variables.length)
  // the run of days off of each agent-week: the one the LP likes best, fixed before any shift is placed
  for (const { variables: z } of model.offRuns) {
    const chosen = z.reduce((best, v) => ((lpValues.get(variables[v].name) ?? 0) > (lpValues.get(variables[best].name) ?? 0) + 1e-9 ? v : best), z[0])
    values[chosen] = 1
    for (const { row, coefficient } of hardRows[chosen]) activity[row] += coefficient
  }
  const remaining = groups.map((g) => g.count)
  const eligible = groups.map(() => 0)
  for (const [, [, g]] of model.pairs) eligible[g]++
  const pairs = [...model.pairs].map(([v, [a, g]]) => ({ v, a, g, lp: lpValues.get(variables[v].name) ?? 0 }))
  pairs.sort((p, q) => q.lp - p.lp || eligible[p.g] - eligible[q.g] || variables[p.v].cost - variables[q.v].cost || p.v - q.v)
  for (const { v, g } of pairs) {
    if (remaining[g] === 0) continue
    if (hardRows[v].some(({ row, coefficient }) => activity[row] + coefficient > constraints[row].upper + 1e-9)) continue
    for (const { row, coefficient } of hardRows[v]) activity[row] += coefficient
    values[v] = 1
    remaining[g]--
  }
  // moves: a shift goes from its agent to one below their weekly minimum when that lowers the cost
  const hoursRowOf = new Map<number, number>()
  const underRows = model.slacks.filter(({ row }) => Number.isFinite(constraints[row].lower))
  for (const { row, variable } of underRows) for (const v of constraints[row].indices) if (v !== variable) hoursRowOf.set(v, row)
  const worked = new Float64Array(constraints.length)
  for (const { row } of underRows) constraints[row].indices.forEach((v, k) => { worked[row] += constraints[row].coefficients[k] * values[v] })
  const holders = groups.map(() => new Set<number>())
  for (const [v, [, g]] of model.pairs) if (values[v] === 1) holders[g].add(v)
  const deficit = (row: number | undefined, minutes: number) => (row === undefined ? 0 : Math.max(0, constraints[row].lower - minutes))
  const paidOf = (v: number) => { const row = hoursRowOf.get(v); return row === undefined ? 0 : constraints[row].coefficients[constraints[row].indices.indexOf(v)] }
  const underCost = WEIGHTS.underContractPerHour / 60
  for (let round = 0, moved = true; moved && round < 20; round++) {
    moved = false
    for (const [v, [, g]] of model.pairs) {
      if (values[v] === 1) continue
      const rowA = hoursRowOf.get(v)
      if (rowA === undefined || deficit(rowA, worked[rowA]) <= 0) continue
      for (const b of holders[g]) {
        const rowB = hoursRowOf.get(b)
        const paidA = paidOf(v), paidB = paidOf(b)
        const delta = underCost * (deficit(rowA, worked[rowA] + paidA) - deficit(rowA, worked[rowA]))
          + (rowB === undefined ? 0 : underCost * (deficit(rowB, worked[rowB] - paidB) - deficit(rowB, worked[rowB])))
          + variables[v].cost - variables[b].cost
        if (delta >= -1e-9) continue
        for (const { row, coefficient } of hardRows[b]) activity[row] -= coefficient
        if (hardRows[v].some(({ row, coefficient }) => activity[row] + coefficient > constraints[row].upper + 1e-9)) {
          for (const { row, coefficient } of hardRows[b]) activity[row] += coefficient
          continue
        }
        for (const { row, coefficient } of hardRows[v]) activity[row] += coefficient
        values[b] = 0; values[v] = 1
        holders[g].delete(b); holders[g].add(v)
        if (rowB !== undefined) worked[rowB] -= paidB
        worked[rowA] += paidA
        moved = true
        break
      }
    }
  }
  model.unassignedVar.forEach((v, g) => { values[v] = remaining[g] })
  for (const { variable, row } of model.slacks) {
    const c = constraints[row]
    let sum = 0
    c.indices.forEach((v, k) => { if (v !== variable) sum += c.coefficients[k] * values[v] })
    const k = c.indices.indexOf(variable)
    values[variable] = Number.isFinite(c.lower) ? Math.max(0, (c.lower - sum) / c.coefficients[k]) : Math.max(0, (c.upper - sum) / c.coefficients[k])
  }
  let objective = 0
  variables.forEach((variable, i) => { objective += variable.cost * values[i] })
  return { values, objective }
}

/** Why no agent took the group's shift, given the solved assignment (one count per agent and rule). */
function blockingReason(g: number, groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, worked: Map<number, number[]>, horizon: Horizon): string {
  if (agents.length === 0) return 'there are no agents'
  const group = groups[g]
  const counts = new Map<string, number>()
  const count = (reason: string) => counts.set(reason, (counts.get(reason) ?? 0) + 1)
  const day = dayOf(group.startMinute)
  const utc = (x: RosterShiftGroup) => x.startMinute - x.offsetMinutes
  agents.forEach((agent, a) => {
    const fixed = staticRejection(agent, group)
    if (fixed) return count(fixed)
    const own = (worked.get(a) ?? []).map((h) => groups[h])
    const week = weekStartDay(day, rules.weekStartsOn)
    const limits = weekLimits(agent, week, horizon, rules)
    const inWeek = own.filter((x) => dayOf(x.startMinute) >= week && dayOf(x.startMinute) < week + 7)
    const rest = (agent.minRestHours ?? rules.minRestHours) * 60
    const maxRun = agent.maxConsecutiveDays ?? rules.maxConsecutiveDays
    const days = new Set(own.map((x) => dayOf(x.startMinute)))
    if (days.has(day)) return count('already working that day')
    if (own.some((x) => utc(group) < utc(x) + x.lengthMinutes + rest && utc(x) < utc(group) + group.lengthMinutes + rest)) return count('minimum rest between shifts')
    if (inWeek.reduce((s, x) => s + x.paidMinutes, 0) + group.paidMinutes > limits.maxMinutes + 1e-9) return count('contract hours + tolerance reached')
    let before = 0, after = 0
    while (days.has(day - before - 1)) before++
    while (days.has(day + after + 1)) after++
    if (before + after + 1 > maxRun) return count('maximum consecutive days')
    if (new Set(inWeek.map((x) => dayOf(x.startMinute))).size + 1 > limits.maxWorkingDays) return count('days off per week')
    const runOff = minConsecutiveDaysOffOf(agent, rules)
    if (runOff > 0 && longestRunOff(new Set([...inWeek.map((x) => dayOf(x.startMinute)), day]), week) < runOff) return count('consecutive days off')
    count('free, but the solver stopped before using them')
  })
  const parts = [...counts].sort((x, y) => y[1] - x[1]).map(([r, n]) => `${r} (${n} ${n === 1 ? 'agent' : 'agents'})`)
  return `no agent can take it: ${parts.join('; ')}`
}

/** Up to this many variables, solveRoster skips the neighbourhood search. */
const SMALL_MODEL_VARIABLES = 3000

export interface RosterSolveOptions {
  /** @default 30 */
  timeLimitSeconds?: number
  /** Stop once the roster is proven within this relative gap of the optimum. @default 0.01 */
  mipRelativeGap?: number
  /**
   * Re-rostering: the published roster (agent and shift group; instance numbers are kept for the agents who keep
   * their shift). Each published assignment the new roster drops costs changeWeight, so the solver changes it only
   * where the rules force it or to cover a shift that would otherwise go unworked.
   */
  published?: readonly RosterAssignmentOut[]
  /** @default WEIGHTS.changePerShift (1000: above a shift's under-contract cost, below a 4-h shift left unworked) */
  changeWeight?: number
  /** false: only unassigned hours and changes count (re-rostering's first goal). @default true */
  softGoals?: boolean
  /** Seed of the neighbourhood search's choices. @default 0 */
  seed?: number
  /** Called after each sub-MIP of the neighbourhood search (diagnostics). */
  onSearchRound?: NeighbourhoodSearchOptions['onRound']
}

/** One shift instance whose agent differs from the published roster (from/to undefined: unassigned). */
export interface RosterChange { group: number; instance: number; from?: string; to?: string }

/** The share of the time limit the LP relaxation may take before the roster is built without it. */
const LP_SHARE = 0.6

/**
 * Builds and solves the roster model in this thread. Never throws for solver outcomes.
 * 1. The LP relaxation gives the lower bound (rounded up to a whole number when every objective term is whole at
 *    an optimum, see RosterModel.hasWholeObjective) and, rounded (roundRosterLp), a first roster; the local search
 *    (rosterLocalSearch.ts) improves it. A re-roster (options.published) skips the LP: it starts from the published
 *    roster, and the bound "every variable at its cheapest" proves it at once when it keeps every published
 *    assignment the request leaves possible with no shift unworked; otherwise branch-and-bound proves it.
 * 2. Large-neighbourhood search (rosterNeighbourhoods.ts) improves it: a few agents at a time re-solved exactly.
 * 3. If the gap is still open, branch-and-bound on the whole model from the best roster, for the time left (it
 *    can also raise the bound).
 * The gap reported is (objective - bound) / objective with the bound proven by the LP or the MIP.
 * @example see tests/scheduling/rosterModel.test.ts (a hand-solved week of three agents)
 */
export async function solveRoster(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, options: RosterSolveOptions = {}): Promise<RosterSolveResult> {
  const started = performance.now()
  const { timeLimitSeconds = 30, mipRelativeGap = 0.01, published, changeWeight, softGoals, seed = 0 } = options
  const model = buildRosterModel(groups, agents, rules, { published, changeWeight, softGoals })
  const { variables } = model.mip
  const lpText = mipModelToLpText(model.mip)
  const secondsLeft = () => timeLimitSeconds - (performance.now() - started) / 1000
  const stats = { variables: variables.length, constraints: model.mip.constraints.length }
  const roundUp = (bound: number) => (model.hasWholeObjective && Number.isFinite(bound) ? Math.ceil(bound - 1e-6) : bound)
  // re-rostering starts from the published roster and proves its bound by branch-and-bound (whose root is the same
  // LP), so it skips the separate LP: half the time on the bench instance
  // The LP gets at most LP_SHARE of the time, so that a model too big for it still gets a roster (below).
  const lp = published === undefined ? await runHighs(lpText, { timeLimitSeconds: timeLimitSeconds * LP_SHARE, relaxIntegrality: true }) : undefined
  // every variable at its cheapest bound, alone: a bound that proves a re-roster at once when it keeps every
  // published assignment the request leaves possible and leaves no shift unworked
  const cheapest = variables.reduce((sum, v) => sum + Math.min(v.cost * v.lower, Number.isFinite(v.upper) ? v.cost * v.upper : v.cost >= 0 ? 0 : -Infinity), 0)
  let dualBound = Math.max(lp?.outcome === 'optimal' ? roundUp(lp.objective) : -Infinity, roundUp(cheapest)), solverStatus = lp?.solverStatus ?? 'published'
  let values: Float64Array = new Float64Array(variables.length), objective = NaN, hasSolution = false
  {
    // An empty roster keeps every hard rule, so there is always one: when the LP did not finish, the rounding builds
    // it without LP values (the shifts the fewest agents can work first) and the local search improves it.
    const priority = new Map(lp?.hasSolution ? lp.columnNames.map((name, k) => [name, lp.columnValues[k]]) : [])
    const agentIndex = new Map(agents.map((a, i) => [a.name, i]))
    const varOf = new Map([...model.pairs].map(([v, [a, g]]) => [`${a}:${g}`, v]))
    for (const p of published ?? []) {
      const v = varOf.get(`${agentIndex.get(p.agent)}:${p.group}`)
      if (v !== undefined) priority.set(variables[v].name, 2)
    }
    const rounded = roundRosterLp(model, groups, priority)
    values = rounded.values
    objective = rounded.objective
    solverStatus = !lp ? 'published' : lp.hasSolution ? 'lpRounding' : `${lp.solverStatus}+construction`
    hasSolution = true
    // moves, transfers and swaps in JavaScript: milliseconds each, so the search below starts far lower
    const local = improveRosterLocally(model, groups.map((g) => g.count), values, performance.now() + Math.max(0, secondsLeft()) * 100)
    if (local.moves > 0) { objective = local.objective; solverStatus = `${solverStatus}+local(${local.moves})` }
  }
  const gapOf = (primal: number) => relativeGap(primal + model.objectiveOffset, dualBound + model.objectiveOffset)
  let searchRounds = 0
  // a small model goes to branch-and-bound at once (it proves the optimum in well under a second), and so does a
  // re-roster: starting from the published roster, only branch-and-bound can prove that fewer changes are impossible
  const isSmall = variables.length <= SMALL_MODEL_VARIABLES || published !== undefined
  if (!isSmall && hasSolution && gapOf(objective) > mipRelativeGap) {
    const weekOfGroup = groups.map((group) => weekStartDay(dayOf(group.startMinute), rules.weekStartsOn))
    const unitOf = new Map(model.units.map((unit, k) => [`${unit.agent}:${unit.week}`, k]))
    const groupVariables = groups.map(() => [] as number[])
    const eligibleGroups = agents.map(() => [] as number[])
    for (const [v, [a, g]] of model.pairs) { groupVariables[g].push(v); eligibleGroups[a].push(g) }
    const searchEnd = performance.now() + Math.max(0, secondsLeft()) * 750
    const search = await searchNeighbourhoods(model.mip, values, objective, {
      unitVariables: model.units.map((unit) => unit.variables),
      sharedVariables: model.unassignedVar,
      targetObjective: dualBound,
      secondsLeft: () => Math.min(secondsLeft(), (searchEnd - performance.now()) / 1000),
      seed,
      relatedUnits: (k, current) => {
        const { agent, week } = model.units[k]
        const found = new Set<number>()
        for (const g of eligibleGroups[agent]) {
          if (weekOfGroup[g] !== week) continue
          for (const v of groupVariables[g]) if (current[v] > 0.5) { const other = unitOf.get(`${model.pairs.get(v)![0]}:${week}`); if (other !== undefined && other !== k) found.add(other) }
        }
        return [...found]
      },
      penalisedUnits: (current) => {
        // units by what they cost above their best (a dropped published shift counts its change weight)
        const penalty = new Map<number, number>()
        const add = (k: number, p: number) => penalty.set(k, (penalty.get(k) ?? 0) + p)
        model.units.forEach((unit, k) => {
          for (const v of unit.variables) {
            const c = variables[v].cost
            if (c > 0 && current[v] > 1e-9) add(k, c * current[v])
            else if (c < 0 && current[v] < variables[v].upper - 1e-9) add(k, -c * (variables[v].upper - current[v]))
          }
        })
        model.unassignedVar.forEach((v, g) => {
          if (current[v] > 0.5) for (const y of groupVariables[g]) { const k = unitOf.get(`${model.pairs.get(y)![0]}:${weekOfGroup[g]}`); if (k !== undefined) add(k, variables[v].cost * current[v]) }
        })
        return [...penalty].sort((p, q) => q[1] - p[1] || p[0] - q[0]).map(([k]) => k)
      },
      onRound: options.onSearchRound,
    })
    searchRounds = search.rounds
    if (search.objective < objective - 1e-9) {
      values = search.values
      objective = search.objective
      solverStatus = `${solverStatus}+search(${search.improvements}/${search.rounds})`
    }
    const polish = improveRosterLocally(model, groups.map((g) => g.count), values, performance.now() + 1000)
    if (polish.moves > 0) { objective = polish.objective; solverStatus = `${solverStatus}+local(${polish.moves})` }
  }
  if (!hasSolution || (gapOf(objective) > mipRelativeGap && (isSmall || secondsLeft() > 2))) {
    const start = new Map<string, number>()
    variables.forEach((v, i) => { if (values[i] !== 0) start.set(v.name, values[i]) })
    // a small model is proven to the optimum (it takes well under a second), not only to the gap asked for
    const run = await runHighs(lpText, { timeLimitSeconds: Math.max(0.05, hasSolution && !isSmall ? secondsLeft() * 0.8 : secondsLeft()), mipRelativeGap: variables.length <= SMALL_MODEL_VARIABLES ? 0 : mipRelativeGap, startValues: hasSolution ? start : undefined })
    if (run.hasSolution && (!hasSolution || run.objective < objective - 1e-9)) {
      const byName = new Map(run.columnNames.map((name, k) => [name, run.columnValues[k]]))
      values = new Float64Array(variables.map((v) => { const x = byName.get(v.name) ?? 0; return v.integer ? Math.round(x) : x }))
      objective = run.objective
      hasSolution = true
      solverStatus = `${solverStatus}+${run.solverStatus}`
    } else solverStatus = `${solverStatus}+${run.solverStatus}`
    if (Number.isFinite(run.dualBound)) dualBound = Math.max(dualBound, roundUp(run.dualBound))
  }
  dualBound = Math.min(dualBound, objective)
  const takers: number[][] = groups.map(() => [])
  const worked = new Map<number, number[]>()
  if (hasSolution) {
    for (const [v, [a, g]] of model.pairs) {
      if (values[v] > 0.5) {
        takers[g].push(a)
        if (!worked.has(a)) worked.set(a, [])
        worked.get(a)!.push(g)
      }
    }
  }
  const { assignments, changes } = numberInstances(groups, agents, takers, published)
  const unassigned: RosterUnassignedOut[] = []
  let unassignedMinutes = 0, preferencePenalty = 0
  for (const x of assignments) preferencePenalty += preferencePenaltyOf(agents.find((y) => y.name === x.agent)!, groups[x.group], rules)
  const taken = new Set(assignments.map((x) => `${x.group}#${x.instance}`))
  groups.forEach((group, g) => {
    for (let i = 0; i < group.count; i++) {
      if (taken.has(`${g}#${i}`)) continue
      unassigned.push({ group: g, instance: i, reason: blockingReason(g, groups, agents, rules, worked, model.horizon) })
      unassignedMinutes += group.lengthMinutes
    }
  })
  let underContractMinutes = 0
  const fairnessExcessShifts: Record<FairnessKind, number> = { weekend: 0, late: 0, holiday: 0 }
  variables.forEach((variable, i) => {
    if (variable.name.startsWith('s')) underContractMinutes += values[i]
    for (const kind of FAIRNESS_KINDS) if (variable.name.startsWith(FAIRNESS_PREFIX[kind])) fairnessExcessShifts[kind] += Math.round(values[i] * 1e6) / 1e6
  })
  const gap = hasSolution ? gapOf(objective) : Infinity
  return {
    status: !hasSolution ? 'noSolution' : gap <= mipRelativeGap ? 'optimal' : 'feasible',
    solverStatus,
    assignments,
    unassigned,
    unassignedShiftHours: unassignedMinutes / 60,
    underContractHours: underContractMinutes / 60,
    preferencePenalty,
    fairnessExcessShifts,
    objective: objective + model.objectiveOffset,
    dualBound: dualBound + model.objectiveOffset,
    gap,
    elapsedMs: Math.round(performance.now() - started),
    stats: { ...stats, searchRounds },
    changes,
  }
}

/**
 * Instance numbers per group: with a published roster, an agent who keeps a shift keeps its instance number and
 * newcomers take the freed numbers; the changes list every instance whose agent differs.
 */
function numberInstances(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], takers: number[][], published?: readonly RosterAssignmentOut[]): { assignments: RosterAssignmentOut[]; changes: RosterChange[] } {
  const assignments: RosterAssignmentOut[] = [], changes: RosterChange[] = []
  const before = groups.map(() => new Map<number, string>()) // instance -> agent
  for (const p of published ?? []) if (p.group < groups.length && p.instance < groups[p.group].count) before[p.group].set(p.instance, p.agent)
  groups.forEach((group, g) => {
    const names = takers[g].map((a) => agents[a].name)
    const placed = new Map<number, string>()
    const kept = new Set<string>()
    for (const [instance, agent] of before[g]) if (names.includes(agent) && !kept.has(agent)) { placed.set(instance, agent); kept.add(agent) }
    const newcomers = names.filter((n) => !kept.has(n))
    // newcomers fill first the instances whose published agent left, then the ones nobody had
    const freed = [...Array(group.count).keys()].filter((i) => !placed.has(i)).sort((p, q) => Number(before[g].has(q)) - Number(before[g].has(p)) || p - q)
    newcomers.forEach((n, k) => placed.set(freed[k], n))
    for (let i = 0; i < group.count; i++) {
      const agent = placed.get(i)
      if (agent !== undefined) assignments.push({ agent, group: g, instance: i })
      if (published && before[g].get(i) !== agent) changes.push({ group: g, instance: i, from: before[g].get(i), to: agent })
    }
  })
  return { assignments, changes }
}

/**
 * Hard-rule violations in an assignment, found by checking each agent's shifts directly (not through the MIP):
 * skills, time off, availability, two shifts starting on one day, rest, consecutive days, weekly hours above
 * contract + tolerance, days off, the run of consecutive days off. The CLI prints their count as hard_violations.
 */
export function hardViolations(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, assignments: readonly RosterAssignmentOut[]): string[] {
  const found: string[] = []
  if (groups.length === 0) return found
  const horizon = horizonOf(groups, rules)
  const utc = (x: RosterShiftGroup) => x.startMinute - x.offsetMinutes
  agents.forEach((agent) => {
    const own = assignments.filter((x) => x.agent === agent.name).map((x) => groups[x.group]).sort((p, q) => utc(p) - utc(q))
    for (const g of own) { const r = staticRejection(agent, g); if (r) found.push(`${agent.name}: ${r} (${g.name})`) }
    const rest = (agent.minRestHours ?? rules.minRestHours) * 60
    for (let i = 1; i < own.length; i++) {
      if (dayOf(own[i].startMinute) === dayOf(own[i - 1].startMinute)) found.push(`${agent.name}: two shifts on one day`)
      else if (utc(own[i]) < utc(own[i - 1]) + own[i - 1].lengthMinutes + rest) found.push(`${agent.name}: rest below ${rest / 60} h`)
    }
    const days = [...new Set(own.map((g) => dayOf(g.startMinute)))].sort((p, q) => p - q)
    let run = 0
    const maxRun = agent.maxConsecutiveDays ?? rules.maxConsecutiveDays
    days.forEach((d, i) => { run = i > 0 && days[i - 1] === d - 1 ? run + 1 : 1; if (run === maxRun + 1) found.push(`${agent.name}: more than ${maxRun} days in a row`) })
    const weeks = new Map<number, RosterShiftGroup[]>()
    for (const g of own) { const w = weekStartDay(dayOf(g.startMinute), rules.weekStartsOn); if (!weeks.has(w)) weeks.set(w, []); weeks.get(w)!.push(g) }
    for (const [w, list] of weeks) {
      const limits = weekLimits(agent, w, horizon, rules)
      if (list.reduce((s, g) => s + g.paidMinutes, 0) > limits.maxMinutes + 1e-6) found.push(`${agent.name}: above contract + tolerance in the week of ${formatLocalDate(w * MINUTES_PER_DAY)}`)
      if (new Set(list.map((g) => dayOf(g.startMinute))).size > limits.maxWorkingDays) found.push(`${agent.name}: too few days off in the week of ${formatLocalDate(w * MINUTES_PER_DAY)}`)
      const runOff = minConsecutiveDaysOffOf(agent, rules)
      if (runOff > 0 && longestRunOff(new Set(list.map((g) => dayOf(g.startMinute))), w) < runOff) found.push(`${agent.name}: no ${runOff} days off in a row in the week of ${formatLocalDate(w * MINUTES_PER_DAY)}`)
    }
  })
  return found
}
