/**
 * Shift templates, agents and schedules in the database. Every write validates with the scheduling engine first
 * (templates and agents through its own checks, schedules through validateSchedule) and writes nothing on error;
 * edits carry the version the form was opened with, so a stale form is refused instead of overwriting.
 * latestPublishedSchedule is what event flags and scenarios compare against.
 */
import { AGENT_NAME, agentBoundProblems } from '../schemas/agents.ts'
import { textProblem } from '../schemas/bounds.ts'
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { agents, queues, scheduleShifts, schedules, shiftTemplates, type AgentRow, type ScheduleRow, type ScheduleShiftRow, type ShiftTemplateRow } from './schema.ts'
import {
  buildRoster, parseLocalDateTime, ScheduleInputError, validateOpeningHours, validateSchedule, validateShiftTemplates,
  type Agent, type AvailabilityWindow, type BreakRule, type Roster, type Schedule, type ScheduledBreak, type ScheduledShift,
  type ShiftTemplate, type SolvedSchedule, type Weekday,
} from '../scheduling/index.ts'
// Not re-exported by src/scheduling/index.ts: the per-template "fits the opening hours" check.
import { checkTemplatesCoverOpeningHours } from '../scheduling/openingHours.ts'
import { explainShortWeeks } from '../scheduling/roster.ts'
import type { WeekRules } from '../scheduling/weekRules.ts'
import { weekRulesOfQueue } from './queues.ts'
import { rosterFromAssignments, rosterInWeek, scheduleCoverage, type RequirementSnapshot, type ScheduleCoverage } from '../planning/schedulePlan.ts'
import { parseLocalIsoToUtcMs } from '../time/zones.ts'
import { scheduleFigures, type ScheduleFigures } from '../scheduling/scheduleFigures.ts'
import { isInForceOn, schedulesInForce, type ScheduleInForce } from '../scheduling/publishedInForce.ts'
import { approvedTimeOffDates } from './rosterRequests.ts'

/** A stored write that cannot be done (unknown row, stale version, a published schedule edited); nothing was written. */
export class ScheduleStoreError extends RangeError {}

// ---------------------------------------------------------------- shift templates

/** A stored shift template: the engine's ShiftTemplate plus its row id, queue and version. */
export interface ShiftTemplateRecord extends ShiftTemplate {
  id: number
  queueId: number
  version: number
}

function templateOfRow(row: ShiftTemplateRow): ShiftTemplateRecord {
  return {
    id: row.id, queueId: row.queueId, version: row.version,
    name: row.name, lengthMinutes: row.lengthMinutes, earliestStart: row.earliestStart, latestStart: row.latestStart,
    startStepMinutes: row.startStepMinutes, days: JSON.parse(row.daysJson) as Weekday[], breaks: JSON.parse(row.breaksJson) as BreakRule[],
    costPerHour: row.costPerHour, minCountPerDay: row.minCountPerDay, ...(row.maxCountPerDay === null ? {} : { maxCountPerDay: row.maxCountPerDay }),
  }
}

/** The engine's template from a record (without id, queue and version). */
export function shiftTemplateOf(record: ShiftTemplateRecord): ShiftTemplate {
  const { id: _id, queueId: _queueId, version: _version, ...template } = record
  return template
}

export async function listShiftTemplates(db: Db, queueId: number): Promise<ShiftTemplateRecord[]> {
  const rows = await db.orm.select().from(shiftTemplates).where(eq(shiftTemplates.queueId, queueId)).orderBy(asc(shiftTemplates.name), asc(shiftTemplates.id))
  return rows.map(templateOfRow)
}

async function queueRowOf(db: Db, queueId: number) {
  const [queue] = await db.orm.select().from(queues).where(eq(queues.id, queueId))
  if (!queue) throw new ScheduleStoreError(`unknown queue (id ${queueId})`)
  return queue
}

/** The queue's opening hours (Monday first, minutes) in the engine's weekday form; undefined when always open. */
function engineOpeningHours(openingHoursJson: string) {
  const hours = JSON.parse(openingHoursJson) as ({ openMinute: number; closeMinute: number } | null)[]
  if (!Array.isArray(hours) || hours.length !== 7) return undefined
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
  return validateOpeningHours(Object.fromEntries(days.map((d, i) => [d, hours[i] ? { open: clock(hours[i]!.openMinute), close: clock(hours[i]!.closeMinute) } : null])))
}

/**
 * Adds (no id) or replaces (id + expectedVersion) a template of a queue. The template is checked with the engine
 * together with the queue's other templates (so names stay unique), and must fit the queue's opening hours on at
 * least one of its days. Whether all the templates together cover the open hours is checked when a schedule is
 * generated (a queue is built up one template at a time).
 * @throws ScheduleInputError naming the template (zero length, break window outside the shift, …); ScheduleStoreError
 *   for an unknown queue or template, or a stale version. Nothing is written then.
 */
