/**
 * The schedule solver (HiGHS, synchronous and single-threaded) in the worker pool (src/workers), with the pool's
 * time limit and message convention: progress events come back through onProgress, aborting `signal` stops it,
 * and a solver that overruns its own time limit by far is stopped. Used by schedule generation (web jobs).
 */
import {
  solveSchedule, type Requirement, type ScheduleSolveResult, type ShiftTemplate, type SolveProgressEvent, type SolveScheduleOptions,
} from '../scheduling/index.ts'
import { asScheduleInputError } from '../scheduling/scheduleInputError.ts'
import { CancelledError, TimeLimitError, runInWorker } from '../workers/runInWorker.ts'

export interface WorkerSolveOptions extends SolveScheduleOptions {
  /** Aborting terminates the worker; the result is then { status: 'error', message: 'cancelled' }. */
  signal?: AbortSignal
}

/** The solver's own limit (default 20 s) plus this grace (at least 15 s, or half the limit) before it is stopped. */
function graceMsOf(timeLimitSeconds: number): number {
  return Math.max(15_000, timeLimitSeconds * 500)
}

/**
 * solveSchedule in a pool worker.
 * @throws ScheduleInputError for invalid or contradictory input (found in the worker, rebuilt here); RangeError for bad options
 */
export async function solveScheduleInWorker(requirement: Requirement, templates: readonly ShiftTemplate[], options: WorkerSolveOptions = {}): Promise<ScheduleSolveResult> {
  const { onProgress, signal, ...plainOptions } = options
  const timeLimitSeconds = plainOptions.timeLimitSeconds ?? 20
  const started = performance.now()
  const elapsedMs = () => Math.round(performance.now() - started)
  try {
    return await runInWorker<ScheduleSolveResult>({ moduleUrl: import.meta.url, exportName: 'solveScheduleTask', args: [requirement, templates, plainOptions] }, {
      timeLimitMs: (Number.isFinite(timeLimitSeconds) && timeLimitSeconds > 0 ? timeLimitSeconds * 1000 : 20_000) + graceMsOf(timeLimitSeconds),
      what: 'the schedule solver', advice: 'Schedule fewer days, or use templates with fewer start times.',
      ...(onProgress ? { onProgress: onProgress as never } : {}), ...(signal ? { signal } : {}),
    })
  } catch (error) {
    const failed = (message: string): ScheduleSolveResult => {
      onProgress?.({ phase: 'done', elapsedMs: elapsedMs(), status: 'error' } as SolveProgressEvent)
      return { status: 'error', message, elapsedMs: elapsedMs() }
    }
    if (error instanceof CancelledError) return failed('cancelled')
    if (error instanceof TimeLimitError) return failed(error.message)
    const rebuilt = asScheduleInputError(error)
    if (rebuilt !== error || error instanceof RangeError) throw rebuilt
    return failed(`the solver failed: ${(error as Error).message}`)
  }
}

/** The worker task: solveSchedule with its progress events passed to the pool's callback. */
export function solveScheduleTask(requirement: Requirement, templates: readonly ShiftTemplate[], options: SolveScheduleOptions, onProgress?: (event: SolveProgressEvent) => void): Promise<ScheduleSolveResult> {
  return solveSchedule(requirement, templates, { ...options, ...(onProgress ? { onProgress } : {}) })
}
