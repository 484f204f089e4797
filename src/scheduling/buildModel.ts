/**
 * Requirement + shift templates + costs -> the shift-scheduling MIP as plain data (mipModelToLpText writes it
 * as CPLEX LP text for HiGHS).
 *
 * Variables:
 *   x_j      integer >= 0   shifts starting at candidate start j (template, day, time)
 *   b_ckp    integer >= 0   breaks of kind k taken at time p by the shifts of chain c (breakChains.ts: implicit
 *                           break model of Bechtold & Jacobs 1990, with forward/backward rows; with
 *                           breakModel 'explicit' every chain is one start, the model of Aykin 1996)
 *   s_t      >= 0           agents short in interval t (penalised; makes any requirement solvable)
 *   o_t      >= 0           agents over in interval t (only when over-cover is penalised)
 * Cover row of interval t:  cover_t + s_t >= r_t, with cover_t = sum_j a_jt x_j - sum_ckp d_ckpt b_ckp
 * Over-cover row (unless over-cover is allowed):  cover_t - o_t <= r_t  (o_t only when penalised, else cover_t <= r_t)
 * a_jt is the fraction of interval t a shift from j spans, d_ckpt the fraction a break at time p takes away.
 * Per template and day: minCountPerDay <= sum x_j <= maxCountPerDay.
 * Rounding row r_t (only where r_t is not a whole number of agents): the mixed-integer rounding of the cover row
 * (coverRoundingRow), a valid inequality that closes most of the LP relaxation's gap when breaks make cover fractional.
 * Objective: sum_j costPerHour x paidHours_j x_j + shortfallPenalty sum s_t + overCoverPenalty sum o_t.
 * Intervals no allowed shift reaches keep their whole requirement as a fixed shortfall outside the model.
 * Without breaks and with whole shifts on whole intervals the cover matrix of one day has consecutive ones, so
 * the LP relaxation is already integral (Bartholdi, Orlin & Ratliff 1980) and the solve is fast.
 */
import { formatLocalDateTime, weekdayOf } from './localTime.ts'
import type { MipConstraint, MipModel, MipVariable } from './mipModel.ts'
import { checkTemplatesCoverOpeningHours, validateOpeningHours, type OpeningHours, type ValidOpeningHours } from './openingHours.ts'
import { validateRequirement, type Requirement, type ValidRequirement } from './requirement.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'
import { buildBreakChains, type BreakChain } from './breakChains.ts'
import { enumerateShiftStarts, intervalGridOf, type ShiftStartCandidate } from './shiftCoverage.ts'
import { shiftCost, validateShiftTemplates, type ShiftTemplate, type ValidShiftTemplate } from './shiftTemplates.ts'

/** Over-cover: allowed freely, forbidden (cover <= requirement), or allowed at a cost per agent-interval over. */
export type OverCoverRule = 'allow' | 'forbid' | { penaltyPerAgentInterval: number }

export interface ScheduleModelOptions {
  /** Queue opening hours; when given, shifts lie within them and nothing may be required outside them. */
  openingHours?: OpeningHours
  /** Local dates ('YYYY-MM-DD') the queue is closed all day (src/scheduling/dateOpeningHours.ts): no shift starts then. */
  closedDates?: readonly string[]
  /** @default 'allow' */
  overCover?: OverCoverRule
  /**
   * Cost of one agent short for one interval, in the templates' cost unit.
   * @default 1000 x the cost of the dearest shift (at least 1000), so short cover is left only where no shift can close it
   */
  shortfallPenaltyPerAgentInterval?: number
  /**
   * 'explicit': one variable per shift start and break placement (Aykin 1996); 'implicit': one per break kind
   * and time, shared by overlapping shift starts (Bechtold & Jacobs 1990). Same optimum; implicit has about a
   * third of the break variables but denser rows, and on the four-week benchmark HiGHS took ~1.5x longer with it.
   * @default 'explicit'
   */
  breakModel?: 'implicit' | 'explicit'
}

/** Where each decision of the model sits among the MIP variables. */
export interface ScheduleModelColumns {
  /** Variable index of x_j per candidate start j. */
  shift: number[]
  /** Break chains (breakChains.ts) with the variable index of b_tau for each break time. */
  breakChains: (BreakChain & { timeVariables: number[] })[]
  /** Variable index of s_t per interval, or -1 where no shortfall variable exists. */
  shortfall: number[]
  /** Variable index of o_t per interval, or -1. */
  overCover: number[]
}

