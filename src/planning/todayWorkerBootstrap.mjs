// Worker entry: registers the TypeScript loader (tsx) in this thread, then runs todayWorker.ts.
import { register } from 'tsx/esm/api'
register()
await import('./todayWorker.ts')
