import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { findSchedule, latestPublishedSchedule, listAgents, listShiftTemplates } from '../../src/db/schedules.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { flagsForQueue } from '../../src/planning/eventForecast.ts'
import { apiSchedules } from '../../src/planning/apiReads.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const demo = (file: string) => new URL(`../../data/demo/${file}`, import.meta.url)
const HX = { 'HX-Request': 'true' }

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let bankId: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-schedules-web-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  const bank = readFileSync(demo('bank_calls_30min.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ?', args: [JSON.stringify(US_BANK_HOURS)] })
  bankId = (await findQueueByName(db, 'US bank'))!.id
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
}, 60_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData()
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x)
  return data
}

const EIGHT = { name: '8h', lengthMinutes: '480', earliestStart: '07:00', latestStart: '13:00', startStepMinutes: '30', days: ['mon', 'tue', 'wed', 'thu', 'fri'], costPerHour: '20', minCountPerDay: '0', maxCountPerDay: '' }
const post = (path: string, values: Record<string, string | string[]>, headers: Record<string, string> = {}) => app.request(path, { method: 'POST', body: form(values), headers })
/** The answer's text with HTML's escapes of quotes and ampersands undone, to compare messages. */
const textOf = async (res: Response) => (await res.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&amp;', '&')
const tableRows = async () => (await db.client.execute('SELECT name, length_minutes, breaks_json, version FROM shift_templates ORDER BY id')).rows.map((r) => JSON.stringify(r))

describe('schedules pages', () => {
  it('shows the templates, agents and generate sections of a queue, with the week after the history as the default range', async () => {
    const res = await app.request(`/schedules?queue=${bankId}`)
    expect(res.status).toBe(200)
    const html = await textOf(res)
    expect(html).toContain('<!DOCTYPE html>')
    expect(html).toContain('<h1>Schedules</h1>')
    expect(html).toContain('id="no-templates"')
    expect(html).toContain('id="agent-form"')
    expect(html).toContain('name="from" value="2003-10-25"')
    expect(html).toContain('name="to" value="2003-10-31"')
    expect(html).not.toContain('This part of Chatplan is being built')
  })

  it('refuses bad templates with messages naming the template, saving nothing (htmx and plain form)', async () => {
    const before = await tableRows()
    const zero = await post(`/schedules/templates?queue=${bankId}`, { ...EIGHT, name: 'zero', lengthMinutes: '0' }, HX)
    expect(zero.status).toBe(422)
    const html = await textOf(zero)
    expect(html).toContain('id="shift-templates"')
    expect(html).toContain("shift template 'zero', length (minutes): a shift must last a positive whole number of minutes (zero-length shifts are not allowed), got 0")
    expect(html).toContain('value="zero"') // the form keeps what was typed
    const outside = await post(`/schedules/templates?queue=${bankId}`, { ...EIGHT, name: 'late lunch', break0Name: 'lunch', break0LengthMinutes: '30', break0EarliestAfterMinutes: '180', break0LatestAfterMinutes: '470' })
    expect(outside.status).toBe(422)
    const page = await textOf(outside)
    expect(page).toContain('<!DOCTYPE html>')
    expect(page).toContain("shift template 'late lunch', break 1 to (minutes in): the break window is outside the shift: a 30-min break starting 470 min in ends after the 480-min shift")
    const typo = await post(`/schedules/templates?queue=${bankId}`, { ...EIGHT, name: 'typo', startStepMinutes: 'half an hour' }, HX)
    expect(await textOf(typo)).toContain("shift template 'typo', start every (minutes): the start step must be a positive whole number of minutes, got 'half an hour'")
    expect(await tableRows()).toEqual(before)
  })

  it('adds, edits and deletes a template; warns while the templates cannot cover the open hours and refuses to generate', async () => {
    const added = await post(`/schedules/templates?queue=${bankId}`, { ...EIGHT, name: 'late', earliestStart: '12:00', latestStart: '13:00' })
    expect(added.status).toBe(303)
    expect(added.headers.get('Location')).toBe(`/schedules?queue=${bankId}`)
    const [late] = await listShiftTemplates(db, bankId)
    const page = await textOf(await app.request(`/schedules?queue=${bankId}`))
    expect(page).toContain('id="templates-coverage"')
    expect(page).toContain('the shifts cannot cover the open hours on mon (07:00-21:00): no allowed shift covers 07:00-12:00')
    const refused = await post(`/schedules/generate?queue=${bankId}`, { from: '2003-10-27', to: '2003-10-28', timeLimitSeconds: '30', gapPercent: '0.5', overCover: 'allow' }, HX)
    expect(refused.status).toBe(422)
    expect(await textOf(refused)).toContain("shift template 'late', opening hours: the shifts cannot cover the open hours on mon (07:00-21:00)")
    expect(await textOf(await app.request(`/schedules/templates/${late.id}/edit?queue=${bankId}`, { headers: HX }))).toContain("Edit 'late'")
    const stale = await post(`/schedules/templates/${late.id}?queue=${bankId}`, { ...EIGHT, name: 'late', version: '7' }, HX)
    expect(stale.status).toBe(422)
    expect(await textOf(stale)).toContain("'late' was changed by someone else since you opened it (version 1, yours 7): reload and edit again")
    const edited = await post(`/schedules/templates/${late.id}?queue=${bankId}`, { ...EIGHT, version: '1' }, HX)
    expect(edited.status).toBe(200)
    const html = await textOf(edited)
    expect(html).toContain("Saved the template '8h'.")
    expect(html).not.toContain('id="templates-coverage"')
    const deleted = await post(`/schedules/templates/${late.id}/delete?queue=${bankId}`, {}, HX)
    expect(await textOf(deleted)).toContain('id="no-templates"')
    expect(await listShiftTemplates(db, bankId)).toEqual([])
  })

  it('adds agents with skills and availability, refusing unreadable input', async () => {
    const bad = await post(`/schedules/agents?queue=${bankId}`, { name: 'Ana', contractedHoursPerWeek: '40', skills: String(bankId), availability: 'monday morning', maxDaysPerWeek: '5', minConsecutiveDaysOff: '2', minRestHoursBetweenShifts: '11', maxHoursPerWeek: '' }, HX)
    expect(bad.status).toBe(422)
    expect(await textOf(bad)).toContain("availability line 1 'monday morning' is not like 'mon 07:00-15:00'")
    const negative = await post(`/schedules/agents?queue=${bankId}`, { name: 'Ana', contractedHoursPerWeek: '-3', skills: String(bankId), availability: '' }, HX)
    expect(await textOf(negative)).toContain("agent 'Ana', contracted hours a week: must be a number >= 0, got -3")
    expect(await listAgents(db)).toEqual([])
    for (const name of ['Ana', 'Ben', 'Cy']) {
      const ok = await post(`/schedules/agents?queue=${bankId}`, { name, contractedHoursPerWeek: '40', skills: String(bankId), availability: 'mon 07:00-21:00\ntue 07:00-21:00', maxDaysPerWeek: '5', minConsecutiveDaysOff: '2', minRestHoursBetweenShifts: '11', maxHoursPerWeek: '' })
      expect(ok.status).toBe(303)
    }
    expect((await listAgents(db)).map((a) => [a.name, a.skillQueueIds, a.availability?.length])).toEqual([['Ana', [bankId], 2], ['Ben', [bankId], 2], ['Cy', [bankId], 2]])
  })

  let scheduleId: number

  it('generates a schedule as a background job (progress, then the schedule page with coverage and gap)', async () => {
    await post(`/schedules/templates?queue=${bankId}`, EIGHT)
    await post(`/schedules/templates?queue=${bankId}`, { ...EIGHT, name: '4h', lengthMinutes: '240', latestStart: '17:00', costPerHour: '22' })
    const started = await post(`/schedules/generate?queue=${bankId}`, { from: '2003-10-27', to: '2003-10-28', timeLimitSeconds: '60', gapPercent: '0.5', overCover: 'allow' }, HX)
    expect(started.status).toBe(202)
    const progress = await textOf(started)
    expect(progress).toContain('<progress')
    const jobUrl = /hx-get="(\/schedules\/jobs\/[0-9a-z]+)"/.exec(progress)![1]
    let res = await app.request(jobUrl, { headers: HX })
    for (let i = 0; i < 600 && !res.headers.get('HX-Redirect'); i++) {
      expect(res.status).toBe(200)
      await new Promise((r) => setTimeout(r, 100))
      res = await app.request(jobUrl, { headers: HX })
    }
    const target = res.headers.get('HX-Redirect')!
    expect(target).toMatch(/^\/schedules\/\d+$/)
    scheduleId = Number(target.split('/')[2])
    const plain = await app.request(jobUrl)
    expect([plain.status, plain.headers.get('Location')]).toEqual([303, target])
    // without JavaScript: the form posts, lands on the job's page (which refreshes itself), then on the schedule
    const noJs = await post(`/schedules/generate?queue=${bankId}`, { from: '2003-10-27', to: '2003-10-27', timeLimitSeconds: '60', gapPercent: '0.5', overCover: 'forbid' })
    expect(noJs.status).toBe(303)
    const jobPage = noJs.headers.get('Location')!
    expect(jobPage).toMatch(new RegExp(`^/schedules/jobs/[0-9a-z]+\\?queue=${bankId}$`))
    let page = await app.request(jobPage)
    for (let i = 0; i < 600 && page.status === 200; i++) {
      expect(await page.text()).toContain('<meta http-equiv="refresh" content="2">')
      await new Promise((r) => setTimeout(r, 100))
      page = await app.request(jobPage)
    }
    expect(page.status).toBe(303)
    const forbidden = (await findSchedule(db, Number(page.headers.get('Location')!.split('/')[2])))!
    expect(forbidden.snapshot.intervals).toHaveLength(28)
    const html = await textOf(await app.request(target))
    expect(html).toContain(`Schedule ${scheduleId}: US bank, 2003-10-27 to 2003-10-28`)
    expect(html).toContain('id="coverage-chart"')
    expect(html).toMatch(/id="schedule-gap">\d+\.\d\d%</)
    expect(html).toContain('id="schedule-solver">optimal<')
    // Three agents cannot work every shift: the shifts without one are listed at the top and counted as shortfall.
    const figure = (id: string, text: string) => Number(new RegExp(`id="${id}">([\\d.,]+)<`).exec(text)![1].replace(/,/g, ''))
    expect(html.indexOf('id="unassigned-banner"')).toBeLessThan(html.indexOf('id="coverage-under-hours"'))
    expect(figure('generated-under-hours', html)).toBe(0)
    expect(figure('coverage-under-hours', html)).toBeGreaterThan(0)
    expect(figure('unassigned-shortfall-hours', html)).toBe(figure('coverage-under-hours', html))
    expect(html).toMatch(/<li><strong>\d+<\/strong> shift\(s\): no agent can take it: /)
    expect((html.match(/class="compact coverage-table"/g) ?? []).length).toBe(2)
    expect(html).toContain('id="roster-table"')
    const record = (await findSchedule(db, scheduleId))!
    expect(record.gap).toBeLessThanOrEqual(0.005)
    expect(record.snapshot.intervals).toHaveLength(56)
  }, 120_000)

  it('moves a shift by hand and answers the workspace with the new coverage; bad edits change nothing', async () => {
    const record = (await findSchedule(db, scheduleId))!
    const first = record.schedule.shifts[0]
    expect(first.start).toBe('2003-10-27T07:00')
    const moved = await post(`/schedules/${scheduleId}/edit`, { version: String(record.version), action: 'move', shift: `${first.templateName}|${first.start}`, newStart: '2003-10-27T13:00', count: '1' }, HX)
    expect(moved.status).toBe(200)
    const html = await textOf(moved)
    expect(html.startsWith('<div id="schedule-workspace"')).toBe(true)
    expect(html).toContain(`Moved 1 '${first.templateName}' shift(s) from 2003-10-27 07:00 to 2003-10-27 13:00.`)
    expect(Number(/id="generated-under-hours">([\d.,]+)</.exec(html)![1].replace(/,/g, ''))).toBeGreaterThan(0) // 07:00 is now short
    expect(html).toContain('class="cover-short"')
    const after = (await findSchedule(db, scheduleId))!
    expect([after.version, after.editCount]).toEqual([2, 1])

    const outside = await post(`/schedules/${scheduleId}/edit`, { version: '2', action: 'move', shift: `${first.templateName}|2003-10-27T13:00`, newStart: '2003-11-02T13:00', count: '1' }, HX)
    expect(outside.status).toBe(422)
    expect(await textOf(outside)).toContain("the new start 2003-11-02 13:00 is outside the schedule's days (2003-10-27 to 2003-10-28)")
    const tooMany = await post(`/schedules/${scheduleId}/edit`, { version: '2', action: 'remove', shift: `${first.templateName}|2003-10-27T13:00`, count: '999' }, HX)
    expect(await textOf(tooMany)).toMatch(/cannot remove 999 shift\(s\) starting 2003-10-27T13:00: the schedule has \d+/)
    const stale = await post(`/schedules/${scheduleId}/edit`, { version: '1', action: 'add', templateName: '4h', start: '2003-10-27T07:00', count: '1' }, HX)
    expect(await textOf(stale)).toContain(`schedule ${scheduleId} was changed meanwhile (version 2, yours 1): reload and try again`)
    expect((await findSchedule(db, scheduleId))!.schedule).toEqual(after.schedule)

    const added = await post(`/schedules/${scheduleId}/edit`, { version: '2', action: 'add', templateName: '4h', start: '2003-10-27T07:00', count: '1' })
    expect([added.status, added.headers.get('Location')]).toEqual([303, `/schedules/${scheduleId}`])
  })

  it('shows the same current paid hours and cost on the schedules list as on the schedule page after hand edits', async () => {
    const record = (await findSchedule(db, scheduleId))!
    expect(record.editCount).toBe(2)
    // By hand, from the stored shifts and the templates' cost per paid hour.
    const costOf = new Map(record.templates.map((t) => [t.name, t.costPerHour ?? 1]))
    const paidHours = record.schedule.shifts.reduce((h, s) => h + (s.count * s.paidMinutes) / 60, 0)
    const cost = record.schedule.shifts.reduce((c, s) => c + (s.count * s.paidMinutes * costOf.get(s.templateName)!) / 60, 0)
    expect(paidHours).not.toBeCloseTo(record.paidAgentHours, 6) // the edits changed them since generating
    const page = await textOf(await app.request(`/schedules/${scheduleId}`))
    const pagePaid = /id="coverage-paid-hours">([\d.,]+)</.exec(page)![1]
    const pageCost = /id="schedule-cost">([\d.,]+)</.exec(page)![1]
    expect(pagePaid).toBe(paidHours.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))
    expect(pageCost).toBe(Math.round(cost).toLocaleString('en-US'))
    expect(page).toContain(`(generated: ${record.paidAgentHours.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })})`)
    const list = await textOf(await app.request(`/schedules?queue=${bankId}`))
    const row = new RegExp(`<a href="/schedules/${scheduleId}">Schedule ${scheduleId}</a>.*?</tr>`).exec(list)![0]
    const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])
    expect(cells.slice(1)).toEqual([pagePaid, pageCost])
    const listed = (await apiSchedules(db, bankId)).find((s) => s.id === scheduleId)! // GET /api/v1/queues/:id/schedules
    expect(listed.paidAgentHours).toBeCloseTo(paidHours, 9)
    expect(listed.shiftCost).toBeCloseTo(cost, 9)
  })

  it('publishes (the roster frozen), exports the roster and the coverage as CSV, and is what latestPublishedSchedule returns', async () => {
    const record = (await findSchedule(db, scheduleId))!
    // The draft previews the optimiser's names, and publishing freezes exactly those (one roster per draft).
    const draftPage = await textOf(await app.request(`/schedules/${scheduleId}`))
    expect(draftPage).toMatch(/id="roster-method" class="muted">Names assigned by the roster optimiser: (proven optimal|within \d+\.\d% of the best possible \(proven bound\)), \d+ shifts without an agent\. Publishing freezes these names\.</)
    const draftRoster = (await textOf(await app.request(`/schedules/${scheduleId}/roster.csv`))).trim().split('\n').sort()
    const published = await post(`/schedules/${scheduleId}/publish`, { version: String(record.version) }, HX)
    expect(published.status).toBe(200)
    const html = await textOf(published)
    expect(html).toContain('id="schedule-status">published<')
    expect(html).toContain('Roster (frozen when published)')
    expect(html).toMatch(/Published\. Names assigned by the roster optimiser: (proven optimal|within \d+\.\d% of the best possible \(proven bound\)), \d+ shifts without an agent\./)
    const again = await post(`/schedules/${scheduleId}/edit`, { version: String(record.version + 1), action: 'add', templateName: '4h', start: '2003-10-27T07:00', count: '1' }, HX)
    expect(again.status).toBe(422)
    expect(await textOf(again)).toContain(`schedule ${scheduleId} is published and is not edited: copy it to a new draft to change it`)

    const roster = await app.request(`/schedules/${scheduleId}/roster.csv`)
    expect(roster.headers.get('Content-Type')).toContain('text/csv')
    expect(roster.headers.get('Content-Disposition')).toContain(`schedule-${scheduleId}-US_bank-2003-10-27-2003-10-28-roster.csv`)
    const lines = (await textOf(roster)).trim().split('\n')
    expect(lines[0]).toBe('agent,date,shift_start,shift_end,breaks,queue,status')
    const total = (await findSchedule(db, scheduleId))!.schedule.shifts.reduce((s, x) => s + x.count, 0)
    expect(lines).toHaveLength(1 + total) // every shift, assigned or not (three agents take at most one a day each)
    // the optimiser minimises unworked hours (not shifts): with 11 h of rest a late Monday excludes an early Tuesday
    for (const name of ['Ana', 'Ben', 'Cy']) expect(lines.filter((l) => l.startsWith(`${name},`)).length).toBeGreaterThanOrEqual(1)
    for (const name of ['Ana', 'Ben', 'Cy']) expect(new Set(lines.filter((l) => l.startsWith(`${name},`)).map((l) => l.split(',')[1])).size).toBe(lines.filter((l) => l.startsWith(`${name},`)).length)
    expect(lines.find((l) => l.startsWith('Ana,'))).toMatch(/^Ana,2003-10-2[78],2003-10-2[78]T\d\d:\d\d:00-05:00,2003-10-2[78]T\d\d:\d\d:00-05:00,,US bank,assigned$/)
    expect(lines.every((l) => !l.startsWith(','))).toBe(true) // no blank agent: unassigned shifts say so
    expect([...lines].sort()).toEqual(draftRoster)

    const coverage = await textOf(await app.request(`/schedules/${scheduleId}/coverage.csv`))
    const rows = coverage.trim().split('\n')
    expect(rows[0]).toBe('interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover_agents,under_cover_agents,agents_handling,expected_service_level_fraction')
    expect(rows).toHaveLength(57)
    expect(rows[1]).toMatch(/^2003-10-27T07:00:00-05:00,/)

    const latest = (await latestPublishedSchedule(db, bankId))!
    expect(latest.record.id).toBe(scheduleId)
    expect(latest.coverage.rows[0].startMs).toBe(Date.UTC(2003, 9, 27, 12))
  })

  it('says on the published schedule and on the flags when a date of it was closed after it was made', async () => {
    const before = await textOf(await app.request(`/schedules/${scheduleId}`))
    expect(before).not.toContain('id="calendar-changed"')
    const closed = await post(`/schedules/dates?queue=${bankId}`, { date: '2003-10-28', closed: '1', reason: 'storm' })
    expect(closed.status).toBe(303)
    const page = await textOf(await app.request(`/schedules/${scheduleId}`))
    const banner = /<section id="calendar-changed"[^>]*>([^]*?)<\/section>/.exec(page)?.[1] ?? ''
    expect(banner).toContain('The calendar changed on 1 date(s) of this schedule since it was made')
    expect(banner).toMatch(/<li data-date="2003-10-28">[^<]*: now closed: storm \(was open as on its weekday\)<\/li>/)
    expect(banner).toContain('It is published: generate a new schedule for these dates')
    // the flags read the same published schedule and say the same
    const flags = await flagsForQueue(db, (await findQueueByName(db, 'US bank'))!, { fromDateKey: '2003-10-27', toDateKey: '2003-10-28' })
    expect(flags.forecast.warnings.join('\n')).toContain(`the calendar changed since published schedule #${scheduleId} was made (2003-10-28: now closed: storm (was open as on its weekday))`)
    // opened again: nothing to say
    expect((await post(`/schedules/dates/delete?queue=${bankId}`, { date: '2003-10-28' })).status).toBe(303)
    expect(await textOf(await app.request(`/schedules/${scheduleId}`))).not.toContain('id="calendar-changed"')
  })
})
