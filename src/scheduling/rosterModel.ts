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
 * no minimum hours).
 * Soft goals, in the objective with these weights (WEIGHTS):
 *   unassigned shift hours x 1000, hours below contract - tolerance x 100, one per shift against a
 *   preference (prefer early / late, avoid_days) x 1, weekend shifts above the agent's share x 2.
 * Nothing is dropped silently: every shift nobody works is reported with the rule that kept each agent off it.
 */
import { mipModelToLpText, type MipConstraint, type MipModel, type MipVariable } from './mipModel.ts'
import { runHighs, relativeGap } from './highsRunner.ts'
import { formatLocalDate, MINUTES_PER_DAY, WEEKDAYS, type Weekday } from './localTime.ts'

export const WEIGHTS = { unassignedPerHour: 1000, underContractPerHour: 100, preferencePerShift: 1, weekendExcessPerShift: 2 } as const

export interface RosterRules {
  weekStartsOn: Weekday
  weekendDays: Weekday[]
  minRestHours: number
  maxConsecutiveDays: number
  /** @default 0 */
  minDaysOffPerWeek?: number
  /** A shift starting at or after this local clock minute is 'late', before it 'early'. @default 720 (12:00) */
  lateStartsAtMinute?: number
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
  objective: number
  dualBound: number
  gap: number
  elapsedMs: number
  stats: { variables: number; constraints: number }
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

export interface RosterModel {
  mip: MipModel
  /** Per variable index of a y: [agent, group]. */
  pairs: Map<number, [number, number]>
  unassignedVar: number[]
  /** Continuous penalty variables, each in one row: under-contract hours (row >= min) and weekend excess (row <= share). */
  slacks: { variable: number; row: number }[]
  horizon: Horizon
}

/** Builds the MIP (see the file comment). */
export function buildRosterModel(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules): RosterModel {
  const variables: MipVariable[] = []
  const constraints: MipConstraint[] = []
  const addVar = (v: MipVariable) => variables.push(v) - 1
  const slacks: RosterModel['slacks'] = []
  const horizon: Horizon = {
    firstDay: Math.min(...groups.map((g) => dayOf(g.startMinute))),
    lastDay: Math.max(...groups.map((g) => dayOf(g.startMinute))),
  }
  const pairs = new Map<number, [number, number]>()
  const yOf: Map<number, number>[] = agents.map(() => new Map()) // per agent: group -> var
  agents.forEach((agent, a) => groups.forEach((group, g) => {
    if (staticRejection(agent, group)) return
    const week = weekStartDay(dayOf(group.startMinute), rules.weekStartsOn)
    if (group.paidMinutes > weekLimits(agent, week, horizon, rules).maxMinutes + 1e-9) return
    const cost = WEIGHTS.preferencePerShift * preferencePenaltyOf(agent, group, rules)
    const v = addVar({ name: `y${a}_${g}`, cost, lower: 0, upper: 1, integer: true })
    pairs.set(v, [a, g])
    yOf[a].set(g, v)
  }))
  const unassignedVar = groups.map((group, g) => addVar({ name: `u${g}`, cost: (WEIGHTS.unassignedPerHour * group.lengthMinutes) / 60, lower: 0, upper: group.count, integer: true }))
  // cover: every shift is worked or counted unassigned
  groups.forEach((group, g) => {
    const indices = [unassignedVar[g]], coefficients = [1]
    yOf.forEach((m) => { const v = m.get(g); if (v !== undefined) { indices.push(v); coefficients.push(1) } })
    constraints.push({ name: `cover${g}`, indices, coefficients, lower: group.count, upper: group.count })
  })
  const utcStart = (g: RosterShiftGroup) => g.startMinute - g.offsetMinutes
  const weekendTotal = groups.reduce((s, g) => s + (rules.weekendDays.includes(weekdayOfDay(dayOf(g.startMinute))) ? g.count : 0), 0)
  const contractTotal = agents.reduce((s, a) => s + a.contractHoursPerWeek, 0)
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
      const under = addVar({ name: `s${a}_${week}`, cost: WEIGHTS.underContractPerHour / 60, lower: 0, upper: limits.minMinutes, integer: false })
      slacks.push({ variable: under, row: constraints.length })
      constraints.push({ name: `hours${a}_${week}`, indices: [...inWeek.map((m) => m.v), under], coefficients: [...inWeek.map((m) => m.group.paidMinutes), 1], lower: limits.minMinutes, upper: Infinity })
      if (inWeek.length && inWeek.reduce((s, m) => s + m.group.paidMinutes, 0) > limits.maxMinutes) {
        constraints.push({ name: `maxh${a}_${week}`, indices: inWeek.map((m) => m.v), coefficients: inWeek.map((m) => m.group.paidMinutes), lower: -Infinity, upper: limits.maxMinutes })
      }
      if (new Set(inWeek.map((m) => m.day)).size > limits.maxWorkingDays) {
        constraints.push({ name: `off${a}_${week}`, indices: inWeek.map((m) => m.v), coefficients: inWeek.map(() => 1), lower: -Infinity, upper: limits.maxWorkingDays })
      }
    }
    // weekend fairness: weekend shifts above the agent's share (by contract) cost WEIGHTS.weekendExcessPerShift each
    const weekend = mine.filter((m) => rules.weekendDays.includes(weekdayOfDay(m.day)))
    if (weekend.length && contractTotal > 0) {
      const share = Math.ceil((weekendTotal * agent.contractHoursPerWeek) / contractTotal)
      const excess = addVar({ name: `w${a}`, cost: WEIGHTS.weekendExcessPerShift, lower: 0, upper: Infinity, integer: false })
      slacks.push({ variable: excess, row: constraints.length })
      constraints.push({ name: `fair${a}`, indices: [...weekend.map((m) => m.v), excess], coefficients: [...weekend.map(() => 1), -1], lower: -Infinity, upper: share })
    }
  })
  return { mip: { variables, constraints }, pairs, unassignedVar, slacks, horizon }
}

