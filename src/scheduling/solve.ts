/**
 * The adapter between the schedule model and HiGHS. Two entry points with one result type:
 *   solveSchedule          in-process (tests, the CLI)
 *   solveScheduleInWorker  in a worker thread (node:worker_threads) so a web server stays responsive
 * Both validate and build the model first (a ScheduleInputError is thrown for bad input, before any solving),
 * report progress ('building', 'solving' with bounds when HiGHS logs them, 'done'), and return a union on the
 * solver's outcome instead of sentinels.
 *
 * How a solve runs:
 *   1. HiGHS solves the LP relaxation (well under a second on four weeks): a lower bound on every schedule.
 *   2. roundLpSolution (lpRounding.ts) turns its shift counts into a whole schedule. If that schedule is
 *      within mipRelativeGap of the LP bound it is returned as 'optimal' (solverStatus 'lpRounding'): the
 *      gap is proven, as the bound is valid. On the four-week benchmark this is the usual end (~0.2% gap).
 *   3. Otherwise, if the model falls apart into independent parts (splitMipModel.ts; one per day when no
 *      shift crosses midnight), HiGHS re-solves the parts furthest above their share of the LP bound, each
 *      a small MIP started from its rounded values, until the whole is within the gap (solverStatus
 *      'lpRounding+parts'). Four weeks to the exact optimum take a few seconds this way.
 *   4. A model of one part: HiGHS solves the whole MIP from the rounded schedule (a MIP start) for the time
 *      left; the better of the two schedules is returned, with the better of the two bounds.
 */
import { buildScheduleModel, type ScheduleModel, type ScheduleModelOptions } from './buildModel.ts'
import { computeCoverageValid, type CoverageReport } from './coverage.ts'
import { decodeSchedule } from './decodeSolution.ts'
import { relativeGap, runHighs, type HighsRunResult } from './highsRunner.ts'
import { roundLpSolution } from './lpRounding.ts'
import { mipModelToLpText } from './mipModel.ts'
import { ScheduleInputError } from './scheduleInputError.ts'
import { splitMipModel, type MipPart } from './splitMipModel.ts'
import type { Requirement } from './requirement.ts'
import type { Schedule } from './schedule.ts'
import type { ShiftTemplate } from './shiftTemplates.ts'

export type SolveProgressEvent =
  | { phase: 'building'; elapsedMs: number }
  | { phase: 'solving'; elapsedMs: number; primalBound?: number; dualBound?: number; gap?: number }
  | { phase: 'done'; elapsedMs: number; status: ScheduleSolveResult['status'] }

export interface SolveScheduleOptions extends ScheduleModelOptions {
  /** Wall-clock limit for the solver. @default 30 */
  timeLimitSeconds?: number
  /** Stop as soon as the relative optimality gap is at most this. @default 1e-4 */
  mipRelativeGap?: number
  onProgress?: (event: SolveProgressEvent) => void
}

export interface ScheduleModelStats {
  shiftVariables: number
  breakVariables: number
  constraints: number
  intervals: number
  unreachableIntervals: number
}

/** A schedule was found: proven within the gap ('optimal') or the best found when a limit stopped the solver ('feasible'). */
export interface SolvedSchedule {
  status: 'optimal' | 'feasible'
  schedule: Schedule
  coverage: CoverageReport
  /** Objective of the model: shift cost plus shortfall and over-cover penalties (fixed unreachable shortfall excluded). */
  objective: number
  /** Best proven lower bound on the objective. */
  dualBound: number
  /** (objective - dualBound) / objective, a 0-1 fraction. */
  gap: number
  /** Cost of the shifts alone (cost per hour x paid hours). */
  shiftCost: number
  paidAgentHours: number
  shortAgentIntervals: number
  elapsedMs: number
  solverStatus: string
  modelStats: ScheduleModelStats
}

export type ScheduleSolveResult =
  | SolvedSchedule
  | { status: 'infeasible'; reason: string; elapsedMs: number; solverStatus: string; modelStats: ScheduleModelStats }
  | { status: 'timeLimit'; reason: string; elapsedMs: number; solverStatus: string; modelStats: ScheduleModelStats }
  | { status: 'error'; message: string; elapsedMs: number }

