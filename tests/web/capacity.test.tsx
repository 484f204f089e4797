import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { findCapacityPlan, listCapacityPlans } from '../../src/db/capacityPlans.ts'
import { computeCapacityPlan, loadCapacityInputs } from '../../src/planning/capacityPlan.ts'
import { CAPACITY_CSV_COLUMNS, CAPACITY_GROUP_CSV_COLUMNS, DEFAULT_FORM_VALUES } from '../../src/capacity/index.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn, signedInApp } from './authHelper.ts'

const HX = { 'HX-Request': 'true' }
let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let queueId: number

function form(values: Record<string, string>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(values)) f.append(k, v)
  return f
}
const post = (path: string, values: Record<string, string>, headers: Record<string, string> = HX) => app.request(path, { method: 'POST', body: form(values), headers })

async function resultOf(id: number): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const html = await (await app.request(`/capacity/${id}/result`, { headers: HX })).text()
    if (!html.includes('hx-trigger="load')) return html
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the plan did not finish')
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-capacity-web-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-08-04').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  queueId = (await findQueueByName(db, 'US bank'))!.id
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db, 'manager')
}, 60_000)

afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('/capacity', () => {
  it('is for managers: a scheduler is refused, and the nav links to it', async () => {
    const scheduler = await signIn(app, db, 'scheduler')
    expect((await scheduler.request('/capacity')).status).toBe(403)
    expect(await (await app.request('/capacity')).text()).toContain('href="/capacity"')
  })

  it('refuses a bad form naming the field, and saves nothing', async () => {
    const res = await post('/capacity', { ...DEFAULT_FORM_VALUES, queueId: String(queueId), classSizeMax: '0', attritionMonthlyPercent: 'lots' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('monthly attrition: &#39;lots&#39; is not a number')
    expect(await listCapacityPlans(db)).toEqual([])
  })

  it('saves a plan, computes it in a job, and the page, the CSV and the planning code agree', async () => {
    const res = await post('/capacity', { ...DEFAULT_FORM_VALUES, name: 'Autumn', queueId: String(queueId), weeksAhead: '26', headcount: '490', classSizeMax: '15', serviceLevelPercent: '80', answerWithinSeconds: '60' })
    expect(res.status).toBe(204)
    const id = Number(res.headers.get('HX-Redirect')!.split('/').pop())
    const html = await resultOf(id)
    expect(html).toContain('id="capacity-summary"')
    expect(html).toContain('id="capacity-chart"')
    const record = (await findCapacityPlan(db, id))!
    const direct = await computeCapacityPlan(await loadCapacityInputs(db, (await findQueueByName(db, 'US bank'))!, record.spec))
    expect(direct.weeks).toHaveLength(26)
    const hires = direct.classes.reduce((s, c) => s + c.count, 0)
    expect(hires).toBeGreaterThan(0) // about 472 FTE needed, 490 people losing 3% a month
    expect(html).toContain(`Hire <strong>${hires}</strong> in ${direct.classes.length} class`)
    const csv = await (await app.request(`/capacity/${id}/export.csv`)).text()
    const [header, ...rows] = csv.trim().split('\n')
    expect(header).toBe(CAPACITY_CSV_COLUMNS.join(','))
    expect(rows).toHaveLength(26)
    rows.forEach((row, i) => {
      const cells = row.split(',')
      expect(cells[2]).toBe(direct.weeks[i].weekStart)
      expect(Number(cells[7])).toBeCloseTo(direct.weeks[i].requiredFte, 2)
      expect(Number(cells[12])).toBeCloseTo(direct.weeks[i].productiveFte, 2)
    })
  }, 60_000)

  it('copies a plan, changes the copy, and compares the two', async () => {
    const [first] = await listCapacityPlans(db)
    const copied = await post(`/capacity/${first.id}/copy`, {})
    const copyId = Number(copied.headers.get('HX-Redirect')!.split('/').pop())
    const copy = (await findCapacityPlan(db, copyId))!
    expect(copy.name).toBe('Autumn (copy)')
    const changed = await post(`/capacity/${copyId}`, { ...(await import('../../src/capacity/index.ts')).formValuesOf(copy.spec), name: 'Autumn, more attrition', attritionMonthlyPercent: '6', version: String(copy.version) })
    expect(changed.status).toBe(204)
    const stale = await post(`/capacity/${copyId}`, { ...(await import('../../src/capacity/index.ts')).formValuesOf(copy.spec), version: String(copy.version) })
    expect(stale.status).toBe(422)
    expect(await stale.text()).toMatch(/was saved by .* meanwhile/)
    const compare = await app.request(`/capacity/compare?id=${first.id}&id=${copyId}`)
    expect(compare.status).toBe(200)
    const html = await compare.text()
    expect(html).toContain('Autumn vs Autumn, more attrition')
    expect(html).toContain('id="capacity-compare-totals"')
    expect((await app.request(`/capacity/compare?id=${first.id}`)).status).toBe(400)
  }, 60_000)

  it('a plan with groups (teams or skills): the page shows them by group and exports them group by group', async () => {
    const res = await post('/capacity', { ...DEFAULT_FORM_VALUES, name: 'By skill', queueId: String(queueId), weeksAhead: '12', headcount: '', groups: 'Sales 300 share=60\nBilling 170 share=40 attrition=6 class=10', plannedHires: '' })
    expect(res.status).toBe(204)
    const id = Number(res.headers.get('HX-Redirect')!.split('/').pop())
    const html = await resultOf(id)
    expect(html).toContain('id="capacity-groups"')
    expect(html).toContain('id="capacity-groups-short"') // Billing loses 6% a month: short if nothing is done
    const record = (await findCapacityPlan(db, id))!
    expect(record.spec.staff.headcount).toBe(470)
    const direct = await computeCapacityPlan(await loadCapacityInputs(db, (await findQueueByName(db, 'US bank'))!, record.spec))
    expect(direct.groups.map((g) => g.name)).toEqual(['Sales', 'Billing'])
    expect(await (await app.request(`/capacity/${id}`)).text()).toContain(`href="/capacity/${id}/groups.csv"`)
    const csv = await (await app.request(`/capacity/${id}/groups.csv`)).text()
    const [header, ...rows] = csv.trim().split('\n')
    expect(header).toBe(CAPACITY_GROUP_CSV_COLUMNS.join(','))
    expect(rows).toHaveLength(24)
    rows.forEach((row, k) => {
      const cells = row.split(','), g = direct.groups[Math.floor(k / 12)], w = g.weeks[k % 12]
      expect(cells[2]).toBe(g.name)
      expect(cells[3]).toBe(w.weekStart)
      expect(Number(cells[4])).toBeCloseTo(w.requiredFte, 2)
      expect(Number(cells[7])).toBeCloseTo(w.productiveFte, 2)
    })
    // the groups add up to the plan's own CSV
    const total = (await (await app.request(`/capacity/${id}/export.csv`)).text()).trim().split('\n').slice(1).map((r) => r.split(','))
    total.forEach((cells, i) => expect(Number(cells[12])).toBeCloseTo(Number(rows[i].split(',')[7]) + Number(rows[12 + i].split(',')[7]), 1))
    const bad = await post('/capacity', { ...DEFAULT_FORM_VALUES, name: 'Bad', queueId: String(queueId), headcount: '400', groups: 'Sales 300\nBilling 170', plannedHires: '' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('the groups&#39; headcounts add up to 470, not the headcount 400')
  }, 60_000)
})
