/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Events routes: the calendar page of a queue, add/edit/delete (plain forms with 303 redirects; htmx swaps the
 * workspace), CSV import/export, the public-holidays switch, and the flags of the coming weeks computed as a
 * background job (polled by htmx, or a self-refreshing page without JavaScript), with their CSV export and the
 * dashboard's summary fragment. Bad input answers 422 with the message and changes nothing. Form parsing lives in
 * src/web/forms/events.ts and the work in src/planning/eventsPage.ts and eventForecast.ts.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { EventInputError } from '../../db/events.ts'
import { holidayCountries } from '../../events/holidays.ts'
import { comingWeeks, flagsForQueue, type QueueFlags } from '../../planning/eventForecast.ts'
import { defaultMonth as monthAfterHistory, eventById, eventsCsv, eventsOfMonth, flagsCsv, importEventsCsv, queuesOf, removeEvent, saveEventDraft, setHolidayCountry } from '../../planning/eventsPage.ts'
import { assertPlanRange } from '../../planning/staffingPlan.ts'
import { MONTH_RE, editVersionOf, eventFromForm, formOf, formValuesOf, monthBounds, monthOfEvent } from '../forms/events.ts'
import { renderPage, Layout } from '../../../views/Layout.tsx'
import {
  EventsCsv, EventsPage, EventsWorkspace, FlagsPanel, FlagsProgress, HolidaySwitch, LearnedUplift, emptyEventForm,
  type EventFormValues, type Proposal,
} from '../../../views/events/EventsPage.tsx'
import { FlagsSummary } from '../../../views/events/FlagsSummary.tsx'
import { isSaneDateKey } from '../../schemas/queryParams.ts'

export { eventFromForm } from '../forms/events.ts'

