/**
 * /capacity (managers): saved long-range capacity plans: list, new, view (computed in a worker job with a time
 * limit, polled by htmx), change (with the version seen), copy, delete, CSV export, and the comparison of two.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { pickQueue } from '../queryParams.ts'
import { auditChange } from '../middleware/audit.ts'
import { currentUser } from '../middleware/session.ts'
import { findQueueById, listQueues } from '../../db/queues.ts'
import { findScenario, listScenarios } from '../../db/scenarios.ts'
import {
  CapacityStoreError, copyCapacityPlan, deleteCapacityPlan, findCapacityPlan, insertCapacityPlan, listCapacityPlans, updateCapacityPlan, type CapacityPlanRecord,
} from '../../db/capacityPlans.ts'
import { DEFAULT_FORM_VALUES, capacityGroupsCsv, capacityPlanCsv, formValuesOf, parseCapacityForm, type CapacityFormValues, type CapacityPlanSpec, type SpecProblem } from '../../capacity/index.ts'
import { applyScenarioAssumptions, loadCapacityInputs, runCapacityPlanInWorker, type CapacityPlanResult } from '../../planning/capacityPlan.ts'
import { queueStaffDefaults, staffDefaultsLabel, withStaffDefaults } from '../../planning/capacityStaff.ts'
import type { Job } from '../jobs.ts'
import { Layout, renderPage } from '../../../views/Layout.tsx'
import { CapacityFailed, CapacityForm, CapacityPage, CapacityPlanPage, CapacityProgress, CapacityResult, type Option } from '../../../views/capacity/CapacityPage.tsx'
import { CapacityComparePage } from '../../../views/capacity/CapacityComparePage.tsx'
import { formatUtcStamp } from '../../format/dateTime.ts'

const page = (title: string, body: Child) => renderPage(<Layout title={title} active="/capacity">{body}</Layout>)
const idParam = (c: Context) => Number(c.req.param('id'))
const who = (c: Context) => currentUser(c)?.username ?? 'manager'

function formValuesFrom(body: Record<string, unknown>): CapacityFormValues {
  const out: CapacityFormValues = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}

export function capacityRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()
  /** `${planId}:${version}` → the job computing it (kept while the registry keeps the job). */
  const jobOf = new Map<string, string>()

  async function options(): Promise<{ queues: Option[]; scenarios: Option[] }> {
    const queues = (await listQueues(db)).map((q) => ({ id: q.id, label: q.name }))
    const scenarios = (await listScenarios(db)).map((s) => ({ id: s.id, label: s.name }))
    return { queues, scenarios }
  }

  function computePlan(record: CapacityPlanRecord): Job<CapacityPlanResult> {
    const key = `${record.id}:${record.version}`
    const known = jobOf.get(key)
    const existing = known ? jobs.get(known) : undefined
    if (existing && existing.state.status !== 'failed') return existing as Job<CapacityPlanResult>
    const job = jobs.start<CapacityPlanResult>('capacity', async (report) => {
      report(0.05, 'reading the history and the calendar')
      const queue = await findQueueById(db, record.spec.queueId)
      if (!queue) throw new RangeError(`the queue of this plan (id ${record.spec.queueId}) no longer exists`)
      const inputs = await loadCapacityInputs(db, queue, record.spec)
      report(0.3, 'forecasting the weeks and staffing every interval')
      return runCapacityPlanInWorker(inputs)
    })
    jobOf.set(key, job.id)
    return job
  }

  async function finished(job: Job<CapacityPlanResult>): Promise<CapacityPlanResult> {
    while (job.state.status === 'running') await new Promise((r) => setTimeout(r, 50))
    if (job.state.status === 'failed') throw job.state.error
    return (job.state as { result: CapacityPlanResult }).result
  }

  function resultNode(record: CapacityPlanRecord, job: Job<CapacityPlanResult>) {
    const state = job.state
    if (state.status === 'running') return <CapacityProgress planId={record.id} message={state.message} />
    if (state.status === 'failed') return <CapacityFailed message={state.error instanceof Error ? state.error.message : String(state.error)} />
    return <CapacityResult plan={state.result} trainingWeeks={record.spec.staff.training_weeks} rampWeeks={record.spec.staff.ramp?.length ?? 0} />
  }

  /** The form's spec with a chosen scenario's assumptions applied, or the problems. */
  async function specFromForm(values: CapacityFormValues): Promise<{ spec: CapacityPlanSpec; applied: string } | { problems: SpecProblem[] }> {
    const parsed = parseCapacityForm(values)
    if (!parsed.ok) return { problems: parsed.problems }
    if (parsed.spec.scenarioId === null) return { spec: parsed.spec, applied: '' }
    const scenario = await findScenario(db, parsed.spec.scenarioId)
    if (!scenario) return { problems: [{ field: 'scenarioId', message: `scenario: there is no scenario ${parsed.spec.scenarioId}` }] }
    const { spec, applied, skipped } = applyScenarioAssumptions(parsed.spec, scenario.overrides, scenario.id)
    return { spec, applied: `From scenario '${scenario.name}': ${applied.length ? applied.join(', ') : 'nothing that a capacity plan uses'}${skipped.length ? `; not applied: ${skipped.join(', ')}` : ''}.` }
  }

  async function formError(c: Context, values: CapacityFormValues, problems: SpecProblem[], action: string, version?: number) {
    const o = await options()
    if (isFragmentRequest(c)) return c.html(<CapacityForm action={action} values={values} problems={problems} {...o} submitLabel={version === undefined ? 'Save and compute' : 'Save'} version={version} />, 422)
    return c.html(page('Capacity', <CapacityPage plans={[]} form={{ values, problems, ...o }} />), 422)
  }

  function redirect(c: Context, to: string) {
    if (isFragmentRequest(c)) { c.header('HX-Redirect', to); return c.body(null, 204) }
    return c.redirect(to, 303)
  }

  app.get('/', async (c) => {
    const o = await options()
    const queueNames = new Map(o.queues.map((q) => [q.id, q.label]))
    const plans = (await listCapacityPlans(db)).map((p) => ({ id: p.id, name: p.name, queueName: queueNames.get(p.queueId) ?? '?', weeksAhead: p.spec.weeksAhead, updatedBy: p.updatedBy, updatedAt: formatUtcStamp(p.updatedAtMs), version: p.version }))
    // a new plan starts from the chosen queue's own agents (?queue= id or name, else the default queue), editable
    const queue = pickQueue(await listQueues(db), c.req.query('queue'))
    const staff = queue ? await queueStaffDefaults(db, queue) : undefined
    const values = staff ? withStaffDefaults({ ...DEFAULT_FORM_VALUES, queueId: String(staff.queueId) }, staff) : { ...DEFAULT_FORM_VALUES, queueId: '' }
    const staffNote = staff ? { text: staffDefaultsLabel(staff), fromAgents: staff.agents > 0, queueId: staff.queueId } : undefined
    return c.html(page('Capacity', <CapacityPage plans={plans} form={{ values, problems: [], ...o }} staffNote={staffNote} />))
  })

  app.post('/', async (c) => {
    const values = formValuesFrom(await c.req.parseBody())
    const made = await specFromForm(values)
    if ('problems' in made) return formError(c, values, made.problems, '/capacity')
    const record = await insertCapacityPlan(db, made.spec, who(c))
    await auditChange(c, db, { action: 'capacity.create', entity: 'capacity_plan', entityId: record.id, summary: `${record.name}${made.applied ? ' — ' + made.applied : ''}` })
    return redirect(c, `/capacity/${record.id}`)
  })

  app.get('/compare', async (c) => {
    const ids = c.req.queries('id')?.map(Number) ?? []
    const records = await Promise.all(ids.map((id) => findCapacityPlan(db, id)))
    if (ids.length !== 2 || records.some((r) => !r)) {
      return c.html(page('Compare capacity plans', <p class="errors" role="alert">Tick exactly two saved plans to compare (got {ids.length}{records.some((r) => !r) ? ', one of them no longer exists' : ''}). <a href="/capacity">Back to the plans</a></p>), 400)
    }
    try {
      const [a, b] = await Promise.all(records.map((r) => finished(computePlan(r!))))
      return c.html(page('Compare capacity plans', <CapacityComparePage a={{ id: records[0]!.id, name: records[0]!.name, plan: a }} b={{ id: records[1]!.id, name: records[1]!.name, plan: b }} />))
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof TypeError)) throw error
      return c.html(page('Compare capacity plans', <p class="errors" role="alert">{error.message}</p>), 422)
    }
  })

  app.get('/:id{[0-9]+}', async (c) => {
    const record = await findCapacityPlan(db, idParam(c))
    if (!record) return c.html(page('Capacity', <p class="errors">There is no capacity plan {c.req.param('id')}. <a href="/capacity">All plans</a></p>), 404)
    const queue = await findQueueById(db, record.queueId)
    const o = await options()
    const scenario = record.spec.scenarioId === null ? undefined : await findScenario(db, record.spec.scenarioId)
    const applied = record.spec.scenarioId === null ? undefined : scenario ? `Assumptions taken from scenario '${scenario.name}' when saved (see the form).` : `Assumptions were taken from scenario ${record.spec.scenarioId}, since deleted.`
    return c.html(page(record.name, <CapacityPlanPage id={record.id} name={record.name} queueName={queue?.name ?? '?'} result={resultNode(record, computePlan(record))} applied={applied}
      form={{ values: formValuesOf(record.spec), problems: [], ...o, version: record.version }} />))
  })

  app.get('/:id{[0-9]+}/result', async (c) => {
    const record = await findCapacityPlan(db, idParam(c))
    if (!record) return c.html(<CapacityFailed message="This capacity plan no longer exists." />, 404)
    return c.html(resultNode(record, computePlan(record)))
  })

  app.get('/:id{[0-9]+}/export.csv', async (c) => {
    const record = await findCapacityPlan(db, idParam(c))
    if (!record) return c.text('There is no such capacity plan.', 404)
    try {
      const plan = await finished(computePlan(record))
      return c.body(capacityPlanCsv(record.name, plan.queueName, plan.weeks, plan.hiresLowerBound ?? null), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="capacity-${record.id}.csv"` })
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof TypeError)) throw error
      return c.text(`No plan to export: ${error.message}`, 422)
    }
  })

  app.get('/:id{[0-9]+}/groups.csv', async (c) => {
    const record = await findCapacityPlan(db, idParam(c))
    if (!record) return c.text('There is no such capacity plan.', 404)
    try {
      const plan = await finished(computePlan(record))
      if (!plan.groups.length) return c.text('This plan has no groups (teams or skills): its CSV is Export CSV.', 404)
      return c.body(capacityGroupsCsv(record.name, plan.queueName, plan.groups), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="capacity-${record.id}-groups.csv"` })
    } catch (error) {
      if (!(error instanceof RangeError || error instanceof TypeError)) throw error
      return c.text(`No plan to export: ${error.message}`, 422)
    }
  })

  app.post('/:id{[0-9]+}', async (c) => {
    const id = idParam(c)
    const values = formValuesFrom(await c.req.parseBody())
    const version = Number(values.version)
    const made = await specFromForm(values)
    if ('problems' in made) return formError(c, values, made.problems, `/capacity/${id}`, version)
    try {
      const record = await updateCapacityPlan(db, id, made.spec, version, who(c))
      await auditChange(c, db, { action: 'capacity.update', entity: 'capacity_plan', entityId: id, summary: `${record.name} (version ${record.version})${made.applied ? ' — ' + made.applied : ''}` })
      return redirect(c, `/capacity/${id}`)
    } catch (error) {
      if (error instanceof CapacityStoreError) return formError(c, values, [{ field: 'plan', message: error.message }], `/capacity/${id}`, version)
      throw error
    }
  })

  app.post('/:id{[0-9]+}/copy', async (c) => {
    try {
      const copy = await copyCapacityPlan(db, idParam(c), who(c))
      await auditChange(c, db, { action: 'capacity.copy', entity: 'capacity_plan', entityId: copy.id, summary: `${copy.name} from plan ${c.req.param('id')}` })
      return redirect(c, `/capacity/${copy.id}`)
    } catch (error) {
      if (error instanceof CapacityStoreError) return c.html(page('Capacity', <p class="errors">{error.message}</p>), 404)
      throw error
    }
  })

  app.post('/:id{[0-9]+}/delete', async (c) => {
    try {
      await deleteCapacityPlan(db, idParam(c))
      await auditChange(c, db, { action: 'capacity.delete', entity: 'capacity_plan', entityId: idParam(c) })
      return redirect(c, '/capacity')
    } catch (error) {
      if (error instanceof CapacityStoreError) return c.html(page('Capacity', <p class="errors">{error.message}</p>), 404)
      throw error
    }
  })

  return app
}
