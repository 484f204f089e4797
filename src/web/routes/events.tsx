/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Events routes: the calendar page of a queue, add/edit/delete (plain forms with 303 redirects; htmx swaps the
 * workspace), CSV import/export, the public-holidays switch, and the flags of the coming weeks computed as a
 * background job (polled by htmx, or a self-refreshing page without JavaScript), with their CSV export and the
 * dashboard's summary fragment. Bad input answers 422 with the message and changes nothing.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { listQueues } from '../../db/queues.ts'
import { createEvent, deleteEvent, EventInputError, findEvent, importEvents, listEvents, setQueueHolidayCountry, updateEvent, type NewEvent } from '../../db/events.ts'
import { localDateTimeToUtcMs, isEffectKind, isEventType, EVENT_TYPES, type CalendarEvent } from '../../events/calendar.ts'
import { eventsToCsv, parseEventsCsv } from '../../events/eventsCsv.ts'
import { holidayCountries } from '../../events/holidays.ts'
import { proposeUplift } from '../../events/uplift.ts'
import { flagsToCsv } from '../../events/flags.ts'
import { analyseQueueHistory, comingWeeks, learnedEffectFor, flagsForQueue, queueCalendar, type QueueFlags } from '../../planning/eventForecast.ts'
import { assertPlanRange } from '../../planning/staffingPlan.ts'
import { formatLocalIso, parseLocalIsoToUtcMs } from '../../time/zones.ts'
import { renderPage, Layout } from '../../../views/Layout.tsx'
import {
  EventsCsv, EventsPage, EventsWorkspace, FlagsPanel, FlagsProgress, HolidaySwitch, LearnedUplift, emptyEventForm,
  type EventFormValues, type Proposal,
} from '../../../views/events/EventsPage.tsx'
import { FlagsSummary } from '../../../views/events/FlagsSummary.tsx'
import { MAX_YEAR, MIN_YEAR, SANE_MAX_MS, SANE_MIN_MS, isSaneDateKey } from '../../schemas/queryParams.ts'
import { formatCount, formatDecimal } from '../../format/numbers.ts'

const MONTH_RE = /^\d{4}-\d{2}$/

function monthBounds(month: string, zone: string): { fromMs: number; toMs: number } {
  const [y, m] = month.split('-').map(Number)
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10)
  return { fromMs: parseLocalIsoToUtcMs(`${month}-01T00:00:00`, zone), toMs: parseLocalIsoToUtcMs(`${next}T00:00:00`, zone) }
}

function formOf(event: CalendarEvent & { version?: number }): EventFormValues {
  const local = (ms: number) => formatLocalIso(ms, event.timeZone).slice(0, 16)
  return {
    id: String(event.id), version: String(event.version ?? 1), queueId: event.queueId === null ? '' : String(event.queueId), type: event.type, name: event.name,
    start: local(event.startUtcMs), end: local(event.endUtcMs), effectKind: event.effect.kind, value: event.effect.value === null ? '' : String(event.effect.value),
    rampBeforeDays: String(event.shape.rampBeforeDays), decayAfterDays: String(event.shape.decayAfterDays), delayDays: String(event.shape.delayDays),
    proposedValue: event.proposedValue === null || event.proposedValue === undefined ? undefined : String(event.proposedValue),
  }
}

function formValuesOf(body: Record<string, unknown>): EventFormValues {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '')
  return {
    id: s('id') || undefined, version: s('version') || undefined, queueId: s('queueId'), type: s('type'), name: s('name'), start: s('start'), end: s('end'),
    effectKind: s('effectKind') || 'multiplier', value: s('value'), rampBeforeDays: s('rampBeforeDays') || '0', decayAfterDays: s('decayAfterDays') || '0',
    delayDays: s('delayDays') || '0', proposedValue: s('proposedValue') || undefined,
  }
}

/**
 * The form's strings → an event draft (local times in the chosen queue's zone, or the page queue's zone for an
 * event of every queue). @throws EventInputError with a message for the form
 */
