/**
 * Hardening of agents' requests, the calendar per date and the feed, in-process over a published week
 * (tests/web/publishedWeek.ts): dates outside 1970–2100 are refused naming the field, and a bad row already stored
 * cannot take the schedule pages down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findUserByName } from '../../src/db/users.ts'
import { regenerateCalendarFeed } from '../../src/db/calendarFeeds.ts'
import { saveAgent } from '../../src/db/schedules.ts'
import { ensureTestUser, signIn, type SignedIn } from './authHelper.ts'
import { form, publishedWeek, type PublishedWeek } from './publishedWeek.ts'

describe('requests, calendar and feed hardening', () => {
  let w: PublishedWeek
  let admin: SignedIn, scheduler: SignedIn, ana: SignedIn
  const count = async (sql: string) => Number((await w.db.client.execute(sql)).rows[0].n)

  beforeAll(async () => {
    w = await publishedWeek()
    admin = await signIn(w.app, w.db, 'admin')
    scheduler = await signIn(w.app, w.db, 'scheduler')
    await ensureTestUser(w.db, 'viewer', 'ana')
    ana = await signIn(w.app, w.db, 'viewer', 'ana')
    const user = (await findUserByName(w.db, 'ana'))!
    expect((await admin.request(`/users/${user.id}/agent`, form({ agentId: String(w.agentIds.get('Ana')) }))).status).toBe(303)
  }, 120_000)
  afterAll(() => w.db.client.close())

  it('refuses time off outside 1970–2100 naming the field, and asks nothing', async () => {
    for (const [from, to, field] of [['9999-12-31', '9999-12-31', 'First day off'], ['0000-01-01', '0000-01-01', 'First day off'], ['1969-12-31', '1970-01-01', 'First day off'], ['2100-12-31', '2101-01-01', 'Last day off']]) {
      const res = await ana.request('/my-shifts/time-off', form({ from, to, reason: '' }))
      expect(res.status).toBe(422)
      const bad = from.startsWith('2100') ? to : from
      expect(await res.text()).toContain(`Not asked: ${field} must be a date like 2026-03-14 between 1970 and 2100, got &#39;${bad}&#39;.`)
    }
    expect(await count('SELECT COUNT(*) AS n FROM roster_requests')).toBe(0)
  })

  it('refuses closing a date outside 1970–2100 on the calendar per date, and keeps nothing', async () => {
    for (const date of ['0000-01-01', '9999-12-31']) {
      const res = await scheduler.request(`/schedules/dates?queue=${w.queueId}`, form({ date, closed: 'on', reason: 'x' }))
      expect(res.status).toBe(422)
      expect(await res.text()).toContain(`Not saved: Date must be a date like 2026-03-14 between 1970 and 2100, got &#39;${date}&#39;.`)
    }
    const keep = await scheduler.request(`/schedules/dates/open?queue=${w.queueId}`, form({ date: '9999-12-25' }))
    expect(keep.status).toBe(422)
    expect(await count('SELECT COUNT(*) AS n FROM queue_date_hours')).toBe(0)
  })

  it('refuses to approve a pending time off stored with dates outside 1970–2100 (from before the bound), changing nothing', async () => {
    const anaId = w.agentIds.get('Ana')!
    const inserted = await w.db.client.execute({ sql: "INSERT INTO roster_requests (kind, agent_id, requested_by, from_date_key, to_date_key, status, created_at_ms) VALUES ('time_off', ?, 'ana', '9999-12-31', '9999-12-31', 'pending', 0) RETURNING id", args: [anaId] })
    const id = Number(inserted.rows[0].id)
    const res = await scheduler.request(`/requests/${id}/approve`, form({ note: '' }))
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Not approved: the dates of this request (9999-12-31 – 9999-12-31) are not dates between 1970 and 2100: refuse it and ask the agent to ask again.')
    expect((await w.db.client.execute({ sql: 'SELECT status FROM roster_requests WHERE id = ?', args: [id] })).rows[0].status).toBe('pending')
    expect((await scheduler.request(`/requests/${id}/refuse`, form({ note: 'bad dates' }))).status).toBe(303)
  })

  it('serves the schedule page and roster CSV when an approved time off far outside any schedule is already stored', async () => {
    const anaId = w.agentIds.get('Ana')!
    const before = await (await scheduler.request(`/schedules/${w.scheduleId}/roster.csv`)).text()
    expect(before.split('\n').filter((l) => l.startsWith('Ana,')).length).toBeGreaterThanOrEqual(4)
    for (const [from, to] of [['9999-12-31', '9999-12-31'], ['0000-01-01', '9999-12-31']]) {
      await w.db.client.execute({ sql: "INSERT INTO roster_requests (kind, agent_id, requested_by, from_date_key, to_date_key, status, created_at_ms) VALUES ('time_off', ?, 'ana', ?, ?, 'approved', 0)", args: [anaId, from, to] })
    }
    const started = Date.now()
    const csv = await scheduler.request(`/schedules/${w.scheduleId}/roster.csv`)
    expect(csv.status).toBe(200)
    // A published roster is frozen: time off approved later changes it only through the re-roster of the approval.
    expect(await csv.text()).toBe(before)
    const page = await scheduler.request(`/schedules/${w.scheduleId}`)
    expect(page.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(30_000)
  }, 60_000)

  it('answers 400 to a queue id that names no queue and writes nothing into another queue', async () => {
    const closed = await scheduler.request('/schedules/dates?queue=999', form({ date: '2024-03-05', closed: 'on', reason: 'tampered' }))
    expect(closed.status).toBe(400)
    expect(await closed.text()).toContain("The address is not valid: The queue must be one of the queues listed (by id or name), got &#39;999&#39;. Nothing was changed.")
    expect(await count('SELECT COUNT(*) AS n FROM queue_date_hours')).toBe(0)
    for (const path of ['/schedules?queue=abc', '/schedules?queue=999', '/schedules/dates?queue=999', `/today?queue=999&date=2024-03-05&at=12:00`, '/forecasts?queue=999', '/staffing?queue=999']) {
      const res = await scheduler.request(path)
      expect(res.status, path).toBe(400)
      expect(await res.text(), path).toContain('The queue must be one of the queues listed')
    }
    // The queue by id and by name still works.
    expect((await scheduler.request(`/schedules?queue=${w.queueId}`)).status).toBe(200)
    expect((await scheduler.request('/schedules/dates?queue=Bank')).status).toBe(200)
  })

  it('answers 400 naming the parameter to a year, date, time or refresh the pages cannot use', async () => {
    const cases: [string, string][] = [
      [`/schedules/dates?queue=${w.queueId}&year=abc`, 'The year must be a number, got &#39;abc&#39;'],
      [`/schedules/dates?queue=${w.queueId}&year=2101`, 'The year must be a whole number between 1970 and 2100, got 2101'],
      [`/today?queue=${w.queueId}&refresh=-5`, 'The refresh interval must be a whole number between 2 and 300 seconds, got -5'],
      [`/today?queue=${w.queueId}&refresh=abc`, 'The refresh interval must be a number, got &#39;abc&#39;'],
      [`/today?queue=${w.queueId}&date=2024-02-30&at=12:00`, 'The date must be a date written YYYY-MM-DD between 1970 and 2100'],
      [`/today?queue=${w.queueId}&date=2024-03-05&at=25:00`, 'The time must be a clock time written HH:MM (00:00 to 24:00), got &#39;25:00&#39;'],
    ]
    for (const [path, message] of cases) {
      const res = await scheduler.request(path)
      expect(res.status, path).toBe(400)
      expect(await res.text(), path).toContain(message)
    }
    const live = await (await scheduler.request(`/today?queue=${w.queueId}&refresh=10`)).text()
    expect(live).toContain('refresh=10')
    expect((await scheduler.request(`/schedules/dates?queue=${w.queueId}&year=2024`)).status).toBe(200)
  })

  it('refuses the same time off or swap while the first is pending, naming the existing request; asks nothing twice', async () => {
    const ids = async () => (await w.db.client.execute('SELECT id FROM roster_requests WHERE status = \'pending\' ORDER BY id')).rows.map((r) => Number(r.id))
    const before = await ids()
    expect((await ana.request('/my-shifts/time-off', form({ from: '2024-03-06', to: '2024-03-07', reason: 'move' }))).status).toBe(303)
    const [timeOffId] = (await ids()).filter((id) => !before.includes(id))
    const again = await ana.request('/my-shifts/time-off', form({ from: '2024-03-06', to: '2024-03-07', reason: 'move' }))
    expect(again.status).toBe(422)
    expect(await again.text()).toContain(`Not asked: you already asked for this time off: request ${timeOffId}, 2024-03-06 – 2024-03-07, is pending.`)
    const overlapping = await ana.request('/my-shifts/time-off', form({ from: '2024-03-07', to: '2024-03-08', reason: '' }))
    expect(await overlapping.text()).toContain(`Not asked: these dates overlap time off you already asked for: request ${timeOffId}, 2024-03-06 – 2024-03-07, is pending.`)
    // A swap to a colleague who works no shift (Gil, added after publishing) fits the rules; asked twice, the second is refused.
    const gil = (await saveAgent(w.db, { name: 'Gil', contractedHoursPerWeek: 40, skillQueueIds: [w.queueId], maxDaysPerWeek: 5 })).id
    const shift = (await w.db.client.execute({ sql: "SELECT id, start_local FROM schedule_shifts WHERE schedule_id = ? AND agent = 'Ana' ORDER BY start_local LIMIT 1", args: [w.scheduleId] })).rows[0]
    expect((await ana.request('/my-shifts/swap', form({ shiftId: String(shift.id), colleagueId: String(gil), reason: '' }))).status).toBe(303)
    const swapId = Math.max(...await ids())
    const swapAgain = await ana.request('/my-shifts/swap', form({ shiftId: String(shift.id), colleagueId: String(gil), reason: 'please' }))
    expect(swapAgain.status).toBe(422)
    expect(await swapAgain.text()).toContain(`Not asked: you already asked to give 8h ${String(shift.start_local).replace('T', ' ')} (Bank) to Gil: request ${swapId} is pending.`)
    expect((await ids()).length).toBe(before.length + 2)
    // Once decided, the same dates may be asked again.
    expect((await scheduler.request(`/requests/${timeOffId}/refuse`, form({ note: 'busy week' }))).status).toBe(303)
    expect((await ana.request('/my-shifts/time-off', form({ from: '2024-03-06', to: '2024-03-07', reason: 'again' }))).status).toBe(303)
  }, 60_000)

  it('shows each role only the pages it may open; a viewer opening /requests gets a page with navigation and the icon, not bare text', async () => {
    const navOf = (html: string) => [.../<nav class="main-nav"[^]*?<\/nav>/.exec(html)![0].matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    const viewerNav = navOf(await (await ana.request('/my-shifts')).text())
    expect(viewerNav).toContain('/my-shifts')
    expect(viewerNav).toContain('/schedules')
    for (const hidden of ['/requests', '/today', '/capacity']) expect(viewerNav).not.toContain(hidden)
    const schedulerNav = navOf(await (await scheduler.request('/my-shifts')).text())
    expect(schedulerNav).toEqual(expect.arrayContaining(['/requests', '/today']))
    expect(schedulerNav).not.toContain('/capacity')
    const forbidden = await ana.request('/requests')
    expect(forbidden.status).toBe(403)
    expect(forbidden.headers.get('Content-Type')).toContain('text/html')
    const html = await forbidden.text()
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain("may not do this: deciding agents&#39; requests needs the scheduler role. Ask an admin.")
    expect(html).toContain('<link rel="icon" href="/static/favicon.svg"')
    expect(navOf(html)).not.toContain('/requests')
    const icon = await w.app.request('/favicon.ico') // signed out too
    expect([icon.status, icon.headers.get('Content-Type')]).toEqual([200, 'image/svg+xml'])
    expect(await icon.text()).toContain('<svg')
  })

  it('refuses a tampered over-cover naming the form\'s real choices in its words, and dates past 2100, and starts nothing', async () => {
    const res = await scheduler.request(`/schedules/generate?queue=${w.queueId}`, form({ from: '2024-03-11', to: '2024-03-15', timeLimitSeconds: '30', gapPercent: '0.5', overCover: 'allowed' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Over-cover must be one of the form&#39;s choices: allowed (value allow) or forbidden (value forbid), got &#39;allowed&#39;')
    expect(html).toMatch(/<option value="allow"[^>]*>allowed<\/option><option value="forbid"[^>]*>forbidden<\/option>/) // the select offers the same words
    const far = await scheduler.request(`/schedules/generate?queue=${w.queueId}`, form({ from: '9999-01-04', to: '9999-01-08', timeLimitSeconds: '30', gapPercent: '0.5', overCover: 'allow' }))
    expect(far.status).toBe(422)
    expect(await far.text()).toContain('the start date must be a date like 2003-10-27 (YYYY-MM-DD) between 1970 and 2100, got &#39;9999-01-04&#39;')
    expect(await count('SELECT COUNT(*) AS n FROM schedules')).toBe(1)
  })

  it('stops the calendar feed when its account is unlinked or disabled; only a new address works again, and only while linked', async () => {
    const user = (await findUserByName(w.db, 'ana'))!
    const anaId = String(w.agentIds.get('Ana'))
    const newFeed = async () => new URL(/id="feed-url">([^<]+)</.exec(await (await ana.request('/my-shifts/calendar', form({}))).text())![1]).pathname
    const first = await newFeed()
    expect((await w.app.request(first)).status).toBe(200)
    expect((await admin.request(`/users/${user.id}/agent`, form({ agentId: '' }))).status).toBe(303)
    expect((await w.app.request(first)).status).toBe(404)
    expect((await admin.request(`/users/${user.id}/agent`, form({ agentId: anaId }))).status).toBe(303)
    expect((await w.app.request(first)).status).toBe(404) // relinking does not bring the old address back
    const second = await newFeed()
    expect((await w.app.request(second)).status).toBe(200)
    expect((await admin.request(`/users/${user.id}`, form({ disabled: '1' }))).status).toBe(303)
    expect((await w.app.request(second)).status).toBe(404)
    expect((await admin.request(`/users/${user.id}`, form({ disabled: '0' }))).status).toBe(303)
    expect((await w.app.request(second)).status).toBe(404) // enabled again: a new address is needed
    // A feed row of an agent no account is linked to (left in an older database) opens nothing.
    const orphan = await regenerateCalendarFeed(w.db, w.agentIds.get('Ben')!)
    expect((await w.app.request(`/calendar/${orphan}.ics`)).status).toBe(404)
    ana = await signIn(w.app, w.db, 'viewer', 'ana') // disabling signed her out
  })
})
