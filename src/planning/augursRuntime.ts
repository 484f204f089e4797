/**
 * Loading of the MSTL WASM of `@bsull/augurs` for a process entry (server boot, CLI, benchmarks). The forecast domain
 * does no file I/O (team rule), so the bytes are read here and handed to `initAugursMstl`; until then the `mstlEts`
 * model is not offered. A pool worker running a forecast (planning/queueForecast.ts) loads it too when the process has it.
 */
import { readFileSync } from 'node:fs'
import { initAugursMstl, isAugursMstlReady } from '../forecast/models/augursRuntime.ts'

/** Reads and initialises the MSTL WASM once per process (later calls do nothing). */
export function loadAugursMstlWasm(): void {
  if (isAugursMstlReady()) return
  initAugursMstl(readFileSync(new URL('mstl_bg.wasm', import.meta.resolve('@bsull/augurs/mstl'))))
}
