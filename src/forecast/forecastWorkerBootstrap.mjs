// Worker entry: registers the TypeScript loader (tsx) in this thread, then runs forecastWorker.ts.
import { register } from 'tsx/esm/api'
register()
await import('./forecastWorker.ts')
