/**
 * Import throughput: a generated file of 1,000,000 contact rows (the shape of a chat platform's export)
 * imported into a fresh database. Prints rows per second, peak memory (RSS of the whole process, worker thread
 * included, sampled every 20 ms) and the longest event-loop delay of this thread during the import (what a web
 * server polling the progress would feel). Targets: at least 100,000 rows/s, under 400 MB, delay under 100 ms.
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createDb, closeDb } from '../db/client.ts'
import { migrateDb } from '../db/migrate.ts'
import { importFile } from '../db/importBatch.ts'
import { formatLocalIso } from '../time/zones.ts'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000)

/** Writes `rows` contacts: ~1 arrival every 3 s from 2025-01-01, a few queues, agents, issue types and surveys. */
export async function writeContactsFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('contact_id,queue,arrived_at,answered_at,ended_at,handle_seconds,outcome,agent,issue_type,customer_segment,resolved,csat,nps\n')
  let seed = 42
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
  const queues = ['Sales', 'Support', 'Billing']
  const issues = ['login', 'payment', 'delivery', 'refund', 'other']
  const segments = ['free', 'pro', 'enterprise']
  let t = Date.UTC(2025, 0, 1)
  let buffer = ''
  for (let i = 0; i < rows; i++) {
    t += Math.floor(random() * 6000)
    const abandoned = random() < 0.08
    const wait = Math.floor(random() * 120)
    const handle = 120 + Math.floor(random() * 900)
    const arrived = formatLocalIso(t, 'Europe/London')
    const answered = abandoned ? '' : formatLocalIso(t + wait * 1000, 'Europe/London')
    const ended = formatLocalIso(t + (abandoned ? wait : wait + handle) * 1000, 'Europe/London')
    const csat = random() < 0.3 ? String(1 + Math.floor(random() * 5)) : ''
    const nps = random() < 0.2 ? String(Math.floor(random() * 11)) : ''
    buffer += `${i + 1},${queues[i % 3]},${arrived},${answered},${ended},${abandoned ? '' : handle},${abandoned ? 'abandoned' : 'answered'},${abandoned ? '' : 'agent' + (i % 57)},${issues[i % 5]},${segments[i % 3]},${abandoned ? '' : random() < 0.8},${csat},${nps}\n`
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-bench-'))
  try {
    const csvPath = join(dir, 'contacts.csv')
    await writeContactsFile(csvPath, ROWS)
    globalThis.gc?.()
    const db = await createDb('file:' + join(dir, 'bench.db'))
    await migrateDb(db)
    const baseRss = process.memoryUsage().rss
    let peakRss = baseRss
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss) }, 20)
    const loopDelay = monitorEventLoopDelay({ resolution: 10 })
    loopDelay.enable()
    const started = performance.now()
    const result = await importFile(db, { kind: 'contacts', path: csvPath, fileName: 'contacts.csv', timeZone: 'Europe/London' })
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    loopDelay.disable()
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
    if (result.status !== 'imported') throw new Error('bench import was refused as a duplicate')
    const rowsPerSecond = result.rowsImported / seconds
    console.log(`import: ${result.rowsImported.toLocaleString('en')} contact rows in ${seconds.toFixed(2)} s = ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s (target >= 100,000)`)
    console.log(`import: peak memory ${(peakRss / 1e6).toFixed(0)} MB RSS (process total; target < 400 MB)`)
    console.log(`import: event loop delay during the import: max ${(loopDelay.max / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms (target max < 100 ms)`)
    closeDb(db)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
