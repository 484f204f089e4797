/**
 * One plan, one truth: with a published schedule, the shortfall in agent-hours per day is the same on the schedule
 * page, in its coverage CSV, in the flags CSV, on the dashboard's summary and in a scenario with no overrides
 * (src/planning/needCover.ts). Two cases: the full demo load that `npm start` makes (default queue PS, its templates
 * and 26 agents, the schedule the Schedules page generates by default), and the US bank week with a product launch on
 * the Tuesday and fewer agents than shifts.
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
import { deleteAgent, findSchedule, insertSchedule, listAgents, saveAgent, saveShiftTemplate, shiftTemplateOf, listShiftTemplates } from '../../src/db/schedules.ts'
import { insertScenario } from '../../src/db/scenarios.ts'
import type { Queue } from '../../src/db/schema.ts'
import { DEMO_DEFAULT_QUEUE, US_BANK_HOURS, loadDemo } from '../../src/demo/loadDemo.ts'
import { generateQueueSchedule } from '../../src/planning/schedulePlan.ts'
import { createBaseline } from '../../src/planning/scenarioPlan.ts'
import { queueDateHoursBetween, saveQueueDates } from '../../src/planning/queueCalendar.ts'
import { DEFAULT_STAFFING_SETTINGS, defaultPlanRange } from '../../src/planning/staffingPlan.ts'
import { historyRange } from '../../src/db/history.ts'
import { findStaffingSettings } from '../../src/db/staffingSettings.ts'
import { FLAT_SHAPE } from '../../src/events/calendar.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const ZONE = 'America/New_York'
const DAYS = ['2003-10-27', '2003-10-28', '2003-10-29', '2003-10-30', '2003-10-31']
const HX = { 'HX-Request': 'true' }

type App = ReturnType<typeof createApp>
const numberIn = (text: string) => Number(/-?[\d,]+(?:\.\d+)?/.exec(text)![0].replace(/,/g, ''))

/** Per-day sums of a CSV column, by the date at the start of another column, and the number of rows per day. */
function perDay(csv: string, dateColumn: string, valueColumn: string, scale = 1): { sums: Map<string, number>; rows: Map<string, number> } {
  const [header, ...lines] = csv.trim().split('\n')
  const names = header.split(',')
  const d = names.indexOf(dateColumn), v = names.indexOf(valueColumn)
  expect(d, `${dateColumn} in ${header}`).toBeGreaterThanOrEqual(0)
  expect(v, `${valueColumn} in ${header}`).toBeGreaterThanOrEqual(0)
  const sums = new Map<string, number>(), rows = new Map<string, number>()
  for (const line of lines) {
    const cells = line.split(',')
    const day = cells[d].slice(0, 10)
    sums.set(day, (sums.get(day) ?? 0) + Number(cells[v]) * scale)
    rows.set(day, (rows.get(day) ?? 0) + 1)
  }
  return { sums, rows }
}

/** `data-…="day"` rows of a page: the day → the number in the cell matched by `cell`. */
function cellsByDay(html: string, rowAttribute: string, cell: RegExp): Map<string, number> {
  const out = new Map<string, number>()
  for (const m of html.matchAll(new RegExp(`<(?:tr|li)[^>]*${rowAttribute}="(\\d{4}-\\d\\d-\\d\\d)"[^>]*>([\\s\\S]*?)</(?:tr|li)>`, 'g'))) {
    const found = cell.exec(m[2])
    if (found) out.set(m[1], numberIn(found[1]))
  }
  return out
}

/** A schedule generated the way the Schedules page does it, stored and published through the page's form. */
/** A database in a new temporary folder holding the US bank's 30-minute history from September 2003, with its hours. */
async function openUsBankAutumn(prefix: string): Promise<{ dir: string; db: Db; queue: Queue; app: App }> {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const db = await createDb('file:' + join(dir, 'agreement.db'))
  await migrateDb(db)
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: ZONE })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ?', args: [JSON.stringify(US_BANK_HOURS)] })
  const queue = (await findQueueByName(db, 'US bank'))!
  const app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
  return { dir, db, queue, app }
}

/** The US bank cases' shift templates: an 8-hour day with a lunch break and a 4-hour short shift. */
async function saveUsBankTemplates(db: Db, queue: Queue): Promise<void> {
  await saveShiftTemplate(db, queue.id, { name: 'day', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 30, costPerHour: 20, breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }] })
  await saveShiftTemplate(db, queue.id, { name: 'short', lengthMinutes: 240, earliestStart: '07:00', latestStart: '17:00', startStepMinutes: 30, costPerHour: 22 })
}

