/**
 * Runs one LP/MIP (CPLEX LP text) through HiGHS (npm `highs`, WebAssembly, synchronous, single-threaded) and
 * returns plain data: the MIP, optionally from a start solution, or its LP relaxation. Used in-process by solveSchedule and inside the worker thread by solveScheduleInWorker.
 * The optimality gap is computed from the solver's primal bound (incumbent objective) and dual bound (best
 * proven bound): gap = (primal - dual) / |primal|, HiGHS's own definition.
 */

export type HighsOutcome = 'optimal' | 'infeasible' | 'limit' | 'error'

export interface HighsRunOptions {
  timeLimitSeconds: number
  /** Stop when the relative gap is at most this. @default 1e-4 (HiGHS's default) */
  mipRelativeGap?: number
  /** Called during a MIP solve with the current bounds (coarse: on new incumbents and log lines). */
  onSolverProgress?: (progress: SolverProgress) => void
  /** Solve the LP relaxation (integrality dropped); the dual bound is then the LP optimum. @default false */
  relaxIntegrality?: boolean
  /** A whole solution to start the MIP from (values by column name; columns not named are 0). HiGHS checks it and ignores it if infeasible. */
  startValues?: ReadonlyMap<string, number>
  /** Stop a MIP after this many branch-and-bound nodes: a limit of work, so the answer does not depend on the machine's speed. */
  mipMaxNodes?: number
  /**
   * performance.now() after which the solve is interrupted at HiGHS's next checkpoint (simplex iterations, MIP
   * nodes): a hard wall-clock stop for callers with a budget, as HiGHS can overrun its own time_limit by hundreds of
   * ms (cut separation, presolve). An interrupted solve reports outcome 'limit'.
   */
  deadlineMs?: number
}

export interface SolverProgress {
  runningSeconds: number
  primalBound?: number
  dualBound?: number
  gap?: number
}

export interface HighsRunResult {
  outcome: HighsOutcome
  /** HiGHS model status name, e.g. 'optimal', 'timeLimit'. */
  solverStatus: string
  hasSolution: boolean
  /** Primal values in the order of `columnNames`; only non-zero values are kept. */
  columnNames: string[]
  columnValues: number[]
  objective: number
  dualBound: number
  gap: number
  runningSeconds: number
  /** With relaxIntegrality and a solution: each row's dual value by row name (the LP's shadow prices). */
  rowDuals?: Map<string, number>
}

type HighsModule = Awaited<ReturnType<typeof import('highs')['default']>>

let highsPromise: Promise<HighsModule> | undefined

/** Loads the HiGHS WebAssembly module once per thread. */
export function loadHighs(): Promise<HighsModule> {
  highsPromise ??= import('highs').then((m) => m.default())
  return highsPromise
}

const STATUS_NAMES: Record<number, string> = {
  0: 'notSet', 1: 'loadError', 2: 'modelError', 3: 'presolveError', 4: 'solveError', 5: 'postsolveError', 6: 'empty',
  7: 'optimal', 8: 'infeasible', 9: 'unboundedOrInfeasible', 10: 'unbounded', 11: 'objectiveBound', 12: 'objectiveTarget',
  13: 'timeLimit', 14: 'iterationLimit', 15: 'unknown', 16: 'solutionLimit', 17: 'interrupted',
}

function outcomeOf(status: number): HighsOutcome {
  if (status === 7) return 'optimal'
  if (status === 8 || status === 9) return 'infeasible'
  if (status >= 11 && status <= 17 && status !== 15) return 'limit'
  return 'error'
}

/** Relative gap (primal - dual) / |primal|, 0 when both are 0; never negative. */
export function relativeGap(primalBound: number, dualBound: number): number {
  if (!Number.isFinite(primalBound) || !Number.isFinite(dualBound)) return Infinity
  const difference = Math.max(0, primalBound - dualBound)
  if (difference <= 1e-9 * Math.max(1, Math.abs(primalBound))) return 0
  return difference / Math.max(Math.abs(primalBound), 1e-9)
}

/**
 * Solves LP text with HiGHS. Never throws for solver outcomes (infeasible, limits); throws only if the text cannot
 * be read (a bug in the model writer).
 * @throws RangeError if timeLimitSeconds is not positive or mipRelativeGap is negative
 */
