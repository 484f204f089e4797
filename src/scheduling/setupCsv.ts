/**
 * Bulk set-up as CSV: agents (contract, availability, skills, rules) and shift templates (length, starts, days,
 * breaks, cost), read and written in one format each, so a team is set up from a spreadsheet instead of one form
 * at a time, and what is stored can be exported, edited and imported again.
 *
 * Reading checks every row with the engine's own rules (validateShiftTemplates, the roster's agent checks) and
 * collects every problem as { file, row, column, message } with the column named as in the file's header; any
 * problem means nothing is imported (the caller writes all rows or none).
 *
 * agents.csv:    name, contracted_hours_per_week, skills, availability, max_days_per_week,
 *                min_consecutive_days_off, min_rest_hours_between_shifts, max_hours_per_week
 *                skills: queue names separated by ';'. availability: windows separated by ';' like
 *                'mon 07:00-15:00; tue 07:00-15:00' (empty: any time). Empty rules take the defaults.
 * templates.csv: name, length_minutes, earliest_start, latest_start, start_step_minutes, days, cost_per_hour,
 *                min_count_per_day, max_count_per_day, breaks
 *                days: 'mon;tue;wed' (empty: every day). breaks: 'lunch 30 unpaid 180-300; coffee 15 paid 90-150'
 *                (name, minutes, paid or unpaid, window of minutes after the shift starts).
 */
import { parseCsvRecords, unneutraliseFormula } from '../imports/csvRecords.ts'
import { csvCell } from '../format/csv.ts'
import { isWeekday, WEEKDAYS, type Weekday } from './localTime.ts'
import { buildRoster, type Agent, type AvailabilityWindow } from './roster.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'
import { validateShiftTemplates, type BreakRule, type ShiftTemplate } from './shiftTemplates.ts'

/** A problem of one cell (or row) of a set-up file. Row 1 is the header, so data rows start at 2. */
export interface SetupCsvProblem { file: string; row: number; column: string; message: string }

export type SetupCsvResult<T> = { ok: true; rows: T[] } | { ok: false; problems: SetupCsvProblem[] }

export const AGENT_CSV_COLUMNS = ['name', 'contracted_hours_per_week', 'skills', 'availability', 'max_days_per_week', 'min_consecutive_days_off', 'min_rest_hours_between_shifts', 'max_hours_per_week'] as const
export const TEMPLATE_CSV_COLUMNS = ['name', 'length_minutes', 'earliest_start', 'latest_start', 'start_step_minutes', 'days', 'cost_per_hour', 'min_count_per_day', 'max_count_per_day', 'breaks'] as const

/** An agent as the CSV carries it: skills are queue names. */
export type AgentCsvRow = Agent & { skills: string[] }

const AGENT_FIELD_COLUMN: Record<string, string> = {
  name: 'name', contractedHoursPerWeek: 'contracted_hours_per_week', skills: 'skills', availability: 'availability', maxDaysPerWeek: 'max_days_per_week',
  minConsecutiveDaysOff: 'min_consecutive_days_off', minRestHoursBetweenShifts: 'min_rest_hours_between_shifts', maxHoursPerWeek: 'max_hours_per_week',
}
const TEMPLATE_FIELD_COLUMN: Record<string, string> = {
  name: 'name', lengthMinutes: 'length_minutes', earliestStart: 'earliest_start', latestStart: 'latest_start', startStepMinutes: 'start_step_minutes',
  days: 'days', costPerHour: 'cost_per_hour', minCountPerDay: 'min_count_per_day', maxCountPerDay: 'max_count_per_day', breaks: 'breaks',
}

const normalise = (header: string) => header.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')

/** The file's records keyed by normalised header, or the problems of its header. */
function readRecords(text: string, file: string, columns: readonly string[], required: readonly string[]): { records: Record<string, string>[] } | { problems: SetupCsvProblem[] } {
  let rows: string[][]
  const body = text.replace(/^\uFEFF/, '')
  // The delimiter is the header's: a comma, else a tab, else a semicolon (lists inside cells then use '|').
  const headerLine = body.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = headerLine.includes(',') ? ',' : headerLine.includes('\t') ? '\t' : ';'
  try {
    rows = parseCsvRecords(body, { delimiter }).map((cells) => cells.map(unneutraliseFormula))
  } catch (error) {
    return { problems: [{ file, row: Number(/row (\d+)/.exec((error as Error).message)?.[1] ?? 1), column: '', message: `the file is not readable CSV: ${(error as Error).message}` }] }
  }
  if (!rows.length) return { problems: [{ file, row: 1, column: '', message: `the file is empty: the first line must name the columns (${columns.join(', ')})` }] }
  const header = rows[0].map(normalise)
  const problems: SetupCsvProblem[] = []
  for (const name of required) if (!header.includes(name)) problems.push({ file, row: 1, column: name, message: `the column '${name}' is missing (columns: ${columns.join(', ')})` })
  header.forEach((name, i) => { if (!columns.includes(name)) problems.push({ file, row: 1, column: rows[0][i], message: `unknown column '${rows[0][i]}' (columns: ${columns.join(', ')})` }) })
  if (problems.length) return { problems }
  return { records: rows.slice(1).map((cells) => Object.fromEntries(header.map((name, i) => [name, (cells[i] ?? '').trim()]))) }
}

