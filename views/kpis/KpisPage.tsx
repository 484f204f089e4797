/**
 * The KPI page: balanced pairs first, then first response, volume (heatmap), trends, segments, agents, long chats
 * and CSAT correlations; every figure with its "how this is computed" note and every table with a CSV link.
 * KpisPage is the full page; KpiReportView is the fragment htmx swaps when the form changes.
 */
import { RestFold, TOP_ROWS } from '../components/Fold.tsx'
import { DateInput } from '../components/DateInput.tsx'
import type { KpiReport } from '../../src/kpis/report.ts'
import type { SegmentRow } from '../../src/kpis/segment.ts'
import type { CsatByDuration } from '../../src/kpis/correlation.ts'
import { KPI_DEFINITIONS } from '../../src/kpis/definitions.ts'
import { summaryRows, csvCell, type KpiTableName } from '../../src/kpis/tables.ts'
import { WEEKDAY_LABELS } from '../../src/kpis/volumeBreakdown.ts'
import { METRIC_RULES } from '../../src/kpis/balance.ts'
import { formatLocalIso } from '../../src/time/zones.ts'
import { Layout } from '../Layout.tsx'
import { Heatmap } from '../components/charts/Heatmap.tsx'
import { BarChart } from '../components/charts/BarChart.tsx'
import { LineChart } from '../components/charts/LineChart.tsx'
import { formatDurationRange, formatPercent } from '../../src/format/numbers.ts'
import { formatDateTime, formatMonthDay, formatDate } from '../../src/format/dateTime.ts'
import { formatByUnit, formatCount, formatDecimal, formatPoints, formatSeconds, formatShare } from './format.ts'

export interface KpiQueueOption { id: number; name: string; timeZone: string }

export interface KpiSelection { queue: string; from: string; to: string; threshold: string }

export interface KpisPageProps {
  queues: KpiQueueOption[]
  selection: KpiSelection
  report: KpiReport | null
  /** A message instead of (or above) the report: no data, bad input, empty range. */
  message: { kind: 'notice' | 'errors' | 'warning'; text: string } | null
  /** The query string of the current selection, for the CSV links. */
  query: string
  /** When the report was computed, and whether newer contacts have arrived since (a newer report is being computed). */
  freshness?: { asOfMs: number; updating: boolean } | null
}

function csvLink(name: KpiTableName, query: string) {
  return <a class="csv" href={`/kpis/export/${name}.csv?${query}`} download>CSV</a>
}

function How({ text }: { text: string }) {
  return <p class="how">{text}</p>
}

function Synthetic({ report }: { report: KpiReport }) {
  return report.totals.synthetic > 0 ? <span class="badge" title="made up for the demo; the real data has none">synthetic</span> : null
}

export function KpisPage(p: KpisPageProps) {
  return (
    <Layout title="KPIs" active="/kpis">
      <h1>Live-chat KPIs</h1>
      <KpiForm {...p} />
      <KpiReportView {...p} />
    </Layout>
  )
}

export function KpiForm({ queues, selection }: KpisPageProps) {
  return (
    <form method="get" action="/kpis" class="inline card" id="kpi-form" hx-get="/kpis" hx-target="#kpi-report" hx-swap="outerHTML" hx-push-url="true" hx-disabled-elt="find button[type=submit]">
      <label>Queue
        <select name="queue">
          <option value="all" selected={selection.queue === 'all'}>All queues</option>
          {queues.map((q) => <option value={String(q.id)} selected={selection.queue === String(q.id)}>{q.name} ({q.timeZone})</option>)}
        </select>
      </label>
      <label>From <DateInput name="from" value={selection.from} /></label>
      <label>To <DateInput name="to" value={selection.to} /></label>
      <label>SLA threshold (seconds) <input type="number" name="threshold" min="0" step="1" value={selection.threshold} /></label>
      <button type="submit">Show</button>
    </form>
  )
}

export function KpiReportView(p: KpisPageProps) {
  const r = p.report
  return (
    <section id="kpi-report">
      {p.message ? <div class={p.message.kind} id="kpi-message">{p.message.text}</div> : null}
      {r && p.freshness?.updating ? (
        <p class="notice" id="kpi-updating">
          Figures as of {formatDateTime(p.freshness.asOfMs, r.scope.timeZone)} ({r.scope.timeZone}), updating: new contacts have arrived since and the figures are being computed again. <a href={`/kpis?${p.query}`}>Reload</a> in a moment to see them.
        </p>
      ) : null}
      {r && r.totals.offered > 0 ? <KpiReportBody report={r} query={p.query} /> : null}
    </section>
  )
}

