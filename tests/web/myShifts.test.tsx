/**
 * The people side of a published roster, in-process over a real week (Mon 4 – Fri 8 March 2024, New York, six
 * agents on 8-hour shifts): an admin links a viewer to an agent, the agent sees their shifts, asks for a day off
 * and a swap the rules forbid, a scheduler approves the day off (the roster changes in the fewest places, audited),
 * and the agent's calendar feed follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.ts'
import { saveAgent } from '../../src/db/schedules.ts'
import { findUserByName } from '../../src/db/users.ts'
import { listAudit } from '../../src/db/audit.ts'
import type { createApp } from '../../src/web/app.tsx'
import { ensureTestUser, signIn, type SignedIn } from './authHelper.ts'
import { form, publishedWeek } from './publishedWeek.ts'

const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1].trim()).sort()

describe('My shifts, requests and the calendar feed', () => {
  let db: Db
  let app: ReturnType<typeof createApp>
  let admin: SignedIn, agentUser: SignedIn, scheduler: SignedIn
  let scheduleId: number
  let queueId: number
  let feedPath: string

  beforeAll(async () => {
    ;({ db, app, queueId, scheduleId } = await publishedWeek())
    admin = await signIn(app, db, 'admin')
    scheduler = await signIn(app, db, 'scheduler')
    await ensureTestUser(db, 'viewer', 'ana')
    agentUser = await signIn(app, db, 'viewer', 'ana')
  }, 120_000)
  afterAll(() => db.client.close())

  const shiftRows = async () => (await db.client.execute({ sql: 'SELECT id, agent, start_local FROM schedule_shifts WHERE schedule_id = ? ORDER BY id', args: [scheduleId] })).rows.map((r) => ({ id: Number(r.id), agent: r.agent as string | null, start: String(r.start_local) }))

  it('tells an account without an agent to ask an admin, then shows the linked agent\'s shifts with breaks and offsets', async () => {
    expect(await (await agentUser.request('/my-shifts')).text()).toContain('id="not-linked"')
    const anaUser = (await findUserByName(db, 'ana'))!
    const agents = (await db.client.execute("SELECT id FROM agents WHERE name = 'Ana'")).rows
    const linked = await admin.request(`/users/${anaUser.id}/agent`, form({ agentId: String(agents[0].id) }))
    expect(linked.status).toBe(303)
    expect((await listAudit(db)).map((a) => a.summary)).toContain(`account ${anaUser.id} linked to agent 'Ana'`)
    const page = await (await agentUser.request('/my-shifts')).text()
    const own = (await shiftRows()).filter((r) => r.agent === 'Ana')
    expect(own.length).toBeGreaterThanOrEqual(4)
    expect(page).toContain(`${own.length} published shift${own.length === 1 ? '' : 's'} (${(own.length * 7.5).toFixed(1)} paid hours)`)
    expect(page).toContain('-05:00') // EST in March before the 10th
    expect(page).toContain('lunch (unpaid)')
    for (const r of own) expect(page).toContain(`data-shift-id="${r.id}"`)
  })

  it('refuses a bad date range naming the field, and a swap the rules forbid naming the rule; nothing is asked', async () => {
    const bad = await agentUser.request('/my-shifts/time-off', form({ from: '2024-03-06', to: '2024-03-05', reason: '' }))
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Not asked: Last day off (2024-03-05) must not be before the first (2024-03-06).')
    // A colleague working the same day cannot take a second shift that day.
    const rows = await shiftRows()
    const anaShift = rows.find((r) => r.agent === 'Ana')!
    const busy = rows.find((r) => r.agent !== 'Ana' && r.agent !== null && r.start.slice(0, 10) === anaShift.start.slice(0, 10))!
    const busyId = (await db.client.execute({ sql: 'SELECT id FROM agents WHERE name = ?', args: [busy.agent] })).rows[0].id
    const swap = await agentUser.request('/my-shifts/swap', form({ shiftId: String(anaShift.id), colleagueId: String(busyId), reason: '' }))
    expect(swap.status).toBe(422)
    expect(await swap.text()).toContain(`Not asked: ${busy.agent} cannot take 8h ${anaShift.start.replace('T', ' ')} (Bank): two shifts on one day`)
    expect((await db.client.execute('SELECT COUNT(*) AS n FROM roster_requests')).rows[0].n).toBe(0)
  })

  it('approves a day off: only Ana\'s shift that day changes hands, under the rules, audited; the feed follows', async () => {
    const made = await (await agentUser.request('/my-shifts/calendar', form({}))).text()
    feedPath = new URL(/id="feed-url">([^<]+)</.exec(made)![1]).pathname
    const before = await app.request(feedPath) // no session: the secret address is enough
    expect(before.status).toBe(200)
    expect(before.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const icsBefore = await before.text()
    const rowsBefore = await shiftRows()
    const own = rowsBefore.filter((r) => r.agent === 'Ana')
    expect(uids(icsBefore)).toEqual(own.map((r) => `shift-${r.id}@chatplan`).sort())
    expect(icsBefore).toContain('BEGIN:VTIMEZONE')
    expect(icsBefore).toContain(`DTSTART;TZID=America/New_York:${own[0].start.replace(/[-:]/g, '')}00`)

    const day = own[0].start.slice(0, 10)
    expect((await agentUser.request('/my-shifts/time-off', form({ from: day, to: day, reason: 'dentist' }))).status).toBe(303)
    const listed = await (await scheduler.request('/requests')).text()
    expect(listed).toContain(`Time off ${day} – ${day}`)
    const requestId = /data-request-id="(\d+)"/.exec(listed)![1]
    expect((await agentUser.request(`/requests/${requestId}/approve`, form({ note: '' }))).status).toBe(403) // viewers do not decide
    const approved = await scheduler.request(`/requests/${requestId}/approve`, form({ note: 'ok' }))
    const approvedText = await approved.clone().text()
    expect(approved.status, /id="requests-error">([^<]*)/.exec(approvedText)?.[1]).toBe(200)
    expect(/id="requests-notice">([^<]*)/.exec(approvedText)?.[1]).toBe('Approved and published: 1 shift changed hands.')
    expect(/id="reroster-note">([^<]*)/.exec(approvedText)?.[1]).toBe('Changes: 1 forced by the request, 0 required by the rules; fewest changes proven.')

    const rowsAfter = await shiftRows()
    const changed = rowsAfter.filter((r, i) => r.agent !== rowsBefore[i].agent)
    expect(changed).toHaveLength(1)
    expect(changed[0].id).toBe(own[0].id)
    expect(changed[0].agent).not.toBe('Ana')
    expect(changed[0].agent).not.toBeNull()
    expect((await listAudit(db)).find((a) => a.action === 'request.approve')!.summary).toContain(`Ana's time off ${day} – ${day} approved by test-scheduler: 8h ${own[0].start.replace('T', ' ')} (Bank): Ana → ${changed[0].agent}`)

    const icsAfter = await (await app.request(feedPath)).text()
    expect(uids(icsAfter)).toEqual(own.slice(1).map((r) => `shift-${r.id}@chatplan`).sort())
    const myPage = await (await agentUser.request('/my-shifts')).text()
    expect(myPage).toContain('approved')
    expect(myPage).not.toContain(`data-shift-id="${own[0].id}"`)
  }, 60_000)

  it('approves a swap the rules allow (the shift goes to the colleague) and refuses another with a note the agent sees', async () => {
    const rows = await shiftRows()
    // Gil joins after publishing: no shift yet, so the rules let him take one of Ana's.
    const colleague = 'Gil'
    await saveAgent(db, { name: colleague, contractedHoursPerWeek: 40, skillQueueIds: [queueId], maxDaysPerWeek: 5 })
    const anaShift = rows.find((r) => r.agent === 'Ana')!
    const colleagueId = (await db.client.execute({ sql: 'SELECT id FROM agents WHERE name = ?', args: [colleague] })).rows[0].id
    expect((await agentUser.request('/my-shifts/swap', form({ shiftId: String(anaShift.id), colleagueId: String(colleagueId), reason: 'wedding' }))).status).toBe(303)
    expect((await agentUser.request('/my-shifts/time-off', form({ from: '2024-03-07', to: '2024-03-08', reason: 'trip' }))).status).toBe(303)
    const listed = await (await scheduler.request('/requests')).text()
    const swapId = new RegExp(`data-request-id="(\\d+)"><td>[^<]*</td><td>Ana</td><td>Swap: 8h ${anaShift.start.replace('T', ' ')} \\(Bank\\) to ${colleague}`).exec(listed)![1]
    const tripId = new RegExp('data-request-id="(\\d+)"><td>[^<]*</td><td>Ana</td><td>Time off 2024-03-07 – 2024-03-08').exec(listed)![1]
    const approved = await (await scheduler.request(`/requests/${swapId}/approve`, form({ note: '' }))).text()
    expect(/id="requests-notice">([^<]*)/.exec(approved)?.[1]).toBe('Approved and published: 1 shift changed hands.')
    expect(/id="reroster-note">([^<]*)/.exec(approved)?.[1]).toBe('Changes: 1 forced by the request, 0 required by the rules; fewest changes proven.')
    const after = await shiftRows()
    expect(after.filter((r, i) => r.agent !== rows[i].agent)).toEqual([{ ...anaShift, agent: colleague }])
    expect((await scheduler.request(`/requests/${tripId}/refuse`, form({ note: 'inventory that week' }))).status).toBe(303)
    expect(await shiftRows()).toEqual(after) // a refusal changes no shift
    const again = await scheduler.request(`/requests/${tripId}/approve`, form({ note: '' }))
    expect(await again.text()).toContain(`Not approved: request ${tripId} was already refused.`)
    const mine = await (await agentUser.request('/my-shifts')).text()
    expect(mine).toMatch(/Time off 2024-03-07 – 2024-03-08<\/td><td>trip<\/td><td class="status-refused">refused<\/td><td>inventory that week<\/td>/)
  }, 60_000)

  it('stops the feed when revoked: the old address answers 404', async () => {
    expect((await agentUser.request('/my-shifts/calendar/revoke', form({}))).status).toBe(303)
    expect((await app.request(feedPath)).status).toBe(404)
    expect((await listAudit(db)).map((a) => a.action)).toEqual(expect.arrayContaining(['calendar.regenerate', 'calendar.revoke', 'request.create', 'request.approve', 'user.link']))
  })
})
