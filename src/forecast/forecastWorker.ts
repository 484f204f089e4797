/** Worker-thread entry of runForecastInWorker: runs one job and posts progress, then the result or the error. */
import { parentPort, workerData } from 'node:worker_threads'
import { forecastAht } from './forecastAht.ts'
import { forecastVolumes } from './forecastVolumes.ts'
import { initAugursMstl, type WasmModule } from './models/augursRuntime.ts'
import type { ForecastJob, ForecastWorkerMessage } from './runForecastInWorker.ts'

const { job, augursMstl } = workerData as { job: ForecastJob; augursMstl?: WasmModule }
const post = (message: ForecastWorkerMessage) => parentPort!.postMessage(message)
try {
  if (augursMstl) initAugursMstl(augursMstl)
  const result = job.kind === 'aht'
    ? forecastAht(job.input, job.options)
    : forecastVolumes(job.input, { ...job.options, onProgress: (progress) => post({ type: 'progress', progress }) })
  post({ type: 'result', result })
} catch (error) {
  post({ type: 'error', name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) })
}
