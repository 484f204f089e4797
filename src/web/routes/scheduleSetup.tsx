/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The set-up routes of the Schedules screen, mounted by schedules.tsx: shift templates and agents (add, edit, delete;
 * bad input answers 422 with the messages and saves nothing) and their CSV import and export (all or nothing).
 * Forms are read by src/web/forms/schedules.ts; the stores are reached through src/planning/schedulesPage.ts.
 */
import { Hono, type Context } from 'hono'
import type { Db } from '../../db/client.ts'
import type { Queue } from '../../db/schema.ts'
import { ScheduleStoreError } from '../../db/schedules.ts'
import { auditChange } from '../middleware/audit.ts'
import { isFragmentRequest } from '../htmx.ts'
import { exportAgentsCsv, exportTemplatesCsv, importAgentsCsv, importTemplatesCsv } from '../../planning/setupImport.ts'
import {
  agentsSection, findAgent, findTemplate, removeAgent, removeTemplate, saveTemplate, storeAgent, templatesSection, type AgentsSectionData, type TemplatesSectionData,
} from '../../planning/schedulesPage.ts'
import { formatSetupCsvProblem } from '../../scheduling/setupCsv.ts'
import {
  MISSING_VERSION, agentFormFrom, agentFormOf, agentOfForm, errorMessages, templateFormFrom, templateFormOf, templateOfForm, text, versionOf, type Body,
} from '../forms/schedules.ts'
import { AgentsSection, EMPTY_AGENT_FORM, EMPTY_TEMPLATE_FORM, TemplatesSection, type AgentFormValues } from '../../../views/schedules/SchedulesPage.tsx'
import type { SchedulesFullPage } from './schedules.tsx'

export interface SchedulesScreen {
  fullPage: SchedulesFullPage
  /** The queue of the request (strict), or the 404 answer. */
  queueOr404(c: Context): Promise<Queue | Response>
  /** After a successful change: 303 back to the page, or the section with its message (htmx). */
  done(c: Context, queue: Queue, answer: () => Promise<Response>): Promise<Response> | Response
}