/**
 * A whole roster from the LP relaxation's values: agent-shift pairs in falling LP value (then the shifts with
 * the fewest agents who can work them, then the fewest preference penalties) are taken while every hard row
 * of the model still holds; what is left is unassigned. Returns the values of all variables and their cost.
 */
export function roundRosterLp(model: RosterModel, groups: readonly RosterShiftGroup[], lpValues: ReadonlyMap<string, number>): { values: Float64Array; objective: number } {
  const { variables, constraints } = model.mip
  const soft = new Set<number>([...model.unassignedVar, ...model.slacks.map((s) => s.variable)])
  const hardRows: { row: number; coefficient: number }[][] = variables.map(() => [])
  constraints.forEach((c, row) => {
    if (!Number.isFinite(c.upper) || c.indices.some((v) => soft.has(v))) return
    c.indices.forEach((v, k) => hardRows[v].push({ row, coefficient: c.coefficients[k] }))
  })
  const activity = new Float64Array(constraints.length)
  const values = new Float64Array(variables.length)
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
    count('free, but the solver stopped before using them')
  })
  const parts = [...counts].sort((x, y) => y[1] - x[1]).map(([r, n]) => `${r} (${n} ${n === 1 ? 'agent' : 'agents'})`)
  return `no agent can take it: ${parts.join('; ')}`
}

/**
 * Builds and solves the roster model in this thread. Never throws for solver outcomes.
 * @example see tests/scheduling/rosterModel.test.ts (a hand-solved week of three agents)
 */
