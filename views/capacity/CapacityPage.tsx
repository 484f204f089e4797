/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The /capacity screen for managers: saved long-range plans (open, copy, compare two), the plan form (queue,
 * horizon, demand and service assumptions, a scenario's assumptions, the headcount model), and a plan's result:
 * summary first, the weekly chart of required vs productive FTE with the forecast's 80% band, the hiring classes on
 * a timeline, the weekly table (folded after the first quarter) and the CSV export.
 */
import type { CapacityPlanResult, CapacityPlanWeek } from '../../src/planning/capacityPlan.ts'
import type { CapacityFormValues, SpecProblem } from '../../src/capacity/index.ts'
import { BandChart } from '../components/charts/BandChart.tsx'
import { fte, money, num, pct, signed } from './format.ts'
import { formatDate } from '../../src/format/dateTime.ts'

export interface PlanSummaryRow { id: number; name: string; queueName: string; weeksAhead: number; updatedBy: string; updatedAt: string; version: number }
export interface Option { id: number; label: string }

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** Where a new plan's headcount came from: the queue's agents (fromAgents), or a note that it has none. */
export interface StaffNote { text: string; fromAgents: boolean; queueId: number }

/** What the page says when the search stopped at its time budget before proving the count the fewest. */
function notProvenText(hires: number, lowerBound: number | undefined): string {
  const bound = Math.min(hires, lowerBound ?? 0)
  return ` (not proven the fewest: the search stopped at its time limit; no plan has fewer than ${bound} hires, so this is at most ${hires - bound} more than the fewest; every week it closes stays closed if no hire is removed, and removing any one opens a gap)`
}

export function CapacityPage({ plans, form, staffNote }: { plans: PlanSummaryRow[]; form: { values: CapacityFormValues; problems: SpecProblem[]; queues: Option[]; scenarios: Option[] }; staffNote?: StaffNote }) {
  return (
    <section id="capacity-page">
      <h1>Capacity: how many people to hire, and when</h1>
      <p class="muted">Weeks to 18 months ahead: the FTE each week needs (forecast from the queue's history, staffed interval by interval), the people you will have (attrition, training, ramp-up, planned hires, transfers, leave), and the fewest hires, in classes, that close the gaps.</p>
      <PlanList plans={plans} />
      <details open={plans.length === 0 || form.problems.length > 0}>
        <summary><strong>New capacity plan</strong></summary>
        {staffNote ? <StaffSource note={staffNote} queues={form.queues} /> : null}
        <CapacityForm action="/capacity" values={form.values} problems={form.problems} queues={form.queues} scenarios={form.scenarios} submitLabel="Save and compute" />
      </details>
    </section>
  )
}

/** The new plan's people, pre-filled from a queue's agents, and a plain GET form to start from another queue's. */
function StaffSource({ note, queues }: { note: StaffNote; queues: Option[] }) {
  return (
    <div id="capacity-staff-source">
      <p class={note.fromAgents ? 'notice' : 'notice warning'} role="status">{note.text}{note.fromAgents ? ' Headcount today and the groups below are pre-filled from them: change them if you plan otherwise.' : null}</p>
      {queues.length > 1 ? (
        <form method="get" action="/capacity" class="inline">
          <label><span>Start from another queue's agents </span>
            <select name="queue">{queues.map((q) => <option value={String(q.id)} selected={q.id === note.queueId}>{q.label}</option>)}</select>
          </label>
          <button type="submit">Pre-fill</button>
        </form>
      ) : null}
    </div>
  )
}

function PlanList({ plans }: { plans: PlanSummaryRow[] }) {
  if (!plans.length) return <p id="capacity-plans">No capacity plan saved yet: make one below.</p>
  return (
    <form id="capacity-plans" method="get" action="/capacity/compare">
      <table class="compare">
        <thead><tr><th>Compare</th><th>Plan</th><th>Queue</th><th>Weeks</th><th>Saved</th></tr></thead>
        <tbody>
          {plans.map((p) => (
            <tr>
              <td><input type="checkbox" name="id" value={String(p.id)} aria-label={`compare ${p.name}`} /></td>
              <td><a href={`/capacity/${p.id}`}>{p.name}</a></td>
              <td>{p.queueName}</td>
              <td>{p.weeksAhead}</td>
              <td class="muted">{p.updatedAt} by {p.updatedBy} (version {p.version})</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit">Compare the two ticked plans</button>
    </form>
  )
}

function Field({ name, label, values, problems, hint, type = 'text', step, min, max, required }: { name: string; label: string; values: CapacityFormValues; problems: SpecProblem[]; hint?: string; type?: string; step?: string; min?: string; max?: string; required?: boolean }) {
  const problem = problems.find((p) => p.field === name)
  return (
    <label class={problem ? 'field invalid' : 'field'}>
      <span>{label}</span>
      <input name={name} type={type} value={values[name] ?? ''} step={step} min={min} max={max} required={required} aria-invalid={problem ? 'true' : undefined} />
      {hint ? <small class="muted">{hint}</small> : null}
      {problem ? <small class="errors">{problem.message}</small> : null}
    </label>
  )
}

function Lines({ name, label, values, problems, hint }: { name: string; label: string; values: CapacityFormValues; problems: SpecProblem[]; hint: string }) {
  const problem = problems.find((p) => p.field === name)
  return (
    <label class={problem ? 'field invalid' : 'field'}>
      <span>{label}</span>
      <textarea name={name} rows={3}>{values[name] ?? ''}</textarea>
      <small class="muted">{hint}</small>
      {problem ? <small class="errors">{problem.message}</small> : null}
    </label>
  )
}

export function CapacityForm({ action, values, problems, queues, scenarios, submitLabel, version }: { action: string; values: CapacityFormValues; problems: SpecProblem[]; queues: Option[]; scenarios: Option[]; submitLabel: string; version?: number }) {
  const p = { values, problems }
  const unplaced = problems.filter((x) => !FORM_FIELDS.has(x.field))
  return (
    <form id="capacity-form" method="post" action={action} class="stack" hx-post={action} hx-target="#capacity-form" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
      {problems.length ? <div class="errors" role="alert"><p>Nothing was saved: {problems.length} problem{problems.length === 1 ? '' : 's'}.</p>{unplaced.length ? <ul>{unplaced.map((x) => <li>{x.message}</li>)}</ul> : null}</div> : null}
      {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
      <fieldset>
        <legend>Plan</legend>
        <Field name="name" label="Name" {...p} required />
        <label class="field"><span>Queue</span>
          <select name="queueId">{queues.map((q) => <option value={String(q.id)} selected={values.queueId === String(q.id)}>{q.label}</option>)}</select>
        </label>
        <Field name="weeksAhead" label="Weeks ahead" type="number" min="4" max="78" hint="4 to 78 (18 months)" {...p} />
        <label class="field"><span>Weeks start on</span>
          <select name="weekStartIsoWeekday">{WEEKDAYS.map((d, i) => <option value={String(i + 1)} selected={values.weekStartIsoWeekday === String(i + 1)}>{d}</option>)}</select>
        </label>
        <Field name="fromWeek" label="Close gaps from week" type="date" hint="empty: from the first week" {...p} />
        <label class="field"><span><input type="checkbox" name="recommend" checked={values.recommend !== ''} /> Recommend hires (the fewest, in classes)</span></label>
      </fieldset>
      <fieldset>
        <legend>Demand and service</legend>
        <label class="field"><span>Apply a scenario's assumptions</span>
          <select name="scenarioId"><option value="">none</option>{scenarios.map((s) => <option value={String(s.id)} selected={values.scenarioId === String(s.id)}>{s.label}</option>)}</select>
          <small class="muted">its volume and AHT changes, service level, threshold and shrinkage replace the fields below when saved</small>
        </label>
        <Field name="growthPercent" label="Growth per year (%)" type="number" step="any" hint="empty: from the history where it holds two years, else none" {...p} />
        <Field name="volumeChangePercent" label="Volume change (%)" type="number" step="any" {...p} />
        <Field name="ahtChangePercent" label="AHT change (%)" type="number" step="any" {...p} />
        <Field name="serviceLevelPercent" label="Service level target (%)" type="number" step="any" hint="empty: the queue's staffing settings" {...p} />
        <Field name="answerWithinSeconds" label="Answered within (seconds)" type="number" step="any" {...p} />
        <Field name="shrinkagePercent" label="Shrinkage (%)" type="number" step="any" {...p} />
      </fieldset>
      <fieldset>
        <legend>People</legend>
        <Field name="headcount" label="Headcount today" type="number" step="any" {...p} />
        <Field name="attritionMonthlyPercent" label="Attrition per month (%)" type="number" step="any" hint="weekly = 1 − (1 − monthly)^(12/52)" {...p} />
        <Field name="trainingWeeks" label="Training weeks" type="number" {...p} />
        <Field name="rampPercents" label="Ramp after training (% per week)" hint="e.g. 50, 75, 90; then 100%" {...p} />
        <Field name="hiringLeadWeeks" label="Hiring lead time (weeks)" type="number" {...p} />
        <Field name="classSizeMax" label="Largest class" type="number" {...p} />
        <Field name="minWeeksBetweenClasses" label="Weeks between classes" type="number" {...p} />
        <Lines name="plannedHires" label="Planned hires" hint="one per line: YYYY-MM-DD count (a week start)" {...p} />
        <Lines name="transfers" label="Transfers" hint="one per line: YYYY-MM-DD count (negative: out)" {...p} />
        <Lines name="leave" label="Planned leave" hint="one per line: YYYY-MM-DD FTE away" {...p} />
        <Lines name="groups" label="Groups (teams or skills)" hint="optional, one per line: NAME HEADCOUNT [share=%] [attrition=%] [class=N], e.g. Billing 12 share=30 attrition=4; each person in one group (headcount today = their sum); with groups, end each planned hire, transfer and leave line with its group" {...p} />
      </fieldset>
      <details>
        <summary>Cost</summary>
        <fieldset>
          <Field name="paidHoursPerWeek" label="Paid hours per person per week" type="number" step="any" {...p} />
          <Field name="costPerHour" label="Cost per hour" type="number" step="any" {...p} />
          <Field name="overtimeMaxPercent" label="Most overtime (% of productive FTE)" type="number" step="any" {...p} />
          <Field name="hiringCostPerHire" label="Hiring cost per hire" type="number" step="any" {...p} />
          <Field name="trainingCostPerHire" label="Training cost per hire" type="number" step="any" {...p} />
        </fieldset>
      </details>
      <button type="submit">{submitLabel}</button>
    </form>
  )
}

const FORM_FIELDS = new Set(['name', 'weeksAhead', 'fromWeek', 'growthPercent', 'volumeChangePercent', 'ahtChangePercent', 'serviceLevelPercent', 'answerWithinSeconds', 'shrinkagePercent', 'headcount', 'attritionMonthlyPercent', 'trainingWeeks', 'rampPercents', 'hiringLeadWeeks', 'classSizeMax', 'minWeeksBetweenClasses', 'plannedHires', 'transfers', 'leave', 'groups', 'paidHoursPerWeek', 'costPerHour', 'overtimeMaxPercent', 'hiringCostPerHire', 'trainingCostPerHire'])

export function CapacityPlanPage({ id, name, queueName, form, result, applied }: { id: number; name: string; queueName: string; form: { values: CapacityFormValues; problems: SpecProblem[]; queues: Option[]; scenarios: Option[]; version: number }; result: unknown; applied?: string }) {
  return (
    <section id="capacity-plan" data-plan-id={String(id)}>
      <p><a href="/capacity">← All capacity plans</a></p>
      <h1>{name}</h1>
      <p class="muted">Queue {queueName} · version {form.version}</p>
      {applied ? <p class="notice">{applied}</p> : null}
      <div class="actions" style="display:flex;flex-wrap:wrap;gap:.5rem;align-items:center">
        <a href={`/capacity/${id}/export.csv`} download>Export CSV</a>
        {form.values.groups?.trim() ? <a href={`/capacity/${id}/groups.csv`} download>Export CSV by group</a> : null}
        <form method="post" action={`/capacity/${id}/copy`} class="inline"><button type="submit">Copy</button></form>
        <form method="post" action={`/capacity/${id}/delete`} class="inline"><button type="submit">Delete</button></form>
      </div>
      {result}
      <details open={form.problems.length > 0}>
        <summary><strong>Change the plan</strong></summary>
        <CapacityForm action={`/capacity/${id}`} values={form.values} problems={form.problems} queues={form.queues} scenarios={form.scenarios} submitLabel="Save" version={form.version} />
      </details>
    </section>
  )
}

export function CapacityProgress({ planId, message }: { planId: number; message: string }) {
  return (
    <div id="capacity-result" class="progress" hx-get={`/capacity/${planId}/result`} hx-trigger="load delay:500ms" hx-swap="outerHTML">
      <p>Computing the plan… {message}</p>
      <progress />
      <noscript><p><a href={`/capacity/${planId}`}>Reload to see the result</a></p></noscript>
    </div>
  )
}

export function CapacityFailed({ message }: { message: string }) {
  return <div id="capacity-result" class="errors" role="alert"><p><strong>No plan:</strong> {message}</p></div>
}

function Summary({ plan }: { plan: CapacityPlanResult }) {
  const shortNow = plan.weeks.filter((w) => w.serviceLevelIfNothingDone !== null)
  const worst = shortNow.reduce<CapacityPlanWeek | null>((m, w) => (m === null || w.serviceLevelIfNothingDone! < m.serviceLevelIfNothingDone! ? w : m), null)
  const hires = plan.classes.reduce((s, c) => s + c.count, 0)
  const first = plan.weeks[0], last = plan.weeks[plan.weeks.length - 1]
  return (
    <div id="capacity-summary" class="summary">
      <p><strong>{plan.weeks.length} weeks</strong>, {formatDate(first.weekStart)} to {formatDate(last.weekStart)}: required {fte(Math.min(...plan.weeks.map((w) => w.requiredFte)))}–{fte(Math.max(...plan.weeks.map((w) => w.requiredFte)))} FTE{plan.serviceLevelTarget !== null ? ` for ${pct(plan.serviceLevelTarget)} answered within ${plan.answerWithinSeconds} s` : ''}.</p>
      <p>If nothing is done: <strong>{shortNow.length}</strong> week{shortNow.length === 1 ? '' : 's'} short{worst ? <> — the worst, {formatDate(worst.weekStart)}, would answer {pct(worst.serviceLevelIfNothingDone!)} in time ({fte(-worst.gapFteIfNothingDone)} FTE short)</> : null}.</p>
      {plan.groups.some((g) => g.weeksShortIfNothingDone) ? (
        <p id="capacity-groups-short">By group, if nothing is done: {plan.groups.filter((g) => g.weeksShortIfNothingDone).map((g) => `${g.name} short in ${g.weeksShortIfNothingDone} week${g.weeksShortIfNothingDone === 1 ? '' : 's'}`).join('; ')} (another group's surplus does not cover it).</p>
      ) : null}
      {plan.classes.length && plan.groups.length ? (
        <p id="capacity-recommendation">Hire <strong>{hires}</strong>, each group for its own weeks: {plan.groups.filter((g) => g.classes.length).map((g) => `${g.name} ${g.classes.map((c) => `${c.count} starting ${c.weekStart}`).join(', ')}`).join('; ')}{plan.proven ? ' (the fewest that close every week that can be closed, group by group)' : notProvenText(hires, plan.hiresLowerBound)}.</p>
      ) : plan.classes.length ? (
        <p id="capacity-recommendation">Hire <strong>{hires}</strong> in {plan.classes.length} class{plan.classes.length === 1 ? '' : 'es'}: {plan.classes.map((c) => `${c.count} starting ${c.weekStart}`).join('; ')}{plan.proven ? ' (the fewest that close every week that can be closed)' : notProvenText(hires, plan.hiresLowerBound)}.</p>
      ) : null}
      {plan.unclosable.length ? (
        <p class="errors">{plan.unclosable.length} week{plan.unclosable.length === 1 ? '' : 's'} cannot be closed by hiring: {plan.unclosable.slice(0, 6).map((u) => `${formatDate(u.weekStart)} (${fte(u.shortfallFte)} FTE short)`).join(', ')}{plan.unclosable.length > 6 ? ', …' : ''}. The first: {plan.unclosable[0].reason}. A larger class, a shorter lead time or overtime can help.</p>
      ) : null}
      {plan.shrink ? (
        <p id="capacity-shrink">To shrink those weeks as far as the hiring rules allow, add {plan.shrink.extra.reduce((s, c) => s + c.count, 0)} more: {plan.shrink.extra.map((c) => `${c.count} starting ${c.weekStart}`).join('; ')} — {fte(plan.shrink.shortfallAfter)} FTE-weeks short instead of {fte(plan.shrink.shortfallBefore)} (not the fewest: added week by week).</p>
      ) : null}
      <p>Cost over the plan: {money(plan.cost.cost)} ({num(plan.cost.paidHours)} paid hours, {num(plan.cost.overtimeHours)} overtime hours, {money(plan.cost.hiringCost)} hiring and training){plan.classes.length ? `; doing nothing: ${money(plan.costIfNothingDone.cost)} with ${num(plan.costIfNothingDone.shortfallFteWeeks)} FTE-weeks short` : ''}.</p>
      <details><summary>What the history supports</summary><ul>{plan.notes.map((n) => <li>{n}</li>)}</ul></details>
    </div>
  )
}

function weekTicks(weeks: readonly CapacityPlanWeek[]) {
  const every = Math.max(1, Math.ceil(weeks.length / 6))
  return weeks.flatMap((w, i) => (i % every === 0 ? [{ x: i, label: w.weekStart }] : []))
}

export function CapacityChart({ plan, id = 'capacity-chart' }: { plan: CapacityPlanResult; id?: string }) {
  const x = plan.weeks.map((_, i) => i)
  return (
    <BandChart
      id={id}
      title="FTE per week: required (80% band of the forecast) and productive"
      xTicks={weekTicks(plan.weeks)}
      bands={[{ name: 'required, 80% band', x, lower: plan.weeks.map((w) => w.requiredFteLo80), upper: plan.weeks.map((w) => w.requiredFteHi80) }]}
      lines={[
        { name: 'required FTE', x, y: plan.weeks.map((w) => w.requiredFte) },
        { name: 'productive FTE', x, y: plan.weeks.map((w) => w.productiveFte), className: 'line second' },
      ]}
      formatY={(v) => num(v)}
    />
  )
}

/** The hiring classes on a timeline: training (dark) then ramp (light), the class size inside; lanes never overlap. */
export function ClassTimeline({ plan, trainingWeeks, rampWeeks }: { plan: CapacityPlanResult; trainingWeeks: number; rampWeeks: number }) {
  const classes = plan.weeks.flatMap((w, i) => (w.hiresStarting > 0 ? [{ i, count: w.hiresStarting, recommended: w.recommendedHires, weekStart: w.weekStart }] : []))
  if (!classes.length) return <p id="capacity-classes" class="muted">No hiring class in this plan.</p>
  const width = 900, left = 56, right = 12, laneH = 22
  const n = plan.weeks.length
  const sx = (week: number) => left + (Math.min(week, n) / n) * (width - left - right)
  const lanes: number[] = []
  const placed = classes.map((c) => {
    const end = c.i + trainingWeeks + rampWeeks
    let lane = lanes.findIndex((until) => until <= c.i)
    if (lane < 0) { lane = lanes.length; lanes.push(0) }
    lanes[lane] = end + 1
    return { ...c, lane, end }
  })
  const height = 24 + lanes.length * laneH
  return (
    <figure class="chart" id="capacity-classes">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Hiring classes" preserveAspectRatio="xMidYMid meet">
        <title>Hiring classes</title>
        {weekTicks(plan.weeks).map((t) => <text x={sx(t.x)} y={height - 4} text-anchor="middle" class="tick">{t.label}</text>)}
        {placed.map((c) => (
          <g data-week={c.weekStart}>
            <rect x={sx(c.i)} y={4 + c.lane * laneH} width={Math.max(2, sx(c.i + trainingWeeks) - sx(c.i))} height={laneH - 6} style="fill:#1e3a8a" />
            <rect x={sx(c.i + trainingWeeks)} y={4 + c.lane * laneH} width={Math.max(0, sx(c.end) - sx(c.i + trainingWeeks))} height={laneH - 6} style="fill:#93c5fd" />
            <text x={sx(c.i) + 3} y={4 + c.lane * laneH + laneH - 10} class="tick" style="fill:#fff">{String(c.count)}</text>
            <title>{`${c.count} hires starting ${c.weekStart}${c.recommended ? ` (${c.recommended} recommended)` : ''}: ${trainingWeeks} weeks' training, ${rampWeeks} weeks' ramp`}</title>
          </g>
        ))}
      </svg>
      <figcaption>Hiring classes: training (dark), ramp-up (light); the number is the class size</figcaption>
    </figure>
  )
}

const FOLD_AFTER_WEEKS = 13

/** Teams or skill groups: each on its own (people, requirement share, weeks short, its own classes). */
export function CapacityGroups({ plan }: { plan: CapacityPlanResult }) {
  return (
    <div id="capacity-groups" class="table-scroll">
      <h3>By group</h3>
      <table class="compare">
        <thead><tr><th>Group</th><th>People today</th><th>Share of the requirement</th><th>Required FTE</th><th>Productive FTE, first → last week</th><th>Weeks short</th><th>Recommended hires</th><th>Cannot be closed</th></tr></thead>
        <tbody>{plan.groups.map((g) => {
          const first = g.weeks[0], last = g.weeks[g.weeks.length - 1]
          const required = g.weeks.map((w) => w.requiredFte)
          const short = g.weeks.filter((w) => w.gapFte < -1e-6).length
          const hires = g.classes.reduce((s, c) => s + c.count, 0)
          return (
            <tr class={short ? 'short' : ''}>
              <td>{g.name}</td>
              <td class="num">{fte(first.headcount)}</td>
              <td class="num">{pct(g.share)}{g.requirementRule === 'headcount' ? <small class="muted"> (by headcount)</small> : null}</td>
              <td class="num">{fte(Math.min(...required))}–{fte(Math.max(...required))}</td>
              <td class="num">{fte(first.productiveFte)} → {fte(last.productiveFte)}</td>
              <td class="num">{short}</td>
              <td>{hires ? `${hires}: ${g.classes.map((c) => `${c.count} from ${c.weekStart}`).join(', ')}` : '–'}</td>
              <td class="num">{g.unclosable.length || ''}</td>
            </tr>
          )
        })}</tbody>
      </table>
      <p class="muted">Each person is in one group; each group serves its share of every week's requirement and is hired for on its own (a surplus in one group does not cover another). The weekly table below is the sum of the groups.</p>
    </div>
  )
}

function WeekRow({ w }: { w: CapacityPlanWeek }) {
  return (
    <tr class={w.gapFte < -1e-6 ? 'short' : ''}>
      <td>{formatDate(w.weekStart)}</td>
      <td class="num">{num(w.volume)}</td>
      <td class="num">{num(w.ahtSeconds)}</td>
      <td class="num">{fte(w.requiredFte)} <small class="muted">({fte(w.requiredFteLo80)}–{fte(w.requiredFteHi80)})</small></td>
      <td class="num">{fte(w.headcount)}</td>
      <td class="num">{fte(w.productiveFte)}</td>
      <td class="num" style={w.gapFte < -1e-6 ? 'color:#b91c1c' : undefined}>{signed(w.gapFte)}</td>
      <td class="num">{w.hiresStarting ? num(w.hiresStarting) : ''}{w.recommendedHires ? ` (${w.recommendedHires} rec.)` : ''}</td>
      <td class="num">{fte(w.leavers)}</td>
      <td class="num">{w.serviceLevelIfNothingDone === null ? '' : pct(w.serviceLevelIfNothingDone)}</td>
      <td>{w.eventNames.join(', ')}</td>
    </tr>
  )
}

export function CapacityTable({ weeks }: { weeks: readonly CapacityPlanWeek[] }) {
  const head = <thead><tr><th>Week</th><th>Volume</th><th>AHT s</th><th>Required FTE (80%)</th><th>Headcount</th><th>Productive FTE</th><th>Gap FTE</th><th>Hires</th><th>Leavers</th><th>Service level if nothing is done</th><th>Events</th></tr></thead>
  return (
    <div id="capacity-table" class="table-scroll">
      <table class="compare">{head}<tbody>{weeks.slice(0, FOLD_AFTER_WEEKS).map((w) => <WeekRow w={w} />)}</tbody></table>
      {weeks.length > FOLD_AFTER_WEEKS ? (
        <details>
          <summary>The other {weeks.length - FOLD_AFTER_WEEKS} weeks</summary>
          <table class="compare">{head}<tbody>{weeks.slice(FOLD_AFTER_WEEKS).map((w) => <WeekRow w={w} />)}</tbody></table>
        </details>
      ) : null}
    </div>
  )
}

export function CapacityResult({ plan, trainingWeeks, rampWeeks }: { plan: CapacityPlanResult; trainingWeeks: number; rampWeeks: number }) {
  return (
    <div id="capacity-result">
      <Summary plan={plan} />
      <CapacityChart plan={plan} />
      <ClassTimeline plan={plan} trainingWeeks={trainingWeeks} rampWeeks={rampWeeks} />
      {plan.groups.length ? <CapacityGroups plan={plan} /> : null}
      <CapacityTable weeks={plan.weeks} />
      <details id="capacity-months">
        <summary>By month</summary>
        <table class="compare">
          <thead><tr><th>Month</th><th>Volume</th><th>Days in the plan</th><th>Mean required FTE</th></tr></thead>
          <tbody>{plan.months.map((m) => <tr><td>{m.month}</td><td class="num">{num(m.volume)}</td><td class="num">{m.days}</td><td class="num">{Number.isFinite(m.meanRequiredFte) ? fte(m.meanRequiredFte) : ''}</td></tr>)}</tbody>
        </table>
      </details>
    </div>
  )
}
