/**
 * My shifts (an account linked to an agent): the agent's published shifts and breaks in their queue's zone, a
 * time-off request form, a swap request form (one of their shifts to a named colleague), their requests with the
 * scheduler's decision, and their secret calendar feed (make a new URL or revoke it).
 */
import { Layout } from '../Layout.tsx'
import type { AgentShift } from '../../src/planning/agentRequests.ts'
import type { RosterRequest } from '../../src/db/rosterRequests.ts'
import { DATE_INPUT, formatDayLabel, formatLocalSpan, formatUtcStamp } from '../../src/format/dateTime.ts'
import { formatDecimal } from '../../src/format/numbers.ts'
import { REQUEST_REASON } from '../../src/schemas/rosterRequests.ts'

export interface MyShiftsPageProps {
  /** Null: the account is not linked to an agent. */
  agent: { id: number; name: string } | null
  shifts: AgentShift[]
  colleagues: { id: number; name: string }[]
  requests: RosterRequest[]
  /** When the feed was made (null: no feed). */
  feedCreatedAtMs: number | null
  /** The feed URL, shown once right after it is made. */
  feedUrl?: string
  notice?: string
  error?: string
  form?: { from?: string; to?: string; reason?: string }
}

/** Shifts shown before the rest fold away. */
const FIRST_SHIFTS = 14

function ShiftRow({ s }: { s: AgentShift }) {
  return (
    <tr data-shift-id={String(s.id)}>
      <td>{formatDayLabel(s.startLocal.slice(0, 10))}</td>
      <td>{formatLocalSpan(s.startLocal, s.endLocal)} <span class="muted">{s.offset}</span></td>
      <td>{s.templateName}</td>
      <td>{s.queueName}</td>
      <td class="num">{formatDecimal(s.paidMinutes / 60, 2)}</td>
      <td>{s.breaks.map((b) => `${formatLocalSpan(b.startLocal, b.endLocal)} ${b.name}${b.paid ? '' : ' (unpaid)'}`).join('; ')}</td>
    </tr>
  )
}

function ShiftTable({ shifts }: { shifts: AgentShift[] }) {
  return (
    <div class="table-scroll">
      <table class="my-shifts">
        <thead><tr><th>Day</th><th>Time (UTC offset)</th><th>Shift</th><th>Queue</th><th class="num">Paid h</th><th>Breaks</th></tr></thead>
        <tbody>{shifts.map((s) => <ShiftRow s={s} />)}</tbody>
      </table>
    </div>
  )
}

function requestText(r: RosterRequest): string {
  return r.kind === 'time_off' ? `Time off ${r.fromDateKey} – ${r.toDateKey}` : `Swap of shift ${r.shiftId} with ${r.colleagueName ?? '?'}`
}

