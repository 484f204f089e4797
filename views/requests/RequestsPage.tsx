/**
 * Agents' requests (schedulers): the pending ones with approve / refuse forms (a note each; approving a time off or
 * a swap re-rosters the published schedule with the fewest changes and publishes it; the page then says how many
 * changes the request forced, how many the rules required and whether "fewest" is proven), then the latest
 * decisions with what each changed.
 */
import { Layout } from '../Layout.tsx'
import type { RosterRequest } from '../../src/db/rosterRequests.ts'
import type { RerosterSummary, ShownChange } from '../../src/planning/agentRequests.ts'
import { rerosterSummaryText } from '../../src/planning/rerosterSummary.ts'
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import { DECISION_NOTE } from '../../src/schemas/rosterRequests.ts'

export interface RequestsPageProps {
  pending: RosterRequest[]
  decided: RosterRequest[]
  /** Shift labels of swap requests by shift id. */
  shiftLabels: Record<number, string>
  notice?: string
  error?: string
  /** What the last approval changed (shown after approving). */
  changes?: ShownChange[]
  /** How the last approval re-rostered (forced and rule-required changes, proof). */
  reroster?: RerosterSummary
}

function what(r: RosterRequest, shiftLabels: Record<number, string>): string {
  return r.kind === 'time_off'
    ? `Time off ${r.fromDateKey} – ${r.toDateKey}`
    : `Swap: ${r.shiftId !== null ? shiftLabels[r.shiftId] ?? `shift ${r.shiftId} (no longer published)` : '?'} to ${r.colleagueName ?? 'a removed agent'}`
}

export function RequestsPage({ pending, decided, shiftLabels, notice, error, changes, reroster }: RequestsPageProps) {
  return (
    <Layout title="Requests" active="/requests">
      <h1>Agents' requests</h1>
      <p id="requests-summary">{pending.length ? `${pending.length} request${pending.length === 1 ? '' : 's'} waiting.` : 'No request waiting.'} Approving re-rosters the published schedule with the fewest changes under every rule (the roster optimiser) and publishes it: a time off gives the agent's shifts on those days to colleagues; a swap hands the shift to the colleague, and any further change the rules then require is listed.</p>
      {error ? <p class="errors" role="alert" id="requests-error">{error}</p> : null}
      {notice ? <p class="notice" id="requests-notice">{notice}</p> : null}
      {reroster && changes?.length ? <p id="reroster-note">Changes: {rerosterSummaryText(reroster)}.</p> : null}
      {changes?.length ? (
        <table id="roster-changes">
          <thead><tr><th>Shift</th><th>From</th><th>To</th></tr></thead>
          <tbody>{changes.map((c) => <tr data-shift-id={String(c.shiftId)}><td>{c.shift}</td><td>{c.from ?? 'nobody'}</td><td>{c.to ?? `nobody: ${c.reason ?? ''}`}</td></tr>)}</tbody>
        </table>
      ) : null}
      <h2>Waiting</h2>
      {pending.length ? (
        <div class="table-scroll">
          <table id="pending-requests">
            <thead><tr><th>Asked</th><th>Agent</th><th>Request</th><th>Reason</th><th>Decide</th></tr></thead>
            <tbody>{pending.map((r) => (
              <tr data-request-id={String(r.id)}>
                <td>{formatUtcStamp(r.createdAtMs)}</td><td>{r.agentName}</td><td>{what(r, shiftLabels)}</td><td>{r.reason}</td>
                <td>
                  <form method="post" action={`/requests/${r.id}/approve`} class="inline approve-form">
                    <input name="note" placeholder="note (optional)" maxlength={DECISION_NOTE.maxLength} aria-label={`note approving request ${r.id}`} />
                    <label class="small"><input type="checkbox" name="allowUncovered" value="1" /> even if shifts stay uncovered</label>
                    <button type="submit" class="small"><span class="idle-label">Approve</span><span class="busy-label">Re-rostering (up to 20 s)</span></button>
                  </form>
                  <form method="post" action={`/requests/${r.id}/refuse`} class="inline refuse-form">
                    <input name="note" placeholder="why (optional)" maxlength={DECISION_NOTE.maxLength} aria-label={`note refusing request ${r.id}`} />
                    <button type="submit" class="small">Refuse</button>
                  </form>
                </td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : <p class="muted" id="no-pending">Nothing is waiting.</p>}
      <h2>Decided</h2>
      {decided.length ? (
        <details open={decided.length <= 10}>
          <summary>{decided.length} latest decisions</summary>
          <div class="table-scroll">
            <table id="decided-requests">
              <thead><tr><th>Decided</th><th>Agent</th><th>Request</th><th>Decision</th><th>Note</th><th>What changed</th></tr></thead>
              <tbody>{decided.map((r) => (
                <tr data-request-id={String(r.id)}>
                  <td>{r.decidedAtMs ? formatUtcStamp(r.decidedAtMs) : ''}</td><td>{r.agentName}</td><td>{what(r, shiftLabels)}</td>
                  <td>{r.status} by {r.decidedBy}</td><td>{r.decisionNote}</td><td>{r.outcome}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
        </details>
      ) : <p class="muted">No decisions yet.</p>}
    </Layout>
  )
}
