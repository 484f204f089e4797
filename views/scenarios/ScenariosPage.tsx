/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The scenarios home: the baselines (frozen plans, by name and version) with their scenarios, and the form that
 * freezes the plan in force of a queue as a new baseline (a background job with progress: a forecast may be needed).
 */
import { formatDate } from '../../src/format/dateTime.ts'
import { DateInput } from '../components/DateInput.tsx'
import { raw } from 'hono/html'
import type { Queue } from '../../src/db/schema.ts'
import type { BaselineSummary } from '../../src/db/scenarios.ts'
import { Layout } from '../Layout.tsx'
import { whenLabel } from './format.ts'

export interface FreezeFormValues { queue: string; from: string; to: string; name: string; costPerHour: string; madeBy: string }

export function FreezeForm({ queues, values, errors = [] }: { queues: Queue[]; values: FreezeFormValues; errors?: string[] }) {
  return (
    <form id="freeze-form" class="card" method="post" action="/scenarios/baselines" hx-post="/scenarios/baselines" hx-target="#freeze-form" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
      <h2 style="margin-top: 0">Freeze the plan in force as a baseline</h2>
      <p class="muted">Takes the queue's published forecast for these days (or forecasts them now), its events, its staffing settings and its published schedule, and keeps a copy that scenarios are compared with. Freezing the same name again makes its next version.</p>
      {errors.length ? <div class="errors" id="freeze-form-errors" role="alert"><ul>{errors.map((e) => <li>{e}</li>)}</ul></div> : null}
      <div style="display: flex; gap: .8rem; flex-wrap: wrap; align-items: end">
        <label class="field">Queue
          <select name="queue">{queues.map((q) => <option value={String(q.id)} selected={values.queue === String(q.id)}>{q.name} ({q.timeZone})</option>)}</select>
        </label>
        <label class="field">From <DateInput name="from" value={values.from} /></label>
        <label class="field">To <DateInput name="to" value={values.to} /></label>
        <label class="field">Name <input type="text" name="name" value={values.name} placeholder="e.g. November plan" /></label>
        <label class="field">Cost per paid agent-hour <input type="text" inputmode="decimal" name="costPerHour" value={values.costPerHour} style="width: 6rem" /></label>
        <label class="field">Made by <input type="text" name="madeBy" value={values.madeBy} style="width: 9rem" /></label>
        <button type="submit">Freeze baseline</button>
      </div>
    </form>
  )
}

/** The freeze job while it runs (self-replacing with htmx; refreshing itself without JavaScript). */
export function FreezeProgress({ jobId, fraction, message, inPage = false }: { jobId: string; fraction: number; message: string; inPage?: boolean }) {
  return (
    <div id="freeze-form" class="card progress" hx-get={`/scenarios/baselines/jobs/${jobId}`} hx-trigger="load delay:700ms" hx-swap="outerHTML">
      <p>Freezing the plan in force… {message}</p>
      <progress max="1" value={String(fraction)}>{Math.round(fraction * 100)}%</progress>
      {inPage ? <noscript>{raw('<meta http-equiv="refresh" content="1">')}</noscript> : null}
    </div>
  )
}

export function BaselineList({ baselines, scenarioCounts }: { baselines: BaselineSummary[]; scenarioCounts: Map<number, number> }) {
  if (!baselines.length) return <p class="notice" id="baseline-list">No baseline yet: freeze the plan in force of a queue below, then make scenarios of it.</p>
  return (
    <table id="baseline-list">
      <thead><tr><th>Baseline</th><th>Queue</th><th>Days</th><th>Forecast</th><th>Schedule</th><th>Scenarios</th><th>Made by</th><th>When</th></tr></thead>
      <tbody>
        {baselines.map((b) => (
          <tr>
            <td><a href={`/scenarios/baselines/${b.id}`}>{b.name} v{b.version}</a>{b.promotedFromScenarioId !== null ? <span class="badge">promoted</span> : null}</td>
            <td>{b.queueName}</td>
            <td>{formatDate(b.fromDateKey)} to {formatDate(b.toDateKey)}</td>
            <td class="muted">{b.forecastSource}</td>
            <td class="muted">{b.coverageSource ?? 'none'}</td>
            <td>{scenarioCounts.get(b.id) ?? 0}</td>
            <td>{b.createdBy}</td>
            <td>{whenLabel(b.createdAtMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ScenariosPage({ baselines, scenarioCounts, freeze }: { baselines: BaselineSummary[]; scenarioCounts: Map<number, number>; freeze: unknown }) {
  return (
    <Layout title="Scenarios" active="/scenarios">
      <h1>Scenarios</h1>
      <p class="muted">What if volume is 15% higher, we promise 90% in 30 s, agents handle three chats, shrinkage rises to 35%? Each scenario changes a frozen baseline and is compared with it in agents, FTE, hours, cost and expected service.</p>
      <h2>Baselines</h2>
      <BaselineList baselines={baselines} scenarioCounts={scenarioCounts} />
      {freeze as never}
    </Layout>
  )
}
