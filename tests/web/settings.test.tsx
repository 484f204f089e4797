import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { importFile } from '../../src/db/importBatch.ts'
import { signIn, type SignedIn } from './authHelper.ts'
import { getTeamSettings } from '../../src/db/teamSettings.ts'

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('the team settings page: one date and time style for every page', () => {
  let dir: string
  let db: Db
  let manager: SignedIn
  let viewer: SignedIn
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-settings-'))
    db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    await importFile(db, { kind: 'intervals', path: new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname, fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: 'America/New_York' })
    const app = createApp({ db, uploadDir: join(dir, 'uploads') })
    manager = await signIn(app, db, 'manager')
    viewer = await signIn(app, db, 'viewer')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('defaults to ISO-like dates, shown on the dashboard chart', async () => {
    const settings = await (await manager.request('/settings')).text()
    expect(settings).toMatch(/<input type="radio" name="dateStyle" value="iso" checked=""/)
    expect(settings).toContain('<strong>2000-01-04 09:30</strong>')
    expect(settings).toContain('Never changed: the defaults apply.')
    const dashboard = await (await manager.request('/?queue=US%20bank')).text()
    expect(dashboard).toMatch(/<title>03-03: [\d,]+<\/title>/)
  })

  it('saves a manager\'s choice, and every page follows it', async () => {
    const res = await manager.request('/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ dateStyle: 'mdy' }) })
    expect(res.status).toBe(303)
    expect((await getTeamSettings(db)).dateStyle).toBe('mdy')
    const dashboard = await (await manager.request('/?queue=US%20bank')).text()
    expect(dashboard).toMatch(/<title>03\/03: [\d,]+<\/title>/)
    expect(dashboard).not.toMatch(/<title>03-03: /)
    const settings = await (await viewer.request('/settings')).text()
    expect(settings).toContain('<strong>01/04/2000 9:30 AM</strong>')
    expect(settings).toMatch(/Last changed \d\d\/\d\d\/\d{4} \d{1,2}:\d\d [AP]M UTC by test-manager\./)
  })

  it('refuses an unknown style naming the field, and changes nothing', async () => {
    const res = await manager.request('/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ dateStyle: 'roman' }) })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Not saved: Date and time style must be one of iso, dmy, mdy, got &#39;roman&#39;.')
    expect((await getTeamSettings(db)).dateStyle).toBe('mdy')
  })

  it('lets a viewer read but not change the settings', async () => {
    const res = await viewer.request('/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ dateStyle: 'iso' }) })
    expect(res.status).toBe(403)
    expect((await getTeamSettings(db)).dateStyle).toBe('mdy')
    expect(await (await viewer.request('/settings')).text()).toContain('Only managers and admins change the team&#39;s settings.')
  })

  it("saves the number style, and pages write numbers with the team's separators", async () => {
    const before = await (await manager.request('/settings')).text()
    expect(before).toMatch(/<input type="radio" name="numberStyle" value="comma-point" checked=""/)
    expect(before).toContain('<strong>12,345.6</strong>')
    const dashboardBefore = await (await manager.request('/?queue=US%20bank')).text()
    const total = /id="total-volume">([^<]+)</.exec(dashboardBefore)![1]
    expect(total).toMatch(/^\d{1,3}(,\d{3})+$/)

    const res = await manager.request('/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ dateStyle: 'mdy', numberStyle: 'point-comma' }) })
    expect(res.status).toBe(303)
    expect(await getTeamSettings(db)).toMatchObject({ dateStyle: 'mdy', numberStyle: 'point-comma' })
    const dashboard = await (await manager.request('/?queue=US%20bank')).text()
    expect(/id="total-volume">([^<]+)</.exec(dashboard)![1]).toBe(total.replace(/,/g, '.'))
    const settings = await (await viewer.request('/settings')).text()
    expect(settings).toMatch(/<input type="radio" name="numberStyle" value="point-comma" checked=""/)
    expect(settings).toContain('<strong>12.345,6</strong>')
    // A bad number style is refused by name and changes nothing; a form without the field keeps the stored style.
    const bad = await manager.request('/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ dateStyle: 'iso', numberStyle: 'roman' }) })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Not saved: Number style must be one of comma-point, point-comma, space-comma, apostrophe-point, got &#39;roman&#39;.')
    expect(await getTeamSettings(db)).toMatchObject({ dateStyle: 'mdy', numberStyle: 'point-comma' })
    expect((await manager.request('/settings', { method: 'POST', headers: FORM, body: new URLSearchParams({ dateStyle: 'mdy' }) })).status).toBe(303)
    expect(await getTeamSettings(db)).toMatchObject({ dateStyle: 'mdy', numberStyle: 'point-comma' })
  })
})