export async function saveShiftTemplate(db: Db, queueId: number, template: ShiftTemplate, target: { id?: number; expectedVersion?: number } = {}): Promise<ShiftTemplateRecord> {
  const queue = await queueRowOf(db, queueId)
  const existing = await listShiftTemplates(db, queueId)
  let current: ShiftTemplateRecord | undefined
  if (target.id !== undefined) {
    current = existing.find((t) => t.id === target.id)
    if (!current) throw new ScheduleStoreError(`this shift template no longer exists (id ${target.id})`)
    if (target.expectedVersion !== undefined && target.expectedVersion !== current.version) {
      throw new ScheduleStoreError(`'${current.name}' was changed by someone else since you opened it (version ${current.version}, yours ${target.expectedVersion}): reload and edit again`)
    }
  }
  const others = existing.filter((t) => t.id !== target.id).map(shiftTemplateOf)
  const [valid] = validateShiftTemplates([template, ...others])
  const hours = engineOpeningHours(queue.openingHoursJson)
  if (hours) {
    try { checkTemplatesCoverOpeningHours([valid], hours) } catch (error) {
      if (!(error instanceof ScheduleInputError)) throw error
      const own = error.issues.filter((issue) => issue.template === valid.name && issue.field !== 'openingHours')
      if (own.length) throw new ScheduleInputError(own)
    }
  }
  const nowMs = Date.now()
  const values = {
    queueId, name: valid.name, lengthMinutes: template.lengthMinutes, earliestStart: template.earliestStart.trim(), latestStart: template.latestStart.trim(),
    startStepMinutes: template.startStepMinutes, daysJson: JSON.stringify(valid.days), breaksJson: JSON.stringify(template.breaks ?? []),
    costPerHour: valid.costPerHour, minCountPerDay: valid.minCountPerDay, maxCountPerDay: valid.maxCountPerDay ?? null, updatedAtMs: nowMs,
  }
  if (current) {
    const [row] = await db.orm.update(shiftTemplates).set({ ...values, version: current.version + 1 })
      .where(and(eq(shiftTemplates.id, current.id), eq(shiftTemplates.version, current.version))).returning()
    if (!row) throw new ScheduleStoreError(`'${current.name}' was changed by someone else meanwhile: reload and edit again`)
    return templateOfRow(row)
  }
  const [row] = await db.orm.insert(shiftTemplates).values({ ...values, createdAtMs: nowMs, version: 1 }).returning()
  return templateOfRow(row)
}

/** @throws ScheduleStoreError when the template does not exist (in that queue) */
export async function deleteShiftTemplate(db: Db, queueId: number, id: number): Promise<void> {
  const deleted = await db.orm.delete(shiftTemplates).where(and(eq(shiftTemplates.id, id), eq(shiftTemplates.queueId, queueId))).returning({ id: shiftTemplates.id })
  if (!deleted.length) throw new ScheduleStoreError(`this shift template no longer exists (id ${id})`)
}

// ---------------------------------------------------------------- agents

/** Days-off and hours rules of an agent (the roster engine's defaults when left out). */
export interface AgentRules {
  maxDaysPerWeek?: number
  minConsecutiveDaysOff?: number
  minRestHoursBetweenShifts?: number
  maxHoursPerWeek?: number
}

/** A stored agent: name, contracted hours, availability (undefined = always), skills as queue ids, rules. */
export interface AgentRecord extends AgentRules {
  id: number
  version: number
  name: string
  contractedHoursPerWeek: number
  availability?: AvailabilityWindow[]
  skillQueueIds: number[]
}

export type NewAgent = Omit<AgentRecord, 'id' | 'version'>

function agentOfRow(row: AgentRow): AgentRecord {
  const rules = JSON.parse(row.daysOffJson) as AgentRules
  return {
    id: row.id, version: row.version, name: row.name, contractedHoursPerWeek: row.contractedHoursPerWeek,
    ...(row.availabilityJson === null ? {} : { availability: JSON.parse(row.availabilityJson) as AvailabilityWindow[] }),
    skillQueueIds: JSON.parse(row.skillsJson) as number[], ...rules,
  }
}

