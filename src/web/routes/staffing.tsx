/**
 * Staffing routes: the page for a queue and date range, its SLA settings (saved per queue), the forecast as a
 * background job polled by htmx (or a self-refreshing page without JavaScript), the plan's fragments ("explain this
 * interval", the simulation check, "measure k and α from history") and the CSV export. The SLA form is read by
 * src/web/forms/staffing.ts; the plan context and settings come from src/planning/staffingPage.ts.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { StaffingSettingsConflictError } from '../../db/staffingSettings.ts'
import { forecastQueue, publishedForecastIdOf, withDateHours, type QueueForecast } from '../../planning/queueForecast.ts'
import type { StaffingSettings } from '../../planning/staffingPlan.ts'
import { historySpanKey, planContext, queueOfValue, queuesOf, saveSettings, settingsOf as savedSettingsOf, type PlanContext } from '../../planning/staffingPage.ts'
import { conflictMessage, formValuesFrom, formVersionOf, runsOf, settingsFromForm, withMeasured } from '../forms/staffing.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { StaffingPage, StaffingPlanError, StaffingProgress, StaffingWorkspace } from '../../../views/staffing/StaffingPage.tsx'
import { SlaForm, formValuesOf } from '../../../views/staffing/SlaForm.tsx'
import { PlanSection } from '../../../views/staffing/PlanSection.tsx'
import { IntervalExplanation } from '../../../views/staffing/IntervalExplanation.tsx'
import { SimulationCheck } from '../../../views/staffing/SimulationCheck.tsx'
import { measureQueueConcurrencyInWorker, staffingPlanInWorker, type StaffingPlanBundle, type StaffingPlanExtras } from '../../planning/staffingPlanTask.ts'

export { formVersionOf, settingsFromForm } from '../forms/staffing.ts'

export function staffingRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()
  /** Forecast jobs by queue, range and history span, so the page, its fragments and the export share one run. */
  const forecasts = new Map<string, { jobId: string; promise: Promise<QueueForecast> }>()

  const contextOf = (queue: Queue, from: string | undefined, to: string | undefined) => planContext(db, queue, from, to)
  const settingsOf = (queueId: number) => savedSettingsOf(db, queueId)

  /** The version a re-rendered form keeps (the one it was opened on, else the stored one). */
  async function keptVersion(value: unknown, queueId: number): Promise<number> {
    return formVersionOf(value).version ?? (await settingsOf(queueId)).version
  }

  /** The forecast job of a plan context, started if none is running or kept; a failed one is retried when `retryFailed`. */
  async function forecastJobOf(ctx: PlanContext, retryFailed: boolean) {
    // the published forecast is the forecast (queueForecast.ts): publishing or withdrawing one starts a new run
    const key = [ctx.queue.id, ctx.queue.intervalMinutes, ctx.fromDateKey, ctx.toDateKey, await historySpanKey(db, ctx.queue), await publishedForecastIdOf(db, ctx.queue.id)].join('|')
    const known = forecasts.get(key)
    const knownJob = known && jobs.get(known.jobId)
    if (known && knownJob && !(retryFailed && knownJob.state.status === 'failed')) return { job: knownJob, promise: known.promise }
    for (const [k, entry] of forecasts) if (!jobs.get(entry.jobId)) forecasts.delete(k)
    let settle!: { resolve: (f: QueueForecast) => void; reject: (e: unknown) => void }
    const promise = new Promise<QueueForecast>((resolve, reject) => { settle = { resolve, reject } })
    promise.catch(() => {})
    const job = jobs.start<QueueForecast>('staffing-forecast', async (report) => {
      try {
        const forecast = await forecastQueue(db, ctx.queue, {
          fromDateKey: ctx.fromDateKey, toDateKey: ctx.toDateKey, inWorker: true,
          onProgress: (p) => report(p.total ? p.done / p.total : 0, p.message),
        })
        settle.resolve(forecast)
        return forecast
      } catch (error) {
        settle.reject(error)
        throw error
      }
    })
    forecasts.set(key, { jobId: job.id, promise })
    return { job, promise }
  }

  /** The plan (and its extras) computed in a worker with a time limit: a plan that cannot be made, or takes too long, gives its message. */
  async function planOrError(forecast: QueueForecast, settings: StaffingSettings, queue: Queue, extras: StaffingPlanExtras = {}): Promise<StaffingPlanBundle> {
    // The hours per date as they are now (a kept forecast may predate a date closed by hand).
    return staffingPlanInWorker(await withDateHours(db, queue, forecast), settings, queue.name, extras)
  }

  /** The plan area: progress while the forecast runs, the plan when done, or why it cannot be made. */
  async function planArea(ctx: PlanContext, settings: StaffingSettings, extras: { explainStartMs?: number; simulateDay?: string; runs?: number; retryFailed?: boolean; inPage?: boolean } = {}): Promise<{ node: Child }> {
    if (ctx.rangeError) return { node: <StaffingPlanError message={ctx.rangeError} /> }
    const { job } = await forecastJobOf(ctx, extras.retryFailed ?? false)
    if (job.state.status === 'running') {
      return { node: <StaffingProgress queueId={ctx.queue.id} fromDateKey={ctx.fromDateKey} toDateKey={ctx.toDateKey} fraction={job.state.progress} message={job.state.message} inPage={extras.inPage} /> }
    }
    if (job.state.status === 'failed') return { node: <StaffingPlanError message={(job.state.error as Error)?.message ?? String(job.state.error)} /> }
    const made = await planOrError(job.state.result as QueueForecast, settings, ctx.queue, {
      explainStartMs: extras.explainStartMs, simulateDay: extras.simulateDay || undefined, runs: extras.runs,
    })
    if (!made.ok) return { node: <StaffingPlanError message={made.error} /> }
    const plan = made.plan
    let explanation: Child | undefined
    let simulation: Child | undefined
    if (made.explanation) explanation = 'value' in made.explanation ? <IntervalExplanation plan={plan} e={made.explanation.value} /> : <div id="interval-explanation" class="errors">{made.explanation.error}</div>
    if (made.simulation) simulation = 'value' in made.simulation ? <SimulationCheck check={made.simulation.value} /> : <div id="simulation-check" class="errors">{made.simulation.error}</div>
    return { node: <PlanSection plan={plan} queueId={ctx.queue.id} shortcuts={made.shortcuts} explanation={explanation} simulation={simulation} /> }
  }

  async function fullPage(c: Context, ctx: PlanContext | null, queues: Queue[], workspace?: Child): Promise<string> {
    return renderPage(
      <StaffingPage queues={queues} queue={ctx?.queue ?? null} fromDateKey={ctx?.fromDateKey ?? ''} toDateKey={ctx?.toDateKey ?? ''}
        historyEndDateKey={ctx?.historyEndDateKey ?? null} workspace={workspace} />,
    )
  }

  const queueFrom = (value: unknown) => queueOfValue(db, value)

  app.get('/', async (c) => {
    const queues = await queuesOf(db)
    const queue = pickQueue(queues, c.req.query('queue'))
    if (!queue) return c.html(await fullPage(c, null, queues))
    const ctx = await contextOf(queue, c.req.query('from'), c.req.query('to'))
    const { settings, status, version } = await settingsOf(queue.id)
    let form: Child = <SlaForm queueId={queue.id} fromDateKey={ctx.fromDateKey} toDateKey={ctx.toDateKey} values={formValuesOf(settings)} version={version} status={status} />
    if (c.req.query('measure')) {
      // Without JavaScript, "measure k and α" submits the form here: keep the edits, fill in k and α.
      const measured = await measureQueueConcurrencyInWorker(db, queue)
      form = <SlaForm queueId={queue.id} fromDateKey={ctx.fromDateKey} toDateKey={ctx.toDateKey} values={withMeasured(formValuesFrom(c.req.query()), measured)} version={formVersionOf(c.req.query('version')).version ?? version} status="unsaved" measurement={measured} />
    }
    const explain = c.req.query('explain')
    const area = await planArea(ctx, settings, {
      explainStartMs: explain ? Number(explain) : undefined,
      simulateDay: c.req.query('simulate') ? c.req.query('day') : undefined,
      runs: runsOf(c.req.query('runs')),
      retryFailed: true,
      inPage: true,
    })
    return c.html(await fullPage(c, ctx, queues, <StaffingWorkspace form={form} plan={area.node} />))
  })

  app.get('/plan', async (c) => {
    const queue = await queueFrom(c.req.query('queue'))
    if (!isFragmentRequest(c)) return c.redirect(`/staffing?${new URLSearchParams(c.req.query()).toString()}`, 303)
    if (!queue) return c.html(<StaffingPlanError message="this queue no longer exists" />, 404)
    const ctx = await contextOf(queue, c.req.query('from'), c.req.query('to'))
    const { settings } = await settingsOf(queue.id)
    return c.html(<>{(await planArea(ctx, settings)).node}</>)
  })

  app.post('/settings', async (c) => {
    const body = await c.req.parseBody()
    const queue = await queueFrom(body.queue)
    const fragment = isFragmentRequest(c)
    if (!queue) return c.html(fragment ? <p class="errors" id="sla-form">This queue no longer exists.</p> : await fullPage(c, null, await queuesOf(db)), 404)
    const ctx = await contextOf(queue, String(body.from ?? ''), String(body.to ?? ''))
    const values = formValuesFrom(body)
    const { settings, errors } = settingsFromForm(values)
    const formVersion = formVersionOf(body.version, true) // a save without the version it was opened on would overwrite silently
    if (formVersion.error) errors.version = formVersion.error
    const shownVersion = formVersion.version ?? (await settingsOf(queue.id)).version
    if (!Object.keys(errors).length && !ctx.rangeError) {
      // Refuse settings the plan cannot be made with (a load too high to staff) when the forecast is at hand.
      const { job } = await forecastJobOf(ctx, false)
      if (job.state.status === 'done') {
        const made = await planOrError(job.state.result as QueueForecast, settings, queue)
        if (!made.ok) errors.plan = `Not saved: the plan cannot be made with these settings: ${made.error}`
      }
    }
    const formFor = (status: 'saved' | 'unsaved', version: number, message?: string) => (
      <SlaForm queueId={queue.id} fromDateKey={ctx.fromDateKey} toDateKey={ctx.toDateKey} values={status === 'saved' ? formValuesOf(settings) : values} version={version} errors={errors} status={status} message={message} />
    )
    let savedVersion: number | undefined
    if (!Object.keys(errors).length) {
      try {
        savedVersion = await saveSettings(db, queue, settings, formVersion.version)
      } catch (error) {
        if (!(error instanceof StaffingSettingsConflictError)) throw error
        errors.version = conflictMessage(queue, error)
      }
    }
    if (savedVersion === undefined) {
      if (fragment) {
        c.header('HX-Retarget', '#sla-form')
        c.header('HX-Reswap', 'outerHTML')
        return c.html(formFor('unsaved', shownVersion), 422)
      }
      const saved = await settingsOf(queue.id)
      const area = await planArea(ctx, saved.settings, { inPage: true })
      return c.html(await fullPage(c, ctx, await queuesOf(db), <StaffingWorkspace form={formFor('unsaved', shownVersion)} plan={area.node} />), 422)
    }
    await auditChange(c, db, { action: 'staffing.settings', entity: 'queue', entityId: queue.id, summary: `staffing settings of '${queue.name}' (${settings.modelKind}, version ${savedVersion})` })
    if (!fragment) return c.redirect(`/staffing?${new URLSearchParams({ queue: String(queue.id), from: ctx.fromDateKey, to: ctx.toDateKey }).toString()}`, 303)
    const area = await planArea(ctx, settings)
    return c.html(<StaffingWorkspace form={formFor('saved', savedVersion, 'Saved for this queue. The plan below uses these settings.')} plan={area.node} />)
  })

  app.get('/concurrency', async (c) => {
    const queue = await queueFrom(c.req.query('queue'))
    if (!queue) return c.html(<p class="errors" id="sla-form">This queue no longer exists.</p>, 404)
    const ctx = await contextOf(queue, c.req.query('from'), c.req.query('to'))
    const measured = await measureQueueConcurrencyInWorker(db, queue)
    return c.html(<SlaForm queueId={queue.id} fromDateKey={ctx.fromDateKey} toDateKey={ctx.toDateKey} values={withMeasured(formValuesFrom(c.req.query()), measured)} version={await keptVersion(c.req.query('version'), queue.id)} status="unsaved" measurement={measured} />)
  })

  /** A fragment computed from the finished plan (in the worker, with `extras`), or a message while the forecast still runs. */
  async function withPlan(c: Context, id: string, extras: StaffingPlanExtras, render: (made: Extract<StaffingPlanBundle, { ok: true }>) => Child) {
    const queue = await queueFrom(c.req.query('queue'))
    if (!queue) return c.html(<div id={id} class="errors">This queue no longer exists.</div>, 404)
    const ctx = await contextOf(queue, c.req.query('from'), c.req.query('to'))
    if (ctx.rangeError) return c.html(<div id={id} class="errors">{ctx.rangeError}</div>, 422)
    const { job } = await forecastJobOf(ctx, false)
    if (job.state.status !== 'done') return c.html(<div id={id} class="notice">The forecast for these days is not ready yet; try again in a moment.</div>, 409)
    const made = await planOrError(job.state.result as QueueForecast, (await settingsOf(queue.id)).settings, queue, extras)
    if (!made.ok) return c.html(<div id={id} class="errors">{made.error}</div>, 422)
    const part = made.explanation ?? made.simulation
    return c.html(<>{render(made)}</>, part && 'error' in part ? 422 : 200)
  }

  app.get('/explain', (c) => withPlan(c, 'interval-explanation', { explainStartMs: Number(c.req.query('start')) }, (made) => (
    'value' in made.explanation! ? <IntervalExplanation plan={made.plan} e={made.explanation.value} /> : <div id="interval-explanation" class="errors">{made.explanation!.error}</div>
  )))

  app.get('/simulate', (c) => withPlan(c, 'simulation-check', { simulateDay: c.req.query('day') ?? '', runs: runsOf(c.req.query('runs')) }, (made) => (
    'value' in made.simulation! ? <SimulationCheck check={made.simulation.value} /> : <div id="simulation-check" class="errors">{made.simulation!.error}</div>
  )))

  app.get('/export.csv', async (c) => {
    const queue = await queueFrom(c.req.query('queue'))
    if (!queue) return c.text('No such queue.', 404)
    const ctx = await contextOf(queue, c.req.query('from'), c.req.query('to'))
    if (ctx.rangeError) return c.text(ctx.rangeError + '\n', 422)
    let forecast: QueueForecast
    try {
      forecast = await (await forecastJobOf(ctx, true)).promise
    } catch (error) {
      return c.text(`The forecast failed: ${(error as Error).message}\n`, 422)
    }
    const made = await planOrError(forecast, (await settingsOf(queue.id)).settings, queue, { csv: true })
    if (!made.ok) return c.text(made.error + '\n', 422)
    const fileName = `staffing-${queue.name.replace(/[^A-Za-z0-9]+/g, '_')}-${ctx.fromDateKey}-${ctx.toDateKey}-${queue.timeZone.replace(/[^A-Za-z0-9]+/g, '_')}.csv`
    return c.body(made.csv!, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' })
  })

  return app
}
