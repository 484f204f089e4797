/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * One schedule: the solver's outcome (status, gap, paid hours, cost), the coverage (requirement vs scheduled heads
 * net of breaks per interval: chart and one table per day, over/under cover highlighted, the expected service
 * level with the scheduled agents), the hand edits (move, add, remove a shift), the roster (weekly per agent,
 * shifts nobody can take with the reason), publish, and the CSV exports. `#schedule-workspace` is what an edit
 * replaces (htmx), so coverage updates in place.
 */
import { DayFold } from '../components/Fold.tsx'
import { DateTimeInput } from '../components/DateInput.tsx'
import { formatClock, formatUtcStamp, formatDate } from '../../src/format/dateTime.ts'
import { formatClockTime } from '../../src/scheduling/localTime.ts'
import type { Queue } from '../../src/db/schema.ts'
import type { ScheduleRecord } from '../../src/db/schedules.ts'
import type { CoverageDay, CoverageRow, ScheduleCoverage } from '../../src/planning/schedulePlan.ts'
import type { Roster, ScheduledShift } from '../../src/scheduling/index.ts'
import type { UnassignedSummary } from '../../src/planning/needCover.ts'
import { describeDateHoursChange, type DateHoursChange } from '../../src/scheduling/dateOpeningHours.ts'
import { Layout } from '../Layout.tsx'
import { CoverageChart } from './CoverageChart.tsx'
import { OVER_STYLE, ROW_STYLE, SHORT_STYLE, agents, dayLabel, localLabel, minutesLabel, num, pct, solverStatusLabel, spanLabel } from './format.ts'

export interface ScheduleWorkspaceProps {
  queue: Queue
  record: ScheduleRecord
  /** Requirement vs the shifts that have an agent: the schedule's real cover (src/planning/needCover.ts). */
  coverage: ScheduleCoverage
  /** Requirement vs every shift placed, as if each had an agent. */
  generated: ScheduleCoverage
  unassigned: UnassignedSummary
  /** Cost of the shifts as they are now (after edits). */
  shiftCost: number
  roster: Roster
  /** Names of the agents (to say when there are none). */
  agentCount: number
  /** Dates whose hours the queue's calendar changed after the schedule was made (src/planning/queueCalendar.ts). */
  calendarChanges?: DateHoursChange[]
  /** A draft's names: which method assigned them (the roster publishing freezes) and its gap, in one sentence. */
  names?: { method: 'optimiser' | 'greedy'; note: string }
  editErrors?: string[]
  message?: string
}

export function ScheduleDetailPage(p: ScheduleWorkspaceProps | ({ pendingSeconds: number } & Pick<ScheduleWorkspaceProps, 'queue' | 'record'>)) {
  const r = p.record
  return (
    <Layout title={`Schedule ${r.id}`} active="/schedules">
      <h1>Schedule {r.id}: {p.queue.name}, {formatDate(r.fromDateKey)} to {formatDate(r.toDateKey)}</h1>
      <p><a href={`/schedules?queue=${p.queue.id}`}>Back to the schedules of {p.queue.name}</a> · times local to {p.queue.timeZone}</p>
      {'pendingSeconds' in p ? <DraftNamesProgress record={r} seconds={p.pendingSeconds} /> : <ScheduleWorkspace {...p} />}
    </Layout>
  )
}

/**
 * While a draft's names are being assigned (the roster optimiser in a worker): a busy notice that asks for the
 * workspace again every second (htmx) and replaces itself with it; without JavaScript, a link to reload.
 */
export function DraftNamesProgress({ record, seconds }: { record: Pick<ScheduleRecord, 'id'>; seconds: number }) {
  const url = `/schedules/${record.id}/workspace`
  return (
    <div id="schedule-workspace" hx-get={url} hx-trigger="load delay:1s" hx-swap="outerHTML" aria-busy="true">
      <p class="notice" id="draft-names-progress" role="status">Assigning names with the roster optimiser (up to {seconds} s)… The coverage, roster and publishing use these names. <a href={`/schedules/${record.id}`}>Reload</a></p>
    </div>
  )
}

function shiftKey(s: Pick<ScheduledShift, 'templateName' | 'start'>): string {
  return `${s.templateName}|${s.start}`
}