/** The roster engine's agent, with skills as queue names. */
export function rosterAgentOf(agent: NewAgent, queueNameById: ReadonlyMap<number, string>): Agent {
  return {
    name: agent.name, contractedHoursPerWeek: agent.contractedHoursPerWeek,
    skills: agent.skillQueueIds.flatMap((id) => (queueNameById.has(id) ? [queueNameById.get(id)!] : [])),
    ...(agent.availability ? { availability: agent.availability } : {}),
    ...(agent.maxDaysPerWeek !== undefined ? { maxDaysPerWeek: agent.maxDaysPerWeek } : {}),
    ...(agent.minConsecutiveDaysOff !== undefined ? { minConsecutiveDaysOff: agent.minConsecutiveDaysOff } : {}),
    ...(agent.minRestHoursBetweenShifts !== undefined ? { minRestHoursBetweenShifts: agent.minRestHoursBetweenShifts } : {}),
    ...(agent.maxHoursPerWeek !== undefined ? { maxHoursPerWeek: agent.maxHoursPerWeek } : {}),
  }
}

export async function listAgents(db: Db): Promise<AgentRecord[]> {
  return (await db.orm.select().from(agents).orderBy(asc(agents.name))).map(agentOfRow)
}

async function queueNames(db: Db): Promise<Map<number, string>> {
  return new Map((await db.orm.select({ id: queues.id, name: queues.name }).from(queues)).map((q) => [q.id, q.name]))
}

/** A saved agent; `renamed` when an edit changed the name (how many published shifts went along). */
export type SavedAgent = AgentRecord & { renamed?: { from: string; publishedShifts: number } }

/**
 * Adds (no id) or replaces (id + expectedVersion) an agent, checked by the roster engine (hours, availability
 * windows, days-off rules) and for unique names and known queues. A rename renames the agent's shifts in the
 * published rosters in the same transaction.
 * @throws ScheduleInputError ('(agents)', naming the field) or ScheduleStoreError; nothing is written then
 */
export async function saveAgent(db: Db, agent: NewAgent, target: { id?: number; expectedVersion?: number } = {}): Promise<SavedAgent> {
  const names = await queueNames(db)
  const unknown = agent.skillQueueIds.filter((id) => !names.has(id))
  if (unknown.length) throw new ScheduleStoreError(`unknown queue (id ${unknown.join(', ')}) among the skills of '${agent.name}'`)
  const nameProblem = textProblem(AGENT_NAME, agent.name) // before any message quotes the name
  if (nameProblem) throw new ScheduleStoreError(nameProblem)
  buildRoster({ shifts: [] }, [rosterAgentOf(agent, names)]) // the engine's checks of one agent
  const bounds = agentBoundProblems(agent) // then the documented bounds (src/schemas): name length, hours, days
  if (bounds.length) throw new ScheduleStoreError(bounds.join('; '))
  const all = await listAgents(db)
  const current = target.id === undefined ? undefined : all.find((a) => a.id === target.id)
  if (target.id !== undefined && !current) throw new ScheduleStoreError(`this agent no longer exists (id ${target.id})`)
  if (current && target.expectedVersion !== undefined && target.expectedVersion !== current.version) {
    throw new ScheduleStoreError(`'${current.name}' was changed by someone else since you opened it (version ${current.version}, yours ${target.expectedVersion}): reload and edit again`)
  }
  const name = agent.name.trim()
  if (all.some((a) => a.id !== target.id && a.name === name)) {
    throw new ScheduleInputError([{ template: '(agents)', field: 'name', message: `an agent named '${name}' already exists; names must be unique` }])
  }
  const rules: AgentRules = {}
  for (const key of ['maxDaysPerWeek', 'minConsecutiveDaysOff', 'minRestHoursBetweenShifts', 'maxHoursPerWeek'] as const) if (agent[key] !== undefined) rules[key] = agent[key]
  const nowMs = Date.now()
  const values = {
    name, contractedHoursPerWeek: agent.contractedHoursPerWeek, availabilityJson: agent.availability ? JSON.stringify(agent.availability) : null,
    skillsJson: JSON.stringify([...new Set(agent.skillQueueIds)].sort((a, b) => a - b)), daysOffJson: JSON.stringify(rules), updatedAtMs: nowMs,
  }
  if (current) {
    return db.orm.transaction(async (tx) => {
      const [row] = await tx.update(agents).set({ ...values, version: current.version + 1 }).where(and(eq(agents.id, current.id), eq(agents.version, current.version))).returning()
      if (!row) throw new ScheduleStoreError(`'${current.name}' was changed by someone else meanwhile: reload and edit again`)
      if (current.name === name) return agentOfRow(row)
      // Published rosters name their agents: a rename carries the agent's published shifts along (requests and the
      // calendar feed go by agent id). Each schedule touched gets a new version (a page opened before is stale) and
      // updatedAtMs (the feed's stamp).
      const carried = await tx.update(scheduleShifts).set({ agent: name }).where(eq(scheduleShifts.agent, current.name)).returning({ scheduleId: scheduleShifts.scheduleId })
      const touched = [...new Set(carried.map((r) => r.scheduleId))]
      if (touched.length) await tx.update(schedules).set({ version: sql`${schedules.version} + 1`, updatedAtMs: nowMs }).where(inArray(schedules.id, touched))
      return { ...agentOfRow(row), renamed: { from: current.name, publishedShifts: carried.length } }
    })
  }
  const [row] = await db.orm.insert(agents).values({ ...values, createdAtMs: nowMs, version: 1 }).returning()
  return agentOfRow(row)
}