export function eventRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()

  const defaultMonth = (queue: Queue) => monthAfterHistory(db, queue)

  async function workspace(queues: Queue[], queue: Queue, month: string, form: EventFormValues, extra: { formError?: string; notice?: string } = {}) {
    const { fromMs, toMs } = monthBounds(month, queue.timeZone)
    const { events, proposals, analysis } = await eventsOfMonth(db, queue, fromMs, toMs)
    return { element: <EventsWorkspace queues={queues} queue={queue} month={month} events={events} form={form} proposals={proposals as Proposal[]} {...extra} />, analysis }
  }

  async function fullPage(c: Context, queues: Queue[], queue: Queue, month: string, form: EventFormValues, extra: { formError?: string; notice?: string; holidayError?: string; csvProblems?: Array<{ row: number; column: string; message: string }>; csvNotice?: string } = {}, status: 200 | 422 = 200) {
    const { element, analysis } = await workspace(queues, queue, month, form, extra)
    return c.html(renderPage(
      <EventsPage queues={queues} queue={queue}
        workspace={element}
        holidays={<HolidaySwitch queue={queue} countries={holidayCountries()} error={extra.holidayError} />}
        csv={<EventsCsv queue={queue} problems={extra.csvProblems} notice={extra.csvNotice} />}
        flags={<section id="event-flags" hx-get={`/events/flags?queue=${queue.id}`} hx-trigger="load" hx-swap="outerHTML"><h2>Flags for the coming weeks</h2><p class="muted">Loading…</p><noscript><p><a href={`/events/flags?queue=${queue.id}`}>Show the flags</a> (this takes a few seconds)</p></noscript></section>}
        learned={<LearnedUplift queue={queue} uplift={analysis?.uplift ?? []} suggestions={analysis?.suggestions ?? []} />}
      />,
    ), status)
  }

  async function context(c: Context, queueValue: string | undefined) {
    const queues = await queuesOf(db)
    const queue = pickQueue(queues, queueValue)
    return { queues, queue }
  }

  app.get('/', async (c) => {
    const { queues, queue } = await context(c, c.req.query('queue'))
    if (!queue) return c.html(renderPage(<EventsPage queues={queues} queue={null} />))
    const label = c.req.query('label')
    const monthParam = c.req.query('month')
    const month = monthParam && MONTH_RE.test(monthParam) ? monthParam : label && /^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(0, 7) : await defaultMonth(queue)
    const form = emptyEventForm(queue.id)
    if (label && /^\d{4}-\d{2}-\d{2}$/.test(label)) {
      Object.assign(form, { type: 'other', name: `Unexplained ${Number(c.req.query('ratio')) > 1 ? 'spike' : 'dip'} ${label}`, start: `${label}T00:00`, end: `${label}T23:59`, value: c.req.query('ratio') ?? '' })
    }
    if (isFragmentRequest(c) && c.req.header('HX-Target') === 'events-workspace') {
      return c.html((await workspace(queues, queue, month, form)).element)
    }
    return fullPage(c, queues, queue, month, form)
  })

  /** Add (POST /events) or edit (POST /events/:id). */
  async function saveEvent(c: Context, id: number | null) {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    if (!queue) return c.text('There is no queue yet: import data first.', 422)
    const values = { ...formValuesOf(body as Record<string, unknown>), id: id === null ? undefined : String(id) }
    try {
      const draft = eventFromForm(values, queues, queue)
      // An edit must say which version it changes: without one it would overwrite someone else's save silently.
      const version = editVersionOf(values, id)
      const { saved, learned } = await saveEventDraft(db, draft, { id, version, queues, pageQueue: queue })
      await auditChange(c, db, { action: id === null ? 'event.create' : 'event.update', entity: 'event', entityId: saved.id, summary: `'${saved.name}' (version ${saved.version})` })
      const month = monthOfEvent(saved)
      const notice = `${id === null ? 'Added' : 'Saved'} '${saved.name}'.${learned}`
      if (isFragmentRequest(c)) return c.html((await workspace(queues, queue, month, emptyEventForm(queue.id), { notice })).element)
      return c.redirect(`/events?queue=${queue.id}&month=${month}`, 303)
    } catch (error) {
      if (!(error instanceof EventInputError)) throw error
      const month = isSaneDateKey(values.start.slice(0, 7) + '-01') ? values.start.slice(0, 7) : await defaultMonth(queue)
      if (isFragmentRequest(c)) return c.html((await workspace(queues, queue, month, values, { formError: error.message })).element, 422)
      return fullPage(c, queues, queue, month, values, { formError: error.message }, 422)
    }
  }

  app.post('/', (c) => saveEvent(c, null))
  app.post('/:id{[0-9]+}', (c) => saveEvent(c, Number(c.req.param('id'))))

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const event = await eventById(db, Number(c.req.param('id')))
    const { queues, queue } = await context(c, c.req.query('queue') ?? (event?.queueId === null ? undefined : String(event?.queueId)))
    if (!event || !queue) return c.html(renderPage(<Layout title="Not found" active="/events"><h1>Not found</h1><p>There is no such event (it may have been deleted). <a href="/events">Back to the events</a></p></Layout>), 404)
    return fullPage(c, queues, queue, monthOfEvent(event), formOf(event))
  })

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    const { event, deleted } = await removeEvent(db, Number(c.req.param('id')))
    if (deleted) await auditChange(c, db, { action: 'event.delete', entity: 'event', entityId: c.req.param('id'), summary: event ? `'${event.name}'` : '' })
    if (!queue) return c.redirect('/events', 303)
    const month = event ? monthOfEvent(event) : await defaultMonth(queue)
    if (isFragmentRequest(c)) return c.html((await workspace(queues, queue, month, emptyEventForm(queue.id), { notice: deleted ? `Deleted '${event!.name}'.` : 'That event was already deleted.' })).element)
    return c.redirect(`/events?queue=${queue.id}&month=${month}`, 303)
  })

  app.post('/holidays', async (c) => {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    if (!queue || String(queue.id) !== body.queue) return c.text(`unknown queue '${String(body.queue)}'`, 422)
    const country = typeof body.country === 'string' && body.country.trim() !== '' ? body.country.trim() : null
    try {
      await setHolidayCountry(db, queue, country)
      await auditChange(c, db, { action: 'queue.holidays', entity: 'queue', entityId: queue.id, summary: `public holidays of '${queue.name}': ${country ?? 'off'}` })
    } catch (error) {
      if (!(error instanceof EventInputError)) throw error
      if (isFragmentRequest(c)) return c.html(<HolidaySwitch queue={queue} countries={holidayCountries()} error={error.message} />, 422)
      return fullPage(c, queues, queue, await defaultMonth(queue), emptyEventForm(queue.id), { holidayError: error.message }, 422)
    }
    if (isFragmentRequest(c)) {
      c.header('HX-Refresh', 'true')
      return c.html(<HolidaySwitch queue={{ ...queue, holidayCountry: country?.toUpperCase() ?? null }} countries={holidayCountries()} />)
    }
    return c.redirect(`/events?queue=${queue.id}`, 303)
  })

  app.get('/export.csv', async (c) => {
    const { queues, queue } = await context(c, c.req.query('queue'))
    const { csv, fileName } = await eventsCsv(db, queues, queue ?? null)
    c.header('Content-Disposition', `attachment; filename="${fileName}"`)
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  })

  app.post('/import', async (c) => {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    if (!queue) return c.text('There is no queue yet: import data first.', 422)
    const file = body.file
    const text = file instanceof File ? await file.text() : typeof body.csv === 'string' ? body.csv : ''
    const { problems, created } = await importEventsCsv(db, text, queues)
    const notice = problems.length ? undefined : `Imported ${created} event(s).`
    if (!problems.length) await auditChange(c, db, { action: 'event.import', entity: 'event', summary: `${created} event(s) imported from CSV` })
    const status = problems.length ? 422 : 200
    if (isFragmentRequest(c)) {
      if (!problems.length) c.header('HX-Refresh', 'true')
      return c.html(<EventsCsv queue={queue} problems={problems} notice={notice} />, status)
    }
    if (!problems.length) return c.redirect(`/events?queue=${queue.id}`, 303)
    return fullPage(c, queues, queue, await defaultMonth(queue), emptyEventForm(queue.id), { csvProblems: problems }, 422)
  })

  async function flagsRange(c: Context, queue: Queue): Promise<{ fromDateKey: string; toDateKey: string } | string> {
    const from = c.req.query('from')
    const to = c.req.query('to')
    if (from || to) {
      try { assertPlanRange(from ?? '', to ?? '') } catch (error) { return (error as Error).message }
      return { fromDateKey: from!, toDateKey: to! }
    }
    return (await comingWeeks(db, queue)) ?? `queue '${queue.name}' has no history to forecast from`
  }

  function flagsPanel(queue: Queue, range: { fromDateKey: string; toDateKey: string }, result: QueueFlags) {
    const applied = [...result.forecast.appliedValues.entries()].map(([id, value]) => {
      const e = result.forecast.calendar.all.find((x) => x.id === id)!
      return { name: e.name, value, kind: e.effect.kind }
    })
    return <FlagsPanel queue={queue} {...range} flags={result.flags} eventNames={result.eventNames} settingsSource={result.settingsSource} coverSource={result.coverSource} extraCover={result.extraCover} warnings={result.forecast.warnings} appliedValues={applied} />
  }

  app.get('/flags', async (c) => {
    const { queue } = await context(c, c.req.query('queue'))
    if (!queue) return c.text('There is no queue yet.', 404)
    const range = await flagsRange(c, queue)
    if (typeof range === 'string') return c.html(<section id="event-flags"><h2>Flags for the coming weeks</h2><p class="errors">{range}</p></section>, 422)
    const job = jobs.start<{ range: typeof range; result: QueueFlags; queue: Queue }>('event-flags', async (report) => ({
      range, queue, result: await flagsForQueue(db, queue, { ...range, inWorker: true, onProgress: (p) => report(p.done / p.total, p.message) }),
    }))
    const jobUrl = `/events/flags/jobs/${job.id}`
    if (isFragmentRequest(c)) return c.html(<FlagsProgress jobUrl={jobUrl} message="starting" />)
    return c.redirect(jobUrl, 303)
  })

  app.get('/flags/jobs/:id{[0-9a-z]+}', (c) => {
    const job = jobs.get(c.req.param('id'))
    const fragment = isFragmentRequest(c)
    const wrap = (node: Child, refresh = false) => fragment ? c.html(node as string) : c.html(renderPage(
      <Layout title="Event flags" active="/events">{refresh ? <meta http-equiv="refresh" content="2" /> : null}<h1>Events</h1><p><a href="/events">Back to the calendar</a></p>{node}</Layout>,
    ))
    if (!job || job.kind !== 'event-flags') return c.html(<section id="event-flags"><p class="errors">This computation has expired: reload the page.</p></section>, 404)
    if (job.state.status === 'running') return wrap(<FlagsProgress jobUrl={`/events/flags/jobs/${job.id}`} message={job.state.message} />, true)
    if (job.state.status === 'failed') {
      const message = job.state.error instanceof RangeError ? job.state.error.message : 'the forecast failed; nothing was changed'
      return wrap(<section id="event-flags"><h2>Flags for the coming weeks</h2><p class="errors">{message}</p></section>)
    }
    const { range, result, queue } = job.state.result as { range: { fromDateKey: string; toDateKey: string }; result: QueueFlags; queue: Queue }
    return wrap(flagsPanel(queue, range, result))
  })

  app.get('/flags.csv', async (c) => {
    const { queue } = await context(c, c.req.query('queue'))
    if (!queue) return c.text('There is no queue yet.', 404)
    const range = await flagsRange(c, queue)
    if (typeof range === 'string') return c.text(range, 422)
    const { csv, fileName } = await flagsCsv(db, queue, range)
    c.header('Content-Disposition', `attachment; filename="${fileName}"`)
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  })

  app.get('/flags/summary', async (c) => {
    const { queue } = await context(c, c.req.query('queue'))
    if (!queue) return c.html(<FlagsSummary queueId={0} error="no queue yet" />)
    const range = await comingWeeks(db, queue)
    if (!range) return c.html(<FlagsSummary queueId={queue.id} error="no history to forecast from" />)
    try {
      const result = await flagsForQueue(db, queue, { ...range, inWorker: true })
      return c.html(<FlagsSummary queueId={queue.id} {...range} flags={result.flags} eventNames={result.eventNames} />)
    } catch (error) {
      if (error instanceof RangeError) return c.html(<FlagsSummary queueId={queue.id} error={error.message} />)
      throw error
    }
  })

  return app
}

