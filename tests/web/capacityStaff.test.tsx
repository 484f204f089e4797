import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import { saveAgent } from '../../src/db/schedules.ts'
import { findCapacityPlan } from '../../src/db/capacityPlans.ts'
import { importAgentsCsv } from '../../src/planning/setupImport.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

// The demo's PS team (data/demo/agents.csv): 26 agents, 888 contracted hours a week = 22.2 FTE of 40 h.
let dir: string, db: Db, app: ReturnType<typeof createApp>, psId: number, nwId: number, usId: number

const fieldValue = (html: string, name: string) => new RegExp(`<input name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1]
const groupsBox = (html: string) => /<textarea name="groups"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1]
const newPlanForm = (html: string) => html.slice(html.indexOf('<form id="capacity-form"'))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-capacity-staff-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  psId = (await createQueue(db, { name: 'PS', timeZone: 'Asia/Jerusalem' })).id
  nwId = (await createQueue(db, { name: 'NW', timeZone: 'Asia/Jerusalem' })).id
  usId = (await createQueue(db, { name: 'US bank', timeZone: 'America/New_York' })).id
  expect(await importAgentsCsv(db, readFileSync(new URL('../../data/demo/agents.csv', import.meta.url), 'utf8'))).toMatchObject({ ok: true, created: 26 })
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db, 'manager')
}, 60_000)

afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe("/capacity's new plan starts from the queue's agents", () => {
  it('PS: headcount 22.2 FTE from the 26 agents, labelled, no groups (one skill set), and saved as shown', async () => {
    const html = await (await app.request('/capacity?queue=PS')).text()
    expect(html).toContain('From the 26 agents set up for this queue (PS): 888 contracted hours a week / 40 hours per FTE = 22.2 FTE today.')
    expect(fieldValue(newPlanForm(html), 'headcount')).toBe('22.2')
    expect(groupsBox(newPlanForm(html))).toBe('')
    expect(html).toMatch(new RegExp(`<option value="${psId}" selected`))
    // the pre-fill is editable: the manager's own headcount is what is saved
    const res = await app.request('/capacity', { method: 'POST', body: new URLSearchParams({ ...formOf(html), name: 'PS from agents', headcount: '25' }), headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(204)
    const saved = await findCapacityPlan(db, Number(res.headers.get('HX-Redirect')!.split('/').pop()))
    expect(saved!.spec.queueId).toBe(psId)
    expect(saved!.spec.staff.headcount).toBe(25)
  })

  it('without a queue asked for, the default queue (else the first by name: NW, nobody serves it) and a form to start from another', async () => {
    const html = await (await app.request('/capacity')).text()
    expect(html).toContain('The queue NW has no agents set up')
    expect(html).toMatch(/<form method="get" action="\/capacity" class="inline"><label><span>Start from another queue&#39;s agents <\/span><select name="queue">/)
  })

  it('a queue with no agents set up says so, and keeps the typed default', async () => {
    const html = await (await app.request(`/capacity?queue=${usId}`)).text()
    expect(html).toContain('The queue US bank has no agents set up (no agent has its skill): type today&#39;s headcount yourself')
    expect(fieldValue(newPlanForm(html), 'headcount')).toBe('40')
    expect(html).toMatch(new RegExp(`<option value="${usId}" selected`))
  })

  it('cross-skilled agents: a group per skill set, each agent once; the pre-filled form saves as it stands', async () => {
    await saveAgent(db, { name: 'Xavier', contractedHoursPerWeek: 30, skillQueueIds: [psId, nwId] })
    const html = await (await app.request(`/capacity?queue=${psId}`)).text()
    expect(html).toContain('PS 26 agents = 22.2 FTE; PS-NW 1 agent = 0.75 FTE')
    const values = formOf(html)
    expect(values.headcount).toBe('22.95')
    expect(values.groups).toBe('PS 22.2\nPS-NW 0.75')
    const res = await app.request('/capacity', { method: 'POST', body: new URLSearchParams({ ...values, name: 'PS by skill' }), headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(204)
    const saved = await findCapacityPlan(db, Number(res.headers.get('HX-Redirect')!.split('/').pop()))
    expect(saved!.spec.staff.headcount).toBe(22.95)
    expect(saved!.spec.staff.groups?.map((g) => [g.name, g.headcount])).toEqual([['PS', 22.2], ['PS-NW', 0.75]])
  })
})

/** The new-plan form's fields as the browser would send them (inputs, textareas, selected options, checked boxes). */
function formOf(page: string): Record<string, string> {
  const html = newPlanForm(page).split('</form>')[0]
  const out: Record<string, string> = {}
  for (const m of html.matchAll(/<input ([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(m[1])?.[1], value = /value="([^"]*)"/.exec(m[1])?.[1] ?? ''
    if (!name) continue
    if (/type="checkbox"/.test(m[1])) { if (/checked/.test(m[1])) out[name] = 'on'; continue }
    out[name] = value
  }
  for (const m of html.matchAll(/<textarea name="([^"]*)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]] = m[2]
  for (const m of html.matchAll(/<select name="([^"]*)">(.*?)<\/select>/gs)) {
    out[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? /<option value="([^"]*)"/.exec(m[2])?.[1] ?? ''
  }
  return out
}