/** @throws ScheduleStoreError when the agent does not exist */
export async function deleteAgent(db: Db, id: number): Promise<void> {
  const deleted = await db.orm.delete(agents).where(eq(agents.id, id)).returning({ id: agents.id })
  if (!deleted.length) throw new ScheduleStoreError(`this agent no longer exists (id ${id})`)
}

/** Every agent as the roster engine takes them (skills as queue names, approved time off as dates off, within a schedule's dates when given). */
export async function listRosterAgents(db: Db, within?: { fromDateKey: string; toDateKey: string }): Promise<Agent[]> {
  const names = await queueNames(db)
  const timeOff = await approvedTimeOffDates(db, within)
  return (await listAgents(db)).map((a) => ({ ...rosterAgentOf(a, names), ...(timeOff.has(a.id) ? { timeOff: timeOff.get(a.id)! } : {}) }))
}

// ---------------------------------------------------------------- schedules

export interface ScheduleSummary {
  id: number
  queueId: number
  fromDateKey: string
  toDateKey: string
  status: 'draft' | 'published'
  createdAtMs: number
  updatedAtMs: number
  publishedAtMs: number | null
  /** 'optimal' or 'feasible' (stopped by the time limit), and HiGHS's own status text. */
  solverStatus: string
  solverStatusText: string
  /** Relative optimality gap 0–1. */
  gap: number
  objective: number
  solveMs: number
  /** As generated (edits change the shifts: `current` has the figures now). */
  paidAgentHours: number
  shiftCost: number
  /** Paid agent-hours and cost of the shifts as they are now (src/scheduling/scheduleFigures.ts): what the list and the page show. */
  current: ScheduleFigures
  editCount: number
  version: number
}

/** A stored schedule with what it was made for, its shifts (grouped) and, once published, who works what. */
export interface ScheduleRecord extends ScheduleSummary {
  snapshot: RequirementSnapshot
  templates: ShiftTemplate[]
  schedule: Schedule
  /** Published schedules only: one schedule per agent (agent null: a shift nobody took, and why), as frozen on publishing. */
  assignments: { agent: string | null; reason?: string; schedule: Schedule }[] | null
  /** The queue's week (start day, weekend): how its roster groups agent-weeks and which shifts are weekend ones. */
  weekRules?: WeekRules
}

function summaryOf(row: ScheduleRow, shifts: readonly Pick<ScheduledShift, 'templateName' | 'count' | 'paidMinutes'>[]): ScheduleSummary {
  const { requirementJson: _r, templatesJson, ...summary } = row
  return { ...summary, current: scheduleFigures(shifts, JSON.parse(templatesJson) as ShiftTemplate[]) }
}

function shiftOfRow(row: ScheduleShiftRow, queueName: string): ScheduledShift {
  return {
    templateName: row.templateName, start: row.startLocal, lengthMinutes: row.lengthMinutes, paidMinutes: row.paidMinutes,
    queue: queueName, count: row.count, breaks: JSON.parse(row.breaksJson) as ScheduledBreak[],
  }
}

/** Shifts with the same template and start merged into one group (counts and break placements added). */
export function mergeScheduledShifts(shifts: readonly ScheduledShift[]): Schedule {
  const groups = new Map<string, ScheduledShift>()
  for (const shift of shifts) {
    const key = `${shift.templateName}\u0000${shift.start}`
    const group = groups.get(key)
    if (!group) { groups.set(key, { ...shift, breaks: shift.breaks.map((b) => ({ ...b })) }); continue }
    group.count += shift.count
    for (const b of shift.breaks) {
      const same = group.breaks.find((g) => g.breakIndex === b.breakIndex && g.offsetMinutes === b.offsetMinutes)
      if (same) same.count += b.count
      else group.breaks.push({ ...b })
    }
  }
  const merged = [...groups.values()].sort((a, b) => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.templateName < b.templateName ? -1 : a.templateName > b.templateName ? 1 : 0))
  for (const s of merged) s.breaks.sort((a, b) => a.breakIndex - b.breakIndex || a.offsetMinutes - b.offsetMinutes)
  return { shifts: merged }
}

