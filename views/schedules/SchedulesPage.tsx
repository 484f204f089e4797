/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The schedules screen of a queue: its shift templates (add, edit, delete), the agents (add, edit, delete), the
 * "Generate schedule" form with the solve's progress, and the queue's schedules. Every form works without
 * JavaScript (POST, then a 303 back here); with htmx each section replaces itself (`#shift-templates`, `#agents`,
 * `#generate-schedule`).
 */
import { DateInput } from '../components/DateInput.tsx'
import { formatUtcStamp, formatDate } from '../../src/format/dateTime.ts'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Queue } from '../../src/db/schema.ts'
import type { AgentRecord, ShiftTemplateRecord } from '../../src/db/schedules.ts'
import type { ListedSchedule } from '../../src/planning/schedulesPage.ts'
import { Layout } from '../Layout.tsx'
import { QueuePicker } from '../components/QueuePicker.tsx'
import { CHECK_STYLE, ROW_STYLE, minutesLabel, num, pct, solverStatusLabel } from './format.ts'
import { OVER_COVER_CHOICES } from '../../src/schemas/solver.ts'

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const BREAK_ROWS = 3

export interface BreakFormValues { name: string; lengthMinutes: string; paid: boolean; earliestAfterMinutes: string; latestAfterMinutes: string }

export interface TemplateFormValues {
  name: string
  lengthMinutes: string
  earliestStart: string
  latestStart: string
  startStepMinutes: string
  days: string[]
  costPerHour: string
  minCountPerDay: string
  maxCountPerDay: string
  breaks: BreakFormValues[]
  /** Set when editing a stored template. */
  id?: number
  version?: number
}

export interface AgentFormValues {
  name: string
  contractedHoursPerWeek: string
  skills: string[]
  /** One window a line: "mon 07:00-15:00". */
  availability: string
  maxDaysPerWeek: string
  minConsecutiveDaysOff: string
  minRestHoursBetweenShifts: string
  maxHoursPerWeek: string
  id?: number
  version?: number
}

export interface GenerateFormValues { from: string; to: string; timeLimitSeconds: string; gapPercent: string; overCover: string }

export const EMPTY_BREAK: BreakFormValues = { name: '', lengthMinutes: '', paid: false, earliestAfterMinutes: '', latestAfterMinutes: '' }

export const EMPTY_TEMPLATE_FORM: TemplateFormValues = {
  name: '', lengthMinutes: '480', earliestStart: '07:00', latestStart: '13:00', startStepMinutes: '30', days: [...WEEKDAY_KEYS],
  costPerHour: '1', minCountPerDay: '0', maxCountPerDay: '', breaks: Array.from({ length: BREAK_ROWS }, () => ({ ...EMPTY_BREAK })),
}

export const EMPTY_AGENT_FORM: AgentFormValues = {
  name: '', contractedHoursPerWeek: '40', skills: [], availability: '', maxDaysPerWeek: '5', minConsecutiveDaysOff: '2', minRestHoursBetweenShifts: '11', maxHoursPerWeek: '',
}

export interface SchedulesPageProps {
  queues: Queue[]
  queue: Queue | null
  templates: Section<TemplatesSectionProps>
  agents: Section<AgentsSectionProps>
  generate: Section<GenerateSectionProps>
  schedules: ListedSchedule[]
}

type Section<P> = Omit<P, 'queue'>

const q = (queue: Queue) => `?queue=${queue.id}`

export function SchedulesPage(p: SchedulesPageProps) {
  return (
    <Layout title="Schedules" active="/schedules">
      <h1>Schedules</h1>
      {!p.queue ? (
        <div class="notice">There is no queue yet. <a href="/imports">Import</a> the history of a queue, plan its <a href="/staffing">staffing</a>, then schedule it here.</div>
      ) : (
        <>
          <QueuePicker queues={p.queues} selectedId={p.queue.id} action="/schedules" />
          <p class="muted">Shifts cover the staffing plan's agents to schedule (required ÷ (1 − shrinkage), settings from the <a href={`/staffing${q(p.queue)}`}>staffing page</a>) inside the queue's opening hours, at least cost. Times are local to {p.queue.timeZone}.</p>
          <p id="date-hours-link"><a href={`/schedules/dates?queue=${p.queue.id}`}>Calendar per date</a>: holidays that close the centre and days it closes early.</p>
          <TemplatesSection queue={p.queue} {...p.templates} />
          <AgentsSection queue={p.queue} {...p.agents} />
          <GenerateSection queue={p.queue} {...p.generate} />
          <ScheduleList queue={p.queue} schedules={p.schedules} />
        </>
      )}
    </Layout>
  )
}