function KpiReportBody({ report: r, query }: { report: KpiReport; query: string }) {
  const s = r.scope
  return (
    <>
      <p>
        <strong>{s.label}</strong>, {formatDate(s.fromDateKey)} – {formatDate(s.toDateKey)} ({s.days} days, local dates in {s.timeZone}), SLA threshold {s.thresholdSeconds} s.{' '}
        {formatCount(r.totals.offered)} contacts offered.
      </p>
      <How text={KPI_DEFINITIONS.range} />
      {r.totals.offered < 30 ? <p class="warning" id="few-contacts">Only {r.totals.offered} contact{r.totals.offered === 1 ? '' : 's'} in this range: the figures below rest on very little data.</p> : null}
      {r.totals.synthetic > 0 ? (
        <p class="warning" id="synthetic-note">{formatCount(r.totals.synthetic)} of these contacts carry <strong>synthetic</strong> survey and classification fields (CSAT, NPS, resolution, issue type: made up for the demo; the real data has none). Arrivals, waits, handle times, agents and customer segments are real.</p>
      ) : null}
      <BalancedPairs r={r} />
      <BalanceWarnings r={r} query={query} />
      <h2>All figures {csvLink('summary', query)}</h2>
      <SummaryTable r={r} />
      <FirstResponseSection r={r} query={query} />
      <VolumeSection r={r} query={query} />
      <TrendSection r={r} query={query} />
      <SegmentsSection r={r} query={query} />
      <AgentsSection r={r} query={query} />
      <LongChatsSection r={r} query={query} />
      <CorrelationSection r={r} query={query} />
    </>
  )
}

function PairSide({ title, children }: { title: string; children?: unknown }) {
  return <div class="side"><div class="small">{title}</div>{children}</div>
}

function Figure({ metric, value, text, note }: { metric: string; value: number | null; text: string; note?: string }) {
  return <div><span class="big" data-metric={metric} data-value={csvCell(value)}>{text}</span>{note ? <span class="small"> {note}</span> : null}</div>
}

function BalancedPairs({ r }: { r: KpiReport }) {
  const fr = r.firstResponse.allHours
  const aht = (
    <PairSide title="Handle time (AHT)">
      <Figure metric="ahtMean" value={r.handle.meanSeconds} text={formatSeconds(r.handle.meanSeconds)} note="mean" />
      <div class="small">median {formatSeconds(r.handle.medianSeconds)} · {formatCount(r.handle.handled)} chats</div>
    </PairSide>
  )
  return (
    <section id="balanced-pairs">
      <h2>Balanced pairs</h2>
      <p class="muted">Each metric is shown with the one it pulls against. Improving one side at the cost of the other is not an improvement.</p>
      <div class="kpi-pairs">
        <div class="kpi-pair" id="pair-aht-csat">
          <h3>Handle time ↔ satisfaction</h3>
          <div class="sides">
            {aht}
            <PairSide title="CSAT (share 4–5)">
              {r.csat.responses ? <Figure metric="csat" value={r.csat.satisfiedShare} text={formatShare(r.csat.satisfiedShare)} /> : <div class="big" data-metric="csat">–</div>}
              <div class="small">{r.csat.responses ? `${formatCount(r.csat.responses)} answers, mean ${formatDecimal(r.csat.meanScore)}` : 'no survey answers in this range'} <Synthetic report={r} /></div>
            </PairSide>
          </div>
        </div>
        <div class="kpi-pair" id="pair-aht-resolution">
          <h3>Handle time ↔ resolution</h3>
          <div class="sides">
            {aht}
            <PairSide title="Resolved on first contact">
              {r.resolution.base ? <Figure metric="resolutionRate" value={r.resolution.share} text={formatShare(r.resolution.share)} /> : <div class="big" data-metric="resolutionRate">–</div>}
              <div class="small">{r.resolution.base ? `of ${formatCount(r.resolution.base)} with resolution recorded` : 'resolution is not recorded in this data'} <Synthetic report={r} /></div>
            </PairSide>
          </div>
        </div>
        <div class="kpi-pair" id="pair-response-volume">
          <h3>Response time ↔ volume and workload</h3>
          <div class="sides">
            <PairSide title="First response">
              <Figure metric="firstResponseMedian" value={fr.medianSeconds} text={formatSeconds(fr.medianSeconds)} note="median" />
              <div class="small">p90 {formatSeconds(fr.p90Seconds)} · p95 {formatSeconds(fr.p95Seconds)} · {formatShare(fr.withinThresholdShare)} within {r.scope.thresholdSeconds} s · abandonment {formatShare(r.abandonment.share)}</div>
            </PairSide>
            <PairSide title="Volume and workload">
              <Figure metric="offered" value={r.totals.offered} text={formatCount(r.totals.offered)} note="offered" />
              <div class="small">{formatCount(r.totals.offered / r.scope.days)} a day · workload {formatDecimal(r.workloadErlangs)} chats in handling on average · {formatDecimal(r.concurrency.averageHeld)} held at once per busy agent (peak {r.concurrency.chats ? r.concurrency.peakHeld : '–'})</div>
            </PairSide>
          </div>
        </div>
      </div>
      <How text={KPI_DEFINITIONS.workload} />
    </section>
  )
}

