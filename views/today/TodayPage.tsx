/**
 * The today page of a queue: summary first (volume so far vs forecast, the rest of the day re-forecast with its
 * band, service level so far and expected), the notice when the feed is late, the ranked actions, then the chart and
 * the two tables (intervals so far; the rest of the day with required vs scheduled agents, shortfall highlighted).
 * `#today-panel` is the fragment: live, it polls itself with htmx; a replay (date + clock) does not poll.
 */
import type { Queue } from '../../src/db/schema.ts'
import type { TodayView } from '../../src/planning/intradayPlan.ts'
import { Layout } from '../Layout.tsx'
import { formatCount, formatDecimal, formatDuration, formatPercent } from '../../src/format/numbers.ts'
import { QueuePicker } from '../components/QueuePicker.tsx'
import { BandChart } from '../components/charts/BandChart.tsx'
import { formatClock, formatDayLabel } from '../../src/format/dateTime.ts'

export interface TodayPageProps {
  queues: Queue[]
  queue: Queue | null
  /** The replay form's values (empty when live). */
  replayDate: string
  replayClock: string
  error?: string
  panel?: unknown
}

export function TodayPage(p: TodayPageProps) {
  return (
    <Layout title="Today" active="/today">
      <h1>Today</h1>
      {!p.queue ? (
        <div class="notice">There is no data yet. <a href="/imports">Import</a> contact records or interval aggregates of a queue first.</div>
      ) : (
        <>
          <QueuePicker queues={p.queues} selectedId={p.queue.id} action="/today" />
          <form id="replay-form" class="inline" method="get" action="/today" style="margin: .8rem 0">
            <input type="hidden" name="queue" value={String(p.queue.id)} />
            <label>Replay a past day<input type="date" name="date" value={p.replayDate} required /></label>
            <label>at<input type="time" name="at" value={p.replayClock || '12:00'} required /></label>
            <button type="submit">Show what the page said then</button>
            {p.replayDate ? <a href={`/today?queue=${p.queue.id}`}>Back to live</a> : null}
          </form>
          {p.error ? <p class="errors" id="today-error" role="alert">{p.error}</p> : null}
          {p.panel as never}
        </>
      )}
    </Layout>
  )
}

// The app's one number and duration style (src/format/numbers.ts).
const pct = (v: number | null) => formatPercent(v, 1)
const whole = (v: number | null) => formatCount(v)
const secs = (v: number | null) => formatDuration(v)

export interface TodayPanelProps {
  view: TodayView
  /** Poll every this many seconds (live only). */
  refreshSeconds: number
  pollUrl: string
}

