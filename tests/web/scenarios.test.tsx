import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { findBaseline, findScenario, listBaselineVersions } from '../../src/db/scenarios.ts'
import { compareWithBaseline, recomputeScenario } from '../../src/planning/scenarioPlan.ts'
import { SCENARIO_INTERVAL_CSV_COLUMNS } from '../../src/scenarios/scenarioCsv.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const demo = (file: string) => new URL(`../../data/demo/${file}`, import.meta.url)
const HX = { 'HX-Request': 'true' }

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let bankId: number
let baselineId: number
let scenarioId: number

function form(values: Record<string, string | string[]>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x)
  return f
}
/** The text of an answer with HTML's escapes undone (names and messages contain quotes). */
const unescaped = async (res: Response) => (await res.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&')
const post = (path: string, values: Record<string, string | string[]>, headers: Record<string, string> = HX) => app.request(path, { method: 'POST', body: form(values), headers })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-scenarios-web-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  const bank = readFileSync(demo('bank_calls_30min.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  bankId = (await findQueueByName(db, 'US bank'))!.id
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
}, 60_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('baselines on the web', () => {
  it('offers to freeze the four weeks after the history, and says what is wrong with bad input', async () => {
    const page = await (await app.request('/scenarios')).text()
    expect(page).toContain('id="freeze-form"')
    expect(page).toContain('value="2003-10-25"')
    expect(page).toContain('value="2003-11-21"')
    expect(page).toContain('No baseline yet')
    const bad = await post('/scenarios/baselines', { queue: String(bankId), from: '2003-10-28', to: '2003-10-27', name: '', costPerHour: '-3', madeBy: '' })
    expect(bad.status).toBe(422)
    const html = await unescaped(bad)
    expect(html).toContain('Days: the end date 2003-10-27 is before the start date 2003-10-28')
    expect(html).toContain('Give the baseline a name')
    expect(html).toContain("Cost per paid agent-hour must be between 0 and 100000, got -3")
  })

  it('freezes the plan in force as a job with progress, then shows the baseline', async () => {
    const started = await post('/scenarios/baselines', { queue: String(bankId), from: '2003-10-27', to: '2003-10-28', name: 'October plan', costPerHour: '30', madeBy: 'Dana' })
    const progress = await started.text()
    expect(progress).toContain('<progress')
    const job = /baselines\/jobs\/([a-z0-9]+)/.exec(progress)![1]
    let redirect: string | null = null
    for (let i = 0; i < 600 && !redirect; i++) {
      const poll = await app.request(`/scenarios/baselines/jobs/${job}`, { headers: HX })
      redirect = poll.headers.get('HX-Redirect')
      if (!redirect) await new Promise((r) => setTimeout(r, 100))
    }
    baselineId = Number(/\/scenarios\/baselines\/(\d+)/.exec(redirect!)![1])
    const baseline = (await findBaseline(db, baselineId))!
    expect([baseline.name, baseline.version, baseline.createdBy, baseline.inputs.intervals.length]).toEqual(['October plan', 1, 'test-admin', 96])
    const page = await (await app.request(`/scenarios/baselines/${baselineId}`)).text()
    expect(page).toContain('October plan')
    expect(page).toContain('id="baseline-totals"')
    expect(page).toContain('forecast made at freeze time')
    const csv = await (await app.request(`/scenarios/baselines/${baselineId}/export.csv`)).text()
    expect(csv.trim().split('\n').length).toBe(97)
  })
})

describe('a scenario on the web', () => {
  it('is created from the baseline page and shows the comparison', async () => {
    const created = await post('/scenarios', { baseline: String(baselineId), name: 'Busier and faster', madeBy: 'Lee' }, {})
    expect(created.status).toBe(303)
    scenarioId = Number(/\/scenarios\/(\d+)$/.exec(created.headers.get('Location')!)![1])
    const page = await (await app.request(`/scenarios/${scenarioId}`)).text()
    expect(page).toContain('id="scenario-form"')
    expect(page).toContain('id="scenario-totals"')
    expect(page).toContain('id="scenario-paid-hours-chart"')
    expect((await post('/scenarios', { baseline: String(baselineId), name: ' ' }, {})).status).toBe(422)
  })

  it('recomputes the comparison as the inputs change (nothing saved) with the engine\'s figures', async () => {
    const res = await post(`/scenarios/${scenarioId}/preview`, { version: '1', serviceLevelTarget: '90', answerWithinSeconds: '30', 'volume.0.kind': 'percent', 'volume.0.value': '10' })
    expect(res.status).toBe(200)
    const html = await res.text()
    const baseline = (await findBaseline(db, baselineId))!
    const expected = compareWithBaseline(baseline, [recomputeScenario(baseline, { serviceLevelTarget: 0.9, answerWithinSeconds: 30, volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.1 }] }, 'x')]).total
    const paidRow = /data-figure="paidHours">(.*?)<\/tr>/s.exec(html)![1]
    expect(paidRow).toContain(expected.baseline.paidHours.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))
    expect(paidRow).toContain(expected.scenarios[0].paidHours.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))
    expect(html).toMatch(/<div id="scenario-form-errors"[^>]*hx-swap-oob="true"/)
    expect((await findScenario(db, scenarioId))!.overrides).toEqual({})
  })

  it('shows clear messages on the form for bad input', async () => {
    const res = await post(`/scenarios/${scenarioId}/preview`, { version: '1', serviceLevelTarget: '120', 'volume.0.kind': 'percent', 'volume.0.value': '900', 'volume.0.from': '2003-11-10', 'volume.0.to': '2003-11-12' })
    expect(res.status).toBe(422)
    const html = await unescaped(res)
    expect(html).toContain('Service level target cannot be over 100%, got 120%')
    expect(html).toContain('Volume change 1 must be between -99% and +500%, got +900%')
    expect(html).toContain('Volume change 1: the dates 2003-11-10 to 2003-11-12 are outside the plan (2003-10-27 to 2003-10-28)')
    const saved = await post(`/scenarios/${scenarioId}`, { version: '1', serviceLevelTarget: '120', madeBy: 'Lee' })
    expect(saved.status).toBe(422)
    const page = await saved.text()
    expect(page).toContain('class="field invalid"')
    expect(page).toContain('id="error-serviceLevelTarget"')
    const untargeted = await post(`/scenarios/${scenarioId}`, { version: '1', serviceLevelTarget: 'none', madeBy: 'Lee' })
    expect(await unescaped(untargeted)).toContain('Not saved: this scenario cannot be planned: Set at least one target')
  })

  it('saves with the version it was opened with (a stale form is refused), and exports the CSV', async () => {
    const saved = await post(`/scenarios/${scenarioId}`, { version: '1', serviceLevelTarget: '90', answerWithinSeconds: '30', madeBy: 'Lee' })
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Saved (version 2) by test-admin.')
    const stale = await post(`/scenarios/${scenarioId}`, { version: '1', shrinkageFraction: '35', madeBy: 'Kim' })
    expect(stale.status).toBe(409)
    expect(await unescaped(stale)).toContain("Not saved: 'Busier and faster' was saved by test-admin meanwhile (version 2, yours 1)")
    const csv = await app.request(`/scenarios/${scenarioId}/export.csv`)
    expect(csv.headers.get('Content-Disposition')).toContain('scenario-Busier_and_faster-vs-October_plan-v1-2003-10-27-2003-10-28.csv')
    const lines = (await csv.text()).trim().split('\n')
    expect(lines[0]).toBe(SCENARIO_INTERVAL_CSV_COLUMNS.join(','))
    expect(lines.length).toBe(97)
    const byDay = (await (await app.request(`/scenarios/${scenarioId}/export.csv?by=day`)).text()).trim().split('\n')
    expect(byDay.length).toBe(4)
  })

  it('draws a sweep of the SLA as a job', async () => {
    const res = await post(`/scenarios/${scenarioId}/sweeps`, { sweepInput: 'serviceLevelTarget', sweepFrom: '70', sweepTo: '95', sweepPoints: '6' })
    const job = /sweeps\/([a-z0-9]+)/.exec(await res.text())![1]
    let html = ''
    for (let i = 0; i < 200; i++) {
      html = await (await app.request(`/scenarios/sweeps/${job}`, { headers: HX })).text()
      if (!html.includes('<progress')) break
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(html).toContain('id="sweep-cost-chart"')
    expect((html.match(/<tr/g) ?? []).length).toBe(8) // two header rows, six points
    expect(html).toContain('cost to meet the targets')
    expect(html).toContain('when staffed to the targets')
    // The service-level axis stops at 100%, and no two cost ticks read the same.
    const serviceTicks = [.../id="sweep-service-chart"[\s\S]*?<\/svg>/.exec(html)![0].matchAll(/class="tick">(\d+)%</g)].map((m) => Number(m[1]))
    expect(Math.max(...serviceTicks)).toBeLessThanOrEqual(100)
    const costTicks = [...[...html.matchAll(/id="sweep-cost-chart"[\s\S]*?<\/svg>/g)][0][0].matchAll(/text-anchor="end" class="tick">([^<]+)</g)].map((m) => m[1])
    expect(new Set(costTicks).size).toBe(costTicks.length)
    const bad = await post(`/scenarios/${scenarioId}/sweeps`, { sweepInput: 'serviceLevelTarget', sweepFrom: '95', sweepTo: '110', sweepPoints: '6' })
    expect(bad.status).toBe(422)
    expect(await unescaped(bad)).toContain("Service level target: the sweep's to value must be between 1% and 100%, got 110%")
  })

  it('is copied, renamed, compared with its copy, promoted to a new baseline version and deleted', async () => {
    const copied = await post(`/scenarios/${scenarioId}/copy`, { madeBy: 'Kim' }, {})
    const copyId = Number(/\/scenarios\/(\d+)/.exec(copied.headers.get('Location')!)![1])
    expect((await findScenario(db, copyId))!.overrides).toEqual({ serviceLevelTarget: 0.9, answerWithinSeconds: 30 })
    expect((await post(`/scenarios/${copyId}/rename`, { version: '1', name: 'Cheaper' }, {})).status).toBe(303)
    expect((await findScenario(db, copyId))!.name).toBe('Cheaper')
    const compare = await app.request(`/scenarios/compare?baseline=${baselineId}&s=${scenarioId}&s=${copyId}`)
    expect(compare.status).toBe(200)
    const html = await compare.text()
    expect(html).toContain('<th>Busier and faster</th><th>Cheaper</th>')
    const promoted = await post(`/scenarios/${scenarioId}/promote`, { madeBy: 'Dana' }, {})
    expect(promoted.status).toBe(303)
    const versions = await listBaselineVersions(db, bankId, 'October plan')
    expect(versions.map((v) => [v.version, v.createdBy, v.promotedFromScenarioId])).toEqual([[1, 'test-admin', null], [2, 'test-admin', scenarioId]])
    expect(promoted.headers.get('Location')).toBe(`/scenarios/baselines/${versions[1].id}`)
    expect((await findBaseline(db, versions[1].id))!.inputs.settings.serviceLevelTarget).toBe(0.9)
    expect((await findBaseline(db, baselineId))!.inputs.settings.serviceLevelTarget).toBe(0.8)
    const stale = await post(`/scenarios/${copyId}/delete`, { version: '1' }, {})
    expect(stale.status).toBe(409)
    expect(await unescaped(stale)).toContain("'Cheaper' was saved meanwhile (version 2): reload it before deleting")
    expect((await post(`/scenarios/${copyId}/delete`, { version: '2' }, {})).headers.get('Location')).toBe(`/scenarios/baselines/${baselineId}`)
    expect(await findScenario(db, copyId)).toBeUndefined()
  })
})
