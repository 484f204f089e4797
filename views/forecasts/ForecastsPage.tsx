/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The forecast screen: the form, the run's progress, the result (chart with 80/95% bands, why this model, interval
 * coverage, AHT, accuracy by days ahead, a table per day, publish and export), stored snapshots, and forecast vs
 * actual for published snapshots. The page and its fragments live here (one module per screen).
 */
import { ModelName } from '../components/ModelName.tsx'
import { humanModelFamilyName, humanModelName } from '../../src/format/modelNames.ts'
import { DateInput } from '../components/DateInput.tsx'
import { formatClock, formatDayLabel, formatShortDayLabel, formatUtcStamp, formatDate } from '../../src/format/dateTime.ts'
import type { Queue, ForecastSnapshot } from '../../src/db/schema.ts'
import type { IntervalCoverage, ModelScore } from '../../src/forecast/types.ts'
import type { HorizonAccuracy, SnapshotAccuracy } from '../../src/planning/forecastAccuracy.ts'
import { formatLocalIso, localParts } from '../../src/time/zones.ts'
import { Layout } from '../Layout.tsx'
import { BandChart } from '../components/charts/BandChart.tsx'
import type { ForecastCsvRow } from './forecastCsv.ts'
import { formatCount, formatDecimal, formatPercent } from '../../src/format/numbers.ts'

export const INTERVAL_CHOICES = [15, 30, 60] as const

export interface ForecastFormValues {
  queue: string
  intervalMinutes: string
  from: string
  to: string
  /** '' = automatic choice by backtest. */
  model: string
}

export interface ForecastFormContext {
  queues: Queue[]
  /** Model families offered (besides automatic). */
  modelFamilies: readonly string[]
  /** e.g. "2003-03-03 – 2003-10-24, 30-minute intervals". */
  historyNote?: string
}

export type ForecastViewInterval = ForecastCsvRow

export interface ForecastView {
  queue: Queue
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  model: string
  scores: ModelScore[]
  ahtModel: string | null
  ahtScores: ModelScore[]
  coverage: IntervalCoverage[]
  warnings: string[]
  intervals: ForecastViewInterval[]
  /** Recent history before the horizon, for the chart. */
  history: { startMs: number; offered: number; ahtSeconds: number | null }[]
  /** Actuals inside the horizon that have arrived since (stored forecasts only). */
  actuals?: { startMs: number; offered: number }[]
  horizonAccuracy: HorizonAccuracy | null
  /** Why the accuracy by days ahead is missing, when it is. */
  horizonNote?: string
}

/** Where a shown forecast lives: a run of this session (job) or a stored snapshot. */
export type ForecastSource =
  | { kind: 'job'; jobId: string; form: ForecastFormValues; publishedSnapshotId?: number }
  | { kind: 'snapshot'; snapshot: ForecastSnapshot }

const DAY_MS = 86_400_000

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function percent(fraction: number | null | undefined, digits = 1): string {
  return formatPercent(fraction, digits)
}

function signedPercent(fraction: number | null): string {
  return fraction === null || !Number.isFinite(fraction) ? '–' : `${fraction > 0 ? '+' : ''}${formatPercent(fraction, 1)}`
}

function fixed(value: number, digits: number): string {
  return formatDecimal(value, digits)
}

/** Ticks at the first interval of local days, at most about `maxTicks` of them. */
function dayTicks(startsMs: readonly number[], timeZone: string, maxTicks = 12): { x: number; label: string }[] {
  const firsts: { x: number; parts: ReturnType<typeof localParts> }[] = []
  let lastKey = ''
  for (const ms of startsMs) {
    const parts = localParts(ms, timeZone)
    if (parts.dateKey !== lastKey) { firsts.push({ x: ms, parts }); lastKey = parts.dateKey }
  }
  const every = Math.max(1, Math.ceil(firsts.length / maxTicks))
  return firsts.filter((_, i) => i % every === 0).map(({ x, parts }) => ({ x, label: formatShortDayLabel(parts.dateKey) }))
}

