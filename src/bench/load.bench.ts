/**
 * Load test: the demo plus a year of 30-minute history for three queues in a file database, served by the real
 * app over HTTP on 127.0.0.1 (only), signed in; 20 concurrent clients (autocannon) drive each page and export in
 * turn, each run bounded in requests and in time. Prints the 95th percentile answer time per page and the errors.
 * Targets: p95 <= 150 ms per page and no errors.
 *   LOAD_REQUESTS (default 400 per page), LOAD_CONNECTIONS (20), LOAD_MAX_SECONDS (30 per page).
 */
import autocannon from 'autocannon'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb } from '../db/client.ts'
import { migrateDb } from '../db/migrate.ts'
import { importFile } from '../db/importBatch.ts'
import { loadDemo } from '../demo/loadDemo.ts'
import { createSession, createUser } from '../db/users.ts'
import { SESSION_COOKIE } from '../web/middleware/session.ts'
import { startServeProcess } from './serveProcess.ts'

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 400)
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 20)
const MAX_SECONDS = Number(process.env.LOAD_MAX_SECONDS ?? 30)
const TARGET_P95_MS = 150
const YEAR_QUEUES = ['North', 'South', 'West']

/** A year of 30-minute intervals (2024) with a daily and weekly shape, seeded per queue. */
function yearOfIntervals(queueIndex: number): string {
  const lines = ['interval_start,offered,handled,abandoned,aht_seconds']
  let seed = 1000 + queueIndex
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const start = Date.UTC(2024, 0, 1)
  for (let i = 0; i < 366 * 48; i++) {
    const ms = start + i * 1800_000
    const hour = (i % 48) / 2
    const weekday = new Date(ms).getUTCDay()
    const level = Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI)) * (weekday === 0 || weekday === 6 ? 0.5 : 1) * (30 + 10 * queueIndex)
    const offered = Math.round(level * (0.8 + 0.4 * random()))
    const abandoned = Math.round(offered * 0.05 * random())
    lines.push(`${new Date(ms).toISOString().slice(0, 19)},${offered},${offered - abandoned},${abandoned},${Math.round(300 + 120 * random())}`)
  }
  return lines.join('\n') + '\n'
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))
  return sorted[rank]
}

interface PageResult { name: string; requests: number; p50: number; p95: number; errors: number; seconds: number }

/** Drives `paths` (a leading `hx:` sends it as an htmx fragment request) after one warm-up request each. */
async function drive(baseUrl: string, cookie: string, name: string, paths: string[]): Promise<PageResult> {
  const requests = paths.map((p) => (p.startsWith('hx:') ? { method: 'GET' as const, path: p.slice(3), headers: { 'HX-Request': 'true' } } : { method: 'GET' as const, path: p }))
  for (const r of requests) {
    const res = await fetch(baseUrl + r.path, { headers: { cookie, ...(r.headers ?? {}) } })
    await res.arrayBuffer()
  }
  const times: number[] = []
  let errors = 0
  const started = Date.now()
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon({
      url: baseUrl, connections: CONNECTIONS, amount: REQUESTS, timeout: 10,
      headers: { cookie },
      requests,
    }, (error) => (error ? reject(error) : resolve()))
    const stop = setTimeout(() => instance.stop(), MAX_SECONDS * 1000)
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      times.push(responseTime)
      if (statusCode < 200 || statusCode >= 300) errors++
    })
    instance.on('reqError', () => { errors++ })
    instance.on('done', () => clearTimeout(stop))
  })
  times.sort((a, b) => a - b)
  return { name, requests: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95), errors, seconds: (Date.now() - started) / 1000 }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-load-'))
  const db = await createDb('file:' + join(dir, 'load.db'))
  try {
    const setupStarted = Date.now()
    await migrateDb(db)
    await loadDemo(db)
    for (const [i, name] of YEAR_QUEUES.entries()) {
      const path = join(dir, `${name}.csv`)
      writeFileSync(path, yearOfIntervals(i))
      await importFile(db, { kind: 'intervals', path, fileName: `${name}.csv`, queueName: name, timeZone: 'Europe/London' })
    }
    const user = await createUser(db, { username: 'load-viewer', password: 'load test password', role: 'viewer' })
    const session = await createSession(db, user.id)
    const cookie = `${SESSION_COOKIE}=${session.token}`
    const queues = (await db.client.execute('SELECT id, name FROM queues ORDER BY id')).rows.map((r) => ({ id: Number(r.id), name: String(r.name) }))
    const year = queues.filter((q) => YEAR_QUEUES.includes(q.name))
    const contactQueue = queues.find((q) => q.name === 'PS') ?? queues[0]
    console.log(`load: setup (demo + ${YEAR_QUEUES.length} queues × a year of 30-minute intervals) ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`)

    db.client.close()
    // The server runs as users run it (`chatplan serve`), in its own process, so the load generator does not
    // share its event loop.
    const server = await startServeProcess(dir, 'file:' + join(dir, 'load.db'))
    const baseUrl = server.baseUrl

    // The staffing plan is computed once per queue and range (a forecast in a worker); ask for it once first, as
    // the page's own htmx request would, so the load measures serving plans, not the first forecast.
    for (const q of year) {
      const res = await fetch(`${baseUrl}/staffing/export.csv?queue=${q.id}`, { headers: { cookie } })
      if (!res.ok) throw new Error(`staffing plan of ${q.name} failed: ${res.status} ${await res.text()}`)
    }

    const pages: Array<[string, string[]]> = [
      ['dashboard', year.map((q) => `/?queue=${q.id}`)],
      ['kpis', [`/kpis?queue=${contactQueue.id}`, '/kpis']],
      ['forecasts', year.map((q) => `/forecasts?queue=${q.id}`)],
      ['staffing', year.map((q) => `/staffing?queue=${q.id}`)],
      ['staffing plan (htmx)', year.map((q) => `hx:/staffing/plan?queue=${q.id}`)],
      ['exports', year.map((q) => `/exports?queue=${q.id}`)],
      ['staffing csv', year.map((q) => `/staffing/export.csv?queue=${q.id}`)],
      ['kpi csv', [`/kpis/export/first-response.csv?queue=${contactQueue.id}`]],
    ]
    let failed = false
    for (const [name, paths] of pages) {
      const r = await drive(baseUrl, cookie, name, paths)
      const ok = r.p95 <= TARGET_P95_MS && r.errors === 0
      if (!ok) failed = true
      console.log(`load: ${name}, ${CONNECTIONS} clients, ${r.requests} requests in ${r.seconds.toFixed(1)} s: p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, ${r.errors} errors (target p95 <= ${TARGET_P95_MS} ms, no errors)${ok ? '' : '  << MISSED'}`)
    }
    await server.stop()
    if (failed) process.exitCode = 1
  } finally {
    db.client.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
