/** The export page: every CSV the app produces, for the chosen queue, in one place. */
import { formatDate } from '../../src/format/dateTime.ts'
import { ModelName } from '../components/ModelName.tsx'
import { DateInput } from '../components/DateInput.tsx'
import type { Queue, ForecastSnapshot } from '../../src/db/schema.ts'
import { Layout } from '../Layout.tsx'
import { QueuePicker } from '../components/QueuePicker.tsx'

export interface ExportsPageProps {
  queues: Queue[]
  queue: Queue | null
  planRange: { fromDateKey: string; toDateKey: string } | null
  /** Empty when the queue has no contact records (its history is interval aggregates only). */
  kpiTables: readonly string[]
  /** Queues with contact records, offered when this one has none. */
  contactQueues?: Queue[]
  snapshots: ForecastSnapshot[]
}

export function ExportsPage({ queues, queue, planRange, kpiTables, contactQueues = [], snapshots }: ExportsPageProps) {
  return (
    <Layout title="Export" active="/exports">
      <h1>Export</h1>
      {!queue ? <p class="notice">There is no data yet. <a href="/imports">Import</a> history first.</p> : (
        <>
          <QueuePicker queues={queues} selectedId={queue.id} action="/exports" />
          <p class="muted">Times in every file are the queue's local time ({queue.timeZone}) with the UTC offset, so daylight-saving days stay unambiguous.</p>
          <section class="card" id="export-staffing">
            <h2>Staffing plan</h2>
            <p class="muted">Per interval: forecast volume and AHT, workload, agents required and scheduled, expected service level and ASA (with the queue's saved SLA settings).</p>
            <form method="get" action="/staffing/export.csv" class="inline">
              <input type="hidden" name="queue" value={String(queue.id)} />
              <label>From<DateInput name="from" value={planRange?.fromDateKey ?? ''} required /></label>
              <label>To<DateInput name="to" value={planRange?.toDateKey ?? ''} required /></label>
              <button type="submit">Download staffing CSV</button>
            </form>
          </section>
          <section class="card" id="export-forecasts">
            <h2>Forecasts</h2>
            {snapshots.length ? (
              <table>
                <thead><tr><th>Stored forecast</th><th>Range</th><th>Model</th><th>Published</th><th></th></tr></thead>
                <tbody>{snapshots.map((s) => (
                  <tr><td>{s.name}</td><td>{formatDate(s.fromDateKey)} – {formatDate(s.toDateKey)}</td><td><ModelName name={s.model} /></td><td>{s.published ? 'yes' : 'no'}</td>
                    <td><a href={`/forecasts/export.csv?snapshot=${s.id}`}>CSV</a></td></tr>
                ))}</tbody>
              </table>
            ) : <p class="muted">No stored forecast for this queue yet: run one on the <a href={`/forecasts?queue=${queue.id}`}>forecast page</a> and publish it.</p>}
          </section>
          <section class="card" id="export-kpis">
            <h2>KPI tables</h2>
            <p class="muted">For the last 30 days of data; choose another range on the <a href={`/kpis?queue=${queue.id}`}>KPI page</a>, whose tables each have a CSV link.</p>
            {kpiTables.length
              ? <ul class="inline-list" id="kpi-csv-links">{kpiTables.map((name) => <li><a href={`/kpis/export/${name}.csv?queue=${queue.id}`}>{name}.csv</a></li>)}</ul>
              : <p class="notice" id="kpi-no-contacts">The history of {queue.name} is interval aggregates (volumes per interval), not contact records, so it has no KPI tables.{contactQueues.length ? <> Queues with contact records: {contactQueues.map((q, i) => <>{i ? ', ' : ''}<a href={`/exports?queue=${q.id}`}>{q.name}</a></>)}.</> : null}</p>}
          </section>
          <section class="card" id="export-events">
            <h2>Events and flags</h2>
            <ul>
              <li><a href={`/events/export.csv?queue=${queue.id}`}>Events calendar (CSV)</a></li>
              <li><a href={`/events/flags.csv?queue=${queue.id}`}>Flags for the coming weeks (CSV)</a></li>
            </ul>
          </section>
        </>
      )}
    </Layout>
  )
}
