/**
 * `chatplan schedule --requirements R.csv --shifts S.json [--time-limit SECONDS] [--gap FRACTION] [--interval-minutes N]`:
 * generates the shifts that cover a requirement at least cost (src/scheduling) and prints them as CSV
 * `start,name,length_minutes,count` (sorted by start, then name; times written like the input), then the line
 * `paid_agent_hours=H short_agent_intervals=S gap=G`.
 */
import { csvTable } from '../../format/csv.ts'
import { parseCsvRecords } from '../../imports/csvRecords.ts'
import type { OverCoverRule } from '../../scheduling/buildModel.ts'
import { formatLocalDateTime, localDateTimeStyleOf, parseLocalDateTime, type LocalDateTimeStyle } from '../../scheduling/localTime.ts'
import type { OpeningHours } from '../../scheduling/openingHours.ts'
import type { RequirementInterval } from '../../scheduling/requirement.ts'
import { ScheduleInputError, type ScheduleInputIssue } from '../../scheduling/scheduleInputError.ts'
import type { BreakRule, ShiftTemplate } from '../../scheduling/shiftTemplates.ts'
import { solveSchedule } from '../../scheduling/solve.ts'
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions, InputError, readInputFile } from '../io.ts'
import { numberOption } from '../optionValues.ts'
import { UsageError } from '../options.ts'
import { INTERVAL_ROW } from '../../schemas/rows.ts'
import { outsideYearsProblem } from '../../schemas/queryParams.ts'
import { SOLVER_GAP_FRACTION, SOLVER_TIME_LIMIT_SECONDS } from '../../schemas/solver.ts'

export const usage = `Usage: chatplan schedule --requirements R.csv --shifts S.json [--time-limit SECONDS] [--gap FRACTION] [--interval-minutes N]
Chooses how many shifts of each template start when, so that the agents on shift (net of breaks) cover the
requirement in every interval at the least cost (paid agent-hours when no cost_per_hour is given).
R.csv: columns interval_start,agents_required (local times, one fixed interval length, possibly several days;
  requirements may be fractional: cover must be >= the value).
S.json: {"shifts":[{"name":"8h","length_minutes":480,"earliest_start":"06:00","latest_start":"14:00",
  "start_step_minutes":30}, ...]}; optional per shift: "days":["mon",...], "breaks":[{"length_minutes":30,
  "paid":false,"earliest_after_minutes":180,"latest_after_minutes":300}], "cost_per_hour", "min_count" and
  "max_count" (per day), "queue"; optional at the top: "opening_hours":{"mon":{"open":"07:00","close":"24:00"},...},
  "over_cover":"allow"|"forbid"|{"penalty_per_agent_interval":N}, "shortfall_penalty_per_agent_interval":N.
A shift may start on any day of R at any allowed time and may run past midnight into the next day's intervals.
Prints CSV start,name,length_minutes,count, then: paid_agent_hours=H short_agent_intervals=S gap=G
(short_agent_intervals: agents missing summed over intervals; gap: proven relative optimality gap, 0 = optimal).
--time-limit: solver time limit in seconds (default 60). --gap: stop within this relative gap (default 0: exact).`

/** The options `chatplan schedule` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['requirements', 'shifts', 'time-limit', 'gap', 'interval-minutes'] }


const SHIFT_FIELDS: Record<string, keyof ShiftTemplate> = {
  name: 'name',
  length_minutes: 'lengthMinutes',
  earliest_start: 'earliestStart',
  latest_start: 'latestStart',
  start_step_minutes: 'startStepMinutes',
  days: 'days',
  breaks: 'breaks',
  cost_per_hour: 'costPerHour',
  min_count: 'minCountPerDay',
  max_count: 'maxCountPerDay',
  min_count_per_day: 'minCountPerDay',
  max_count_per_day: 'maxCountPerDay',
  queue: 'queue',
}

const BREAK_FIELDS: Record<string, keyof BreakRule> = {
  name: 'name',
  length_minutes: 'lengthMinutes',
  paid: 'paid',
  earliest_after_minutes: 'earliestAfterMinutes',
  latest_after_minutes: 'latestAfterMinutes',
  start_step_minutes: 'startStepMinutes',
}

const TOP_LEVEL_FIELDS = ['shifts', 'opening_hours', 'over_cover', 'shortfall_penalty_per_agent_interval']


interface ParsedRequirements {
  intervals: RequirementInterval[]
  /** File line of each interval (header = line 1). */
  lines: number[]
  style: LocalDateTimeStyle
}

