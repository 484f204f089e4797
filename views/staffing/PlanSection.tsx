/**
 * The computed staffing plan of a queue: where the AHT comes from, the totals, the chart, the per-day and
 * per-interval tables (each interval explains itself on click), the chat shortcuts, the simulation check and the
 * CSV export. `#staffing-plan` is the element the progress fragment replaces.
 */
import { ModelName } from '../components/ModelName.tsx'
import { DayFold } from '../components/Fold.tsx'
import type { Child } from 'hono/jsx'
import type { PlanDay, ShortcutComparison, StaffingPlan } from '../../src/planning/staffingPlan.ts'
import { formatLocalIso, formatOffset } from '../../src/time/zones.ts'
import { formatShortDayLabel, formatDate } from '../../src/format/dateTime.ts'
import { StaffingChart } from './StaffingChart.tsx'
import { ShortcutComparisonPanel } from './ShortcutComparison.tsx'
import { SimulationForm } from './SimulationCheck.tsx'
import { calendarNote, constraintNames, dayLabel, intervalLabel, num, pct, staffingHref } from './format.ts'

export interface PlanSectionProps {
  plan: StaffingPlan
  queueId: number
  shortcuts: ShortcutComparison | null
  /** Already rendered explanation / simulation (pages without JavaScript); empty placeholders otherwise. */
  explanation?: Child
  simulation?: Child
}

function modelLabel(plan: StaffingPlan): string {
  const m = plan.model
  if (m.kind === 'erlang_c') return 'Erlang C'
  if (m.kind === 'erlang_a') return `Erlang A (mean patience ${m.meanPatienceSeconds} s)`
  return `chat concurrency (k = ${m.maxConcurrency}, α = ${m.slowdownAlpha}, load-balanced chain)`
}

function targetsLabel(plan: StaffingPlan): string {
  const t = plan.targets
  return [
    t.serviceLevelTarget != null ? `${pct(t.serviceLevelTarget, 0)} answered within ${t.answerWithinSeconds} s` : null,
    t.asaTargetSeconds != null ? `ASA ≤ ${t.asaTargetSeconds} s` : null,
    t.maxOccupancy != null ? `occupancy ≤ ${pct(t.maxOccupancy, 0)}` : null,
    t.maxAbandonFraction != null ? `abandonment ≤ ${pct(t.maxAbandonFraction, 0)}` : null,
  ].filter(Boolean).join(', ')
}

export function AhtNotice({ plan }: { plan: StaffingPlan }) {
  const a = plan.aht
  if (a.kind === 'constant') {
    return (
      <p class="warning" id="aht-notice">
        <strong>AHT is an assumption here, not data:</strong> {a.reason}, so every interval uses a constant AHT of <strong>{num(a.seconds, 0)} s</strong>.
        The agents below scale with it. If you know this queue's handle time, enter it as <em>AHT override</em> in the settings.
      </p>
    )
  }
  if (a.kind === 'override') return <p class="notice" id="aht-notice">AHT override: every interval uses <strong>{num(a.seconds, 0)} s</strong> (the forecast AHT is not used).</p>
  return <p class="muted" id="aht-notice">AHT forecast per interval from the history (<ModelName name={a.model} />).</p>
}

