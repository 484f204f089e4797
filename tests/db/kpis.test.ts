import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { listKpiQueues, loadKpiInputs, loadKpiInputsFromColumns, loadKpiReport, localMsSql, resolveKpiRequest } from '../../src/db/kpis.ts'
import { createQueue } from '../../src/db/queues.ts'
import { loadDemo } from '../../src/demo/loadDemo.ts'
import type { KpiInputs } from '../../src/kpis/report.ts'
import { formatLocalIso, startOfLocalDayUtcMs } from '../../src/time/zones.ts'

const CSV = '/work/shared/data/anon_bank_1999_contacts.csv'

/** R-7 percentile of a sorted list, written out independently of src/kpis. */
function r7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo]
}

describe('KPI aggregates on the Anonymous Bank contacts (real data, no surveys)', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-kpis-'))
    db = await createDb('file:' + join(dir, 'kpis.db'))
    await migrateDb(db)
    await importFile(db, { kind: 'contacts', path: CSV, fileName: 'anon_bank_1999_contacts.csv', timeZone: 'Asia/Jerusalem' })
  }, 60_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('matches an independent computation for October 1999, queue PS, exactly', async () => {
    // The plain computation: read the CSV, keep PS rows that arrived in October (local time), count.
    const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split('\n')
    const col = Object.fromEntries(header.split(',').map((h, i) => [h, i]))
    const rows = lines.map((l) => l.split(',')).filter((f) => f[col.queue] === 'PS' && f[col.arrived_at].startsWith('1999-10'))
    const answered = rows.filter((f) => f[col.outcome] === 'answered')
    const waits = answered.map((f) => Number(f[col.wait_seconds])).sort((a, b) => a - b)
    const handles = answered.filter((f) => f[col.handle_seconds] !== '').map((f) => Number(f[col.handle_seconds]))
    const hourly = new Array(24).fill(0)
    for (const f of rows) hourly[Number(f[col.arrived_at].slice(11, 13))]++

    const ps = (await listKpiQueues(db)).find((q) => q.queue.name === 'PS')!.queue
    const report = await loadKpiReport(db, { queues: [ps], scopeLabel: 'PS', fromDateKey: '1999-10-01', toDateKey: '1999-10-31', thresholdSeconds: 60 })

    expect(report.totals.offered).toBe(rows.length)
    expect(report.firstResponse.allHours.answered).toBe(answered.length)
    expect(report.firstResponse.allHours.medianSeconds).toBe(r7(waits, 0.5))
    expect(report.firstResponse.allHours.p90Seconds).toBe(r7(waits, 0.9))
    expect(report.firstResponse.allHours.p95Seconds).toBe(r7(waits, 0.95))
    expect(report.abandonment.share).toBe(rows.filter((f) => f[col.outcome] === 'abandoned').length / rows.length)
    expect(report.handle.meanSeconds).toBe(handles.reduce((s, v) => s + v, 0) / handles.length)
    expect(report.metrics.ahtMeanSeconds).toBe(handles.reduce((s, v) => s + v, 0) / handles.length)
    expect(report.volume.hourOfDay).toEqual(hourly)
    expect(report.firstResponse.allHours.answeredWithinThreshold).toBe(waits.filter((w) => w <= 60).length)
    // The real numbers, pinned: 22,158 offered, 735 abandoned.
    expect([rows.length, report.totals.abandoned]).toEqual([22158, 735])
  })

  it('says there are no survey answers instead of inventing a CSAT or NPS', async () => {
    const resolved = await resolveKpiRequest(db, { queue: 'PS', from: '1999-10-01', to: '1999-10-31' })
    if (!resolved.ok) throw new Error(resolved.message)
    const report = await loadKpiReport(db, resolved.query)
    expect(report.csat).toEqual({ responses: 0, satisfied: 0, satisfiedShare: null, meanScore: null })
    expect(report.nps.npsPoints).toBeNull()
    expect(report.resolution.share).toBeNull()
    expect(report.correlation.byHandle.bins).toEqual([])
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/)
  })

  it('gives an empty report (zeros and nulls, no NaN) for a range without contacts, and a full one for a single contact', async () => {
    const ps = (await listKpiQueues(db)).find((q) => q.queue.name === 'PS')!.queue
    const empty = await loadKpiReport(db, { queues: [ps], scopeLabel: 'PS', fromDateKey: '1999-05-01', toDateKey: '1999-05-31', thresholdSeconds: 60 })
    expect(empty.totals.offered).toBe(0)
    expect(empty.firstResponse.allHours.medianSeconds).toBeNull()
    expect(empty.handle.meanSeconds).toBeNull()
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/)
    // A day on which queue TT had exactly one contact.
    const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split('\n')
    const col = Object.fromEntries(header.split(',').map((h, i) => [h, i]))
    const perDay = new Map<string, number>()
    for (const l of lines) { const f = l.split(','); if (f[col.queue] === 'TT') perDay.set(f[col.arrived_at].slice(0, 10), (perDay.get(f[col.arrived_at].slice(0, 10)) ?? 0) + 1) }
    const single = [...perDay.entries()].find(([, n]) => n === 1)
    expect(single).toBeDefined()
    const tt = (await listKpiQueues(db)).find((q) => q.queue.name === 'TT')!.queue
    const one = await loadKpiReport(db, { queues: [tt], scopeLabel: 'TT', fromDateKey: single![0], toDateKey: single![0], thresholdSeconds: 60 })
    expect(one.totals.offered).toBe(1)
    expect(JSON.stringify(one)).not.toMatch(/NaN|Infinity/)
  })

  it('computes local time in SQL exactly across daylight-saving changes (Europe/London, March and October 2024)', async () => {
    const zone = 'Europe/London'
    const fromMs = startOfLocalDayUtcMs('2024-03-01', zone), toMs = startOfLocalDayUtcMs('2024-11-01', zone)
    const expr = localMsSql(fromMs, toMs, zone)
    expect(expr.match(/WHEN/g)).toHaveLength(2)
    for (let t = fromMs; t < toMs; t += 3_600_000 * 7 + 60_000 * 13) {
      const r = await db.client.execute({ sql: `SELECT ${expr} AS local_ms FROM (SELECT ? AS arrived_at_ms)`, args: [t] })
      expect(new Date(Number(r.rows[0].local_ms)).toISOString().slice(0, 19)).toBe(formatLocalIso(t, zone))
    }
  })

  it('refuses bad requests with a message naming the value', async () => {
    const bad = await resolveKpiRequest(db, { queue: 'PS', from: '1999-02-30' })
    expect(bad).toMatchObject({ ok: false, message: "The 'from' date must be a date written YYYY-MM-DD, got '1999-02-30'." })
    expect(await resolveKpiRequest(db, { queue: 'XX' })).toMatchObject({ ok: false, message: expect.stringContaining("There is no queue 'XX'") })
    expect(await resolveKpiRequest(db, { threshold: '-5' })).toMatchObject({ ok: false, message: expect.stringContaining('got -5') })
    expect(await resolveKpiRequest(db, { from: '1999-10-10', to: '1999-10-01' })).toMatchObject({ ok: false, message: 'The range ends (1999-10-01) before it starts (1999-10-10).' })
  })

  it('defaults to all queues and the last 30 days of data', async () => {
    const resolved = await resolveKpiRequest(db, {})
    expect(resolved).toMatchObject({ ok: true, selection: { queue: 'all', from: '1999-10-02', to: '1999-10-31', threshold: '60' } })
  })
})

