/**
 * Runs a pure function off the request thread, in a worker thread, with a time limit: the staffing plan, the day
 * simulation, schedule coverage and scenario comparisons can take seconds for some inputs, and on the main thread
 * they would stop /health, every other request and SIGTERM for that long. A few warm workers are kept (starting one
 * costs the TypeScript loader, ~0.3 s); a task over its limit has its worker terminated (the CPU is freed at once)
 * and rejects with a TimeLimitError whose message says what was stopped and what to change.
 *
 * The function must be exported by a module, take structured-cloneable arguments and return a structured-cloneable
 * value (plain data: no functions, no class instances other than Date/Map/Set). Errors come back with their class
 * (RangeError, TypeError; other classes as an Error with the same `name`), message and own fields (e.g. `issues`).
 */
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'

/**
 * A task stopped at its time limit. A RangeError: the input was too big to compute in time, and every place that
 * shows a RangeError's message to the user (422 with the message) shows this one too.
 */
export class TimeLimitError extends RangeError {
  readonly timeLimitMs: number
  constructor(message: string, timeLimitMs: number) {
    super(message)
    this.name = 'TimeLimitError'
    this.timeLimitMs = timeLimitMs
  }
}

export interface WorkerTask {
  /** The module's URL (`new URL('./x.ts', import.meta.url).href`). */
  moduleUrl: string
  exportName: string
  args: unknown[]
}

export interface RunOptions {
  /** Stop the task after this long. */
  timeLimitMs: number
  /** What the task computes, for the message ("the staffing plan"). */
  what: string
  /** Advice added to the time-limit message ("use fewer days"). */
  advice?: string
  /** Progress: the task's function gets a callback as its last argument; its calls arrive here. */
  onProgress?: (...values: never[]) => void
  /** Aborting stops the task (its worker is terminated) and rejects with a CancelledError. */
  signal?: AbortSignal
}

/** A task stopped because its caller aborted it (RunOptions.signal). */
export class CancelledError extends Error {
  constructor(what: string) {
    super(`${what} was cancelled`)
    this.name = 'CancelledError'
  }
}

interface PooledWorker { worker: Worker; ready: Promise<void>; busy: boolean }

const MAX_IDLE_WORKERS = 2
/**
 * Tasks computing at once: one per core, at least 4 (at most 8). Every heavy task shares the pool (the schedule
 * solver can hold a worker for its whole time limit, a forecast for tens of seconds), so on a 2-core machine two
 * long tasks must not leave every page that needs a worker waiting; the request thread does little and keeps
 * answering (the healthUnderLoad bench measures it).
 */
const MAX_WORKERS = Math.min(8, Math.max(4, availableParallelism()))
const idle: PooledWorker[] = []
const all = new Set<PooledWorker>()
const waiting: Array<(w: PooledWorker) => void> = []
let taskCounter = 0

function spawn(): PooledWorker {
  const worker = new Worker(new URL('./taskWorker.mjs', import.meta.url))
  worker.unref()
  worker.on('error', () => { /* reported to the running task (onError); an idle worker that fails just leaves the pool */ })
  const pooled: PooledWorker = {
    worker,
    busy: false,
    ready: new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => { if (m?.ready) { worker.off('message', onMessage); resolve() } }
      worker.on('message', onMessage)
      worker.once('error', reject)
    }),
  }
  pooled.ready.catch(() => {})
  worker.once('exit', () => {
    all.delete(pooled)
    const at = idle.indexOf(pooled)
    if (at >= 0) idle.splice(at, 1)
  })
  all.add(pooled)
  return pooled
}

function acquire(): Promise<PooledWorker> {
  const free = idle.pop()
  if (free) return Promise.resolve(free)
  if (all.size < MAX_WORKERS) return Promise.resolve(spawn())
  return new Promise((resolve) => waiting.push(resolve))
}

function release(pooled: PooledWorker): void {
  pooled.busy = false
  const next = waiting.shift()
  if (next) { next(pooled); return }
  if (idle.length < MAX_IDLE_WORKERS) idle.push(pooled)
  else void pooled.worker.terminate()
}

/** A replacement for a terminated worker handed to whoever waits (so the pool never shrinks below its waiters). */
function replace(): void {
  const next = waiting.shift()
  if (next) next(spawn())
}

function errorOf(name: string, message: string, details?: Record<string, unknown>): Error {
  const ErrorClass = name === 'RangeError' ? RangeError : name === 'TypeError' ? TypeError : Error
  const error = new ErrorClass(message)
  if (details) Object.assign(error, details)
  if (ErrorClass === Error && name) error.name = name
  return error
}

/**
 * Runs `task` in a worker and resolves with its result.
 * @throws TimeLimitError when it runs longer than options.timeLimitMs (the worker is terminated)
 * @throws the task's own error (same class for RangeError/TypeError, same message)
 */
export async function runInWorker<T>(task: WorkerTask, options: RunOptions): Promise<T> {
  if (options.signal?.aborted) throw new CancelledError(options.what)
  const pooled = await acquire()
  pooled.busy = true
  const id = ++taskCounter
  const startedAt = Date.now()
  return new Promise<T>((resolve, reject) => {
    let settled = false
    const finish = (fn: () => void, keepWorker: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      pooled.worker.off('message', onMessage)
      pooled.worker.off('error', onError)
      pooled.worker.off('exit', onExit)
      if (keepWorker) release(pooled)
      else { void pooled.worker.terminate(); replace() }
      fn()
    }
    const onMessage = (m: { id?: number; ok?: boolean; result?: unknown; name?: string; message?: string; details?: Record<string, unknown>; progress?: unknown[] }) => {
      if (m?.id !== id) return
      if (m.progress) { (options.onProgress as ((...v: unknown[]) => void) | undefined)?.(...m.progress); return }
      finish(() => (m.ok ? resolve(m.result as T) : reject(errorOf(m.name ?? 'Error', m.message ?? 'the task failed', m.details))), true)
    }
    const onError = (error: Error) => finish(() => reject(error), false)
    const onExit = (code: number) => finish(() => reject(new Error(`the worker computing ${options.what} stopped (exit code ${code}) before answering`)), false)
    const remaining = () => Math.max(0, options.timeLimitMs - (Date.now() - startedAt))
    const timer = setTimeout(() => finish(() => reject(new TimeLimitError(
      `${options.what[0].toUpperCase()}${options.what.slice(1)} took longer than ${formatSeconds(options.timeLimitMs)} and was stopped; nothing was changed.${options.advice ? ' ' + options.advice : ''}`,
      options.timeLimitMs,
    )), false), remaining())
    const onAbort = () => finish(() => reject(new CancelledError(options.what)), false)
    if (options.signal?.aborted) { onAbort(); return }
    options.signal?.addEventListener('abort', onAbort)
    pooled.worker.on('message', onMessage)
    pooled.worker.once('error', onError)
    pooled.worker.once('exit', onExit)
    pooled.ready.then(
      () => { if (!settled) pooled.worker.postMessage({ id, ...task, progress: options.onProgress !== undefined }) },
      (error) => finish(() => reject(error), false),
    )
  })
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

/** Stops every worker of the pool (tests, shutdown). */
export async function stopWorkers(): Promise<void> {
  const workers = [...all]
  idle.length = 0
  await Promise.all(workers.map((w) => w.worker.terminate()))
}
