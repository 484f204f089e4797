/**
 * One plan, one truth: with a published schedule (the demo's US bank week, a product launch on the Tuesday, fewer
 * agents than shifts), the shortfall in agent-hours per day is the same on the schedule page, in its coverage CSV,
 * in the flags CSV, on the dashboard's summary and in a scenario with no overrides (src/planning/needCover.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName, openingHoursOf } from '../../src/db/queues.ts'
import { createEvent } from '../../src/db/events.ts'
import { findSchedule, insertSchedule, saveAgent, saveShiftTemplate, shiftTemplateOf, listShiftTemplates } from '../../src/db/schedules.ts'
import { insertScenario } from '../../src/db/scenarios.ts'
import type { Queue } from '../../src/db/schema.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { generateQueueSchedule } from '../../src/planning/schedulePlan.ts'
import { createBaseline } from '../../src/planning/scenarioPlan.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'
import { FLAT_SHAPE } from '../../src/events/calendar.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const ZONE = 'America/New_York'
const DAYS = ['2003-10-27', '2003-10-28', '2003-10-29', '2003-10-30', '2003-10-31']
const HX = { 'HX-Request': 'true' }

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let queue: Queue
let scheduleId: number

const round1 = (v: number) => Math.round(v * 10) / 10
const numberIn = (text: string) => Number(/-?[\d,]+(?:\.\d+)?/.exec(text)![0].replace(/,/g, ''))

/** Per-day sums of a CSV column, by the date at the start of another column. */
function perDay(csv: string, dateColumn: string, valueColumn: string, scale = 1): Map<string, number> {
  const [header, ...lines] = csv.trim().split('\n')
  const names = header.split(',')
  const d = names.indexOf(dateColumn), v = names.indexOf(valueColumn)
  expect(d).toBeGreaterThanOrEqual(0)
  expect(v).toBeGreaterThanOrEqual(0)
  const out = new Map<string, number>()
  for (const line of lines) {
    const cells = line.split(',')
    const day = cells[d].slice(0, 10)
    out.set(day, (out.get(day) ?? 0) + Number(cells[v]) * scale)
  }
  return out
}

