/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Schedules routes: shift templates and agents (add/edit/delete; bad input answers 422 with the messages and saves
 * nothing), "Generate schedule" as a background job (staffing plan → requirement → HiGHS in a worker, progress
 * polled by htmx or a self-refreshing page without JavaScript), one schedule's coverage, hand edits (htmx replaces
 * `#schedule-workspace`), publish, and the CSV exports. Every form works without JavaScript (303 after a POST).
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { auditChange } from '../middleware/audit.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { findQueueById, findQueueByName, listQueues, openingHoursOf } from '../../db/queues.ts'
import { historyRange } from '../../db/history.ts'
import { findStaffingSettings } from '../../db/staffingSettings.ts'
import {
  copyScheduleAsDraft, deleteAgent, deleteSchedule, deleteShiftTemplate, findSchedule, insertSchedule, listAgents, listRosterAgents,
  listSchedules, listShiftTemplates, publishSchedule, replaceScheduleShifts, rosterOfRecord, saveAgent, saveShiftTemplate, ScheduleStoreError,
  shiftTemplateOf, type AgentRecord, type NewAgent, type ScheduleRecord, type ShiftTemplateRecord,
} from '../../db/schedules.ts'
import { DEFAULT_STAFFING_SETTINGS, assertPlanRange, defaultPlanRange } from '../../planning/staffingPlan.ts'
import { generateQueueSchedule, scheduleShiftCost, templatesOpenHoursProblems } from '../../planning/schedulePlan.ts'
import { rosterOfSchedule, scheduleNeedCover } from '../../planning/needCover.ts'
import { storeGeneratedSchedule } from '../../planning/scheduleStore.ts'
import { rosterForPublishing } from '../../planning/rosterSolve.ts'
import { exportAgentsCsv, exportTemplatesCsv, importAgentsCsv, importTemplatesCsv } from '../../planning/setupImport.ts'
import { formatSetupCsvProblem } from '../../scheduling/setupCsv.ts'
import { formatScheduleInputIssueInWords } from '../../scheduling/scheduleInputError.ts'
import {
  addShifts, buildRoster, coverageToCsv, formatScheduleInputIssue, moveShifts, removeShifts, rosterToCsv, ScheduleInputError,
  validateShiftTemplates, type AvailabilityWindow, type BreakRule, type Schedule, type ShiftTemplate, type Weekday,
} from '../../scheduling/index.ts'
import { localParts } from '../../time/zones.ts'
import { AGENT_AVAILABILITY } from '../../schemas/agents.ts'
import { textProblem } from '../../schemas/bounds.ts'
import { renderPage } from '../../../views/Layout.tsx'
import {
  AgentsSection, BREAK_ROWS, EMPTY_AGENT_FORM, EMPTY_BREAK, EMPTY_TEMPLATE_FORM, GenerateSection, ScheduleJobFailed, ScheduleJobProgress, SchedulesPage,
  TemplatesSection, WEEKDAY_KEYS, availabilityText, type AgentFormValues, type GenerateFormValues, type TemplateFormValues,
} from '../../../views/schedules/SchedulesPage.tsx'
import { ScheduleDetailPage, ScheduleWorkspace } from '../../../views/schedules/ScheduleDetailPage.tsx'

type Body = Record<string, string | File | (string | File)[]>

const text = (body: Body, key: string): string => {
  const v = body[key]
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}
const texts = (body: Body, key: string): string[] => {
  const v = body[key] ?? body[`${key}[]`]
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')
}

/** A number field: empty → undefined; not a number → the text itself, so the engine's message quotes what was typed. */
function numberField(value: string): number | string | undefined {
  const t = value.trim()
  if (t === '') return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : t
}

function errorMessages(error: unknown): string[] {
  if (error instanceof ScheduleInputError) return error.issues.map(formatScheduleInputIssueInWords)
  if (error instanceof RangeError || error instanceof TypeError) return [error.message]
  throw error
}

/** An edit must say which version it changes: without one it would overwrite someone else's save silently. */
const MISSING_VERSION = 'the form has no valid version (it was not opened from this page): reload the page and edit again; nothing was saved'

// ---------------------------------------------------------------- form <-> domain

