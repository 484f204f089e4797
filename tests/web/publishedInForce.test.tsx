/**
 * Two consecutive published weeks of one queue (New York, Mon 4 – Fri 8 and Mon 11 – Fri 15 March 2024, six agents
 * on 8-hour shifts), as the QA tester had them: publishing the second week must not drop the first from My shifts,
 * the calendar feed or requests (an older published schedule counts on the dates no newer one covers:
 * src/scheduling/publishedInForce.ts), and renaming an agent carries their published shifts along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/client.ts'
import { publishedScheduleOn, publishedSchedulesInForceBetween } from '../../src/db/schedules.ts'
import { findUserByName } from '../../src/db/users.ts'
import { listAudit } from '../../src/db/audit.ts'
import type { createApp } from '../../src/web/app.tsx'
import { publishedShiftsOfAgent } from '../../src/planning/agentRequests.ts'
import { ensureTestUser, signIn, type SignedIn } from './authHelper.ts'
import { DAYS, publishedWeek, publishWeek } from './publishedWeek.ts'

const WEEK1 = DAYS
const WEEK2 = ['2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15']

const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1].trim()).sort()

describe('every published schedule counts on its dates; a rename carries the shifts', () => {
  let db: Db
  let app: ReturnType<typeof createApp>
  let admin: SignedIn, agentUser: SignedIn, scheduler: SignedIn
  let queueId: number
  const scheduleIds: number[] = []

  beforeAll(async () => {
    let first: number
    ;({ db, app, queueId, scheduleId: first } = await publishedWeek())
    scheduleIds.push(first)
    scheduleIds.push(await publishWeek(db, queueId, WEEK2))
    admin = await signIn(app, db, 'admin')
    scheduler = await signIn(app, db, 'scheduler')
    await ensureTestUser(db, 'viewer', 'ana')
    agentUser = await signIn(app, db, 'viewer', 'ana')
    const anaUser = (await findUserByName(db, 'ana'))!
    const anaId = (await db.client.execute("SELECT id FROM agents WHERE name = 'Ana'")).rows[0].id
    expect((await admin.request(`/users/${anaUser.id}/agent`, form({ agentId: String(anaId) }))).status).toBe(303)
  }, 120_000)
  afterAll(() => db.client.close())

  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
  const shiftRows = async (agent?: string) => (await db.client.execute({ sql: `SELECT id, schedule_id, agent, start_local FROM schedule_shifts WHERE schedule_id IN (${scheduleIds.join(',')})${agent ? ' AND agent = ?' : ''} ORDER BY id`, args: agent ? [agent] : [] })).rows
    .map((r) => ({ id: Number(r.id), scheduleId: Number(r.schedule_id), agent: r.agent as string | null, start: String(r.start_local) }))

  it('shows the shifts of both published weeks on My shifts and in the feed', async () => {
    const own = await shiftRows('Ana')
    expect(new Set(own.map((r) => r.scheduleId))).toEqual(new Set(scheduleIds))
    const page = await (await agentUser.request('/my-shifts')).text()
    for (const r of own) expect(page).toContain(`data-shift-id="${r.id}"`)
    expect(page).toContain(`${own.length} published shifts (${(own.length * 7.5).toFixed(1)} paid hours)`)
    const made = await (await agentUser.request('/my-shifts/calendar', form({}))).text()
    const feedPath = new URL(/id="feed-url">([^<]+)</.exec(made)![1]).pathname
    expect(uids(await (await app.request(feedPath)).text())).toEqual(own.map((r) => `shift-${r.id}@chatplan`).sort())
  })

  it('gives the readers of a date or a range (Today, flags, scenarios) the schedule in force there, not only the newest', async () => {
    expect((await publishedScheduleOn(db, queueId, '2024-03-06'))?.record.id).toBe(scheduleIds[0])
    expect((await publishedScheduleOn(db, queueId, '2024-03-13'))?.record.id).toBe(scheduleIds[1])
    expect(await publishedScheduleOn(db, queueId, '2024-03-20')).toBeNull()
    const both = await publishedSchedulesInForceBetween(db, queueId, '2024-03-04', '2024-03-15')
    expect(both.map((p) => p.record.id)).toEqual([scheduleIds[1], scheduleIds[0]])
    // The first week's cover: every assigned shift's heads, as on its page.
    expect(both[1].coverage.rows.length).toBe(5 * 28)
    expect(both[1].coverage.rows.some((r) => r.agentsScheduled > 0)).toBe(true)
  })

  it('says on the published (optimiser-made) roster why each agent-week under contract is, never a blank', async () => {
    const page = await (await scheduler.request(`/schedules/${scheduleIds[0]}`)).text()
    const rows = [...page.matchAll(/<tr><td>([^<]+)<\/td><td>[^<]*<\/td><td class="num">([\d.,]+)<\/td><td class="num">([\d.,]+)<\/td>.*?<td class="muted short-of-contract">([^<]*)<\/td>/g)]
      .map((m) => ({ agent: m[1], contracted: Number(m[2].replace(',', '')), paid: Number(m[3].replace(',', '')), why: m[4] }))
    expect(rows.map((r) => r.agent).sort()).toEqual(['Ana', 'Ben', 'Cleo', 'Dov', 'Eli', 'Fay'])
    const short = rows.filter((r) => r.paid < r.contracted)
    expect(short.length).toBeGreaterThan(0) // six agents of 40 h, a week that needs fewer hours
    for (const r of short) expect(r.why).toMatch(new RegExp(`^${(r.contracted - r.paid).toFixed(1).replace(/\.0$/, '')} h under contract: `))
    for (const r of rows.filter((x) => x.paid >= x.contracted)) expect(r.why).toBe('')
  })

  it('re-rosters the first week when a day off there is approved (not "no published shift changed"), and keeps it in force', async () => {
    const before = await shiftRows()
    const first = before.find((r) => r.agent === 'Ana' && r.scheduleId === scheduleIds[0])!
    const day = first.start.slice(0, 10)
    expect((await agentUser.request('/my-shifts/time-off', form({ from: day, to: day, reason: 'dentist' }))).status).toBe(303)
    const listed = await (await scheduler.request('/requests')).text()
    const requestId = /data-request-id="(\d+)"/.exec(listed)![1]
    const approved = await (await scheduler.request(`/requests/${requestId}/approve`, form({ note: 'ok' }))).text()
    expect(/id="requests-notice">([^<]*)/.exec(approved)?.[1]).toBe('Approved and published: 1 shift changed hands.')
    const after = await shiftRows()
    const changed = after.filter((r, i) => r.agent !== before[i].agent)
    expect(changed.map((r) => r.id)).toEqual([first.id])
    expect(changed[0].agent).not.toBeNull()
    const csv = await (await scheduler.request(`/schedules/${scheduleIds[0]}/roster.csv`)).text()
    expect(csv.split('\n').filter((l) => l.startsWith(`Ana,${day},`))).toEqual([])
    // Approving did not make week 1 "newer" than week 2: both still count.
    const page = await (await agentUser.request('/my-shifts')).text()
    for (const r of after.filter((x) => x.agent === 'Ana')) expect(page).toContain(`data-shift-id="${r.id}"`)
  }, 60_000)

  it('carries the published shifts, the feed and the requests along when the agent is renamed, audited', async () => {
    const before = await shiftRows('Ana')
    const made = await (await agentUser.request('/my-shifts/calendar', form({}))).text()
    const feedPath = new URL(/id="feed-url">([^<]+)</.exec(made)![1]).pathname
    const agent = (await db.client.execute("SELECT id, version FROM agents WHERE name = 'Ana'")).rows[0]
    const saved = await admin.request(`/schedules/agents/${agent.id}?queue=${queueId}`, { ...form({ name: 'Ana K', contractedHoursPerWeek: '40', skills: String(queueId), availability: '', maxDaysPerWeek: '5', minConsecutiveDaysOff: '2', minRestHoursBetweenShifts: '11', maxHoursPerWeek: '', version: String(agent.version) }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' } })
    const savedText = await saved.text()
    expect(saved.status).toBe(200)
    expect(savedText.replaceAll('&#39;', "'")).toContain(`Saved the agent 'Ana K' (renamed from 'Ana'; ${before.length} published shifts carried along).`)
    expect(await shiftRows('Ana')).toEqual([])
    expect((await shiftRows('Ana K')).map((r) => r.id)).toEqual(before.map((r) => r.id))
    const page = await (await agentUser.request('/my-shifts')).text()
    expect(page).toContain(`${before.length} published shifts`)
    expect(page).toMatch(/Time off [0-9-]+ – [0-9-]+<\/td><td>dentist<\/td><td class="status-approved">approved/)
    expect(uids(await (await app.request(feedPath)).text())).toEqual(before.map((r) => `shift-${r.id}@chatplan`).sort())
    // The roster table lists her once, with her contract and her paid hours.
    const schedulePage = await (await scheduler.request(`/schedules/${scheduleIds[1]}`)).text()
    expect(schedulePage).toContain('<td>Ana K</td>')
    expect(schedulePage).not.toContain('<td>Ana</td>')
    expect((await listAudit(db)).find((a) => a.action === 'agent.update')!.summary).toBe(`'Ana K' (renamed from 'Ana'; ${before.length} published shifts carried along)`)
  }, 60_000)

  it('groups the roster by the queue\'s week once set on the calendar page (Sunday first, Friday–Saturday weekend), audited; a bad day is refused naming the field', async () => {
    const bad = await scheduler.request(`/schedules/dates/week?queue=${queueId}`, form({ weekStartsOn: 'someday' }))
    expect(bad.status).toBe(422)
    expect((await bad.text()).replaceAll('&#39;', "'")).toContain("Not saved: Week starts on: choose a day of the week, not 'someday'.")
    const before = await (await scheduler.request(`/schedules/${scheduleIds[0]}`)).text()
    expect(before).toContain('<td>2024-03-04</td>') // Monday weeks by default (New York, no holiday country)
    const body = new URLSearchParams([['weekStartsOn', 'sun'], ['weekend', 'fri'], ['weekend', 'sat']])
    const saved = await scheduler.request(`/schedules/dates/week?queue=${queueId}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(saved.status).toBe(303)
    expect((await listAudit(db)).find((a) => a.action === 'queue.week')!.summary).toBe('Bank: weeks start on Sunday, weekend Friday and Saturday')
    const calendar = (await (await scheduler.request(`/schedules/dates?queue=${queueId}`)).text()).replaceAll('&#39;', "'")
    expect(calendar).toContain("This queue's weeks start on Sunday, weekend Friday and Saturday.")
    const page = await (await scheduler.request(`/schedules/${scheduleIds[0]}`)).text()
    expect(page).toContain('<td>2024-03-03</td>')
    expect(page).not.toContain('<td>2024-03-04</td>')
    // Friday 8 March is a weekend day now: every Friday shift counts as undesirable in its agent's week.
    const fridays = (await shiftRows()).filter((r) => r.scheduleId === scheduleIds[0] && r.start.startsWith('2024-03-08') && r.agent !== null)
    const undesirable = [...page.matchAll(/<td>([^<]+)<\/td><td>2024-03-03<\/td>(?:<td class="num">[^<]*<\/td>){3}<td class="num">(\d+)<\/td>/g)].reduce((n, m) => n + Number(m[2]), 0)
    expect(undesirable).toBeGreaterThanOrEqual(fridays.length)
  }, 60_000)

  it('lets a later published schedule win the dates it shares with the earlier ones: My shifts, feed and the list agree', async () => {
    const overlap = await publishWeek(db, queueId, ['2024-03-08', '2024-03-11'])
    scheduleIds.push(overlap)
    const list = (await (await scheduler.request(`/schedules?queue=${queueId}`)).text()).replaceAll('&#39;', "'")
    expect(list).toContain(`; 2024-03-08 are schedule ${overlap}'s (published later)`)
    expect(list).toContain(`; 2024-03-11 are schedule ${overlap}'s (published later)`)
    const mine = await shiftRows('Ana K')
    const counted = mine.filter((r) => (r.scheduleId === overlap) === ['2024-03-08', '2024-03-11'].includes(r.start.slice(0, 10)))
    const dropped = mine.filter((r) => !counted.includes(r))
    expect(dropped.length + counted.length).toBe(mine.length)
    const page = await (await agentUser.request('/my-shifts')).text()
    for (const r of counted) expect(page).toContain(`data-shift-id="${r.id}"`)
    for (const r of dropped) expect(page).not.toContain(`data-shift-id="${r.id}"`)
    // Every agent: the shifts counted are those of the schedule whose date it is.
    const all = (await shiftRows()).filter((r) => r.agent !== null)
    const owner = (date: string) => (['2024-03-08', '2024-03-11'].includes(date) ? overlap : date < '2024-03-11' ? scheduleIds[0] : scheduleIds[1])
    const counting = new Set<number>()
    for (const name of new Set(all.map((r) => r.agent!))) for (const shift of await publishedShiftsOfAgent(db, name)) counting.add(shift.id)
    const expected = all.filter((r) => r.scheduleId === owner(r.start.slice(0, 10)))
    expect(all.length - expected.length).toBeGreaterThan(0) // schedules 1 and 2 had shifts on those dates
    expect([...counting].sort((a, b) => a - b)).toEqual(expected.map((r) => r.id).sort((a, b) => a - b))
  }, 60_000)
})
