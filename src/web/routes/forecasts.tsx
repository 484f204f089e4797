/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Forecast routes: the page, a run as a background job (forecastQueue in a worker thread, progress polled by htmx or
 * a self-refreshing page), the table per day, publishing a run as a snapshot, stored snapshots with forecast vs
 * actual, and CSV export of a run or a snapshot.
 */
import { Hono, type Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { z } from 'zod'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import { findQueueById, listQueues } from '../../db/queues.ts'
import { historyRange, listHistoryIntervals, type DataRange } from '../../db/history.ts'
import type { ForecastSnapshot, Queue } from '../../db/schema.ts'
import { findSnapshot, insertSnapshot, listSnapshotIntervals, listSnapshots, setSnapshotPublished, snapshotDetails, snapshotOfQueueForecast } from '../../db/forecasts.ts'
import { MODEL_FAMILIES } from '../../forecast/models/index.ts'
import { completeHistoryDays, forecastQueue, openHoursForForecast, type QueueForecast } from '../../planning/queueForecast.ts'
import { horizonAccuracyInWorker, modelsToCompare, publishedSnapshotsAccuracy, snapshotAccuracy, type HorizonAccuracy } from '../../planning/forecastAccuracy.ts'
import { daysBetween, localParts, nextDateKey } from '../../time/zones.ts'
import { renderPage } from '../../../views/Layout.tsx'
import {
  AccuracyReport, ForecastFailed, ForecastProgress, ForecastResult, ForecastTable, ForecastsPage, Published, SnapshotList, SnapshotPage, SnapshotStatus,
  INTERVAL_CHOICES, type ForecastFormValues, type ForecastView,
} from '../../../views/forecasts/ForecastsPage.tsx'
import { forecastCsv } from '../../../views/forecasts/forecastCsv.ts'
import { formatDate } from '../../format/dateTime.ts'

const DAY_MS = 86_400_000
const HISTORY_SHOWN_DAYS = 14
const MAX_HORIZON_DAYS = 92
const DEFAULT_HORIZON_DAYS = 28

interface ForecastJobResult {
  queue: Queue
  form: ForecastFormValues
  forecast: QueueForecast
  horizonAccuracy: HorizonAccuracy | null
  horizonNote?: string
  publishedSnapshotId?: number
}

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)').refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')), 'is not a calendar date')
const formSchema = z.object({
  queue: z.string().regex(/^\d+$/, 'choose a queue'),
  intervalMinutes: z.enum(INTERVAL_CHOICES.map(String) as [string, ...string[]], { message: `must be one of ${INTERVAL_CHOICES.join(', ')}` }),
  from: dateKey,
  to: dateKey,
  model: z.string().max(200).regex(/^[A-Za-z]*(:[A-Za-z0-9=.,]+)?$/, 'is not a model name').default(''),
})

/** Interval lengths the history supports: multiples of the length it was imported at (finer would invent data). */
function supportedIntervals(range: DataRange): number[] {
  return INTERVAL_CHOICES.filter((m) => range.source !== 'intervals' || m % range.intervalMinutes === 0)
}

/** The default run of a queue: the four weeks after its history, at the queue's interval length where possible. */
function defaultForm(queue: Queue, range: DataRange): ForecastFormValues {
  const supported = supportedIntervals(range)
  const intervalMinutes = supported.includes(queue.intervalMinutes) ? queue.intervalMinutes : supported.find((m) => m >= queue.intervalMinutes) ?? supported[supported.length - 1] ?? 60
  const from = range.source === 'none' ? new Date().toISOString().slice(0, 10) : nextDateKey(localParts(range.lastMs, queue.timeZone).dateKey)
  let to = from
  for (let i = 1; i < DEFAULT_HORIZON_DAYS; i++) to = nextDateKey(to)
  return { queue: String(queue.id), intervalMinutes: String(intervalMinutes), from, to, model: '' }
}

function historyNote(queue: Queue, range: DataRange): string | undefined {
  if (range.source === 'none') return undefined
  const first = localParts(range.firstMs, queue.timeZone).dateKey
  const last = localParts(range.lastMs, queue.timeZone).dateKey
  return `${formatDate(first)} – ${formatDate(last)}, ${range.source === 'intervals' ? `${range.intervalMinutes}-minute interval aggregates` : 'contact records'}`
}

