/**
 * The forms of the Schedules screens: request body → form values (as typed, for re-showing), form values → the
 * domain's template, agent, generate request or hand edit, and back. Bounds come from src/schemas (agents, templates)
 * and the scheduling engine's validation, whose messages name the field in the user's words.
 */
import {
  addShifts, formatScheduleInputIssue, moveShifts, removeShifts, ScheduleInputError, validateShiftTemplates,
  type AvailabilityWindow, type BreakRule, type Schedule, type ShiftTemplate, type Weekday,
} from '../../scheduling/index.ts'
import { formatScheduleInputIssueInWords } from '../../scheduling/scheduleInputError.ts'
import { AGENT_AVAILABILITY } from '../../schemas/agents.ts'
import { numberProblem, parseNumberText, textProblem } from '../../schemas/bounds.ts'
import { SHIFT_EDIT_COUNT, SOLVER_GAP_PERCENT, SOLVER_TIME_LIMIT_SECONDS, overCoverProblem } from '../../schemas/solver.ts'
import { assertPlanRange } from '../../planning/staffingPlan.ts'
import type { AgentRecord, NewAgent, ScheduleRecord, ShiftTemplateRecord } from '../../db/schedules.ts'
import {
  BREAK_ROWS, EMPTY_BREAK, WEEKDAY_KEYS, availabilityText, type AgentFormValues, type GenerateFormValues, type TemplateFormValues,
} from '../../../views/schedules/SchedulesPage.tsx'

export type Body = Record<string, string | File | (string | File)[]>

export const text = (body: Body, key: string): string => {
  const v = body[key]
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}
export const texts = (body: Body, key: string): string[] => {
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

export function errorMessages(error: unknown): string[] {
  if (error instanceof ScheduleInputError) return error.issues.map(formatScheduleInputIssueInWords)
  if (error instanceof RangeError || error instanceof TypeError) return [error.message]
  throw error
}

/** An edit must say which version it changes: without one it would overwrite someone else's save silently. */
export const MISSING_VERSION = 'the form has no valid version (it was not opened from this page): reload the page and edit again; nothing was saved'

// ---------------------------------------------------------------- form <-> domain

export function templateFormFrom(body: Body): TemplateFormValues {
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

export function agentFormFrom(body: Body): AgentFormValues {
  return {
    name: text(body, 'name'), contractedHoursPerWeek: text(body, 'contractedHoursPerWeek'), skills: texts(body, 'skills'), availability: text(body, 'availability'),
    maxDaysPerWeek: text(body, 'maxDaysPerWeek'), minConsecutiveDaysOff: text(body, 'minConsecutiveDaysOff'),
    minRestHoursBetweenShifts: text(body, 'minRestHoursBetweenShifts'), maxHoursPerWeek: text(body, 'maxHoursPerWeek'),
  }
}

export function agentFormOf(a: AgentRecord): AgentFormValues {
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

/** The schedule after one hand edit of the form. @throws ScheduleInputError / RangeError with the message to show */
export function editedSchedule(record: ScheduleRecord, body: Body): { schedule: Schedule; message: string } {
  const action = text(body, 'action')
  const typedCount = text(body, 'count').trim() || '1'
  const count = parseNumberText(SHIFT_EDIT_COUNT, typedCount) ?? NaN
  const countProblem = Number.isNaN(count) ? `${SHIFT_EDIT_COUNT.label} must be a number, got '${typedCount.slice(0, 40)}'` : numberProblem(SHIFT_EDIT_COUNT, count)
  if (countProblem) throw new RangeError(countProblem)
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

/** The generate form as typed; an empty field takes the page's default (the week after the history, 30 s, 0.5%). */
export function generateFormFrom(body: Body, defaults: { fromDateKey: string; toDateKey: string }): GenerateFormValues {
  return {
    from: text(body, 'from').trim() || defaults.fromDateKey, to: text(body, 'to').trim() || defaults.toDateKey,
    timeLimitSeconds: text(body, 'timeLimitSeconds').trim() || '30', gapPercent: text(body, 'gapPercent').trim() || '0.5', overCover: text(body, 'overCover') || 'allow',
  }
}

/** The problems of the generate form's own fields (range, time limit, gap, over-cover), in the user's words. */
export function generateFormProblems(form: GenerateFormValues): string[] {
  const problems: string[] = []
  try { assertPlanRange(form.from, form.to) } catch (error) { problems.push((error as Error).message) }
  for (const [bound, typed] of [[SOLVER_TIME_LIMIT_SECONDS, form.timeLimitSeconds], [SOLVER_GAP_PERCENT, form.gapPercent]] as const) {
    const value = parseNumberText(bound, typed)
    const problem = value === undefined || Number.isNaN(value) ? `${bound.label} must be a number, got '${typed.slice(0, 40)}'` : numberProblem(bound, value)
    if (problem) problems.push(problem)
  }
  const overCover = overCoverProblem(form.overCover)
  if (overCover) problems.push(overCover)
  return problems
}

/** The version an edit form says it changes, or undefined when it has none (then MISSING_VERSION is the answer). */
export function versionOf(body: Body): number | undefined {
  const typed = text(body, 'version').trim()
  const version = Number(typed)
  return typed && Number.isInteger(version) ? version : undefined
}
