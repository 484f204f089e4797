/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Schedules routes: shift templates and agents (add/edit/delete; bad input answers 422 with the messages and saves
 * nothing), "Generate schedule" as a background job (staffing plan → requirement → HiGHS in a worker, progress
 * polled by htmx or a self-refreshing page without JavaScript), one schedule's coverage, hand edits (htmx replaces
 * `#schedule-workspace`), publish, and the CSV exports. Every form works without JavaScript (303 after a POST).
 * Templates, agents and their CSVs are in scheduleSetup.tsx. Form parsing lives in src/web/forms/schedules.ts and the
 * work in src/planning/schedulesPage.ts: a handler reads the request, makes one planning call and renders one view.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { ScheduleStoreError, type ScheduleRecord } from '../../db/schedules.ts'
import {
  agentsSection, copySchedule, findScheduleRecord, generateAndStoreSchedule, generateRequestProblems, generateSection, historyEndOf, publishWithRoster,
  queueOfValue, removeSchedule, replaceShifts, scheduleCoverageCsv, scheduleCsvName, scheduleRosterCsv, schedulesOfQueue, scheduleWorkspace, scheduleWorkspaceOrPending, templatesSection,
  type AgentsSectionData, type GenerateSectionData, type TemplatesSectionData,
} from '../../planning/schedulesPage.ts'
import { editedSchedule, errorMessages, generateFormFrom, generateFormProblems, versionOf, type Body } from '../forms/schedules.ts'
import { scheduleSetupRoutes } from './scheduleSetup.tsx'
import { renderPage } from '../../../views/Layout.tsx'
import {
  EMPTY_AGENT_FORM, EMPTY_TEMPLATE_FORM, GenerateSection, ScheduleJobFailed, ScheduleJobProgress, SchedulesPage, type GenerateFormValues,
} from '../../../views/schedules/SchedulesPage.tsx'
import { DraftNamesProgress, ScheduleDetailPage, ScheduleWorkspace } from '../../../views/schedules/ScheduleDetailPage.tsx'

export { agentOfForm, templateFormOf, templateOfForm } from '../forms/schedules.ts'

interface GenerateJobResult { scheduleId?: number; messages?: string[]; queueId: number; form: GenerateFormValues }
type GenerateParts = GenerateSectionData & { job?: Child }
/** The page with its sections (those not given are read), for the routes of this screen. */
export type SchedulesFullPage = (queue: Queue | null, parts?: { templates?: TemplatesSectionData; agents?: AgentsSectionData; generate?: GenerateParts }) => Promise<string>

