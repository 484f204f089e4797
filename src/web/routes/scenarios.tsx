/**
 * Scenario routes: baselines (freeze the plan in force of a queue as a background job, view a version, export it),
 * scenarios (create, edit with a live comparison through htmx, save with no lost update, rename, copy, delete,
 * promote to a new baseline version, export to CSV), sweeps (a background job drawn as a curve) and the comparison
 * of several scenarios at once. "Made by" is a form field for now (default 'manager'); the accounts issue can fill it
 * from the session.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { currentUser } from '../middleware/session.ts'
import { pickQueue } from '../queryParams.ts'
import { findQueueById, listQueues } from '../../db/queues.ts'
import { historyRange } from '../../db/history.ts'
import {
  copyScenario, countScenariosByBaseline, deleteScenario, findBaseline, findScenario, insertScenario, listBaselines, listBaselineVersions, listScenarios,
  updateScenario, ScenarioStoreError, checkedCreatedBy, checkedName, type BaselineRecord, type ScenarioRecord,
} from '../../db/scenarios.ts'
import { comingWeeks } from '../../planning/eventForecast.ts'
import { assertPlanRange } from '../../planning/staffingPlan.ts'
import {
  comparableOf, comparableOfBaseline, compareWithBaseline, createBaseline, promoteScenario, recomputeScenarioInWorker, sweepScenarioInWorker, type ComputedPlan,
} from '../../planning/scenarioPlan.ts'
import { comparePlans, periodFigures, type PlanComparison } from '../../scenarios/compare.ts'
import { formValuesOf, overridesFromForm, type FormValues } from '../../scenarios/formValues.ts'
import { validateOverrides } from '../../scenarios/overrides.ts'
import { planIntervalCsv, scenarioIntervalCsv, scenarioPeriodCsv } from '../../scenarios/scenarioCsv.ts'
import { SWEEP_INPUTS, SWEEP_INPUT_INFO, validateSweepSpec, type SweepCurve, type SweepInput, type SweepSpec } from '../../scenarios/sweep.ts'
import type { OverrideProblem, ScenarioOverrides } from '../../scenarios/types.ts'
import { Layout, renderPage } from '../../../views/Layout.tsx'
import { FreezeForm, FreezeProgress, ScenariosPage, type FreezeFormValues } from '../../../views/scenarios/ScenariosPage.tsx'
import { BaselinePage } from '../../../views/scenarios/BaselinePage.tsx'
import { ScenarioPage, ScenarioWorkspace } from '../../../views/scenarios/ScenarioPage.tsx'
import { OverridesForm, ScenarioFormErrors } from '../../../views/scenarios/OverridesForm.tsx'
import { ComparisonSection } from '../../../views/scenarios/ComparisonSection.tsx'
import { DEFAULT_SWEEP, SweepForm, SweepProgress, SweepResult, type SweepFormValues } from '../../../views/scenarios/SweepSection.tsx'
import { ComparePage } from '../../../views/scenarios/ComparePage.tsx'

/** Days a new baseline covers by default: the four weeks after the history. */
const DEFAULT_BASELINE_DAYS = 28
const DEFAULT_COST_PER_HOUR = '25'

type Body = Record<string, string | File | (string | File)[]>

/** The string fields of a parsed body (files dropped; repeated keys kept as arrays). */
function formValuesFrom(body: Body): FormValues {
  const out: FormValues = {}
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string')
  }
  return out
}

const field = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '')
const idParam = (c: Context) => Number(c.req.param('id'))
const csvHeaders = (fileName: string) => ({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, '_')}"` })

