#!/usr/bin/env node
// Entry point of `npx chatplan`: registers the TypeScript loader (tsx) with the project's tsconfig (so JSX works
// from any working directory), then runs the CLI.
import { register } from 'tsx/esm/api'
import { fileURLToPath } from 'node:url'
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) })
const { runCli } = await import('./main.ts')
const exitCode = await runCli(process.argv.slice(2))
if (typeof exitCode === 'number') process.exitCode = exitCode
