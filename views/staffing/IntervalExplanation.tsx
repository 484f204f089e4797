/**
 * "Explain this interval": forecast volume (and the quantile staffed at) and AHT → workload in erlangs → agents for
 * the targets, with the model, the binding constraint and what one agent fewer would give → shrinkage → scheduled.
 */
import type { PlanIntervalExplanation, StaffingPlan } from '../../src/planning/staffingPlan.ts'
import type { ServiceMeasures } from '../../src/staffing/index.ts'
import { constraintNames, intervalLabel, num, pct } from './format.ts'

function measuresText(m: ServiceMeasures, withAbandon: boolean): string {
  if (!m.stable) return 'the queue would grow without end (too few agents for the load)'
  return `service level ${pct(m.serviceLevel)}, ASA ${num(m.asaSeconds, 1)} s, occupancy ${pct(m.occupancy, 0)}${withAbandon ? `, abandonment ${pct(m.abandonFraction)}` : ''}`
}

function modelText(plan: StaffingPlan): string {
  const m = plan.model
  if (m.kind === 'erlang_c') return 'Erlang C (M/M/N, nobody abandons)'
  if (m.kind === 'erlang_a') return `Erlang A (M/M/N+M, mean patience ${m.meanPatienceSeconds} s)`
  return `the load-balanced chat chain (k = ${m.maxConcurrency} chats per agent, each slower by α = ${m.slowdownAlpha} per extra chat held)`
}

export function IntervalExplanation({ plan, e }: { plan: StaffingPlan; e: PlanIntervalExplanation }) {
  const i = e.interval
  const x = e.explanation
  const withAbandon = plan.model.kind === 'erlang_a'
  const intervalSeconds = plan.intervalMinutes * 60
  return (
    <section id="interval-explanation" class="card">
      <h3 style="margin-top: 0">How {intervalLabel(i.startMs, plan.timeZone)} ({plan.timeZone}) is staffed</h3>
      <ol>
        <li>Forecast: <strong>{num(i.volume, 2)} contacts</strong> in the {plan.intervalMinutes} minutes (80% interval up to {num(i.volumeP90, 1)}, 95% up to {num(i.volumeP975, 1)}).
          {e.staffAtQuantile === null ? ' Staffed at the mean.' : <> Staffed at P{Math.round(e.staffAtQuantile * 100)}: <strong>{num(i.staffedVolume, 2)} contacts</strong>.</>}
          {' '}AHT <strong>{num(i.ahtSeconds, 1)} s</strong>{plan.aht.kind === 'constant' ? ' (a constant: the history has no handle times)' : plan.aht.kind === 'override' ? ' (override)' : ''}.</li>
        <li>Workload: {num(i.staffedVolume, 2)} × {num(i.ahtSeconds, 1)} s ÷ {intervalSeconds} s = <strong id="explain-erlangs">{num(x.workload.erlangs, 3)} erlangs</strong>
          {e.staffAtQuantile !== null ? <> (at the mean volume: {num(i.workloadErlangs, 3)} erlangs)</> : null}.</li>
        <li>Agents for the targets with {modelText(plan)}: <strong id="explain-required">{x.required.agents} agents</strong>, bound by <strong>{constraintNames(x.required.bindingConstraints)}</strong>.
          With them: {measuresText(x.required.achieved, withAbandon)}.
          {x.required.withOneFewer ? <> With one fewer ({x.required.agents - 1}): {measuresText(x.required.withOneFewer, withAbandon)}, which misses the target.</> : ' No agents are needed.'}</li>
        <li>Shrinkage {pct(x.shrinkage.fraction, 0)}: {x.required.agents} ÷ (1 − {num(x.shrinkage.fraction, 2)}) = {num(x.shrinkage.scheduledExact, 2)} agents scheduled (this fraction is what the day totals add up).</li>
        <li>Scheduled in the interval: <strong id="explain-scheduled">{x.scheduled.agents} agents</strong> (rounded up).</li>
      </ol>
      <p class="muted">At the mean forecast these agents give {measuresText({ agents: i.agentsRequired, stable: true, waitProbability: 0, serviceLevel: i.expectedServiceLevel, asaSeconds: i.expectedAsaSeconds, abandonFraction: i.expectedAbandonFraction, occupancy: i.expectedOccupancy }, withAbandon)}
        {i.slaMissProbability !== null ? <>; the chance that the volume is high enough to miss a target is {pct(i.slaMissProbability, 0)}</> : null}.</p>
      {e.shortcuts ? (
        <p>Shortcuts for this interval: k slots per agent would staff {e.shortcuts.slotsAgents} (service level under the chain {pct(e.shortcuts.slotsServiceLevel)}); AHT ÷ k would staff {e.shortcuts.dividedAhtAgents} ({pct(e.shortcuts.dividedAhtServiceLevel)}).</p>
      ) : null}
    </section>
  )
}