function checkSolveOptions(options: SolveScheduleOptions): { timeLimitSeconds: number; mipRelativeGap: number } {
  const { timeLimitSeconds = 30, mipRelativeGap = 1e-4 } = options
  if (typeof timeLimitSeconds !== 'number' || !Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0) {
    throw new RangeError(`options.timeLimitSeconds: must be a finite number > 0, got ${JSON.stringify(options.timeLimitSeconds)}`)
  }
  if (typeof mipRelativeGap !== 'number' || !(mipRelativeGap >= 0) || mipRelativeGap >= 1) {
    throw new RangeError(`options.mipRelativeGap: must be a fraction in [0, 1), got ${JSON.stringify(options.mipRelativeGap)}`)
  }
  return { timeLimitSeconds, mipRelativeGap }
}

/** A solution of the model with what is proven about it. */
interface FoundSolution {
  values: ArrayLike<number>
  objective: number
  dualBound: number
  solverStatus: string
}

/** Schedule, coverage and figures from the solver's values. */
function solvedScheduleOf(model: ScheduleModel, found: FoundSolution, status: 'optimal' | 'feasible', elapsedMs: number): SolvedSchedule {
  const { values } = found
  const schedule = decodeSchedule(model, (i) => values[i])
  const coverage = computeCoverageValid(model.requirement, schedule)
  const shiftCost = schedule.shifts.reduce((sum, s) => {
    const template = model.templates.find((t) => t.name === s.templateName)!
    return sum + (s.count * template.costPerHour * s.paidMinutes) / 60
  }, 0)
  return {
    status,
    schedule,
    coverage,
    objective: found.objective,
    dualBound: found.dualBound,
    gap: relativeGap(found.objective, found.dualBound),
    shiftCost,
    paidAgentHours: coverage.totals.paidAgentHours,
    shortAgentIntervals: coverage.totals.shortAgentIntervals,
    elapsedMs,
    solverStatus: found.solverStatus,
    modelStats: model.stats,
  }
}

/** The solver's values in the order of model.mip.variables (0 for variables it did not report). */
function valuesByVariable(model: ScheduleModel, run: HighsRunResult): Float64Array {
  const indexOfName = new Map(model.mip.variables.map((v, i) => [v.name, i]))
  const values = new Float64Array(model.mip.variables.length)
  run.columnNames.forEach((name, k) => {
    const index = indexOfName.get(name)
    if (index !== undefined) values[index] = run.columnValues[k]
  })
  return values
}

/** A model without any shift start (no template can start on the requirement's days): all of it is short. */
function emptyModelResult(model: ScheduleModel, elapsedMs: number): SolvedSchedule {
  const schedule: Schedule = { shifts: [] }
  const coverage = computeCoverageValid(model.requirement, schedule)
  return {
    status: 'optimal', schedule, coverage, objective: 0, dualBound: 0, gap: 0, shiftCost: 0, paidAgentHours: 0,
    shortAgentIntervals: coverage.totals.shortAgentIntervals, elapsedMs, solverStatus: 'empty', modelStats: model.stats,
  }
}

/**
 * Builds and solves the schedule in this thread (blocks it while HiGHS runs), stopping at the relative gap or
 * the time limit, whichever comes first.
 * @throws ScheduleInputError for invalid or contradictory input; RangeError for bad options
 */