function shiftRowsOf(scheduleId: number, schedule: Schedule, timeZone: string, agent: string | null = null, unassignedReason: string | null = null) {
  return schedule.shifts.filter((s) => s.count > 0).map((s) => ({
    scheduleId, templateName: s.templateName, startLocal: s.start, startMs: parseLocalIsoToUtcMs(s.start + ':00', timeZone),
    lengthMinutes: s.lengthMinutes, paidMinutes: s.paidMinutes, count: s.count, agent, unassignedReason, breaksJson: JSON.stringify(s.breaks),
  }))
}

export async function listSchedules(db: Db, queueId: number): Promise<ScheduleSummary[]> {
  const rows = await db.orm.select().from(schedules).where(eq(schedules.queueId, queueId)).orderBy(desc(schedules.createdAtMs), desc(schedules.id))
  // Paid minutes per schedule and template, summed in SQL (the figures are linear in them).
  const sums = await db.orm.select({ scheduleId: scheduleShifts.scheduleId, templateName: scheduleShifts.templateName, paidMinutes: sql<number>`sum(${scheduleShifts.count} * ${scheduleShifts.paidMinutes})` })
    .from(scheduleShifts).innerJoin(schedules, eq(schedules.id, scheduleShifts.scheduleId)).where(eq(schedules.queueId, queueId))
    .groupBy(scheduleShifts.scheduleId, scheduleShifts.templateName)
  const byId = new Map<number, { templateName: string; count: number; paidMinutes: number }[]>()
  for (const r of sums) byId.set(r.scheduleId, [...(byId.get(r.scheduleId) ?? []), { templateName: r.templateName, count: 1, paidMinutes: Number(r.paidMinutes) }])
  return rows.map((row) => summaryOf(row, byId.get(row.id) ?? []))
}

export async function findSchedule(db: Db, id: number): Promise<ScheduleRecord | undefined> {
  const [row] = await db.orm.select().from(schedules).where(eq(schedules.id, id))
  if (!row) return undefined
  const snapshot = JSON.parse(row.requirementJson) as RequirementSnapshot
  const shiftRows = await db.orm.select().from(scheduleShifts).where(eq(scheduleShifts.scheduleId, id)).orderBy(asc(scheduleShifts.startMs), asc(scheduleShifts.id))
  const shifts = shiftRows.map((r) => shiftOfRow(r, snapshot.queueName))
  let assignments: ScheduleRecord['assignments'] = null
  if (row.status === 'published') {
    const byAgent = new Map<string, ScheduledShift[]>()
    const unassigned: { agent: null; reason?: string; schedule: Schedule }[] = []
    shiftRows.forEach((r, i) => {
      if (r.agent === null) unassigned.push({ agent: null, ...(r.unassignedReason ? { reason: r.unassignedReason } : {}), schedule: { shifts: [shifts[i]] } })
      else byAgent.set(r.agent, [...(byAgent.get(r.agent) ?? []), shifts[i]])
    })
    assignments = [...[...byAgent].map(([agent, own]) => ({ agent, schedule: mergeScheduledShifts(own) })), ...unassigned]
  }
  const [queue] = await db.orm.select().from(queues).where(eq(queues.id, row.queueId))
  return { ...summaryOf(row, shifts), snapshot, templates: JSON.parse(row.templatesJson) as ShiftTemplate[], schedule: mergeScheduledShifts(shifts), assignments, ...(queue ? { weekRules: weekRulesOfQueue(queue) } : {}) }
}

/** Stores a solved schedule as a draft; returns its id. */
export async function insertSchedule(db: Db, queueId: number, made: { snapshot: RequirementSnapshot; templates: readonly ShiftTemplate[]; result: SolvedSchedule }): Promise<number> {
  await queueRowOf(db, queueId)
  validateSchedule(made.result.schedule)
  const nowMs = Date.now()
  return db.orm.transaction(async (tx) => {
    const [row] = await tx.insert(schedules).values({
      queueId, fromDateKey: made.snapshot.fromDateKey, toDateKey: made.snapshot.toDateKey, status: 'draft', createdAtMs: nowMs, updatedAtMs: nowMs,
      solverStatus: made.result.status, solverStatusText: made.result.solverStatus, gap: made.result.gap, objective: made.result.objective,
      solveMs: made.result.elapsedMs, paidAgentHours: made.result.paidAgentHours, shiftCost: made.result.shiftCost,
      requirementJson: JSON.stringify(made.snapshot), templatesJson: JSON.stringify(made.templates), version: 1,
    }).returning({ id: schedules.id })
    const rows = shiftRowsOf(row.id, made.result.schedule, made.snapshot.timeZone)
    if (rows.length) await tx.insert(scheduleShifts).values(rows)
    return row.id
  })
}

