/**
 * KPI page speed: 1,000,000 generated contact rows (three queues over 365 days, agents holding overlapping chats,
 * issue types, segments, surveys) in a file database; the KPI page for a 90-day range is requested repeatedly
 * through `createApp(...).request()` and the median and 95th percentile of the answer times are printed.
 * Target: under 300 ms. Set KPI_BENCH_DB=path to keep (and reuse) the generated database between runs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDb, closeDb, type Db } from '../db/client.ts'
import { migrateDb } from '../db/migrate.ts'
import { createApp } from '../web/app.tsx'
import { createSession, createUser } from '../db/users.ts'
import { SESSION_COOKIE } from '../web/middleware/session.ts'

const ROWS = Number(process.env.BENCH_KPI_ROWS ?? 1_000_000)
const REPEATS = Number(process.env.BENCH_KPI_REPEATS ?? 15)
const DAY_MS = 86_400_000
const QUEUES = ['Billing', 'Sales', 'Support']
const ISSUES = ['login', 'payment', 'delivery', 'refund', 'other']
const SEGMENTS = ['free', 'pro', 'enterprise']
const AGENTS_PER_QUEUE = 20
/** Relative arrivals per hour of the day (UTC; the queues are in Europe/London). */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 13, 14, 13, 12, 10, 8, 6, 5, 3, 2, 1]

/**
 * Writes `rows` contacts spread evenly over 365 days from 2025-01-01 (UTC) into three queues, with multi-row
 * INSERTs inside one transaction. Seeded: the same rows every time.
 */
export async function generateKpiBenchContacts(db: Db, rows: number): Promise<void> {
  let seed = 20_250_101
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
  const now = Date.now()
  const tx = await db.client.transaction('write')
  try {
    for (const [i, name] of QUEUES.entries()) {
      await tx.execute({ sql: `INSERT INTO queues (id, name, time_zone, opening_hours_json, interval_minutes, created_at_ms) VALUES (?, ?, 'Europe/London', '[]', 30, ?)`, args: [i + 1, name, now] })
    }
    await tx.execute({ sql: `INSERT INTO import_batches (id, kind, file_name, checksum_sha256, dedupe_key, rows_in_file, rows_imported, rows_rejected, synthetic, imported_at_ms) VALUES (1, 'contacts', 'bench', 'x', 'bench', ?, ?, 0, 1, ?)`, args: [rows, rows, now] })
    const weightSum = HOUR_WEIGHTS.reduce((s, w) => s + w, 0)
    const cumulative = HOUR_WEIGHTS.map((_, h) => HOUR_WEIGHTS.slice(0, h + 1).reduce((s, w) => s + w, 0) / weightSum)
    const start = Date.UTC(2025, 0, 1)
    const perDay = rows / 365
    let values: string[] = []
    for (let id = 1; id <= rows; id++) {
      const day = Math.min(364, Math.floor((id - 1) / perDay))
      const u = random()
      const hour = cumulative.findIndex((c) => u <= c)
      const arrived = start + day * DAY_MS + hour * 3_600_000 + Math.floor(random() * 3_600_000)
      const queueIndex = id % 3
      const abandoned = random() < 0.07
      const wait = Math.floor(-Math.log(1 - random()) * 40)
      const issue = ISSUES[Math.floor(random() * ISSUES.length)]
      const handle = Math.round(180 + -Math.log(1 - random()) * (issue === 'refund' ? 600 : 360))
      const answered = arrived + wait * 1000
      const ended = abandoned ? answered : answered + handle * 1000
      const agent = `agent ${queueIndex + 1}-${1 + Math.floor(random() * AGENTS_PER_QUEUE)}`
      const resolved = abandoned ? 'NULL' : random() < 0.9 - Math.min(handle / 6000, 0.3) ? '1' : '0'
      const csat = !abandoned && random() < 0.3 ? String(Math.max(1, Math.min(5, Math.round(4.6 - wait / 120 - (resolved === '0' ? 1.2 : 0) + (random() - 0.5) * 2)))) : 'NULL'
      const nps = random() < 0.2 ? String(Math.max(0, Math.min(10, Math.round(9 - wait / 60 + (random() - 0.5) * 4)))) : 'NULL'
      values.push(`(${id},${queueIndex + 1},1,'${id}',${arrived},${abandoned ? 'NULL' : answered},${ended},${wait},${abandoned ? 'NULL' : handle},'${abandoned ? 'abandoned' : 'answered'}',${abandoned ? 'NULL' : `'${agent}'`},'${issue}','${SEGMENTS[id % 3]}',${resolved},${csat},${nps},1)`)
      if (values.length === 500 || id === rows) {
        await tx.execute(`INSERT INTO contacts (id, queue_id, batch_id, external_id, arrived_at_ms, first_response_at_ms, ended_at_ms, wait_seconds, handle_seconds, outcome, agent, issue_type, customer_segment, resolved_first_contact, csat_score, nps_score, synthetic) VALUES ${values.join(',')}`)
        values = []
      }
    }
    await tx.commit()
  } finally {
    tx.close()
  }
}

