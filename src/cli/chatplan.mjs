#!/usr/bin/env node
// Entry point of `npx chatplan`: registers the TypeScript loader (tsx), then runs the CLI.
import { register } from 'tsx/esm/api'
register()
const { runCli } = await import('./main.ts')
const exitCode = await runCli(process.argv.slice(2))
if (typeof exitCode === 'number') process.exitCode = exitCode
