import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'

describe('events pages (in-process requests)', () => {
  let dir: string
  let db: Db
  let app: ReturnType<typeof createApp>
  let queueId: number
  const count = async () => Number((await db.client.execute('SELECT COUNT(*) AS n FROM events')).rows[0].n)
  const form = (fields: Record<string, string>) => {
    const body = new URLSearchParams({ queue: String(queueId), queueId: String(queueId), type: 'promotion', effectKind: 'multiplier', rampBeforeDays: '0', decayAfterDays: '0', delayDays: '0', ...fields })
    return { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
  }
  const htmx = (init: { method: string; body: URLSearchParams; headers: Record<string, string> }) => ({ ...init, headers: { ...init.headers, 'HX-Request': 'true' } })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-events-web-'))
    db = await createDb('file:' + join(dir, 'web.db'))
    await migrateDb(db)
    app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
    await importFile(db, { kind: 'intervals', path: new URL('../../../shared/data/bank_calls_30min.csv', import.meta.url).pathname, fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: 'America/New_York' })
    queueId = (await findQueueByName(db, 'US bank'))!.id
  }, 60_000)
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('shows the calendar of the month after the history, the holidays switch, learned uplift and the flags loader', async () => {
    const res = await app.request(`/events?queue=${queueId}`)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(page).toContain('October 2003')
    expect(page).toContain('id="month-view"')
    expect(page).toContain('id="holiday-switch"')
    expect(page).toContain('id="learned-uplift"')
    expect(page).toContain('id="suggested-events"')
    expect(page).toContain(`hx-get="/events/flags?queue=${queueId}"`)
    expect(page).not.toContain('This part of Chatplan is being built')
  })

  it('adds an event without JavaScript (303) and with htmx (the workspace fragment)', async () => {
    const res = await app.request('/events', form({ name: 'Spring promo', start: '2003-05-05T00:00', end: '2003-05-09T23:59', value: '1.6' }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/events?queue=${queueId}&month=2003-05`)
    const page = await (await app.request(res.headers.get('location')!)).text()
    expect(page).toContain('Spring promo')
    const fragment = await (await app.request('/events', htmx(form({ name: 'Autumn promo', start: '2003-10-28T12:00', end: '2003-10-29T12:00', value: '1.5' })))).text()
    expect(fragment.startsWith('<section id="events-workspace">')).toBe(true)
    expect(fragment).toContain("Added &#39;Autumn promo&#39;.")
    expect(await count()).toBe(2)
  })

  it('refuses a learned effect with nothing to learn from, and says which learned value it will use otherwise', async () => {
    const before = await count()
    const refused = await app.request('/events', htmx(form({ type: 'launch', name: 'App launch', start: '2003-11-04T00:00', end: '2003-11-04T23:59', value: '' })))
    expect(refused.status).toBe(422)
    expect((await refused.text()).replaceAll('&#39;', "'")).toContain("there is nothing to learn a 'launch' effect from: the history of 'US bank' has no past launch event. Give the effect a value")
    expect(await count()).toBe(before)
    // The Spring promo (×1.6, in the history) is a past promotion: a new one without a value learns from it.
    const learned = await app.request('/events', htmx(form({ name: 'Winter promo', start: '2003-11-11T00:00', end: '2003-11-11T23:59', value: '' })))
    expect(learned.status).toBe(200)
    expect((await learned.text()).replaceAll('&#39;', "'")).toMatch(/Added 'Winter promo'\. It uses the effect learned from 1 past promotion event\(s\): ×\d\.\d\d \(likely \d\.\d\d to \d\.\d\d\)/)
    expect(await count()).toBe(before + 1)
    await db.client.execute("DELETE FROM events WHERE name = 'Winter promo'")
  }, 60_000)

  describe('bad input: a clear message (422) and nothing changed', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['an end before the start', { name: 'Backwards', start: '2003-06-10T10:00', end: '2003-06-09T10:00' }, 'end (2003-06-09T10:00) must be after start (2003-06-10T10:00)'],
      ['an overlapping duplicate', { name: 'spring promo', start: '2003-05-07T00:00', end: '2003-05-12T00:00' }, 'overlaps the promotion &#39;Spring promo&#39; already in the calendar'],
      ['a multiplier of zero', { name: 'Zero', start: '2003-06-10T10:00', end: '2003-06-11T10:00', value: '0' }, 'a multiplier must be greater than 0'],
      ['a negative multiplier', { name: 'Negative', start: '2003-06-10T10:00', end: '2003-06-11T10:00', value: '-1' }, 'a multiplier must be greater than 0'],
      ['an unknown queue', { name: 'Nowhere', start: '2003-06-10T10:00', end: '2003-06-11T10:00', queueId: '999' }, 'unknown queue &#39;999&#39;: choose one of the queues listed, or all queues'],
    ]
    for (const [what, fields, message] of cases) {
      it(what, async () => {
        const before = await count()
        const res = await app.request('/events', form(fields))
        expect(res.status).toBe(422)
        expect(await res.text()).toContain(message)
        const fragment = await app.request('/events', htmx(form(fields)))
        expect(fragment.status).toBe(422)
        expect(await fragment.text()).toContain('id="event-form-error"')
        expect(await count()).toBe(before)
      })
    }
  })

  it('edits with the version and deletes', async () => {
    const id = Number((await db.client.execute("SELECT id FROM events WHERE name = 'Spring promo'")).rows[0].id)
    const edit = await (await app.request(`/events/${id}/edit?queue=${queueId}`)).text()
    expect(edit).toContain('Edit event')
    expect(edit).toContain('value="2003-05-05T00:00"')
    const res = await app.request(`/events/${id}`, form({ name: 'Spring promo', start: '2003-05-05T00:00', end: '2003-05-09T23:59', value: '1.5', version: '1' }))
    expect(res.status).toBe(303)
    const stale = await app.request(`/events/${id}`, form({ name: 'Spring promo', start: '2003-05-05T00:00', end: '2003-05-09T23:59', value: '1.7', version: '1' }))
    expect(stale.status).toBe(422)
    expect(await stale.text()).toContain('was changed by someone else since you opened it')
    expect(Number((await db.client.execute(`SELECT effect_value FROM events WHERE id = ${id}`)).rows[0].effect_value)).toBe(1.5)
    const extra = await app.request('/events', form({ name: 'Short-lived', start: '2003-07-01T09:00', end: '2003-07-01T17:00', value: '1.2' }))
    expect(extra.status).toBe(303)
    const extraId = Number((await db.client.execute("SELECT id FROM events WHERE name = 'Short-lived'")).rows[0].id)
    const del = await app.request(`/events/${extraId}/delete`, { method: 'POST', body: new URLSearchParams({ queue: String(queueId) }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' } })
    expect(await del.text()).toContain('Deleted &#39;Short-lived&#39;.')
    expect(await count()).toBe(2)
  })

  it('switches public holidays on (shown on the calendar) and refuses an unknown country', async () => {
    const bad = await app.request('/events/holidays', { method: 'POST', body: new URLSearchParams({ queue: String(queueId), country: 'XX' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('unknown holiday country &#39;XX&#39;')
    const res = await app.request('/events/holidays', { method: 'POST', body: new URLSearchParams({ queue: String(queueId), country: 'US' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(303)
    const may = await (await app.request(`/events?queue=${queueId}&month=2003-05`)).text()
    expect(may).toContain('Memorial Day')
    expect(may).toContain('On: the public holidays of US')
  })

  it('exports the calendar as CSV and imports it back all or nothing', async () => {
    const csv = await (await app.request(`/events/export.csv?queue=${queueId}`)).text()
    expect(csv.split('\n')[0]).toBe('queue,type,name,start,end,effect,value,ramp_before_days,decay_after_days,delay_days,time_zone')
    expect(csv).toContain('US bank,promotion,Spring promo,2003-05-05T00:00:00-04:00,2003-05-09T23:59:00-04:00,multiplier,1.5,0,0,0,America/New_York')
    const upload = (text: string) => {
      const body = new FormData()
      body.set('queue', String(queueId))
      body.set('file', new File([text], 'events.csv', { type: 'text/csv' }))
      return app.request('/events/import', { method: 'POST', body })
    }
    const before = await count()
    const bad = await upload('queue,type,name,start,end,effect,value\nUS bank,launch,App 2.0,2003-08-04,2003-08-05,multiplier,1.3\nUS bank,party,Oops,2003-08-10,2003-08-09,multiplier,0\n')
    expect(bad.status).toBe(422)
    const text = await bad.text()
    expect(text).toContain('Nothing was imported')
    expect(text).toContain('row 3, type: type must be one of')
    expect(await count()).toBe(before)
    const duplicate = await upload(csv)
    expect(duplicate.status).toBe(422)
    expect(await duplicate.text()).toContain('overlaps')
    expect(await count()).toBe(before)
    const good = await upload('queue,type,name,start,end,effect,value\nUS bank,launch,App 2.0,2003-08-04,2003-08-05,multiplier,1.3\n,campaign,Mailing,2003-09-01,2003-09-02,added,500\n')
    expect(good.status).toBe(303)
    expect(await count()).toBe(before + 2)
  })

  it('computes the flags as a job: the promotion ahead is short of cover, with CSV export and the dashboard summary', async () => {
    const start = await app.request(`/events/flags?queue=${queueId}&from=2003-10-27&to=2003-10-31`, { headers: { 'HX-Request': 'true' } })
    const jobUrl = /hx-get="([^"]+)"/.exec(await start.text())![1]
    let fragment = ''
    for (let i = 0; i < 200 && !fragment.includes('Flags for the coming weeks</h2><p class="muted">2003'); i++) {
      await new Promise((r) => setTimeout(r, 100))
      fragment = await (await app.request(jobUrl, { headers: { 'HX-Request': 'true' } })).text()
    }
    expect(fragment).toContain('id="flag-days"')
    expect(fragment).toContain('data-date="2003-10-28"')
    expect(fragment).toContain('Autumn promo')
    const csv = await (await app.request(`/events/flags.csv?queue=${queueId}&from=2003-10-27&to=2003-10-31`)).text()
    expect(csv.split('\n')[1]).toMatch(/^US bank,2003-10-28T12:00:00-05:00,[\d.]+,[\d.]+,[\d.]+,[\d.]+,Autumn promo$/)
    const bad = await app.request(`/events/flags.csv?queue=${queueId}&from=2003-10-31&to=2003-10-27`)
    expect(bad.status).toBe(422)
    expect(await bad.text()).toBe('the end date 2003-10-27 is before the start date 2003-10-31')
    const summary = await (await app.request(`/events/flags/summary?queue=${queueId}`)).text()
    expect(summary).toContain('id="flags-summary"')
    expect(summary).toContain('Autumn promo')
  }, 60_000)
})