function BalanceWarnings({ r, query }: { r: KpiReport; query: string }) {
  const whole = r.weeks.filter((w) => w.whole).length
  return (
    <section id="balance-warnings">
      <h3>Week on week: pairs moving apart {csvLink('balance-warnings', query)}</h3>
      {whole < 2 ? <p class="notice">The range holds {whole} whole Monday–Sunday week{whole === 1 ? '' : 's'}; at least two are needed to compare weeks.</p>
        : r.balanceWarnings.length ? (
          <ul class="warning">{r.balanceWarnings.map((w) => <li>{w.message} A target on {METRIC_RULES[w.improved].label} alone would reward this.</li>)}</ul>
        ) : <p class="success">No pair moved in opposite directions from one whole week to the next ({whole} weeks compared).</p>}
      <How text={KPI_DEFINITIONS.balance} />
    </section>
  )
}

function SummaryTable({ r }: { r: KpiReport }) {
  return (
    <>
      <table class="kpi" id="kpi-summary">
        <thead><tr><th>Figure</th><th class="num">Value</th><th class="num">Based on</th></tr></thead>
        <tbody>
          {summaryRows(r).map((row) => (
            <tr><td>{row.label}</td><td class="num" data-metric={row.metric} data-value={csvCell(row.value, row.unit)}>{formatByUnit(row.value, row.unit)}</td><td class="num">{row.basedOn === null ? '' : formatCount(row.basedOn)}</td></tr>
          ))}
        </tbody>
      </table>
      <How text={`${KPI_DEFINITIONS.offered} ${KPI_DEFINITIONS.abandonment} ${KPI_DEFINITIONS.resolution} ${KPI_DEFINITIONS.csat} ${KPI_DEFINITIONS.nps} ${KPI_DEFINITIONS.aht} ${KPI_DEFINITIONS.concurrency}`} />
    </>
  )
}

/** Histogram buckets in the app's duration style: "2–3 min", "30 min +". */
function binLabels(edges: number[]): string[] {
  return edges.map((e, i) => formatDurationRange(e, i + 1 < edges.length ? edges[i + 1] : null))
}

function FirstResponseSection({ r, query }: { r: KpiReport; query: string }) {
  const rows = [['All hours', r.firstResponse.allHours], ['Business hours', r.firstResponse.businessHours], ['Outside business hours', r.firstResponse.outsideBusinessHours]] as const
  return (
    <section id="first-response">
      <h2>First response time {csvLink('first-response', query)}</h2>
      <table class="kpi">
        <thead><tr><th></th><th class="num">Offered</th><th class="num">Answered</th><th class="num">Median</th><th class="num">90th pct</th><th class="num">95th pct</th><th class="num">Within {r.scope.thresholdSeconds} s</th></tr></thead>
        <tbody>{rows.map(([label, f]) => (
          <tr><td>{label}</td><td class="num">{formatCount(f.offered)}</td><td class="num">{formatCount(f.answered)}</td><td class="num">{formatSeconds(f.medianSeconds)}</td><td class="num">{formatSeconds(f.p90Seconds)}</td><td class="num">{formatSeconds(f.p95Seconds)}</td><td class="num">{formatShare(f.withinThresholdShare)}</td></tr>
        ))}</tbody>
      </table>
      {!r.scope.openingHoursSet ? <p class="muted">No opening hours are set for this queue: business hours are all hours.</p> : null}
      <How text={`${KPI_DEFINITIONS.firstResponse} ${KPI_DEFINITIONS.withinThreshold} ${KPI_DEFINITIONS.businessHours}`} />
      <div class="grid-2">
        <BarChart id="wait-distribution" title="Answered contacts by first response time" labels={binLabels(r.distributions.waitEdgesSeconds)} values={r.distributions.answeredByWait} width={600} />
        <BarChart id="handle-distribution" title="Handled contacts by handle time" labels={binLabels(r.distributions.handleEdgesSeconds)} values={r.distributions.handledByHandleTime} width={600} />
      </div>
    </section>
  )
}

