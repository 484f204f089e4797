/** Bulk set-up on the schedules page: agents and shift templates imported from CSV (all or nothing) and exported. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import { listAgents, listShiftTemplates } from '../../src/db/schedules.ts'
import { ISRAEL_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const demo = (file: string) => readFileSync(new URL(`../../data/demo/${file}`, import.meta.url), 'utf8')
const HX = { 'HX-Request': 'true' }
const textOf = async (res: Response) => (await res.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&')

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let psId: number

function upload(path: string, csv: string, name: string, headers: Record<string, string> = HX) {
  const body = new FormData()
  body.append('file', new File([csv], name, { type: 'text/csv' }))
  return app.request(path, { method: 'POST', body, headers })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-setup-csv-'))
  db = await createDb('file:' + join(dir, 'setup.db'))
  await migrateDb(db)
  psId = (await createQueue(db, { name: 'PS', timeZone: 'Asia/Jerusalem', openingHours: ISRAEL_BANK_HOURS })).id
  await createQueue(db, { name: 'NW', timeZone: 'Asia/Jerusalem', openingHours: ISRAEL_BANK_HOURS })
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
}, 60_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('agents and templates from CSV', () => {
  it("imports the demo's 26 agents in one go, and exports them back in the same format", async () => {
    const res = await upload(`/schedules/agents/import?queue=${psId}`, demo('agents.csv'), 'agents.csv')
    expect(res.status).toBe(200)
    expect(await textOf(res)).toContain('Imported 26 agents from agents.csv: 26 added, 0 replaced.')
    const agents = await listAgents(db)
    expect(agents).toHaveLength(26)
    expect(agents.every((a) => a.skillQueueIds.length === 1 && a.skillQueueIds[0] === psId)).toBe(true)
    const exported = await app.request('/schedules/agents.csv')
    expect(exported.headers.get('Content-Type')).toContain('text/csv')
    const lines = (await exported.text()).trim().split('\n')
    expect(lines).toHaveLength(27)
    const original = demo('agents.csv').trim().split('\n')
    expect(new Set(lines.slice(1))).toEqual(new Set(original.slice(1).map((l) => l.replace(/,$/, ','))))
  })

  it('replaces agents by name, and imports nothing when any row is wrong (every problem named by row and column)', async () => {
    const replaced = await upload(`/schedules/agents/import?queue=${psId}`, 'name,contracted_hours_per_week,skills\nAdi,32,PS; NW\nNew One,20,NW\n', 'changes.csv', {})
    expect([replaced.status, replaced.headers.get('Location')]).toEqual([303, `/schedules?queue=${psId}`])
    const adi = (await listAgents(db)).find((a) => a.name === 'Adi')!
    expect([adi.contractedHoursPerWeek, adi.skillQueueIds.length, adi.version]).toEqual([32, 2, 2])
    expect(await listAgents(db)).toHaveLength(27)

    const before = JSON.stringify(await listAgents(db))
    const bad = await upload(`/schedules/agents/import?queue=${psId}`, 'name,contracted_hours_per_week,skills,availability\nAdi,40,PS,\nGhost,40,Nowhere,\nLate,40,PS,every evening\n', 'team.csv')
    expect(bad.status).toBe(422)
    const html = await textOf(bad)
    expect(html).toContain('Nothing was imported from team.csv:')
    expect(html).toContain("team.csv row 4, column availability: 'every evening' is not a window like 'mon 07:00-15:00'")
    expect(JSON.stringify(await listAgents(db))).toBe(before)
    const unknownQueue = await textOf(await upload(`/schedules/agents/import?queue=${psId}`, 'name,contracted_hours_per_week,skills\nGhost,40,Nowhere\n', 'team.csv'))
    expect(unknownQueue).toContain("team.csv row 2, column skills: there is no queue 'Nowhere' (queues: NW, PS)")
    expect(JSON.stringify(await listAgents(db))).toBe(before)
  })

  it("imports the demo's templates for the queue, refusing a template that cannot fit its opening hours", async () => {
    const res = await upload(`/schedules/templates/import?queue=${psId}`, demo('templates.csv'), 'templates.csv')
    expect(res.status).toBe(200)
    const html = await textOf(res)
    expect(html).toContain('Imported 5 templates from templates.csv: 5 added, 0 replaced.')
    expect(html).not.toContain('id="templates-coverage"') // together they cover every open hour of the week
    expect((await listShiftTemplates(db, psId)).map((t) => t.name)).toEqual(['day', 'evening', 'friday', 'saturday night', 'short'])

    const refused = await upload(`/schedules/templates/import?queue=${psId}`, 'name,length_minutes,earliest_start,latest_start,days\nsaturday day,480,08:00,10:00,sat\n', 'more.csv')
    expect(refused.status).toBe(422)
    expect(await textOf(refused)).toMatch(/more\.csv row 2, column earliest_start: does not fit the queue's opening hours: /)
    expect(await listShiftTemplates(db, psId)).toHaveLength(5)

    const exported = (await (await app.request(`/schedules/templates.csv?queue=${psId}`)).text()).trim().split('\n')
    expect(exported[0]).toBe('name,length_minutes,earliest_start,latest_start,start_step_minutes,days,cost_per_hour,min_count_per_day,max_count_per_day,breaks')
    expect(exported).toContain('day,480,07:00,11:00,30,"mon; tue; wed; thu; sun",20,0,,lunch 30 unpaid 180-300')
  })
})