function percentile(sortedMs: number[], p: number): number {
  const h = (sortedMs.length - 1) * p
  const lo = Math.floor(h)
  return sortedMs[lo] + (h - lo) * ((sortedMs[Math.min(lo + 1, sortedMs.length - 1)]) - sortedMs[lo])
}

/**
 * Times the KPI page as a signed-in viewer. Each timed request asks for a different 90-day window (shifted by a day),
 * so none is answered from the page cache: the figures are the report computed from the in-memory columns.
 */
async function timeRequests(app: ReturnType<typeof createApp>, cookie: string, pathFor: (shiftDays: number) => string): Promise<{ firstMs: number; medianMs: number; p95Ms: number; bytes: number }> {
  const headers = { Cookie: cookie }
  const started = performance.now()
  const first = await app.request(pathFor(0), { headers })
  if (first.status !== 200) throw new Error(`${pathFor(0)} answered ${first.status}`)
  const bytes = (await first.text()).length
  const firstMs = performance.now() - started
  const times: number[] = []
  for (let i = 1; i <= REPEATS; i++) {
    const started = performance.now()
    const res = await app.request(pathFor(i), { headers })
    if (res.status !== 200) throw new Error(`${pathFor(i)} answered ${res.status}`)
    await res.text()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { firstMs, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), bytes }
}

/** A 90-day window starting `shiftDays` after 2025-07-01 (from and to inclusive). */
function window90(shiftDays: number): string {
  const day = (offset: number) => new Date(Date.UTC(2025, 6, 1 + shiftDays + offset)).toISOString().slice(0, 10)
  return `from=${day(0)}&to=${day(89)}`
}

async function main() {
  const keep = process.env.KPI_BENCH_DB
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-kpi-bench-'))
  const dbPath = keep ?? join(dir, 'bench.db')
  try {
    const fresh = !existsSync(dbPath)
    const db = await createDb('file:' + dbPath)
    await migrateDb(db)
    if (fresh) {
      const started = performance.now()
      await generateKpiBenchContacts(db, ROWS)
      console.log(`kpis: generated ${ROWS.toLocaleString('en')} contact rows in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    const count = Number((await db.client.execute('SELECT COUNT(*) AS n FROM contacts')).rows[0].n)
    const app = createApp({ db, uploadDir: join(dir, 'uploads') })
    const viewer = await createUser(db, { username: `bench-viewer-${Date.now()}`, password: 'bench viewer password', role: 'viewer' })
    const cookie = `${SESSION_COOKIE}=${(await createSession(db, viewer.id)).token}`
    const cases = [
      { label: 'all queues', pathFor: (shift: number) => `/kpis?queue=all&${window90(shift)}` },
      { label: 'one queue', pathFor: (shift: number) => `/kpis?queue=Support&${window90(shift)}` },
    ]
    for (const c of cases) {
      const inRange = Number((await db.client.execute({
        sql: `SELECT COUNT(*) AS n FROM contacts WHERE arrived_at_ms >= ? AND arrived_at_ms < ?${c.label === 'one queue' ? ' AND queue_id = 3' : ''}`,
        args: [Date.UTC(2025, 6, 1) - 3_600_000, Date.UTC(2025, 8, 29) - 3_600_000],
      })).rows[0].n)
      const t = await timeRequests(app, cookie, c.pathFor)
      console.log(`kpis: 90-day page, ${c.label} (${inRange.toLocaleString('en')} contacts in range), with ${count.toLocaleString('en')} contacts in the database: median ${t.medianMs.toFixed(0)} ms, p95 ${t.p95Ms.toFixed(0)} ms (target < 300 ms; ${REPEATS} requests for different 90-day windows, none from the page cache, ${(t.bytes / 1024).toFixed(0)} KB page)`)
      if (c.label === 'all queues') console.log(`kpis: first request after start, which loads the column cache of all ${count.toLocaleString('en')} contacts: ${(t.firstMs / 1000).toFixed(1)} s (once per data version)`)
    }
    const sqlStarted = performance.now()
    const { resolveKpiRequest, loadKpiReport } = await import('../db/kpis.ts')
    const resolved = await resolveKpiRequest(db, { queue: 'all', from: '2025-07-01', to: '2025-09-28' })
    if (resolved.ok) await loadKpiReport(db, resolved.query, { source: 'sql' })
    console.log(`kpis: the same 90-day report, all queues, aggregated in SQL instead (the CLI's path): ${(performance.now() - sqlStarted).toFixed(0)} ms`)
    closeDb(db)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