async function generateAndPublish(db: Db, app: App, queue: Queue, days: { fromDateKey: string; toDateKey: string }): Promise<number> {
  const settings = (await findStaffingSettings(db, queue.id)) ?? { ...DEFAULT_STAFFING_SETTINGS }
  const made = await generateQueueSchedule(db, queue, settings, openingHoursOf(queue), (await listShiftTemplates(db, queue.id)).map(shiftTemplateOf), {
    ...days, inWorker: false, timeLimitSeconds: 60,
  })
  if (made.result.status !== 'optimal' && made.result.status !== 'feasible') throw new Error(`no schedule: ${made.result.status}`)
  const scheduleId = await insertSchedule(db, queue.id, { snapshot: made.snapshot, templates: made.templates, result: made.result })
  const draft = (await findSchedule(db, scheduleId))!
  const published = await app.request(`/schedules/${scheduleId}/publish`, { method: 'POST', body: new URLSearchParams({ version: String(draft.version) }) })
  expect(published.status).toBe(303)
  return scheduleId
}

/**
 * The shortfall per day read from the five places, checked against the schedule page's day table. The two CSVs
 * round each row (src/format/csv.ts: agents to 2 decimals, hours to 2), so they agree within that rounding; the
 * dashboard and the scenario show the same rounded figure as the schedule page.
 */
async function expectOneShortfallPerDay(db: Db, app: App, queue: Queue, scheduleId: number): Promise<Map<string, number>> {
  // Schedule page: the day table.
  const page = await (await app.request(`/schedules/${scheduleId}`)).text()
  const schedulePage = cellsByDay(page, 'data-date', /class="num shortfall-hours">([^<]+)</)
  const days = [...schedulePage.keys()]
  expect(days.length).toBeGreaterThan(0)
  const record = (await findSchedule(db, scheduleId))!
  expect(days[0]).toBe(record.fromDateKey)
  expect(days[days.length - 1]).toBe(record.toDateKey)

  // Coverage CSV: under-cover agents per interval × the interval's length in hours.
  const coverageText = await (await app.request(`/schedules/${scheduleId}/coverage.csv`)).text()
  const intervalHours = record.snapshot.intervalMinutes / 60
  const coverage = perDay(coverageText, 'interval_start', 'under_cover_agents', intervalHours)

  // Flags CSV for the same days: shortfall agent-hours per flagged interval.
  const flagsText = await (await app.request(`/events/flags.csv?queue=${queue.id}&from=${days[0]}&to=${days[days.length - 1]}`)).text()
  const flags = perDay(flagsText, 'interval_start', 'shortfall_agent_hours')

  // Dashboard: the flags summary fragment it loads (the coming two weeks after the history hold the schedule's days).
  const dashboardHtml = await (await app.request(`/events/flags/summary?queue=${queue.id}`, { headers: HX })).text()
  const dashboard = cellsByDay(dashboardHtml, 'data-date', /class="shortfall-hours">([^<]+)</)

  // A scenario with no overrides on a baseline of the same days.
  const { baseline } = await createBaseline(db, queue, { name: 'as scheduled', fromDateKey: days[0], toDateKey: days[days.length - 1], costPerHour: 25, inWorker: false })
  const scenario = await insertScenario(db, { baselineId: baseline.id, name: 'as is' })
  const scenarioHtml = await (await app.request(`/scenarios/${scenario.id}`)).text()
  const scenarioDays = new Map<string, number>()
  for (const m of scenarioHtml.matchAll(/<tr class="scenario-row" data-period="(\d{4}-\d\d-\d\d)">([\s\S]*?)<\/tr>/g)) {
    scenarioDays.set(m[1], numberIn(/data-figure="shortfallAgentHours">([^<]+)</.exec(m[2])![1]))
  }

  for (const day of days) {
    const truth = schedulePage.get(day)!
    const coverageRows = coverage.rows.get(day) ?? 0, flagRows = flags.rows.get(day) ?? 0
    expect(Math.abs((coverage.sums.get(day) ?? 0) - truth), `coverage CSV ${day}`).toBeLessThanOrEqual(0.05 + 0.005 * intervalHours * coverageRows)
    expect(Math.abs((flags.sums.get(day) ?? 0) - truth), `flags CSV ${day}`).toBeLessThanOrEqual(0.05 + 0.005 * flagRows)
    // A day without a shortfall has no flags, so the dashboard lists it with 0 or leaves it out.
    expect(dashboard.get(day) ?? 0, `dashboard ${day}`).toBe(truth)
    expect(scenarioDays.get(day), `scenario ${day}`).toBe(truth)
  }
  return schedulePage
}

