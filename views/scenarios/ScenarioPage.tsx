/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * One scenario: its inputs (OverridesForm) and, side by side with its baseline, the comparison that follows them
 * (ComparisonSection), the sweep, the exports, and rename / copy / delete / promote.
 */
import { formatDate } from '../../src/format/dateTime.ts'
import type { Child } from 'hono/jsx'
import type { BaselineRecord, ScenarioRecord } from '../../src/db/scenarios.ts'
import { Layout } from '../Layout.tsx'
import { whenLabel } from './format.ts'

export function ScenarioExports({ scenarioId }: { scenarioId: number }) {
  return (
    <p id="scenario-exports">Download the scenario's plan and its difference from the baseline:{' '}
      <a id="export-intervals" href={`/scenarios/${scenarioId}/export.csv`}>per interval (CSV)</a> ·{' '}
      <a href={`/scenarios/${scenarioId}/export.csv?by=day`}>per day</a> · <a href={`/scenarios/${scenarioId}/export.csv?by=week`}>per week</a>
      <span class="muted"> (the saved inputs)</span>
    </p>
  )
}

/** The form and the comparison: what htmx swaps after a save. */
export function ScenarioWorkspace({ form, comparison }: { form: Child; comparison: Child }) {
  return <div id="scenario-workspace">{form}{comparison}</div>
}

export function ScenarioActions({ scenario }: { scenario: ScenarioRecord }) {
  const version = <input type="hidden" name="version" value={String(scenario.version)} />
  return (
    <div id="scenario-actions" class="card" style="display: flex; gap: 1rem; flex-wrap: wrap; align-items: end">
      <form method="post" action={`/scenarios/${scenario.id}/rename`} style="display: flex; gap: .4rem; align-items: end">
        {version}<label class="field">Name <input type="text" name="name" value={scenario.name} /></label><button type="submit">Rename</button>
      </form>
      <form method="post" action={`/scenarios/${scenario.id}/copy`}><button type="submit">Copy</button></form>
      <form method="post" action={`/scenarios/${scenario.id}/promote`} style="display: flex; gap: .4rem; align-items: end">
        <label class="field">Made by <input type="text" name="madeBy" value="manager" style="width: 8rem" /></label>
        <button type="submit" title="Store this scenario's plan as the next version of the baseline; the older versions stay">Promote to a new baseline version</button>
      </form>
      <form method="post" action={`/scenarios/${scenario.id}/delete`}>{version}<button type="submit" class="danger">Delete</button></form>
    </div>
  )
}

export interface ScenarioPageProps {
  scenario: ScenarioRecord
  baseline: BaselineRecord
  workspace: Child
  sweep: Child
  message?: string
  /** Why a rename, copy, delete or promotion was refused. */
  error?: string
}

export function ScenarioPage({ scenario, baseline, workspace, sweep, message, error }: ScenarioPageProps) {
  return (
    <Layout title={scenario.name} active="/scenarios">
      <p><a href="/scenarios">← Scenarios</a> · baseline <a href={`/scenarios/baselines/${baseline.id}`}>{baseline.name} v{baseline.version}</a> ({baseline.queueName}, {formatDate(baseline.fromDateKey)} to {formatDate(baseline.toDateKey)})</p>
      <h1 id="scenario-name">{scenario.name}</h1>
      <p class="muted">Made by {scenario.createdBy} {whenLabel(scenario.createdAtMs)} · last saved by {scenario.updatedBy} {whenLabel(scenario.updatedAtMs)} (version {scenario.version})</p>
      {message ? <p class="success" id="scenario-message">{message}</p> : null}
      {error ? <p class="errors" role="alert" id="scenario-action-error">{error}</p> : null}
      <ScenarioActions scenario={scenario} />
      <ScenarioExports scenarioId={scenario.id} />
      {workspace}
      <section class="card" id="scenario-sweep">
        <h2 style="margin-top: 0">Sweep one input</h2>
        <p class="muted">Plans the scenario at each value of one input (with the other inputs as in the form) and draws cost and service against it, so you see where the cost of service climbs.</p>
        {sweep}
      </section>
    </Layout>
  )
}
