/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The events page: a queue's calendar (month view + list, public holidays shown), the add/edit form, CSV import and
 * export, the public-holidays switch, the uplift learned per kind of event with its spread and how past proposals
 * turned out, suggested events with "label this", and the flags of the coming weeks (loaded as a background job).
 * `#events-workspace` (month + list + form) is what an add, edit or delete replaces under htmx.
 */
import { DateTimeInput } from '../components/DateInput.tsx'
import { formatDateTime, formatDate } from '../../src/format/dateTime.ts'
import type { Child } from 'hono/jsx'
import type { Queue } from '../../src/db/schema.ts'
import type { CalendarEvent } from '../../src/events/calendar.ts'
import type { UpliftEstimate } from '../../src/events/uplift.ts'
import type { SuggestedEvent } from '../../src/events/suggestions.ts'
import type { Flags } from '../../src/events/flags.ts'
import { EVENT_TYPES } from '../../src/events/calendar.ts'
import { formatLocalIso, localParts } from '../../src/time/zones.ts'
import { Layout } from '../Layout.tsx'
import { QueuePicker } from '../components/QueuePicker.tsx'
import type { ExtraCover } from '../../src/planning/eventForecast.ts'
import { formatUpTo } from '../../src/format/numbers.ts'

/** htmx 2 does not swap 4xx answers; the forms answer 422 with their errors, which must show. */

export interface EventFormValues {
  id?: string
  version?: string
  queueId: string
  type: string
  name: string
  start: string
  end: string
  effectKind: string
  value: string
  rampBeforeDays: string
  decayAfterDays: string
  delayDays: string
  proposedValue?: string
}

export function emptyEventForm(queueId: number | null): EventFormValues {
  return { queueId: queueId === null ? '' : String(queueId), type: 'promotion', name: '', start: '', end: '', effectKind: 'multiplier', value: '', rampBeforeDays: '0', decayAfterDays: '0', delayDays: '0' }
}

export interface Proposal { learnKey: string; value: number; low: number; high: number; count: number }

export interface WorkspaceProps {
  queues: Queue[]
  queue: Queue
  month: string
  events: CalendarEvent[]
  form: EventFormValues
  formError?: string
  notice?: string
  proposals: Proposal[]
}

export interface EventsPageProps {
  queues: Queue[]
  queue: Queue | null
  workspace?: Child
  holidays?: Child
  csv?: Child
  learned?: Child
  flags?: Child
}

export function EventsPage(p: EventsPageProps) {
  return (
    <Layout title="Events" active="/events">
      <h1>Events</h1>
      {!p.queue ? (
        <div class="notice">There is no data yet. <a href="/imports">Import</a> the history of a queue to plan its launches, promotions and holidays.</div>
      ) : (
        <>
          <QueuePicker queues={p.queues} selectedId={p.queue.id} action="/events" />
          <div>
            {p.workspace}
            <div class="grid-2">{p.holidays}{p.csv}</div>
          </div>
          {p.flags}
          {p.learned}
        </>
      )}
    </Layout>
  )
}

const fmt = (v: number, digits = 2) => formatUpTo(v, digits)
const localTime = (ms: number, zone: string) => formatDateTime(ms, zone)

function effectText(e: CalendarEvent): string {
  if (e.effect.value === null) return 'learned'
  return e.effect.kind === 'multiplier' ? `× ${fmt(e.effect.value)}` : `${e.effect.value >= 0 ? '+' : ''}${fmt(e.effect.value, 0)} / day`
}

function shapeText(e: CalendarEvent): string {
  const parts: string[] = []
  if (e.shape.delayDays) parts.push(`starts ${fmt(e.shape.delayDays)} d later`)
  if (e.shape.rampBeforeDays) parts.push(`ramp ${fmt(e.shape.rampBeforeDays)} d`)
  if (e.shape.decayAfterDays) parts.push(`decay ${fmt(e.shape.decayAfterDays)} d`)
  return parts.join(', ') || 'flat'
}