function VolumeSection({ r, query }: { r: KpiReport; query: string }) {
  const v = r.volume
  return (
    <section id="volume">
      <h2>Volume {csvLink('heatmap', query)} {csvLink('daily', query)}</h2>
      <Heatmap id="kpi-heatmap" title={`Mean contacts per hour, by weekday and hour (${r.scope.timeZone})`} rowLabels={WEEKDAY_LABELS} columnLabels={Array.from({ length: 24 }, (_, h) => String(h))} values={v.hourOfWeek} />
      <p id="peak-hours">Peak hours: {v.peaks.length ? v.peaks.map((pk) => `${WEEKDAY_LABELS[pk.isoWeekday - 1]} ${String(pk.hour).padStart(2, '0')}:00 (${formatDecimal(pk.meanOffered, 1)} an hour)`).join(', ') : '–'}</p>
      <How text={KPI_DEFINITIONS.volume} />
      <div class="grid-2">
        <div><BarChart id="hour-of-day-chart" title="Contacts by hour of day (total)" labels={v.hourOfDay.map((_, h) => String(h))} values={v.hourOfDay} width={600} /> {csvLink('hour-of-day', query)}</div>
        <div><BarChart id="weekday-chart" title="Contacts by day of week (total)" labels={WEEKDAY_LABELS} values={v.weekday} width={600} /> {csvLink('weekday', query)}</div>
      </div>
      <BarChart id="daily-chart" title="Contacts per day" labels={v.daily.map((d) => formatMonthDay(d.dateKey))} values={v.daily.map((d) => d.offered)} labelEvery={Math.max(1, Math.ceil(v.daily.length / 16))} />
      <table class="kpi" id="monthly-table"><thead><tr><th>Month</th><th class="num">Contacts</th></tr></thead>
        <tbody>{v.monthly.map((m) => <tr><td>{m.monthKey}</td><td class="num">{formatCount(m.offered)}</td></tr>)}</tbody></table>
      {csvLink('monthly', query)}
    </section>
  )
}

function TrendSection({ r, query }: { r: KpiReport; query: string }) {
  const labels = r.weeks.map((w) => formatMonthDay(w.weekStartKey) + (w.whole ? '' : '*'))
  return (
    <section id="trends">
      <h2>Trends {csvLink('weekly', query)}</h2>
      <p class="muted">By week (Monday–Sunday, local); * marks a week only partly inside the range.</p>
      <div class="grid-2">
        <LineChart id="trend-response" title="First response, median, and AHT mean, by week" labels={labels} format={formatSeconds} formatTick={(v) => formatSeconds(v)} series={[{ name: 'first response median', values: r.weeks.map((w) => w.medianWaitSeconds) }, { name: 'AHT mean', values: r.weeks.map((w) => w.metrics.ahtMeanSeconds) }]} width={600} />
        <LineChart id="trend-quality" title="CSAT and resolution rate (%), by week" labels={labels} format={(v) => `${Math.round(v * 100)}%`} formatTick={formatPercent} yMax={1} series={[{ name: 'CSAT', values: r.weeks.map((w) => w.metrics.csatSatisfiedShare) }, { name: 'resolution', values: r.weeks.map((w) => w.metrics.resolutionRate) }]} width={600} />
      </div>
      <h3>Against the same period before ({formatDate(r.trend.fromDateKey)} – {formatDate(r.trend.toDateKey)}) {csvLink('trend', query)}</h3>
      <table class="kpi" id="trend-table">
        <thead><tr><th>Figure</th><th class="num">This period</th><th class="num">Period before</th><th class="num">Change</th></tr></thead>
        <tbody>{r.trend.rows.map((t) => {
          const fmt = (v: number | null) => (t.metric === 'offered' ? formatCount(v) : t.metric === 'npsPoints' ? formatPoints(v) : t.metric.endsWith('Seconds') ? formatSeconds(v) : formatShare(v))
          const change = t.change === null ? '–' : t.metric.endsWith('Seconds') || t.metric === 'offered' || t.metric === 'npsPoints' ? `${t.change > 0 ? '+' : ''}${formatDecimal(t.change, t.metric === 'offered' ? 0 : 1)}` : `${t.change > 0 ? '+' : ''}${formatDecimal(t.change * 100, 1)} points`
          return <tr><td>{t.label}</td><td class="num">{fmt(t.current)}</td><td class="num">{fmt(t.previous)}</td><td class={`num ${t.better === true ? 'better' : t.better === false ? 'worse' : ''}`}>{change}</td></tr>
        })}</tbody>
      </table>
      {r.trend.rows[0].previous === 0 ? <p class="notice">There are no contacts in the period before, so there is nothing to compare with.</p> : null}
      <How text={KPI_DEFINITIONS.trend} />
    </section>
  )
}