function templateFormFrom(body: Body): TemplateFormValues {
  return {
    name: text(body, 'name'), lengthMinutes: text(body, 'lengthMinutes'), earliestStart: text(body, 'earliestStart'), latestStart: text(body, 'latestStart'),
    startStepMinutes: text(body, 'startStepMinutes'), days: texts(body, 'days'), costPerHour: text(body, 'costPerHour'),
    minCountPerDay: text(body, 'minCountPerDay'), maxCountPerDay: text(body, 'maxCountPerDay'),
    breaks: Array.from({ length: BREAK_ROWS }, (_, i) => ({
      name: text(body, `break${i}Name`), lengthMinutes: text(body, `break${i}LengthMinutes`), paid: text(body, `break${i}Paid`) !== '',
      earliestAfterMinutes: text(body, `break${i}EarliestAfterMinutes`), latestAfterMinutes: text(body, `break${i}LatestAfterMinutes`),
    })),
  }
}

export function templateFormOf(t: ShiftTemplateRecord): TemplateFormValues {
  const breaks = (t.breaks ?? []).map((b) => ({ name: b.name ?? '', lengthMinutes: String(b.lengthMinutes), paid: b.paid, earliestAfterMinutes: String(b.earliestAfterMinutes), latestAfterMinutes: String(b.latestAfterMinutes) }))
  while (breaks.length < BREAK_ROWS) breaks.push({ ...EMPTY_BREAK })
  return {
    name: t.name, lengthMinutes: String(t.lengthMinutes), earliestStart: t.earliestStart, latestStart: t.latestStart, startStepMinutes: String(t.startStepMinutes),
    days: [...(t.days ?? WEEKDAY_KEYS)], costPerHour: String(t.costPerHour ?? 1), minCountPerDay: String(t.minCountPerDay ?? 0),
    maxCountPerDay: t.maxCountPerDay === undefined ? '' : String(t.maxCountPerDay), breaks, id: t.id, version: t.version,
  }
}

/** The template a form describes; fields that are not numbers go through as typed, for the engine to name them. */
export function templateOfForm(f: TemplateFormValues): ShiftTemplate {
  const breaks = f.breaks
    .filter((b) => [b.name, b.lengthMinutes, b.earliestAfterMinutes, b.latestAfterMinutes].some((v) => v.trim() !== ''))
    .map((b) => ({
      ...(b.name.trim() ? { name: b.name.trim() } : {}), lengthMinutes: numberField(b.lengthMinutes), paid: b.paid,
      earliestAfterMinutes: numberField(b.earliestAfterMinutes), latestAfterMinutes: numberField(b.latestAfterMinutes),
    }) as BreakRule)
  const max = numberField(f.maxCountPerDay)
  return {
    name: f.name.trim(), lengthMinutes: numberField(f.lengthMinutes), earliestStart: f.earliestStart.trim(), latestStart: f.latestStart.trim(),
    startStepMinutes: numberField(f.startStepMinutes), days: f.days as Weekday[], breaks, costPerHour: numberField(f.costPerHour) ?? 1,
    minCountPerDay: numberField(f.minCountPerDay) ?? 0, ...(max === undefined ? {} : { maxCountPerDay: max }),
  } as ShiftTemplate
}

function agentFormFrom(body: Body): AgentFormValues {
  return {
    name: text(body, 'name'), contractedHoursPerWeek: text(body, 'contractedHoursPerWeek'), skills: texts(body, 'skills'), availability: text(body, 'availability'),
    maxDaysPerWeek: text(body, 'maxDaysPerWeek'), minConsecutiveDaysOff: text(body, 'minConsecutiveDaysOff'),
    minRestHoursBetweenShifts: text(body, 'minRestHoursBetweenShifts'), maxHoursPerWeek: text(body, 'maxHoursPerWeek'),
  }
}

function agentFormOf(a: AgentRecord): AgentFormValues {
  const s = (v: number | undefined, fallback: string) => (v === undefined ? fallback : String(v))
  return {
    name: a.name, contractedHoursPerWeek: String(a.contractedHoursPerWeek), skills: a.skillQueueIds.map(String), availability: availabilityText(a),
    maxDaysPerWeek: s(a.maxDaysPerWeek, '5'), minConsecutiveDaysOff: s(a.minConsecutiveDaysOff, '2'), minRestHoursBetweenShifts: s(a.minRestHoursBetweenShifts, '11'),
    maxHoursPerWeek: s(a.maxHoursPerWeek, ''), id: a.id, version: a.version,
  }
}

const AVAILABILITY_LINE = /^(mon|tue|wed|thu|fri|sat|sun)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/i