export async function runHighs(lpText: string, options: HighsRunOptions): Promise<HighsRunResult> {
  const { timeLimitSeconds, mipRelativeGap = 1e-4, onSolverProgress, relaxIntegrality = false, startValues, mipMaxNodes, deadlineMs } = options
  if (!(timeLimitSeconds > 0) || !Number.isFinite(timeLimitSeconds)) throw new RangeError(`timeLimitSeconds: must be a finite number > 0, got ${timeLimitSeconds}`)
  if (!(mipRelativeGap >= 0)) throw new RangeError(`mipRelativeGap: must be >= 0, got ${mipRelativeGap}`)
  const highs = await loadHighs()
  const model = highs.createModel({ format: 'lp', data: lpText })
  try {
    model.options.set({
      output_flag: false,
      time_limit: timeLimitSeconds,
      mip_rel_gap: mipRelativeGap,
      mip_abs_gap: 1e-6,
      random_seed: 0,
      mip_min_logging_interval: 1,
      ...(mipMaxNodes !== undefined ? { mip_max_nodes: mipMaxNodes } : {}),
    })
    if (relaxIntegrality) model.clearIntegrality()
    if (startValues && !relaxIntegrality) {
      const start = new Float64Array(model.getDimensions().numCols)
      for (let i = 0; i < start.length; i++) start[i] = startValues.get(model.getColName(i)) ?? 0
      model.setSolution({ colValue: start })
    }
    const report = (data: { running_time?: number; mip_primal_bound?: number; mip_dual_bound?: number }) => {
      if (!onSolverProgress) return
      const primal = data.mip_primal_bound, dual = data.mip_dual_bound
      const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && Math.abs(v) < 1e30 ? v : undefined)
      const primalBound = finite(primal), dualBound = finite(dual)
      onSolverProgress({
        runningSeconds: data.running_time ?? 0,
        primalBound,
        dualBound,
        gap: primalBound !== undefined && dualBound !== undefined ? relativeGap(primalBound, dualBound) : undefined,
      })
    }
    const types = highs.constants.callbackType
    const stopAtDeadline = (event: { interrupt(): void }): undefined => { if (performance.now() > deadlineMs!) event.interrupt() }
    model.run(onSolverProgress || deadlineMs !== undefined ? {
      ...(onSolverProgress ? {
        [types.mipImprovingSolution]: (event) => { report(event.data) },
        [types.mipLogging]: (event) => { report(event.data) },
      } : {}),
      ...(deadlineMs !== undefined ? { [types.simplexInterrupt]: stopAtDeadline, [types.mipInterrupt]: stopAtDeadline } : {}),
    } satisfies Parameters<typeof model.run>[0] : undefined)
    const status = model.getModelStatus() as number
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2
    const columnNames: string[] = [], columnValues: number[] = []
    let objective = NaN, dualBound = NaN, rowDuals: Map<string, number> | undefined
    if (hasSolution) {
      const values = model.getSolution().colValue
      for (let i = 0; i < values.length; i++) {
        if (Math.abs(values[i]) > 1e-9) { columnNames.push(model.getColName(i)); columnValues.push(values[i]) }
      }
      objective = model.getObjectiveValue()
      if (relaxIntegrality) {
        const duals = model.getSolution().rowDual
        rowDuals = new Map()
        for (let i = 0; i < duals.length; i++) rowDuals.set(model.getRowName(i), duals[i])
      }
      const isMip = !relaxIntegrality && (() => { try { return Number(model.info.get('mip_node_count')) >= 0 } catch { return false } })()
      dualBound = isMip ? Number(model.info.get('mip_dual_bound')) : objective
      if (!Number.isFinite(dualBound) || Math.abs(dualBound) > 1e30) dualBound = status === 7 ? objective : -Infinity
    }
    return {
      outcome: outcomeOf(status),
      solverStatus: STATUS_NAMES[status] ?? `status ${status}`,
      hasSolution,
      columnNames,
      columnValues,
      objective,
      dualBound,
      gap: hasSolution ? relativeGap(objective, dualBound) : Infinity,
      runningSeconds: model.getRunTime(),
      ...(rowDuals ? { rowDuals } : {}),
    }
  } finally {
    model.dispose()
  }
}
