/**
 * What the Schedules screens show and change, composed from the stores and the scheduling engine: the templates,
 * agents and generate sections of a queue, one schedule's workspace (need and cover from src/planning/needCover.ts),
 * hand edits, publishing and the CSV exports. The routes (src/web/routes/schedules.tsx) map HTTP to these calls and a
 * view; nothing here knows about requests or markup.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { findQueueById, findQueueByName, listQueues, openingHoursOf } from '../db/queues.ts'
import { historyRange } from '../db/history.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import {
  copyScheduleAsDraft, deleteAgent, deleteSchedule, deleteShiftTemplate, findSchedule, listAgents, listRosterAgents, listSchedules,
  listShiftTemplates, publishSchedule, replaceScheduleShifts, saveAgent, saveShiftTemplate, shiftTemplateOf,
  type AgentRecord, type NewAgent, type ScheduleRecord, type ScheduleSummary, type ShiftTemplateRecord,
} from '../db/schedules.ts'
import { coverageToCsv, rosterToCsv, type Schedule, type ShiftTemplate } from '../scheduling/index.ts'
import { localParts } from '../time/zones.ts'
import { DEFAULT_STAFFING_SETTINGS, defaultPlanRange } from './staffingPlan.ts'
import { generateQueueSchedule, templatesOpenHoursProblems } from './schedulePlan.ts'
import { rosterOfSchedule, scheduleNeedCover } from './needCover.ts'
import { storeGeneratedSchedule } from './scheduleStore.ts'
import { schedulesInForce, type ScheduleInForce } from '../scheduling/publishedInForce.ts'
import type { PublishingRoster } from './rosterSolve.ts'
import { draftRoster, draftRosterWithin, DRAFT_ROSTER_SECONDS } from './draftRoster.ts'
import { calendarChangesSince } from './queueCalendar.ts'
import type { AgentFormValues, GenerateFormValues, TemplateFormValues } from '../../views/schedules/SchedulesPage.tsx'

/** A queue named by id or by name (strict: undefined when there is none). */
export async function queueOfValue(db: Db, value: unknown): Promise<Queue | undefined> {
  if (typeof value !== 'string' || value === '') return undefined
  const id = Number(value)
  return (Number.isInteger(id) ? await findQueueById(db, id) : undefined) ?? findQueueByName(db, value)
}

/** The last day of a queue's history (null without history) and the default range to schedule: the week after it. */
export async function historyEndOf(db: Db, queue: Queue): Promise<{ dateKey: string | null; range: { fromDateKey: string; toDateKey: string } }> {
  const range = await historyRange(db, queue.id)
  if (range.source === 'none') {
    const today = localParts(Date.now(), queue.timeZone).dateKey
    return { dateKey: null, range: { fromDateKey: today, toDateKey: today } }
  }
  return { dateKey: localParts(range.lastMs, queue.timeZone).dateKey, range: defaultPlanRange(range.lastMs, queue.timeZone) }
}

export interface TemplatesSectionData { templates: ShiftTemplateRecord[]; form: TemplateFormValues; errors: string[]; coverageProblem: string | null; message?: string }

/** The templates of a queue, with why they cannot generate a schedule yet (open hours they leave uncovered). */
export async function templatesSection(db: Db, queue: Queue, form: TemplateFormValues, errors: string[] = [], message?: string): Promise<TemplatesSectionData> {
  const templates = await listShiftTemplates(db, queue.id)
  const problems = templates.length ? templatesOpenHoursProblems(templates.map(shiftTemplateOf), openingHoursOf(queue)) : []
  const coverageProblem = problems.length ? `These templates cannot generate a schedule yet: ${problems.join(' ')}` : null
  return { templates, form, errors, coverageProblem, message }
}

export interface AgentsSectionData { queues: Queue[]; agents: AgentRecord[]; form: AgentFormValues; errors: string[]; message?: string }

export async function agentsSection(db: Db, form: AgentFormValues, errors: string[] = [], message?: string): Promise<AgentsSectionData> {
  return { queues: await listQueues(db), agents: await listAgents(db), form, errors, message }
}

export interface GenerateSectionData { values: GenerateFormValues; historyEndDateKey: string | null; errors: string[] }

/** The generate form: the values given, or the defaults (the week after the history, 30 s, 0.5% gap). */
export async function generateSection(db: Db, queue: Queue, values?: GenerateFormValues, errors: string[] = []): Promise<GenerateSectionData> {
  const history = await historyEndOf(db, queue)
  const defaults: GenerateFormValues = { from: history.range.fromDateKey, to: history.range.toDateKey, timeLimitSeconds: '30', gapPercent: '0.5', overCover: 'allow' }
  return { values: values ?? defaults, historyEndDateKey: history.dateKey, errors }
}

