// Worker-thread entry of runInWorker (runInWorker.ts): registers the TypeScript loader (tsx) once, then runs each
// task it is sent (a module URL, an exported function's name and its arguments) and posts the result or the error.
// Plain JS so it starts under any loader (vitest, tsx, node). The worker stays up for the next task.
import { parentPort } from 'node:worker_threads'
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { register } from 'tsx/esm/api'

// Heavy work yields the CPU to the request thread: on Linux the nice value is per thread (setpriority(2) on the
// thread id), so this worker runs at nice 10 while the server's main thread stays at the process's own. A busy
// machine then still answers /health and light pages at once; elsewhere this is skipped.
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop())
  if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10)
} catch { /* not Linux, or not allowed: the worker runs at the process's priority */ }

register()
const modules = new Map()
parentPort.on('message', async ({ id, moduleUrl, exportName, args, progress }) => {
  try {
    if (!modules.has(moduleUrl)) modules.set(moduleUrl, import(moduleUrl))
    const fn = (await modules.get(moduleUrl))[exportName]
    if (typeof fn !== 'function') throw new TypeError(`${moduleUrl} exports no function '${exportName}'`)
    // With `progress`, the function gets one more argument: a callback whose calls are posted to the caller.
    const result = await fn(...args, ...(progress ? [(...values) => parentPort.postMessage({ id, progress: values })] : []))
    parentPort.postMessage({ id, ok: true, result })
  } catch (error) {
    // The error's own fields (e.g. ScheduleInputError's `issues`) go back too, so the caller can rebuild it.
    let details
    try { details = error && typeof error === 'object' ? structuredClone({ ...error }) : undefined } catch { details = undefined }
    parentPort.postMessage({ id, ok: false, name: error?.name ?? 'Error', message: error?.message ?? String(error), details })
  }
})
parentPort.postMessage({ ready: true })