/** The self-refreshing part of the page (also the htmx fragment). */
export function TodayPanel({ view: v, refreshSeconds, pollUrl }: TodayPanelProps) {
  const t = v.totals
  const change = t.dayAheadSoFar > 0 ? (t.actualSoFar / t.dayAheadSoFar - 1) * 100 : null
  return (
    <section id="today-panel" aria-live="polite" {...(v.replay ? {} : { 'hx-get': pollUrl, 'hx-trigger': `every ${refreshSeconds}s`, 'hx-swap': 'outerHTML' })}>
      <p class="muted" id="today-clock">
        {v.replay ? <strong>Replay: </strong> : <strong>Live: </strong>}
        {v.queueName}, {formatDayLabel(v.dateKey)} at {formatClock(v.clock)} ({v.timeZone}).{' '}
        <span id="last-data">Data last arrived: {v.lastDataMs === null ? 'never' : v.lastDataLabel}.</span>
        {v.replay ? ' Only the data that had arrived by then is used.' : ` Refreshes every ${refreshSeconds} s.`}
      </p>
      {v.feedLate ? <p class="warning" id="feed-late" role="status">{v.feedLate}</p> : null}
      {v.replaySuggestion && !v.replay ? <p class="notice" id="replay-suggestion">This queue's latest data is from {v.replaySuggestion}: <a href={`/today?queue=${v.queueId}&date=${v.replaySuggestion}&at=12:00`}>replay {v.replaySuggestion} at 12:00</a> to see what the page said then.</p> : null}
      <div class="cards" id="today-summary">
        <div class="card"><div class="muted">Contacts so far</div><div class="big" id="actual-so-far">{whole(t.actualSoFar)}</div>
          <div class="muted">forecast {whole(t.dayAheadSoFar)}{change === null ? '' : ` (${change >= 0 ? '+' : ''}${formatDecimal(change, 0)}%)`}</div></div>
        <div class="card"><div class="muted">Rest of the day, re-forecast</div><div class="big" id="rest-reforecast">{whole(t.reforecastRest)}</div>
          <div class="muted">80%: {whole(t.lo80Rest)}–{whole(t.hi80Rest)}; day-ahead said {whole(t.dayAheadRest)}</div></div>
        <div class="card"><div class="muted">Service level so far</div><div class="big">{pct(t.serviceLevelSoFar)}</div>
          <div class="muted">target {pct(v.serviceTarget.level)} within {v.serviceTarget.seconds} s</div></div>
        <div class="card"><div class="muted">Expected for the rest, as scheduled</div><div class="big" id="sl-rest">{pct(t.serviceLevelRest)}</div>
          <div class="muted">{v.scheduleName ? `schedule ${v.scheduleName}; ${t.shortIntervals} interval${t.shortIntervals === 1 ? '' : 's'} short` : 'no published schedule'}</div></div>
      </div>
      <h2>What to do</h2>
      {v.actions.length ? (
        <ol id="today-actions">
          {v.actions.map((a) => (
            <li>{a.label}: service level for the rest of the day <strong>{pct(a.serviceLevelBefore)} → {pct(a.serviceLevelAfter)}</strong>
              {a.addedAgentHours > 0 ? <span class="muted"> (+{formatDecimal(a.addedAgentHours, 1)} agent-hours)</span> : null}</li>
          ))}
        </ol>
      ) : (
        <p class="muted" id="today-actions">{v.scheduleName ? (t.shortIntervals ? 'No move of a break, extension or call-in from the roster raises the service level.' : 'Nothing to do: the schedule covers the re-forecast.') : 'No published schedule covers this day: publish one on the Schedules page to compare required with scheduled agents and to get actions.'}</p>
      )}
      {v.warnings.map((w) => <p class="muted">Note: {w}</p>)}
      <TodayChart view={v} />
      <details open={v.remaining.length > 0}>
        <summary>The rest of the day: re-forecast and agents ({v.remaining.length} intervals)</summary>
        <div class="table-scroll">
          <table id="today-remaining">
            <thead><tr><th>Time</th><th>Day-ahead</th><th>Re-forecast</th><th>80%</th><th>95%</th><th>AHT</th><th>Agents required</th><th>Scheduled</th><th>Short</th><th>SL expected</th></tr></thead>
            <tbody>
              {v.remaining.map((r) => (
                <tr class={(r.shortfall ?? 0) > 0 ? 'short' : ''}>
                  <td>{r.label}</td><td class="num">{whole(r.dayAhead)}</td><td class="num">{whole(r.mean)}</td>
                  <td class="num">{whole(r.lo80)}–{whole(r.hi80)}</td><td class="num">{whole(r.lo95)}–{whole(r.hi95)}</td><td class="num">{secs(r.ahtSeconds)}</td>
                  <td class="num">{whole(r.agentsRequired)}</td><td class="num">{r.agentsScheduled === null ? '–' : formatDecimal(r.agentsScheduled, 1)}</td>
                  <td class="num">{(r.shortfall ?? 0) > 0 ? <strong style="color: var(--bad)">{r.shortfall}</strong> : whole(r.shortfall)}</td><td class="num">{pct(r.serviceLevel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <details>
        <summary>So far today: actual vs forecast ({v.closed.length} intervals)</summary>
        <div class="table-scroll">
          <table id="today-closed">
            <thead><tr><th>Time</th><th>Forecast</th><th>Actual</th><th>AHT</th><th>Service level</th><th>ASA</th></tr></thead>
            <tbody>
              {v.closed.map((r) => (
                <tr><td>{r.label}</td><td class="num">{whole(r.dayAhead)}</td><td class="num">{r.actual === null ? <span class="muted">no data</span> : whole(r.actual)}</td>
                  <td class="num">{secs(r.ahtSeconds)}</td><td class="num">{pct(r.serviceLevel)}</td><td class="num">{secs(r.asaSeconds)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p class="muted">Day-ahead: {v.dayAheadSource}. {v.trust.method === 'conditional'
        ? `How far the morning is trusted was learned on ${v.trust.backtestDays} past days (there the re-forecast's error was ${formatPercent(v.trust.backtestMaeRatio, 0)} of the day-ahead's); the bands are calibrated on the same days.`
        : 'The history is too short to learn from: a fixed-prior ratio update is used.'}</p>
    </section>
  )
}

function TodayChart({ view: v }: { view: TodayView }) {
  const closedX = v.closed.map((r) => r.startMs)
  const restX = v.remaining.map((r) => r.startMs)
  const allX = [...closedX, ...restX]
  if (allX.length < 2) return null
  const step = Math.max(1, Math.round(allX.length / 8))
  const xTicks = allX.filter((_, i) => i % step === 0).map((x) => ({ x, label: [...v.closed, ...v.remaining].find((r) => r.startMs === x)!.label }))
  return (
    <BandChart
      id="today-chart"
      title="Contacts per interval: actual, day-ahead and re-forecast (80% and 95% bands)"
      xTicks={xTicks}
      maxGapX={v.intervalMinutes * 60_000 * 1.5}
      bands={restX.length ? [
        { name: '95%', x: restX, lower: v.remaining.map((r) => r.lo95), upper: v.remaining.map((r) => r.hi95), className: 'band95' },
        { name: '80%', x: restX, lower: v.remaining.map((r) => r.lo80), upper: v.remaining.map((r) => r.hi80), className: 'band80' },
      ] : []}
      lines={[
        { name: 'day-ahead', x: allX, y: [...v.closed.map((r) => r.dayAhead), ...v.remaining.map((r) => r.dayAhead)], className: 'line second', dashed: true },
        { name: 'actual', x: closedX, y: v.closed.map((r) => r.actual) },
        { name: 're-forecast', x: restX, y: v.remaining.map((r) => r.mean), color: '#7c3aed', widthPx: 2.5 },
      ]}
      markerX={restX[0]}
      markerLabel={v.clock}
    />
  )
}