export function eventFromForm(values: EventFormValues, queues: readonly Queue[], pageQueue: Queue): NewEvent {
  let queueId: number | null = null
  let zone = pageQueue.timeZone
  if (values.queueId !== '') {
    const queue = queues.find((q) => String(q.id) === values.queueId)
    if (!queue) throw new EventInputError(`unknown queue '${values.queueId}': choose one of the queues listed, or all queues`)
    queueId = queue.id
    zone = queue.timeZone
  }
  if (!isEventType(values.type)) throw new EventInputError(`type must be one of ${EVENT_TYPES.join(', ')}, got '${values.type}'`)
  if (!isEffectKind(values.effectKind)) throw new EventInputError(`effect must be multiplier or added, got '${values.effectKind}'`)
  const number = (text: string, label: string): number => {
    const value = Number(text.trim())
    if (text.trim() === '' || !Number.isFinite(value)) throw new EventInputError(`${label} must be a number, got '${text}'`)
    return value
  }
  let startUtcMs: number
  let endUtcMs: number
  try {
    startUtcMs = localDateTimeToUtcMs(values.start, zone, 'start')
    endUtcMs = localDateTimeToUtcMs(values.end, zone, 'end', true)
  } catch (error) {
    throw new EventInputError((error as Error).message)
  }
  if (startUtcMs < SANE_MIN_MS || endUtcMs > SANE_MAX_MS) throw new EventInputError(`an event must lie between ${MIN_YEAR} and ${MAX_YEAR}, got ${values.start.slice(0, 40)} to ${values.end.slice(0, 40)}`)
  return {
    queueId, type: values.type, name: values.name.trim(), startUtcMs, endUtcMs, timeZone: zone,
    effect: { kind: values.effectKind, value: values.value.trim() === '' ? null : number(values.value, 'value') },
    shape: { rampBeforeDays: number(values.rampBeforeDays, 'ramp before (days)'), decayAfterDays: number(values.decayAfterDays, 'decay after (days)'), delayDays: number(values.delayDays, 'starts later by (days)') },
    proposedValue: values.proposedValue ? Number(values.proposedValue) : null,
  }
}