/** Shifts grouped by the local day they start on, in order: the shifts table shows a day at a time. */
function shiftDays(shifts: readonly ScheduledShift[]): [string, ScheduledShift[]][] {
  const days = new Map<string, ScheduledShift[]>()
  for (const s of shifts) days.set(s.start.slice(0, 10), [...(days.get(s.start.slice(0, 10)) ?? []), s])
  return [...days.entries()].sort((a, b) => a[0].localeCompare(b[0]))
}

function endOf(s: ScheduledShift): string {
  const ms = Date.parse(s.start + ':00Z') + s.lengthMinutes * 60_000
  return new Date(ms).toISOString().slice(0, 16)
}

function breaksOf(s: ScheduledShift): string {
  if (!s.breaks.length) return '–'
  const startMs = Date.parse(s.start + ':00Z')
  return s.breaks.map((b) => `${b.count}× ${b.name} ${formatClock(new Date(startMs + b.offsetMinutes * 60_000).toISOString().slice(11, 16))} (${b.lengthMinutes} min${b.paid ? ', paid' : ''})`).join('; ')
}

/**
 * When the queue's calendar per date changed after the schedule was made (a date closed or shortened since, or
 * opened again): its need and shifts on those dates are still the ones it was made with, on every page that reads
 * it, until it is generated again. Says which dates and what to do.
 */
export function CalendarChangedBanner({ changes, draft, queueId }: { changes: readonly DateHoursChange[]; draft: boolean; queueId: number }) {
  if (!changes.length) return null
  const clock = (m: number) => formatClock(formatClockTime(m))
  return (
    <section id="calendar-changed" class="card warning" role="alert">
      <h2>The calendar changed on {changes.length} date(s) of this schedule since it was made</h2>
      <ul>{changes.slice(0, 10).map((c) => <li data-date={c.dateKey}>{describeDateHoursChange(c, clock, formatDate)}</li>)}</ul>
      {changes.length > 10 ? <p class="muted">… and {changes.length - 10} other dates.</p> : null}
      <p class="muted">
        The need and the shifts on those dates are still the ones this schedule was made with (here, on the flags, the dashboard and in scenarios).{' '}
        {draft ? 'Generate the schedule again for these dates to plan for the new hours.' : 'It is published: generate a new schedule for these dates to plan for the new hours.'}{' '}
        <a href={`/schedules/dates?queue=${queueId}`}>The calendar</a>
      </p>
    </section>
  )
}

/**
 * At the top of the schedule: the shifts nobody was assigned to, what they cost in cover, and why, with what to
 * do about it. A shift without an agent is cover that does not exist: the figures below count it as shortfall.
 */
export function UnassignedBanner({ unassigned, coverage, generated, agentCount, published }: { unassigned: UnassignedSummary; coverage: ScheduleCoverage; generated: ScheduleCoverage; agentCount: number; published: boolean }) {
  if (unassigned.shifts === 0) return null
  const extraShort = Math.max(0, coverage.totals.underCoverAgentHours - generated.totals.underCoverAgentHours)
  return (
    <section id="unassigned-banner" class="card warning" role="alert">
      <h2>{unassigned.shifts} shift(s) have no agent</h2>
      <p>
        They are cover that does not exist: <strong id="unassigned-paid-hours">{num(unassigned.paidAgentHours, 1)}</strong> paid agent-hours nobody works, which
        leaves <strong id="unassigned-shortfall-hours">{num(extraShort, 1)}</strong> agent-hours of the requirement uncovered (counted as shortfall below,
        on the flags, the dashboard and in scenarios). With every shift assigned the shortfall would be <span id="generated-under-hours">{num(generated.totals.underCoverAgentHours, 1)}</span> agent-hours.
      </p>
      <ul id="unassigned-reasons">{unassigned.reasons.slice(0, 8).map((r) => <li><strong>{r.shifts}</strong> shift(s): {r.reason}</li>)}</ul>
      {unassigned.reasons.length > 8 ? <p class="muted">… and {unassigned.reasons.length - 8} other reasons (every shift is listed in the roster below).</p> : null}
      <p class="muted">
        {agentCount === 0 ? 'There are no agents yet: add agents with this queue as a skill (one by one or from a CSV) on the schedules page. '
          : 'To close it: add agents with this queue as a skill, widen their availability or contracted hours, or relax their rest and days-off rules on the schedules page. '}
        {published ? 'This schedule is published and its roster frozen: copy it to a new draft to assign again.' : 'Until the schedule is published, the names are assigned again (roster optimiser) after each change of the shifts or the agents.'}
      </p>
    </section>
  )
}

