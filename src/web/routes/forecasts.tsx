/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Forecast routes: the page, a run as a background job (forecastQueue in a worker thread, progress polled by htmx or
 * a self-refreshing page), the table per day, publishing a run as a snapshot, stored snapshots with forecast vs
 * actual, and CSV export of a run or a snapshot. The form is read by src/web/forms/forecasts.ts; the runs, views and
 * snapshots come from src/planning/forecastsPage.ts.
 */
import { Hono, type Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { MODEL_FAMILIES } from '../../forecast/models/index.ts'
import { publishedSnapshotsAccuracy, snapshotAccuracy } from '../../planning/forecastAccuracy.ts'
import {
  forecastsOfQueue, historyRangeOf, publishRun, queueById, queuesOf, runForecast, setPublished, snapshotRows, snapshotWithQueue as storedSnapshot, viewOfRun,
  viewOfSnapshot, type ForecastJobResult,
} from '../../planning/forecastsPage.ts'
import { defaultForm, forecastFormFrom, formProblem, formSchema, historyNote } from '../forms/forecasts.ts'
import { renderPage } from '../../../views/Layout.tsx'
import {
  AccuracyReport, ForecastFailed, ForecastProgress, ForecastResult, ForecastTable, ForecastsPage, Published, SnapshotList, SnapshotPage, SnapshotStatus,
  type ForecastFormValues,
} from '../../../views/forecasts/ForecastsPage.tsx'
import { forecastCsv } from '../../../views/forecasts/forecastCsv.ts'

function csvResponse(c: Context, csv: string, fileName: string) {
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, '_')}"` })
}

export function forecastRoutes(deps: WebDeps) {
  const { db, jobs } = deps
  const app = new Hono()
  /** The form and the steps (models backtested) of each run, for the progress list and failure messages. */
  const runInfo = new Map<string, { form: ForecastFormValues; steps: string[] }>()

  const page = async (queue: Queue | null, form: ForecastFormValues | null, outcome?: unknown) => {
    const queues = await queuesOf(db)
    const range = queue ? await historyRangeOf(db, queue) : null
    return renderPage(
      <ForecastsPage
        queues={queues} queue={queue} modelFamilies={MODEL_FAMILIES}
        form={form ?? (queue && range ? defaultForm(queue, range) : { queue: '', intervalMinutes: '30', from: '', to: '', model: '' })}
        historyNote={queue && range ? historyNote(queue, range) : undefined}
        {...await forecastsOfQueue(db, queue)}
        outcome={outcome}
      />,
    )
  }

  app.get('/', async (c) => {
    const queue = pickQueue(await queuesOf(db), c.req.query('queue'))
    if (!queue) return c.html(await page(null, null))
    const defaults = defaultForm(queue, await historyRangeOf(db, queue))
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
    const raw = forecastFormFrom(body)
    const parsed = formSchema.safeParse(raw)
    const form = raw as unknown as ForecastFormValues
    const queue = parsed.success ? await queueById(db, Number(parsed.data.queue)) : undefined
    const range = queue ? await historyRangeOf(db, queue) : null
    const problem = parsed.success
      ? formProblem(parsed.data as ForecastFormValues, queue, range)
      : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'form')} ${i.message}`).join('; ')
    if (problem || !queue) {
      const failed = <ForecastFailed message={problem ?? 'choose a queue'} />
      if (isFragmentRequest(c)) return c.html(failed, 422)
      return c.html(await page(queue ?? pickQueue(await queuesOf(db), undefined), form, failed), 422)
    }
    const valid = parsed.data as ForecastFormValues
    const steps: string[] = []
    const job = jobs.start<ForecastJobResult>('forecast', async (report) => {
      return runForecast(db, queue, valid, report, steps)
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
    const queue = outcome.run?.queue ?? pickQueue(await queuesOf(db), undefined)
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
      const snapshot = await publishRun(db, run, typeof body.name === 'string' ? body.name : '')
      await auditChange(c, db, { action: 'forecast.publish', entity: 'forecast', entityId: snapshot.id, summary: `'${snapshot.name}'` })
    }
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/${run.publishedSnapshotId}`, 303)
    const [queues, { snapshots }] = await Promise.all([queuesOf(db), forecastsOfQueue(db, run.queue)])
    return c.html(<><Published snapshotId={run.publishedSnapshotId!} /><SnapshotList snapshots={snapshots} queues={queues} oob /></>)
  })

  const snapshotWithQueue = (idText: string) => storedSnapshot(db, Number(idText))
  const notFound = async (c: Context, what: string) => c.html(isFragmentRequest(c) ? <ForecastFailed message={`There is no ${what}.`} /> : await page(null, null, <ForecastFailed message={`There is no ${what}.`} />), 404)

  app.get('/:id{[0-9]+}', async (c) => {
    const found = await snapshotWithQueue(c.req.param('id'))
    if (!found) return notFound(c, `stored forecast #${c.req.param('id')}`)
    const [view, accuracy] = await Promise.all([viewOfSnapshot(db, found.queue, found.snapshot), snapshotAccuracy(db, found.queue, found.snapshot)])
    return c.html(renderPage(<SnapshotPage view={view} snapshot={found.snapshot} accuracy={accuracy} day={c.req.query('day')} />))
  })

  app.get('/:id{[0-9]+}/table', async (c) => {
    const found = await snapshotWithQueue(c.req.param('id'))
    if (!found) return notFound(c, `stored forecast #${c.req.param('id')}`)
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/${found.snapshot.id}?day=${encodeURIComponent(c.req.query('day') ?? '')}#forecast-table`, 303)
    const view = await viewOfSnapshot(db, found.queue, found.snapshot)
    return c.html(<ForecastTable view={view} source={{ kind: 'snapshot', snapshot: found.snapshot }} day={c.req.query('day')} />)
  })

  app.post('/:id{[0-9]+}/published', async (c) => {
    const body = await c.req.parseBody()
    if (body.published !== '0' && body.published !== '1') return c.html(<ForecastFailed message={`published must be 0 or 1, got '${String(body.published ?? '')}'`} />, 422)
    const snapshot = await setPublished(db, Number(c.req.param('id')), body.published === '1')
    if (!snapshot) return notFound(c, `stored forecast #${c.req.param('id')}`)
    await auditChange(c, db, { action: body.published === '1' ? 'forecast.publish' : 'forecast.unpublish', entity: 'forecast', entityId: snapshot.id, summary: `'${snapshot.name}'` })
    if (!isFragmentRequest(c)) return c.redirect(`/forecasts/${snapshot.id}`, 303)
    return c.html(<SnapshotStatus snapshot={snapshot} />)
  })

  app.get('/accuracy', async (c) => {
    const queue = pickQueue(await queuesOf(db), c.req.query('queue'))
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
      const rows = await snapshotRows(db, found.snapshot)
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
