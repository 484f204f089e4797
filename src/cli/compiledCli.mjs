// The compiled CLI: builds src/cli/compiledCli.ts and what it imports into dist/cli/ with esbuild (which comes with
// tsx, a runtime dependency), and loads it when it is at least as new as every source file. `npm ci` builds it
// (the `prepare` script); when sources change it is rebuilt on the next run of a compiled command (about 0.3 s);
// when it cannot be built (read-only install, esbuild missing) the caller falls back to the TypeScript loader.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = join(root, 'dist', 'cli')
const entryOut = join(outDir, 'compiledCli.js')
/** Commands served by the compiled CLI (keep in step with COMPILED_COMMANDS in compiledCli.ts). */
export const COMPILED = new Set(['forecast'])

function newestSourceMs() {
  let newest = Math.max(statSync(join(root, 'package.json')).mtimeMs, statSync(join(root, 'tsconfig.json')).mtimeMs)
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(ts|tsx|mjs|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  walk(join(root, 'src'))
  if (existsSync(join(root, 'views'))) walk(join(root, 'views'))
  return newest
}

/** Builds dist/cli/ (into a fresh directory, then renamed, so a concurrent run never sees half a build). */
export async function buildCompiledCli() {
  const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))
  const esbuild = requireFromTsx('esbuild')
  const tmp = `${outDir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/compiledCli.ts')],
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'silent',
  })
  mkdirSync(dirname(outDir), { recursive: true })
  rmSync(outDir, { recursive: true, force: true })
  renameSync(tmp, outDir)
}

/** `runCompiledCli` when `command` is compiled and the build is fresh (building it if needed); else undefined. */
export async function compiledRunner(command) {
  if (!COMPILED.has(command) || process.env.CHATPLAN_NO_COMPILED) return undefined
  try {
    if (!existsSync(entryOut) || statSync(entryOut).mtimeMs < newestSourceMs()) await buildCompiledCli()
    const { runCompiledCli } = await import(pathToFileURL(entryOut).href)
    return runCompiledCli
  } catch {
    return undefined
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `npm ci` runs this (prepare): a failed build must not fail the install, the CLI then runs through tsx.
  try {
    await buildCompiledCli()
    console.log(`chatplan: compiled CLI built in ${outDir}`)
  } catch (error) {
    console.warn(`chatplan: the compiled CLI could not be built (${error.message}); commands will run through tsx`)
  }
}