export function ScheduleWorkspace({ queue, record, coverage, generated, unassigned, shiftCost, roster, agentCount, names, calendarChanges = [], editErrors = [], message }: ScheduleWorkspaceProps) {
  const t = coverage.totals
  const draft = record.status === 'draft'
  const base = `/schedules/${record.id}`
  return (
    <div id="schedule-workspace">
      {message ? <p class="success" id="schedule-message">{message}</p> : null}
      {names ? <p id="roster-method" class={names.method === 'optimiser' ? 'muted' : 'notice'}>{names.note} Publishing freezes these names.</p> : null}
      <UnassignedBanner unassigned={unassigned} coverage={coverage} generated={generated} agentCount={agentCount} published={!draft} />
      <CalendarChangedBanner changes={calendarChanges} draft={draft} queueId={queue.id} />
      <div class="stats">
        <div class="stat"><div class="value" id="schedule-status">{record.status}</div><div class="label">{record.status === 'published' ? `since ${formatUtcStamp(record.publishedAtMs!)}` : `${record.editCount} hand edits`}</div></div>
        <div class="stat"><div class="value" id="schedule-solver">{record.solverStatus}</div><div class="label">{solverStatusLabel(record.solverStatus)} ({record.solverStatusText}, {num(record.solveMs / 1000, 1)} s)</div></div>
        <div class="stat"><div class="value" id="schedule-gap">{pct(record.gap, 2)}</div><div class="label">Optimality gap of the solve</div></div>
        <div class="stat"><div class="value" id="coverage-paid-hours">{num(record.current.paidAgentHours, 1)}</div><div class="label">Paid agent-hours of the shifts{record.editCount ? ` (generated: ${num(record.paidAgentHours, 1)})` : ''}{unassigned.shifts ? `, ${num(unassigned.paidAgentHours, 1)} of them without an agent` : ''}</div></div>
        <div class="stat"><div class="value" id="schedule-cost">{num(shiftCost, 0)}</div><div class="label">Cost of the shifts</div></div>
        <div class="stat"><div class="value" id="coverage-required-hours">{num(t.requiredAgentHours, 1)}</div><div class="label">Agent-hours to schedule</div></div>
        <div class="stat"><div class="value" id="coverage-scheduled-hours">{num(t.scheduledAgentHours, 1)}</div><div class="label">Agent-hours covered by assigned shifts (net of breaks)</div></div>
        <div class="stat"><div class="value" id="coverage-under-hours">{num(t.underCoverAgentHours, 1)}</div><div class="label">Shortfall agent-hours ({t.intervalsShort} intervals short{unassigned.shifts ? `, ${unassigned.shifts} shifts without an agent` : ''})</div></div>
        <div class="stat"><div class="value" id="coverage-over-hours">{num(t.overCoverAgentHours, 1)}</div><div class="label">Over-cover agent-hours</div></div>
        <div class="stat"><div class="value" id="coverage-service-level">{pct(t.expectedServiceLevel)}</div><div class="label">Expected service level with the assigned agents (volume-weighted)</div></div>
      </div>
      {record.snapshot.dateHours?.length ? <p class="muted" id="date-hours-note">Calendar per date: {record.snapshot.dateHours.map((d) => `${formatDate(d.dateKey)} ${d.closed ? 'closed' : `open ${formatClock(formatClockTime(d.openMinute!))}–${formatClock(formatClockTime(d.closeMinute!))}`}${d.reason ? ` (${d.reason})` : ''}`).join('; ')}.</p> : null}
      {record.snapshot.closedAgentHours > 0.05 ? <p class="muted" id="closed-note">The plan also asked for {num(record.snapshot.closedAgentHours, 1)} agent-hours while the queue is closed; no shift is placed then.</p> : null}
      <CoverageChart title={`Heads to schedule vs scheduled (net of breaks) per ${coverage.intervalMinutes}-minute interval`} starts={coverage.rows.map((r) => r.start)}
        required={coverage.rows.map((r) => r.agentsRequired)} scheduled={coverage.rows.map((r) => r.agentsScheduled)} />
      <p>
        Export: <a id="roster-csv" href={`${base}/roster.csv`}>schedule per agent (CSV)</a> · <a id="coverage-csv" href={`${base}/coverage.csv`}>coverage table (CSV)</a>
      </p>
      <PublishControls record={record} />
      <CoverageDays coverage={coverage} targetServiceLevel={record.snapshot.targets.serviceLevelTarget ?? null} />
      <section id="schedule-shifts" class="card">
        <h2>Shifts</h2>
        {editErrors.length ? <div class="errors" id="edit-errors" role="alert"><p><strong>Nothing was changed:</strong></p><ul>{editErrors.map((e) => <li>{e}</li>)}</ul></div> : null}
        {draft ? <EditForms record={record} /> : <p class="muted">A published schedule is not edited: copy it to a new draft to change it.</p>}
        <div id="shifts-table">{shiftDays(record.schedule.shifts).map(([dateKey, shifts], k) => (
        <DayFold dateKey={dateKey} open={k === 0} summary={`${shifts.reduce((n, s) => n + s.count, 0)} agents on ${shifts.length} shift start(s)`}>
        <table class="compact shift-rows">
          <thead><tr><th>Template</th><th>Start</th><th>Shift</th><th class="num">Agents</th><th>Breaks</th>{draft ? <th></th> : null}</tr></thead>
          <tbody>
            {shifts.map((s) => (
              <tr>
                <td>{s.templateName}</td>
                <td>{localLabel(s.start)}</td>
                <td>{spanLabel(s.start, endOf(s))} ({minutesLabel(s.lengthMinutes)})</td>
                <td class="num">{s.count}</td>
                <td>{breaksOf(s)}</td>
                {draft ? (
                  <td>
                    <form method="post" action={`${base}/edit`} hx-post={`${base}/edit`} hx-target="#schedule-workspace" hx-swap="outerHTML" style="display:inline" hx-disabled-elt="find button[type=submit]">
                      <input type="hidden" name="version" value={String(record.version)} />
                      <input type="hidden" name="action" value="remove" />
                      <input type="hidden" name="shift" value={shiftKey(s)} />
                      <input type="hidden" name="count" value="1" />
                      <button type="submit" class="secondary">Remove one</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        </DayFold>
        ))}</div>
      </section>
      <RosterSection roster={roster} agentCount={agentCount} published={!draft} />
    </div>
  )
}

function PublishControls({ record }: { record: ScheduleRecord }) {
  const base = `/schedules/${record.id}`
  if (record.status === 'published') {
    return (
      <div style={ROW_STYLE} id="publish-controls">
        <p class="success" id="published-note">Published: its shifts count on its dates (My shifts, calendar feeds, requests, Today, event flags and scenarios); a schedule of this queue published later wins the dates they share. Its roster is frozen.</p>
        <form method="post" action={`${base}/copy`}><button type="submit" class="secondary">Copy to a new draft</button></form>
      </div>
    )
  }
  return (
    <div style={ROW_STYLE} id="publish-controls">
      <form method="post" action={`${base}/publish`} hx-post={`${base}/publish`} hx-target="#schedule-workspace" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        <input type="hidden" name="version" value={String(record.version)} />
        <button type="submit" id="publish-button"><span class="idle-label">Publish</span><span class="busy-label">Publishing</span></button>
      </form>
      <form method="post" action={`${base}/delete`} hx-confirm="Delete this draft?">
        <button type="submit" class="secondary">Delete draft</button>
      </form>
      <span class="muted">Publishing freezes the roster below (the names the page shows) and makes this the schedule event flags and scenarios compare against.</span>
    </div>
  )
}

function EditForms({ record }: { record: ScheduleRecord }) {
  const base = `/schedules/${record.id}`
  const options = record.schedule.shifts.map((s) => <option value={shiftKey(s)}>{`${s.templateName} ${localLabel(s.start)} (${s.count})`}</option>)
  const firstStart = record.schedule.shifts[0]?.start ?? `${record.fromDateKey}T08:00`
  const common = (action: string) => (
    <>
      <input type="hidden" name="version" value={String(record.version)} />
      <input type="hidden" name="action" value={action} />
    </>
  )
  return (
    <div class="schedule-forms">
      <form id="move-form" class="inline" style="margin:.4rem 0" method="post" action={`${base}/edit`} hx-post={`${base}/edit`} hx-target="#schedule-workspace" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        {common('move')}
        <label>Move<select name="shift">{options}</select></label>
        <label>to<DateTimeInput name="newStart" value={firstStart} /></label>
        <label>how many<input name="count" value="1" inputmode="numeric" size={3} /></label>
        <button type="submit">Move</button>
      </form>
      <form id="add-form" class="inline" style="margin:.4rem 0" method="post" action={`${base}/edit`} hx-post={`${base}/edit`} hx-target="#schedule-workspace" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        {common('add')}
        <label>Add<select name="templateName">{record.templates.map((t) => <option value={t.name}>{t.name}</option>)}</select></label>
        <label>at<DateTimeInput name="start" value={firstStart} /></label>
        <label>how many<input name="count" value="1" inputmode="numeric" size={3} /></label>
        <button type="submit">Add</button>
      </form>
    </div>
  )
}

function rowClass(r: CoverageRow): string {
  return r.underCover > 1e-9 ? 'cover-short' : r.overCover > 1e-9 ? 'cover-over' : ''
}

function rowStyle(r: CoverageRow): string | undefined {
  return r.underCover > 1e-9 ? SHORT_STYLE : r.overCover > 1e-9 ? OVER_STYLE : undefined
}

function CoverageDays({ coverage, targetServiceLevel }: { coverage: ScheduleCoverage; targetServiceLevel: number | null }) {
  return (
    <section id="coverage-days" class="card">
      <h2>Coverage per day</h2>
      <p class="cover-legend muted"><span style={SHORT_STYLE}>&nbsp;short&nbsp;</span> under-cover · <span style={OVER_STYLE}>&nbsp;over&nbsp;</span> over-cover. Service level at the mean forecast with scheduled × (1 − shrinkage) agents handling contacts{targetServiceLevel !== null ? `; target ${pct(targetServiceLevel, 0)}` : ''}.</p>
      <table id="coverage-day-table" class="compact">
        <thead><tr><th>Day</th><th class="num">Agent-hours to schedule</th><th class="num">Covered (assigned)</th><th class="num">Over</th><th class="num">Shortfall</th><th class="num">Intervals short</th><th class="num">Service level</th></tr></thead>
        <tbody>{coverage.days.map((d: CoverageDay) => (
          <tr class={d.underCoverAgentHours > 0 ? 'cover-short' : ''} style={d.underCoverAgentHours > 0 ? SHORT_STYLE : undefined} data-date={d.dateKey}>
            <td>{dayLabel(d.dateKey)}</td><td class="num">{num(d.requiredAgentHours, 1)}</td><td class="num">{num(d.scheduledAgentHours, 1)}</td>
            <td class="num">{num(d.overCoverAgentHours, 1)}</td><td class="num shortfall-hours">{num(d.underCoverAgentHours, 1)}</td><td class="num">{d.intervalsShort}</td><td class="num">{pct(d.expectedServiceLevel)}</td>
          </tr>
        ))}</tbody>
      </table>
      {coverage.days.map((d, k) => (
        <details class="day-coverage" open={k === 0}>
          <summary>{dayLabel(d.dateKey)}: {num(d.scheduledAgentHours, 1)} of {num(d.requiredAgentHours, 1)} agent-hours, {d.intervalsShort} intervals short</summary>
          <table class="compact coverage-table" data-day={d.dateKey}>
            <thead><tr><th>Interval</th><th class="num">To schedule</th><th class="num">On shift</th><th class="num">Scheduled (net)</th><th class="num">Over</th><th class="num">Under</th><th class="num">Handling</th><th class="num">Service level</th><th class="num">ASA (s)</th></tr></thead>
            <tbody>
              {coverage.rows.filter((r) => r.start.startsWith(d.dateKey)).map((r) => (
                <tr class={rowClass(r)} style={rowStyle(r)} data-start={r.start}>
                  <td>{r.start.slice(11, 16)}</td>
                  <td class="num">{agents(r.agentsRequired)}</td>
                  <td class="num">{agents(r.agentsOnShift)}</td>
                  <td class="num agents-scheduled">{agents(r.agentsScheduled)}</td>
                  <td class="num">{r.overCover > 0 ? agents(r.overCover) : ''}</td>
                  <td class="num">{r.underCover > 0 ? agents(r.underCover) : ''}</td>
                  <td class="num">{agents(r.productiveAgents)}</td>
                  <td class="num">{r.volume > 0 ? pct(r.serviceLevel) : '–'}</td>
                  <td class="num">{r.volume > 0 ? (Number.isFinite(r.asaSeconds) ? num(r.asaSeconds, 0) : 'grows without limit: load exceeds agents') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  )
}

function RosterSection({ roster, agentCount, published }: { roster: Roster; agentCount: number; published: boolean }) {
  const weeks = roster.weeks.filter((w) => w.shifts.length > 0 || w.contractedHours > 0)
  return (
    <section id="roster" class="card">
      <h2>Roster{published ? ' (frozen when published)' : ''}</h2>
      {agentCount === 0 && !published ? <p class="notice" id="roster-no-agents">There are no agents yet: add agents (with this queue as a skill) on the <a href="/schedules">schedules page</a> to assign the shifts.</p> : null}
      <p class="muted">{roster.assignments.length} shifts assigned, {roster.unassigned.length} not assigned{weeks.some((w) => w.shortOfContract) ? `; ${weeks.filter((w) => w.shortOfContract).length} agent-week(s) under contracted hours (why: last column)` : ''}.</p>
      {weeks.length ? (
        <div id="roster-table">{[...new Set(weeks.map((w) => w.weekStart))].sort().map((weekStart, k) => {
          const rows = weeks.filter((w) => w.weekStart === weekStart)
          return (
            <DayFold dateKey={weekStart} open={k === 0} summary={`week: ${rows.length} agents · ${num(rows.reduce((h, w) => h + w.paidHours, 0), 1)} paid hours of ${num(rows.reduce((h, w) => h + w.contractedHours, 0), 1)} contracted`}>
              <table class="compact roster-rows">
                <thead><tr><th>Agent</th><th>Week of</th><th class="num">Contracted h</th><th class="num">Paid h</th><th class="num">Days</th><th class="num">Undesirable</th><th>Shifts</th><th>Under contract because</th></tr></thead>
                <tbody>{rows.map((w) => (
                  <tr>
                    <td>{w.agent}</td><td>{formatDate(w.weekStart)}</td><td class="num">{num(w.contractedHours, 1)}</td><td class="num">{num(w.paidHours, 1)}</td>
                    <td class="num">{w.daysWorked}</td><td class="num">{w.undesirableShifts}</td>
                    <td>{w.shifts.map((s) => `${localLabel(s.start).slice(0, 3)} ${spanLabel(s.start, s.end)}`).join(' · ') || '–'}</td>
                    <td class="muted short-of-contract">{w.shortOfContract ?? ''}</td>
                  </tr>
                ))}</tbody>
              </table>
            </DayFold>
          )
        })}</div>
      ) : null}
      {roster.unassigned.length ? (
        <details id="unassigned" open={roster.unassigned.length <= 20}>
          <summary>{roster.unassigned.length} shifts nobody can take</summary>
          <table class="compact">
            <thead><tr><th>Shift</th><th>Template</th><th>Why</th></tr></thead>
            <tbody>{roster.unassigned.slice(0, 500).map((u) => (
              <tr><td>{localLabel(u.shift.start)}–{u.shift.end.slice(11, 16)}</td><td>{u.shift.templateName}</td><td>{u.reason}</td></tr>
            ))}</tbody>
          </table>
          {roster.unassigned.length > 500 ? <p class="muted">… and {roster.unassigned.length - 500} more (all are in the CSV export).</p> : null}
        </details>
      ) : null}
    </section>
  )
}
