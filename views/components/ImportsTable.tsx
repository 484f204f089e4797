import type { ImportBatchSummary } from '../../src/db/history.ts'
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import { formatCount } from '../../src/format/numbers.ts'

/** The last imports: file, kind, rows, when (UTC). */
export function ImportsTable({ imports }: { imports: ImportBatchSummary[] }) {
  if (!imports.length) return <p class="muted" id="imports-table">No imports yet.</p>
  return (
    <table id="imports-table">
      <thead><tr><th>File</th><th>Kind</th><th>Queue</th><th class="num">Rows in file</th><th class="num">Imported</th><th class="num">Rejected</th><th>When (UTC)</th></tr></thead>
      <tbody>
        {imports.map((b) => (
          <tr>
            <td>{b.fileName} {b.synthetic ? <span class="badge" title="contains made-up values">synthetic fields</span> : null}</td>
            <td>{b.kind}</td>
            <td>{b.queueName ?? 'several'}</td>
            <td class="num">{formatCount(b.rowsInFile)}</td>
            <td class="num">{formatCount(b.rowsImported)}</td>
            <td class="num">{formatCount(b.rowsRejected)}</td>
            <td>{formatUtcStamp(b.importedAtMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