export function scheduleRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()

  async function fullPage(queue: Queue | null, parts: { templates?: TemplatesSectionData; agents?: AgentsSectionData; generate?: GenerateParts } = {}) {
    const { queues, schedules } = await schedulesOfQueue(db, queue)
    if (!queue) return renderPage(<SchedulesPage queues={queues} queue={null} templates={{} as never} agents={{} as never} generate={{} as never} schedules={[]} />)
    return renderPage(
      <SchedulesPage queues={queues} queue={queue} templates={parts.templates ?? await templatesSection(db, queue, EMPTY_TEMPLATE_FORM)} agents={parts.agents ?? await agentsSection(db, EMPTY_AGENT_FORM)}
        generate={parts.generate ?? await generateSection(db, queue)} schedules={schedules} />,
    )
  }

  app.get('/', async (c) => c.html(await fullPage(pickQueue((await schedulesOfQueue(db, null)).queues, c.req.query('queue')))))

  /** The queue of a form or fragment request (strict: no fallback to another queue). */
  async function queueOr404(c: Context): Promise<Queue | Response> {
    const queue = await queueOfValue(db, c.req.query('queue'))
    if (queue) return queue
    return c.html(isFragmentRequest(c) ? <p class="errors" role="alert">This queue no longer exists.</p> : await fullPage(null), 404)
  }

  /** After a successful change: 303 back to the page, or the section with its message (htmx). */
  const done = (c: Context, queue: Queue, answer: () => Promise<Response>) => (isFragmentRequest(c) ? answer() : c.redirect(`/schedules?queue=${queue.id}`, 303))

  app.route('/', scheduleSetupRoutes(db, { fullPage, queueOr404, done }))

  // -------------------------------------------------------------- generate

  app.post('/generate', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const form = generateFormFrom(await c.req.parseBody() as Body, (await historyEndOf(db, queue)).range)
    const { problems, templates } = await generateRequestProblems(db, queue, form, generateFormProblems(form))
    if (problems.length) {
      const section = await generateSection(db, queue, form, problems)
      return isFragmentRequest(c) ? c.html(<GenerateSection queue={queue} {...section} />, 422) : c.html(await fullPage(queue, { generate: section }), 422)
    }
    const job = jobs.start<GenerateJobResult>('schedule-generate', async (report) => {
      try {
        const made = await generateAndStoreSchedule(db, queue, form, templates, report)
        if ('messages' in made) return { messages: made.messages, queueId: queue.id, form }
        await auditChange(c, db, { action: 'schedule.create', entity: 'schedule', entityId: made.scheduleId, summary: `draft for '${queue.name}' ${form.from} – ${form.to} (${made.status})` })
        return { scheduleId: made.scheduleId, queueId: queue.id, form }
      } catch (error) {
        return { messages: errorMessages(error), queueId: queue.id, form }
      }
    })
    if (!isFragmentRequest(c)) return c.redirect(`/schedules/jobs/${job.id}?queue=${queue.id}`, 303)
    return c.html(<GenerateSection queue={queue} {...await generateSection(db, queue, form)} job={<ScheduleJobProgress jobId={job.id} fraction={0} message="starting" />} />, 202)
  })

  app.get('/jobs/:id{[0-9a-z]+}', async (c) => {
    const job = jobs.get(c.req.param('id'))
    const fragment = isFragmentRequest(c)
    const anyQueue = async () => pickQueue((await schedulesOfQueue(db, null)).queues, undefined)
    if (!job || job.kind !== 'schedule-generate') {
      const gone = <ScheduleJobFailed messages={['this generation is no longer known (the server may have restarted): generate again']} />
      return fragment ? c.html(gone, 404) : c.html(await fullPage(await anyQueue()), 404)
    }
    if (job.state.status === 'running') {
      if (fragment) return c.html(<ScheduleJobProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} />)
      const progress = <ScheduleJobProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} inPage />
      const queue = (await queueOfValue(db, c.req.query('queue'))) ?? await anyQueue()
      return c.html(await fullPage(queue, queue ? { generate: { ...await generateSection(db, queue), job: progress } } : {}))
    }
    if (job.state.status === 'failed') {
      const failed = <ScheduleJobFailed messages={[`the generation failed unexpectedly: ${String((job.state.error as Error)?.message ?? job.state.error)}`]} />
      return fragment ? c.html(failed, 500) : c.html(await fullPage(null), 500)
    }
    const result = job.state.result as GenerateJobResult
    if (result.scheduleId !== undefined) {
      const href = `/schedules/${result.scheduleId}`
      if (!fragment) return c.redirect(href, 303)
      c.header('HX-Redirect', href)
      return c.html(<div id="schedule-job" class="success"><p>Schedule ready: <a href={href}>open schedule {result.scheduleId}</a>.</p></div>)
    }
    const failed = <ScheduleJobFailed messages={result.messages ?? []} />
    if (fragment) return c.html(failed, 422)
    const queue = (await queueOfValue(db, String(result.queueId))) ?? null
    return c.html(await fullPage(queue, queue ? { generate: { ...await generateSection(db, queue, result.form), job: failed } } : {}), 422)
  })

  // -------------------------------------------------------------- one schedule

  async function recordOr404(c: Context): Promise<ScheduleRecord | Response> {
    const record = await findScheduleRecord(db, Number(c.req.param('id')))
    if (record) return record
    return c.html(isFragmentRequest(c) ? <p class="errors" role="alert">This schedule no longer exists.</p> : await fullPage(null), 404)
  }

  // A draft's names come from the roster optimiser (seconds): when they are not ready soon, the page shows progress
  // and /workspace answers the workspace once they are.
  const NAMES_WAIT_MS = 3000
  app.get('/:id{[0-9]+}', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const answer = await scheduleWorkspaceOrPending(db, record, NAMES_WAIT_MS)
    return c.html(renderPage(answer.pending ? <ScheduleDetailPage queue={answer.queue} record={record} pendingSeconds={answer.seconds} /> : <ScheduleDetailPage {...answer.workspace} />))
  })

  app.get('/:id{[0-9]+}/workspace', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const answer = await scheduleWorkspaceOrPending(db, record, NAMES_WAIT_MS)
    return c.html(answer.pending ? <DraftNamesProgress record={record} seconds={answer.seconds} /> : <ScheduleWorkspace {...answer.workspace} />)
  })

  /** Answers a change of one schedule: 303 to it, or its page (422) / workspace fragment with the messages. */
  async function answerChange(c: Context, record: ScheduleRecord, change: () => Promise<{ record: ScheduleRecord; message: string }>, audit: (message: string) => Promise<void>) {
    let answer: { record: ScheduleRecord; message?: string; editErrors?: string[] }
    try {
      answer = await change()
      await audit(answer.message!)
    } catch (error) {
      answer = { record, editErrors: error instanceof ScheduleStoreError ? [error.message] : errorMessages(error) }
    }
    const status = answer.editErrors ? 422 : 200
    if (!isFragmentRequest(c)) {
      if (status === 200) return c.redirect(`/schedules/${record.id}`, 303)
      return c.html(renderPage(<ScheduleDetailPage {...await scheduleWorkspace(db, answer.record, answer)} />), 422)
    }
    return c.html(<ScheduleWorkspace {...await scheduleWorkspace(db, answer.record, answer)} />, status)
  }

  app.post('/:id{[0-9]+}/edit', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const body = await c.req.parseBody() as Body
    return answerChange(c, record, async () => {
      const { schedule, message } = editedSchedule(record, body)
      return { record: await replaceShifts(db, record, schedule, versionOf(body)), message }
    }, (message) => auditChange(c, db, { action: 'schedule.update', entity: 'schedule', entityId: record.id, summary: message ?? 'shifts edited' }))
  })

  app.post('/:id{[0-9]+}/publish', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const version = versionOf(await c.req.parseBody() as Body)
    return answerChange(c, record, async () => {
      const published = await publishWithRoster(db, record, version)
      return { record: published.record, message: `Published. ${published.note} Event flags and scenarios now compare against this schedule.` }
    },
      () => auditChange(c, db, { action: 'schedule.publish', entity: 'schedule', entityId: record.id, summary: `${record.fromDateKey} – ${record.toDateKey}` }))
  })

  app.post('/:id{[0-9]+}/copy', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const copyId = await copySchedule(db, record)
    await auditChange(c, db, { action: 'schedule.copy', entity: 'schedule', entityId: copyId, summary: `draft copy of #${record.id}` })
    return c.redirect(`/schedules/${copyId}`, 303)
  })

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    if (record.status === 'published') return c.html(renderPage(<ScheduleDetailPage {...await scheduleWorkspace(db, record, { editErrors: ['a published schedule is not deleted: it is what event flags and scenarios compare against'] })} />), 422)
    await removeSchedule(db, record)
    await auditChange(c, db, { action: 'schedule.delete', entity: 'schedule', entityId: record.id, summary: `${record.fromDateKey} – ${record.toDateKey}` })
    return c.redirect(`/schedules?queue=${record.queueId}`, 303)
  })

  const csvFile = (c: Context, csv: string, record: ScheduleRecord, what: string) =>
    c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${scheduleCsvName(record, what)}"` })

  app.get('/:id{[0-9]+}/roster.csv', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    return csvFile(c, await scheduleRosterCsv(db, record), record, 'roster')
  })

  app.get('/:id{[0-9]+}/coverage.csv', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    return csvFile(c, await scheduleCoverageCsv(db, record), record, 'coverage')
  })

  return app
}
