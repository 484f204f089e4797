import { runInWorker } from '../workers/runInWorker.ts'
import type { TodayInputs, TodayView } from './todayCompute.ts'

/**
 * Runs computeToday (the re-forecast, the staffing plan and the ranked actions) in the worker pool (src/workers)
 * with a time limit: together they take from tens of milliseconds to a second, which must not hold the request
 * thread. Rejects with the same error class and message as the direct call would throw, or with a TimeLimitError
 * (a RangeError) whose message says what was stopped when the limit passes (the worker is stopped).
 */
export function runTodayInWorker(inputs: TodayInputs, { timeLimitMs = 20_000 }: { timeLimitMs?: number } = {}): Promise<TodayView> {
  return runInWorker<TodayView>({ moduleUrl: new URL('./todayCompute.ts', import.meta.url).href, exportName: 'computeToday', args: [inputs] },
    { timeLimitMs, what: 'the today page', advice: 'Try again in a moment.' })
}
