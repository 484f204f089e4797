/**
 * Entry of the compiled CLI (dist/cli/compiledCli.js, built by src/cli/compiledCli.mjs with esbuild): the commands
 * that start from compiled JavaScript instead of through the TypeScript loader (tsx costs 2-3 s a process here).
 * Only commands whose modules do not locate files relative to their own source path can be listed: bundling moves them.
 */
import { processIo } from './io.ts'
import { runCli, type CliCommand } from './main.ts'

export const COMPILED_COMMANDS: Record<string, () => Promise<CliCommand>> = {
  forecast: () => import('./commands/forecast.ts'),
}

export function runCompiledCli(argv: string[]): Promise<number> {
  return runCli(argv, processIo(), COMPILED_COMMANDS)
}
