/**
 * The calendar per date in the schedules area (in-process): the demo's queue PS (Israel) is closed on the public
 * holidays of 2003 from date-holidays without any button (eves when the queue says so, a holiday kept open by hand),
 * a queue without a holiday country is told so, a short day is added by the form and by CSV, bad input is refused
 * naming the file, row and column with nothing kept, and every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue, findQueueById } from '../../src/db/queues.ts'
import { queueDateHoursBetween } from '../../src/planning/queueCalendar.ts'
import { listAudit } from '../../src/db/audit.ts'
import { listDateHours } from '../../src/db/dateHours.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn, type SignedIn } from './authHelper.ts'

// Sun-Thu 07:00-24:00, Fri 07:00-14:00, Sat closed (Monday first).
const IL_HOURS = [0, 1, 2, 3, 4, 5, 6].map((i) => (i === 5 ? null : i === 4 ? { openMinute: 420, closeMinute: 840 } : { openMinute: 420, closeMinute: 1440 }))

describe('calendar per date (schedules area)', () => {
  let db: Db
  let scheduler: SignedIn, viewer: SignedIn
  let queueId: number
  beforeAll(async () => {
    db = await createDb(':memory:')
    await migrateDb(db)
    const app = createApp({ db, uploadDir: 'data/tmp/test-uploads' })
    queueId = (await createQueue(db, { name: 'PS', timeZone: 'Asia/Jerusalem', openingHours: IL_HOURS, holidayCountry: 'IL' })).id
    scheduler = await signIn(app, db, 'scheduler')
    viewer = await signIn(app, db, 'viewer')
  })
  afterAll(() => db.client.close())
  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
  const removeQueueDateByForm = async (date: string) => expect((await scheduler.request(`/schedules/dates/delete?queue=${queueId}`, form({ date }))).status).toBe(303)
  const csv = (text: string, name = 'dates.csv') => { const f = new FormData(); f.set('file', new File([text], name, { type: 'text/csv' })); return { method: 'POST', body: f } }

  it('shows the public holidays of the queue\'s country closing their dates automatically; eves and "keep open" by hand', async () => {
    const page = await (await scheduler.request(`/schedules/dates?queue=${queueId}&year=2003`)).text()
    expect(page).toContain('Public holidays of IL, 2003 and 2004')
    const row = (html: string, date: string) => new RegExp(`<tr data-date="${date}">(.*?)</tr>`, 's').exec(html)?.[1] ?? ''
    // Yom Kippur 2003 (Monday 6 October) closes the day; nothing is stored for it
    expect(row(page, '2003-10-06')).toContain('Day of Atonement (Yom Kippur)</td><td>closed all day</td>')
    expect(await listDateHours(db, queueId)).toEqual([])
    const queue = (await findQueueById(db, queueId))!
    expect((await queueDateHoursBetween(db, queue, '2003-10-05', '2003-10-06')).map((d) => [d.dateKey, d.closed])).toEqual([['2003-10-06', true]])

    // eves: the holiday begins at 18:00 the day before, so Sunday 5 October closes at 18:00
    expect((await viewer.request(`/schedules/dates/eves?queue=${queueId}`, form({ eves: '1' }))).status).toBe(403)
    expect((await scheduler.request(`/schedules/dates/eves?queue=${queueId}`, form({ eves: '1' }))).status).toBe(303)
    const withEves = await (await scheduler.request(`/schedules/dates?queue=${queueId}&year=2003`)).text()
    expect(row(withEves, '2003-10-05')).toContain('eve of Day of Atonement (Yom Kippur)</td><td>open 07:00–18:00</td>')
    expect(await queueDateHoursBetween(db, (await findQueueById(db, queueId))!, '2003-10-05', '2003-10-06')).toEqual([
      { dateKey: '2003-10-05', closed: false, openMinute: 420, closeMinute: 1080, reason: 'eve of Day of Atonement (Yom Kippur)' },
      { dateKey: '2003-10-06', closed: true, reason: 'Day of Atonement (Yom Kippur)' },
    ])

    // the scheduler keeps the eve open: a date set by hand wins
    expect((await scheduler.request(`/schedules/dates/open?queue=${queueId}`, form({ date: '2003-10-05' }))).status).toBe(303)
    expect((await queueDateHoursBetween(db, (await findQueueById(db, queueId))!, '2003-10-05', '2003-10-05'))[0]).toMatchObject({ closed: false, openMinute: 420, closeMinute: 1440 })
    expect(row(await (await scheduler.request(`/schedules/dates?queue=${queueId}&year=2003`)).text(), '2003-10-05')).toContain('set by hand: 07:00–24:00')
    const refused = await scheduler.request(`/schedules/dates/open?queue=${queueId}`, form({ date: '2003-10-07' }))
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Not kept open: 2003-10-07 is not a public holiday (or eve) of the queue&#39;s calendar.')
    await removeQueueDateByForm('2003-10-05')
  })

  it('says where the calendar is set when the queue has no holiday country (no holiday closes anything)', async () => {
    const other = await createQueue(db, { name: 'No country', timeZone: 'Europe/London', openingHours: IL_HOURS })
    const page = await (await scheduler.request(`/schedules/dates?queue=${other.id}`)).text()
    expect(/id="no-holiday-country">([^]*?)<\/p>/.exec(page)?.[1]).toContain('This queue has no holiday country, so no public holiday closes or shortens a date')
    const eves = await scheduler.request(`/schedules/dates/eves?queue=${other.id}`, form({ eves: '1' }))
    expect(eves.status).toBe(422)
    expect(await eves.text()).toContain('Not saved: the queue has no holiday country')
  })

  it('shortens a day by the form, refusing hours that widen the weekday', async () => {
    const wide = await scheduler.request(`/schedules/dates?queue=${queueId}`, form({ date: '2003-10-10', open: '07:00', close: '16:00', reason: 'eve' }))
    expect(wide.status).toBe(422)
    expect(await wide.text()).toContain("Not saved: 2003-10-10: a date can close or shorten the day, not widen it: 07:00–16:00 is outside Friday&#39;s hours 07:00–14:00.")
    const ok = await scheduler.request(`/schedules/dates?queue=${queueId}`, form({ date: '2003-10-10', open: '07:00', close: '12:00', reason: 'eve of Sukkot' }))
    expect(ok.status).toBe(303)
    expect((await listDateHours(db, queueId, '2003-10-10', '2003-10-10'))[0]).toMatchObject({ closed: false, openMinute: 420, closeMinute: 720, reason: 'eve of Sukkot', source: 'manual' })
  })

  it('imports dates all or nothing, naming file, row and column', async () => {
    const before = await listDateHours(db, queueId)
    const bad = await scheduler.request(`/schedules/dates/import?queue=${queueId}`, csv('date,closed,opens,closes,reason\n2003-12-24,no,07:00,13:00,Eve\n2003-12-32,yes,,,Bad\n2003-12-26,maybe,,,x\n'))
    expect(bad.status).toBe(422)
    const text = await bad.text()
    expect(text).toContain("Not imported: dates.csv, row 3, column date: Date must be a date like 2026-03-14 between 1970 and 2100, got &#39;2003-12-32&#39;")
    expect(text).toContain("Not imported: dates.csv, row 4, column closed: must be yes or no, got &#39;maybe&#39;")
    expect(await listDateHours(db, queueId)).toEqual(before)
    const good = await scheduler.request(`/schedules/dates/import?queue=${queueId}`, csv('date,closed,opens,closes,reason\n2003-12-24,no,07:00,13:00,Eve\n2003-12-25,yes,,,Closed for the party\n'))
    expect(good.status).toBe(303)
    expect((await listDateHours(db, queueId, '2003-12-24', '2003-12-25')).map((d) => [d.dateKey, d.closed, d.closeMinute ?? null, d.reason])).toEqual([
      ['2003-12-24', false, 780, 'Eve'], ['2003-12-25', true, null, 'Closed for the party'],
    ])
    expect((await listAudit(db)).map((a) => a.action)).toEqual(expect.arrayContaining(['calendar.eves', 'calendar.date', 'calendar.import', 'calendar.remove']))
  })
})