export interface ScheduleModel {
  mip: MipModel
  requirement: ValidRequirement
  templates: ValidShiftTemplate[]
  candidates: ShiftStartCandidate[]
  columns: ScheduleModelColumns
  /** Least cover each interval needs in the model (the requirement rounded up to the cover lattice; 0 where unreachable). */
  coverLowerBound: number[]
  /** Most cover allowed per interval (requirement rounded down) when over-cover is forbidden or penalised; Infinity when allowed. */
  coverUpperBound: number[]
  /** Agents short per interval that no allowed shift reaches at all (fixed, not in the objective). */
  unreachableShortfall: number[]
  shortfallPenaltyPerAgentInterval: number
  overCover: OverCoverRule
  stats: { shiftVariables: number; breakVariables: number; constraints: number; intervals: number; unreachableIntervals: number }
}

function checkRequirementWithinOpeningHours(requirement: ValidRequirement, openingHours: ValidOpeningHours): ScheduleInputIssue[] {
  const issues: ScheduleInputIssue[] = []
  requirement.startMinutes.forEach((startMinute, i) => {
    if (requirement.agentsRequired[i] <= 0) return
    const day = weekdayOf(startMinute)
    const hours = openingHours[day]
    const minuteOfDay = startMinute - Math.floor(startMinute / 1440) * 1440
    const overlaps = !!hours && minuteOfDay < hours.closeMinutes && minuteOfDay + requirement.intervalMinutes > hours.openMinutes
    if (!overlaps && issues.length < 5) {
      issues.push({
        template: '(requirement)',
        field: `intervals[${i}].agentsRequired`,
        message: `${requirement.agentsRequired[i]} agents are required at ${requirement.starts[i]} (${day}) but the queue is closed then`,
      })
    }
  })
  return issues
}

function checkOverCoverRule(overCover: OverCoverRule): void {
  if (overCover === 'allow' || overCover === 'forbid') return
  const penalty = (overCover as { penaltyPerAgentInterval?: unknown })?.penaltyPerAgentInterval
  if (typeof penalty !== 'number' || !Number.isFinite(penalty) || penalty < 0) {
    throw new RangeError(`options.overCover: must be 'allow', 'forbid' or { penaltyPerAgentInterval: number >= 0 }, got ${JSON.stringify(overCover)}`)
  }
}

/**
 * Smallest q <= 240 such that every cover coefficient times q is a whole number, or undefined if there is none
 * (then the requirement is used as it is).
 */
export function coverLatticeDenominator(coefficientRows: readonly (readonly number[])[]): number | undefined {
  const distinct = new Set<number>()
  for (const row of coefficientRows) for (const c of row) distinct.add(Math.abs(c))
  for (let q = 1; q <= 240; q++) {
    let whole = true
    for (const c of distinct) if (Math.abs(c * q - Math.round(c * q)) > 1e-9) { whole = false; break }
    if (whole) return q
  }
  return undefined
}


/**
 * Mixed-integer rounding (MIR) of one cover row  sum_j a_j y_j + s >= L  (y_j whole and >= 0, s >= 0 the
 * shortfall, f = frac(L) > 0):  sum_j (floor(a_j) + min(frac(a_j), f) / f) y_j + s / f >= ceil(L)
 * (Nemhauser & Wolsey 1990, "A recursive procedure to generate all cuts for 0-1 mixed integer programs";
 * Marchand & Wolsey 2001). On a cover row: agents on shift count 1, a 15-min break on a 30-min grid (-0.5)
 * counts 0 and a 30-min lunch -1, so it says that the agents on shift less those at lunch must reach the
 * requirement rounded up to a whole agent. Valid for every schedule, so it cuts off no schedule; on the
 * four-week benchmark it lifts the LP bound from 3.7% below the optimum to 0.1%.
 * @returns undefined when the row has nothing to round (L whole) or holds another continuous variable
 */
export function coverRoundingRow(row: MipConstraint, variables: readonly MipVariable[]): MipConstraint | undefined {
  const f = row.lower - Math.floor(row.lower)
  if (f < 1e-6 || f > 1 - 1e-6) return undefined
  const indices: number[] = [], coefficients: number[] = []
  for (let k = 0; k < row.indices.length; k++) {
    const a = row.coefficients[k], variable = variables[row.indices[k]]
    let c: number
    if (variable.integer && variable.lower >= 0) {
      const whole = Math.floor(a + 1e-9)
      c = whole + Math.min(Math.max(0, a - whole), f) / f
      if (Math.abs(c - Math.round(c)) < 1e-9) c = Math.round(c)
    } else if (a > 0 && variable.lower >= 0) c = a / f
    else return undefined
    if (c !== 0) { indices.push(row.indices[k]); coefficients.push(c) }
  }
  if (indices.length === 0) return undefined
  return { name: `r${row.name}`, indices, coefficients, lower: Math.ceil(row.lower), upper: Infinity }
}

