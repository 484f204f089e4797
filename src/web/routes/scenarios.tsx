/**
 * Scenario routes: baselines (freeze the plan in force of a queue as a background job, view a version, export it),
 * scenarios (create, edit with a live comparison through htmx, save with no lost update, rename, copy, delete,
 * promote to a new baseline version, export to CSV), sweeps (a background job drawn as a curve) and the comparison
 * of several scenarios at once. "Made by" is a form field for now (default 'manager'); the accounts issue can fill it
 * from the session. Form parsing lives in src/web/forms/scenarios.ts and the work in src/planning/scenariosPage.ts.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { currentUser } from '../middleware/session.ts'
import { pickQueue } from '../queryParams.ts'
import { ScenarioStoreError, type BaselineRecord, type ScenarioRecord } from '../../db/scenarios.ts'
import { createBaseline, promoteScenario, sweepScenarioInWorker } from '../../planning/scenarioPlan.ts'
import {
  baselineById, baselineCsv, baselinePageData, compareScenarios, comparisonCsv, copyOfScenario, coverageNotes, createScenario, freezeDefaults, freezeQueue,
  queuesOf, removeScenario, saveOverrides, saveScenario, scenarioComparison, scenarioCsv, scenariosHome, scenarioWithBaseline,
} from '../../planning/scenariosPage.ts'
import { formValuesOf, type FormValues } from '../../scenarios/formValues.ts'
import type { SweepCurve } from '../../scenarios/sweep.ts'
import type { OverrideProblem, ScenarioOverrides } from '../../scenarios/types.ts'
import { field, formValuesFrom, freezeFormFrom, freezeFormProblems, readOverrides, sweepFormFrom, sweepSpecOf, type Body } from '../forms/scenarios.ts'
import { Layout, renderPage } from '../../../views/Layout.tsx'
import { FreezeForm, FreezeProgress, ScenariosPage } from '../../../views/scenarios/ScenariosPage.tsx'
import { BaselinePage } from '../../../views/scenarios/BaselinePage.tsx'
import { ScenarioPage, ScenarioWorkspace } from '../../../views/scenarios/ScenarioPage.tsx'
import { OverridesForm, ScenarioFormErrors } from '../../../views/scenarios/OverridesForm.tsx'
import { ComparisonSection } from '../../../views/scenarios/ComparisonSection.tsx'
import { DEFAULT_SWEEP, SweepForm, SweepProgress, SweepResult } from '../../../views/scenarios/SweepSection.tsx'
import { ComparePage } from '../../../views/scenarios/ComparePage.tsx'

const idParam = (c: Context) => Number(c.req.param('id'))
const csvHeaders = (fileName: string) => ({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, '_')}"` })
const NO_COMPARISON = 'correct the inputs above to see the comparison'

async function comparisonFor(baseline: BaselineRecord, overrides: ScenarioOverrides, name: string): Promise<Child> {
  const made = await scenarioComparison(baseline, overrides, name)
  if ('problem' in made) return <ComparisonSection comparison={null as never} problem={made.problem} />
  return <ComparisonSection comparison={made.comparison} notes={made.notes} />
}

export function scenarioRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()

  const defaults = async (queueValue: string | undefined) => freezeDefaults(db, pickQueue(await queuesOf(db), queueValue))
  const homePage = async (freeze: Child) => renderPage(<ScenariosPage {...await scenariosHome(db)} freeze={freeze} />)

  app.get('/', async (c) => {
    const queues = await queuesOf(db)
    if (!queues.length) return c.html(await homePage(<p class="notice">Import the history of a queue first: a baseline is frozen from its forecast.</p>))
    return c.html(await homePage(<FreezeForm queues={queues} values={await defaults(c.req.query('queue'))} />))
  })

  app.post('/baselines', async (c) => {
    const values = freezeFormFrom(await c.req.parseBody(), currentUser(c)?.username)
    const { errors: formErrors, costPerHour: cost } = freezeFormProblems(values)
    const { queue, errors: queueErrors } = await freezeQueue(db, values.queue, formErrors)
    const errors = [...queueErrors, ...formErrors]
    const fragment = isFragmentRequest(c)
    if (errors.length) {
      const form = <FreezeForm queues={await queuesOf(db)} values={values} errors={errors} />
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
    const refused = async (message: string, status: 404 | 422) => {
      const form = <FreezeForm queues={await queuesOf(db)} values={await defaults(undefined)} errors={[message]} />
      return c.html(fragment ? form : await homePage(form), status)
    }
    if (!job || job.kind !== 'scenario-baseline') return refused('This freeze is not known any more (the server restarted?): start it again.', 404)
    if (job.state.status === 'running') {
      const progress = <FreezeProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} inPage={!fragment} />
      return c.html(fragment ? progress : await homePage(progress))
    }
    if (job.state.status === 'failed') {
      const error = job.state.error
      return refused(`The baseline could not be frozen: ${error instanceof RangeError || error instanceof TypeError ? error.message : 'the forecast or the plan failed on our side; try again'}`, 422)
    }
    const { baseline } = job.state.result as { baseline: BaselineRecord }
    const href = `/scenarios/baselines/${baseline.id}`
    if (!fragment) return c.redirect(href, 303)
    c.header('HX-Redirect', href)
    return c.html(<div id="freeze-form" class="success">Frozen: <a href={href}>{baseline.name} v{baseline.version}</a></div>)
  })

  const baselinePage = async (baseline: BaselineRecord, extra: { errors?: string[]; values?: { name: string; madeBy: string } } = {}) =>
    renderPage(<BaselinePage {...await baselinePageData(db, baseline)} {...extra} />)

  app.get('/baselines/:id{[0-9]+}', async (c) => {
    const baseline = await baselineById(db, idParam(c))
    if (!baseline) return c.notFound()
    return c.html(await baselinePage(baseline))
  })

  app.get('/baselines/:id{[0-9]+}/export.csv', async (c) => {
    const baseline = await baselineById(db, idParam(c))
    if (!baseline) return c.text('No such baseline.\n', 404)
    const { csv, fileName } = baselineCsv(baseline)
    return c.body(csv, 200, csvHeaders(fileName))
  })

  app.post('/', async (c) => {
    const body = await c.req.parseBody()
    const baseline = await baselineById(db, Number(field(body, 'baseline')))
    if (!baseline) return c.html(await homePage(<p class="errors">This baseline no longer exists.</p>), 404)
    try {
      const scenario = await createScenario(db, baseline, field(body, 'name'), currentUser(c)?.username ?? field(body, 'madeBy'))
      await auditChange(c, db, { action: 'scenario.create', entity: 'scenario', entityId: scenario.id, summary: `'${scenario.name}' on baseline #${baseline.id}` })
      return c.redirect(`/scenarios/${scenario.id}`, 303)
    } catch (error) {
      if (!(error instanceof ScenarioStoreError)) throw error
      return c.html(await baselinePage(baseline, { errors: [error.message], values: { name: field(body, 'name'), madeBy: field(body, 'madeBy') || 'manager' } }), 422)
    }
  })

  /** The scenario and its baseline, or a 404 answer. */
  async function scenarioAndBaseline(c: Context): Promise<{ scenario: ScenarioRecord; baseline: BaselineRecord } | Response> {
    const found = await scenarioWithBaseline(db, idParam(c))
    if (!('missing' in found)) return found
    if (found.missing === 'baseline') return c.text('The baseline of this scenario no longer exists.', 404)
    return c.html(await homePage(<p class="errors" id="scenario-missing">This scenario no longer exists.</p>), 404)
  }

  async function workspaceOf(scenario: ScenarioRecord, baseline: BaselineRecord, values: FormValues, overrides: ScenarioOverrides, errors: OverrideProblem[] = [], message?: string, madeBy = scenario.updatedBy): Promise<Child> {
    const comparison = errors.length
      ? <ComparisonSection comparison={null as never} problem={NO_COMPARISON} />
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
      return c.html(<><ComparisonSection comparison={null as never} problem={NO_COMPARISON} /><ScenarioFormErrors errors={problems} oob /></>, 422)
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
    const saved = problems.length ? null : await saveOverrides(db, scenario, baseline, { overrides, expectedVersion: Number(field(body, 'version')), updatedBy: madeBy }, problems)
    if (saved) await auditChange(c, db, { action: 'scenario.update', entity: 'scenario', entityId: saved.id, summary: `'${saved.name}' (version ${saved.version})` })
    else {
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
    const renamed = await saveScenario(db, s, { expectedVersion: Number(field(body, 'version')), name: field(body, 'name'), updatedBy: currentUser(c)?.username ?? s.updatedBy })
    await auditChange(c, db, { action: 'scenario.rename', entity: 'scenario', entityId: s.id, summary: `'${s.name}' → '${renamed.name}'` })
    return `/scenarios/${s.id}?done=renamed`
  }))

  app.post('/:id{[0-9]+}/copy', (c) => act(c, async (s, body) => {
    const copy = await copyOfScenario(db, s, currentUser(c)?.username ?? field(body, 'madeBy'))
    await auditChange(c, db, { action: 'scenario.copy', entity: 'scenario', entityId: copy.id, summary: `copy of '${s.name}' (#${s.id})` })
    return `/scenarios/${copy.id}?done=copied`
  }))

  app.post('/:id{[0-9]+}/delete', (c) => act(c, async (s, body) => {
    await removeScenario(db, s, Number(field(body, 'version')))
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
    const made = await scenarioCsv(scenario, baseline, c.req.query('by') ?? 'interval')
    if ('problem' in made) return c.text(`${made.problem}\n`, 422)
    return c.body(made.csv, 200, csvHeaders(made.fileName))
  })

  app.post('/:id{[0-9]+}/sweeps', async (c) => {
    const found = await scenarioAndBaseline(c)
    if (found instanceof Response) return found
    const { scenario, baseline } = found
    const body = await c.req.parseBody({ all: true })
    const sweepValues = sweepFormFrom(body)
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
  const comparisonOfQuery = (c: Context) => compareScenarios(db, Number(c.req.query('baseline')), (c.req.queries('s') ?? []).map(Number).filter(Number.isInteger))

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
    const { csv, fileName } = comparisonCsv(result.baseline, result.comparison)
    return c.body(csv, 200, csvHeaders(fileName))
  })

  return app
}