export function MyShiftsPage(props: MyShiftsPageProps) {
  const { agent, shifts, colleagues, requests, feedCreatedAtMs, feedUrl, notice, error, form = {} } = props
  if (!agent) {
    return (
      <Layout title="My shifts" active="/my-shifts">
        <h1>My shifts</h1>
        <p id="not-linked" class="notice">Your account is not linked to an agent, so there are no shifts to show. Ask an admin to link it on the Users page.</p>
      </Layout>
    )
  }
  const paidHours = shifts.reduce((s, x) => s + x.paidMinutes, 0) / 60
  const pending = requests.filter((r) => r.status === 'pending').length
  return (
    <Layout title="My shifts" active="/my-shifts">
      <h1>My shifts: {agent.name}</h1>
      <p id="my-shifts-summary">
        {shifts.length
          ? <>{shifts.length} published shift{shifts.length === 1 ? '' : 's'} ({formatDecimal(paidHours, 1)} paid hours), the first {formatDayLabel(shifts[0].startLocal.slice(0, 10))} {formatLocalSpan(shifts[0].startLocal, shifts[0].endLocal)}. </>
          : <>No published shifts. </>}
        {pending ? `${pending} request${pending === 1 ? '' : 's'} waiting for a scheduler.` : 'No request waiting.'} Times are in each queue's zone, with the UTC offset.
      </p>
      {error ? <p class="errors" role="alert" id="my-shifts-error">{error}</p> : null}
      {notice ? <p class="notice" id="my-shifts-notice">{notice}</p> : null}
      {shifts.length ? <ShiftTable shifts={shifts.slice(0, FIRST_SHIFTS)} /> : null}
      {shifts.length > FIRST_SHIFTS ? (
        <details><summary>{shifts.length - FIRST_SHIFTS} later shifts</summary><ShiftTable shifts={shifts.slice(FIRST_SHIFTS)} /></details>
      ) : null}

      <h2>Ask for time off</h2>
      <form method="post" action="/my-shifts/time-off" class="inline" id="time-off-form">
        <label>First day off<input name="from" value={form.from ?? ''} required {...DATE_INPUT} /></label>
        <label>Last day off<input name="to" value={form.to ?? ''} required {...DATE_INPUT} /></label>
        <label>Reason<input name="reason" value={form.reason ?? ''} maxlength={REQUEST_REASON.maxLength} /></label>
        <button type="submit">Ask for time off</button>
      </form>

      <h2>Ask for a swap</h2>
      {shifts.length && colleagues.length ? (
        <form method="post" action="/my-shifts/swap" class="inline" id="swap-form">
          <label>Shift<select name="shiftId">{shifts.map((s) => <option value={String(s.id)}>{`${s.startLocal.slice(0, 10)} ${formatLocalSpan(s.startLocal, s.endLocal)} ${s.templateName}`}</option>)}</select></label>
          <label>Colleague<select name="colleagueId">{colleagues.map((c) => <option value={String(c.id)}>{c.name}</option>)}</select></label>
          <label>Reason<input name="reason" maxlength={REQUEST_REASON.maxLength} /></label>
          <button type="submit">Ask for a swap</button>
        </form>
      ) : <p class="muted">A swap needs a published shift of yours and a colleague.</p>}
      <p class="muted">A swap is checked against the rules first (the colleague's skills, availability, rest, hours and days off); a scheduler then approves or refuses it.</p>

      <h2>My requests</h2>
      {requests.length ? (
        <div class="table-scroll">
          <table id="my-requests">
            <thead><tr><th>Asked</th><th>Request</th><th>Reason</th><th>Status</th><th>Scheduler's note</th><th>What changed</th></tr></thead>
            <tbody>{requests.map((r) => (
              <tr data-request-id={String(r.id)}>
                <td>{formatUtcStamp(r.createdAtMs)}</td><td>{requestText(r)}</td><td>{r.reason}</td>
                <td class={`status-${r.status}`}>{r.status}</td><td>{r.decisionNote}</td><td>{r.outcome}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : <p class="muted" id="no-requests">No requests yet.</p>}

      <h2>Calendar feed</h2>
      {feedUrl ? (
        <p class="notice" id="feed-url-note">Subscribe to this address in your phone's calendar (it is shown only now; anyone with it sees your shifts): <code id="feed-url">{feedUrl}</code></p>
      ) : null}
      <p id="feed-state">{feedCreatedAtMs === null ? 'You have no calendar feed.' : `Your feed was made ${formatUtcStamp(feedCreatedAtMs)}. Making a new address stops the old one.`}</p>
      <form method="post" action="/my-shifts/calendar" class="inline" id="feed-form">
        <button type="submit">{feedCreatedAtMs === null ? 'Make my calendar address' : 'Make a new address'}</button>
      </form>
      {feedCreatedAtMs !== null ? (
        <form method="post" action="/my-shifts/calendar/revoke" class="inline" id="feed-revoke-form"><button type="submit" class="small">Stop my calendar feed</button></form>
      ) : null}
    </Layout>
  )
}
