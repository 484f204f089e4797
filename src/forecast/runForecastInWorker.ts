import { Worker } from 'node:worker_threads'
import type { AhtInput } from './forecastAht.ts'
import { augursMstlModule } from './models/augursRuntime.ts'
import type { ForecastInput, ForecastOptions, ForecastProgress, ForecastResult } from './types.ts'

/** Work for the forecast worker: a volume forecast (model choice + fit) or an AHT forecast. */
export type ForecastJob =
  | { kind: 'volume'; input: ForecastInput; options?: Omit<ForecastOptions, 'onProgress'> }
  | { kind: 'aht'; input: AhtInput; options?: Pick<ForecastOptions, 'levels' | 'backtestOrigins' | 'model'> }

/** Messages from the worker (see forecastWorker.ts). */
export type ForecastWorkerMessage =
  | { type: 'progress'; progress: ForecastProgress }
  | { type: 'result'; result: ForecastResult }
  | { type: 'error'; name: string; message: string }

/**
 * Runs a forecast job in a worker thread (node:worker_threads), off the request path: the backtest of every
 * candidate and the ARIMA/MSTL fits are synchronous. `onProgress` receives a message per backtested model.
 * Rejects with an error of the same class (RangeError, TypeError) and message as the direct call would throw.
 * If the MSTL WASM was initialised in this thread (initAugursMstl), the compiled module is handed to the worker.
 */
export function runForecastInWorker(job: ForecastJob, onProgress?: (progress: ForecastProgress) => void): Promise<ForecastResult> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./forecastWorkerBootstrap.mjs', import.meta.url), {
      workerData: { job, augursMstl: augursMstlModule() },
    })
    let settled = false
    worker.on('message', (message: ForecastWorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress)
      else if (message.type === 'result') {
        settled = true
        resolvePromise(message.result)
        void worker.terminate()
      } else {
        settled = true
        const ErrorClass = message.name === 'RangeError' ? RangeError : message.name === 'TypeError' ? TypeError : Error
        reject(new ErrorClass(message.message))
        void worker.terminate()
      }
    })
    worker.on('error', (error) => {
      if (!settled) { settled = true; reject(error) }
    })
    worker.on('exit', (code) => {
      if (!settled) { settled = true; reject(new Error(`forecast worker stopped with exit code ${code} before answering`)) }
    })
  })
}
