// Worker entry of horizonAccuracyInWorker: registers the TypeScript loader (tsx) in this thread, runs one
// horizonAccuracy call and posts its result or error.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'
register()
const { input, modelNames, chosenModel, augursMstl } = workerData
try {
  const { initAugursMstl } = await import('../forecast/models/augursRuntime.ts')
  if (augursMstl) initAugursMstl(augursMstl)
  const { horizonAccuracy } = await import('./forecastAccuracy.ts')
  parentPort.postMessage({ type: 'result', result: horizonAccuracy(input, modelNames, chosenModel) })
} catch (error) {
  parentPort.postMessage({ type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) })
}
