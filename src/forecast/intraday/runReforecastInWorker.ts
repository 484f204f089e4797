import { Worker } from 'node:worker_threads'
import type { IntradayInput, IntradayResult } from './reforecastIntraday.ts'

/**
 * Runs reforecastIntraday in a worker thread (the pattern of ../runForecastInWorker.ts) with a time limit: the
 * backtest behind the update takes tens to hundreds of milliseconds, which must not hold the request thread.
 * Rejects with the same error class and message as the direct call, or with a plain message when the limit passes.
 */
export function runReforecastInWorker(input: IntradayInput, { timeLimitMs = 20_000 }: { timeLimitMs?: number } = {}): Promise<IntradayResult> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./reforecastWorkerBootstrap.mjs', import.meta.url), { workerData: { input } })
    let settled = false
    const timer = setTimeout(() => {
      if (settled) return
      settled = true
      reject(new Error(`the re-forecast took longer than ${Math.round(timeLimitMs / 1000)} s and was stopped`))
      void worker.terminate()
    }, timeLimitMs)
    const finish = () => { settled = true; clearTimeout(timer); void worker.terminate() }
    worker.on('message', (message: { type: 'result'; result: IntradayResult } | { type: 'error'; name: string; message: string }) => {
      if (settled) return
      finish()
      if (message.type === 'result') resolvePromise(message.result)
      else reject(new (message.name === 'RangeError' ? RangeError : message.name === 'TypeError' ? TypeError : Error)(message.message))
    })
    worker.on('error', (error) => { if (!settled) { finish(); reject(error) } })
    worker.on('exit', (code) => { if (!settled) { finish(); reject(new Error(`re-forecast worker stopped with exit code ${code} before answering`)) } })
  })
}