/** The overrides of a form and every problem with them (unreadable fields first, then the ranges), one per field. */
function readOverrides(values: FormValues, baseline: BaselineRecord): { overrides: ScenarioOverrides; problems: OverrideProblem[] } {
  const { overrides, problems } = overridesFromForm(values)
  const ctx = { fromDateKey: baseline.fromDateKey, toDateKey: baseline.toDateKey, settings: baseline.inputs.settings, eventIds: baseline.inputs.events.map((e) => e.id) }
  const seen = new Set(problems.map((p) => p.field))
  for (const p of validateOverrides(overrides, ctx)) if (!seen.has(p.field)) problems.push(p)
  return { overrides, problems }
}

/** The scenario's plan, or why it cannot be made (settings without a target, a load too high to staff…). */
/** The scenario's plan, computed in a worker with a time limit (src/workers/runInWorker.ts), or why it cannot be made. */
async function planOrProblem(baseline: BaselineRecord, overrides: ScenarioOverrides, name: string): Promise<{ plan: ComputedPlan } | { problem: string }> {
  try {
    return { plan: await recomputeScenarioInWorker(baseline, overrides, name) }
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return { problem: error.message }
    throw error
  }
}

function coverageNotes(baseline: BaselineRecord, plan: ComputedPlan | null): string[] {
  const notes = [`Baseline: ${baseline.name} v${baseline.version}, frozen ${new Date(baseline.createdAtMs).toISOString().slice(0, 10)} (${baseline.inputs.forecastSource}).`]
  if (plan?.coverage) notes.push(`Agents on shift in the scenario: ${plan.coverage.source}; its service level and ASA are those of these agents.`)
  else if (baseline.inputs.coverage) notes.push(`Agents on shift in the baseline: ${baseline.inputs.coverage.source}.`)
  return notes
}

async function comparisonFor(baseline: BaselineRecord, overrides: ScenarioOverrides, name: string): Promise<Child> {
  const made = await planOrProblem(baseline, overrides, name)
  if ('problem' in made) return <ComparisonSection comparison={null as never} problem={made.problem} />
  return <ComparisonSection comparison={compareWithBaseline(baseline, [made.plan])} notes={coverageNotes(baseline, made.plan)} />
}

function sweepSpecOf(values: SweepFormValues): { spec: SweepSpec; problems: string[] } {
  const input = values.sweepInput as SweepInput
  if (!(SWEEP_INPUTS as readonly string[]).includes(input)) return { spec: { input, from: NaN, to: NaN, points: NaN }, problems: [`Choose what to sweep, got '${values.sweepInput}'`] }
  const scale = SWEEP_INPUT_INFO[input].percent ? 0.01 : 1
  const read = (text: string) => (text.trim() === '' ? NaN : Number(text.trim().replace(',', '.')))
  const spec = { input, from: read(values.sweepFrom) * scale, to: read(values.sweepTo) * scale, points: read(values.sweepPoints) }
  return { spec, problems: validateSweepSpec(spec).map((p) => p.message) }
}