export async function solveSchedule(requirement: Requirement, templates: readonly ShiftTemplate[], options: SolveScheduleOptions = {}): Promise<ScheduleSolveResult> {
  const { timeLimitSeconds, mipRelativeGap } = checkSolveOptions(options)
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const onProgress = options.onProgress ?? (() => {})
  onProgress({ phase: 'building', elapsedMs: 0 })
  const model = buildScheduleModel(requirement, templates, options)
  const done = <R extends ScheduleSolveResult>(result: R): R => { onProgress({ phase: 'done', elapsedMs: result.elapsedMs, status: result.status }); return result }
  if (model.candidates.length === 0) return done(emptyModelResult(model, elapsed()))
  onProgress({ phase: 'solving', elapsedMs: elapsed() })
  const secondsLeft = () => timeLimitSeconds - (performance.now() - started) / 1000
  const infeasible = (solverStatus: string) => done({
    status: 'infeasible' as const,
    reason: 'no schedule meets the hard rules: check the minimum counts per day against forbidden over-cover and the maximum counts',
    elapsedMs: elapsed(), solverStatus, modelStats: model.stats,
  })
  const lpText = mipModelToLpText(model.mip)

  // 1. LP relaxation: a lower bound, and shift counts for the rounding heuristic (lpRounding.ts)
  let lpBound = -Infinity
  let lpValues: Float64Array | undefined
  let incumbent: FoundSolution | undefined
  try {
    const lp = await runHighs(lpText, { timeLimitSeconds, relaxIntegrality: true })
    if (lp.outcome === 'infeasible') return infeasible(lp.solverStatus)
    if (lp.outcome === 'optimal' && lp.hasSolution) {
      lpBound = lp.objective
      lpValues = valuesByVariable(model, lp)
      const rounded = roundLpSolution(model, lpValues)
      if (rounded) incumbent = { values: rounded.values, objective: rounded.objective, dualBound: lpBound, solverStatus: 'lpRounding' }
      onProgress({ phase: 'solving', elapsedMs: elapsed(), primalBound: incumbent?.objective, dualBound: lpBound, gap: incumbent ? relativeGap(incumbent.objective, lpBound) : undefined })
    }
  } catch (error) {
    return done({ status: 'error', message: `the solver failed: ${(error as Error).message}`, elapsedMs: elapsed() })
  }
  if (incumbent && relativeGap(incumbent.objective, lpBound) <= mipRelativeGap) return done(solvedScheduleOf(model, incumbent, 'optimal', elapsed()))
  if (incumbent && secondsLeft() < 0.05) return done(solvedScheduleOf(model, incumbent, 'feasible', elapsed()))

  // 2. When the model falls apart into independent parts (days): the MIP of the worst parts, one by one
  const parts = splitMipModel(model.mip)
  if (incumbent && lpValues && parts.length > 1) {
    try {
      const polished = await polishParts(model, parts, incumbent, lpValues, mipRelativeGap, secondsLeft)
      onProgress({ phase: 'solving', elapsedMs: elapsed(), primalBound: polished.objective, dualBound: polished.dualBound, gap: relativeGap(polished.objective, polished.dualBound) })
      return done(solvedScheduleOf(model, polished, relativeGap(polished.objective, polished.dualBound) <= mipRelativeGap ? 'optimal' : 'feasible', elapsed()))
    } catch (error) {
      return done({ status: 'error', message: `the solver failed: ${(error as Error).message}`, elapsedMs: elapsed() })
    }
  }

  // 3. Otherwise the whole MIP from the rounded schedule, for what time is left
  let run: HighsRunResult
  try {
    run = await runHighs(lpText, {
      timeLimitSeconds: Math.max(0.05, secondsLeft()),
      mipRelativeGap,
      startValues: incumbent ? valuesByName(model, incumbent.values) : undefined,
      onSolverProgress: (p) => onProgress({
        phase: 'solving', elapsedMs: elapsed(), primalBound: p.primalBound,
        dualBound: p.dualBound === undefined ? undefined : Math.max(p.dualBound, lpBound),
        gap: p.primalBound !== undefined && p.dualBound !== undefined ? relativeGap(p.primalBound, Math.max(p.dualBound, lpBound)) : p.gap,
      }),
    })
  } catch (error) {
    if (incumbent) return done(solvedScheduleOf(model, incumbent, 'feasible', elapsed()))
    return done({ status: 'error', message: `the solver failed: ${(error as Error).message}`, elapsedMs: elapsed() })
  }
  const fromSolver: FoundSolution | undefined = run.hasSolution
    ? { values: valuesByVariable(model, run), objective: run.objective, dualBound: Math.max(run.dualBound, lpBound), solverStatus: run.solverStatus }
    : undefined
  const best = fromSolver && (!incumbent || fromSolver.objective <= incumbent.objective + 1e-9) ? fromSolver : incumbent
  if (best) {
    best.dualBound = Math.max(best.dualBound, fromSolver?.dualBound ?? -Infinity)
    const proven = (run.outcome === 'optimal' && best === fromSolver) || relativeGap(best.objective, best.dualBound) <= mipRelativeGap
    return done(solvedScheduleOf(model, best, proven ? 'optimal' : 'feasible', elapsed()))
  }
  if (run.outcome === 'limit') {
    return done({ status: 'timeLimit', reason: `the solver stopped (${run.solverStatus}) after ${run.runningSeconds.toFixed(1)} s before finding any schedule; allow more time`, elapsedMs: elapsed(), solverStatus: run.solverStatus, modelStats: model.stats })
  }
  if (run.outcome === 'infeasible') return infeasible(run.solverStatus)
  return done({ status: 'error', message: `the solver ended with status ${run.solverStatus}`, elapsedMs: elapsed() })
}

