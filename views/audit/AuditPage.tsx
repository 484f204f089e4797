/** The audit log for managers: who changed what, when (newest first, UTC), with a link to older entries. */
import type { AuditRow } from '../../src/db/schema.ts'
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import { Layout } from '../Layout.tsx'

export interface AuditPageProps { entries: AuditRow[]; entity?: string; entities: string[]; olderHref: string | null }

export function AuditPage({ entries, entity, entities, olderHref }: AuditPageProps) {
  return (
    <Layout title="Audit log">
      <h1>Audit log</h1>
      <p class="muted">Every change to imports, events, staffing settings, forecasts, scenarios, baselines, schedules and accounts, newest first. Times are UTC.</p>
      <form method="get" action="/audit" class="inline">
        <label>Show
          <select name="entity" data-autosubmit>
            <option value="" selected={!entity}>everything</option>
            {entities.map((e) => <option value={e} selected={e === entity}>{e}</option>)}
          </select>
        </label>
        <noscript><button type="submit">Show</button></noscript>
      </form>
      <AuditTable entries={entries} />
      {olderHref ? <p><a href={olderHref}>Older entries</a></p> : null}
    </Layout>
  )
}

export function AuditTable({ entries }: { entries: AuditRow[] }) {
  if (!entries.length) return <p class="muted" id="audit-table">Nothing has been changed yet.</p>
  return (
    <table id="audit-table">
      <thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Item</th><th>Details</th></tr></thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <td>{formatUtcStamp(e.atMs)}</td>
            <td>{e.username}</td>
            <td>{e.action}</td>
            <td>{e.entity}{e.entityId ? ` #${e.entityId}` : ''}</td>
            <td>{e.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
