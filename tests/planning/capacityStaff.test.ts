import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import { saveAgent } from '../../src/db/schedules.ts'
import type { Queue } from '../../src/db/schema.ts'
import { importAgentsCsv } from '../../src/planning/setupImport.ts'
import { queueStaffDefaults, staffDefaultsLabel, staffJsonWithDefaults, withStaffDefaults } from '../../src/planning/capacityStaff.ts'
import { DEFAULT_FORM_VALUES, parseCapacityForm, parseStaffModel } from '../../src/capacity/index.ts'

// The demo's PS team (data/demo/agents.csv): 18 agents on 40 h, 6 on 20 h, 2 on 24 h = 888 contracted hours a week.
const DEMO_AGENTS = readFileSync(new URL('../../data/demo/agents.csv', import.meta.url), 'utf8')

let dir: string, db: Db, ps: Queue, nw: Queue, empty: Queue
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capstaff-'))
  db = await createDb('file:' + join(dir, 'staff.db'))
  await migrateDb(db)
  ps = await createQueue(db, { name: 'PS', timeZone: 'Asia/Jerusalem' })
  nw = await createQueue(db, { name: 'NW', timeZone: 'Asia/Jerusalem' })
  empty = await createQueue(db, { name: 'US bank', timeZone: 'America/New_York' })
  const imported = await importAgentsCsv(db, DEMO_AGENTS)
  expect(imported).toMatchObject({ ok: true, created: 26 })
})
afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe("today's headcount from the queue's agents", () => {
  it('the demo PS team: 26 agents, 888 h / 40 h per FTE = 22.2 FTE, one skill set so no groups', async () => {
    const d = await queueStaffDefaults(db, ps)
    expect(d).toMatchObject({ agents: 26, contractedHoursPerWeek: 888, hoursPerFteWeek: 40, headcountFte: 22.2 })
    expect(d.groups).toEqual([{ name: 'PS', queues: ['PS'], agents: 26, contractedHoursPerWeek: 888, fte: 22.2 }])
    expect(staffDefaultsLabel(d)).toBe('From the 26 agents set up for this queue (PS): 888 contracted hours a week / 40 hours per FTE = 22.2 FTE today. They all have the same skills (PS), so there are no groups.')
    const values = withStaffDefaults({ ...DEFAULT_FORM_VALUES, queueId: String(nw.id) }, d)
    expect(values).toMatchObject({ queueId: String(ps.id), headcount: '22.2', groups: '' })
    const parsed = parseCapacityForm(values)
    expect(parsed.ok && parsed.spec.staff.headcount).toBe(22.2)
  })

  it('a queue nobody serves: says so and leaves the headcount to the manager', async () => {
    const d = await queueStaffDefaults(db, empty)
    expect(d).toMatchObject({ agents: 0, headcountFte: 0, groups: [] })
    expect(staffDefaultsLabel(d)).toContain('The queue US bank has no agents set up')
    expect(withStaffDefaults(DEFAULT_FORM_VALUES, d)).toBe(DEFAULT_FORM_VALUES)
    expect(() => staffJsonWithDefaults({ attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15 }, d)).toThrow(/queue 'US bank' has no agents set up: give "headcount"/)
  })

  it('cross-skilled agents are counted once, in the group of all the queues they serve; groups sum to the headcount', async () => {
    await saveAgent(db, { name: 'Xavier', contractedHoursPerWeek: 30, skillQueueIds: [nw.id, ps.id] })
    await saveAgent(db, { name: 'Xenia', contractedHoursPerWeek: 36, skillQueueIds: [ps.id, nw.id] })
    await saveAgent(db, { name: 'Xiomara', contractedHoursPerWeek: 40, skillQueueIds: [nw.id] }) // not PS: left out
    const d = await queueStaffDefaults(db, ps)
    // 888 + 30 + 36 = 954 h = 23.85 FTE; PS-only 22.2, PS+NW 66 h = 1.65
    expect(d).toMatchObject({ agents: 28, contractedHoursPerWeek: 954, headcountFte: 23.85 })
    expect(d.groups.map((g) => [g.name, g.agents, g.fte])).toEqual([['PS', 26, 22.2], ['PS-NW', 2, 1.65]])
    expect(staffDefaultsLabel(d)).toContain('Grouped by skill set, each agent counted once, in the group of all the queues they serve: PS 26 agents = 22.2 FTE; PS-NW 2 agents = 1.65 FTE.')
    // seen from NW, the same two people are its cross-skilled group (NW first), Xiomara its own
    const fromNw = await queueStaffDefaults(db, nw)
    expect(fromNw.groups.map((g) => [g.name, g.agents, g.fte])).toEqual([['NW-PS', 2, 1.65], ['NW', 1, 1]]) // largest first
    // the form's pre-fill is a valid plan as it stands, and editable text
    const values = withStaffDefaults({ ...DEFAULT_FORM_VALUES }, d)
    expect(values.headcount).toBe('23.85')
    expect(values.groups).toBe('PS 22.2\nPS-NW 1.65')
    const parsed = parseCapacityForm(values)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) expect(parsed.spec.staff.groups?.map((g) => [g.name, g.headcount])).toEqual([['PS', 22.2], ['PS-NW', 1.65]])
    // the CLI's S.json without headcount: headcount and groups from the agents
    const base = { attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15 }
    const made = staffJsonWithDefaults(base, d)
    expect(made.filled).toBe(true)
    const model = parseStaffModel(made.json)
    expect(model.headcount).toBe(23.85)
    expect(model.groups.map((g) => [g.name, g.model.headcount])).toEqual([['PS', 22.2], ['PS-NW', 1.65]])
    // team-wide planned hires cannot go with groups: the headcount only
    const teamHires = staffJsonWithDefaults({ ...base, planned_hires: [{ week_start: '2000-01-03', count: 2 }] }, d).json as { headcount: number; groups?: unknown }
    expect(teamHires.headcount).toBe(23.85)
    expect(teamHires.groups).toBeUndefined()
    // the manager's own groups: headcount is their sum; a headcount given is kept
    expect((staffJsonWithDefaults({ ...base, groups: [{ name: 'A', headcount: 10 }, { name: 'B', headcount: 5.5 }] }, d).json as { headcount: number }).headcount).toBe(15.5)
    expect(staffJsonWithDefaults({ ...base, headcount: 30 }, d)).toEqual({ json: { ...base, headcount: 30 }, filled: false })
  })
})