/** Month grid (Monday first) with every event on the days it touches. */
export function MonthView({ queue, month, events }: { queue: Queue; month: string; events: CalendarEvent[] }) {
  const [y, m] = month.split('-').map(Number)
  const first = Date.UTC(y, m - 1, 1)
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const lead = (new Date(first).getUTCDay() + 6) % 7
  const cells: { dateKey: string; inMonth: boolean }[] = []
  const total = Math.ceil((lead + daysInMonth) / 7) * 7
  for (let i = 0; i < total; i++) {
    const d = new Date(first + (i - lead) * 86_400_000)
    cells.push({ dateKey: d.toISOString().slice(0, 10), inMonth: d.getUTCMonth() === m - 1 })
  }
  const onDay = (dateKey: string) => events.filter((e) => localParts(e.startUtcMs, queue.timeZone).dateKey <= dateKey && localParts(e.endUtcMs - 1, queue.timeZone).dateKey >= dateKey)
  const shift = (delta: number) => new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7)
  const name = new Date(first).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })
  return (
    <div id="month-view">
      <p class="inline" style="display:flex;gap:1rem;align-items:center">
        <a href={`/events?queue=${queue.id}&month=${shift(-1)}`} hx-get={`/events?queue=${queue.id}&month=${shift(-1)}`} hx-target="#events-workspace" hx-select="#events-workspace" hx-swap="outerHTML" hx-push-url="true">‹ {shift(-1)}</a>
        <strong>{name}</strong>
        <a href={`/events?queue=${queue.id}&month=${shift(1)}`} hx-get={`/events?queue=${queue.id}&month=${shift(1)}`} hx-target="#events-workspace" hx-select="#events-workspace" hx-swap="outerHTML" hx-push-url="true">{shift(1)} ›</a>
      </p>
      <div class="month" role="grid" aria-label={`Events in ${name}`}>
        {['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => <div class="dow">{d}</div>)}
        {cells.map((c) => (
          <div class={`day${c.inMonth ? '' : ' other'}`} data-date={c.dateKey}>
            <span class="n">{Number(c.dateKey.slice(8))}</span>
            {c.inMonth ? onDay(c.dateKey).map((e) => <span class={`ev ${e.type}`} title={`${e.name} (${e.type}, ${effectText(e)})`}>{e.name}</span>) : null}
          </div>
        ))}
      </div>
    </div>
  )
}

/** The list of the calendar's events, with edit and delete (forms without JavaScript, htmx when present). */
export function EventList({ queue, events }: { queue: Queue; events: CalendarEvent[] }) {
  return (
    <table id="event-list">
      <thead><tr><th>Name</th><th>Type</th><th>Queue</th><th>Start</th><th>End</th><th>Effect</th><th>Shape</th><th></th></tr></thead>
      <tbody>
        {events.length === 0 ? <tr><td colspan={8} class="muted">No events in this period.</td></tr> : events.map((e) => (
          <tr data-event-id={String(e.id)} data-source={e.source}>
            <td>{e.name}</td>
            <td>{e.source === 'holiday' ? `${e.type} (${e.learnKey})` : e.type}</td>
            <td>{e.queueId === null ? 'all queues' : queue.name}</td>
            <td>{localTime(e.startUtcMs, e.timeZone)}</td>
            <td>{localTime(e.endUtcMs, e.timeZone)}</td>
            <td>{effectText(e)}</td>
            <td>{shapeText(e)}</td>
            <td>{e.source === 'user' ? (
              <div class="row-actions">
                <a class="button small" href={`/events/${e.id}/edit?queue=${queue.id}`}>Edit</a>
                <form method="post" action={`/events/${e.id}/delete`} hx-post={`/events/${e.id}/delete`} hx-target="#events-workspace" hx-swap="outerHTML" hx-confirm={`Delete '${e.name}'?`} hx-disabled-elt="find button[type=submit]">
                  <input type="hidden" name="queue" value={String(queue.id)} />
                  <button type="submit" class="small secondary">Delete</button>
                </form>
              </div>
            ) : <span class="muted">public holiday</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Add or edit an event. Start and end are local date-times of the queue's zone. */
export function EventForm({ queues, queue, form, error, proposals }: { queues: Queue[]; queue: Queue; form: EventFormValues; error?: string; proposals: Proposal[] }) {
  const editing = form.id !== undefined
  const action = editing ? `/events/${form.id}` : '/events'
  return (
    <form id="event-form" method="post" action={action} hx-post={action} hx-target="#events-workspace" hx-swap="outerHTML" class="card" hx-disabled-elt="find button[type=submit]">
      <h2 style="margin-top:0">{editing ? 'Edit event' : 'Add an event'}</h2>
      {error ? <p class="errors" id="event-form-error" role="alert">{error}</p> : null}
      <input type="hidden" name="queue" value={String(queue.id)} />
      {editing ? <input type="hidden" name="version" value={form.version ?? ''} /> : null}
      {form.proposedValue ? <input type="hidden" name="proposedValue" value={form.proposedValue} /> : null}
      <div class="event-form">
        <label>Name<input name="name" value={form.name} required maxlength={200} /></label>
        <label>Type<select name="type">{EVENT_TYPES.map((t) => <option value={t} selected={form.type === t}>{t}</option>)}</select></label>
        <label>Applies to<select name="queueId">
          {queues.map((q) => <option value={String(q.id)} selected={form.queueId === String(q.id)}>{q.name}</option>)}
          <option value="" selected={form.queueId === ''}>all queues</option>
        </select></label>
        <label>Start ({queue.timeZone})<DateTimeInput name="start" value={form.start} required /></label>
        <label>End ({queue.timeZone})<DateTimeInput name="end" value={form.end} required /></label>
        <label>Effect<select name="effectKind">
          <option value="multiplier" selected={form.effectKind === 'multiplier'}>multiplier (× volume)</option>
          <option value="added" selected={form.effectKind === 'added'}>added contacts per day</option>
        </select></label>
        <label>Value (empty = learned)<input name="value" value={form.value} inputmode="decimal" placeholder="e.g. 1.5" /></label>
        <label>Ramp before (days)<input name="rampBeforeDays" value={form.rampBeforeDays} inputmode="decimal" /></label>
        <label>Decay after (days)<input name="decayAfterDays" value={form.decayAfterDays} inputmode="decimal" /></label>
        <label>Starts later by (days)<input name="delayDays" value={form.delayDays} inputmode="decimal" /></label>
        <div class="row-actions">
          <button type="submit">{editing ? 'Save' : 'Add event'}</button>
          {editing ? <a class="button secondary" href={`/events?queue=${queue.id}`}>Cancel</a> : null}
        </div>
      </div>
      {proposals.length ? (
        <p class="muted" id="proposals">Learned from the history (used when the value is empty): {proposals.map((p) => `${p.learnKey} × ${fmt(p.value)} (range ${fmt(p.low)}–${fmt(p.high)}, ${p.count} past)`).join('; ')}.</p>
      ) : <p class="muted" id="proposals">Nothing learned yet: mark past events to learn their uplift, or give a value.</p>}
    </form>
  )
}

export function EventsWorkspace(p: WorkspaceProps) {
  return (
    <section id="events-workspace">
      {p.notice ? <p class="success" id="events-notice">{p.notice}</p> : null}
      <h2>Calendar</h2>
      <MonthView queue={p.queue} month={p.month} events={p.events} />
      <h2>Events this month</h2>
      <EventList queue={p.queue} events={p.events} />
      <EventForm queues={p.queues} queue={p.queue} form={p.form} error={p.formError} proposals={p.proposals} />
    </section>
  )
}

/** The public-holidays switch of a queue (date-holidays country code). */
export function HolidaySwitch({ queue, countries, error }: { queue: Queue; countries: Array<{ code: string; name: string }>; error?: string }) {
  return (
    <form id="holiday-switch" class="card" method="post" action="/events/holidays" hx-post="/events/holidays" hx-target="#holiday-switch" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
      <h2 style="margin-top:0">Public holidays</h2>
      {error ? <p class="errors" role="alert">{error}</p> : null}
      <p class="muted">{queue.holidayCountry ? `On: the public holidays of ${queue.holidayCountry} (and their eves, where holidays start the evening before) are events of ${queue.name}.` : `Off for ${queue.name}.`}</p>
      <input type="hidden" name="queue" value={String(queue.id)} />
      <div class="inline" style="display:flex;gap:.6rem;align-items:end">
        <label>Country<select name="country">
          <option value="" selected={!queue.holidayCountry}>off</option>
          {countries.map((c) => <option value={c.code} selected={queue.holidayCountry === c.code}>{c.name} ({c.code})</option>)}
        </select></label>
        <button type="submit">Save</button>
      </div>
    </form>
  )
}

/** CSV import (file or pasted text) and export of the calendar. */
export function EventsCsv({ queue, problems, notice }: { queue: Queue; problems?: Array<{ row: number; column: string; message: string }>; notice?: string }) {
  return (
    <div id="events-csv" class="card">
      <h2 style="margin-top:0">Import and export</h2>
      <p><a href={`/events/export.csv?queue=${queue.id}`} id="events-export">Download the events of {queue.name} as CSV</a></p>
      {notice ? <p class="success">{notice}</p> : null}
      {problems?.length ? <div class="errors" id="events-import-errors" role="alert"><p>Nothing was imported:</p><ul>{problems.map((p) => <li>{p.row ? `row ${p.row}` : ''}{p.column ? `, ${p.column}` : ''}: {p.message}</li>)}</ul></div> : null}
      <form method="post" action="/events/import" enctype="multipart/form-data" hx-post="/events/import" hx-target="#events-csv" hx-swap="outerHTML" hx-encoding="multipart/form-data" hx-disabled-elt="find button[type=submit]">
        <input type="hidden" name="queue" value={String(queue.id)} />
        <label>CSV file (queue, type, name, start, end, effect, value, ramp_before_days, decay_after_days, delay_days)<input type="file" name="file" accept=".csv,text/csv" /></label>
        <button type="submit" style="margin-top:.5rem">Import</button>
      </form>
    </div>
  )
}

/** Uplift learned per kind of event, with spread and how past proposals turned out; then the suggested events. */
export function LearnedUplift({ queue, uplift, suggestions }: { queue: Queue; uplift: UpliftEstimate[]; suggestions: SuggestedEvent[] }) {
  return (
    <section id="learned-uplift">
      <h2>Learned uplift</h2>
      <p class="muted">Per kind of event: actual volume against what it would have been without the event (the mean of the same time on the nearest same-weekday days without events).</p>
      <table>
        <thead><tr><th>Kind</th><th class="num">Past events</th><th class="num">Multiplier</th><th class="num">Spread (sd)</th><th class="num">Range 10–90%</th><th class="num">Added / day</th><th class="num">Proposals checked</th><th class="num">Mean error of proposals</th><th class="num">Inside range</th></tr></thead>
        <tbody>
          {uplift.length === 0 ? <tr><td colspan={9} class="muted">No past events with history around them yet.</td></tr> : uplift.map((u) => (
            <tr data-learn-key={u.learnKey}>
              <td>{u.learnKey}</td>
              <td class="num">{u.count}</td>
              <td class="num">× {fmt(u.multiplier.mean)}</td>
              <td class="num">{u.multiplier.sd === null ? '–' : fmt(u.multiplier.sd)}</td>
              <td class="num">{fmt(u.multiplier.low)}–{fmt(u.multiplier.high)}</td>
              <td class="num">{fmt(u.addedPerDay.mean, 0)}</td>
              <td class="num">{u.proposals.length}</td>
              <td class="num">{u.proposalMeanAbsoluteRelativeError === null ? '–' : `${fmt(u.proposalMeanAbsoluteRelativeError * 100, 0)}%`}</td>
              <td class="num">{u.proposalInsideRangeFraction === null ? '–' : `${fmt(u.proposalInsideRangeFraction * 100, 0)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Suggested events</h2>
      <p class="muted">Days far from what was expected without events (modified z-score of the daily log ratio above 3.5): name them so the forecast treats them as special.</p>
      <table id="suggested-events">
        <thead><tr><th>Date</th><th></th><th class="num">Actual</th><th class="num">Expected</th><th class="num">Ratio</th><th class="num">z</th><th></th></tr></thead>
        <tbody>
          {suggestions.length === 0 ? <tr><td colspan={7} class="muted">No unexplained spikes or dips.</td></tr> : suggestions.map((s) => (
            <tr data-date={s.dateKey}>
              <td>{formatDate(s.dateKey)}</td><td>{s.direction}</td>
              <td class="num">{fmt(s.actual, 0)}</td><td class="num">{fmt(s.expected, 0)}</td><td class="num">{fmt(s.ratio)}</td><td class="num">{fmt(s.zScore, 1)}</td>
              <td><a class="button small" href={`/events?queue=${queue.id}&month=${s.dateKey.slice(0, 7)}&label=${s.dateKey}&ratio=${fmt(s.ratio, 3)}#event-form`}>Label this</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** While the flags are computed: polls itself (htmx) or the page refreshes (no JavaScript). */
export function FlagsProgress({ jobUrl, message }: { jobUrl: string; message: string }) {
  return (
    <section id="event-flags" hx-get={jobUrl} hx-trigger="load delay:700ms" hx-swap="outerHTML">
      <h2>Flags for the coming weeks</h2>
      <p class="muted">Forecasting with events… {message}</p>
      <noscript><p><a href={jobUrl}>Show the flags</a> (this takes a few seconds)</p></noscript>
    </section>
  )
}

export interface FlagsPanelProps {
  /** What the need is compared with (published schedule or base plan). */
  coverSource?: string
  /** Per day, the cheapest extra shifts from the queue's templates (when a published schedule exists). */
  extraCover?: Map<string, ExtraCover>
  queue: Queue
  fromDateKey: string
  toDateKey: string
  flags: Flags
  eventNames: Map<number | string, string>
  settingsSource: 'saved' | 'default'
  warnings: string[]
  appliedValues: Array<{ name: string; value: number | null; kind: string }>
}

/** "2 × 8h at 09:00, 1 × 4h at 13:00 (36 paid hours, cost 720)" for a day's cheapest extra shifts. */
function extraShiftsText(cover: ExtraCover | undefined): string {
  if (!cover) return '–'
  const shifts = cover.shifts.map((s) => `${s.count} × ${s.templateName} at ${s.start.slice(11, 16)}`).join(', ')
  const short = cover.shortAgentIntervals > 0 ? `; ${fmt(cover.shortAgentIntervals, 1)} agent-intervals no template can reach` : ''
  return `${shifts} (${fmt(cover.paidAgentHours, 1)} paid hours, cost ${fmt(cover.cost, 0)}${short})`
}

export function FlagsPanel(p: FlagsPanelProps) {
  const names = (ids: Array<number | string>) => ids.map((id) => p.eventNames.get(id) ?? String(id)).join(', ')
  return (
    <section id="event-flags">
      <h2>Flags for the coming weeks</h2>
      <p class="muted">{formatDate(p.fromDateKey)} to {formatDate(p.toDateKey)}: where the forecast with events needs more scheduled agents than the cover planned: the {p.coverSource ?? 'plan without events'} ({p.settingsSource === 'saved' ? 'the queue\'s saved staffing settings' : 'default settings: 80% in 60 s, Erlang C, 30% shrinkage'}). <a href={`/events/flags.csv?queue=${p.queue.id}&from=${p.fromDateKey}&to=${p.toDateKey}`} id="flags-export">Export as CSV</a></p>
      {p.appliedValues.length ? <p class="muted">Events in this period: {p.appliedValues.map((a) => `${a.name} (${a.value === null ? 'no value' : a.kind === 'multiplier' ? `× ${fmt(a.value)}` : `+${fmt(a.value, 0)}/day`})`).join('; ')}.</p> : null}
      {p.warnings.map((w) => <p class="warning">{w}</p>)}
      {p.flags.days.length === 0 ? <p id="no-flags">No shortfall: the plan covers every interval.</p> : (
        <table id="flag-days">
          <thead><tr><th>Date</th><th class="num">Intervals short</th><th class="num">Peak shortfall (agents)</th><th class="num">Shortfall (agent-hours)</th><th>Events</th><th>Least extra cover</th>{p.extraCover?.size ? <th>Cheapest extra shifts (your templates)</th> : null}</tr></thead>
          <tbody>
            {p.flags.days.map((d) => (
              <tr data-date={d.dateKey}>
                <td>{formatDate(d.dateKey)}</td><td class="num">{d.intervalCount}</td><td class="num">{fmt(d.peakShortfallAgents, 1)}</td><td class="num">{fmt(d.shortfallAgentHours, 1)}</td>
                <td>{names(d.eventIds)}</td>
                <td>{d.coverBlocks.map((b) => `+${b.extraAgents} ${b.fromLocal}–${b.toLocal}`).join(', ')}</td>
                {p.extraCover?.size ? <td class="extra-shifts">{extraShiftsText(p.extraCover.get(d.dateKey))}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
