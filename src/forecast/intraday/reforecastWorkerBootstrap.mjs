// Worker entry: registers the TypeScript loader (tsx) in this thread, then runs reforecastWorker.ts.
import { register } from 'tsx/esm/api'
register()
await import('./reforecastWorker.ts')