/** A schedule of the list; a published one with the dates a later published schedule took over (src/scheduling/publishedInForce.ts). */
export type ListedSchedule = ScheduleSummary & { superseded?: ScheduleInForce['superseded'] }

export interface SchedulesPageData { queues: Queue[]; schedules: ListedSchedule[] }

export async function schedulesOfQueue(db: Db, queue: Queue | null): Promise<SchedulesPageData> {
  const list = queue ? await listSchedules(db, queue.id) : []
  const inForce = new Map(schedulesInForce(list.filter((s) => s.status === 'published').map((s) => ({ scheduleId: s.id, queueId: s.queueId, fromDateKey: s.fromDateKey, toDateKey: s.toDateKey, publishedAtMs: s.publishedAtMs ?? 0 }))).map((s) => [s.scheduleId, s]))
  return { queues: await listQueues(db), schedules: list.map((s) => (inForce.get(s.id)?.superseded.length ? { ...s, superseded: inForce.get(s.id)!.superseded } : s)) }
}

/**
 * The problems that keep a generate request from running, besides its own fields' (see forms/schedules.ts): no
 * history, a range not after the history, no templates, templates that leave open hours uncovered.
 */
export async function generateRequestProblems(db: Db, queue: Queue, form: GenerateFormValues, formProblems: string[]): Promise<{ problems: string[]; templates: ShiftTemplate[] }> {
  const history = await historyEndOf(db, queue)
  const templates = (await listShiftTemplates(db, queue.id)).map(shiftTemplateOf)
  const problems = [...formProblems]
  if (!history.dateKey) problems.push(`queue '${queue.name}' has no history to forecast from: import its contacts or interval aggregates first`)
  else if (!problems.length && form.to <= history.dateKey) problems.push(`the range ${form.from} to ${form.to} is not after the history of '${queue.name}' (which ends ${history.dateKey}): schedule days after it`)
  if (!templates.length) problems.push(`queue '${queue.name}' has no shift templates: add at least one above`)
  else problems.push(...templatesOpenHoursProblems(templates, openingHoursOf(queue)))
  return { problems, templates }
}

export type GeneratedSchedule = { scheduleId: number; status: string } | { messages: string[] }

/**
 * Generates a schedule for a checked request (staffing plan with events → requirement → HiGHS in a worker) and
 * stores it as a draft; the solver's reason when it found none.
 */
export async function generateAndStoreSchedule(
  db: Db, queue: Queue, form: GenerateFormValues, templates: ShiftTemplate[], onProgress: (fraction: number, message: string) => void,
): Promise<GeneratedSchedule> {
  const settings = (await findStaffingSettings(db, queue.id)) ?? { ...DEFAULT_STAFFING_SETTINGS }
  const made = await generateQueueSchedule(db, queue, settings, openingHoursOf(queue), templates, {
    fromDateKey: form.from, toDateKey: form.to, timeLimitSeconds: Number(form.timeLimitSeconds), mipRelativeGap: Number(form.gapPercent) / 100,
    overCover: form.overCover === 'forbid' ? 'forbid' : 'allow', inWorker: true, onProgress,
  })
  const r = made.result
  if (r.status === 'optimal' || r.status === 'feasible') {
    const scheduleId = await storeGeneratedSchedule(db, queue.id, { snapshot: made.snapshot, templates: made.templates, result: r })
    // The draft's names (the roster publishing will freeze), while the progress is still shown: the page opens with them.
    onProgress(0.97, `assigning names with the roster optimiser (up to ${DRAFT_ROSTER_SECONDS} s)`)
    const record = await findSchedule(db, scheduleId)
    if (record) await draftRoster(record, await listRosterAgents(db, record)).catch(() => undefined) // invalid agents: the page says why
    return { scheduleId, status: r.status }
  }
  return { messages: ['message' in r ? r.message : 'reason' in r ? r.reason : `the solver ended with status ${r.status}`] }
}

export const findScheduleRecord = (db: Db, id: number) => findSchedule(db, id)

/** The names of a schedule: frozen when published; for a draft, its one roster (src/planning/draftRoster.ts). */
async function namesOf(record: ScheduleRecord, agents: Awaited<ReturnType<typeof listRosterAgents>>): Promise<PublishingRoster | undefined> {
  return record.status === 'draft' ? draftRoster(record, agents) : undefined
}

/**
 * A schedule's page data, or `pending` (a draft whose names are still being assigned after waitMs: the page shows
 * the progress and asks again, src/web/routes/schedules.tsx).
 */
export async function scheduleWorkspaceOrPending(db: Db, record: ScheduleRecord, waitMs: number): Promise<{ pending: true; queue: Queue; record: ScheduleRecord; seconds: number } | { pending: false; workspace: Awaited<ReturnType<typeof scheduleWorkspace>> }> {
  if (record.status === 'draft' && !(await draftRosterWithin(record, await listRosterAgents(db, record), waitMs))) {
    return { pending: true, queue: (await findQueueById(db, record.queueId))!, record, seconds: DRAFT_ROSTER_SECONDS }
  }
  return { pending: false, workspace: await scheduleWorkspace(db, record) }
}