/** A number cell: empty → undefined; not a number → the text itself, so the engine's message quotes what was typed. */
function numberCell(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : value
}

const AVAILABILITY_WINDOW = /^(mon|tue|wed|thu|fri|sat|sun)\w*\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/i

/** 'mon 07:00-15:00; tue 07:00-15:00' → windows, or the message for the part that cannot be read. */
export function parseAvailability(text: string): AvailabilityWindow[] | string {
  const windows: AvailabilityWindow[] = []
  for (const part of text.split(/[;|\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = AVAILABILITY_WINDOW.exec(part)
    if (!m) return `'${part}' is not a window like 'mon 07:00-15:00'`
    windows.push({ day: m[1].toLowerCase() as Weekday, from: m[2].padStart(5, '0'), to: m[3].padStart(5, '0') })
  }
  return windows
}

export function availabilityToText(windows: readonly AvailabilityWindow[] | undefined): string {
  return (windows ?? []).map((w) => `${w.day} ${w.from}-${w.to}`).join('; ')
}

/**
 * Agents from CSV text (see the module doc), checked with the roster's rules; names must be unique in the file.
 * Skills stay queue names: the caller checks they exist.
 */
export function parseAgentsCsv(text: string, file = 'agents.csv'): SetupCsvResult<AgentCsvRow> {
  const read = readRecords(text, file, AGENT_CSV_COLUMNS, ['name', 'contracted_hours_per_week'])
  if ('problems' in read) return { ok: false, problems: read.problems }
  const problems: SetupCsvProblem[] = []
  const rows: AgentCsvRow[] = []
  const seen = new Map<string, number>()
  read.records.forEach((r, k) => {
    const row = k + 2
    const add = (column: string, message: string) => problems.push({ file, row, column, message })
    const agent = { name: r.name ?? '', contractedHoursPerWeek: numberCell(r.contracted_hours_per_week), skills: (r.skills ?? '').split(/[;|]/).map((s) => s.trim()).filter(Boolean) } as AgentCsvRow
    if (r.contracted_hours_per_week === undefined || r.contracted_hours_per_week === '') { add('contracted_hours_per_week', 'give the hours a week in the contract, e.g. 40'); return }
    const availability = parseAvailability(r.availability ?? '')
    if (typeof availability === 'string') add('availability', availability)
    else if (availability.length) agent.availability = availability
    for (const [key, column] of [['maxDaysPerWeek', 'max_days_per_week'], ['minConsecutiveDaysOff', 'min_consecutive_days_off'], ['minRestHoursBetweenShifts', 'min_rest_hours_between_shifts'], ['maxHoursPerWeek', 'max_hours_per_week']] as const) {
      const v = numberCell(r[column])
      if (v !== undefined) (agent as unknown as Record<string, unknown>)[key] = v
    }
    if (seen.has(agent.name)) add('name', `'${agent.name}' is also on row ${seen.get(agent.name)}: names must be unique`)
    seen.set(agent.name, row)
    try {
      buildRoster({ shifts: [] }, [agent])
    } catch (error) {
      if (!(error instanceof ScheduleInputError)) throw error
      for (const issue of error.issues) add(columnOf(issue, AGENT_FIELD_COLUMN), issue.message.replace(/^'[^']*': /, ''))
      return
    }
    rows.push(agent)
  })
  if (!read.records.length) problems.push({ file, row: 2, column: '', message: 'the file has no agents (one per line after the header)' })
  return problems.length ? { ok: false, problems } : { ok: true, rows }
}

function columnOf(issue: ScheduleInputIssue, columns: Record<string, string>): string {
  const own = issue.field.replace(/^agents\[\d+\]\./, '')
  const base = /^(\w+)/.exec(own)?.[1] ?? own
  return columns[base] ?? own
}

const BREAK_TEXT = /^(.*?)\s*(\d+)\s*(?:min(?:utes)?)?\s+(paid|unpaid)\s+(\d+)\s*[-–]\s*(\d+)$/i

/** 'lunch 30 unpaid 180-300; coffee 15 paid 90-150' → break rules, or the message for the part that cannot be read. */
export function parseBreaks(text: string): BreakRule[] | string {
  const breaks: BreakRule[] = []
  for (const part of text.split(/[;|]/).map((p) => p.trim()).filter(Boolean)) {
    const m = BREAK_TEXT.exec(part)
    if (!m) return `'${part}' is not a break like 'lunch 30 unpaid 180-300' (name, minutes, paid or unpaid, window in minutes after the start)`
    breaks.push({ ...(m[1] ? { name: m[1] } : {}), lengthMinutes: Number(m[2]), paid: m[3].toLowerCase() === 'paid', earliestAfterMinutes: Number(m[4]), latestAfterMinutes: Number(m[5]) })
  }
  return breaks
}

export function breaksToText(breaks: readonly BreakRule[] | undefined): string {
  return (breaks ?? []).map((b, i) => `${b.name ?? `break ${i + 1}`} ${b.lengthMinutes} ${b.paid ? 'paid' : 'unpaid'} ${b.earliestAfterMinutes}-${b.latestAfterMinutes}`).join('; ')
}

/** Shift templates from CSV text (see the module doc), checked with the engine's rules; names unique in the file. */
export function parseTemplatesCsv(text: string, file = 'templates.csv'): SetupCsvResult<ShiftTemplate> {
  const read = readRecords(text, file, TEMPLATE_CSV_COLUMNS, ['name', 'length_minutes', 'earliest_start', 'latest_start'])
  if ('problems' in read) return { ok: false, problems: read.problems }
  const problems: SetupCsvProblem[] = []
  const rows: ShiftTemplate[] = []
  const seen = new Map<string, number>()
  read.records.forEach((r, k) => {
    const row = k + 2
    const add = (column: string, message: string) => problems.push({ file, row, column, message })
    // 'mon' or a full name ('monday'); anything else is named as written.
    const dayTexts = (r.days ?? '').split(/[;|\s]+/).map((d) => d.trim()).filter(Boolean)
    const dayOf = (d: string) => { const key = d.toLowerCase().slice(0, 3); return isWeekday(key) && ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].some((full) => full.startsWith(d.toLowerCase()) && d.length >= 3) ? key : null }
    const days = dayTexts.map(dayOf).filter((d): d is Weekday => d !== null)
    const badDay = dayTexts.find((d) => dayOf(d) === null)
    if (badDay) add('days', `unknown day '${badDay}'; use ${WEEKDAYS.join(', ')} separated by ';'`)
    const breaks = parseBreaks(r.breaks ?? '')
    if (typeof breaks === 'string') add('breaks', breaks)
    const max = numberCell(r.max_count_per_day)
    const template = {
      name: r.name ?? '', lengthMinutes: numberCell(r.length_minutes), earliestStart: r.earliest_start ?? '', latestStart: r.latest_start ?? '',
      startStepMinutes: numberCell(r.start_step_minutes) ?? 30, ...(days.length ? { days: days as Weekday[] } : {}), breaks: typeof breaks === 'string' ? [] : breaks,
      costPerHour: numberCell(r.cost_per_hour) ?? 1, minCountPerDay: numberCell(r.min_count_per_day) ?? 0, ...(max === undefined ? {} : { maxCountPerDay: max }),
    } as ShiftTemplate
    if (seen.has(template.name)) add('name', `'${template.name}' is also on row ${seen.get(template.name)}: names must be unique`)
    seen.set(template.name, row)
    if (badDay || typeof breaks === 'string') return
    try {
      validateShiftTemplates([template])
    } catch (error) {
      if (!(error instanceof ScheduleInputError)) throw error
      for (const issue of error.issues) add(columnOf(issue, TEMPLATE_FIELD_COLUMN), issue.message)
      return
    }
    rows.push(template)
  })
  if (!read.records.length) problems.push({ file, row: 2, column: '', message: 'the file has no templates (one per line after the header)' })
  return problems.length ? { ok: false, problems } : { ok: true, rows }
}

/** A CSV cell through the one CSV writer (src/format/csv.ts): quoted when needed, formulas neutralised. */
// Lists inside a cell are ';'-separated: such a cell is quoted too, so the file also reads where ';' is the delimiter.
function cell(value: string | number | undefined): string {
  const written = csvCell(value ?? null, 'number')
  return written.includes(';') && !written.startsWith('"') ? `"${written}"` : written // unquoted output holds no '"'
}

/** Agents as CSV in the format parseAgentsCsv reads (skills as queue names). */
export function agentsToCsv(agents: readonly AgentCsvRow[]): string {
  const lines = [AGENT_CSV_COLUMNS.join(',')]
  for (const a of agents) {
    lines.push([a.name, a.contractedHoursPerWeek, a.skills.join('; '), availabilityToText(a.availability), a.maxDaysPerWeek, a.minConsecutiveDaysOff, a.minRestHoursBetweenShifts, a.maxHoursPerWeek].map(cell).join(','))
  }
  return lines.join('\n') + '\n'
}

/** Shift templates as CSV in the format parseTemplatesCsv reads. */
export function templatesToCsv(templates: readonly ShiftTemplate[]): string {
  const lines = [TEMPLATE_CSV_COLUMNS.join(',')]
  for (const t of templates) {
    lines.push([t.name, t.lengthMinutes, t.earliestStart, t.latestStart, t.startStepMinutes, (t.days ?? []).join('; '), t.costPerHour ?? 1, t.minCountPerDay ?? 0, t.maxCountPerDay, breaksToText(t.breaks)].map(cell).join(','))
  }
  return lines.join('\n') + '\n'
}

/** "agents.csv row 3, column availability: 'monday' is not a window like 'mon 07:00-15:00'" */
export function formatSetupCsvProblem(p: SetupCsvProblem): string {
  return `${p.file} row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}`
}
