/**
 * `chatplan bench`: runs every benchmark in src/bench/ (files named *.bench.ts), each in its own Node process
 * so that peak memory and timings of one do not leak into another. Each benchmark prints its own figures.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'

export const usage = `Usage: chatplan bench [NAME ...]
Runs the benchmarks in src/bench/*.bench.ts (all, or those whose file name contains NAME) and prints their figures.`

/** The options `chatplan bench` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = {}

export async function run(args: string[], io: CliIo): Promise<number> {
  const benchDir = fileURLToPath(new URL('../../bench/', import.meta.url))
  const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort()
  const chosen = args.length ? files.filter((f) => args.some((a) => f.includes(a))) : files
  let failures = 0
  for (const file of chosen) {
    io.out(`\n=== ${file.replace('.bench.ts', '')} ===\n`)
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', benchDir + file], { stdio: 'inherit', env: process.env })
    if (result.status !== 0) { failures++; io.err(`bench ${file} failed with exit code ${result.status}\n`) }
  }
  return failures ? 1 : 0
}
