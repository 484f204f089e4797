// Worker-thread entry of solveScheduleInWorker (src/scheduling/solve.ts): runs solveSchedule on the data it was
// given and posts progress events and the result back. Plain JS so it starts under any loader (vitest, tsx, node);
// it registers tsx to load the TypeScript modules.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { solveSchedule } = await import('./solve.ts')
const { ScheduleInputError } = await import('./scheduleInputError.ts')
const { requirement, templates, options } = workerData
try {
  const result = await solveSchedule(requirement, templates, {
    ...options,
    onProgress: (event) => parentPort.postMessage({ type: 'progress', event }),
  })
  parentPort.postMessage({ type: 'result', result })
} catch (error) {
  if (error instanceof ScheduleInputError) parentPort.postMessage({ type: 'inputError', issues: error.issues })
  else if (error instanceof RangeError) parentPort.postMessage({ type: 'rangeError', message: error.message })
  else parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) })
}
