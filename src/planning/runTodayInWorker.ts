import { Worker } from 'node:worker_threads'
import type { TodayInputs, TodayView } from './todayCompute.ts'

/**
 * Runs computeToday (the re-forecast, the staffing plan and the ranked actions) in a worker thread, the pattern of
 * the worker pool (src/workers), with a time limit: together they take from tens of milliseconds to a second,
 * which must not hold the request thread. Rejects with the same error class and message as the direct call would
 * throw, or with a plain message when the limit passes (the worker is stopped).
 */
export function runTodayInWorker(inputs: TodayInputs, { timeLimitMs = 20_000 }: { timeLimitMs?: number } = {}): Promise<TodayView> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./todayWorkerBootstrap.mjs', import.meta.url), { workerData: { inputs } })
    let settled = false
    const finish = () => { settled = true; clearTimeout(timer); void worker.terminate() }
    const timer = setTimeout(() => {
      if (settled) return
      finish()
      reject(new Error(`the today page took longer than ${Math.round(timeLimitMs / 1000)} s to compute and was stopped; try again in a moment`))
    }, timeLimitMs)
    worker.on('message', (message: { type: 'result'; view: TodayView } | { type: 'error'; name: string; message: string }) => {
      if (settled) return
      finish()
      if (message.type === 'result') resolvePromise(message.view)
      else reject(new (message.name === 'RangeError' ? RangeError : message.name === 'TypeError' ? TypeError : Error)(message.message))
    })
    worker.on('error', (error) => { if (!settled) { finish(); reject(error) } })
    worker.on('exit', (code) => { if (!settled) { finish(); reject(new Error(`the today worker stopped with exit code ${code} before answering`)) } })
  })
}
