/** Worker-thread entry of runTodayInWorker: one computeToday, then the view or the error. */
import { parentPort, workerData } from 'node:worker_threads'
import { computeToday, type TodayInputs } from './todayCompute.ts'

const { inputs } = workerData as { inputs: TodayInputs }
try {
  parentPort!.postMessage({ type: 'result', view: computeToday(inputs) })
} catch (error) {
  parentPort!.postMessage({ type: 'error', name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) })
}
