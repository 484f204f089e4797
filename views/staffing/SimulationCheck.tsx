/**
 * The simulation check of one day of the plan: a seeded discrete-event simulation with the plan's agents, reporting
 * the service level achieved (mean ± spread over runs) beside the steady-state formulas' expectation, and the
 * first-response times (P50/P90).
 */
import type { PlanDaySimulation, StaffingPlan } from '../../src/planning/staffingPlan.ts'
import { dayLabel, num, pct } from './format.ts'

export function SimulationForm({ queueId, plan, selectedDay }: { queueId: number; plan: StaffingPlan; selectedDay?: string }) {
  const busiest = plan.days.reduce((b, d) => (d.volume > b.volume ? d : b), plan.days[0])
  const chosen = selectedDay ?? busiest?.dateKey
  return (
    <form id="simulation-form" class="inline" method="get" action="/staffing" hx-get="/staffing/simulate" hx-target="#simulation-check" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
      <input type="hidden" name="queue" value={String(queueId)} />
      <input type="hidden" name="from" value={plan.fromDateKey} />
      <input type="hidden" name="to" value={plan.toDateKey} />
      <label>Day
        <select name="day">{plan.days.map((d) => <option value={d.dateKey} selected={d.dateKey === chosen}>{dayLabel(d.dateKey)}</option>)}</select>
      </label>
      <label>Runs<input type="number" name="runs" min="5" max="50" step="1" value="20" style="width: 6rem" /></label>
      <button type="submit" name="simulate" value="1">Simulate the day</button>
      <span class="muted">Seeded, so the same day gives the same answer. The agents simulated are the plan's agents required (after shrinkage is taken out).</span>
    </form>
  )
}

export function SimulationCheck({ check }: { check: PlanDaySimulation }) {
  const r = check.result
  const sl = r.serviceLevel
  return (
    <div id="simulation-check" class="card">
      <p><strong>{dayLabel(check.dateKey)}</strong>: {r.runs} simulated days, {num(r.offeredPerRun, 0)} contacts each on average.</p>
      <table>
        <tbody>
          <tr><th>Service level achieved (answered within {check.answerWithinSeconds} s)</th><td class="num" id="simulated-service-level">{pct(sl.mean)} ± {pct(sl.standardDeviation)}</td>
            <td class="muted">mean ± standard deviation over runs (error of the mean {pct(sl.standardError, 2)})</td></tr>
          <tr><th>Expected by the steady-state formulas</th><td class="num">{pct(check.expectedServiceLevel)}</td><td class="muted">volume-weighted over the day's intervals</td></tr>
          <tr><th>First response, median (P50)</th><td class="num" id="simulated-p50">{num(r.firstResponseSeconds.p50, 1)} s</td><td class="muted">wait until an agent took the contact, answered contacts</td></tr>
          <tr><th>First response, P90</th><td class="num" id="simulated-p90">{num(r.firstResponseSeconds.p90, 1)} s</td><td></td></tr>
          <tr><th>ASA</th><td class="num">{num(r.asaSeconds.mean, 1)} s</td><td></td></tr>
          <tr><th>Abandonment</th><td class="num">{pct(r.abandonFraction.mean)}</td><td></td></tr>
        </tbody>
      </table>
      {check.expectedServiceLevel !== null && sl.mean < check.expectedServiceLevel - 2 * Math.max(sl.standardError, 1e-9)
        ? <p class="warning">The simulated day falls short of the formulas: the steady-state model is optimistic here (short intervals, queues carried over from peaks). Consider staffing at a quantile or adding agents at the peaks.</p>
        : <p class="success">The simulation confirms the plan within its spread.</p>}
    </div>
  )
}