function SegmentTable({ rows, title }: { rows: SegmentRow[]; title: string }) {
  return (
    <>
      <h3>{title}</h3>
      <table class="kpi segments">
        <thead><tr><th>{title}</th><th class="num">Offered</th><th class="num">Abandoned</th><th class="num">Within SLA</th><th class="num">Mean wait</th><th class="num">AHT</th><th class="num">Resolution</th><th class="num">CSAT (answers)</th><th class="num">NPS (answers)</th></tr></thead>
        <tbody>{rows.map((s) => (
          <tr><td>{s.segment}</td><td class="num">{formatCount(s.metrics.offered)}</td><td class="num">{formatShare(s.metrics.abandonmentRate)}</td><td class="num">{formatShare(s.metrics.withinThresholdShare)}</td>
            <td class="num">{formatSeconds(s.metrics.meanWaitSeconds)}</td><td class="num">{formatSeconds(s.metrics.ahtMeanSeconds)}</td><td class="num">{formatShare(s.metrics.resolutionRate)}</td>
            <td class="num">{formatShare(s.metrics.csatSatisfiedShare)} ({formatCount(s.metrics.csatResponses)})</td><td class="num">{formatPoints(s.metrics.npsPoints)} ({formatCount(s.metrics.npsResponses)})</td></tr>
        ))}</tbody>
      </table>
    </>
  )
}

function SegmentsSection({ r, query }: { r: KpiReport; query: string }) {
  return (
    <section id="segments">
      <h2>Segments {csvLink('segments', query)}</h2>
      {r.segments.queue.length > 1 ? <SegmentTable rows={r.segments.queue} title="Queue" /> : null}
      <SegmentTable rows={r.segments.issueType} title="Issue type" />
      <SegmentTable rows={r.segments.customerSegment} title="Customer segment" />
      <How text={KPI_DEFINITIONS.segments} />
    </section>
  )
}

const agentsHead = <thead><tr><th>Agent (by name)</th><th class="num">Chats handled</th><th class="num">AHT mean</th><th class="num">Resolution</th><th class="num">CSAT (answers)</th><th class="num">Held at once, avg</th><th class="num">Peak</th></tr></thead>

function agentRow(a: KpiReport['agents']['agents'][number]) {
  return <tr><td>{a.agent}</td><td class="num">{formatCount(a.handled)}</td><td class="num">{formatSeconds(a.ahtMeanSeconds)}</td><td class="num">{formatShare(a.resolutionRate)}</td><td class="num">{formatShare(a.csatSatisfiedShare)} ({formatCount(a.csatResponses)})</td><td class="num">{formatDecimal(a.averageHeld)}</td><td class="num">{a.peakHeld ?? '–'}</td></tr>
}

/** The agents, busiest first: the first few with the team median, the rest under "Show all". */
function AgentsSection({ r, query }: { r: KpiReport; query: string }) {
  const m = r.agents.teamMedian
  return (
    <section id="agents">
      <h2>Agents {csvLink('agents', query)}</h2>
      {r.agents.agents.length === 0 ? <p class="notice">No answered contact in this range names its agent.</p> : (
        <>
          <table class="kpi" id="agents-table">
            {agentsHead}
            <tbody>
              <tr class="team"><td>Team median</td><td class="num">{formatDecimal(m.handled, 0)}</td><td class="num">{formatSeconds(m.ahtMeanSeconds)}</td><td class="num">{formatShare(m.resolutionRate)}</td><td class="num">{formatShare(m.csatSatisfiedShare)}</td><td class="num">{formatDecimal(m.averageHeld)}</td><td class="num">{formatDecimal(m.peakHeld, 0)}</td></tr>
              {r.agents.agents.slice(0, TOP_ROWS).map(agentRow)}
            </tbody>
          </table>
          <RestFold hidden={r.agents.agents.length - TOP_ROWS} what="agents">
            <table class="kpi" id="agents-table-rest">{agentsHead}<tbody>{r.agents.agents.slice(TOP_ROWS).map(agentRow)}</tbody></table>
          </RestFold>
        </>
      )}
      <How text={`${KPI_DEFINITIONS.agents} ${KPI_DEFINITIONS.concurrency}`} />
    </section>
  )
}