describe('one need/cover truth across pages: the full demo load (default queue PS, its templates and 26 agents)', () => {
  let dir: string
  let db: Db
  let app: App
  let queue: Queue
  let scheduleId: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-agreement-demo-'))
    db = await createDb('file:' + join(dir, 'demo.db'))
    await migrateDb(db)
    await loadDemo(db)
    app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    queue = (await findQueueByName(db, DEMO_DEFAULT_QUEUE))!
    // The week the Schedules page offers first: the seven days after the queue's history.
    const history = await historyRange(db, queue.id)
    if (history.source === 'none') throw new Error('the demo queue has no history')
    // The roster optimiser puts the whole demo team (26 agents) on every generated shift, so the week has no
    // shortfall at all. Four agents away (a team that has just lost people) leaves real shortfalls to compare.
    for (const agent of (await listAgents(db)).slice(-4)) await deleteAgent(db, agent.id)
    scheduleId = await generateAndPublish(db, app, queue, defaultPlanRange(history.lastMs, queue.timeZone))
  }, 600_000)
  afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('shows the same shortfall per day on the schedule page, its coverage CSV, the flags CSV, the dashboard and a scenario without overrides', async () => {
    expect((await listAgents(db)).length).toBe(22) // the demo's team of 26, four away
    const shortfall = await expectOneShortfallPerDay(db, app, queue, scheduleId)
    expect(shortfall.size).toBe(7)
    // 22 agents do not cover every shift of the week: the comparison is of real shortfalls, not of zeros.
    expect(Math.max(...shortfall.values())).toBeGreaterThan(1)
  }, 600_000)
})

describe('one need/cover truth across pages: the US bank week with a launch and too few agents', () => {
  let dir: string
  let db: Db
  let app: App
  let queue: Queue
  let scheduleId: number

  beforeAll(async () => {
    ;({ dir, db, queue, app } = await openUsBankAutumn('chatplan-agreement-'))

    // A launch on the Tuesday (known before the schedule is made), the queue's templates, and 150 agents: fewer than
    // the shifts the solver places, so some shifts have no agent and count as shortfall.
    await createEvent(db, {
      queueId: queue.id, type: 'launch', name: 'Product launch', timeZone: ZONE, effect: { kind: 'multiplier', value: 1.3 }, shape: { ...FLAT_SHAPE },
      startUtcMs: parseLocalIsoToUtcMs('2003-10-28T00:00', ZONE), endUtcMs: parseLocalIsoToUtcMs('2003-10-29T00:00', ZONE),
    })
    await saveUsBankTemplates(db, queue)
    for (let i = 1; i <= 150; i++) await saveAgent(db, { name: `Agent ${String(i).padStart(3, '0')}`, contractedHoursPerWeek: 40, skillQueueIds: [queue.id] })
    scheduleId = await generateAndPublish(db, app, queue, { fromDateKey: DAYS[0], toDateKey: DAYS[DAYS.length - 1] })
  }, 240_000)
  afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('shows the same shortfall per day on the schedule page, its coverage CSV, the flags CSV, the dashboard and a scenario without overrides', async () => {
    expect(await (await app.request(`/schedules/${scheduleId}`)).text()).toContain('id="unassigned-banner"')
    const shortfall = await expectOneShortfallPerDay(db, app, queue, scheduleId)
    expect([...shortfall.keys()]).toEqual(DAYS)
    expect(Math.min(...shortfall.values())).toBeGreaterThan(0) // shifts without an agent leave every day short
  }, 240_000)
})