/** The agent a form describes, or the messages of the lines and fields that cannot be read. */
export function agentOfForm(f: AgentFormValues): { agent: NewAgent; errors: string[] } {
  const errors: string[] = []
  const availability: AvailabilityWindow[] = []
  f.availability.slice(0, AGENT_AVAILABILITY.maxLength).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const m = AVAILABILITY_LINE.exec(line)
    if (!m) errors.push(`availability line ${i + 1} '${line}' is not like 'mon 07:00-15:00'`)
    else availability.push({ day: m[1].toLowerCase() as Weekday, from: m[2].padStart(5, '0'), to: m[3].padStart(5, '0') })
  })
  const rule = (value: string) => numberField(value) as number | undefined
  const agent: NewAgent = {
    name: f.name.trim(), contractedHoursPerWeek: numberField(f.contractedHoursPerWeek) as number, skillQueueIds: f.skills.map(Number).filter(Number.isInteger),
    ...(availability.length ? { availability } : {}),
  }
  for (const key of ['maxDaysPerWeek', 'minConsecutiveDaysOff', 'minRestHoursBetweenShifts', 'maxHoursPerWeek'] as const) {
    const v = rule(f[key])
    if (v !== undefined) agent[key] = v
  }
  const availabilityProblem = textProblem(AGENT_AVAILABILITY, f.availability)
  if (availabilityProblem) errors.push(availabilityProblem)
  return { agent, errors }
}

// ---------------------------------------------------------------- routes

interface GenerateJobResult { scheduleId?: number; messages?: string[]; queueId: number; form: GenerateFormValues }