/**
 * Everything one schedule's page shows: need, cover and shortfall from the one source (needCover.ts), with a
 * draft's names from its one roster (the optimiser's, as publishing will freeze them) and how they were assigned.
 */
export async function scheduleWorkspace(db: Db, record: ScheduleRecord, extras: { editErrors?: string[]; message?: string } = {}) {
  const queue = (await findQueueById(db, record.queueId))!
  const agents = await listRosterAgents(db, record)
  const names = await namesOf(record, agents)
  const truth = await scheduleNeedCover(record, agents, names ? { roster: names.roster } : {})
  const calendarChanges = await calendarChangesSince(db, queue, record.snapshot)
  return {
    queue, record, calendarChanges, coverage: truth.coverage, generated: truth.generated, unassigned: truth.unassigned, shiftCost: record.current.shiftCost,
    roster: truth.roster, agentCount: agents.length, ...(names ? { names: { method: names.method, note: names.note } } : {}), ...extras,
  }
}

// ---------------------------------------------------------------- templates and agents

export const saveTemplate = (db: Db, queue: Queue, template: ShiftTemplate, target?: { id: number; expectedVersion?: number }) => saveShiftTemplate(db, queue.id, template, target)
export const removeTemplate = (db: Db, queue: Queue, id: number) => deleteShiftTemplate(db, queue.id, id)
export async function findTemplate(db: Db, queue: Queue, id: number): Promise<ShiftTemplateRecord | undefined> {
  return (await listShiftTemplates(db, queue.id)).find((t) => t.id === id)
}
export const storeAgent = (db: Db, agent: NewAgent, target: { id?: number; expectedVersion?: number }) => saveAgent(db, agent, target)
export const removeAgent = (db: Db, id: number) => deleteAgent(db, id)
export async function findAgent(db: Db, id: number): Promise<AgentRecord | undefined> {
  return (await listAgents(db)).find((a) => a.id === id)
}

// ---------------------------------------------------------------- one schedule

export const replaceShifts = (db: Db, record: ScheduleRecord, schedule: Schedule, version: number | undefined) => replaceScheduleShifts(db, record.id, schedule, version)

/**
 * Publishes a schedule with its draft's one roster (src/planning/draftRoster.ts: the names the page previewed, the
 * roster optimiser's in the worker pool, or the greedy roster if it found none in time); `note` says which.
 */
export async function publishWithRoster(db: Db, record: ScheduleRecord, version: number | undefined): Promise<{ record: ScheduleRecord; note: string }> {
  const { roster, note } = await draftRoster(record, await listRosterAgents(db, record))
  return { record: await publishSchedule(db, record.id, roster, version), note }
}

export const copySchedule = (db: Db, record: ScheduleRecord) => copyScheduleAsDraft(db, record.id)
export const removeSchedule = (db: Db, record: ScheduleRecord) => deleteSchedule(db, record.id)

/** The file name of a schedule's CSV: schedule-ID-QUEUE-FROM-TO-WHAT.csv. */
export const scheduleCsvName = (record: ScheduleRecord, what: string) =>
  `schedule-${record.id}-${record.snapshot.queueName.replace(/[^A-Za-z0-9]+/g, '_')}-${record.fromDateKey}-${record.toDateKey}-${what}.csv`

/** The roster CSV, shifts nobody was assigned to included (agent `unassigned`). */
export async function scheduleRosterCsv(db: Db, record: ScheduleRecord): Promise<string> {
  const agents = await listRosterAgents(db, record)
  const roster = (await namesOf(record, agents))?.roster ?? await rosterOfSchedule(record, agents)
  return rosterToCsv(roster, { includeUnassigned: true, timeZone: record.snapshot.timeZone })
}

/** The coverage CSV: need, the assigned cover and the shortfall per interval (the same truth as the page). */
export async function scheduleCoverageCsv(db: Db, record: ScheduleRecord): Promise<string> {
  const agents = await listRosterAgents(db, record)
  const names = await namesOf(record, agents)
  const { coverage } = await scheduleNeedCover(record, agents, names ? { roster: names.roster } : {})
  return coverageToCsv(coverage.report, {
    timeZone: record.snapshot.timeZone, startMs: coverage.rows.map((r) => r.startMs),
    extra: { columns: [{ name: 'agents_handling', unit: 'agents' }, { name: 'expected_service_level_fraction', unit: 'fraction' }], rows: coverage.rows.map((r) => [r.productiveAgents, r.volume > 0 && Number.isFinite(r.serviceLevel) ? r.serviceLevel : null]) },
  })
}