/**
 * Validates the input and builds the MIP. Nothing is solved here.
 * @throws ScheduleInputError listing every template, requirement or opening-hours problem
 * @throws RangeError for a bad option (over-cover rule, shortfall penalty)
 */
export function buildScheduleModel(requirement: Requirement, templates: readonly ShiftTemplate[], options: ScheduleModelOptions = {}): ScheduleModel {
  const { overCover = 'allow', breakModel = 'explicit' } = options
  if (breakModel !== 'implicit' && breakModel !== 'explicit') throw new RangeError(`options.breakModel: must be 'implicit' or 'explicit', got ${JSON.stringify(breakModel)}`)
  checkOverCoverRule(overCover)
  const issues: ScheduleInputIssue[] = []
  const collect = <T>(f: () => T): T | undefined => {
    try { return f() } catch (error) {
      if (error instanceof ScheduleInputError) { issues.push(...error.issues); return undefined }
      throw error
    }
  }
  const validRequirement = collect(() => validateRequirement(requirement))
  const validTemplates = collect(() => validateShiftTemplates(templates))
  const openingHours = options.openingHours === undefined ? undefined : collect(() => validateOpeningHours(options.openingHours!))
  if (issues.length) throw new ScheduleInputError(issues)
  if (openingHours) {
    collect(() => checkTemplatesCoverOpeningHours(validTemplates!, openingHours))
    issues.push(...checkRequirementWithinOpeningHours(validRequirement!, openingHours))
    if (issues.length) throw new ScheduleInputError(issues)
  }
  const req = validRequirement!, tpl = validTemplates!
  const dearestShiftCost = Math.max(0, ...tpl.map(shiftCost))
  const shortfallPenalty = options.shortfallPenaltyPerAgentInterval ?? Math.max(1000, 1000 * dearestShiftCost)
  if (typeof shortfallPenalty !== 'number' || !Number.isFinite(shortfallPenalty) || shortfallPenalty <= 0) {
    throw new RangeError(`options.shortfallPenaltyPerAgentInterval: must be a finite number > 0, got ${JSON.stringify(options.shortfallPenaltyPerAgentInterval)}`)
  }

  const candidates = enumerateShiftStarts(req, tpl, { openingHours, closedDates: options.closedDates })
  const variables: MipVariable[] = []
  const intervals = req.startMinutes.length
  const rowIndices: number[][] = Array.from({ length: intervals }, () => [])
  const rowCoefficients: number[][] = Array.from({ length: intervals }, () => [])
  const constraints: MipConstraint[] = []
  const columns: ScheduleModelColumns = { shift: [], breakChains: [], shortfall: [], overCover: [] }
  const reachable = new Array<boolean>(intervals).fill(false)

  candidates.forEach((candidate, j) => {
    const template = tpl[candidate.templateIndex]
    const x = variables.length
    variables.push({ name: `x${j}`, cost: shiftCost(template), lower: 0, upper: template.maxCountPerDay ?? Infinity, integer: true })
    columns.shift.push(x)
    candidate.coverage.indices.forEach((t, k) => {
      rowIndices[t].push(x); rowCoefficients[t].push(candidate.coverage.values[k]); reachable[t] = true
    })
  })

  columns.breakChains = buildBreakChains(candidates, tpl, intervalGridOf(req), breakModel).map((chain, c) => {
    const timeVariables = chain.times.map((_, p) => {
      const v = variables.length
      variables.push({ name: `b${c}_${p}`, cost: 0, lower: 0, upper: Infinity, integer: true })
      chain.reductions[p].indices.forEach((t, k) => { rowIndices[t].push(v); rowCoefficients[t].push(-chain.reductions[p].values[k]) })
      return v
    })
    const shiftVariables = chain.starts.map((j) => columns.shift[j])
    const row = (name: string, xs: number[], bs: number[], equal: boolean): MipConstraint => ({
      name, indices: [...bs, ...xs], coefficients: [...bs.map(() => 1), ...xs.map(() => -1)], lower: 0, upper: equal ? 0 : Infinity,
    })
    constraints.push(row(`l${c}`, shiftVariables, timeVariables, true))
    const m = chain.starts.length
    for (let i = 0; i < m - 1; i++) {
      if (chain.windows[i][1] === chain.windows[i + 1][1]) continue // implied by the next forward row
      constraints.push(row(`f${c}_${i}`, shiftVariables.slice(0, i + 1), timeVariables.slice(0, chain.windows[i][1] + 1), false))
    }
    for (let i = 1; i < m; i++) {
      if (chain.windows[i][0] === chain.windows[i - 1][0]) continue // implied by the previous backward row
      constraints.push(row(`g${c}_${i}`, shiftVariables.slice(i), timeVariables.slice(chain.windows[i][0]), false))
    }
    return { ...chain, timeVariables }
  })

  // Cover is a multiple of 1/q (q = 2 with 15-min breaks on a 30-min grid, 1 with whole intervals), so
  // cover >= r is the same as cover >= ceil(q r)/q and cover <= r the same as cover <= floor(q r)/q: a
  // Chvatal-Gomory rounding that tightens the LP relaxation without cutting off any schedule.
  const q = coverLatticeDenominator(rowCoefficients)
  const roundUp = (r: number) => (q === undefined ? r : Math.ceil(r * q - 1e-9) / q)
  const roundDown = (r: number) => (q === undefined ? r : Math.floor(r * q + 1e-9) / q)
  const unreachableShortfall = new Array<number>(intervals).fill(0)
  const coverLowerBound = new Array<number>(intervals).fill(0)
  const coverUpperBound = new Array<number>(intervals).fill(Infinity)
  const coverRows: MipConstraint[] = [], roundingRows: MipConstraint[] = []
  for (let t = 0; t < intervals; t++) {
    const required = req.agentsRequired[t]
    columns.shortfall.push(-1); columns.overCover.push(-1)
    if (!reachable[t]) { unreachableShortfall[t] = required; continue }
    const lower = roundUp(required)
    coverLowerBound[t] = lower
    if (overCover !== 'allow') coverUpperBound[t] = roundDown(required)
    if (lower > 0) {
      const s = variables.length
      variables.push({ name: `s${t}`, cost: shortfallPenalty, lower: 0, upper: lower, integer: false })
      columns.shortfall[t] = s
      const coverRow: MipConstraint = { name: `c${t}`, indices: [...rowIndices[t], s], coefficients: [...rowCoefficients[t], 1], lower, upper: Infinity }
      coverRows.push(coverRow)
      if (q !== undefined) {
        const rounding = coverRoundingRow(coverRow, variables)
        if (rounding) roundingRows.push({ ...rounding, name: `r${t}` })
      }
    }
    if (overCover === 'allow') continue
    const row: MipConstraint = { name: `u${t}`, indices: [...rowIndices[t]], coefficients: [...rowCoefficients[t]], lower: -Infinity, upper: roundDown(required) }
    if (typeof overCover === 'object') {
      const o = variables.length
      variables.push({ name: `o${t}`, cost: overCover.penaltyPerAgentInterval, lower: 0, upper: Infinity, integer: false })
      columns.overCover[t] = o
      row.indices.push(o); row.coefficients.push(-1)
    }
    coverRows.push(row)
  }

  const countRows: MipConstraint[] = []
  const byTemplateDay = new Map<string, number[]>()
  candidates.forEach((c, j) => {
    const t = tpl[c.templateIndex]
    if (t.minCountPerDay === 0 && t.maxCountPerDay === undefined) return
    const key = `${c.templateIndex}:${c.dayMinute}`
    if (!byTemplateDay.has(key)) byTemplateDay.set(key, [])
    byTemplateDay.get(key)!.push(columns.shift[j])
  })
  for (const [key, xs] of byTemplateDay) {
    const [templateIndex, dayMinute] = key.split(':').map(Number)
    const t = tpl[templateIndex]
    if (xs.length === 1 && t.minCountPerDay === 0) continue // the variable's upper bound already says it
    countRows.push({
      name: `n${templateIndex}_${formatLocalDateTime(dayMinute).slice(0, 10).replaceAll('-', '')}`,
      indices: xs,
      coefficients: xs.map(() => 1),
      lower: t.minCountPerDay > 0 ? t.minCountPerDay : -Infinity,
      upper: t.maxCountPerDay ?? Infinity,
    })
  }
  constraints.unshift(...coverRows)
  constraints.push(...countRows, ...roundingRows)

  const mip: MipModel = { variables, constraints }
  const breakVariables = columns.breakChains.reduce((sum, chain) => sum + chain.timeVariables.length, 0)
  return {
    mip,
    requirement: req,
    templates: tpl,
    candidates,
    columns,
    coverLowerBound,
    coverUpperBound,
    unreachableShortfall,
    shortfallPenaltyPerAgentInterval: shortfallPenalty,
    overCover,
    stats: {
      shiftVariables: candidates.length,
      breakVariables,
      constraints: constraints.length,
      intervals,
      unreachableIntervals: reachable.filter((r) => !r).length,
    },
  }
}