/**
 * Re-solves the parts (splitMipModel) where the rounded schedule lies furthest above the LP bound, each as a
 * MIP of its own from its rounded values, until the whole is within the gap or the time is used up. A part's
 * LP bound is its share of the LP optimum (the LP falls apart the same way); HiGHS may raise it.
 */
async function polishParts(model: ScheduleModel, parts: readonly MipPart[], incumbent: FoundSolution, lpValues: Float64Array, mipRelativeGap: number, secondsLeft: () => number): Promise<FoundSolution> {
  const { variables } = model.mip
  const values = Float64Array.from(incumbent.values)
  const indexOfName = new Map(variables.map((v, i) => [v.name, i]))
  const costOf = (part: MipPart, of: ArrayLike<number>) => part.variables.reduce((sum, v) => sum + variables[v].cost * of[v], 0)
  const states = parts.map((part) => ({ part, objective: costOf(part, values), bound: costOf(part, lpValues) }))
  const totals = () => states.reduce((t, s) => ({ objective: t.objective + s.objective, bound: t.bound + s.bound }), { objective: 0, bound: 0 })
  const excess = (s: (typeof states)[number]) => s.objective - s.bound
  const worst = states.filter((s) => excess(s) > 1e-6 * Math.max(1, Math.abs(s.objective))).sort((a, b) => excess(b) - excess(a))
  let solverStatus = incumbent.solverStatus
  for (let i = 0; i < worst.length; i++) {
    const { objective, bound } = totals()
    if (relativeGap(objective, bound) <= mipRelativeGap || secondsLeft() < 0.05) break
    const state = worst[i]
    const start = new Map<string, number>()
    for (const v of state.part.variables) if (values[v] !== 0) start.set(variables[v].name, values[v])
    const run = await runHighs(mipModelToLpText(state.part.model), {
      timeLimitSeconds: Math.max(0.05, secondsLeft() / (worst.length - i)),
      mipRelativeGap: mipRelativeGap / 2,
      startValues: start,
    })
    solverStatus = 'lpRounding+parts'
    if (!run.hasSolution) continue
    if (run.objective < state.objective - 1e-9) {
      for (const v of state.part.variables) values[v] = 0
      run.columnNames.forEach((name, k) => { values[indexOfName.get(name)!] = run.columnValues[k] })
      state.objective = costOf(state.part, values)
    }
    if (Number.isFinite(run.dualBound)) state.bound = Math.min(state.objective, Math.max(state.bound, run.dualBound))
  }
  const { objective, bound } = totals()
  return { values, objective, dualBound: Math.max(bound, incumbent.dualBound), solverStatus }
}

/** Values by MIP variable name (the non-zero ones), as runHighs takes a start solution. */
function valuesByName(model: ScheduleModel, values: ArrayLike<number>): Map<string, number> {
  const byName = new Map<string, number>()
  model.mip.variables.forEach((v, i) => { if (values[i] !== 0) byName.set(v.name, values[i]) })
  return byName
}