function ErrorList({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null
  return (
    <div class="errors" id={id} role="alert">
      <p><strong>Nothing was saved:</strong></p>
      <ul>{errors.map((e) => <li>{e}</li>)}</ul>
    </div>
  )
}

/** Import (all or nothing, rows with the same name replaced) and export of a set-up list as CSV. */
function SetupCsvForm({ id, what, action, target, exportHref, columns }: { id: string; what: string; action: string; target: string; exportHref: string; columns: string }) {
  return (
    <details id={id} class="setup-csv">
      <summary>Import or export {what} as CSV</summary>
      <p class="muted">Columns: {columns}. Rows with a name that exists replace it; a file with any problem imports nothing and lists every problem with its row and column. <a href={exportHref} id={`${id}-export`}>Download the {what} (CSV)</a></p>
      <form method="post" action={action} hx-post={action} hx-target={target} hx-swap="outerHTML" enctype="multipart/form-data" hx-encoding="multipart/form-data" hx-disabled-elt="find button">
        <label>CSV file<input type="file" name="file" accept=".csv,text/csv" /></label>
        <button type="submit">Import {what}</button>
      </form>
    </details>
  )
}

export interface TemplatesSectionProps {
  queue: Queue
  templates: ShiftTemplateRecord[]
  form: TemplateFormValues
  errors: string[]
  /** Why the templates together cannot cover the open hours (generation will refuse), or null. */
  coverageProblem: string | null
  message?: string
}

function breaksLabel(t: ShiftTemplateRecord): string {
  if (!t.breaks?.length) return 'none'
  return t.breaks.map((b) => `${b.name ?? 'break'} ${b.lengthMinutes} min ${b.paid ? 'paid' : 'unpaid'}, ${b.earliestAfterMinutes}–${b.latestAfterMinutes} min in`).join('; ')
}

export function TemplatesSection({ queue, templates, form, errors, coverageProblem, message }: TemplatesSectionProps) {
  const editing = form.id !== undefined
  const action = editing ? `/schedules/templates/${form.id}${q(queue)}` : `/schedules/templates${q(queue)}`
  return (
    <section id="shift-templates" class="card">
      <h2>Shift templates</h2>
      {message ? <p class="success" id="templates-message">{message}</p> : null}
      {templates.length ? (
        <table id="templates-table" class="compact">
          <thead><tr><th>Name</th><th>Length</th><th>Starts</th><th>Days</th><th>Breaks</th><th class="num">Cost / h</th><th class="num">Per day</th><th></th></tr></thead>
          <tbody>
            {templates.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{minutesLabel(t.lengthMinutes)}</td>
                <td>{t.earliestStart}–{t.latestStart} every {t.startStepMinutes} min</td>
                <td>{(t.days ?? WEEKDAY_KEYS).join(' ')}</td>
                <td>{breaksLabel(t)}</td>
                <td class="num">{num(t.costPerHour ?? 1, 2)}</td>
                <td class="num">{t.minCountPerDay ?? 0}–{t.maxCountPerDay ?? '∞'}</td>
                <td>
                  <a href={`/schedules/templates/${t.id}/edit${q(queue)}`} hx-get={`/schedules/templates/${t.id}/edit${q(queue)}`} hx-target="#shift-templates" hx-swap="outerHTML">Edit</a>{' '}
                  <form method="post" action={`/schedules/templates/${t.id}/delete${q(queue)}`} hx-post={`/schedules/templates/${t.id}/delete${q(queue)}`} hx-target="#shift-templates" hx-swap="outerHTML" hx-confirm={`Delete the template '${t.name}'?`} style="display:inline" hx-disabled-elt="find button[type=submit]">
                    <button type="submit" class="secondary">Delete</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="notice" id="no-templates">No shift templates yet for {queue.name}: add the kinds of shift agents may work.</p>}
      {coverageProblem ? <p class="warning" id="templates-coverage">{coverageProblem}</p> : null}
      <SetupCsvForm id="templates-csv" what="templates" action={`/schedules/templates/import${q(queue)}`} target="#templates" exportHref={`/schedules/templates.csv${q(queue)}`}
        columns="name, length_minutes, earliest_start, latest_start, start_step_minutes, days (mon; tue …), cost_per_hour, min_count_per_day, max_count_per_day, breaks (lunch 30 unpaid 180-300; …)" />
      <h3>{editing ? `Edit '${form.name}'` : 'Add a template'}</h3>
      <ErrorList id="template-errors" errors={errors} />
      <form id="template-form" method="post" action={action} hx-post={action} hx-target="#shift-templates" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        {editing ? <input type="hidden" name="version" value={String(form.version)} /> : null}
        <div style={ROW_STYLE}>
          <label>Name<input name="name" value={form.name} required /></label>
          <label>Length (minutes)<input name="lengthMinutes" value={form.lengthMinutes} inputmode="numeric" size={5} /></label>
          <label>Earliest start<input name="earliestStart" value={form.earliestStart} placeholder="07:00" size={5} /></label>
          <label>Latest start<input name="latestStart" value={form.latestStart} placeholder="13:00" size={5} /></label>
          <label>Start every (minutes)<input name="startStepMinutes" value={form.startStepMinutes} inputmode="numeric" size={4} /></label>
        </div>
        <div style={ROW_STYLE}>
          <span>Days</span>
          {WEEKDAY_KEYS.map((d) => <label style={CHECK_STYLE}><input type="checkbox" name="days" value={d} checked={form.days.includes(d)} /> {d}</label>)}
        </div>
        <div style={ROW_STYLE}>
          <label>Cost per paid hour<input name="costPerHour" value={form.costPerHour} inputmode="decimal" size={6} /></label>
          <label>At least per day<input name="minCountPerDay" value={form.minCountPerDay} inputmode="numeric" size={4} /></label>
          <label>At most per day<input name="maxCountPerDay" value={form.maxCountPerDay} inputmode="numeric" size={4} placeholder="no limit" /></label>
        </div>
        <p class="muted">Breaks (leave a row empty for none): the solver places each within its window, counted in minutes from the shift start.</p>
        {form.breaks.map((b, i) => (
          <div style={ROW_STYLE}>
            <label>Break {i + 1}<input name={`break${i}Name`} value={b.name} placeholder={i === 0 ? 'lunch' : `break ${i + 1}`} /></label>
            <label>Minutes<input name={`break${i}LengthMinutes`} value={b.lengthMinutes} inputmode="numeric" /></label>
            <label>From (min in)<input name={`break${i}EarliestAfterMinutes`} value={b.earliestAfterMinutes} inputmode="numeric" /></label>
            <label>To (min in)<input name={`break${i}LatestAfterMinutes`} value={b.latestAfterMinutes} inputmode="numeric" /></label>
            <label style={CHECK_STYLE}><input type="checkbox" name={`break${i}Paid`} value="1" checked={b.paid} /> paid</label>
          </div>
        ))}
        <button type="submit">{editing ? 'Save template' : 'Add template'}</button>
        {editing ? <> <a href={`/schedules${q(queue)}`} hx-get={`/schedules/templates${q(queue)}`} hx-target="#shift-templates" hx-swap="outerHTML">Cancel</a></> : null}
      </form>
    </section>
  )
}

export interface AgentsSectionProps {
  queue: Queue
  queues: Queue[]
  agents: AgentRecord[]
  form: AgentFormValues
  errors: string[]
  message?: string
}

export function availabilityText(agent: Pick<AgentRecord, 'availability'>): string {
  return agent.availability ? agent.availability.map((w) => `${w.day} ${w.from}-${w.to}`).join('\n') : ''
}

export function AgentsSection({ queue, queues, agents, form, errors, message }: AgentsSectionProps) {
  const editing = form.id !== undefined
  const action = editing ? `/schedules/agents/${form.id}${q(queue)}` : `/schedules/agents${q(queue)}`
  const nameOf = new Map(queues.map((x) => [x.id, x.name]))
  return (
    <section id="agents" class="card">
      <h2>Agents</h2>
      {message ? <p class="success" id="agents-message">{message}</p> : null}
      {agents.length ? (
        <table id="agents-table" class="compact">
          <thead><tr><th>Name</th><th class="num">Contracted h / week</th><th>Skills (queues)</th><th>Availability</th><th>Rules</th><th></th></tr></thead>
          <tbody>
            {agents.map((a) => (
              <tr>
                <td>{a.name}</td>
                <td class="num">{num(a.contractedHoursPerWeek, 1)}</td>
                <td>{a.skillQueueIds.map((id) => nameOf.get(id) ?? `#${id}`).join(', ') || '–'}</td>
                <td>{a.availability ? availabilityText(a).replaceAll('\n', '; ') : 'any time'}</td>
                <td>≤ {a.maxDaysPerWeek ?? 5} days a week, {a.minConsecutiveDaysOff ?? 2} consecutive days off, {a.minRestHoursBetweenShifts ?? 11} h rest{a.maxHoursPerWeek !== undefined ? `, ≤ ${a.maxHoursPerWeek} h a week` : ''}</td>
                <td>
                  <a href={`/schedules/agents/${a.id}/edit${q(queue)}`} hx-get={`/schedules/agents/${a.id}/edit${q(queue)}`} hx-target="#agents" hx-swap="outerHTML">Edit</a>{' '}
                  <form method="post" action={`/schedules/agents/${a.id}/delete${q(queue)}`} hx-post={`/schedules/agents/${a.id}/delete${q(queue)}`} hx-target="#agents" hx-swap="outerHTML" hx-confirm={`Delete the agent '${a.name}'?`} style="display:inline" hx-disabled-elt="find button[type=submit]">
                    <button type="submit" class="secondary">Delete</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="notice" id="no-agents">No agents yet: add them to assign the generated shifts (the roster).</p>}
      <SetupCsvForm id="agents-csv" what="agents" action={`/schedules/agents/import${q(queue)}`} target="#agents" exportHref="/schedules/agents.csv"
        columns="name, contracted_hours_per_week, skills (queue names; …), availability (mon 07:00-15:00; …), max_days_per_week, min_consecutive_days_off, min_rest_hours_between_shifts, max_hours_per_week" />
      <h3>{editing ? `Edit '${form.name}'` : 'Add an agent'}</h3>
      <ErrorList id="agent-errors" errors={errors} />
      <form id="agent-form" method="post" action={action} hx-post={action} hx-target="#agents" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        {editing ? <input type="hidden" name="version" value={String(form.version)} /> : null}
        <div style={ROW_STYLE}>
          <label>Name<input name="name" value={form.name} required /></label>
          <label>Contracted hours a week<input name="contractedHoursPerWeek" value={form.contractedHoursPerWeek} inputmode="decimal" size={5} /></label>
          <label>At most hours a week<input name="maxHoursPerWeek" value={form.maxHoursPerWeek} inputmode="decimal" size={5} placeholder="= contract" /></label>
        </div>
        <div style={ROW_STYLE}>
          <span>Skills</span>
          {queues.map((x) => <label style={CHECK_STYLE}><input type="checkbox" name="skills" value={String(x.id)} checked={form.skills.includes(String(x.id))} /> {x.name}</label>)}
        </div>
        <div style={ROW_STYLE}>
          <label>Working days a week at most<input name="maxDaysPerWeek" value={form.maxDaysPerWeek} inputmode="numeric" size={3} /></label>
          <label>Consecutive days off at least<input name="minConsecutiveDaysOff" value={form.minConsecutiveDaysOff} inputmode="numeric" size={3} /></label>
          <label>Rest between shifts (hours)<input name="minRestHoursBetweenShifts" value={form.minRestHoursBetweenShifts} inputmode="decimal" size={3} /></label>
        </div>
        <label>Availability, one window a line like <code>mon 07:00-15:00</code> (empty: any time)
          <textarea name="availability" rows={3} cols={30}>{form.availability}</textarea>
        </label>
        <button type="submit">{editing ? 'Save agent' : 'Add agent'}</button>
        {editing ? <> <a href={`/schedules${q(queue)}`} hx-get={`/schedules/agents${q(queue)}`} hx-target="#agents" hx-swap="outerHTML">Cancel</a></> : null}
      </form>
    </section>
  )
}

export interface GenerateSectionProps {
  queue: Queue
  values: GenerateFormValues
  historyEndDateKey: string | null
  errors: string[]
  /** The job's progress or outcome, when one runs. */
  job?: Child
}

export function GenerateSection({ queue, values, historyEndDateKey, errors, job }: GenerateSectionProps) {
  const action = `/schedules/generate${q(queue)}`
  return (
    <section id="generate-schedule" class="card">
      <h2>Generate a schedule</h2>
      <form id="generate-form" method="post" action={action} hx-post={action} hx-target="#generate-schedule" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        <div style={ROW_STYLE}>
          <label>From<DateInput name="from" value={values.from} /></label>
          <label>To<DateInput name="to" value={values.to} /></label>
          <label>Time limit (s)<input name="timeLimitSeconds" value={values.timeLimitSeconds} inputmode="numeric" size={4} /></label>
          <label>Stop within (% of optimal)<input name="gapPercent" value={values.gapPercent} inputmode="decimal" size={4} /></label>
          <label>Over-cover
            <select name="overCover">
              {OVER_COVER_CHOICES.map((choice) => <option value={choice.value} selected={values.overCover === choice.value}>{choice.label}</option>)}
            </select>
          </label>
          <button type="submit">Generate schedule</button>
        </div>
        <p class="muted">{historyEndDateKey ? `The history ends ${formatDate(historyEndDateKey)}; the default is the week after it.` : 'This queue has no history: import it first.'} Short cover is penalised, so an impossible requirement still gives the best partial schedule and its gaps.</p>
      </form>
      <ErrorList id="generate-errors" errors={errors} />
      {job}
    </section>
  )
}

/**
 * While the forecast and the solve run: polls itself (htmx) until done. Without JavaScript the page refreshes
 * itself (inside <noscript>, whole pages only, as on the staffing page).
 */
export function ScheduleJobProgress({ jobId, fraction, message, inPage = false }: { jobId: string; fraction: number; message: string; inPage?: boolean }) {
  return (
    <div id="schedule-job" class="progress" hx-get={`/schedules/jobs/${jobId}`} hx-trigger="load delay:700ms" hx-swap="outerHTML">
      <p>Generating the schedule… <span id="schedule-job-message">{message}</span></p>
      <progress max="1" value={String(fraction)}>{Math.round(fraction * 100)}%</progress>
      {inPage ? <noscript>{raw('<meta http-equiv="refresh" content="2">')}</noscript> : null}
    </div>
  )
}

export function ScheduleJobFailed({ messages }: { messages: string[] }) {
  return (
    <div id="schedule-job" class="errors" role="alert">
      <p><strong>No schedule was made, nothing was saved:</strong></p>
      <ul>{messages.map((m) => <li>{m}</li>)}</ul>
    </div>
  )
}

export function ScheduleList({ queue, schedules }: { queue: Queue; schedules: ListedSchedule[] }) {
  return (
    <section id="schedule-list" class="card">
      <h2>Schedules of {queue.name}</h2>
      {schedules.length ? (
        <table class="compact">
          <thead><tr><th>#</th><th>Days</th><th>Status</th><th>Solver</th><th class="num">Gap</th><th class="num">Paid agent-hours</th><th class="num">Cost</th><th>Created</th></tr></thead>
          <tbody>
            {schedules.map((s) => (
              <tr>
                <td><a href={`/schedules/${s.id}`}>Schedule {s.id}</a></td>
                <td>{formatDate(s.fromDateKey)} to {formatDate(s.toDateKey)}</td>
                <td>{s.status === 'published' ? <strong>published</strong> : 'draft'}{s.editCount ? ` (${s.editCount} edits)` : ''}
                  {s.superseded ? <span class="muted superseded">{`; ${s.superseded.map((d) => `${d.fromDateKey === d.toDateKey ? formatDate(d.fromDateKey) : `${formatDate(d.fromDateKey)} to ${formatDate(d.toDateKey)}`} are schedule ${d.byScheduleId}'s`).join(', ')} (published later)`}</span> : null}</td>
                <td>{solverStatusLabel(s.solverStatus)}</td>
                <td class="num">{pct(s.gap, 2)}</td>
                <td class="num">{num(s.current.paidAgentHours, 1)}</td>
                <td class="num">{num(s.current.shiftCost, 0)}</td>
                <td>{formatUtcStamp(s.createdAtMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="muted">No schedules yet.</p>}
    </section>
  )
}
