/**
 * The staffing page: queue and date range, the SLA settings form and the plan (or the forecast's progress while it
 * runs). `#staffing-workspace` (form + plan) is what a settings save replaces; `#staffing-plan` is what the
 * progress fragment replaces when the forecast is done.
 */
import { DateInput } from '../components/DateInput.tsx'
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Queue } from '../../src/db/schema.ts'
import { Layout } from '../Layout.tsx'
import { QueuePicker } from '../components/QueuePicker.tsx'
import { staffingHref } from './format.ts'
import { formatDate } from '../../src/format/dateTime.ts'

/**
 * htmx 2 does not swap 4xx answers by default; the settings form answers 422 with its errors, which must show.
 * Set on an element that is never swapped, so it survives every swap below it.
 */

export interface StaffingPageProps {
  queues: Queue[]
  queue: Queue | null
  fromDateKey: string
  toDateKey: string
  /** Last local day of the queue's history, null without history. */
  historyEndDateKey: string | null
  /** The range form's own problem (bad dates), shown above the workspace. */
  rangeError?: string
  workspace?: Child
}

export function StaffingPage(p: StaffingPageProps) {
  return (
    <Layout title="Staffing" active="/staffing">
      <h1>Staffing</h1>
      {!p.queue ? (
        <div class="notice">There is no data yet. <a href="/imports">Import</a> contact records or interval aggregates of a queue to plan its staffing.</div>
      ) : (
        <>
          <QueuePicker queues={p.queues} selectedId={p.queue.id} action="/staffing" />
          <RangeForm queueId={p.queue.id} fromDateKey={p.fromDateKey} toDateKey={p.toDateKey} historyEndDateKey={p.historyEndDateKey} />
          {p.rangeError ? <p class="errors" id="range-error">{p.rangeError}</p> : null}
          <div id="staffing">{p.workspace}</div>
        </>
      )}
    </Layout>
  )
}

function RangeForm({ queueId, fromDateKey, toDateKey, historyEndDateKey }: { queueId: number; fromDateKey: string; toDateKey: string; historyEndDateKey: string | null }) {
  return (
    <form id="range-form" class="inline" method="get" action="/staffing" style="margin: .8rem 0">
      <input type="hidden" name="queue" value={String(queueId)} />
      <label>From<DateInput name="from" value={fromDateKey} /></label>
      <label>To<DateInput name="to" value={toDateKey} /></label>
      <button type="submit">Plan these days</button>
      <span class="muted">{historyEndDateKey ? `The history ends ${formatDate(historyEndDateKey)}; plans are for the days after it (default: the next 7 days).` : 'This queue has no history yet.'}</span>
    </form>
  )
}

/** The settings form and the plan area, replaced together after a save. */
export function StaffingWorkspace({ form, plan }: { form: Child; plan: Child }) {
  return (
    <div id="staffing-workspace">
      {form}
      {plan}
    </div>
  )
}

/**
 * While the forecast runs: polls itself (htmx) until the plan is ready. Without JavaScript the page refreshes itself:
 * `inPage` adds a refresh inside <noscript>, for whole pages only: browsers running htmx ignore it there, but htmx
 * parses fragments with scripting off, so in a fragment the refresh would come alive and reload the page.
 */
export function StaffingProgress({ queueId, fromDateKey, toDateKey, fraction, message, inPage = false }: { queueId: number; fromDateKey: string; toDateKey: string; fraction: number; message: string; inPage?: boolean }) {
  return (
    <div id="staffing-plan" class="progress" hx-get={staffingHref('/plan', queueId, fromDateKey, toDateKey)} hx-trigger="load delay:500ms" hx-swap="outerHTML">
      <p>Forecasting the volume and AHT of these days from the history… {message}</p>
      <progress max="1" value={String(fraction)}>{Math.round(fraction * 100)}%</progress>
      {/* raw: hono/jsx would hoist a <meta> element into <head>, out of the <noscript> */}
      {inPage ? <noscript>{raw('<meta http-equiv="refresh" content="1">')}</noscript> : null}
    </div>
  )
}

/** The plan could not be made (no history, range before the history, a load too high to staff…). */
export function StaffingPlanError({ message }: { message: string }) {
  return (
    <div id="staffing-plan">
      <p class="errors" role="alert">The plan cannot be made: {message}</p>
    </div>
  )
}
