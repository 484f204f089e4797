/** Worker-thread entry of runReforecastInWorker: one re-forecast, then the result or the error. */
import { parentPort, workerData } from 'node:worker_threads'
import { reforecastIntraday, type IntradayInput } from './reforecastIntraday.ts'

const { input } = workerData as { input: IntradayInput }
try {
  parentPort!.postMessage({ type: 'result', result: reforecastIntraday(input) })
} catch (error) {
  parentPort!.postMessage({ type: 'error', name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) })
}