/** The checks of a submitted form that need the database; a message for the user, or null when it can run. */
function formProblem(form: ForecastFormValues, queue: Queue | undefined, range: DataRange | null): string | null {
  if (!queue || !range) return `there is no queue with id ${form.queue}`
  if (range.source === 'none') return `queue '${queue.name}' has no history to forecast from: import contacts or interval aggregates first`
  const days = daysBetween(form.from, form.to) + 1
  if (days < 1) return `the horizon ends (${form.to}) before it starts (${form.from})`
  if (days > MAX_HORIZON_DAYS) return `the horizon is ${days} days; forecast at most ${MAX_HORIZON_DAYS} days (about 13 weeks) at a time`
  const minutes = Number(form.intervalMinutes)
  if (!supportedIntervals(range).includes(minutes)) return `the history of '${queue.name}' is in ${range.intervalMinutes}-minute intervals, so it cannot be forecast in ${minutes}-minute intervals: choose ${supportedIntervals(range).join(' or ')} minutes`
  return null
}

/** Forecast view of a finished run: its intervals and the last two weeks of history before them. */
function viewOfRun(run: ForecastJobResult): ForecastView {
  const { forecast, queue } = run
  const firstMs = forecast.intervals[0]?.startMs ?? 0
  return {
    queue, intervalMinutes: forecast.intervalMinutes, fromDateKey: forecast.fromDateKey, toDateKey: forecast.toDateKey,
    model: forecast.volume.model, scores: forecast.volume.scores, ahtModel: forecast.aht?.model ?? null, ahtScores: forecast.aht?.scores ?? [],
    coverage: forecast.volume.intervalCoverage, warnings: [...forecast.volume.warnings, ...(forecast.aht?.warnings ?? []).map((w) => `AHT: ${w}`)],
    intervals: forecast.intervals.map((i) => ({
      startMs: i.startMs, mean: i.volume, lo80: i.volumeLo80, hi80: i.volumeHi80, lo95: i.volumeLo95, hi95: i.volumeHi95,
      ahtMeanSeconds: i.ahtSeconds, ahtLo80Seconds: i.ahtLo80, ahtHi80Seconds: i.ahtHi80,
    })),
    history: forecast.history.filter((h) => h.startMs >= firstMs - HISTORY_SHOWN_DAYS * DAY_MS),
    horizonAccuracy: run.horizonAccuracy,
    horizonNote: run.horizonNote,
  }
}

/** Forecast view of a stored snapshot: its intervals, two weeks of history before, and the actuals since. */
async function viewOfSnapshot(deps: WebDeps, queue: Queue, snapshot: ForecastSnapshot): Promise<ForecastView> {
  const details = snapshotDetails(snapshot)
  const minutes = snapshot.intervalMinutes
  const endMs = snapshot.lastIntervalStartMs + minutes * 60_000
  const [intervals, before, since] = await Promise.all([
    listSnapshotIntervals(deps.db, snapshot.id),
    listHistoryIntervals(deps.db, queue, minutes, snapshot.firstIntervalStartMs - HISTORY_SHOWN_DAYS * DAY_MS, snapshot.firstIntervalStartMs),
    listHistoryIntervals(deps.db, queue, minutes, snapshot.firstIntervalStartMs, endMs),
  ])
  return {
    queue, intervalMinutes: minutes, fromDateKey: snapshot.fromDateKey, toDateKey: snapshot.toDateKey,
    model: snapshot.model, scores: details.scores, ahtModel: snapshot.ahtModel, ahtScores: details.ahtScores,
    coverage: details.coverage, warnings: details.warnings,
    intervals: intervals.map((i) => ({ ...i, startMs: i.intervalStartMs })),
    history: completeHistoryDays(before, queue.timeZone, minutes).filter((h) => h.startMs < snapshot.firstIntervalStartMs),
    actuals: completeHistoryDays(since, queue.timeZone, minutes).filter((h) => h.startMs >= snapshot.firstIntervalStartMs && h.startMs < endMs),
    horizonAccuracy: details.horizonAccuracy,
  }
}

function csvResponse(c: Context, csv: string, fileName: string) {
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, '_')}"` })
}

