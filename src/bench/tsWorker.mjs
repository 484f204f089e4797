// Worker-thread entry for benchmarks: registers the TypeScript loader (tsx) in this thread, then imports the
// TypeScript module named in workerData.entry (worker threads do not inherit the parent's loader hooks).
import { register } from 'tsx/esm/api'
import { workerData } from 'node:worker_threads'
register()
await import(workerData.entry)