async function draftForWrite(db: Db, id: number, expectedVersion: number | undefined, what: string): Promise<ScheduleRecord> {
  const record = await findSchedule(db, id)
  if (!record) throw new ScheduleStoreError(`this schedule no longer exists (id ${id})`)
  if (record.status === 'published') throw new ScheduleStoreError(`schedule ${id} is published and is not ${what}: copy it to a new draft to change it`)
  if (expectedVersion !== undefined && expectedVersion !== record.version) {
    throw new ScheduleStoreError(`schedule ${id} was changed meanwhile (version ${record.version}, yours ${expectedVersion}): reload and try again`)
  }
  return record
}

/**
 * Replaces the shifts of a draft after a manual edit (move, add, remove).
 * @throws ScheduleInputError for an invalid schedule; ScheduleStoreError for an unknown or published schedule or a stale version
 */
export async function replaceScheduleShifts(db: Db, id: number, schedule: Schedule, expectedVersion?: number): Promise<ScheduleRecord> {
  validateSchedule(schedule)
  const record = await draftForWrite(db, id, expectedVersion, 'edited')
  await db.orm.transaction(async (tx) => {
    const updated = await tx.update(schedules).set({ updatedAtMs: Date.now(), editCount: record.editCount + 1, version: record.version + 1 })
      .where(and(eq(schedules.id, id), eq(schedules.version, record.version), ne(schedules.status, 'published'))).returning({ id: schedules.id })
    if (!updated.length) throw new ScheduleStoreError(`schedule ${id} was changed meanwhile: reload and try again`)
    await tx.delete(scheduleShifts).where(eq(scheduleShifts.scheduleId, id))
    const rows = shiftRowsOf(id, schedule, record.snapshot.timeZone)
    if (rows.length) await tx.insert(scheduleShifts).values(rows)
  })
  return (await findSchedule(db, id))!
}

/** A one-shift schedule from a roster's shift instance (count 1, each break at its own time). */
function singleShiftSchedule(instance: Roster['assignments'][number]['shift']): Schedule {
  return {
    shifts: [{
      templateName: instance.templateName, start: instance.start, lengthMinutes: instance.lengthMinutes, paidMinutes: instance.paidMinutes,
      ...(instance.queue ? { queue: instance.queue } : {}), count: 1,
      breaks: instance.breaks.map((b, breakIndex) => ({
        breakIndex, name: b.name, offsetMinutes: parseLocalDateTime(b.start) - instance.startMinute,
        lengthMinutes: parseLocalDateTime(b.end) - parseLocalDateTime(b.start), paid: b.paid, count: 1,
      })),
    }],
  }
}

/**
 * Publishes a draft with its roster frozen: one shift row per agent's shift (and the shifts nobody took with no
 * agent). From then on it is what latestPublishedSchedule returns (the most recently published of the queue).
 * @throws ScheduleStoreError for an unknown or already published schedule or a stale version
 */
export async function publishSchedule(db: Db, id: number, roster: Roster, expectedVersion?: number): Promise<ScheduleRecord> {
  const record = await draftForWrite(db, id, expectedVersion, 'published again')
  const tz = record.snapshot.timeZone
  const rows = [
    ...roster.assignments.flatMap((a) => shiftRowsOf(id, singleShiftSchedule(a.shift), tz, a.agent)),
    ...roster.unassigned.flatMap((u) => shiftRowsOf(id, singleShiftSchedule(u.shift), tz, null, u.reason)),
  ]
  const total = record.schedule.shifts.reduce((s, x) => s + x.count, 0)
  if (rows.length !== total) throw new ScheduleStoreError(`the roster has ${rows.length} shifts but schedule ${id} has ${total}: build the roster of this version of the schedule`)
  const nowMs = Date.now()
  await db.orm.transaction(async (tx) => {
    const updated = await tx.update(schedules).set({ status: 'published', publishedAtMs: nowMs, updatedAtMs: nowMs, version: record.version + 1 })
      .where(and(eq(schedules.id, id), eq(schedules.version, record.version))).returning({ id: schedules.id })
    if (!updated.length) throw new ScheduleStoreError(`schedule ${id} was changed meanwhile: reload and try again`)
    await tx.delete(scheduleShifts).where(eq(scheduleShifts.scheduleId, id))
    for (let i = 0; i < rows.length; i += 200) await tx.insert(scheduleShifts).values(rows.slice(i, i + 200))
  })
  return (await findSchedule(db, id))!
}

