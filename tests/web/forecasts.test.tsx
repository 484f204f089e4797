/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { insertSnapshot } from '../../src/db/forecasts.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { forecastQueue } from '../../src/planning/queueForecast.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const ZONE = 'America/New_York'
const HX = { 'HX-Request': 'true' }
const csvPath = new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname

function formBody(values: Record<string, string>): FormData {
  const form = new FormData()
  for (const [k, v] of Object.entries(values)) form.set(k, v)
  return form
}

describe('forecast page and routes (in-process requests)', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let queueId: number
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-forecast-web-'))
    db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    await importFile(db, { kind: 'intervals', path: csvPath, fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: ZONE })
    await db.client.execute({ sql: `UPDATE queues SET opening_hours_json = ? WHERE name = 'US bank'`, args: [JSON.stringify(US_BANK_HOURS)] })
    queueId = (await findQueueByName(db, 'US bank'))!.id
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  /** Polls a run as htmx would until its fragment stops polling; returns the last fragment. */
  async function waitForRun(jobId: string): Promise<{ status: number; html: string }> {
    for (let i = 0; i < 300; i++) {
      const res = await app.request(`/forecasts/jobs/${jobId}`, { headers: HX })
      const html = await res.text()
      if (!html.includes('hx-trigger="load delay:500ms"')) return { status: res.status, html }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('the forecast run did not finish in 30 s')
  }

  async function startRun(values: Record<string, string>): Promise<string> {
    const res = await app.request('/forecasts', { method: 'POST', body: formBody(values), headers: HX })
    expect(res.status).toBe(202)
    const html = await res.text()
    expect(html).toContain('id="forecast-result"')
    expect(html).toContain('hx-trigger="load delay:500ms"')
    return /hx-get="\/forecasts\/jobs\/([0-9a-z]+)"/.exec(html)![1]
  }

  it('offers the four weeks after the history, at the history interval length', async () => {
    const res = await app.request('/forecasts?queue=US%20bank')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('History: 2003-03-03 – 2003-10-24, 30-minute interval aggregates')
    expect(html).toContain('name="from" value="2003-10-25"')
    expect(html).toContain('name="to" value="2003-11-21"')
    expect(html).toMatch(/<option value="30" selected="">30 minutes<\/option>/)
    expect(html).toContain('Automatic (best backtest)')
    expect(html).toContain('No stored forecasts yet')
    expect(html).not.toContain('being built')
    // htmx 2 does not swap 4xx/5xx answers by default: the layout's htmx config opts in (no eval'd hx-on under the CSP).
    expect(html).toContain('{&quot;code&quot;:&quot;[45]..&quot;,&quot;swap&quot;:true,&quot;error&quot;:true}')
    expect(html).not.toContain('hx-on')
  })

  let jobId: string
  it('runs a forecast in the background and shows the chart, why this model, coverage, AHT and the table', async () => {
    jobId = await startRun({ queue: String(queueId), intervalMinutes: '30', from: '2003-10-25', to: '2003-11-21', model: '' })
    const { status, html } = await waitForRun(jobId)
    expect(status).toBe(200)
    // The same forecast computed directly: same model, same total.
    const direct = await forecastQueue(db, (await findQueueByName(db, 'US bank'))!, { fromDateKey: '2003-10-25', toDateKey: '2003-11-21', intervalMinutes: 30 })
    expect(html).toContain(`id="forecast-model" data-model="${direct.volume.model}"><span class="model-name" title="${direct.volume.model}"`)
    const total = Math.round(direct.intervals.reduce((s, i) => s + i.volume, 0))
    expect(html).toContain(`id="forecast-total">${total.toLocaleString('en')}<`)
    expect(html).toContain('id="forecast-chart"')
    expect(html).toContain('data-series="80% interval"')
    expect(html).toContain('data-series="95% interval"')
    // Every candidate's score, the chosen one marked, and a button to re-run with any other.
    const table = /<table id="model-score-table">[\s\S]*?<\/table>/.exec(html)![0]
    expect((table.match(/<tr/g) ?? []).length).toBe(direct.volume.scores.length + 1)
    expect(table).toContain('<span class="badge">chosen</span>')
    expect(table).toContain('<span class="model-name" title="seasonalNaive" data-model="seasonalNaive">Same time last week</span>')
    expect((table.match(/Use this model/g) ?? []).length).toBe(direct.volume.scores.length - 1)
    // Interval coverage of the calibrated intervals, as computed by the engine.
    expect(html).toContain(`80% intervals covered ${(direct.volume.intervalCoverage[0].coverage * 100).toFixed(1)}% of actuals`)
    expect(html).toContain('id="horizon-table"')
    expect(html).toContain('id="horizon-chart"')
    expect(html).toContain('id="aht-chart"')
    // The table opens on the first open day (Monday 27 October; the weekend is closed) and links both ways.
    expect(html).toContain('id="forecast-table-day">Mon 2003-10-27<')
    expect(html).toContain(`hx-get="/forecasts/jobs/${jobId}/table?day=2003-10-26"`)
    expect(html).toContain(`hx-get="/forecasts/jobs/${jobId}/table?day=2003-10-28"`)
  })

  it('answers the day table as a fragment for htmx, and redirects to the page without it', async () => {
    const res = await app.request(`/forecasts/jobs/${jobId}/table?day=2003-10-27`, { headers: HX })
    const html = await res.text()
    expect(html.startsWith('<div id="forecast-table">')).toBe(true)
    expect(html).not.toContain('<html')
    expect(html).toContain('Mon 2003-10-27')
    expect((html.match(/<tr>/g) ?? []).length).toBe(48 + 1)
    // Saturday 25 October: closed, every interval zero.
    const saturday = await (await app.request(`/forecasts/jobs/${jobId}/table?day=2003-10-25`, { headers: HX })).text()
    expect(saturday).toContain('0 contacts expected')
    // 25-hour day (clocks go back on 26 October 2003): 50 half-hours.
    const dst = await (await app.request(`/forecasts/jobs/${jobId}/table?day=2003-10-26`, { headers: HX })).text()
    expect((dst.match(/<tr>/g) ?? []).length).toBe(50 + 1)
    const plain = await app.request(`/forecasts/jobs/${jobId}/table?day=2003-10-27`)
    expect(plain.status).toBe(303)
    expect(plain.headers.get('location')).toBe(`/forecasts/jobs/${jobId}?day=2003-10-27#forecast-table`)
    const page = await (await app.request(`/forecasts/jobs/${jobId}?day=2003-10-27`)).text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain('id="forecast-table-day">Mon 2003-10-27<')
  })

  let jobCsv: string
  it('exports the run as CSV with local times and their offsets', async () => {
    const res = await app.request(`/forecasts/export.csv?job=${jobId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="forecast-US_bank-2003-10-25-2003-11-21.csv"')
    jobCsv = await res.text()
    const lines = jobCsv.trim().split('\n')
    expect(lines[0]).toBe('interval_start,volume_mean,volume_lo80,volume_hi80,volume_lo95,volume_hi95,aht_mean_seconds,aht_lo80_seconds,aht_hi80_seconds')
    expect(lines).toHaveLength(1 + 27 * 48 + 50)
    expect(lines[1]).toMatch(/^2003-10-25T00:00:00-04:00,0,0,0,0,0,/)
    const monday = lines.find((l) => l.startsWith('2003-10-27T09:00:00-05:00,'))!.split(',').map(Number)
    // mean inside its 80% interval, inside its 95% interval.
    // Columns: time, mean, lo80, hi80, lo95, hi95: lo95 <= lo80 <= mean <= hi80 <= hi95.
    expect(monday[4]).toBeLessThanOrEqual(monday[2])
    expect(monday[2]).toBeLessThanOrEqual(monday[1])
    expect(monday[1]).toBeLessThanOrEqual(monday[3])
    expect(monday[3]).toBeLessThanOrEqual(monday[5])
    expect(monday[1]).toBeGreaterThan(100)
  })

  let snapshotId: number
  it('publishes the run as a snapshot, lists it, and exports exactly the same CSV from it', async () => {
    const res = await app.request(`/forecasts/jobs/${jobId}/publish`, { method: 'POST', body: formBody({ name: 'Weeks 44-47' }), headers: HX })
    expect(res.status).toBe(200)
    const html = await res.text()
    snapshotId = Number(/snapshot #(\d+)/.exec(html)![1])
    expect(html).toContain('id="publish-outcome"')
    expect(html).toContain('<div id="snapshot-list" hx-swap-oob="true">')
    expect(html).toContain('Weeks 44-47')
    // Publishing twice stores it once.
    await app.request(`/forecasts/jobs/${jobId}/publish`, { method: 'POST', body: formBody({ name: 'again' }), headers: HX })
    expect(Number((await db.client.execute('SELECT COUNT(*) AS n FROM forecast_snapshots')).rows[0].n)).toBe(1)
    const fromSnapshot = await (await app.request(`/forecasts/export.csv?snapshot=${snapshotId}`)).text()
    expect(fromSnapshot).toBe(jobCsv)
    const page = await (await app.request(`/forecasts/${snapshotId}`)).text()
    expect(page).toContain('Stored forecast #' + snapshotId)
    expect(page).toContain('id="forecast-chart"')
    expect(page).toContain('id="model-score-table"')
    expect(page).toContain('id="horizon-table"')
    expect(page).toContain('<span class="badge">published</span>')
    expect(page).toContain('No published forecast of US bank has actuals yet')
    const list = await (await app.request('/forecasts?queue=US%20bank')).text()
    expect(list).toContain(`<a href="/forecasts/${snapshotId}">Weeks 44-47</a>`)
  })

  it('withdraws and republishes a snapshot', async () => {
    const off = await (await app.request(`/forecasts/${snapshotId}/published`, { method: 'POST', body: formBody({ published: '0' }), headers: HX })).text()
    expect(off).toContain('stored but not published')
    const on = await (await app.request(`/forecasts/${snapshotId}/published`, { method: 'POST', body: formBody({ published: '1' }), headers: HX })).text()
    expect(on).toContain('This forecast is in use')
    expect((await app.request(`/forecasts/${snapshotId}/published`, { method: 'POST', body: formBody({ published: 'yes' }), headers: HX })).status).toBe(422)
  })

  it('reports forecast vs actual of a published snapshot whose horizon has history: WAPE and bias by hand', async () => {
    // A forecast of Monday 20 October 2003 that is 10% above every actual interval: WAPE 10%, bias +10%.
    const rows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).filter((l) => l.startsWith('2003-10-20'))
    const intervals = rows.map((l) => {
      const [t, v] = l.split(',')
      const mean = Number(v) * 1.1
      return { startMs: parseLocalIsoToUtcMs(t, ZONE), mean, lo80: mean, hi80: mean, lo95: mean, hi95: mean, ahtMeanSeconds: 300, ahtLo80Seconds: 300, ahtHi80Seconds: 300 }
    })
    const stored = await insertSnapshot(db, {
      queueId, name: 'Monday check', model: 'weekdayMean:k=4', ahtModel: null, intervalMinutes: 30, fromDateKey: '2003-10-20', toDateKey: '2003-10-20',
      scores: [], ahtScores: [], horizonAccuracy: null, coverage: [], warnings: [], published: true, intervals, createdAtMs: 1,
    })
    const fragment = await (await app.request(`/forecasts/accuracy?queue=${queueId}`, { headers: HX })).text()
    expect(fragment.startsWith('<div id="accuracy-report">')).toBe(true)
    const row = /<tr><td><a href="\/forecasts\/(\d+)">#\d+ Monday check[\s\S]*?<\/tr>/.exec(fragment)!
    expect(Number(row[1])).toBe(stored.id)
    expect(row[0]).toContain('>10.00%<')
    expect(row[0]).toContain('>+10.0%<')
    const wape = Number(/data-wape="([^"]+)"/.exec(row[0])![1])
    expect(wape).toBeCloseTo(0.1, 12)
    expect(fragment).toContain('id="accuracy-wape-chart"')
    expect(fragment).toContain('id="accuracy-bias-chart"')
    const page = await (await app.request(`/forecasts/${stored.id}`)).text()
    expect(page).toContain('data-series="actual"')
    expect(page).toContain('>10.00%<')
  })

  it('refuses bad forms with a clear message (422), without starting a run', async () => {
    const base = { queue: String(queueId), intervalMinutes: '30', from: '2003-10-25', to: '2003-11-21', model: '' }
    const finer = await app.request('/forecasts', { method: 'POST', body: formBody({ ...base, intervalMinutes: '15' }), headers: HX })
    expect(finer.status).toBe(422)
    expect(await finer.text()).toContain("the history of &#39;US bank&#39; is in 30-minute intervals, so it cannot be forecast in 15-minute intervals: choose 30 or 60 minutes")
    const backwards = await app.request('/forecasts', { method: 'POST', body: formBody({ ...base, to: '2003-10-01' }), headers: HX })
    expect(await backwards.text()).toContain('the horizon ends (2003-10-01) before it starts (2003-10-25)')
    const long = await app.request('/forecasts', { method: 'POST', body: formBody({ ...base, to: '2004-06-01' }), headers: HX })
    expect(await long.text()).toContain('forecast at most 92 days')
    const badDate = await app.request('/forecasts', { method: 'POST', body: formBody({ ...base, from: 'soon' }), headers: HX })
    expect(badDate.status).toBe(422)
    expect(await badDate.text()).toContain('from must be a date (YYYY-MM-DD)')
    const noJs = await app.request('/forecasts', { method: 'POST', body: formBody({ ...base, intervalMinutes: '45' }) })
    expect(noJs.status).toBe(422)
    const page = await noJs.text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain('intervalMinutes must be one of 15, 30, 60')
  })

  it('shows the engine’s message when a forced model does not exist or the horizon is inside the history', async () => {
    const unknown = await waitForRun(await startRun({ queue: String(queueId), intervalMinutes: '30', from: '2003-10-25', to: '2003-11-21', model: 'prophet' }))
    expect(unknown.status).toBe(422)
    expect(unknown.html).toContain('model must be one of')
    const past = await waitForRun(await startRun({ queue: String(queueId), intervalMinutes: '30', from: '2003-09-01', to: '2003-09-30', model: '' }))
    expect(past.html).toContain('is not after the history of')
  })

  it('forces a model chosen from the score table, and runs without JavaScript (redirect, self-refreshing page)', async () => {
    const res = await app.request('/forecasts', { method: 'POST', body: formBody({ queue: String(queueId), intervalMinutes: '60', from: '2003-10-27', to: '2003-10-31', model: 'weekdayMean:k=4' }) })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(/^\/forecasts\/jobs\/[0-9a-z]+$/)
    let page = ''
    for (let i = 0; i < 300; i++) {
      const r = await app.request(location)
      page = await r.text()
      if (!r.headers.get('refresh')) break
      expect(page).toContain('Forecasting…')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(page).toContain('id="forecast-model" data-model="weekdayMean:k=4"><span class="model-name" title="weekdayMean:k=4" data-model="weekdayMean:k=4">Average of the last 4 same weekdays</span>')
    expect(page).toContain('<option value="weekdayMean:k=4" selected="" title="weekdayMean:k=4">Average of the last 4 same weekdays</option>')
    expect(page).toContain('Monday')
  })

  it('answers 404 for unknown snapshots and runs, and 400 for an export that names nothing', async () => {
    expect((await app.request('/forecasts/99999')).status).toBe(404)
    expect((await app.request('/forecasts/export.csv?snapshot=99999')).status).toBe(404)
    expect((await app.request('/forecasts/export.csv?job=zzz')).status).toBe(404)
    expect((await app.request('/forecasts/export.csv')).status).toBe(400)
    expect((await app.request('/forecasts/jobs/zzz', { headers: HX })).status).toBe(404)
  })
})

describe('forecast page on an empty database', () => {
  it('asks for an import', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatplan-forecast-empty-'))
    const db = await createDb('file:' + join(dir, 'empty.db'))
    await migrateDb(db)
    const app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    const res = await app.request('/forecasts')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('There is no history to forecast from yet')
    db.client.close()
    rmSync(dir, { recursive: true, force: true })
  })
})