function localDayLabel(dateKey: string): string {
  return formatDayLabel(dateKey)
}

function modelFamilyOf(name: string): string {
  return name.startsWith('combination') ? 'combination' : name.split(':')[0]
}

// ---------------------------------------------------------------------------------------------------------------
// Page

export interface ForecastsPageProps extends ForecastFormContext {
  queue: Queue | null
  form: ForecastFormValues
  snapshots: ForecastSnapshot[]
  accuracy: SnapshotAccuracy[]
  /** Progress, result or error of a run, shown under the form. */
  outcome?: unknown
}

export function ForecastsPage(p: ForecastsPageProps) {
  return (
    <Layout title="Forecast" active="/forecasts">
      <h1>Forecast</h1>
      <div id="forecast-screen">
      {!p.queue ? (
        <div class="notice">There is no history to forecast from yet. <a href="/imports">Import</a> contact records or interval aggregates first.</div>
      ) : (
        <>
          <ForecastForm {...p} />
          {p.outcome ?? <div id="forecast-result"></div>}
          <h2>Stored forecasts of {p.queue.name}</h2>
          <SnapshotList snapshots={p.snapshots} queues={p.queues} />
          <h2>Forecast vs actual</h2>
          <AccuracyReport queue={p.queue} items={p.accuracy} />
        </>
      )}
      </div>
    </Layout>
  )
}