describe('the column cache gives exactly the inputs of the SQL aggregation', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-kpis-columns-'))
    db = await createDb('file:' + join(dir, 'kpis.db'))
    await migrateDb(db)
    await loadDemo(db)
    // A London queue open 09:00–17:00 on weekdays, with chats across both 2024 clock changes.
    const queue = await createQueue(db, { name: 'London', timeZone: 'Europe/London', openingHours: [...new Array(5).fill({ openMinute: 540, closeMinute: 1020 }), null, null] })
    const values: string[] = []
    let seed = 7
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
    for (let i = 0; i < 3000; i++) {
      const arrived = Date.UTC(2024, 2, 20) + Math.floor(random() * 230 * 86_400_000)
      const abandoned = random() < 0.1
      const wait = Math.floor(random() * 90) + (random() < 0.5 ? 0.25 : 0)
      const handle = 60 + Math.floor(random() * 900)
      const agent = random() < 0.05 ? 'NULL' : `'a${i % 7}'`
      values.push(`(${900000 + i}, ${queue.id}, 1, 'L${i}', ${arrived}, ${abandoned ? 'NULL' : arrived + wait * 1000}, ${arrived + (wait + handle) * 1000}, ${wait}, ${abandoned ? 'NULL' : handle}, '${abandoned ? 'abandoned' : 'answered'}', ${abandoned ? 'NULL' : agent},
        ${random() < 0.2 ? 'NULL' : `'t${i % 4}'`}, ${random() < 0.5 ? "''" : "'vip'"}, ${random() < 0.3 ? 'NULL' : random() < 0.8 ? 1 : 0}, ${random() < 0.6 ? 'NULL' : 1 + Math.floor(random() * 5)}, ${random() < 0.7 ? 'NULL' : Math.floor(random() * 11)}, 0)`)
    }
    await db.client.execute(`INSERT INTO contacts (id, queue_id, batch_id, external_id, arrived_at_ms, first_response_at_ms, ended_at_ms, wait_seconds, handle_seconds, outcome, agent, issue_type, customer_segment, resolved_first_contact, csat_score, nps_score, synthetic) VALUES ${values.join(',')}`)
  }, 90_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  const sortBy = <T>(list: T[]) => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  const normalised = (inputs: KpiInputs) => ({ ...inputs, waits: sortBy(inputs.waits), handles: sortBy(inputs.handles), groups: sortBy(inputs.groups) })

  for (const [queue, from, to, threshold] of [['PS', '1999-10-01', '1999-10-31', 60], ['all', '1999-01-01', '1999-10-31', 20], ['London', '2024-03-25', '2024-11-05', 30], ['London', '2024-10-27', '2024-10-27', 0], ['all', '1999-10-06', '1999-10-25', 60]] as const) {
    it(`${queue}, ${from} – ${to}, threshold ${threshold} s`, async () => {
      const resolved = await resolveKpiRequest(db, { queue, from, to, threshold: String(threshold) })
      if (!resolved.ok) throw new Error(resolved.message)
      const fromSql = await loadKpiInputs(db, resolved.query)
      const fromColumns = await loadKpiInputsFromColumns(db, resolved.query)
      expect(normalised(fromColumns)).toEqual(normalised(fromSql))
      expect(fromSql.groups.length).toBeGreaterThan(0)
      // Chat concurrency (summed from per-day sweeps on the column path) is measured, not empty.
      expect(fromColumns.concurrency.agents.length).toBeGreaterThan(0)
    })
  }

  it('reloads the columns after an import changes the data', async () => {
    const resolved = await resolveKpiRequest(db, { queue: 'London', from: '2024-03-25', to: '2024-11-05' })
    if (!resolved.ok) throw new Error(resolved.message)
    const before = (await loadKpiInputsFromColumns(db, resolved.query)).groups.reduce((s, g) => s + g.totals.offered, 0)
    await db.client.execute(`INSERT INTO import_batches (kind, file_name, checksum_sha256, dedupe_key, rows_in_file, rows_imported, rows_rejected, imported_at_ms) VALUES ('contacts', 'x.csv', 'x', 'x', 1, 1, 0, 0)`)
    const queueId = resolved.query.queues[0].id
    await db.client.execute(`INSERT INTO contacts (id, queue_id, batch_id, arrived_at_ms, outcome) VALUES (990000, ${queueId}, (SELECT MAX(id) FROM import_batches), ${Date.UTC(2024, 5, 3, 12)}, 'abandoned')`)
    const after = (await loadKpiInputsFromColumns(db, resolved.query)).groups.reduce((s, g) => s + g.totals.offered, 0)
    expect(after).toBe(before + 1)
  })
})