export function forecastRoutes(deps: WebDeps) {
  const { db, jobs } = deps
  const app = new Hono()
  /** The form and the steps (models backtested) of each run, for the progress list and failure messages. */
  const runInfo = new Map<string, { form: ForecastFormValues; steps: string[] }>()

  const page = async (queue: Queue | null, form: ForecastFormValues | null, outcome?: unknown) => {
    const queues = await listQueues(db)
    const range = queue ? await historyRange(db, queue.id) : null
    return renderPage(
      <ForecastsPage
        queues={queues} queue={queue} modelFamilies={MODEL_FAMILIES}
        form={form ?? (queue && range ? defaultForm(queue, range) : { queue: '', intervalMinutes: '30', from: '', to: '', model: '' })}
        historyNote={queue && range ? historyNote(queue, range) : undefined}
        snapshots={queue ? await listSnapshots(db, { queueId: queue.id, limit: 20 }) : []}
        accuracy={queue ? await publishedSnapshotsAccuracy(db, queue, 10) : []}
        outcome={outcome}
      />,
    )
  }

  app.get('/', async (c) => {
    const queue = pickQueue(await listQueues(db), c.req.query('queue'))
    if (!queue) return c.html(await page(null, null))
    const defaults = defaultForm(queue, await historyRange(db, queue.id))
    const q = c.req.query()
    const form: ForecastFormValues = {
      queue: String(queue.id),
      intervalMinutes: q.intervalMinutes ?? defaults.intervalMinutes,
      from: q.from ?? defaults.from,
      to: q.to ?? defaults.to,
      model: q.model ?? '',
    }
    return c.html(await page(queue, form))
  })

  app.post('/', async (c) => {
    const body = await c.req.parseBody()
    const raw = Object.fromEntries(['queue', 'intervalMinutes', 'from', 'to', 'model'].map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).trim() : '']))
    const parsed = formSchema.safeParse(raw)
    const form = raw as unknown as ForecastFormValues
    const queue = parsed.success ? await findQueueById(db, Number(parsed.data.queue)) : undefined
    const range = queue ? await historyRange(db, queue.id) : null
    const problem = parsed.success
      ? formProblem(parsed.data as ForecastFormValues, queue, range)
      : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'form')} ${i.message}`).join('; ')
    if (problem || !queue) {
      const failed = <ForecastFailed message={problem ?? 'choose a queue'} />
      if (isFragmentRequest(c)) return c.html(failed, 422)
      const queues = await listQueues(db)
      return c.html(await page(queue ?? pickQueue(queues, form.queue), form, failed), 422)
    }
    const valid = parsed.data as ForecastFormValues
    const steps: string[] = []
    const job = jobs.start<ForecastJobResult>('forecast', async (report) => {
      report(0.02, 'reading the history')
      const forecast = await forecastQueue(db, queue, {
        fromDateKey: valid.from, toDateKey: valid.to, intervalMinutes: Number(valid.intervalMinutes), model: valid.model || undefined, inWorker: true,
        onProgress: (p) => {
          if (p.stage === 'backtest') { steps.push(p.message); report(0.05 + 0.75 * (p.done / Math.max(1, p.total)), p.message) }
          else if (p.stage === 'fit') report(0.82, `${p.message}; then the AHT forecast`)
          else report(0.03, p.message)
        },
      })
      const run: ForecastJobResult = { queue, form: valid, forecast, horizonAccuracy: null }
      if (forecast.volume.scores.length) {
        const names = modelsToCompare(forecast.volume)
        report(0.9, `accuracy by days ahead: backtesting ${names.length} models`)
        const input = {
          timestamps: forecast.history.map((h) => h.startMs), volumes: forecast.history.map((h) => h.offered),
          futureTimestamps: forecast.intervals.map((i) => i.startMs), timeZone: queue.timeZone, intervalMinutes: forecast.intervalMinutes,
          openHours: openHoursForForecast(queue), specialDays: forecast.specialDays,
        }
        try {
          run.horizonAccuracy = await horizonAccuracyInWorker(input, names, forecast.volume.model)
          steps.push(`accuracy by days ahead of ${names.length} models`)
        } catch (error) {
          run.horizonNote = `The accuracy by days ahead could not be computed: ${(error as Error).message}`
        }
      } else {
        run.horizonNote = 'No backtest was possible (too little history), so there is no accuracy by days ahead.'
      }
      return run
    })
    runInfo.set(job.id, { form: valid, steps })
    for (const id of runInfo.keys()) if (!jobs.get(id)) runInfo.delete(id)
    if (isFragmentRequest(c)) return c.html(<ForecastProgress jobId={job.id} fraction={0} message="starting" steps={[]} />, 202)
    return c.redirect(`/forecasts/jobs/${job.id}`, 303)
  })

  /** The run's state: progress while running, the result when done, the error when it failed. */
  const runOutcome = (id: string, day?: string): { status: 200 | 404 | 422 | 500; node: JSX.Element; run?: ForecastJobResult } => {
    const job = jobs.get(id)
    if (!job || job.kind !== 'forecast') return { status: 404, node: <ForecastFailed message="This forecast run is no longer known (runs are kept for an hour, and not across restarts). Run it again." /> }
    if (job.state.status === 'running') return { status: 200, node: <ForecastProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} steps={runInfo.get(job.id)?.steps ?? []} /> }
    if (job.state.status === 'failed') {
      const error = job.state.error as Error
      const expected = error instanceof RangeError || error instanceof TypeError
      if (!expected) console.error(error)
      const hint = runInfo.get(id)?.form.model ? '' : ' Choosing a model in the form (e.g. weekdayMean) forecasts without the automatic choice.'
      return { status: expected ? 422 : 500, node: <ForecastFailed message={expected ? error.message : `the forecast failed unexpectedly: ${String(error?.message ?? error)}.${hint}`} /> }
    }
    const run = job.state.result as ForecastJobResult
    return { status: 200, run, node: <ForecastResult view={viewOfRun(run)} source={{ kind: 'job', jobId: job.id, form: run.form, publishedSnapshotId: run.publishedSnapshotId }} day={day} /> }
  }

  app.get('/jobs/:id{[0-9a-z]+}', async (c) => {
    const outcome = runOutcome(c.req.param('id'), c.req.query('day'))
    const fragment = isFragmentRequest(c)
    if (fragment) return c.html(outcome.node, outcome.status)
    const job = jobs.get(c.req.param('id'))
    if (job?.state.status === 'running') c.header('Refresh', '1')
    const queue = outcome.run?.queue ?? pickQueue(await listQueues(db), undefined)
    return c.html(await page(queue, outcome.run?.form ?? null, outcome.node), outcome.status)
  })

  app.get('/jobs/:id{[0-9a-z]+}/table', async (c) => {
    const job = jobs.get(c.req.param('id'))
    if (!job || job.kind !== 'forecast' || job.state.status !== 'done') return c.html(<ForecastFailed message="This forecast run is not available any more. Run it again." />, 404)
    const run = job.state.result as ForecastJobResult
    const source = { kind: 'job' as const, jobId: job.id, form: run.form, publishedSnapshotId: run.publishedSnapshotId }
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/jobs/${job.id}?day=${encodeURIComponent(c.req.query('day') ?? '')}#forecast-table`, 303)
    return c.html(<ForecastTable view={viewOfRun(run)} source={source} day={c.req.query('day')} />)
  })

  app.post('/jobs/:id{[0-9a-z]+}/publish', async (c) => {
    const job = jobs.get(c.req.param('id'))
    if (!job || job.kind !== 'forecast' || job.state.status !== 'done') return c.html(<ForecastFailed message="This forecast run is not available any more, so it cannot be published. Run it again." />, 404)
    const run = job.state.result as ForecastJobResult
    if (run.publishedSnapshotId === undefined) {
      const body = await c.req.parseBody()
      const name = (typeof body.name === 'string' ? body.name.trim() : '').slice(0, 200) || `${run.queue.name} ${run.forecast.fromDateKey} – ${run.forecast.toDateKey}`
      const snapshot = await insertSnapshot(db, snapshotOfQueueForecast(run.forecast, { name, published: true, horizonAccuracy: run.horizonAccuracy }))
      run.publishedSnapshotId = snapshot.id
      await auditChange(c, db, { action: 'forecast.publish', entity: 'forecast', entityId: snapshot.id, summary: `'${name}'` })
    }
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/${run.publishedSnapshotId}`, 303)
    const [queues, snapshots] = await Promise.all([listQueues(db), listSnapshots(db, { queueId: run.queue.id, limit: 20 })])
    return c.html(<><Published snapshotId={run.publishedSnapshotId} /><SnapshotList snapshots={snapshots} queues={queues} oob /></>)
  })

  const snapshotWithQueue = async (idText: string) => {
    const snapshot = await findSnapshot(db, Number(idText))
    const queue = snapshot ? await findQueueById(db, snapshot.queueId) : undefined
    return snapshot && queue ? { snapshot, queue } : null
  }
  const notFound = async (c: Context, what: string) => c.html(isFragmentRequest(c) ? <ForecastFailed message={`There is no ${what}.`} /> : await page(null, null, <ForecastFailed message={`There is no ${what}.`} />), 404)

  app.get('/:id{[0-9]+}', async (c) => {
    const found = await snapshotWithQueue(c.req.param('id'))
    if (!found) return notFound(c, `stored forecast #${c.req.param('id')}`)
    const [view, accuracy] = await Promise.all([viewOfSnapshot(deps, found.queue, found.snapshot), snapshotAccuracy(db, found.queue, found.snapshot)])
    return c.html(renderPage(<SnapshotPage view={view} snapshot={found.snapshot} accuracy={accuracy} day={c.req.query('day')} />))
  })

  app.get('/:id{[0-9]+}/table', async (c) => {
    const found = await snapshotWithQueue(c.req.param('id'))
    if (!found) return notFound(c, `stored forecast #${c.req.param('id')}`)
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/${found.snapshot.id}?day=${encodeURIComponent(c.req.query('day') ?? '')}#forecast-table`, 303)
    const view = await viewOfSnapshot(deps, found.queue, found.snapshot)
    return c.html(<ForecastTable view={view} source={{ kind: 'snapshot', snapshot: found.snapshot }} day={c.req.query('day')} />)
  })

  app.post('/:id{[0-9]+}/published', async (c) => {
    const body = await c.req.parseBody()
    if (body.published !== '0' && body.published !== '1') return c.html(<ForecastFailed message={`published must be 0 or 1, got '${String(body.published ?? '')}'`} />, 422)
    const snapshot = await setSnapshotPublished(db, Number(c.req.param('id')), body.published === '1')
    if (!snapshot) return notFound(c, `stored forecast #${c.req.param('id')}`)
    await auditChange(c, db, { action: body.published === '1' ? 'forecast.publish' : 'forecast.unpublish', entity: 'forecast', entityId: snapshot.id, summary: `'${snapshot.name}'` })
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/${snapshot.id}`, 303)
    return c.html(<SnapshotStatus snapshot={snapshot} />)
  })

  app.get('/accuracy', async (c) => {
    const queue = pickQueue(await listQueues(db), c.req.query('queue'))
    if (!queue) return notFound(c, 'queue with history')
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts?queue=${queue.id}#accuracy-report`, 303)
    return c.html(<AccuracyReport queue={queue} items={await publishedSnapshotsAccuracy(db, queue, 10)} />)
  })

  app.get('/export.csv', async (c) => {
    const snapshotId = c.req.query('snapshot')
    const jobId = c.req.query('job')
    if (snapshotId !== undefined) {
      const found = /^[0-9]+$/.test(snapshotId) ? await snapshotWithQueue(snapshotId) : null
      if (!found) return c.text(`There is no stored forecast #${snapshotId}.`, 404)
      const rows = (await listSnapshotIntervals(db, found.snapshot.id)).map((i) => ({ ...i, startMs: i.intervalStartMs }))
      return csvResponse(c, forecastCsv(rows, found.queue.timeZone), `forecast-${found.snapshot.id}-${found.queue.name}-${found.snapshot.fromDateKey}-${found.snapshot.toDateKey}.csv`)
    }
    if (jobId !== undefined) {
      const job = /^[0-9a-z]+$/.test(jobId) ? jobs.get(jobId) : undefined
      if (!job || job.kind !== 'forecast' || job.state.status !== 'done') return c.text('This forecast run is not available (still running, failed, or forgotten after an hour). Run it again or export a stored forecast.', 404)
      const run = job.state.result as ForecastJobResult
      return csvResponse(c, forecastCsv(viewOfRun(run).intervals, run.queue.timeZone), `forecast-${run.queue.name}-${run.forecast.fromDateKey}-${run.forecast.toDateKey}.csv`)
    }
    return c.text('Say what to export: /forecasts/export.csv?snapshot=ID or ?job=ID.', 400)
  })

  return app
}