export function eventRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()

  async function defaultMonth(queue: Queue): Promise<string> {
    const range = await comingWeeks(db, queue, 1)
    return range ? range.fromDateKey.slice(0, 7) : new Date().toISOString().slice(0, 7)
  }

  async function workspace(queues: Queue[], queue: Queue, month: string, form: EventFormValues, extra: { formError?: string; notice?: string } = {}) {
    const { fromMs, toMs } = monthBounds(month, queue.timeZone)
    const calendar = await queueCalendar(db, queue, fromMs, toMs)
    const analysis = await analyseQueueHistory(db, queue)
    const proposals: Proposal[] = (analysis?.uplift ?? []).map((u) => ({ learnKey: u.learnKey, ...proposeUplift(analysis!.uplift, u.learnKey, 'multiplier')! }))
    return { element: <EventsWorkspace queues={queues} queue={queue} month={month} events={calendar.all} form={form} proposals={proposals} {...extra} />, analysis }
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
    const queues = await listQueues(db)
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
      const version = values.version?.trim() ? Number(values.version) : NaN
      if (id !== null && !(Number.isInteger(version) && version >= 1)) throw new EventInputError('the form has no valid event version (it was not opened from the events page): reload the page and edit again; nothing was saved')
      // No silent no-op: a learned effect needs past events of its type to learn from; say what it will use.
      let learned = ''
      if (draft.effect.value === null) {
        const learnedIn = draft.queueId === null ? queue : queues.find((q) => q.id === draft.queueId) ?? queue
        const proposal = await learnedEffectFor(db, learnedIn, draft.type, draft.effect.kind)
        if (!proposal) throw new EventInputError(`there is nothing to learn a '${draft.type}' effect from: the history of '${learnedIn.name}' has no past ${draft.type} event. Give the effect a value (a multiplier such as 1.3 for +30%, or contacts added per day), or add past ${draft.type} events first`)
        learned = ` It uses the effect learned from ${proposal.count} past ${draft.type} event(s): ${draft.effect.kind === 'multiplier' ? `×${formatDecimal(proposal.value, 2)}` : `${proposal.value >= 0 ? '+' : ''}${formatCount(proposal.value)} contacts a day`} (likely ${formatDecimal(proposal.low, 2)} to ${formatDecimal(proposal.high, 2)}).`
      }
      const saved = id === null ? await createEvent(db, draft) : await updateEvent(db, id, draft, version)
      await auditChange(c, db, { action: id === null ? 'event.create' : 'event.update', entity: 'event', entityId: saved.id, summary: `'${saved.name}' (version ${saved.version})` })
      const month = formatLocalIso(saved.startUtcMs, saved.timeZone).slice(0, 7)
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
    const event = await findEvent(db, Number(c.req.param('id')))
    const { queues, queue } = await context(c, c.req.query('queue') ?? (event?.queueId === null ? undefined : String(event?.queueId)))
    if (!event || !queue) return c.html(renderPage(<Layout title="Not found" active="/events"><h1>Not found</h1><p>There is no such event (it may have been deleted). <a href="/events">Back to the events</a></p></Layout>), 404)
    return fullPage(c, queues, queue, formatLocalIso(event.startUtcMs, event.timeZone).slice(0, 7), formOf(event))
  })

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    const event = await findEvent(db, Number(c.req.param('id')))
    const deleted = await deleteEvent(db, Number(c.req.param('id')))
    if (deleted) await auditChange(c, db, { action: 'event.delete', entity: 'event', entityId: c.req.param('id'), summary: event ? `'${event.name}'` : '' })
    if (!queue) return c.redirect('/events', 303)
    const month = event ? formatLocalIso(event.startUtcMs, event.timeZone).slice(0, 7) : await defaultMonth(queue)
    if (isFragmentRequest(c)) return c.html((await workspace(queues, queue, month, emptyEventForm(queue.id), { notice: deleted ? `Deleted '${event!.name}'.` : 'That event was already deleted.' })).element)
    return c.redirect(`/events?queue=${queue.id}&month=${month}`, 303)
  })

  app.post('/holidays', async (c) => {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    if (!queue || String(queue.id) !== body.queue) return c.text(`unknown queue '${String(body.queue)}'`, 422)
    const country = typeof body.country === 'string' && body.country.trim() !== '' ? body.country.trim() : null
    try {
      await setQueueHolidayCountry(db, queue.id, country)
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
    const events = queue ? await listEvents(db, { queueId: queue.id }) : await listEvents(db)
    const names = new Map(queues.map((q) => [q.id, q.name]))
    c.header('Content-Disposition', `attachment; filename="events${queue ? '-' + queue.name.replace(/[^\w.-]+/g, '_') : ''}.csv"`)
    return c.body(eventsToCsv(events, (id) => names.get(id) ?? String(id)), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  })

  app.post('/import', async (c) => {
    const body = await c.req.parseBody()
    const { queues, queue } = await context(c, typeof body.queue === 'string' ? body.queue : undefined)
    if (!queue) return c.text('There is no queue yet: import data first.', 422)
    const file = body.file
    const text = file instanceof File ? await file.text() : typeof body.csv === 'string' ? body.csv : ''
    const parsed = parseEventsCsv(text, queues)
    // A message quotes at most 300 characters of what the file held.
    let problems = parsed.problems.map((p) => (p.message.length > 300 ? { ...p, message: p.message.slice(0, 300) + '…' } : p))
    let notice: string | undefined
    if (!problems.length) {
      try {
        const created = await importEvents(db, parsed.events)
        notice = `Imported ${created.length} event(s).`
        await auditChange(c, db, { action: 'event.import', entity: 'event', summary: `${created.length} event(s) imported from CSV` })
      } catch (error) {
        if (!(error instanceof EventInputError)) throw error
        problems = [{ row: 0, column: '', message: error.message.replace(/^event (\d+)/, (_, n) => `row ${Number(n) + 1}`) }]
      }
    }
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
    const result = await flagsForQueue(db, queue, { ...range, inWorker: true })
    c.header('Content-Disposition', `attachment; filename="flags-${queue.name.replace(/[^\w.-]+/g, '_')}-${range.fromDateKey}.csv"`)
    return c.body(flagsToCsv([{ queueName: queue.name, timeZone: queue.timeZone, flags: result.flags }], (id) => result.eventNames.get(id) ?? String(id)), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
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