export function scenarioRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()

  async function freezeDefaults(queueValue: string | undefined): Promise<FreezeFormValues> {
    const queues = await listQueues(db)
    const queue = pickQueue(queues, queueValue)
    const range = queue ? await comingWeeks(db, queue, DEFAULT_BASELINE_DAYS) : null
    return { queue: queue ? String(queue.id) : '', from: range?.fromDateKey ?? '', to: range?.toDateKey ?? '', name: queue ? `${queue.name} plan` : '', costPerHour: DEFAULT_COST_PER_HOUR, madeBy: 'manager' }
  }

  async function homePage(freeze: Child): Promise<string> {
    return renderPage(<ScenariosPage baselines={await listBaselines(db)} scenarioCounts={await countScenariosByBaseline(db)} freeze={freeze} />)
  }

  app.get('/', async (c) => {
    const queues = await listQueues(db)
    if (!queues.length) return c.html(await homePage(<p class="notice">Import the history of a queue first: a baseline is frozen from its forecast.</p>))
    return c.html(await homePage(<FreezeForm queues={queues} values={await freezeDefaults(c.req.query('queue'))} />))
  })

  app.post('/baselines', async (c) => {
    const body = await c.req.parseBody()
    const values: FreezeFormValues = { queue: field(body, 'queue'), from: field(body, 'from'), to: field(body, 'to'), name: field(body, 'name'), costPerHour: field(body, 'costPerHour'), madeBy: currentUser(c)?.username ?? field(body, 'madeBy') }
    const queues = await listQueues(db)
    const queue = Number.isSafeInteger(Number(values.queue)) ? await findQueueById(db, Number(values.queue)) : undefined
    const errors: string[] = []
    if (!queue) errors.push(`Choose one of the queues listed, got '${values.queue}'`)
    try { assertPlanRange(values.from, values.to) } catch (error) { errors.push(`Days: ${(error as Error).message}`) }
    if (queue && !errors.length) {
      const range = await historyRange(db, queue.id)
      const lastDay = range.source === 'none' ? null : new Date(range.lastMs).toISOString().slice(0, 10)
      if (!lastDay) errors.push(`'${queue.name}' has no history to forecast from: import it first`)
    }
    if (!values.name) errors.push('Give the baseline a name (freezing the same name again makes its next version)')
    for (const check of [() => checkedName(values.name || 'x', 'A baseline'), () => checkedCreatedBy(values.madeBy)]) {
      try { check() } catch (error) { errors.push((error as Error).message) }
    }
    const cost = Number(values.costPerHour.replace(',', '.'))
    if (values.costPerHour === '' || !Number.isFinite(cost) || cost < 0) errors.push(`Cost per paid agent-hour must be a number of at least 0, got '${values.costPerHour}'`)
    const fragment = isFragmentRequest(c)
    if (errors.length) {
      const form = <FreezeForm queues={queues} values={values} errors={errors} />
      return c.html(fragment ? form : await homePage(form), 422)
    }
    const job = jobs.start('scenario-baseline', async (report) => {
      const made = await createBaseline(db, queue!, {
        fromDateKey: values.from, toDateKey: values.to, costPerHour: cost, name: values.name, createdBy: values.madeBy, inWorker: true, onProgress: report,
      })
      await auditChange(c, db, { action: 'baseline.create', entity: 'baseline', entityId: made.baseline.id, summary: `'${values.name}' for '${queue!.name}' ${values.from} – ${values.to}` })
      return made
    })
    if (!fragment) return c.redirect(`/scenarios/baselines/jobs/${job.id}`, 303)
    return c.html(<FreezeProgress jobId={job.id} fraction={0} message="starting" />)
  })

  app.get('/baselines/jobs/:job', async (c) => {
    const job = jobs.get(c.req.param('job'))
    const fragment = isFragmentRequest(c)
    const queues = await listQueues(db)
    if (!job || job.kind !== 'scenario-baseline') {
      const form = <FreezeForm queues={queues} values={await freezeDefaults(undefined)} errors={['This freeze is not known any more (the server restarted?): start it again.']} />
      return c.html(fragment ? form : await homePage(form), 404)
    }
    if (job.state.status === 'running') {
      const progress = <FreezeProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} inPage={!fragment} />
      return c.html(fragment ? progress : await homePage(progress))
    }
    if (job.state.status === 'failed') {
      const error = job.state.error
      const message = error instanceof RangeError || error instanceof TypeError ? error.message : 'the forecast or the plan failed on our side; try again'
      const form = <FreezeForm queues={queues} values={await freezeDefaults(undefined)} errors={[`The baseline could not be frozen: ${message}`]} />
      return c.html(fragment ? form : await homePage(form), 422)
    }
    const { baseline } = job.state.result as { baseline: BaselineRecord }
    const href = `/scenarios/baselines/${baseline.id}`
    if (!fragment) return c.redirect(href, 303)
    c.header('HX-Redirect', href)
    return c.html(<div id="freeze-form" class="success">Frozen: <a href={href}>{baseline.name} v{baseline.version}</a></div>)
  })

  async function baselinePage(baseline: BaselineRecord, extra: { errors?: string[]; values?: { name: string; madeBy: string } } = {}): Promise<string> {
    const comparable = comparableOfBaseline(baseline)
    const totals = periodFigures(comparable.intervals, comparePlans(comparable, []).days.length, comparable)
    return renderPage(<BaselinePage baseline={baseline} totals={totals} versions={await listBaselineVersions(db, baseline.queueId, baseline.name)}
      scenarios={await listScenarios(db, { baselineId: baseline.id })} {...extra} />)
  }

  app.get('/baselines/:id{[0-9]+}', async (c) => {
    const baseline = await findBaseline(db, idParam(c))
    if (!baseline) return c.notFound()
    return c.html(await baselinePage(baseline))
  })

  app.get('/baselines/:id{[0-9]+}/export.csv', async (c) => {
    const baseline = await findBaseline(db, idParam(c))
    if (!baseline) return c.text('No such baseline.\n', 404)
    return c.body(planIntervalCsv(comparableOfBaseline(baseline), { queueName: baseline.queueName, timeZone: baseline.timeZone }), 200,
      csvHeaders(`baseline-${baseline.name}-v${baseline.version}-${baseline.fromDateKey}-${baseline.toDateKey}.csv`))
  })

  app.post('/', async (c) => {
    const body = await c.req.parseBody()
    const baseline = await findBaseline(db, Number(field(body, 'baseline')))
    if (!baseline) return c.html(renderPage(<ScenariosPage baselines={await listBaselines(db)} scenarioCounts={await countScenariosByBaseline(db)} freeze={<p class="errors">This baseline no longer exists.</p>} />), 404)
    try {
      const scenario = await insertScenario(db, { baselineId: baseline.id, name: field(body, 'name'), createdBy: currentUser(c)?.username ?? field(body, 'madeBy') })
      await auditChange(c, db, { action: 'scenario.create', entity: 'scenario', entityId: scenario.id, summary: `'${scenario.name}' on baseline #${baseline.id}` })
      return c.redirect(`/scenarios/${scenario.id}`, 303)
    } catch (error) {
      if (!(error instanceof ScenarioStoreError)) throw error
      return c.html(await baselinePage(baseline, { errors: [error.message], values: { name: field(body, 'name'), madeBy: field(body, 'madeBy') || 'manager' } }), 422)
    }
  })

  /** The scenario and its baseline, or a 404 answer. */
  async function scenarioAndBaseline(c: Context): Promise<{ scenario: ScenarioRecord; baseline: BaselineRecord } | Response> {
    const scenario = await findScenario(db, idParam(c))
    if (!scenario) return c.html(renderPage(<ScenariosPage baselines={await listBaselines(db)} scenarioCounts={await countScenariosByBaseline(db)} freeze={<p class="errors" id="scenario-missing">This scenario no longer exists.</p>} />), 404)
    const baseline = await findBaseline(db, scenario.baselineId)
    if (!baseline) return c.text('The baseline of this scenario no longer exists.', 404)
    return { scenario, baseline }
  }

  async function workspaceOf(scenario: ScenarioRecord, baseline: BaselineRecord, values: FormValues, overrides: ScenarioOverrides, errors: OverrideProblem[] = [], message?: string, madeBy = scenario.updatedBy): Promise<Child> {
    const comparison = errors.length
      ? <ComparisonSection comparison={null as never} problem="correct the inputs above to see the comparison" />
      : await comparisonFor(baseline, overrides, scenario.name)
    return <ScenarioWorkspace form={<OverridesForm scenarioId={scenario.id} version={scenario.version} madeBy={madeBy} baseline={baseline.inputs} values={values} errors={errors} message={message} />} comparison={comparison} />
  }

  async function scenarioPage(scenario: ScenarioRecord, baseline: BaselineRecord, workspace: Child, options: { message?: string; error?: string; sweep?: Child } = {}): Promise<string> {
    return renderPage(<ScenarioPage scenario={scenario} baseline={baseline} workspace={workspace} message={options.message} error={options.error}
      sweep={options.sweep ?? <><SweepForm scenarioId={scenario.id} values={DEFAULT_SWEEP} /><SweepResult /></>} />)
  }

  app.get('/:id{[0-9]+}', async (c) => {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const { scenario, baseline } = found
    const message = { saved: 'Saved.', copied: 'This is a copy: rename it and change it freely.', renamed: 'Renamed.' }[c.req.query('done') ?? ''] as string | undefined
    return c.html(await scenarioPage(scenario, baseline, await workspaceOf(scenario, baseline, formValuesOf(scenario.overrides), scenario.overrides), { message }))
  })

  app.post('/:id{[0-9]+}/preview', async (c) => {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const { scenario, baseline } = found
    const { overrides, problems } = readOverrides(formValuesFrom(await c.req.parseBody({ all: true })), baseline)
    if (problems.length) {
      return c.html(<><ComparisonSection comparison={null as never} problem="correct the inputs above to see the comparison" /><ScenarioFormErrors errors={problems} oob /></>, 422)
    }
    return c.html(<>{await comparisonFor(baseline, overrides, scenario.name)}<ScenarioFormErrors errors={[]} oob /></>)
  })

  app.post('/:id{[0-9]+}', async (c) => {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const { scenario, baseline } = found
    const body = await c.req.parseBody({ all: true })
    const values = formValuesFrom(body)
    const madeBy = currentUser(c)?.username ?? field(body, 'madeBy')
    const { overrides, problems } = readOverrides(values, baseline)
    const fragment = isFragmentRequest(c)
    if (!problems.length) {
      const made = await planOrProblem(baseline, overrides, scenario.name)
      if ('problem' in made) problems.push({ field: 'plan', message: `Not saved: this scenario cannot be planned: ${made.problem}` })
    }
    let saved: ScenarioRecord | null = null
    if (!problems.length) {
      try {
        saved = await updateScenario(db, scenario.id, { expectedVersion: Number(field(body, 'version')), overrides, updatedBy: madeBy })
        await auditChange(c, db, { action: 'scenario.update', entity: 'scenario', entityId: saved.id, summary: `'${saved.name}' (version ${saved.version})` })
      } catch (error) {
        if (!(error instanceof ScenarioStoreError)) throw error
        problems.push({ field: 'version', message: `Not saved: ${error.message}` })
      }
    }
    if (!saved) {
      const workspace = await workspaceOf(scenario, baseline, values, overrides, problems, undefined, madeBy || 'manager')
      if (fragment) {
        c.header('HX-Retarget', '#scenario-workspace')
        c.header('HX-Reswap', 'outerHTML')
        return c.html(<>{workspace}</>, problems.some((p) => p.field === 'version') ? 409 : 422)
      }
      return c.html(await scenarioPage(scenario, baseline, workspace), 422)
    }
    if (!fragment) return c.redirect(`/scenarios/${saved.id}?done=saved`, 303)
    return c.html(<>{await workspaceOf(saved, baseline, formValuesOf(saved.overrides), saved.overrides, [], `Saved (version ${saved.version}) by ${saved.updatedBy}.`)}</>)
  })

  /** Runs a write on the scenario; a stale or missing scenario comes back as the page with the message. */
  async function act(c: Context, write: (scenario: ScenarioRecord, body: Body) => Promise<string>) {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const body = await c.req.parseBody()
    try {
      return c.redirect(await write(found.scenario, body), 303)
    } catch (error) {
      if (!(error instanceof ScenarioStoreError || error instanceof RangeError)) throw error
      const { scenario, baseline } = found
      return c.html(await scenarioPage(scenario, baseline, await workspaceOf(scenario, baseline, formValuesOf(scenario.overrides), scenario.overrides), { error: error.message }), 409)
    }
  }

  app.post('/:id{[0-9]+}/rename', (c) => act(c, async (s, body) => {
    const renamed = await updateScenario(db, s.id, { expectedVersion: Number(field(body, 'version')), name: field(body, 'name'), updatedBy: currentUser(c)?.username ?? s.updatedBy })
    await auditChange(c, db, { action: 'scenario.rename', entity: 'scenario', entityId: s.id, summary: `'${s.name}' → '${renamed.name}'` })
    return `/scenarios/${s.id}?done=renamed`
  }))

  app.post('/:id{[0-9]+}/copy', (c) => act(c, async (s, body) => {
    const copy = await copyScenario(db, s.id, { createdBy: currentUser(c)?.username ?? field(body, 'madeBy') })
    await auditChange(c, db, { action: 'scenario.copy', entity: 'scenario', entityId: copy.id, summary: `copy of '${s.name}' (#${s.id})` })
    return `/scenarios/${copy.id}?done=copied`
  }))

  app.post('/:id{[0-9]+}/delete', (c) => act(c, async (s, body) => {
    await deleteScenario(db, s.id, Number(field(body, 'version')))
    await auditChange(c, db, { action: 'scenario.delete', entity: 'scenario', entityId: s.id, summary: `'${s.name}'` })
    return `/scenarios/baselines/${s.baselineId}`
  }))

  app.post('/:id{[0-9]+}/promote', (c) => act(c, async (s, body) => {
    const promoted = await promoteScenario(db, s.id, { createdBy: currentUser(c)?.username ?? field(body, 'madeBy') })
    await auditChange(c, db, { action: 'baseline.promote', entity: 'baseline', entityId: promoted.baseline.id, summary: `from scenario '${s.name}' (#${s.id})` })
    return `/scenarios/baselines/${promoted.baseline.id}`
  }))

  app.get('/:id{[0-9]+}/export.csv', async (c) => {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const { scenario, baseline } = found
    const made = await planOrProblem(baseline, scenario.overrides, scenario.name)
    if ('problem' in made) return c.text(`This scenario cannot be planned: ${made.problem}\n`, 422)
    const by = c.req.query('by') ?? 'interval'
    const name = `scenario-${scenario.name}-vs-${baseline.name}-v${baseline.version}-${baseline.fromDateKey}-${baseline.toDateKey}${by === 'interval' ? '' : '-by-' + by}.csv`
    if (by === 'day' || by === 'week') return c.body(scenarioPeriodCsv(compareWithBaseline(baseline, [made.plan]), by, { queueName: baseline.queueName }), 200, csvHeaders(name))
    if (by !== 'interval') return c.text(`by must be interval, day or week, got '${by}'\n`, 422)
    return c.body(scenarioIntervalCsv(comparableOfBaseline(baseline), comparableOf(made.plan), { queueName: baseline.queueName, timeZone: baseline.timeZone }), 200, csvHeaders(name))
  })

  app.post('/:id{[0-9]+}/sweeps', async (c) => {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const { scenario, baseline } = found
    const body = await c.req.parseBody({ all: true })
    const sweepValues: SweepFormValues = { sweepInput: field(body, 'sweepInput'), sweepFrom: field(body, 'sweepFrom'), sweepTo: field(body, 'sweepTo'), sweepPoints: field(body, 'sweepPoints') }
    const { spec, problems } = sweepSpecOf(sweepValues)
    // The form's inputs when sent along (htmx), else the saved ones.
    const formSent = Object.keys(body).some((k) => k === 'version')
    const read = formSent ? readOverrides(formValuesFrom(body), baseline) : { overrides: scenario.overrides, problems: [] }
    problems.push(...read.problems.map((p) => `Scenario inputs: ${p.message}`))
    const fragment = isFragmentRequest(c)
    if (problems.length) {
      const result = <SweepResult error={problems.join(' · ')} />
      if (fragment) return c.html(result, 422)
      return c.html(await scenarioPage(scenario, baseline, await workspaceOf(scenario, baseline, formValuesOf(scenario.overrides), scenario.overrides), { sweep: <><SweepForm scenarioId={scenario.id} values={sweepValues} errors={problems} /><SweepResult /></> }), 422)
    }
    const job = jobs.start<SweepCurve>('scenario-sweep', (report) => sweepScenarioInWorker(baseline, read.overrides, spec, (done, total) => report(done / total, `${done} of ${total}`)))
    if (!fragment) return c.redirect(`/scenarios/sweeps/${job.id}`, 303)
    return c.html(<SweepProgress jobId={job.id} done={0} total={0} />)
  })

  app.get('/sweeps/:job', async (c) => {
    const job = jobs.get(c.req.param('job'))
    const fragment = isFragmentRequest(c)
    let node: Child
    let status = 200
    if (!job || job.kind !== 'scenario-sweep') { node = <SweepResult error="This sweep is not known any more (the server restarted?): draw it again." />; status = 404 }
    else if (job.state.status === 'running') {
      const [done, total] = job.state.message.split(' of ').map(Number)
      node = <SweepProgress jobId={job.id} done={done || 0} total={total || 0} inPage={!fragment} />
    } else if (job.state.status === 'failed') { node = <SweepResult error={`The sweep failed: ${(job.state.error as Error)?.message ?? String(job.state.error)}`} />; status = 422 }
    else node = <SweepResult curve={job.state.result as SweepCurve} />
    if (fragment) return c.html(<>{node}</>, status as 200)
    return c.html(renderPage(<Layout title="Sweep" active="/scenarios"><h1>Sweep</h1>{node}</Layout>), status as 200)
  })

  /** The baseline and scenarios named by ?baseline=&s=&s=, compared; or why not. */
  async function comparisonOfQuery(c: Context): Promise<{ baseline: BaselineRecord; comparison: PlanComparison | null; problem?: string } | null> {
    const baseline = await findBaseline(db, Number(c.req.query('baseline')))
    if (!baseline) return null
    const ids = (c.req.queries('s') ?? []).map(Number).filter(Number.isInteger)
    const plans: ComputedPlan[] = []
    for (const id of ids) {
      const scenario = await findScenario(db, id)
      if (!scenario || scenario.baselineId !== baseline.id) return { baseline, comparison: null, problem: `scenario ${id} is not a scenario of ${baseline.name} v${baseline.version}` }
      const made = await planOrProblem(baseline, scenario.overrides, scenario.name)
      if ('problem' in made) return { baseline, comparison: null, problem: `'${scenario.name}' cannot be planned: ${made.problem}` }
      plans.push(made.plan)
    }
    if (!plans.length) return { baseline, comparison: null, problem: 'tick at least one scenario to compare' }
    return { baseline, comparison: compareWithBaseline(baseline, plans) }
  }

  app.get('/compare', async (c) => {
    const result = await comparisonOfQuery(c)
    if (!result) return c.notFound()
    const query = new URLSearchParams(c.req.url.split('?')[1] ?? '').toString()
    const section = result.comparison ? <ComparisonSection comparison={result.comparison} notes={coverageNotes(result.baseline, null)} /> : <ComparisonSection comparison={null as never} problem={result.problem} />
    return c.html(renderPage(<ComparePage baseline={result.baseline} comparison={section} csvHref={`/scenarios/compare.csv?${query}`} />), result.comparison ? 200 : 422)
  })

  app.get('/compare.csv', async (c) => {
    const result = await comparisonOfQuery(c)
    if (!result) return c.text('No such baseline.\n', 404)
    if (!result.comparison) return c.text(`${result.problem}\n`, 422)
    return c.body(scenarioPeriodCsv(result.comparison, 'day', { queueName: result.baseline.queueName }), 200, csvHeaders(`scenarios-of-${result.baseline.name}-v${result.baseline.version}-by-day.csv`))
  })

  return app
}
