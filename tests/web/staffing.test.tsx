import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { findStaffingSettings, findStaffingSettingsWithVersion } from '../../src/db/staffingSettings.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'

const demo = (file: string) => new URL(`../../data/demo/${file}`, import.meta.url)
const HX = { 'HX-Request': 'true' }

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let bankId: number
let nwId: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-staffing-web-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  const bank = readFileSync(demo('bank_calls_30min.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  const [header, ...lines] = readFileSync(demo('anon_bank_1999_contacts.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'nw.csv'), [header, ...lines.filter((l) => l.split(',')[1] === 'NW' && l.split(',')[3].startsWith('1999-10-'))].join('\n') + '\n')
  await importFile(db, { kind: 'contacts', path: join(dir, 'nw.csv'), fileName: 'nw.csv', timeZone: 'Asia/Jerusalem' })
  bankId = (await findQueueByName(db, 'US bank'))!.id
  nwId = (await findQueueByName(db, 'NW'))!.id
  const signed = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
  // Like the page, every save carries the settings version its form was opened on (required since issue 15): a
  // test that does not name one saves from the current version.
  const send = signed.request.bind(signed)
  app = new Proxy(signed, { get: (target, prop, receiver) => (prop !== 'request' ? Reflect.get(target, prop, receiver) : async (path: string, init?: RequestInit) => {
    if (path === '/staffing/settings' && init?.body instanceof FormData && !init.body.has('version')) {
      init.body.set('version', String((await findStaffingSettingsWithVersion(db, Number(init.body.get('queue'))))?.version ?? 0))
    }
    return send(path, init)
  }) })
}, 60_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

const decode = (href: string) => href.replaceAll('&amp;', '&')
const bankRange = 'from=2003-10-27&to=2003-10-28'

/** Polls the plan fragment (as htmx does) until the forecast job is done. */
async function planFragment(queueId: number, range: string): Promise<string> {
  let html = ''
  for (let i = 0; i < 300; i++) {
    html = await (await app.request(`/staffing/plan?queue=${queueId}&${range}`, { headers: HX })).text()
    if (!html.includes('<progress')) return html
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the plan did not finish: ' + html.slice(0, 300))
}

function settingsForm(overrides: Record<string, string>, queueId = bankId, range = { from: '2003-10-27', to: '2003-10-28' }): FormData {
  const form = new FormData()
  const values: Record<string, string> = {
    queue: String(queueId), ...range, serviceLevelTarget: '80', answerWithinSeconds: '60', asaTargetSeconds: '', maxOccupancy: '', maxAbandonFraction: '',
    modelKind: 'erlang_c', meanPatienceSeconds: '', maxConcurrency: '', slowdownAlpha: '', shrinkageFraction: '30', hoursPerFte: '8', staffAtQuantile: 'mean', ahtOverrideSeconds: '', ...overrides,
  }
  for (const [k, v] of Object.entries(values)) form.set(k, v)
  return form
}

/** The settings version carried by the SLA form's hidden field. */
const formVersionIn = (html: string) => /<input type="hidden" name="version" value="(\d+)"/.exec(html)?.[1]

const statValue = (html: string, id: string) => new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1]

