/**
 * The calendar per date of a queue (schedulers, under /schedules/dates): dates closed or shortened by form or CSV,
 * the public holidays that close or shorten dates automatically (kept open by hand where wanted), eves; audited.
 */
import { Hono, type Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { actorName, auditChange } from '../middleware/audit.ts'
import { listQueues } from '../../db/queues.ts'
import type { Queue } from '../../db/schema.ts'
import { openOnHoliday, queueCalendarOf, removeQueueDate, saveQueueDates, setHolidayEves, setWeekRules } from '../../planning/queueCalendar.ts'
import { parseWeekRulesForm } from '../../schemas/queues.ts'
import { parseDateHoursCsv, parseDateHoursForm } from '../forms/dateHours.ts'
import { pickQueue } from '../queryParams.ts'
import { isSaneDateKey, MAX_YEAR, MIN_YEAR } from '../../schemas/queryParams.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { DateHoursPage, type DateHoursPageProps } from '../../../views/schedules/DateHoursPage.tsx'

const text = (v: unknown) => (typeof v === 'string' ? v : '')

export function dateHoursRoutes({ db }: WebDeps) {
  const app = new Hono()
  const queueOf = async (c: Context) => { const queues = await listQueues(db); return { queues, queue: pickQueue(queues, c.req.query('queue')) } }
  /** The holidays of the year asked (?year=, 1970-2100, checked by the query checks) and the next; this year's by default. */
  const yearsOf = (c: Context) => {
    const asked = c.req.query('year')?.trim()
    const year = asked ? Number(asked) : new Date().getUTCFullYear()
    return year < MAX_YEAR ? [year, year + 1] : [year]
  }
  const page = async (c: Context, queues: Queue[], queue: Queue, extra: Partial<DateHoursPageProps> = {}, status: 200 | 422 = 200) =>
    c.html(renderPage(<DateHoursPage queues={queues} {...await queueCalendarOf(db, queue, yearsOf(c))} {...extra} />), status)
  const noQueue = (c: Context) => c.text('There is no queue yet: import data or add a queue first.', 404)
  const done = (queue: Queue, notice: string) => `/schedules/dates?queue=${queue.id}&done=${encodeURIComponent(notice)}`

  app.get('/', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const notice = c.req.query('done')
    return page(c, queues, queue, { notice: notice && notice.length <= 300 ? notice : undefined })
  })

  app.post('/', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const body = await c.req.parseBody()
    const parsed = parseDateHoursForm(body)
    const form = Object.fromEntries(['date', 'closed', 'open', 'close', 'reason'].map((k) => [k, text(body[k])]))
    if (!parsed.ok) return page(c, queues, queue, { errors: [`Not saved: ${parsed.error}.`], form }, 422)
    try {
      const summary = await saveQueueDates(db, queue, [parsed.data], actorName(c))
      await auditChange(c, db, { action: 'calendar.date', entity: 'queue', entityId: queue.id, summary })
    } catch (error) {
      if (error instanceof RangeError) return page(c, queues, queue, { errors: [`Not saved: ${error.message}.`], form }, 422)
      throw error
    }
    return c.redirect(done(queue, `Saved ${parsed.data.dateKey}.`), 303)
  })

  app.post('/import', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const file = (await c.req.parseBody()).file
    if (!(file instanceof File)) return page(c, queues, queue, { errors: ['Not imported: choose a CSV file.'] }, 422)
    const parsed = parseDateHoursCsv(await file.text(), file.name || 'upload.csv')
    if ('errors' in parsed) return page(c, queues, queue, { errors: parsed.errors.map((e) => `Not imported: ${e}`) }, 422)
    try {
      const summary = await saveQueueDates(db, queue, parsed.rows, actorName(c))
      await auditChange(c, db, { action: 'calendar.import', entity: 'queue', entityId: queue.id, summary: `${parsed.rows.length} dates from ${file.name}: ${summary}` })
    } catch (error) {
      if (error instanceof RangeError) return page(c, queues, queue, { errors: [`Not imported (nothing kept): ${file.name}: ${error.message}.`] }, 422)
      throw error
    }
    return c.redirect(done(queue, `Imported ${parsed.rows.length} date${parsed.rows.length === 1 ? '' : 's'}.`), 303)
  })

  app.post('/eves', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const eves = text((await c.req.parseBody()).eves) === '1'
    if (!queue.holidayCountry) return page(c, queues, queue, { errors: ['Not saved: the queue has no holiday country (set one on the events page), so it has no holidays and no eves.'] }, 422)
    const summary = await setHolidayEves(db, queue, eves)
    await auditChange(c, db, { action: 'calendar.eves', entity: 'queue', entityId: queue.id, summary })
    return c.redirect(done(queue, eves ? 'Holiday eves now close when the holiday begins.' : 'Holiday eves now follow their weekday.'), 303)
  })

  app.post('/week', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const parsed = parseWeekRulesForm(await c.req.parseBody({ all: true }))
    if (!parsed.ok) return page(c, queues, queue, { errors: [`Not saved: ${parsed.error}.`] }, 422)
    const summary = await setWeekRules(db, queue, parsed)
    await auditChange(c, db, { action: 'queue.week', entity: 'queue', entityId: queue.id, summary })
    return c.redirect(done(queue, `Saved: ${summary}.`), 303)
  })

  app.post('/open', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const date = text((await c.req.parseBody()).date)
    if (!isSaneDateKey(date)) return page(c, queues, queue, { errors: [`Not kept open: Date must be a date like 2026-03-14 between ${MIN_YEAR} and ${MAX_YEAR}, got '${date.slice(0, 40)}'.`] }, 422)
    try {
      const summary = await openOnHoliday(db, queue, date, actorName(c))
      await auditChange(c, db, { action: 'calendar.date', entity: 'queue', entityId: queue.id, summary })
    } catch (error) {
      if (error instanceof RangeError) return page(c, queues, queue, { errors: [`Not kept open: ${error.message}.`] }, 422)
      throw error
    }
    return c.redirect(done(queue, `${date} stays open as usual (remove it below to let the holiday apply again).`), 303)
  })

  app.post('/delete', async (c) => {
    const { queues, queue } = await queueOf(c)
    if (!queue) return noQueue(c)
    const date = text((await c.req.parseBody()).date)
    if (!(await removeQueueDate(db, queue, date))) return page(c, queues, queue, { errors: [`Not removed: ${date.slice(0, 20)} has no hours of its own.`] }, 422)
    await auditChange(c, db, { action: 'calendar.remove', entity: 'queue', entityId: queue.id, summary: `${queue.name}: ${date} follows its weekday (or its public holiday) again` })
    return c.redirect(done(queue, `Removed ${date}: it follows its weekday (or its public holiday) again.`), 303)
  })
  return app
}
