/**
 * Browser-test harness: starts the real server (the `chatplan serve` command, as a user would) on a free port with
 * a fresh database, and Debian's chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface RunningServer { baseUrl: string; dir: string; process: ChildProcess; stop(): Promise<void> }

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-e2e-'))
  const child = spawn(process.execPath, [join(repoRoot, 'src/cli/chatplan.mjs'), 'serve'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'file:' + join(dir, 'e2e.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 90 s:\n' + output)), 90_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /running at (http:\/\/localhost:\d+)/.exec(output)
      if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')) }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with code ${code}:\n${output}`)) })
  })
  return {
    baseUrl, dir, process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000) })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS })
}