describe('one need/cover truth across pages with the calendar per date: the US bank week with Wednesday closed and Thursday cut short by hand', () => {
  const CLOSED = '2003-10-29', SHORT = '2003-10-30'
  let dir: string
  let db: Db
  let app: App
  let queue: Queue
  let scheduleId: number

  beforeAll(async () => {
    ;({ dir, db, queue, app } = await openUsBankAutumn('chatplan-agreement-calendar-'))
    // The dates set by hand on /schedules/dates: Wednesday closed, Thursday open 09:00–13:00 only.
    const saved = await app.request(`/schedules/dates?queue=${queue.id}`, { method: 'POST', body: new URLSearchParams({ date: CLOSED, closed: 'on', reason: 'office move' }) })
    expect(saved.status, await saved.clone().text()).toBe(303)
    await saveQueueDates(db, queue, [{ dateKey: SHORT, closed: false, openMinute: 540, closeMinute: 780, reason: 'staff training' }], 'test')
    expect((await queueDateHoursBetween(db, queue, DAYS[0], DAYS[4])).map((d) => d.dateKey)).toEqual([CLOSED, SHORT])
    await saveUsBankTemplates(db, queue)
    for (let i = 1; i <= 120; i++) await saveAgent(db, { name: `Agent ${String(i).padStart(3, '0')}`, contractedHoursPerWeek: 40, skillQueueIds: [queue.id] })
    scheduleId = await generateAndPublish(db, app, queue, { fromDateKey: DAYS[0], toDateKey: DAYS[DAYS.length - 1] })
  }, 300_000)
  afterAll(() => { db?.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('agrees day by day on need and shortfall, with zero need on the closed date everywhere and need only 09:00–13:00 on the short day', async () => {
    const range = `queue=${queue.id}&from=${DAYS[0]}&to=${DAYS[4]}`
    // Staffing CSV (waits for the forecast), then the staffing page with the finished plan.
    const staffingCsv = await (await app.request(`/staffing/export.csv?${range}`)).text()
    const staffingPage = await (await app.request(`/staffing?${range}`)).text()
    const staffingNeed = cellsByDay(staffingPage, 'data-day', /(?:<td class="num">[^<]*<\/td>){3}<td class="num">([^<]+)<\/td>/)
    const csvNeed = perDay(staffingCsv, 'interval_start', 'agents_required') // productive agents, before shrinkage
    // Schedule page: agent-hours to schedule per day; coverage CSV: agents required per interval.
    const schedulePage = await (await app.request(`/schedules/${scheduleId}`)).text()
    const scheduleNeed = cellsByDay(schedulePage, 'data-date', /<td class="num">([^<]+)<\/td>/)
    const coverage = perDay(await (await app.request(`/schedules/${scheduleId}/coverage.csv`)).text(), 'interval_start', 'agents_required')

    // The closed date: zero need on the staffing page and CSV, and the schedule has nothing to cover.
    expect(staffingNeed.get(CLOSED)).toBe(0)
    expect(csvNeed.rows.get(CLOSED)).toBe(48) // every half-hour of the day is listed, none with an agent required
    expect(csvNeed.sums.get(CLOSED)).toBe(0)
    expect(scheduleNeed.get(CLOSED) ?? 0).toBe(0)
    expect(coverage.sums.get(CLOSED) ?? 0).toBe(0)
    // The page says why, beside the day.
    expect(staffingPage).toMatch(new RegExp(`data-day="${CLOSED}"[\\s\\S]*?closed: office move`))
    expect(staffingPage).toMatch(new RegExp(`data-day="${SHORT}"[\\s\\S]*?open 09:00–13:00 only: staff training`))
    expect(staffingPage).toContain('id="plan-calendar"')
    // The short day: need only while open, on both sides.
    const shortRows = staffingCsv.trim().split('\n').filter((l) => l.startsWith(SHORT))
    const needed = shortRows.filter((l) => Number(l.split(',')[5]) > 0).map((l) => l.slice(11, 16))
    expect(needed.length).toBeGreaterThan(4)
    expect(needed.every((t) => t >= '09:00' && t < '13:00')).toBe(true)
    const coverageText = await (await app.request(`/schedules/${scheduleId}/coverage.csv`)).text()
    expect(coverageText.trim().split('\n').filter((l) => l.startsWith(SHORT)).every((l) => l.slice(11, 16) >= '09:00' && l.slice(11, 16) < '13:00')).toBe(true)
    // Every day: the staffing page's agent-hours scheduled is the schedule page's agent-hours to schedule.
    for (const day of DAYS) expect(staffingNeed.get(day), `staffing page need ${day}`).toBe(scheduleNeed.get(day) ?? 0)
    // Every day: the coverage CSV's agents to schedule per interval × ½ h add up to the staffing page's agent-hours
    // (within the CSV's rounding of each row to 2 decimals and the page's to 0.1 h).
    for (const day of DAYS) expect(Math.abs((coverage.sums.get(day) ?? 0) * 0.5 - staffingNeed.get(day)!), `coverage CSV need ${day}`).toBeLessThanOrEqual(0.05 + 0.0025 * (coverage.rows.get(day) ?? 0))
    // and the staffing CSV lists no agent where the coverage CSV has no interval to cover.
    const covered = new Set(coverageText.trim().split('\n').slice(1).map((l) => l.slice(0, 16)))
    expect(staffingCsv.trim().split('\n').slice(1).filter((l) => Number(l.split(',')[5]) > 0).every((l) => covered.has(l.slice(0, 16)))).toBe(true)
    // The shortfall per day: the schedule page, coverage CSV, flags CSV, dashboard and a scenario without overrides.
    const shortfall = await expectOneShortfallPerDay(db, app, queue, scheduleId)
    expect(shortfall.get(CLOSED) ?? 0).toBe(0)
  }, 300_000)
})
