/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * One baseline: what was frozen (forecast, settings, events, schedule, cost) and its plan's totals, its versions,
 * its scenarios (open, compare several) and the form that starts a new scenario.
 */
import { formatDate } from '../../src/format/dateTime.ts'
import type { BaselineRecord, BaselineSummary, ScenarioRecord } from '../../src/db/scenarios.ts'
import type { PeriodFigures } from '../../src/scenarios/compare.ts'
import { Layout } from '../Layout.tsx'
import { FIGURES, pct, whenLabel } from './format.ts'

export function BaselineFacts({ baseline }: { baseline: BaselineRecord }) {
  const { inputs } = baseline
  const s = inputs.settings
  const model = s.modelKind === 'chat' ? `chat concurrency (k = ${s.maxConcurrency}, α = ${s.slowdownAlpha})` : s.modelKind === 'erlang_a' ? `Erlang A (patience ${s.meanPatienceSeconds} s)` : 'Erlang C'
  const targets = [
    s.serviceLevelTarget !== null ? `${pct(s.serviceLevelTarget, 0)} answered within ${s.answerWithinSeconds} s` : null,
    s.asaTargetSeconds !== null ? `ASA ≤ ${s.asaTargetSeconds} s` : null,
    s.maxOccupancy !== null ? `occupancy ≤ ${pct(s.maxOccupancy, 0)}` : null,
    s.modelKind === 'erlang_a' && s.maxAbandonFraction !== null ? `abandonment ≤ ${pct(s.maxAbandonFraction, 0)}` : null,
  ].filter(Boolean).join(', ')
  return (
    <dl id="baseline-facts" class="card" style="display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem">
      <dt>Queue</dt><dd>{baseline.queueName} ({baseline.timeZone}), {inputs.intervalMinutes}-minute intervals</dd>
      <dt>Days</dt><dd>{formatDate(baseline.fromDateKey)} to {formatDate(baseline.toDateKey)}</dd>
      <dt>Forecast</dt><dd>{inputs.forecastSource}</dd>
      <dt>Targets</dt><dd>{targets} · {model}</dd>
      <dt>Shrinkage</dt><dd>{pct(s.shrinkageFraction, 0)} · {s.hoursPerFte} paid hours per FTE a day · cost {inputs.costPerHour} per paid hour</dd>
      <dt>Events</dt><dd>{inputs.events.length ? inputs.events.map((e) => `${e.name} (${e.kind === 'multiplier' ? '×' + e.value : '+' + e.value + ' a day'})`).join(', ') : 'none'}</dd>
      <dt>Schedule</dt><dd>{inputs.coverage?.source ?? 'none published for these days: agents scheduled are the requirement after shrinkage'}</dd>
      <dt>Made</dt><dd>by {baseline.createdBy}, {whenLabel(baseline.createdAtMs)}{baseline.promotedFromScenarioId !== null ? ` (promoted from scenario #${baseline.promotedFromScenarioId})` : ''}</dd>
    </dl>
  )
}

export interface BaselinePageProps {
  baseline: BaselineRecord
  totals: PeriodFigures
  versions: BaselineSummary[]
  scenarios: ScenarioRecord[]
  errors?: string[]
  values?: { name: string; madeBy: string }
}

export function BaselinePage({ baseline, totals, versions, scenarios, errors = [], values = { name: '', madeBy: 'manager' } }: BaselinePageProps) {
  return (
    <Layout title={`${baseline.name} v${baseline.version}`} active="/scenarios">
      <p><a href="/scenarios">← Scenarios</a></p>
      <h1>{baseline.name} <span class="badge">v{baseline.version}</span></h1>
      <BaselineFacts baseline={baseline} />
      <h2>The frozen plan</h2>
      <table id="baseline-totals">
        <tbody>{FIGURES.map((f) => <tr><th scope="row">{f.label}</th><td>{f.show(totals[f.name])}</td></tr>)}</tbody>
      </table>
      <p><a href={`/scenarios/baselines/${baseline.id}/export.csv`}>Download the frozen plan (CSV)</a></p>
      {versions.length > 1 ? (
        <p id="baseline-versions">Versions: {versions.map((v) => (v.id === baseline.id ? <strong>v{v.version} </strong> : <a href={`/scenarios/baselines/${v.id}`}>v{v.version} </a>))}</p>
      ) : null}
      <h2>Scenarios</h2>
      {scenarios.length ? (
        <form method="get" action="/scenarios/compare" id="scenario-list">
          <input type="hidden" name="baseline" value={String(baseline.id)} />
          <table>
            <thead><tr><th>Compare</th><th>Scenario</th><th>Made by</th><th>Last saved</th></tr></thead>
            <tbody>{scenarios.map((s) => (
              <tr><td><input type="checkbox" name="s" value={String(s.id)} checked /></td><td><a href={`/scenarios/${s.id}`}>{s.name}</a></td><td>{s.createdBy}</td><td>{whenLabel(s.updatedAtMs)} by {s.updatedBy}</td></tr>
            ))}</tbody>
          </table>
          <button type="submit">Compare the ticked scenarios</button>
        </form>
      ) : <p class="muted" id="scenario-list">No scenario of this baseline yet.</p>}
      <form id="new-scenario-form" class="card" method="post" action="/scenarios">
        <h3 style="margin-top: 0">New scenario</h3>
        {errors.length ? <div class="errors" role="alert" id="new-scenario-errors"><ul>{errors.map((e) => <li>{e}</li>)}</ul></div> : null}
        <input type="hidden" name="baseline" value={String(baseline.id)} />
        <div style="display: flex; gap: .8rem; align-items: end; flex-wrap: wrap">
          <label class="field">Name <input type="text" name="name" value={values.name} placeholder="e.g. Volume +15% in November" /></label>
          <label class="field">Made by <input type="text" name="madeBy" value={values.madeBy} style="width: 9rem" /></label>
          <button type="submit">Create scenario</button>
        </div>
      </form>
    </Layout>
  )
}