export function scheduleRoutes({ db, jobs }: WebDeps) {
  const app = new Hono()

  async function queueFrom(value: unknown): Promise<Queue | undefined> {
    if (typeof value !== 'string' || value === '') return undefined
    const id = Number(value)
    return (Number.isInteger(id) ? await findQueueById(db, id) : undefined) ?? findQueueByName(db, value)
  }

  async function historyEndOf(queue: Queue): Promise<{ dateKey: string | null; range: { fromDateKey: string; toDateKey: string } }> {
    const range = await historyRange(db, queue.id)
    if (range.source === 'none') {
      const today = localParts(Date.now(), queue.timeZone).dateKey
      return { dateKey: null, range: { fromDateKey: today, toDateKey: today } }
    }
    return { dateKey: localParts(range.lastMs, queue.timeZone).dateKey, range: defaultPlanRange(range.lastMs, queue.timeZone) }
  }

  async function templatesSection(queue: Queue, form: TemplateFormValues = EMPTY_TEMPLATE_FORM, errors: string[] = [], message?: string) {
    const templates = await listShiftTemplates(db, queue.id)
    const problems = templates.length ? templatesOpenHoursProblems(templates.map(shiftTemplateOf), openingHoursOf(queue)) : []
    const coverageProblem = problems.length ? `These templates cannot generate a schedule yet: ${problems.join(' ')}` : null
    return { templates, form, errors, coverageProblem, message }
  }

  async function agentsSection(form: AgentFormValues = EMPTY_AGENT_FORM, errors: string[] = [], message?: string) {
    return { queues: await listQueues(db), agents: await listAgents(db), form, errors, message }
  }

  async function generateSection(queue: Queue, values?: GenerateFormValues, errors: string[] = [], job?: Child) {
    const history = await historyEndOf(queue)
    const defaults: GenerateFormValues = { from: history.range.fromDateKey, to: history.range.toDateKey, timeLimitSeconds: '30', gapPercent: '0.5', overCover: 'allow' }
    return { values: values ?? defaults, historyEndDateKey: history.dateKey, errors, job }
  }

  async function fullPage(queue: Queue | null, parts: { templates?: Awaited<ReturnType<typeof templatesSection>>; agents?: Awaited<ReturnType<typeof agentsSection>>; generate?: Awaited<ReturnType<typeof generateSection>> } = {}) {
    const queues = await listQueues(db)
    if (!queue) return renderPage(<SchedulesPage queues={queues} queue={null} templates={{} as never} agents={{} as never} generate={{} as never} schedules={[]} />)
    return renderPage(
      <SchedulesPage queues={queues} queue={queue}
        templates={parts.templates ?? await templatesSection(queue)}
        agents={parts.agents ?? await agentsSection()}
        generate={parts.generate ?? await generateSection(queue)}
        schedules={await listSchedules(db, queue.id)} />,
    )
  }

  app.get('/', async (c) => {
    const queue = pickQueue(await listQueues(db), c.req.query('queue'))
    return c.html(await fullPage(queue))
  })

  /** The queue of a form or fragment request (strict: no fallback to another queue). */
  async function queueOr404(c: Context): Promise<Queue | Response> {
    const queue = await queueFrom(c.req.query('queue'))
    if (queue) return queue
    return c.html(isFragmentRequest(c) ? <p class="errors" role="alert">This queue no longer exists.</p> : await fullPage(null), 404)
  }

  const back = (queue: Queue) => `/schedules?queue=${queue.id}`

  // -------------------------------------------------------------- shift templates

  /** Answers with the templates section (fragment) or the page; `status` 422 for bad input. */
  async function answerTemplates(c: Context, queue: Queue, section: Awaited<ReturnType<typeof templatesSection>>, status: 200 | 404 | 422 = 200) {
    if (isFragmentRequest(c)) return c.html(<TemplatesSection queue={queue} {...section} />, status)
    return c.html(await fullPage(queue, { templates: section }), status)
  }

  app.get('/templates', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
    return answerTemplates(c, queue, await templatesSection(queue))
  })

  app.post('/templates', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const form = templateFormFrom(await c.req.parseBody({ all: true }) as Body)
    try {
      const saved = await saveShiftTemplate(db, queue.id, templateOfForm(form))
      await auditChange(c, db, { action: 'template.create', entity: 'shift-template', entityId: saved.id, summary: `'${saved.name}' of '${queue.name}'` })
      if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
      return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, [], `Added the template '${saved.name}'.`))
    } catch (error) {
      return answerTemplates(c, queue, await templatesSection(queue, form, errorMessages(error)), 422)
    }
  })

  app.get('/templates/:id{[0-9]+}/edit', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const template = (await listShiftTemplates(db, queue.id)).find((t) => t.id === Number(c.req.param('id')))
    if (!template) return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, ['This shift template no longer exists.']), 404)
    return answerTemplates(c, queue, await templatesSection(queue, templateFormOf(template)))
  })

  app.post('/templates/:id{[0-9]+}', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const body = await c.req.parseBody({ all: true }) as Body
    const id = Number(c.req.param('id'))
    const form = { ...templateFormFrom(body), id, version: Number(text(body, 'version')) }
    if (!(text(body, 'version').trim() && Number.isInteger(form.version))) return answerTemplates(c, queue, await templatesSection(queue, form, [MISSING_VERSION]), 422)
    try {
      const saved = await saveShiftTemplate(db, queue.id, templateOfForm(form), { id, expectedVersion: Number.isInteger(form.version) ? form.version : undefined })
      await auditChange(c, db, { action: 'template.update', entity: 'shift-template', entityId: saved.id, summary: `'${saved.name}' of '${queue.name}' (version ${saved.version})` })
      if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
      return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, [], `Saved the template '${saved.name}'.`))
    } catch (error) {
      const messages = error instanceof ScheduleStoreError ? [error.message] : errorMessages(error)
      return answerTemplates(c, queue, await templatesSection(queue, form, messages), 422)
    }
  })

  app.post('/templates/:id{[0-9]+}/delete', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    try {
      await deleteShiftTemplate(db, queue.id, Number(c.req.param('id')))
      await auditChange(c, db, { action: 'template.delete', entity: 'shift-template', entityId: c.req.param('id'), summary: `of '${queue.name}'` })
    } catch (error) {
      if (!(error instanceof ScheduleStoreError)) throw error
      return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, [error.message]), 404)
    }
    if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
    return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, [], 'Deleted the template.'))
  })

  // -------------------------------------------------------------- agents

  async function answerAgents(c: Context, queue: Queue, section: Awaited<ReturnType<typeof agentsSection>>, status: 200 | 404 | 422 = 200) {
    if (isFragmentRequest(c)) return c.html(<AgentsSection queue={queue} {...section} />, status)
    return c.html(await fullPage(queue, { agents: section }), status)
  }

  async function saveAgentForm(c: Context, queue: Queue, form: AgentFormValues, target: { id?: number; expectedVersion?: number }) {
    const { agent, errors } = agentOfForm(form)
    if (errors.length) return answerAgents(c, queue, await agentsSection(form, errors), 422)
    try {
      const saved = await saveAgent(db, agent, target)
      await auditChange(c, db, { action: target.id === undefined ? 'agent.create' : 'agent.update', entity: 'agent', entityId: saved.id, summary: `'${saved.name}'` })
      if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
      return answerAgents(c, queue, await agentsSection(EMPTY_AGENT_FORM, [], `Saved the agent '${saved.name}'.`))
    } catch (error) {
      const messages = error instanceof ScheduleStoreError ? [error.message] : errorMessages(error)
      return answerAgents(c, queue, await agentsSection(form, messages), 422)
    }
  }

  app.get('/agents', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
    return answerAgents(c, queue, await agentsSection())
  })

  app.post('/agents', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    return saveAgentForm(c, queue, agentFormFrom(await c.req.parseBody({ all: true }) as Body), {})
  })

  app.get('/agents/:id{[0-9]+}/edit', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const agent = (await listAgents(db)).find((a) => a.id === Number(c.req.param('id')))
    if (!agent) return answerAgents(c, queue, await agentsSection(EMPTY_AGENT_FORM, ['This agent no longer exists.']), 404)
    return answerAgents(c, queue, await agentsSection(agentFormOf(agent)))
  })

  app.post('/agents/:id{[0-9]+}', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const body = await c.req.parseBody({ all: true }) as Body
    const id = Number(c.req.param('id'))
    const version = Number(text(body, 'version'))
    if (!(text(body, 'version').trim() && Number.isInteger(version))) return answerAgents(c, queue, await agentsSection({ ...agentFormFrom(body), id }, [MISSING_VERSION]), 422)
    return saveAgentForm(c, queue, { ...agentFormFrom(body), id, version }, { id, expectedVersion: Number.isInteger(version) ? version : undefined })
  })

  app.post('/agents/:id{[0-9]+}/delete', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    try {
      await deleteAgent(db, Number(c.req.param('id')))
      await auditChange(c, db, { action: 'agent.delete', entity: 'agent', entityId: c.req.param('id') })
    } catch (error) {
      if (!(error instanceof ScheduleStoreError)) throw error
      return answerAgents(c, queue, await agentsSection(EMPTY_AGENT_FORM, [error.message]), 404)
    }
    if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
    return answerAgents(c, queue, await agentsSection(EMPTY_AGENT_FORM, [], 'Deleted the agent.'))
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

  app.get('/agents.csv', async (c) => csvAnswer(c, await exportAgentsCsv(db), 'agents.csv'))

  app.post('/agents/import', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const { text: csv, file } = await csvOfBody(c, 'agents.csv')
    const result = await importAgentsCsv(db, csv, file)
    if (!result.ok) return answerAgents(c, queue, await agentsSection(EMPTY_AGENT_FORM, [`Nothing was imported from ${file}:`, ...result.problems.map(formatSetupCsvProblem)]), 422)
    await auditChange(c, db, { action: 'agent.import', entity: 'agent', summary: `${result.created} added, ${result.updated} replaced from ${file}` })
    if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
    return answerAgents(c, queue, await agentsSection(EMPTY_AGENT_FORM, [], `Imported ${result.created + result.updated} agents from ${file}: ${result.created} added, ${result.updated} replaced.`))
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
    if (!result.ok) return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, [`Nothing was imported from ${file}:`, ...result.problems.map(formatSetupCsvProblem)]), 422)
    await auditChange(c, db, { action: 'template.import', entity: 'shift-template', summary: `${result.created} added, ${result.updated} replaced for '${queue.name}' from ${file}` })
    if (!isFragmentRequest(c)) return c.redirect(back(queue), 303)
    return answerTemplates(c, queue, await templatesSection(queue, EMPTY_TEMPLATE_FORM, [], `Imported ${result.created + result.updated} templates from ${file}: ${result.created} added, ${result.updated} replaced.`))
  })

  // -------------------------------------------------------------- generate

  /** The generate form's problems (range, limits, templates that cannot cover the open hours); empty when it can run. */
  async function generateProblems(queue: Queue, form: GenerateFormValues, templates: ShiftTemplate[], historyEndDateKey: string | null): Promise<string[]> {
    const problems: string[] = []
    try { assertPlanRange(form.from, form.to) } catch (error) { problems.push((error as Error).message) }
    if (!historyEndDateKey) problems.push(`queue '${queue.name}' has no history to forecast from: import its contacts or interval aggregates first`)
    else if (!problems.length && form.to <= historyEndDateKey) problems.push(`the range ${form.from} to ${form.to} is not after the history of '${queue.name}' (which ends ${historyEndDateKey}): schedule days after it`)
    const limit = Number(form.timeLimitSeconds)
    if (!(Number.isFinite(limit) && limit >= 1 && limit <= 600)) problems.push(`the time limit must be between 1 and 600 seconds, got '${form.timeLimitSeconds}'`)
    const gap = Number(form.gapPercent)
    if (!(Number.isFinite(gap) && gap >= 0 && gap < 100)) problems.push(`the gap target must be a percentage from 0 to below 100, got '${form.gapPercent}'`)
    if (form.overCover !== 'allow' && form.overCover !== 'forbid') problems.push(`over-cover must be allowed or forbidden, got '${form.overCover}'`)
    if (!templates.length) problems.push(`queue '${queue.name}' has no shift templates: add at least one above`)
    else problems.push(...templatesOpenHoursProblems(templates, openingHoursOf(queue)))
    return problems
  }

  app.post('/generate', async (c) => {
    const queue = await queueOr404(c)
    if (queue instanceof Response) return queue
    const body = await c.req.parseBody() as Body
    const history = await historyEndOf(queue)
    const form: GenerateFormValues = {
      from: text(body, 'from').trim() || history.range.fromDateKey, to: text(body, 'to').trim() || history.range.toDateKey,
      timeLimitSeconds: text(body, 'timeLimitSeconds').trim() || '30', gapPercent: text(body, 'gapPercent').trim() || '0.5', overCover: text(body, 'overCover') || 'allow',
    }
    const templates = (await listShiftTemplates(db, queue.id)).map(shiftTemplateOf)
    const problems = await generateProblems(queue, form, templates, history.dateKey)
    if (problems.length) {
      const section = await generateSection(queue, form, problems)
      return isFragmentRequest(c) ? c.html(<GenerateSection queue={queue} {...section} />, 422) : c.html(await fullPage(queue, { generate: section }), 422)
    }
    const job = jobs.start<GenerateJobResult>('schedule-generate', async (report) => {
      const settings = (await findStaffingSettings(db, queue.id)) ?? { ...DEFAULT_STAFFING_SETTINGS }
      try {
        const made = await generateQueueSchedule(db, queue, settings, openingHoursOf(queue), templates, {
          fromDateKey: form.from, toDateKey: form.to, timeLimitSeconds: Number(form.timeLimitSeconds), mipRelativeGap: Number(form.gapPercent) / 100,
          overCover: form.overCover === 'forbid' ? 'forbid' : 'allow', inWorker: true, onProgress: report,
        })
        const r = made.result
        if (r.status === 'optimal' || r.status === 'feasible') {
          const scheduleId = await storeGeneratedSchedule(db, queue.id, { snapshot: made.snapshot, templates: made.templates, result: r })
          await auditChange(c, db, { action: 'schedule.create', entity: 'schedule', entityId: scheduleId, summary: `draft for '${queue.name}' ${form.from} – ${form.to} (${r.status})` })
          return { scheduleId, queueId: queue.id, form }
        }
        return { messages: ['message' in r ? r.message : 'reason' in r ? r.reason : `the solver ended with status ${r.status}`], queueId: queue.id, form }
      } catch (error) {
        return { messages: errorMessages(error), queueId: queue.id, form }
      }
    })
    if (!isFragmentRequest(c)) return c.redirect(`/schedules/jobs/${job.id}?queue=${queue.id}`, 303)
    return c.html(<GenerateSection queue={queue} {...await generateSection(queue, form, [], <ScheduleJobProgress jobId={job.id} fraction={0} message="starting" />)} />, 202)
  })

  app.get('/jobs/:id{[0-9a-z]+}', async (c) => {
    const job = jobs.get(c.req.param('id'))
    const fragment = isFragmentRequest(c)
    if (!job || job.kind !== 'schedule-generate') {
      const gone = <ScheduleJobFailed messages={['this generation is no longer known (the server may have restarted): generate again']} />
      return fragment ? c.html(gone, 404) : c.html(await fullPage(pickQueue(await listQueues(db), undefined)), 404)
    }
    if (job.state.status === 'running') {
      if (fragment) return c.html(<ScheduleJobProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} />)
      const queue = await queueFrom(c.req.query('queue'))
      const progress = <ScheduleJobProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} inPage />
      const fallback = queue ?? pickQueue(await listQueues(db), undefined)
      return c.html(await fullPage(fallback, fallback ? { generate: await generateSection(fallback, undefined, [], progress) } : {}))
    }
    if (job.state.status === 'failed') {
      const failed = <ScheduleJobFailed messages={[`the generation failed unexpectedly: ${String((job.state.error as Error)?.message ?? job.state.error)}`]} />
      return fragment ? c.html(failed, 500) : c.html(await fullPage(null), 500)
    }
    const result = job.state.result as GenerateJobResult
    if (result.scheduleId !== undefined) {
      const href = `/schedules/${result.scheduleId}`
      if (fragment) {
        c.header('HX-Redirect', href)
        return c.html(<div id="schedule-job" class="success"><p>Schedule ready: <a href={href}>open schedule {result.scheduleId}</a>.</p></div>)
      }
      return c.redirect(href, 303)
    }
    const failed = <ScheduleJobFailed messages={result.messages ?? []} />
    if (fragment) return c.html(failed, 422)
    const queue = (await findQueueById(db, result.queueId)) ?? null
    return c.html(await fullPage(queue, queue ? { generate: await generateSection(queue, result.form, [], failed) } : {}), 422)
  })

  // -------------------------------------------------------------- one schedule

  async function workspaceProps(record: ScheduleRecord, extras: { editErrors?: string[]; message?: string } = {}) {
    const queue = (await findQueueById(db, record.queueId))!
    const agents = await listRosterAgents(db)
    const truth = await scheduleNeedCover(record, agents)
    return {
      queue, record, coverage: truth.coverage, generated: truth.generated, unassigned: truth.unassigned, shiftCost: scheduleShiftCost(record.schedule, record.templates),
      roster: truth.roster, agentCount: agents.length, ...extras,
    }
  }

  async function recordOr404(c: Context): Promise<ScheduleRecord | Response> {
    const record = await findSchedule(db, Number(c.req.param('id')))
    if (record) return record
    return c.html(isFragmentRequest(c) ? <p class="errors" role="alert">This schedule no longer exists.</p> : await fullPage(null), 404)
  }

  app.get('/:id{[0-9]+}', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    return c.html(renderPage(<ScheduleDetailPage {...await workspaceProps(record)} />))
  })

  /** The schedule after one hand edit of the form. @throws ScheduleInputError / RangeError with the message to show */
  function editedSchedule(record: ScheduleRecord, body: Body): { schedule: Schedule; message: string } {
    const action = text(body, 'action')
    const count = Number(text(body, 'count') || '1')
    if (!(Number.isInteger(count) && count > 0)) throw new RangeError(`how many must be a whole number above 0, got '${text(body, 'count')}'`)
    const inRange = (start: string, field: string) => {
      const date = start.slice(0, 10)
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(start)) throw new RangeError(`${field} must be a local date and time like ${record.fromDateKey}T08:00, got '${start}'`)
      if (date < record.fromDateKey || date > record.toDateKey) throw new RangeError(`${field} ${start.replace('T', ' ')} is outside the schedule's days (${record.fromDateKey} to ${record.toDateKey})`)
      return start
    }
    if (action === 'add') {
      const template = validateShiftTemplates(record.templates).find((t) => t.name === text(body, 'templateName'))
      if (!template) throw new RangeError(`there is no template '${text(body, 'templateName')}' in this schedule`)
      const start = inRange(text(body, 'start').trim().replace(' ', 'T'), 'the start')
      return { schedule: addShifts(record.schedule, template, start, count), message: `Added ${count} '${template.name}' shift(s) at ${start.replace('T', ' ')}.` }
    }
    const [templateName, start] = text(body, 'shift').split('|')
    if (!templateName || !start) throw new RangeError('choose a shift of the schedule')
    const ref = { templateName, start }
    if (action === 'remove') return { schedule: removeShifts(record.schedule, ref, count), message: `Removed ${count} '${templateName}' shift(s) starting ${start.replace('T', ' ')}.` }
    if (action === 'move') {
      const newStart = inRange(text(body, 'newStart').trim().replace(' ', 'T'), 'the new start')
      return { schedule: moveShifts(record.schedule, ref, newStart, count), message: `Moved ${count} '${templateName}' shift(s) from ${start.replace('T', ' ')} to ${newStart.replace('T', ' ')}.` }
    }
    throw new RangeError(`unknown edit '${action}': move, add or remove`)
  }

  app.post('/:id{[0-9]+}/edit', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const body = await c.req.parseBody() as Body
    const version = Number(text(body, 'version'))
    let answer: { record: ScheduleRecord; message?: string; editErrors?: string[] }
    try {
      const { schedule, message } = editedSchedule(record, body)
      answer = { record: await replaceScheduleShifts(db, record.id, schedule, Number.isInteger(version) ? version : undefined), message }
      await auditChange(c, db, { action: 'schedule.update', entity: 'schedule', entityId: record.id, summary: message ?? 'shifts edited' })
    } catch (error) {
      answer = { record, editErrors: error instanceof ScheduleStoreError ? [error.message] : errorMessages(error) }
    }
    const status = answer.editErrors ? 422 : 200
    if (!isFragmentRequest(c)) {
      if (status === 200) return c.redirect(`/schedules/${record.id}`, 303)
      return c.html(renderPage(<ScheduleDetailPage {...await workspaceProps(answer.record, answer)} />), 422)
    }
    return c.html(<ScheduleWorkspace {...await workspaceProps(answer.record, answer)} />, status)
  })

  app.post('/:id{[0-9]+}/publish', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const version = Number(text(await c.req.parseBody() as Body, 'version'))
    let answer: { record: ScheduleRecord; message?: string; editErrors?: string[] }
    try {
      const { roster, note } = await rosterForPublishing(record.schedule, await listRosterAgents(db), { timeZone: record.snapshot.timeZone })
      answer = { record: await publishSchedule(db, record.id, roster, Number.isInteger(version) ? version : undefined), message: `Published. ${note} Event flags and scenarios now compare against this schedule.` }
      await auditChange(c, db, { action: 'schedule.publish', entity: 'schedule', entityId: record.id, summary: `${record.fromDateKey} – ${record.toDateKey}` })
    } catch (error) {
      answer = { record, editErrors: error instanceof ScheduleStoreError ? [error.message] : errorMessages(error) }
    }
    const status = answer.editErrors ? 422 : 200
    if (!isFragmentRequest(c) && status === 200) return c.redirect(`/schedules/${record.id}`, 303)
    if (!isFragmentRequest(c)) return c.html(renderPage(<ScheduleDetailPage {...await workspaceProps(answer.record, answer)} />), 422)
    return c.html(<ScheduleWorkspace {...await workspaceProps(answer.record, answer)} />, status)
  })

  app.post('/:id{[0-9]+}/copy', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const copyId = await copyScheduleAsDraft(db, record.id)
    await auditChange(c, db, { action: 'schedule.copy', entity: 'schedule', entityId: copyId, summary: `draft copy of #${record.id}` })
    return c.redirect(`/schedules/${copyId}`, 303)
  })

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    if (record.status === 'published') return c.html(renderPage(<ScheduleDetailPage {...await workspaceProps(record, { editErrors: ['a published schedule is not deleted: it is what event flags and scenarios compare against'] })} />), 422)
    await deleteSchedule(db, record.id)
    await auditChange(c, db, { action: 'schedule.delete', entity: 'schedule', entityId: record.id, summary: `${record.fromDateKey} – ${record.toDateKey}` })
    return c.redirect(`/schedules?queue=${record.queueId}`, 303)
  })

  const fileName = (record: ScheduleRecord, what: string) => `schedule-${record.id}-${record.snapshot.queueName.replace(/[^A-Za-z0-9]+/g, '_')}-${record.fromDateKey}-${record.toDateKey}-${what}.csv`

  app.get('/:id{[0-9]+}/roster.csv', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const roster = await rosterOfSchedule(record, await listRosterAgents(db))
    return c.body(rosterToCsv(roster, { includeUnassigned: true, timeZone: record.snapshot.timeZone }), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName(record, 'roster')}"` })
  })

  app.get('/:id{[0-9]+}/coverage.csv', async (c) => {
    const record = await recordOr404(c)
    if (record instanceof Response) return record
    const { coverage } = await scheduleNeedCover(record, await listRosterAgents(db))
    const csv = coverageToCsv(coverage.report, {
      timeZone: record.snapshot.timeZone, startMs: coverage.rows.map((r) => r.startMs),
      extra: { columns: [{ name: 'agents_handling', unit: 'agents' }, { name: 'expected_service_level_fraction', unit: 'fraction' }], rows: coverage.rows.map((r) => [r.productiveAgents, r.volume > 0 && Number.isFinite(r.serviceLevel) ? r.serviceLevel : null]) },
    })
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName(record, 'coverage')}"` })
  })

  return app
}