/** `data-…="day"` rows of a page: the day → the text of the cell matched by `cell`. */
function cellsByDay(html: string, rowAttribute: string, cell: RegExp): Map<string, number> {
  const out = new Map<string, number>()
  for (const m of html.matchAll(new RegExp(`<(?:tr|li)[^>]*${rowAttribute}="(\\d{4}-\\d\\d-\\d\\d)"[^>]*>([\\s\\S]*?)</(?:tr|li)>`, 'g'))) {
    const found = cell.exec(m[2])
    if (found) out.set(m[1], numberIn(found[1]))
  }
  return out
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-agreement-'))
  db = await createDb('file:' + join(dir, 'agreement.db'))
  await migrateDb(db)
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: ZONE })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ?', args: [JSON.stringify(US_BANK_HOURS)] })
  queue = (await findQueueByName(db, 'US bank'))!
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)

  // A launch on the Tuesday (known before the schedule is made), the queue's templates, and 150 agents: fewer than
  // the shifts the solver places, so some shifts have no agent and count as shortfall.
  await createEvent(db, {
    queueId: queue.id, type: 'launch', name: 'Product launch', timeZone: ZONE, effect: { kind: 'multiplier', value: 1.3 }, shape: { ...FLAT_SHAPE },
    startUtcMs: parseLocalIsoToUtcMs('2003-10-28T00:00', ZONE), endUtcMs: parseLocalIsoToUtcMs('2003-10-29T00:00', ZONE),
  })
  await saveShiftTemplate(db, queue.id, { name: 'day', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 30, costPerHour: 20, breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }] })
  await saveShiftTemplate(db, queue.id, { name: 'short', lengthMinutes: 240, earliestStart: '07:00', latestStart: '17:00', startStepMinutes: 30, costPerHour: 22 })
  for (let i = 1; i <= 150; i++) await saveAgent(db, { name: `Agent ${String(i).padStart(3, '0')}`, contractedHoursPerWeek: 40, skillQueueIds: [queue.id] })

  const made = await generateQueueSchedule(db, queue, { ...DEFAULT_STAFFING_SETTINGS }, openingHoursOf(queue), (await listShiftTemplates(db, queue.id)).map(shiftTemplateOf), {
    fromDateKey: DAYS[0], toDateKey: DAYS[DAYS.length - 1], inWorker: false, timeLimitSeconds: 60,
  })
  if (made.result.status !== 'optimal' && made.result.status !== 'feasible') throw new Error(`no schedule: ${made.result.status}`)
  scheduleId = await insertSchedule(db, queue.id, { snapshot: made.snapshot, templates: made.templates, result: made.result })
  const draft = (await findSchedule(db, scheduleId))!
  const published = await app.request(`/schedules/${scheduleId}/publish`, { method: 'POST', body: new URLSearchParams({ version: String(draft.version) }) })
  expect(published.status).toBe(303)
}, 240_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('one need/cover truth across pages', () => {
  it('shows the same shortfall per day on the schedule page, its coverage CSV, the flags CSV, the dashboard and a scenario without overrides', async () => {
    // Schedule page: the day table.
    const page = await (await app.request(`/schedules/${scheduleId}`)).text()
    expect(page).toContain('id="unassigned-banner"')
    const schedulePage = cellsByDay(page, 'data-date', /class="num shortfall-hours">([^<]+)</)
    expect([...schedulePage.keys()]).toEqual(DAYS)
    expect(Math.min(...schedulePage.values())).toBeGreaterThan(0) // shifts without an agent leave every day short

    // Coverage CSV: under-cover agents per interval × 0.5 h.
    const coverageText = await (await app.request(`/schedules/${scheduleId}/coverage.csv`)).text()
    const coverageCsv = perDay(coverageText, 'interval_start', 'under_cover_agents', 0.5)
    const coverageRows = perDay(coverageText, 'interval_start', 'under_cover_agents', 0) // keys only
    for (const line of coverageText.trim().split('\n').slice(1)) coverageRows.set(line.slice(0, 10), (coverageRows.get(line.slice(0, 10)) ?? 0) + 1)

    // Flags CSV for the same days: shortfall agent-hours per interval (rounded to 2 decimals a row).
    const flagsText = await (await app.request(`/events/flags.csv?queue=${queue.id}&from=${DAYS[0]}&to=${DAYS[DAYS.length - 1]}`)).text()
    const flagsCsv = perDay(flagsText, 'interval_start', 'shortfall_agent_hours')
    const flagRows = new Map<string, number>()
    for (const line of flagsText.trim().split('\n').slice(1)) flagRows.set(line.split(',')[1].slice(0, 10), (flagRows.get(line.split(',')[1].slice(0, 10)) ?? 0) + 1)

    // Dashboard: the flags summary fragment (the coming two weeks after the history include the schedule's week).
    const dashboard = cellsByDay(await (await app.request(`/events/flags/summary?queue=${queue.id}`, { headers: HX })).text(), 'data-date', /class="shortfall-hours">([^<]+)</)

    // A scenario with no overrides on a baseline of the same days.
    const { baseline } = await createBaseline(db, queue, { name: 'week', fromDateKey: DAYS[0], toDateKey: DAYS[DAYS.length - 1], costPerHour: 25, inWorker: false })
    const scenario = await insertScenario(db, { baselineId: baseline.id, name: 'as is' })
    const scenarioHtml = await (await app.request(`/scenarios/${scenario.id}`)).text()
    const scenarioDays = new Map<string, number>()
    for (const m of scenarioHtml.matchAll(/<tr class="scenario-row" data-period="(\d{4}-\d\d-\d\d)">([\s\S]*?)<\/tr>/g)) {
      scenarioDays.set(m[1], numberIn(/data-figure="shortfallAgentHours">([^<]+)</.exec(m[2])![1]))
    }

    for (const day of DAYS) {
      const truth = schedulePage.get(day)!
      // The coverage CSV rounds agents to 2 decimals a row (src/format/csv.ts): at most 0.005 agents × 0.5 h per row off.
      expect(Math.abs(coverageCsv.get(day)! - truth), `coverage CSV ${day}`).toBeLessThanOrEqual(0.05 + 0.0025 * coverageRows.get(day)!)
      expect(Math.abs(flagsCsv.get(day)! - truth), `flags CSV ${day}`).toBeLessThanOrEqual(0.05 + 0.005 * flagRows.get(day)!)
      expect(dashboard.get(day), `dashboard ${day}`).toBe(truth)
      expect(scenarioDays.get(day), `scenario ${day}`).toBe(truth)
    }
  }, 240_000)
})
