// Worker entry: registers the TypeScript loader (tsx) in this thread, then computes one capacity plan.
import { register } from 'tsx/esm/api'
import { parentPort, workerData } from 'node:worker_threads'
register()
const { computeCapacityPlan } = await import('./capacityPlan.ts')
try {
  const result = await computeCapacityPlan(workerData.inputs)
  parentPort.postMessage({ type: 'result', result })
} catch (error) {
  parentPort.postMessage({ type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) })
}