/** A new draft with the shifts of a schedule (to change a published one). Returns the new id. */
export async function copyScheduleAsDraft(db: Db, id: number): Promise<number> {
  const record = await findSchedule(db, id)
  if (!record) throw new ScheduleStoreError(`this schedule no longer exists (id ${id})`)
  const [row] = await db.orm.select().from(schedules).where(eq(schedules.id, id))
  const nowMs = Date.now()
  return db.orm.transaction(async (tx) => {
    const { id: _id, ...values } = row
    const [copy] = await tx.insert(schedules).values({ ...values, status: 'draft', publishedAtMs: null, createdAtMs: nowMs, updatedAtMs: nowMs, version: 1 }).returning({ id: schedules.id })
    const rows = shiftRowsOf(copy.id, record.schedule, record.snapshot.timeZone)
    if (rows.length) await tx.insert(scheduleShifts).values(rows)
    return copy.id
  })
}

/** @throws ScheduleStoreError when the schedule does not exist */
export async function deleteSchedule(db: Db, id: number): Promise<void> {
  await db.orm.transaction(async (tx) => {
    await tx.delete(scheduleShifts).where(eq(scheduleShifts.scheduleId, id))
    const deleted = await tx.delete(schedules).where(eq(schedules.id, id)).returning({ id: schedules.id })
    if (!deleted.length) throw new ScheduleStoreError(`this schedule no longer exists (id ${id})`)
  })
}

/** The roster of a stored schedule: frozen when published, else built now from the agents. */
export function rosterOfRecord(record: ScheduleRecord, rosterAgents: readonly Agent[]): Roster {
  if (record.assignments) {
    const roster = rosterFromAssignments(record.assignments, new Map(rosterAgents.map((a) => [a.name, a.contractedHoursPerWeek])), record.weekRules)
    return { ...roster, weeks: explainShortWeeks(roster, rosterAgents, record.weekRules?.weekStartsOn) }
  }
  return rosterInWeek(buildRoster(record.schedule, rosterAgents), rosterAgents, record.weekRules)
}

/** The published schedule of a queue with its shifts and coverage per interval (UTC starts included). */
export interface PublishedSchedule {
  record: ScheduleRecord
  /** rows[i].startMs (UTC), rows[i].agentsRequired (the need it was made for) and rows[i].agentsScheduled (heads of assigned shifts net of breaks). */
  coverage: ScheduleCoverage
}

/** A published schedule with the dates a newer one took over (src/scheduling/publishedInForce.ts). */
export interface PublishedScheduleInForce extends PublishedSchedule { inForce: ScheduleInForce }

/**
 * The published schedules of a queue in force on at least one date of a range (the later published wins the dates
 * two cover), newest first, each with its shifts and coverage. `isInForceOn(s.inForce, dateKey)` says whose a date is.
 */
export async function publishedSchedulesInForceBetween(db: Db, queueId: number, fromDateKey: string, toDateKey: string): Promise<PublishedScheduleInForce[]> {
  const rows = await db.orm.select({ id: schedules.id, fromDateKey: schedules.fromDateKey, toDateKey: schedules.toDateKey, publishedAtMs: schedules.publishedAtMs })
    .from(schedules).where(and(eq(schedules.queueId, queueId), eq(schedules.status, 'published')))
  const inForce = schedulesInForce(rows.map((r) => ({ scheduleId: r.id, queueId, fromDateKey: r.fromDateKey, toDateKey: r.toDateKey, publishedAtMs: r.publishedAtMs ?? 0 })))
    .filter((s) => !s.fullySuperseded && s.fromDateKey <= toDateKey && s.toDateKey >= fromDateKey)
    .filter((s) => datesOf(fromDateKey, toDateKey).some((d) => isInForceOn(s, d)))
  const out: PublishedScheduleInForce[] = []
  for (const s of inForce) {
    const record = (await findSchedule(db, s.scheduleId))!
    out.push({ record, coverage: scheduleCoverage(record.snapshot, assignedShiftsOf(record)), inForce: s })
  }
  return out
}

/** The published schedule of a queue in force on a local date (src/scheduling/publishedInForce.ts), or null. */
export async function publishedScheduleOn(db: Db, queueId: number, dateKey: string): Promise<PublishedScheduleInForce | null> {
  return (await publishedSchedulesInForceBetween(db, queueId, dateKey, dateKey))[0] ?? null
}

function datesOf(fromDateKey: string, toDateKey: string): string[] {
  const out: string[] = []
  for (let d = fromDateKey; d <= toDateKey && out.length < 3700; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) out.push(d)
  return out
}

/**
 * The most recently published schedule of a queue, with its shifts and per-interval coverage (requirement vs
 * the heads of its assigned shifts net of breaks, service level with them), or null when none is published.
 * Readers of a date or range use publishedScheduleOn / publishedSchedulesInForceBetween: an older published
 * schedule still counts on the dates the newest does not cover.
 */