export function scheduleSetupRoutes(db: Db, { fullPage, queueOr404, done }: SchedulesScreen) {
  const app = new Hono()
  const templates = (queue: Queue, form = EMPTY_TEMPLATE_FORM, errors: string[] = [], message?: string) => templatesSection(db, queue, form, errors, message)
  const agents = (form: AgentFormValues = EMPTY_AGENT_FORM, errors: string[] = [], message?: string) => agentsSection(db, form, errors, message)


  /** Answers with the templates section (fragment) or the page; `status` 422 for bad input. */
  async function answerTemplates(c: Context, queue: Queue, section: TemplatesSectionData, status: 200 | 404 | 422 = 200) {
    if (isFragmentRequest(c)) return c.html(<TemplatesSection queue={queue} {...section} />, status)
    return c.html(await fullPage(queue, { templates: section }), status)
  }

  app.get('/templates', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    return done(c, queue, async () => answerTemplates(c, queue, await templates(queue)))
  })

  app.post('/templates', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const form = templateFormFrom(await c.req.parseBody({ all: true }) as Body)
    try {
      const saved = await saveTemplate(db, queue, templateOfForm(form))
      await auditChange(c, db, { action: 'template.create', entity: 'shift-template', entityId: saved.id, summary: `'${saved.name}' of '${queue.name}'` })
      return done(c, queue, async () => answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, [], `Added the template '${saved.name}'.`)))
    } catch (error) {
      return answerTemplates(c, queue, await templates(queue, form, errorMessages(error)), 422)
    }
  })

  app.get('/templates/:id{[0-9]+}/edit', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const template = await findTemplate(db, queue, Number(c.req.param('id')))
    if (!template) return answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, ['This shift template no longer exists.']), 404)
    return answerTemplates(c, queue, await templates(queue, templateFormOf(template)))
  })

  app.post('/templates/:id{[0-9]+}', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const body = await c.req.parseBody({ all: true }) as Body
    const id = Number(c.req.param('id'))
    const version = versionOf(body)
    const form = { ...templateFormFrom(body), id, version: version ?? NaN }
    if (version === undefined) return answerTemplates(c, queue, await templates(queue, form, [MISSING_VERSION]), 422)
    try {
      const saved = await saveTemplate(db, queue, templateOfForm(form), { id, expectedVersion: version })
      await auditChange(c, db, { action: 'template.update', entity: 'shift-template', entityId: saved.id, summary: `'${saved.name}' of '${queue.name}' (version ${saved.version})` })
      return done(c, queue, async () => answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, [], `Saved the template '${saved.name}'.`)))
    } catch (error) {
      return answerTemplates(c, queue, await templates(queue, form, error instanceof ScheduleStoreError ? [error.message] : errorMessages(error)), 422)
    }
  })

  app.post('/templates/:id{[0-9]+}/delete', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    try {
      await removeTemplate(db, queue, Number(c.req.param('id')))
      await auditChange(c, db, { action: 'template.delete', entity: 'shift-template', entityId: c.req.param('id'), summary: `of '${queue.name}'` })
    } catch (error) {
      if (!(error instanceof ScheduleStoreError)) throw error
      return answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, [error.message]), 404)
    }
    return done(c, queue, async () => answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, [], 'Deleted the template.')))
  })

  // -------------------------------------------------------------- agents

  async function answerAgents(c: Context, queue: Queue, section: AgentsSectionData, status: 200 | 404 | 422 = 200) {
    if (isFragmentRequest(c)) return c.html(<AgentsSection queue={queue} {...section} />, status)
    return c.html(await fullPage(queue, { agents: section }), status)
  }

  async function saveAgentForm(c: Context, queue: Queue, form: AgentFormValues, target: { id?: number; expectedVersion?: number }) {
    const { agent, errors } = agentOfForm(form)
    if (errors.length) return answerAgents(c, queue, await agents(form, errors), 422)
    try {
      const saved = await storeAgent(db, agent, target)
      const renamed = saved.renamed ? ` (renamed from '${saved.renamed.from}'; ${saved.renamed.publishedShifts} published shift${saved.renamed.publishedShifts === 1 ? '' : 's'} carried along)` : ''
      await auditChange(c, db, { action: target.id === undefined ? 'agent.create' : 'agent.update', entity: 'agent', entityId: saved.id, summary: `'${saved.name}'${renamed}` })
      return done(c, queue, async () => answerAgents(c, queue, await agents(EMPTY_AGENT_FORM, [], `Saved the agent '${saved.name}'${renamed}.`)))
    } catch (error) {
      return answerAgents(c, queue, await agents(form, error instanceof ScheduleStoreError ? [error.message] : errorMessages(error)), 422)
    }
  }

  app.get('/agents', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    return done(c, queue, async () => answerAgents(c, queue, await agents()))
  })

  app.post('/agents', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    return saveAgentForm(c, queue, agentFormFrom(await c.req.parseBody({ all: true }) as Body), {})
  })

  app.get('/agents/:id{[0-9]+}/edit', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const agent = await findAgent(db, Number(c.req.param('id')))
    if (!agent) return answerAgents(c, queue, await agents(EMPTY_AGENT_FORM, ['This agent no longer exists.']), 404)
    return answerAgents(c, queue, await agents(agentFormOf(agent)))
  })

  app.post('/agents/:id{[0-9]+}', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const body = await c.req.parseBody({ all: true }) as Body
    const id = Number(c.req.param('id'))
    const version = versionOf(body)
    if (version === undefined) return answerAgents(c, queue, await agents({ ...agentFormFrom(body), id }, [MISSING_VERSION]), 422)
    return saveAgentForm(c, queue, { ...agentFormFrom(body), id, version }, { id, expectedVersion: version })
  })

  app.post('/agents/:id{[0-9]+}/delete', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    try {
      await removeAgent(db, Number(c.req.param('id')))
      await auditChange(c, db, { action: 'agent.delete', entity: 'agent', entityId: c.req.param('id') })
    } catch (error) {
      if (!(error instanceof ScheduleStoreError)) throw error
      return answerAgents(c, queue, await agents(EMPTY_AGENT_FORM, [error.message]), 404)
    }
    return done(c, queue, async () => answerAgents(c, queue, await agents(EMPTY_AGENT_FORM, [], 'Deleted the agent.')))
  })

  // -------------------------------------------------------------- bulk set-up (CSV)

  /** The CSV text of an upload (field `file`) or of a pasted text (field `csv`), with the file's name. */
  async function csvOfBody(c: Context, fallbackName: string): Promise<{ text: string; file: string }> {
    const body = await c.req.parseBody() as Body
    const file = body.file
    if (file instanceof File && file.size > 0) return { text: await file.text(), file: file.name || fallbackName }
    return { text: text(body, 'csv'), file: fallbackName }
  }

  const csvAnswer = (c: Context, csv: string, name: string) => c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` })
  const imported = (what: string, file: string, r: { created: number; updated: number }) => `Imported ${r.created + r.updated} ${what} from ${file}: ${r.created} added, ${r.updated} replaced.`

  app.get('/agents.csv', async (c) => csvAnswer(c, await exportAgentsCsv(db), 'agents.csv'))

  app.post('/agents/import', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const { text: csv, file } = await csvOfBody(c, 'agents.csv')
    const result = await importAgentsCsv(db, csv, file)
    if (!result.ok) return answerAgents(c, queue, await agents(EMPTY_AGENT_FORM, [`Nothing was imported from ${file}:`, ...result.problems.map(formatSetupCsvProblem)]), 422)
    await auditChange(c, db, { action: 'agent.import', entity: 'agent', summary: `${result.created} added, ${result.updated} replaced from ${file}` })
    return done(c, queue, async () => answerAgents(c, queue, await agents(EMPTY_AGENT_FORM, [], imported('agents', file, result))))
  })

  app.get('/templates.csv', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    return csvAnswer(c, await exportTemplatesCsv(db, queue.id), `templates-${queue.name.replace(/[^A-Za-z0-9]+/g, '_')}.csv`)
  })

  app.post('/templates/import', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const { text: csv, file } = await csvOfBody(c, 'templates.csv')
    const result = await importTemplatesCsv(db, queue.id, csv, file)
    if (!result.ok) return answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, [`Nothing was imported from ${file}:`, ...result.problems.map(formatSetupCsvProblem)]), 422)
    await auditChange(c, db, { action: 'template.import', entity: 'shift-template', summary: `${result.created} added, ${result.updated} replaced for '${queue.name}' from ${file}` })
    return done(c, queue, async () => answerTemplates(c, queue, await templates(queue, EMPTY_TEMPLATE_FORM, [], imported('templates', file, result))))
  })

  return app
}