/** Reads R.csv; row numbers in messages are file lines (the header is line 1). */
function readRequirements(path: string, io: CliIo): ParsedRequirements {
  const text = readInputFile(path, io, 'requirements')
  let records: string[][]
  try {
    records = parseCsvRecords(text)
  } catch (error) {
    throw new InputError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  if (records.length === 0) throw new InputError(`${path}: the file is empty (expected the header interval_start,agents_required)`)
  const header = records[0].map((h) => h.toLowerCase())
  const startColumn = header.indexOf('interval_start'), requiredColumn = header.indexOf('agents_required')
  for (const [name, index] of [['interval_start', startColumn], ['agents_required', requiredColumn]] as const) {
    if (index < 0) throw new InputError(`${path}: missing column ${name} (header is ${records[0].join(',')})`)
  }
  if (records.length === 1) throw new InputError(`${path}: no intervals after the header`)
  const intervals: RequirementInterval[] = [], lines: number[] = []
  const seen = new Map<number, number>()
  records.slice(1).forEach((row, i) => {
    const line = i + 2
    const rawStart = row[startColumn] ?? '', rawRequired = row[requiredColumn] ?? ''
    const outside = outsideYearsProblem(rawStart.trim())
    if (outside) throw new InputError(`${path} row ${line} column interval_start: ${outside}`)
    let startMinute: number
    try { startMinute = parseLocalDateTime(rawStart) } catch (error) {
      throw new InputError(`${path} row ${line} column interval_start: ${(error as Error).message}`)
    }
    if (seen.has(startMinute)) throw new InputError(`${path} row ${line} column interval_start: ${rawStart} is already listed on row ${seen.get(startMinute)}`)
    seen.set(startMinute, line)
    const required = rawRequired === '' ? NaN : Number(rawRequired)
    if (!Number.isFinite(required) || required < 0) {
      throw new InputError(`${path} row ${line} column agents_required: '${rawRequired}' is not a number >= 0`)
    }
    intervals.push({ start: rawStart, agentsRequired: required })
    lines.push(line)
  })
  return { intervals, lines, style: localDateTimeStyleOf(intervals[0].start) }
}

/** Smallest gap between consecutive starts, checked to be a grid all starts sit on. */
function intervalMinutesOf(requirements: ParsedRequirements, path: string, given: string | true | undefined): number {
  if (given !== undefined) {
    const minutes = numberOption({ 'interval-minutes': given }, 'interval-minutes', INTERVAL_ROW.intervalMinutes, 0)
    if (1440 % minutes !== 0) {
      throw new InputError(`--interval-minutes: must be a whole number of minutes that divides a day, got '${given}'`)
    }
    return minutes
  }
  const sorted = requirements.intervals.map((interval, i) => ({ minute: parseLocalDateTime(interval.start), line: requirements.lines[i] })).sort((a, b) => a.minute - b.minute)
  if (sorted.length < 2) throw new InputError(`${path}: the interval length cannot be inferred from a single row; pass --interval-minutes`)
  let smallest = Infinity
  for (let i = 1; i < sorted.length; i++) smallest = Math.min(smallest, sorted[i].minute - sorted[i - 1].minute)
  for (const { minute, line } of sorted) {
    if ((minute - sorted[0].minute) % smallest !== 0) {
      throw new InputError(`${path} row ${line} column interval_start: not on the ${smallest}-minute grid of the other rows (one fixed interval length is required)`)
    }
  }
  if (1440 % smallest !== 0) throw new InputError(`${path}: the interval length ${smallest} minutes does not divide a day`)
  return smallest
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function renameFields<T>(source: Record<string, unknown>, names: Record<string, keyof T>, where: string): Partial<T> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) {
    const field = names[key]
    if (!field) throw new InputError(`${where}: unknown field '${key}' (known: ${Object.keys(names).join(', ')})`)
    result[field as string] = value
  }
  return result as Partial<T>
}