describe('staffing page (in-process requests)', () => {
  it('shows the form with the defaults and the forecast progress, which polls itself until the plan is there', async () => {
    const res = await app.request(`/staffing?queue=US%20bank&${bankRange}`)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain('defaults: nothing saved for this queue yet')
    expect(formVersionIn(page)).toBe('0') // nothing saved: the form's save is a first insert
    expect(page).toMatch(/name="serviceLevelTarget" value="80"/)
    expect(page).toMatch(/name="answerWithinSeconds" value="60"/)
    expect(page).toMatch(/name="shrinkageFraction" value="30"/)
    const poll = /id="staffing-plan" class="progress" hx-get="([^"]+)" hx-trigger="load delay:500ms"/.exec(page)
    expect(poll).not.toBeNull()
    expect(page).toContain('<noscript><meta http-equiv="refresh" content="1"></noscript>') // without JavaScript the page refreshes itself
    expect(page.indexOf('http-equiv="refresh"')).toBeGreaterThan(page.indexOf('<body')) // not hoisted out of <noscript> into <head>
    expect(decode(poll![1])).toBe(`/staffing/plan?queue=${bankId}&${bankRange}`)
    const polled = await (await app.request(decode(poll![1]), { headers: HX })).text()
    if (polled.includes('<progress')) expect(polled).not.toContain('http-equiv') // htmx parses fragments with scripting off: no refresh there
    const plan = await planFragment(bankId, bankRange)
    expect(plan.startsWith('<section id="staffing-plan">')).toBe(true)
    expect(plan).toContain('id="staffing-chart"')
    expect(plan).toContain('id="required-line"')
    expect(plan).toContain('id="day-table"')
    expect(plan).toContain('id="requirement-table"')
    expect(plan).toContain('AHT is an assumption here, not data')
    expect(plan).toContain('constant AHT of <strong>300 s</strong>')
    expect((plan.match(/<tr data-day=/g) ?? []).length).toBe(2)
    // once done, the page itself carries the plan and stops refreshing
    const done = await (await app.request(`/staffing?queue=${bankId}&${bankRange}`)).text()
    expect(done).not.toContain('http-equiv="refresh"')
    expect(done).toContain('id="requirement-table"')
  })

  it('saves valid settings (htmx): the workspace comes back with the new plan, and the settings are stored', async () => {
    const before = await planFragment(bankId, bankRange)
    const res = await app.request('/staffing/settings', { method: 'POST', body: settingsForm({ serviceLevelTarget: '95', answerWithinSeconds: '20', hoursPerFte: '7.5' }), headers: HX })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.startsWith('<div id="staffing-workspace">')).toBe(true)
    expect(html).toContain('Saved for this queue.')
    expect(html).toContain('95% answered within 20 s')
    expect(Number(statValue(html, 'plan-required-hours')!.replace(/,/g, ''))).toBeGreaterThan(Number(statValue(before, 'plan-required-hours')!.replace(/,/g, '')))
    expect(await findStaffingSettings(db, bankId)).toEqual({ ...DEFAULT_STAFFING_SETTINGS, serviceLevelTarget: 0.95, answerWithinSeconds: 20, hoursPerFte: 7.5 })
    const page = await (await app.request(`/staffing?queue=${bankId}&${bankRange}`)).text()
    expect(page).toMatch(/name="serviceLevelTarget" value="95"/)
    expect(page).toContain('(saved for this queue)')
  })

  it('refuses bad input with a clear message per field, swapped into the form (422), and saves nothing', async () => {
    const stored = await findStaffingSettings(db, bankId)
    const res = await app.request('/staffing/settings', {
      method: 'POST', headers: HX,
      body: settingsForm({ serviceLevelTarget: '120', answerWithinSeconds: '-5', modelKind: 'chat', maxConcurrency: '0', slowdownAlpha: '0.1', ahtOverrideSeconds: '0' }),
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('HX-Retarget')).toBe('#sla-form')
    const html = await res.text()
    expect(html.startsWith('<form id="sla-form"')).toBe(true)
    expect(html).toContain('Service level target cannot be over 100%, got 120%')
    expect(html).toContain('Threshold cannot be negative, got -5 s')
    expect(html).toContain('Chats per agent must be a whole number between 1 and 20, got 0')
    expect(html).toContain('AHT override must be more than 0 seconds, got 0 s')
    expect(html).toMatch(/name="serviceLevelTarget" value="120" aria-invalid="true"/) // the user's input is kept
    expect(await findStaffingSettings(db, bankId)).toEqual(stored)
    const text = await (await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ hoursPerFte: 'eight' }) })).text()
    expect(text).toContain('Hours per FTE must be a number, got &#39;eight&#39;')
    // an abandonment target with a model that does not apply it would be saved and ignored: refused where it is set
    const ignored = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ maxAbandonFraction: '5', meanPatienceSeconds: '120' }) })
    expect(ignored.status).toBe(422)
    expect(await ignored.text()).toContain('Abandonment at most is a target of Erlang A only (the model with patience): Erlang C does not model abandonment, so it would not be applied. Leave it empty, or choose Erlang A')
    expect(await findStaffingSettings(db, bankId)).toEqual(stored)
  })

  it('refuses settings outside the documented bounds, naming the field in the user\'s words (issue 15, defect 1)', async () => {
    await planFragment(bankId, bankRange)
    const before = await findStaffingSettings(db, bankId)
    const res = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ ahtOverrideSeconds: '10000000' }) })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('AHT override must be between 1 and 14400 seconds, got 10000000')
    const chat = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ modelKind: 'chat', maxConcurrency: '1000000', slowdownAlpha: '0' }) })
    expect(chat.status).toBe(422)
    const html = await chat.text()
    expect(html).toContain('Chats per agent must be a whole number between 1 and 20, got 1000000')
    expect(html).not.toContain('maxConcurrency must')
    expect(await findStaffingSettings(db, bankId)).toEqual(before)
  })

  it('works without JavaScript: a save redirects (303), bad input answers the whole page with the errors', async () => {
    const ok = await app.request('/staffing/settings', { method: 'POST', body: settingsForm({}) })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('Location')).toBe(`/staffing?queue=${bankId}&${bankRange}`)
    const bad = await app.request('/staffing/settings', { method: 'POST', body: settingsForm({ shrinkageFraction: '100' }) })
    expect(bad.status).toBe(422)
    const page = await bad.text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain('Shrinkage must be at least 0% and below 100%, got 100%')
  })

  it('explains an interval in a fragment: workload → agents → shrinkage → scheduled, matching its table row', async () => {
    const plan = await planFragment(bankId, bankRange)
    const row = /<tr data-start="(\d+)"><td><a href="[^"]*" hx-get="([^"]+)"[^>]*>Mon 2003-10-27 10:00<\/a><\/td>(.*?)<\/tr>/.exec(plan)!
    const required = /class="num agents-required">(\d+)</.exec(row[3])![1]
    const scheduled = /class="num agents-scheduled">(\d+)</.exec(row[3])![1]
    const res = await app.request(decode(row[2]), { headers: HX })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.startsWith('<section id="interval-explanation"')).toBe(true)
    expect(html).toContain('Mon 2003-10-27 10:00 (America/New_York)')
    expect(html).toContain(`id="explain-required">${required} agents`)
    expect(html).toContain(`id="explain-scheduled">${scheduled} agents`)
    expect(html).toContain('bound by <strong>service level</strong>')
    expect(html).toContain('which misses the target')
    const missing = await app.request(`/staffing/explain?queue=${bankId}&${bankRange}&start=5`, { headers: HX })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('no interval of the plan starts at 5')
  })

  it('checks a day by simulation (seeded: the same answer twice)', async () => {
    await planFragment(bankId, bankRange)
    const url = `/staffing/simulate?queue=${bankId}&${bankRange}&day=2003-10-27&runs=5`
    const first = await (await app.request(url, { headers: HX })).text()
    expect(first.startsWith('<div id="simulation-check"')).toBe(true)
    expect(first).toMatch(/id="simulated-service-level">\d+\.\d% ± \d+\.\d%/)
    expect(first).toMatch(/id="simulated-p90">[\d.,]+ s/)
    expect(await (await app.request(url, { headers: HX })).text()).toBe(first)
  })

  it('exports the plan as CSV with exactly the staffing columns, local times with the offset, the zone in the file name', async () => {
    const res = await app.request(`/staffing/export.csv?queue=${bankId}&${bankRange}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/csv')
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="staffing-US_bank-2003-10-27-2003-10-28-America_New_York.csv"')
    const lines = (await res.text()).trimEnd().split('\n')
    expect(lines[0]).toBe('interval_start,queue,forecast_volume,forecast_aht_seconds,workload_erlangs,agents_required,agents_scheduled,expected_service_level,expected_asa_seconds')
    expect(lines.length).toBe(1 + 96)
    expect(lines[1]).toMatch(/^2003-10-27T00:00:00-05:00,US bank,0,300,0,0,0,1,0$/)
    // the page's summary says what the CSV's whole agents add up to, beside the fractional heads it plans for
    const wholeHours = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[6]) * 0.5, 0)
    const page = await planFragment(bankId, bankRange)
    expect(/id="plan-scheduled-whole-hours">([^<]*)</.exec(page)?.[1]).toBe(wholeHours.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))
  })

  it('measures k and α from the contacts of the queue into the form, and says when it cannot', async () => {
    const res = await app.request(`/staffing/concurrency?queue=${nwId}&from=1999-11-01&to=1999-11-03&serviceLevelTarget=85&answerWithinSeconds=30&shrinkageFraction=25&hoursPerFte=8&staffAtQuantile=mean&modelKind=erlang_c`, { headers: HX })
    const html = await res.text()
    expect(html.startsWith('<form id="sla-form"')).toBe(true)
    expect(html).toMatch(/<option value="chat" selected="">/)
    expect(html).toMatch(/name="maxConcurrency" value="1"/)
    expect(html).toMatch(/name="slowdownAlpha" value="0"/)
    expect(html).toMatch(/name="serviceLevelTarget" value="85"/) // unsaved edits are kept
    expect(html).toMatch(/Measured from [\d,]+ contacts of \d+ agents: agents typically hold at most <strong>k = 1<\/strong>/)
    const none = await (await app.request(`/staffing/concurrency?queue=${bankId}&${bankRange}`, { headers: HX })).text()
    expect(none).toContain('has no contacts with agents (interval aggregates only), so k and α cannot be measured')
  })

  it('shows the chat shortcuts beside the exact chain when the chat model is chosen', async () => {
    const res = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ modelKind: 'chat', maxConcurrency: '3', slowdownAlpha: '0.2' }, nwId, { from: '1999-11-01', to: '1999-11-03' }) })
    expect(res.status).toBe(200)
    const html = await res.text().then(async (h) => (h.includes('<progress') ? planFragment(nwId, 'from=1999-11-01&to=1999-11-03') : h))
    expect(html).toContain('id="shortcut-comparison"')
    expect(html).toContain('Shortcut: k slots per agent')
    expect(html).toContain('Shortcut: AHT ÷ k')
  })

  it('two saves from the same form version: the second is refused (422) with a clear message, keeps its values and saves nothing', async () => {
    const opened = await (await app.request(`/staffing?queue=${bankId}&${bankRange}`)).text()
    const formVersion = formVersionIn(opened)!
    expect(formVersion).toBe(String((await findStaffingSettingsWithVersion(db, bankId))?.version ?? 0))
    // Two people opened the same form; the first saves, the page answers the next version in the form.
    const first = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ version: formVersion, serviceLevelTarget: '90', answerWithinSeconds: '30' }) })
    expect(first.status).toBe(200)
    const firstHtml = await first.text()
    expect(firstHtml).toContain('Saved for this queue.')
    const savedVersion = Number(formVersion) + 1
    expect(formVersionIn(firstHtml)).toBe(String(savedVersion))
    const stored = await findStaffingSettingsWithVersion(db, bankId)
    expect(stored).toEqual({ settings: { ...DEFAULT_STAFFING_SETTINGS, serviceLevelTarget: 0.9, answerWithinSeconds: 30 }, version: savedVersion })
    // The second saves from the version both opened: refused, nothing overwritten.
    const second = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ version: formVersion, serviceLevelTarget: '70', hoursPerFte: '6' }) })
    expect(second.status).toBe(422)
    expect(second.headers.get('HX-Retarget')).toBe('#sla-form')
    const html = await second.text()
    expect(html.startsWith('<form id="sla-form"')).toBe(true)
    expect(html).toContain(`<div class="errors" id="sla-form-conflict" role="alert"><strong>Not saved.</strong> the SLA settings of &#39;US bank&#39; were changed by someone else after you opened this form (they are at version ${savedVersion} now; this form was opened on version ${formVersion}). Nothing was saved, and your values are still in the form`)
    expect(html).toMatch(/name="serviceLevelTarget" value="70"/)
    expect(html).toMatch(/name="hoursPerFte" value="6"/)
    expect(formVersionIn(html)).toBe(formVersion) // saving again from this form is refused again: reload first
    expect(await findStaffingSettingsWithVersion(db, bankId)).toEqual(stored)
    // Without JavaScript the refusal is the whole page (422) with the same message; still nothing saved.
    const plain = await app.request('/staffing/settings', { method: 'POST', body: settingsForm({ version: formVersion, serviceLevelTarget: '70' }) })
    expect(plain.status).toBe(422)
    const page = await plain.text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain(`were changed by someone else after you opened this form (they are at version ${savedVersion} now`)
    expect(await findStaffingSettingsWithVersion(db, bankId)).toEqual(stored)
    // After a reload the form carries the stored version and saves.
    const reloaded = formVersionIn(await (await app.request(`/staffing?queue=${bankId}&${bankRange}`)).text())
    expect(reloaded).toBe(String(savedVersion))
    expect((await app.request('/staffing/settings', { method: 'POST', body: settingsForm({ version: reloaded!, serviceLevelTarget: '70' }) })).status).toBe(303)
    expect(await findStaffingSettingsWithVersion(db, bankId)).toMatchObject({ settings: { serviceLevelTarget: 0.7 }, version: savedVersion + 1 })
  })

  it('refuses a malformed form version (422) and saves nothing; "measure k and α" keeps the version the form was opened on', async () => {
    const stored = await findStaffingSettingsWithVersion(db, bankId)
    const res = await app.request('/staffing/settings', { method: 'POST', headers: HX, body: settingsForm({ version: 'two' }) })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('the form&#39;s settings version must be a whole number of at least 0, got &#39;two&#39;: reload the page and try again')
    expect(await findStaffingSettingsWithVersion(db, bankId)).toEqual(stored)
    const measured = await (await app.request(`/staffing/concurrency?queue=${nwId}&from=1999-11-01&to=1999-11-03&version=0&serviceLevelTarget=85&answerWithinSeconds=30&shrinkageFraction=25&hoursPerFte=8&staffAtQuantile=mean&modelKind=erlang_c`, { headers: HX })).text()
    expect(formVersionIn(measured)).toBe('0')
    const noJs = await (await app.request(`/staffing?queue=${nwId}&from=1999-11-01&to=1999-11-03&measure=1&version=0&serviceLevelTarget=85&answerWithinSeconds=30&shrinkageFraction=25&hoursPerFte=8&staffAtQuantile=mean&modelKind=erlang_c`)).text()
    expect(formVersionIn(noJs)).toBe('0')
  })

  it('says why a range cannot be planned', async () => {
    const reversed = await (await app.request(`/staffing?queue=${bankId}&from=2003-10-28&to=2003-10-27`)).text()
    expect(reversed).toContain('The plan cannot be made: the end date 2003-10-27 is before the start date 2003-10-28')
    const before = await (await app.request(`/staffing?queue=${bankId}&from=2003-10-01&to=2003-10-02`)).text()
    expect(before).toContain('The plan cannot be made: the range 2003-10-01 to 2003-10-02 is not after the history of &#39;US bank&#39; (which ends 2003-10-24): plan days after it')
    const tooLong = await (await app.request(`/staffing?queue=${bankId}&from=2003-11-01&to=2004-02-01`)).text()
    expect(tooLong).toContain('has 93 days: plan at most 62 days at a time')
  })
})
