// Worker entry: registers the TypeScript loader (tsx) in this thread, then computes the capacity plans it is sent,
// one message { id, inputs } at a time, answering { id, type: 'result', result } or { id, type: 'error', name, message }.
import { register } from 'tsx/esm/api'
import { parentPort } from 'node:worker_threads'
register()
const { computeCapacityPlan } = await import('./capacityPlan.ts')
parentPort.on('message', async ({ id, inputs }) => {
  try {
    parentPort.postMessage({ id, type: 'result', result: await computeCapacityPlan(inputs) })
  } catch (error) {
    parentPort.postMessage({ id, type: 'error', name: error?.name ?? 'Error', message: error?.message ?? String(error) })
  }
})