interface ParsedShifts {
  templates: ShiftTemplate[]
  openingHours?: OpeningHours
  overCover?: OverCoverRule
  shortfallPenaltyPerAgentInterval?: number
}

/** Reads S.json into domain templates; shape errors name the file, the template and the field. */
function readShifts(path: string, io: CliIo): ParsedShifts {
  const text = readInputFile(path, io, 'shifts')
  let json: unknown
  try { json = JSON.parse(text) } catch (error) {
    throw new InputError(`${path}: not valid JSON: ${(error as Error).message}`)
  }
  if (!isPlainObject(json) || !Array.isArray(json.shifts)) throw new InputError(`${path}: expected an object with a "shifts" list, like {"shifts":[{"name":"8h","length_minutes":480,...}]}`)
  for (const key of Object.keys(json)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) throw new InputError(`${path}: unknown field '${key}' (known: ${TOP_LEVEL_FIELDS.join(', ')})`)
  }
  const templates = json.shifts.map((raw, i) => {
    const label = isPlainObject(raw) && typeof raw.name === 'string' ? `template '${raw.name}'` : `shifts[${i}]`
    if (!isPlainObject(raw)) throw new InputError(`${path}: shifts[${i}] must be an object`)
    const template = renameFields<ShiftTemplate>(raw, SHIFT_FIELDS, `${path}: ${label}`)
    if (template.breaks !== undefined) {
      if (!Array.isArray(template.breaks)) throw new InputError(`${path}: ${label}, field breaks: must be a list`)
      template.breaks = template.breaks.map((b, k) => {
        if (!isPlainObject(b)) throw new InputError(`${path}: ${label}, field breaks[${k}]: must be an object`)
        return renameFields<BreakRule>(b, BREAK_FIELDS, `${path}: ${label}, breaks[${k}]`) as BreakRule
      })
    }
    return template as ShiftTemplate
  })
  let overCover: OverCoverRule | undefined
  if (json.over_cover !== undefined) {
    const rule = json.over_cover
    if (rule === 'allow' || rule === 'forbid') overCover = rule
    else if (isPlainObject(rule) && typeof rule.penalty_per_agent_interval === 'number') overCover = { penaltyPerAgentInterval: rule.penalty_per_agent_interval }
    else throw new InputError(`${path}: over_cover must be "allow", "forbid" or {"penalty_per_agent_interval": N}, got ${JSON.stringify(rule)}`)
  }
  const penalty = json.shortfall_penalty_per_agent_interval
  if (penalty !== undefined && (typeof penalty !== 'number' || !(penalty > 0))) {
    throw new InputError(`${path}: shortfall_penalty_per_agent_interval must be a number > 0, got ${JSON.stringify(penalty)}`)
  }
  if (json.opening_hours !== undefined && !isPlainObject(json.opening_hours)) {
    throw new InputError(`${path}: opening_hours must be an object like {"mon":{"open":"07:00","close":"24:00"}}`)
  }
  return { templates, openingHours: json.opening_hours as OpeningHours | undefined, overCover, shortfallPenaltyPerAgentInterval: penalty as number | undefined }
}

/** Domain field name -> the name used in S.json (lengthMinutes -> length_minutes, minCountPerDay -> min_count). */
function jsonFieldName(field: string): string {
  return field
    .replace(/minCountPerDay/g, 'min_count').replace(/maxCountPerDay/g, 'max_count')
    .replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
}