export async function latestPublishedSchedule(db: Db, queueId: number): Promise<PublishedSchedule | null> {
  const [row] = await db.orm.select({ id: schedules.id }).from(schedules)
    .where(and(eq(schedules.queueId, queueId), eq(schedules.status, 'published'))).orderBy(desc(schedules.publishedAtMs), desc(schedules.id)).limit(1)
  if (!row) return null
  const record = (await findSchedule(db, row.id))!
  return { record, coverage: scheduleCoverage(record.snapshot, assignedShiftsOf(record)) }
}

/**
 * The shifts of a published schedule that have an agent (a shift nobody took is cover that does not exist, see
 * src/planning/needCover.ts); a draft's shifts as they are.
 */
export function assignedShiftsOf(record: ScheduleRecord): Schedule {
  if (!record.assignments) return record.schedule
  return mergeScheduledShifts(record.assignments.filter((a) => a.agent !== null).flatMap((a) => a.schedule.shifts))
}

// ---------------------------------------------------------------- bulk set-up (CSV)

/**
 * Adds or replaces (by name) many agents in one transaction: all are written or none. The caller has checked
 * them (src/planning/setupImport.ts). Returns how many were added and replaced.
 */
export async function upsertAgents(db: Db, list: readonly NewAgent[]): Promise<{ created: number; updated: number }> {
  const nowMs = Date.now()
  return db.orm.transaction(async (tx) => {
    const existing = new Map((await tx.select().from(agents)).map((r) => [r.name, r]))
    let created = 0, updated = 0
    for (const agent of list) {
      const rules: AgentRules = {}
      for (const key of ['maxDaysPerWeek', 'minConsecutiveDaysOff', 'minRestHoursBetweenShifts', 'maxHoursPerWeek'] as const) if (agent[key] !== undefined) rules[key] = agent[key]
      const values = {
        name: agent.name.trim(), contractedHoursPerWeek: agent.contractedHoursPerWeek, availabilityJson: agent.availability ? JSON.stringify(agent.availability) : null,
        skillsJson: JSON.stringify([...new Set(agent.skillQueueIds)].sort((a, b) => a - b)), daysOffJson: JSON.stringify(rules), updatedAtMs: nowMs,
      }
      const current = existing.get(values.name)
      if (current) { await tx.update(agents).set({ ...values, version: current.version + 1 }).where(eq(agents.id, current.id)); updated++ }
      else { await tx.insert(agents).values({ ...values, createdAtMs: nowMs, version: 1 }); created++ }
    }
    return { created, updated }
  })
}

/**
 * Adds or replaces (by name) many shift templates of a queue in one transaction: all are written or none. The
 * caller has checked them together with the queue's other templates and its opening hours.
 */
export async function upsertShiftTemplates(db: Db, queueId: number, list: readonly ShiftTemplate[]): Promise<{ created: number; updated: number }> {
  await queueRowOf(db, queueId)
  const nowMs = Date.now()
  return db.orm.transaction(async (tx) => {
    const existing = new Map((await tx.select().from(shiftTemplates).where(eq(shiftTemplates.queueId, queueId))).map((r) => [r.name, r]))
    let created = 0, updated = 0
    for (const t of list) {
      const [valid] = validateShiftTemplates([t])
      const values = {
        queueId, name: valid.name, lengthMinutes: t.lengthMinutes, earliestStart: t.earliestStart.trim(), latestStart: t.latestStart.trim(),
        startStepMinutes: t.startStepMinutes, daysJson: JSON.stringify(valid.days), breaksJson: JSON.stringify(t.breaks ?? []),
        costPerHour: valid.costPerHour, minCountPerDay: valid.minCountPerDay, maxCountPerDay: valid.maxCountPerDay ?? null, updatedAtMs: nowMs,
      }
      const current = existing.get(valid.name)
      if (current) { await tx.update(shiftTemplates).set({ ...values, version: current.version + 1 }).where(eq(shiftTemplates.id, current.id)); updated++ }
      else { await tx.insert(shiftTemplates).values({ ...values, createdAtMs: nowMs, version: 1 }); created++ }
    }
    return { created, updated }
  })
}

/** Whether each template fits the queue's opening hours on at least one of its days: the problems, per template name. */
export async function templatesOpeningHoursIssues(db: Db, queueId: number, templates: readonly ShiftTemplate[]): Promise<Map<string, string[]>> {
  const queue = await queueRowOf(db, queueId)
  const hours = engineOpeningHours(queue.openingHoursJson)
  const out = new Map<string, string[]>()
  if (!hours) return out
  for (const t of templates) {
    try { checkTemplatesCoverOpeningHours(validateShiftTemplates([t]), hours) } catch (error) {
      if (!(error instanceof ScheduleInputError)) throw error
      const own = error.issues.filter((issue) => issue.field !== 'openingHours')
      if (own.length) out.set(t.name, own.map((i) => i.message))
    }
  }
  return out
}