function LongChatsSection({ r, query }: { r: KpiReport; query: string }) {
  const lc = r.longChats
  const longChatHead = <thead><tr><th>Contact id</th><th>Queue</th><th>Issue type</th><th>Agent</th><th>Arrived (local)</th><th class="num">Handle time</th><th class="num">Threshold</th></tr></thead>
  const longChatRow = (c: KpiReport['longChats']['chats'][number]) => <tr><td>{c.externalId ?? String(c.id)}</td><td>{c.queueName}</td><td>{c.issueType}</td><td>{c.agent ?? ''}</td><td>{formatDateTime(c.arrivedAtMs, r.scope.timeZone)}</td><td class="num">{formatSeconds(c.handleSeconds)}</td><td class="num">{formatSeconds(c.thresholdSeconds)}</td></tr>
  return (
    <section id="long-chats">
      <h2>Unusually long chats {csvLink('long-chats', query)} {csvLink('long-chat-rules', query)}</h2>
      <table class="kpi" id="long-chat-rules">
        <thead><tr><th>Issue type</th><th class="num">Handled</th><th class="num">Median</th><th class="num">MAD</th><th class="num">Flagged above</th><th>Note</th></tr></thead>
        <tbody>{lc.rules.map((x) => <tr><td>{x.issueType}</td><td class="num">{formatCount(x.handled)}</td><td class="num">{formatSeconds(x.medianSeconds)}</td><td class="num">{formatSeconds(x.madSeconds)}</td><td class="num">{formatSeconds(x.thresholdSeconds)}</td><td>{x.note ?? ''}</td></tr>)}</tbody>
      </table>
      <p>{formatCount(lc.flagged)} long chat{lc.flagged === 1 ? '' : 's'} flagged{lc.flagged > lc.chats.length ? `; the ${lc.chats.length} longest are listed (the CSV has the same list)` : ''}.</p>
      {lc.chats.length ? (
        <>
          <table class="kpi" id="long-chat-list">{longChatHead}<tbody>{lc.chats.slice(0, TOP_ROWS).map(longChatRow)}</tbody></table>
          <RestFold hidden={lc.chats.length - TOP_ROWS} what="long chats">
            <table class="kpi" id="long-chat-list-rest">{longChatHead}<tbody>{lc.chats.slice(TOP_ROWS).map(longChatRow)}</tbody></table>
          </RestFold>
        </>
      ) : null}
      <How text={KPI_DEFINITIONS.longChats} />
    </section>
  )
}

function CsatChart({ id, title, data }: { id: string; title: string; data: CsatByDuration }) {
  const labels = data.bins.map((b) => formatDurationRange(b.fromSeconds, b.toSeconds))
  return <LineChart id={id} title={title} labels={labels} format={(v) => `${Math.round(v * 100)}%`} formatTick={formatPercent} yMax={1} series={[{ name: 'CSAT', values: data.bins.map((b) => b.satisfiedShare) }]} width={600} />
}

function CorrelationSection({ r, query }: { r: KpiReport; query: string }) {
  const c = r.correlation
  return (
    <section id="correlations">
      <h2>CSAT against handle time and wait {csvLink('csat-by-handle-time', query)} {csvLink('csat-by-wait', query)}</h2>
      {c.byHandle.responses === 0 && c.byWait.responses === 0 ? <p class="notice" id="no-surveys">There are no survey answers in this range, so CSAT cannot be set against handle time or wait.</p> : (
        <>
          <div class="grid-2">
            <CsatChart id="csat-by-handle-chart" title={`CSAT by handle time (seconds); Pearson r = ${formatDecimal(c.byHandle.pearsonR)}`} data={c.byHandle} />
            <CsatChart id="csat-by-wait-chart" title={`CSAT by first response time (seconds); Pearson r = ${formatDecimal(c.byWait.pearsonR)}`} data={c.byWait} />
          </div>
          {r.totals.synthetic > 0 ? <p class="muted">The survey answers are <strong>synthetic</strong>: these charts show how the demo's made-up answers were generated, not real customers.</p> : null}
        </>
      )}
      <How text={KPI_DEFINITIONS.correlation} />
    </section>
  )
}