function describeIssue(issue: ScheduleInputIssue, requirementsPath: string, shiftsPath: string, lines: number[]): string {
  if (issue.template === '(requirement)') {
    const match = /^intervals\[(\d+)\]\.(\w+)$/.exec(issue.field)
    if (match) {
      const column = match[2] === 'start' ? 'interval_start' : 'agents_required'
      return `${requirementsPath} row ${lines[Number(match[1])]} column ${column}: ${issue.message}`
    }
    return `${requirementsPath}: ${issue.message}`
  }
  if (issue.template === '(opening hours)') return `${shiftsPath}: opening_hours, ${issue.field}: ${issue.message}`
  if (issue.field === 'openingHours') return `${shiftsPath}: opening_hours vs templates ${issue.template}: ${issue.message}`
  if (issue.template === '(templates)') return `${shiftsPath}: shifts: ${issue.message}`
  return `${shiftsPath}: template '${issue.template}', field ${jsonFieldName(issue.field)}: ${issue.message}`
}

/** Up to 4 decimals, no trailing zeros. */
function formatFigure(value: number): string {
  const rounded = Number(value.toFixed(4))
  return String(rounded === 0 ? 0 : rounded)
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let requirementsPath = '', shiftsPath = ''
  let lines: number[] = []
  try {
    let parsed: ReturnType<typeof parseOptions>
    try { parsed = parseOptions(args) } catch (error) { throw new InputError(`${(error as Error).message}\n\n${usage}`) }
    const { options, positional } = parsed
    if (positional.length) throw new InputError(`unexpected argument '${positional[0]}'\n\n${usage}`)
    for (const key of Object.keys(options)) {
      if (!['requirements', 'shifts', 'time-limit', 'gap', 'interval-minutes'].includes(key)) throw new InputError(`unknown option --${key}\n\n${usage}`)
    }
    if (typeof options.requirements !== 'string') throw new InputError(`--requirements R.csv is required\n\n${usage}`)
    if (typeof options.shifts !== 'string') throw new InputError(`--shifts S.json is required\n\n${usage}`)
    requirementsPath = options.requirements
    shiftsPath = options.shifts
    // Bounds from src/schemas (the same as the generate form's).
    const timeLimitSeconds = numberOption(options, 'time-limit', SOLVER_TIME_LIMIT_SECONDS, 60)
    const mipRelativeGap = numberOption(options, 'gap', SOLVER_GAP_FRACTION, 0)
    const requirements = readRequirements(requirementsPath, io)
    lines = requirements.lines
    const intervalMinutes = intervalMinutesOf(requirements, requirementsPath, options['interval-minutes'])
    const shifts = readShifts(shiftsPath, io)
    const result = await solveSchedule({ intervalMinutes, intervals: requirements.intervals }, shifts.templates, {
      openingHours: shifts.openingHours,
      overCover: shifts.overCover,
      shortfallPenaltyPerAgentInterval: shifts.shortfallPenaltyPerAgentInterval,
      timeLimitSeconds,
      mipRelativeGap,
    })
    if (result.status === 'infeasible' || result.status === 'timeLimit') {
      io.err(`chatplan schedule: no schedule (${result.status}): ${result.reason}\n`)
      return 1
    }
    if (result.status === 'error') {
      io.err(`chatplan schedule: ${result.message}\n`)
      return 1
    }
    // The README's columns, through the shared writer (template names neutralised); start is local, as R.csv gave it.
    io.out(csvTable([{ name: 'start', unit: 'time', key: true }, { name: 'name', key: true }, { name: 'length_minutes', unit: 'minutes' }, { name: 'count', unit: 'count' }],
      result.schedule.shifts.map((shift) => [formatLocalDateTime(parseLocalDateTime(shift.start), requirements.style), shift.templateName, shift.lengthMinutes, shift.count])))
    io.out(`paid_agent_hours=${formatFigure(result.paidAgentHours)} short_agent_intervals=${formatFigure(result.shortAgentIntervals)} gap=${formatFigure(result.gap)}\n`)
    if (result.status === 'feasible') {
      io.err(`chatplan schedule: the solver stopped (${result.solverStatus}) before proving optimality; this is the best schedule found, within gap ${formatFigure(result.gap)}\n`)
    }
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      io.err(`chatplan schedule: ${error.message}\n`)
      return 1
    }
    if (error instanceof ScheduleInputError) {
      io.err(error.issues.map((issue) => `chatplan schedule: ${describeIssue(issue, requirementsPath, shiftsPath, lines)}\n`).join(''))
      return 1
    }
    throw error
  }
}

