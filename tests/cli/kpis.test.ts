import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { loadDemo } from '../../src/demo/loadDemo.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from '../web/authHelper.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { runCli } from '../../src/cli/main.ts'

function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  for (const line of text.trim().split('\n')) {
    const cells: string[] = []
    let cell = '', quoted = false
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]
      if (quoted) { if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++ } else if (ch === '"') quoted = false; else cell += ch }
      else if (ch === '"') quoted = true
      else if (ch === ',') { cells.push(cell); cell = '' }
      else cell += ch
    }
    cells.push(cell)
    rows.push(cells)
  }
  return rows
}

describe('chatplan kpis', () => {
  let dir: string
  let url: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-cli-kpis-'))
    url = 'file:' + join(dir, 'demo.db')
    db = await createDb(url)
    await migrateDb(db)
    await loadDemo(db)
  }, 90_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('prints the same figures as the page shows, and the page CSV export is the same CSV', async () => {
    const io = memoryIo('', { DATABASE_URL: url })
    expect(await runCli(['kpis', '--queue', 'PS', '--from', '1999-10-01', '--to', '1999-10-31', '--threshold', '30', '--format', 'csv'], io)).toBe(0)
    const csv = parseCsv(io.stdout)
    expect(csv[0]).toEqual(['metric', 'label', 'value', 'unit', 'based_on'])
    const app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    const queueId = (await db.client.execute(`SELECT id FROM queues WHERE name = 'PS'`)).rows[0].id
    const query = `queue=${queueId}&from=1999-10-01&to=1999-10-31&threshold=30`
    const page = await (await app.request(`/kpis?${query}`)).text()
    const summary = page.slice(page.indexOf('id="kpi-summary"'))
    const onPage = new Map([...summary.matchAll(/data-metric="([A-Za-z0-9]+)" data-value="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    for (const [metric, , value] of csv.slice(1)) expect(onPage.get(metric), metric).toBe(value)
    expect(onPage.size).toBe(csv.length - 1)
    expect(onPage.get('offered')).toBe('22158')
    const exported = await (await app.request(`/kpis/export/summary.csv?${query}`)).text()
    expect(exported).toBe(io.stdout)
  })

  it('prints the whole report as JSON with the definitions', async () => {
    const io = memoryIo('', { DATABASE_URL: url })
    expect(await runCli(['kpis', '--queue', 'PS', '--from', '1999-10-01', '--to', '1999-10-31', '--format', 'json'], io)).toBe(0)
    const json = JSON.parse(io.stdout)
    expect(json.scope).toMatchObject({ label: 'PS', fromDateKey: '1999-10-01', toDateKey: '1999-10-31', thresholdSeconds: 60, timeZone: 'Asia/Jerusalem' })
    expect(json.summary.find((s: { metric: string }) => s.metric === 'abandoned').value).toBe(735)
    expect(json.report.volume.hourOfWeek).toHaveLength(7)
    expect(json.definitions.nps).toContain('promoters (9–10)')
    // GET /api/v1/queues/{id}/kpis answers the same report (from the KPI worker's day aggregates; the CLI sums in SQL).
    const app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    const queueId = (await db.client.execute(`SELECT id FROM queues WHERE name = 'PS'`)).rows[0].id
    const api = await (await app.request(`/api/v1/queues/${queueId}/kpis?from=1999-10-01&to=1999-10-31`)).json() as { report: unknown }
    // (to 12 significant digits: Pearson's r sums its products in another order)
    const rounded = (v: unknown) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'number' ? Number(x.toPrecision(12)) : x)))
    expect(rounded(api.report)).toEqual(rounded(json.report))
  })

  it('prints every table with --table all, and refuses bad options with a message', async () => {
    const io = memoryIo('', { DATABASE_URL: url })
    expect(await runCli(['kpis', '--queue', 'PS', '--format', 'csv', '--table', 'all'], io)).toBe(0)
    expect(io.stdout).toContain('# heatmap\nweekday,h00,')
    expect(io.stdout).toContain('# agents\nagent,handled,')
    const bad = memoryIo('', { DATABASE_URL: url })
    expect(await runCli(['kpis', '--queue', 'Nope', '--format', 'csv'], bad)).toBe(1)
    expect(bad.stderr).toContain("There is no queue 'Nope' with contact records")
    const badFormat = memoryIo('', { DATABASE_URL: url })
    expect(await runCli(['kpis', '--format', 'xml'], badFormat)).toBe(1)
    expect(badFormat.stderr).toBe("chatplan kpis: --format must be json or csv, got 'xml'\n")
    const badDate = memoryIo('', { DATABASE_URL: url })
    expect(await runCli(['kpis', '--from', '31/10/1999', '--format', 'json'], badDate)).toBe(1)
    expect(badDate.stderr).toContain("The 'from' date must be a date written YYYY-MM-DD, got '31/10/1999'")
  })

  it('answers the page for an empty range and a bad threshold with a clear message, never NaN', async () => {
    const app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    const empty = await app.request('/kpis?queue=PS&from=1999-05-01&to=1999-05-31')
    const emptyText = await empty.text()
    expect(empty.status).toBe(200)
    expect(emptyText).toContain('No contacts joined queue PS from 1999-05-01 to 1999-05-31. The data covers 1999-01-01 – 1999-10-31.')
    const bad = await app.request('/kpis?queue=PS&threshold=soon')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('The SLA threshold must be a number, got &#39;soon&#39;') // the shared query schema (src/schemas/queryParams.ts)
    const fragment = await app.request('/kpis?queue=PS&from=1999-10-01&to=1999-10-07', { headers: { 'HX-Request': 'true' } })
    const html = await fragment.text()
    expect(html.startsWith('<section id="kpi-report">')).toBe(true)
    expect(html).not.toMatch(/NaN|undefined|Infinity/)
    expect(html).toContain('synthetic')
  })
})
