/** The dashboard: volume by day and by hour of week for the chosen queue, the data's date range, the last imports. */
import { formatDate, formatDateTime, formatMonthDay } from '../../src/format/dateTime.ts'
import type { Queue } from '../../src/db/schema.ts'
import type { ImportBatchSummary, DataRange } from '../../src/db/history.ts'
import type { DailyTotal } from '../../src/kpis/volumeProfile.ts'
import { formatLocalIso } from '../../src/time/zones.ts'
import { Layout } from '../Layout.tsx'
import { BarChart } from '../components/charts/BarChart.tsx'
import { Heatmap } from '../components/charts/Heatmap.tsx'
import { QueuePicker } from '../components/QueuePicker.tsx'
import { ImportsTable } from '../components/ImportsTable.tsx'
import { FlagsSummaryLoader } from '../events/FlagsSummary.tsx'
import { formatCount } from '../../src/format/numbers.ts'

export interface DashboardProps {
  queues: Queue[]
  queue: Queue | null
  range: DataRange | null
  daily: DailyTotal[]
  hourOfWeek: number[][]
  imports: ImportBatchSummary[]
  contactCount: { contacts: number; synthetic: number }
  /** Set when newer contacts have arrived than these figures hold (they are being computed again). */
  freshness?: DashboardFreshness | null
}

export interface DashboardFreshness { asOfMs: number; updating: boolean }

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export function DashboardPage(p: DashboardProps) {
  return (
    <Layout title="Dashboard" active="/">
      <h1>Dashboard</h1>
      {!p.queue ? (
        <div class="notice">There is no data yet. <a href="/imports">Import</a> contact records or interval aggregates to begin.</div>
      ) : (
        <>
          <QueuePicker queues={p.queues} selectedId={p.queue.id} action="/" />
          <FlagsSummaryLoader queueId={p.queue.id} />
          <DashboardSummary {...p} />
        </>
      )}
      <h2>Last imports</h2>
      <ImportsTable imports={p.imports} />
    </Layout>
  )
}

export function DashboardSummary(p: DashboardProps) {
  const q = p.queue!
  const total = p.daily.reduce((s, d) => s + d.offered, 0)
  const busiest = p.daily.reduce<DailyTotal | null>((b, d) => (!b || d.offered > b.offered ? d : b), null)
  const peak = peakHour(p.hourOfWeek)
  return (
    <section id="dashboard-summary">
      {p.freshness?.updating ? (
        <p class="notice" id="dashboard-updating">Figures as of {formatDateTime(p.freshness.asOfMs, q.timeZone)} ({q.timeZone}), updating: new contacts have arrived since. <a href={`/?queue=${q.id}`}>Reload</a> in a moment to see them.</p>
      ) : null}
      <div class="stats">
        <div class="stat"><div class="value">{p.range && p.range.source !== 'none' ? `${formatDate(formatLocalIso(p.range.firstMs, q.timeZone).slice(0, 10))} – ${formatDate(formatLocalIso(p.range.lastMs, q.timeZone).slice(0, 10))}` : '–'}</div><div class="label">Date range of the data ({q.timeZone})</div></div>
        <div class="stat"><div class="value" id="total-volume">{formatCount(total)}</div><div class="label">Chats offered in {p.daily.length} days</div></div>
        <div class="stat"><div class="value">{p.daily.length ? formatCount(total / p.daily.length) : '–'}</div><div class="label">Mean per day with data</div></div>
        <div class="stat"><div class="value">{busiest ? `${formatDate(busiest.dateKey)} (${formatCount(busiest.offered)})` : '–'}</div><div class="label">Busiest day</div></div>
        <div class="stat"><div class="value">{peak ? `${WEEKDAYS[peak.day]} ${String(peak.hour).padStart(2, '0')}:00` : '–'}</div><div class="label">Peak hour of the week</div></div>
        <div class="stat"><div class="value">{p.range?.source === 'intervals' ? `interval aggregates (${p.range.intervalMinutes} min)` : p.range?.source === 'contacts' ? `${formatCount(p.contactCount.contacts)} contact records` : '–'}</div><div class="label">Source</div></div>
      </div>
      {p.contactCount.synthetic > 0 ? (
        <p class="warning">This queue's satisfaction, NPS, resolution and issue-type values are <strong>synthetic</strong> (made up for the demo; the real data has none). Arrivals, waits and handle times are real.</p>
      ) : null}
      <BarChart id="daily-volume-chart" title={`Chats offered per day (${q.timeZone})`} labels={p.daily.map((d) => formatMonthDay(d.dateKey))} values={p.daily.map((d) => d.offered)} labelEvery={Math.max(1, Math.ceil(p.daily.length / 16))} />
      <Heatmap id="hour-of-week-heatmap" title="Mean chats per hour, by weekday and hour (local time)" rowLabels={WEEKDAYS} columnLabels={Array.from({ length: 24 }, (_, h) => String(h))} values={p.hourOfWeek} />
    </section>
  )
}

function peakHour(matrix: number[][]): { day: number; hour: number } | null {
  let best: { day: number; hour: number; v: number } | null = null
  matrix.forEach((hours, day) => hours.forEach((v, hour) => { if (v > 0 && (!best || v > best.v)) best = { day, hour, v } }))
  return best
}