export async function solveRoster(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, options: { timeLimitSeconds?: number; mipRelativeGap?: number } = {}): Promise<RosterSolveResult> {
  const started = performance.now()
  const { timeLimitSeconds = 30, mipRelativeGap = 0.01 } = options
  const model = buildRosterModel(groups, agents, rules)
  const lpText = mipModelToLpText(model.mip)
  const secondsLeft = () => timeLimitSeconds - (performance.now() - started) / 1000
  const stats = { variables: model.mip.variables.length, constraints: model.mip.constraints.length }
  // 1. LP relaxation: a bound, and values to round; 2. the rounded roster; 3. the MIP from it for the time left
  const lp = await runHighs(lpText, { timeLimitSeconds, relaxIntegrality: true })
  let values = new Map<string, number>()
  let objective = NaN, dualBound = lp.outcome === 'optimal' ? lp.objective : -Infinity, solverStatus = lp.solverStatus, hasSolution = false
  if (lp.hasSolution) {
    const rounded = roundRosterLp(model, groups, new Map(lp.columnNames.map((name, k) => [name, lp.columnValues[k]])))
    model.mip.variables.forEach((v, i) => { if (rounded.values[i] !== 0) values.set(v.name, rounded.values[i]) })
    objective = rounded.objective
    solverStatus = 'lpRounding'
    hasSolution = true
  }
  // 3. one week at a time (the other weeks' assignments fixed), the weeks in order, while the gap is open
  if (hasSolution && relativeGap(objective, dualBound) > mipRelativeGap) {
    const weeks = [...new Set(groups.map((g) => weekStartDay(dayOf(g.startMinute), rules.weekStartsOn)))].sort((x, y) => x - y)
    for (let k = 0; k < weeks.length && secondsLeft() > 0.5 && relativeGap(objective, dualBound) > mipRelativeGap; k++) {
      const inWindow = (g: number) => { const d = dayOf(groups[g].startMinute); return d >= weeks[k] && d < weeks[k] + 7 }
      const free = new Set<number>()
      for (const [v, [, g]] of model.pairs) if (inWindow(g)) free.add(v)
      model.unassignedVar.forEach((v, g) => { if (inWindow(g)) free.add(v) })
      for (const { variable } of model.slacks) free.add(variable)
      const variables = model.mip.variables.map((v, i) => (free.has(i) ? v : { ...v, lower: values.get(v.name) ?? 0, upper: values.get(v.name) ?? 0 }))
      const run = await runHighs(mipModelToLpText({ variables, constraints: model.mip.constraints }), { timeLimitSeconds: Math.max(0.5, (secondsLeft() * 0.8) / (weeks.length - k)), mipRelativeGap: mipRelativeGap / 4, startValues: values })
      if (run.hasSolution && run.objective < objective - 1e-9) {
        values = new Map(run.columnNames.map((name, j) => [name, run.columnValues[j]]))
        objective = run.objective
        solverStatus = 'lpRounding+weeks'
      }
    }
  }
  if (!hasSolution || (relativeGap(objective, dualBound) > mipRelativeGap && secondsLeft() > 0.05)) {
    const run = await runHighs(lpText, { timeLimitSeconds: Math.max(0.05, secondsLeft()), mipRelativeGap, startValues: hasSolution ? values : undefined })
    if (run.hasSolution && (!hasSolution || run.objective < objective - 1e-9)) {
      values = new Map(run.columnNames.map((name, k) => [name, run.columnValues[k]]))
      objective = run.objective
      hasSolution = true
      solverStatus = run.solverStatus
    } else if (hasSolution) solverStatus = `lpRounding+${run.solverStatus}`
    if (Number.isFinite(run.dualBound)) dualBound = Math.max(dualBound, run.dualBound)
  }
  const run = { hasSolution, objective, dualBound: Math.min(dualBound, objective), solverStatus }
  const takers: string[][] = groups.map(() => [])
  const worked = new Map<number, number[]>()
  if (run.hasSolution) {
    for (const [v, [a, g]] of model.pairs) {
      if ((values.get(model.mip.variables[v].name) ?? 0) > 0.5) {
        takers[g].push(agents[a].name)
        if (!worked.has(a)) worked.set(a, [])
        worked.get(a)!.push(g)
      }
    }
  }
  const assignments: RosterAssignmentOut[] = [], unassigned: RosterUnassignedOut[] = []
  let unassignedMinutes = 0, preferencePenalty = 0
  groups.forEach((group, g) => {
    for (let i = 0; i < group.count; i++) {
      const agent = takers[g][i]
      if (agent !== undefined) {
        assignments.push({ agent, group: g, instance: i })
        preferencePenalty += preferencePenaltyOf(agents.find((x) => x.name === agent)!, group, rules)
      } else {
        unassigned.push({ group: g, instance: i, reason: blockingReason(g, groups, agents, rules, worked, model.horizon) })
        unassignedMinutes += group.lengthMinutes
      }
    }
  })
  let underContractMinutes = 0
  for (const variable of model.mip.variables) if (variable.name.startsWith('s')) underContractMinutes += values.get(variable.name) ?? 0
  const status = !run.hasSolution ? 'noSolution' : relativeGap(run.objective, run.dualBound) <= mipRelativeGap ? 'optimal' : 'feasible'
  return {
    status,
    solverStatus: run.solverStatus,
    assignments,
    unassigned,
    unassignedShiftHours: unassignedMinutes / 60,
    underContractHours: underContractMinutes / 60,
    preferencePenalty,
    objective: run.objective,
    dualBound: run.dualBound,
    gap: run.hasSolution ? relativeGap(run.objective, run.dualBound) : Infinity,
    elapsedMs: Math.round(performance.now() - started),
    stats,
  }
}

/**
 * Hard-rule violations in an assignment, found by checking each agent's shifts directly (not through the MIP):
 * skills, time off, availability, two shifts starting on one day, rest, consecutive days, weekly hours above
 * contract + tolerance, days off. The CLI prints their count as hard_violations.
 */
export function hardViolations(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, assignments: readonly RosterAssignmentOut[]): string[] {
  const found: string[] = []
  if (groups.length === 0) return found
  const horizon: Horizon = { firstDay: Math.min(...groups.map((g) => dayOf(g.startMinute))), lastDay: Math.max(...groups.map((g) => dayOf(g.startMinute))) }
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
    }
  })
  return found
}