export function PlanSection({ plan, queueId, shortcuts, explanation, simulation }: PlanSectionProps) {
  const t = plan.totals
  const listed = plan.intervals.filter((i) => i.volume > 0 || i.agentsRequired > 0)
  const staffAt = plan.settings.staffAtQuantile === null ? 'the mean forecast' : `P${Math.round(plan.settings.staffAtQuantile * 100)} of the forecast`
  const dayStarts = plan.days.map((d) => ({ index: plan.intervals.findIndex((i) => i.dateKey === d.dateKey), label: formatShortDayLabel(d.dateKey) }))
  return (
    <section id="staffing-plan">
      <p>
        <strong>{plan.queueName}</strong>, {formatDate(plan.fromDateKey)} to {formatDate(plan.toDateKey)}, {plan.intervalMinutes}-minute intervals in <strong>{plan.timeZone}</strong> time.
        Targets: {targetsLabel(plan)}; model: {modelLabel(plan)}; staffed at {staffAt}; shrinkage {pct(plan.settings.shrinkageFraction, 0)}. Volume forecast: <ModelName name={plan.volumeModel} />.
      </p>
      <AhtNotice plan={plan} />
      {plan.dateHours?.length ? (
        <p id="plan-calendar" class="notice">
          Calendar per date: {plan.dateHours.map((d) => `${formatDate(d.dateKey)} ${calendarNote(d)}`).join('; ')}. No agent is needed while these dates are closed
          (public holidays close their dates automatically; dates set by hand win: <a href="/schedules/dates">calendar per date</a>).
        </p>
      ) : null}
      <div class="stats">
        <div class="stat"><div class="value" id="plan-volume">{num(t.volume, 0)}</div><div class="label">Contacts forecast</div></div>
        <div class="stat"><div class="value" id="plan-workload-hours">{num(t.workloadErlangHours, 1)}</div><div class="label">Workload (erlang-hours)</div></div>
        <div class="stat"><div class="value" id="plan-required-hours">{num(t.requiredAgentHours, 1)}</div><div class="label">Agent-hours required</div></div>
        <div class="stat"><div class="value" id="plan-scheduled-hours">{num(t.scheduledAgentHours, 1)}</div><div class="label">Agent-hours scheduled (fractional heads, what shifts are planned for; <span id="plan-scheduled-whole-hours">{num(t.scheduledWholeAgentHours, 1)}</span> with whole agents per interval, as in the table and CSV)</div></div>
        <div class="stat"><div class="value" id="plan-fte">{num(t.fte, 1)}</div><div class="label">FTE-days ({plan.settings.hoursPerFte} h each)</div></div>
        <div class="stat"><div class="value" id="plan-peak">{t.peakAgentsRequired} / {t.peakAgentsScheduled}</div><div class="label">Peak agents required / scheduled</div></div>
        <div class="stat"><div class="value" id="plan-service-level">{pct(t.expectedServiceLevel)}</div><div class="label">Expected service level (volume-weighted)</div></div>
      </div>
      <StaffingChart
        title={`Forecast volume, agents required and scheduled per ${plan.intervalMinutes}-minute interval (${plan.timeZone})`}
        intervalLabels={plan.intervals.map((i) => intervalLabel(i.startMs, plan.timeZone))}
        dayStarts={dayStarts}
        volume={plan.intervals.map((i) => i.volume)}
        required={plan.intervals.map((i) => i.agentsRequired)}
        scheduled={plan.intervals.map((i) => i.agentsScheduled)}
      />
      <p><a class="button" id="export-csv" href={staffingHref('/export.csv', queueId, plan.fromDateKey, plan.toDateKey)} download>Export CSV</a>{' '}
        <span class="muted">interval_start is local {plan.timeZone} time with its UTC offset (e.g. {plan.intervals.length ? exampleStart(plan) : ''}); the service level is a fraction.</span></p>
      <h2>Per day</h2>
      <DayTable days={plan.days} totals={t} hoursPerFte={plan.settings.hoursPerFte} />
      {shortcuts ? <ShortcutComparisonPanel comparison={shortcuts} plan={plan} /> : null}
      <h2>Simulation check</h2>
      <SimulationForm queueId={queueId} plan={plan} />
      {simulation ?? <div id="simulation-check"></div>}
      <h2>Per interval</h2>
      {explanation ?? <div id="interval-explanation"></div>}
      <p class="muted">Click an interval to see how its number is made. {plan.intervals.length - listed.length} intervals with no forecast volume (closed) need no agents and are left out of this table; the CSV has every interval.</p>
      <RequirementTable plan={plan} queueId={queueId} rows={listed} />
    </section>
  )
}

/** The first open interval's start as the CSV writes it: local time with its UTC offset. */
function exampleStart(plan: StaffingPlan): string {
  const first = plan.intervals.find((i) => i.volume > 0) ?? plan.intervals[0]
  return formatLocalIso(first.startMs, plan.timeZone) + formatOffset(first.startMs, plan.timeZone)
}