export function ForecastForm({ queues, modelFamilies, form, historyNote }: ForecastFormContext & { form: ForecastFormValues }) {
  const forcedVariant = form.model && !modelFamilies.includes(form.model) ? form.model : null
  return (
    <form id="forecast-form" class="card" method="post" action="/forecasts" hx-post="/forecasts" hx-target="#forecast-result" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
      <div style="display:flex;gap:1rem;flex-wrap:wrap;align-items:end">
        <label>Queue
          <select name="queue">
            {queues.map((q) => <option value={String(q.id)} selected={String(q.id) === form.queue}>{q.name} ({q.timeZone})</option>)}
          </select>
        </label>
        <label>Interval length
          <select name="intervalMinutes">
            {INTERVAL_CHOICES.map((m) => <option value={String(m)} selected={String(m) === form.intervalMinutes}>{m} minutes</option>)}
          </select>
        </label>
        <label>From (local date)<DateInput name="from" value={form.from} required /></label>
        <label>To (inclusive)<DateInput name="to" value={form.to} required /></label>
        <label>Model
          <select name="model">
            <option value="" selected={form.model === ''}>Automatic (best backtest)</option>
            {modelFamilies.map((name) => <option value={name} selected={form.model === name} title={name}>{humanModelFamilyName(name)}</option>)}
            {forcedVariant ? <option value={forcedVariant} selected title={forcedVariant}>{humanModelName(forcedVariant)}</option> : null}
          </select>
        </label>
        <button type="submit">Run forecast</button>
      </div>
      {historyNote ? <p class="muted">History: {historyNote}. The horizon defaults to the four weeks after it.</p> : null}
    </form>
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Progress and failure

/** While the run goes on: a progress bar and the models backtested so far; polls itself (htmx) until done. */
export function ForecastProgress({ jobId, fraction, message, steps }: { jobId: string; fraction: number; message: string; steps: string[] }) {
  return (
    <div id="forecast-result" class="progress" hx-get={`/forecasts/jobs/${jobId}`} hx-trigger="load delay:500ms" hx-swap="outerHTML">
      <p id="forecast-progress-message">Forecasting… {message}</p>
      <progress max="1" value={String(fraction)}>{Math.round(fraction * 100)}%</progress>
      {steps.length ? (
        <details open={steps.length <= 30}>
          <summary>{steps.length} step{steps.length === 1 ? '' : 's'} done</summary>
          <ol class="muted">{steps.map((s) => <li>{s}</li>)}</ol>
        </details>
      ) : null}
    </div>
  )
}

export function ForecastFailed({ message }: { message: string }) {
  return (
    <div id="forecast-result" class="errors" role="alert">
      <p><strong>No forecast:</strong> {message}</p>
    </div>
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Result

function sourceBase(source: ForecastSource): string {
  return source.kind === 'job' ? `/forecasts/jobs/${source.jobId}` : `/forecasts/${source.snapshot.id}`
}

function exportHref(source: ForecastSource): string {
  return source.kind === 'job' ? `/forecasts/export.csv?job=${source.jobId}` : `/forecasts/export.csv?snapshot=${source.snapshot.id}`
}

/** The result of a run or a stored snapshot (the same component for both). */
export function ForecastResult({ view, source, day }: { view: ForecastView; source: ForecastSource; day?: string }) {
  const totalVolume = view.intervals.reduce((s, i) => s + i.mean, 0)
  return (
    <section id="forecast-result">
      <h2>
        {source.kind === 'snapshot' ? `${source.snapshot.name}: ` : 'Forecast: '}
        {view.queue.name}, {formatDate(view.fromDateKey)} – {formatDate(view.toDateKey)}, {view.intervalMinutes}-minute intervals
      </h2>
      <div class="stats">
        <div class="stat"><div class="value" id="forecast-total">{formatCount(totalVolume)}</div><div class="label">contacts expected</div></div>
        <div class="stat"><div class="value" id="forecast-model" data-model={view.model}><ModelName name={view.model} /></div><div class="label">volume model</div></div>
        <div class="stat"><div class="value">{view.ahtModel ? <ModelName name={view.ahtModel} /> : 'none'}</div><div class="label">AHT model</div></div>
        {view.coverage.map((c) => (
          <div class="stat"><div class="value">{percent(c.coverage)}</div><div class="label">{percent(c.level, 0)} intervals: coverage in backtest</div></div>
        ))}
      </div>
      {view.warnings.length ? (
        <div class="warning" id="forecast-warnings"><strong>Fallbacks and warnings</strong><ul>{view.warnings.map((w) => <li>{w}</li>)}</ul></div>
      ) : null}
      <VolumeChart view={view} />
      <h3>Why this model</h3>
      <p class="muted">Every candidate was backtested from rolling origins (trained on everything before each origin, scored on the days after it). The lowest mean MASE wins; MASE below 1 beats the same weekday and time one week earlier.
        {view.coverage.length ? ` The prediction intervals are calibrated on the backtest errors; held-out coverage: ${view.coverage.map((c) => `${percent(c.level, 0)} intervals covered ${percent(c.coverage)} of actuals`).join(', ')}.` : ' Too little history to calibrate the intervals: they are Poisson intervals around the mean.'}</p>
      <ModelScoreTable scores={view.scores} chosen={view.model} rerun={source.kind === 'job' ? source.form : undefined} />
      <h3>Accuracy by days ahead</h3>
      <HorizonAccuracyPanel accuracy={view.horizonAccuracy} note={view.horizonNote} />
      <h3>Average handle time</h3>
      <AhtChart view={view} />
      {view.ahtScores.length ? <ModelScoreTable id="aht-score-table" scores={view.ahtScores} chosen={view.ahtModel ?? ''} /> : null}
      <h3>By interval</h3>
      <ForecastTable view={view} source={source} day={day} />
      <p><a class="button" id="forecast-export" href={exportHref(source)} download>Download CSV</a></p>
      {source.kind === 'job' ? <PublishForm source={source} view={view} /> : <SnapshotStatus snapshot={source.snapshot} />}
    </section>
  )
}

export function VolumeChart({ view }: { view: ForecastView }) {
  const x = view.intervals.map((i) => i.startMs)
  const historyX = view.history.map((h) => h.startMs)
  const gap = view.intervalMinutes * 60_000 * 1.5
  const lines = [
    { name: 'history', x: historyX, y: view.history.map((h) => h.offered), className: 'line second', widthPx: 1 },
    { name: 'forecast (mean)', x, y: view.intervals.map((i) => i.mean), className: 'line' },
    ...(view.actuals?.length ? [{ name: 'actual', x: view.actuals.map((a) => a.startMs), y: view.actuals.map((a) => a.offered), color: '#111827', widthPx: 1 }] : []),
  ]
  return (
    <BandChart
      id="forecast-chart"
      title={`Contacts per ${view.intervalMinutes} minutes: recent history, forecast, 80% and 95% prediction intervals (${view.queue.timeZone})`}
      lines={lines}
      bands={[
        { name: '95% interval', x, lower: view.intervals.map((i) => i.lo95), upper: view.intervals.map((i) => i.hi95), className: 'band95' },
        { name: '80% interval', x, lower: view.intervals.map((i) => i.lo80), upper: view.intervals.map((i) => i.hi80), className: 'band80' },
      ]}
      xTicks={dayTicks([...historyX, ...x], view.queue.timeZone)}
      maxGapX={gap}
      markerX={x[0]}
      markerLabel="forecast"
      height={300}
    />
  )
}

export function AhtChart({ view }: { view: ForecastView }) {
  const x = view.intervals.map((i) => i.startMs)
  const open = view.intervals.map((i) => i.mean > 0)
  const historyWithAht = view.history.filter((h) => h.ahtSeconds !== null)
  if (!view.ahtModel && !historyWithAht.length) {
    return <p class="muted" id="aht-chart">The history has no handle times: the AHT column holds the fallback of {fixed(view.intervals[0]?.ahtMeanSeconds ?? Number.NaN, 0)} s.</p>
  }
  const gap = view.intervalMinutes * 60_000 * 1.5
  return (
    <BandChart
      id="aht-chart"
      title="AHT in seconds (open intervals): recent history, forecast and 80% interval"
      lines={[
        { name: 'history', x: historyWithAht.map((h) => h.startMs), y: historyWithAht.map((h) => h.ahtSeconds), className: 'line second', widthPx: 1 },
        { name: 'forecast (mean)', x, y: view.intervals.map((i, k) => (open[k] ? i.ahtMeanSeconds : null)), className: 'line' },
      ]}
      bands={[{ name: '80% interval', x, lower: view.intervals.map((i, k) => (open[k] ? i.ahtLo80Seconds : Number.NaN)), upper: view.intervals.map((i, k) => (open[k] ? i.ahtHi80Seconds : Number.NaN)), className: 'band80' }]}
      xTicks={dayTicks([...historyWithAht.map((h) => h.startMs), ...x], view.queue.timeZone)}
      maxGapX={gap}
      markerX={x[0]}
      height={220}
    />
  )
}

/** The backtest scores of every candidate, best first, the chosen one marked; a run can be repeated with any of them. */
export function ModelScoreTable({ id = 'model-score-table', scores, chosen, rerun }: { id?: string; scores: ModelScore[]; chosen: string; rerun?: ForecastFormValues }) {
  if (!scores.length) return <p id={id} class="muted">No backtest scores: the model was forced or the history is too short to backtest.</p>
  const naive = scores.find((s) => s.model === 'seasonalNaive')
  return (
    <table id={id}>
      <thead>
        <tr><th>Model</th><th class="num">MASE</th><th class="num">WAPE</th><th class="num">RMSE</th><th class="num">MASE vs seasonal naive</th><th class="num">Origins</th>{rerun ? <th></th> : null}</tr>
      </thead>
      <tbody>
        {scores.map((s) => (
          <tr class={s.model === chosen ? 'chosen' : undefined} aria-selected={s.model === chosen ? 'true' : undefined} style={s.model === chosen ? 'font-weight:600;background:#eff6ff' : undefined}>
            <td><ModelName name={s.model} />{s.model === chosen ? <> <span class="badge">chosen</span></> : null}{s.model === 'seasonalNaive' ? <> <span class="muted">(reference)</span></> : null}</td>
            <td class="num">{fixed(s.mase, 3)}</td>
            <td class="num">{percent(s.wape, 2)}</td>
            <td class="num">{fixed(s.rmse, 1)}</td>
            <td class="num">{naive && Number.isFinite(s.mase) ? percent(s.mase / naive.mase - 1, 1).replace(/^(?!-)/, '+') : '–'}</td>
            <td class="num">{s.origins}</td>
            {rerun ? (
              <td>
                {s.model === chosen ? null : (
                  <form method="post" action="/forecasts" hx-post="/forecasts" hx-target="#forecast-result" hx-swap="outerHTML" style="margin:0" hx-disabled-elt="find button[type=submit]">
                    <input type="hidden" name="queue" value={rerun.queue} />
                    <input type="hidden" name="intervalMinutes" value={rerun.intervalMinutes} />
                    <input type="hidden" name="from" value={rerun.from} />
                    <input type="hidden" name="to" value={rerun.to} />
                    <input type="hidden" name="model" value={modelFamilyOf(s.model) === 'combination' ? 'combination' : s.model} />
                    <button type="submit" class="secondary">Use this model</button>
                  </form>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const HORIZON_COLOURS = ['#2563eb', '#f97316', '#16a34a', '#9333ea', '#dc2626', '#0891b2']

/** MASE, WAPE and RMSE by days ahead for the chosen model and its best rivals, against the seasonal naive. */
export function HorizonAccuracyPanel({ accuracy, note }: { accuracy: HorizonAccuracy | null; note?: string }) {
  if (!accuracy || !accuracy.models.length) return <p id="horizon-accuracy" class="muted">{note ?? 'Not computed for this forecast.'}</p>
  const maxDays = Math.max(...accuracy.models.map((m) => m.byDaysAhead.length))
  const naive = accuracy.models.find((m) => m.isReference)
  const chosen = accuracy.models.find((m) => m.isChosen) ?? accuracy.models[0]
  return (
    <div id="horizon-accuracy">
      <p class="muted">Backtest from {accuracy.origins} origins, {accuracy.horizonDays} history days each. Days ahead count days with history (closed days are skipped). MASE is scaled by the in-sample error of the seasonal naive.</p>
      <BandChart
        id="horizon-chart"
        title="MASE by days ahead (lower is better; the seasonal naive is dashed)"
        lines={accuracy.models.map((m, k) => ({ name: humanModelName(m.model), x: m.byDaysAhead.map((h) => h.daysAhead), y: m.byDaysAhead.map((h) => h.mase), color: HORIZON_COLOURS[k % HORIZON_COLOURS.length], dashed: m.isReference, widthPx: m.isChosen ? 2.5 : 1.2 }))}
        xTicks={Array.from({ length: maxDays }, (_, i) => ({ x: i + 1, label: String(i + 1) })).filter((t) => maxDays <= 15 || t.x % 5 === 0 || t.x === 1)}
        formatY={(v) => formatDecimal(v, 2)}
        height={220}
      />
      <table id="horizon-table">
        <thead>
          <tr><th>Model</th><th class="num">MASE</th><th class="num">WAPE</th><th class="num">RMSE</th>{[1, 2, 5, 10, 20].filter((d) => d <= maxDays).map((d) => <th class="num">MASE day {d}</th>)}</tr>
        </thead>
        <tbody>
          {accuracy.models.map((m) => (
            <tr style={m.isChosen ? 'font-weight:600;background:#eff6ff' : undefined}>
              <td><ModelName name={m.model} />{m.isChosen ? <> <span class="badge">chosen</span></> : null}{m.isReference ? <> <span class="muted">(reference)</span></> : null}</td>
              <td class="num">{fixed(m.overall.mase, 3)}</td>
              <td class="num">{percent(m.overall.wape, 2)}</td>
              <td class="num">{fixed(m.overall.rmse, 1)}</td>
              {[1, 2, 5, 10, 20].filter((d) => d <= maxDays).map((d) => <td class="num">{fixed(m.byDaysAhead.find((h) => h.daysAhead === d)?.mase ?? Number.NaN, 3)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {naive && chosen !== naive ? (
        <details>
          <summary><ModelName name={chosen.model} /> against the seasonal naive, day by day</summary>
          <table id="horizon-days-table">
            <thead><tr><th class="num">Days ahead</th><th class="num">MASE</th><th class="num">WAPE</th><th class="num">RMSE</th><th class="num">Naive MASE</th><th class="num">Naive WAPE</th><th class="num">Naive RMSE</th><th class="num">Origins</th></tr></thead>
            <tbody>
              {chosen.byDaysAhead.map((h) => {
                const n = naive.byDaysAhead.find((x) => x.daysAhead === h.daysAhead)
                return (
                  <tr>
                    <td class="num">{h.daysAhead}</td><td class="num">{fixed(h.mase, 3)}</td><td class="num">{percent(h.wape, 2)}</td><td class="num">{fixed(h.rmse, 1)}</td>
                    <td class="num">{fixed(n?.mase ?? Number.NaN, 3)}</td><td class="num">{percent(n?.wape, 2)}</td><td class="num">{fixed(n?.rmse ?? Number.NaN, 1)}</td><td class="num">{h.origins}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  )
}

/** The forecast of one local day, interval by interval, with links to the other days (htmx swaps just the table). */
export function ForecastTable({ view, source, day }: { view: ForecastView; source: ForecastSource; day?: string }) {
  const tz = view.queue.timeZone
  // The local day of each interval, worked out once (92 days of 15-minute intervals: 8,832 zone conversions).
  const dayKeys = view.intervals.map((i) => localParts(i.startMs, tz).dateKey)
  const days: string[] = []
  for (const key of dayKeys) if (days[days.length - 1] !== key) days.push(key)
  const firstBusy = view.intervals.findIndex((i) => i.mean > 0)
  const selected = day && days.includes(day) ? day : firstBusy >= 0 ? dayKeys[firstBusy] : days[0]
  const rows = view.intervals.filter((_, k) => dayKeys[k] === selected)
  const actualByStart = view.actuals ? new Map(view.actuals.map((a) => [a.startMs, a.offered])) : null
  const base = sourceBase(source)
  const index = days.indexOf(selected)
  const link = (d: string, label: string) => (
    <a href={`${base}?day=${d}#forecast-table`} hx-get={`${base}/table?day=${d}`} hx-target="#forecast-table" hx-swap="outerHTML">{label}</a>
  )
  const dayTotal = rows.reduce((s, r) => s + r.mean, 0)
  return (
    <div id="forecast-table">
      <nav class="day-pager" style="display:flex;gap:1rem;align-items:center;flex-wrap:wrap">
        {index > 0 ? link(days[index - 1], '← previous day') : <span class="muted">← previous day</span>}
        <strong id="forecast-table-day">{localDayLabel(selected)}</strong>
        {index < days.length - 1 ? link(days[index + 1], 'next day →') : <span class="muted">next day →</span>}
        <span class="muted">day {index + 1} of {days.length}; {formatCount(dayTotal)} contacts expected</span>
      </nav>
      <table>
        <thead>
          <tr><th>Interval ({tz})</th><th class="num">Contacts</th><th class="num">80% interval</th><th class="num">95% interval</th>{actualByStart ? <th class="num">Actual</th> : null}<th class="num">AHT (s)</th><th class="num">AHT 80% interval</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{formatClock(formatLocalIso(r.startMs, tz).slice(11, 16))}</td>
              <td class="num">{fixed(r.mean, 1)}</td>
              <td class="num">{fixed(r.lo80, 1)} – {fixed(r.hi80, 1)}</td>
              <td class="num">{fixed(r.lo95, 1)} – {fixed(r.hi95, 1)}</td>
              {actualByStart ? <td class="num">{actualByStart.has(r.startMs) ? fixed(actualByStart.get(r.startMs)!, 0) : '–'}</td> : null}
              <td class="num">{fixed(r.ahtMeanSeconds, 0)}</td>
              <td class="num">{fixed(r.ahtLo80Seconds, 0)} – {fixed(r.ahtHi80Seconds, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function PublishForm({ source, view }: { source: Extract<ForecastSource, { kind: 'job' }>; view: ForecastView }) {
  if (source.publishedSnapshotId !== undefined) return <Published snapshotId={source.publishedSnapshotId} />
  const name = `${view.queue.name} ${view.fromDateKey} – ${view.toDateKey} (${view.model.startsWith('combination') ? 'combination' : view.model})`
  return (
    <div id="publish-outcome">
      <form id="publish-form" class="card" method="post" action={`/forecasts/jobs/${source.jobId}/publish`} hx-post={`/forecasts/jobs/${source.jobId}/publish`} hx-target="#publish-outcome" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
        <label>Name<input name="name" value={name} maxlength={200} required style="min-width:28rem" /></label>
        <p><button type="submit">Publish</button> <span class="muted">Published forecasts are the ones staffing and events use, and whose accuracy is tracked as actuals arrive.</span></p>
      </form>
    </div>
  )
}

export function Published({ snapshotId }: { snapshotId: number }) {
  return (
    <div id="publish-outcome" class="success">
      <p>Published as <a href={`/forecasts/${snapshotId}`} id="published-link">snapshot #{snapshotId}</a>. Staffing, schedules, event flags, scenarios and <code>chatplan plan</code> now plan from it for the dates it covers (at its interval length); elsewhere they forecast afresh.</p>
    </div>
  )
}

export function SnapshotStatus({ snapshot }: { snapshot: ForecastSnapshot }) {
  return (
    <form id="snapshot-status" method="post" action={`/forecasts/${snapshot.id}/published`} hx-post={`/forecasts/${snapshot.id}/published`} hx-target="#snapshot-status" hx-swap="outerHTML" class="card" hx-disabled-elt="find button[type=submit]">
      <p>
        {snapshot.published ? <><span class="badge">published</span> This forecast is in use. </> : <>This forecast is stored but not published. </>}
        <input type="hidden" name="published" value={snapshot.published ? '0' : '1'} />
        <button type="submit" class="secondary">{snapshot.published ? 'Withdraw' : 'Publish'}</button>
      </p>
    </form>
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Stored snapshots and forecast vs actual

export function SnapshotList({ snapshots, queues, oob }: { snapshots: ForecastSnapshot[]; queues: Queue[]; oob?: boolean }) {
  const queueName = new Map(queues.map((q) => [q.id, q.name]))
  return (
    <div id="snapshot-list" hx-swap-oob={oob ? 'true' : undefined}>
      {snapshots.length === 0 ? <p class="muted">No stored forecasts yet: run one and publish it.</p> : (
        <table>
          <thead><tr><th>#</th><th>Name</th><th>Queue</th><th>Horizon</th><th class="num">Interval</th><th>Model</th><th>Stored</th><th>Status</th><th>CSV</th></tr></thead>
          <tbody>
            {snapshots.map((s) => (
              <tr>
                <td>{s.id}</td>
                <td><a href={`/forecasts/${s.id}`}>{s.name}</a></td>
                <td>{queueName.get(s.queueId) ?? s.queueId}</td>
                <td>{formatDate(s.fromDateKey)} – {formatDate(s.toDateKey)}</td>
                <td class="num">{s.intervalMinutes} min</td>
                <td><ModelName name={s.model} /></td>
                <td>{formatUtcStamp(s.createdAtMs)}</td>
                <td>{s.published ? <span class="badge">published</span> : <span class="muted">withdrawn</span>}</td>
                <td><a href={`/forecasts/export.csv?snapshot=${s.id}`} download>CSV</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/** Published snapshots against the actuals that have arrived since: WAPE and bias per snapshot and per day. */
export function AccuracyReport({ queue, items }: { queue: Queue; items: SnapshotAccuracy[] }) {
  const withActuals = items.filter((i) => i.days.length > 0)
  if (!withActuals.length) {
    return <div id="accuracy-report"><p class="muted">No published forecast of {queue.name} has actuals yet. Once history for a published horizon is imported, its WAPE and bias appear here, day by day.</p></div>
  }
  const dayMs = (dateKey: string) => Date.parse(dateKey + 'T00:00:00Z')
  const allDays = [...new Set(withActuals.flatMap((i) => i.days.map((d) => d.dateKey)))].sort()
  const every = Math.max(1, Math.ceil(allDays.length / 12))
  const ticks = allDays.filter((_, k) => k % every === 0).map((d) => ({ x: dayMs(d), label: d.slice(5) }))
  const lines = (metric: 'wape' | 'bias') => withActuals.map((item, k) => ({
    name: `#${item.snapshot.id} ${item.snapshot.name}`,
    x: item.days.map((d) => dayMs(d.dateKey)),
    y: item.days.map((d) => d[metric]),
    color: HORIZON_COLOURS[k % HORIZON_COLOURS.length],
  }))
  const bias = withActuals.flatMap((i) => i.days.map((d) => d.bias ?? 0))
  return (
    <div id="accuracy-report">
      <table id="accuracy-table">
        <thead><tr><th>Snapshot</th><th>Model</th><th>Horizon</th><th class="num">Days with actuals</th><th class="num">Forecast</th><th class="num">Actual</th><th class="num">WAPE</th><th class="num">Bias</th></tr></thead>
        <tbody>
          {withActuals.map((i) => (
            <tr>
              <td><a href={`/forecasts/${i.snapshot.id}`}>#{i.snapshot.id} {i.snapshot.name}</a></td>
              <td><ModelName name={i.snapshot.model} /></td>
              <td>{formatDate(i.snapshot.fromDateKey)} – {formatDate(i.snapshot.toDateKey)}</td>
              <td class="num">{i.days.length}</td>
              <td class="num">{formatCount(i.forecast)}</td>
              <td class="num">{formatCount(i.actual)}</td>
              <td class="num" data-wape={String(i.wape)}>{percent(i.wape, 2)}</td>
              <td class="num">{signedPercent(i.bias)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BandChart id="accuracy-wape-chart" title="WAPE per day (sum |forecast − actual| / sum actual)" lines={lines('wape')} xTicks={ticks} maxGapX={4 * DAY_MS} formatY={(v) => `${Math.round(v * 100)}%`} height={220} />
      <BandChart id="accuracy-bias-chart" title="Bias per day ((forecast − actual) / actual; above 0 = over-forecast)" lines={lines('bias')} xTicks={ticks} maxGapX={4 * DAY_MS} yMin={Math.min(0, ...bias)} formatY={(v) => `${Math.round(v * 100)}%`} height={220} />
    </div>
  )
}

/** A stored snapshot: the same result view, with what has arrived since, and its forecast vs actual by day. */
export function SnapshotPage({ view, snapshot, accuracy, day }: { view: ForecastView; snapshot: ForecastSnapshot; accuracy: SnapshotAccuracy; day?: string }) {
  return (
    <Layout title={`Forecast #${snapshot.id}`} active="/forecasts">
      <p><a href={`/forecasts?queue=${view.queue.id}`}>← Forecast page of {view.queue.name}</a></p>
      <h1>Stored forecast #{snapshot.id}</h1>
      <p class="muted">Stored {formatUtcStamp(snapshot.createdAtMs)}.</p>
      <div id="forecast-screen">
        <h2>Forecast vs actual</h2>
        <AccuracyReport queue={view.queue} items={[accuracy]} />
        <ForecastResult view={view} source={{ kind: 'snapshot', snapshot }} day={day} />
      </div>
    </Layout>
  )
}
