/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The flags of the coming weeks in a few lines, for the dashboard: how many days are short of cover, by how many
 * agent-hours, which events are behind it, and a link to the events page. `FlagsSummaryLoader` loads it lazily
 * (htmx) from GET /events/flags/summary?queue=ID, since the forecast behind it takes a few seconds.
 */
import type { Flags } from '../../src/events/flags.ts'
import { formatDecimal } from '../../src/format/numbers.ts'
import { formatDate, formatDayLabel } from '../../src/format/dateTime.ts'

export function FlagsSummaryLoader({ queueId }: { queueId: number }) {
  return (
    <div id="flags-summary" class="card" hx-get={`/events/flags/summary?queue=${queueId}`} hx-trigger="load" hx-swap="outerHTML">
      <strong>Events and cover</strong> <span class="muted">checking the coming weeks…</span>
      <noscript> <a href={`/events?queue=${queueId}#event-flags`}>See the flags on the events page</a></noscript>
    </div>
  )
}

const hours = (v: number) => formatDecimal(v, 1)

export function FlagsSummary({ queueId, fromDateKey, toDateKey, flags, eventNames, error }: {
  queueId: number
  fromDateKey?: string
  toDateKey?: string
  flags?: Flags
  eventNames?: Map<number | string, string>
  error?: string
}) {
  if (error || !flags) {
    return <div id="flags-summary" class="card"><strong>Events and cover</strong> <span class="muted">{error ?? 'no forecast yet'}</span></div>
  }
  const events = [...new Set(flags.days.flatMap((d) => d.eventIds))].map((id) => eventNames?.get(id) ?? String(id))
  return (
    <div id="flags-summary" class={flags.days.length ? 'card warning' : 'card'}>
      <strong>Events and cover, {fromDateKey ? formatDate(fromDateKey) : ''} to {toDateKey ? formatDate(toDateKey) : ''}:</strong>{' '}
      {flags.days.length === 0
        ? <span>no shortfall; the plan covers the events ahead.</span>
        : <span><span id="flags-summary-days">{flags.days.length}</span> day(s) short of cover by <span id="flags-summary-hours">{hours(flags.totalShortfallAgentHours)}</span> agent-hours in total{events.length ? ` (events on those days: ${events.join(', ')})` : ''}.</span>}{' '}
      <a href={`/events?queue=${queueId}#event-flags`}>Details</a>
      {flags.days.length ? (
        <details id="flags-summary-by-day">
          <summary>Shortfall per day (agent-hours; need vs the agents assigned, as on the schedule and events pages)</summary>
          <ul>{flags.days.map((d) => (
            <li data-date={d.dateKey}>{formatDayLabel(d.dateKey)}: <span class="shortfall-hours">{hours(d.shortfallAgentHours)}</span>{d.eventIds.length ? ` (${d.eventIds.map((id) => eventNames?.get(id) ?? String(id)).join(', ')})` : ''}</li>
          ))}</ul>
        </details>
      ) : null}
    </div>
  )
}