export function DayTable({ days, totals, hoursPerFte }: { days: PlanDay[]; totals: StaffingPlan['totals']; hoursPerFte: number }) {
  return (
    <table id="day-table">
      <thead>
        <tr>
          <th>Day</th><th class="num">Forecast contacts</th><th class="num">Workload (erlang-h)</th><th class="num">Agent-hours required</th>
          <th class="num">Agent-hours scheduled</th><th class="num">FTE ({hoursPerFte} h)</th><th class="num">Peak required</th><th class="num">Peak scheduled</th><th class="num">Expected service level</th><th class="num">Expected ASA (s)</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr data-day={d.dateKey}>
            <td>{dayLabel(d.dateKey)}{d.calendar ? <><br /><small class="calendar-note" data-calendar={d.calendar.closed ? 'closed' : 'short'}>{calendarNote(d.calendar)} (<a href="/schedules/dates">calendar per date</a>)</small></> : null}</td><td class="num">{num(d.volume, 0)}</td><td class="num">{num(d.workloadErlangHours, 1)}</td><td class="num">{num(d.requiredAgentHours, 1)}</td>
            <td class="num">{num(d.scheduledAgentHours, 1)}</td><td class="num">{num(d.fte, 2)}</td><td class="num">{d.peakAgentsRequired}</td><td class="num">{d.peakAgentsScheduled}</td>
            <td class="num">{pct(d.expectedServiceLevel)}</td><td class="num">{num(d.expectedAsaSeconds, 1)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>Total</th><th class="num">{num(totals.volume, 0)}</th><th class="num">{num(totals.workloadErlangHours, 1)}</th><th class="num">{num(totals.requiredAgentHours, 1)}</th>
          <th class="num">{num(totals.scheduledAgentHours, 1)}</th><th class="num">{num(totals.fte, 2)}</th><th class="num">{totals.peakAgentsRequired}</th><th class="num">{totals.peakAgentsScheduled}</th>
          <th class="num">{pct(totals.expectedServiceLevel)}</th><th class="num">{num(totals.expectedAsaSeconds, 1)}</th>
        </tr>
      </tfoot>
    </table>
  )
}

/**
 * The interval table a day at a time (a month of intervals is thousands of rows): each day folded under a summary
 * line, the first day open. Works without JavaScript.
 */
export function RequirementTable({ plan, queueId, rows }: { plan: StaffingPlan; queueId: number; rows: StaffingPlan['intervals'] }) {
  const byDay = new Map<string, StaffingPlan['intervals']>()
  for (const r of rows) byDay.set(r.dateKey, [...(byDay.get(r.dateKey) ?? []), r])
  const days = plan.days.filter((d) => byDay.has(d.dateKey))
  return (
    <div id="requirement-table">
      {days.map((d, k) => {
        const dayRows = byDay.get(d.dateKey)!
        return (
          <DayFold dateKey={d.dateKey} open={k === 0} summary={`${d.calendar ? calendarNote(d.calendar) + ' · ' : ''}${num(d.volume, 0)} contacts · ${num(d.requiredAgentHours, 1)} agent-hours required · peak ${d.peakAgentsRequired} agents · ${dayRows.length} intervals`}>
            <IntervalRows plan={plan} queueId={queueId} rows={dayRows} />
          </DayFold>
        )
      })}
    </div>
  )
}

function IntervalRows({ plan, queueId, rows }: { plan: StaffingPlan; queueId: number; rows: StaffingPlan['intervals'] }) {
  const withAbandon = plan.model.kind === 'erlang_a'
  const withMiss = rows.some((r) => r.slaMissProbability !== null)
  return (
    <table class="requirement-rows">
      <thead>
        <tr>
          <th>Interval ({plan.timeZone})</th><th class="num">Forecast volume</th><th class="num">P90 volume</th><th class="num">AHT (s)</th><th class="num">Workload (erlangs)</th>
          <th class="num">Agents required</th><th class="num">Agents scheduled</th><th class="num">Expected service level</th><th class="num">Expected ASA (s)</th>
          {withAbandon ? <th class="num">Abandonment</th> : null}<th class="num">Occupancy</th>{withMiss ? <th class="num">Chance of missing the SLA</th> : null}<th>Binding</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr data-start={String(r.startMs)}>
            <td><a href={staffingHref('', queueId, plan.fromDateKey, plan.toDateKey, { explain: String(r.startMs) }) + '#interval-explanation'}
              hx-get={staffingHref('/explain', queueId, plan.fromDateKey, plan.toDateKey, { start: String(r.startMs) })} hx-target="#interval-explanation" hx-swap="outerHTML">{intervalLabel(r.startMs, plan.timeZone)}</a></td>
            <td class="num">{num(r.volume, 1)}</td><td class="num">{num(r.volumeP90, 1)}</td><td class="num">{num(r.ahtSeconds, 0)}</td><td class="num">{num(r.workloadErlangs, 2)}</td>
            <td class="num agents-required">{r.agentsRequired}</td><td class="num agents-scheduled">{r.agentsScheduled}</td><td class="num">{pct(r.expectedServiceLevel)}</td><td class="num">{num(r.expectedAsaSeconds, 1)}</td>
            {withAbandon ? <td class="num">{pct(r.expectedAbandonFraction)}</td> : null}<td class="num">{pct(r.expectedOccupancy, 0)}</td>
            {withMiss ? <td class="num">{pct(r.slaMissProbability, 0)}</td> : null}<td>{constraintNames(r.bindingConstraints)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
