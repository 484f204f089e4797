#!/usr/bin/env node
// Entry point of `npx chatplan`. Commands listed in compiledCli.mjs run from compiled JavaScript (dist/cli, rebuilt
// when a source is newer), so they start without the TypeScript loader; the others register tsx with the project's
// tsconfig (so JSX works from any working directory), then run the CLI from the TypeScript sources.
import { fileURLToPath } from 'node:url'
import { compiledRunner } from './compiledCli.mjs'
const argv = process.argv.slice(2)
const compiled = await compiledRunner(argv[0])
if (compiled) {
  process.exitCode = await compiled(argv)
} else {
  const { register } = await import('tsx/esm/api')
  register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) })
  const { runCli } = await import('./main.ts')
  const exitCode = await runCli(argv)
  if (typeof exitCode === 'number') process.exitCode = exitCode
}
