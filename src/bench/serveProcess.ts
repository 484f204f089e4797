/** `chatplan serve` in its own process for the benchmarks (the load generator must not share its event loop). */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** `chatplan serve` on a free loopback port; resolves once it prints its address. */
export async function startServeProcess(cwd: string, databaseUrl: string, startTimeoutMs = 60_000): Promise<{ baseUrl: string; pid: number; stop(): Promise<void>; output(): string }> {
  const entry = fileURLToPath(new URL('../cli/chatplan.mjs', import.meta.url))
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, entry, 'serve'], { cwd, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, CHATPLAN_DEMO: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${startTimeoutMs / 1000} s:\n` + output)), startTimeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /running at http:\/\/localhost:(\d+)/.exec(output)
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`) }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${output}`)) })
  })
  return {
    baseUrl,
    /** The server's process id (its CPU time is in /proc/<pid>/stat). */
    pid: child.pid!,
    /** Everything the server printed so far (its errors, for a bench that saw a request fail). */
    output: () => output,
    stop: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); setTimeout(() => { child.kill('SIGKILL'); resolve() }, 5000) }),
  }
}

