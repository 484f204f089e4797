/** One problem found in scheduling input: which template (or input part), which field, and what is wrong. */
export interface ScheduleInputIssue {
  /** Template name, or an input part in parentheses such as '(requirement)', '(opening hours)', '(agents)'. */
  template: string
  /** The field at fault, in the domain's camelCase names (e.g. 'lengthMinutes', 'breaks[0].latestAfterMinutes'). */
  field: string
  message: string
}

/**
 * Thrown by the scheduling module when its input is invalid or contradictory (zero-length shifts, a break window
 * outside its shift, opening hours no template can cover, ...). Carries every issue found, not only the first,
 * so a form can show them all; nothing has been solved or saved when it is thrown.
 */
export class ScheduleInputError extends Error {
  readonly issues: readonly ScheduleInputIssue[]

  constructor(issues: ScheduleInputIssue[]) {
    super(issues.map(formatScheduleInputIssue).join('\n'))
    this.name = 'ScheduleInputError'
    this.issues = issues.map((issue) => ({ ...issue }))
  }
}

/** "template '8h', field lengthMinutes: must be a positive whole number of minutes, got 0" */
export function formatScheduleInputIssue(issue: ScheduleInputIssue): string {
  const where = issue.template.startsWith('(') ? issue.template : `template '${issue.template}'`
  return `${where}, field ${issue.field}: ${issue.message}`
}

/** Throws a ScheduleInputError when `issues` is not empty. */
export function throwIfIssues(issues: ScheduleInputIssue[]): void {
  if (issues.length > 0) throw new ScheduleInputError(issues)
}

/** The form's words for the engine's fields of a shift template or an agent (as the schedules page labels them). */
const FIELD_WORDS: Record<string, string> = {
  name: 'name', lengthMinutes: 'length (minutes)', earliestStart: 'earliest start', latestStart: 'latest start', startStepMinutes: 'start every (minutes)',
  days: 'days', costPerHour: 'cost per paid hour', minCountPerDay: 'at least per day', maxCountPerDay: 'at most per day', openingHours: 'opening hours',
  breaks: 'breaks', contractedHoursPerWeek: 'contracted hours a week', maxHoursPerWeek: 'at most hours a week', maxDaysPerWeek: 'working days a week at most',
  minConsecutiveDaysOff: 'consecutive days off at least', minRestHoursBetweenShifts: 'rest between shifts (hours)', skills: 'skills', availability: 'availability',
}
const BREAK_WORDS: Record<string, string> = { lengthMinutes: 'minutes', earliestAfterMinutes: 'from (minutes in)', latestAfterMinutes: 'to (minutes in)', name: 'name', paid: 'paid' }

/**
 * A field in the words of the schedules page: 'latestStart' → 'latest start', 'breaks[0].latestAfterMinutes' →
 * 'break 1 to (minutes in)', 'agents[2].availability[0]' → 'availability line 1'. Unknown fields are kept as they are.
 */
export function fieldInWords(field: string): string {
  const own = field.replace(/^agents\[\d+\]\./, '')
  const breakField = /^breaks\[(\d+)\](?:\.(\w+))?$/.exec(own)
  if (breakField) return `break ${Number(breakField[1]) + 1}${breakField[2] ? ` ${BREAK_WORDS[breakField[2]] ?? breakField[2]}` : ''}`
  const line = /^availability\[(\d+)\](?:\.\w+)?$/.exec(own)
  if (line) return `availability line ${Number(line[1]) + 1}`
  return FIELD_WORDS[own] ?? own
}

/** "shift template '8h', latest start: …" or "agent 'Ana', contracted hours a week: …": for people, not code. */
export function formatScheduleInputIssueInWords(issue: ScheduleInputIssue): string {
  if (issue.template === '(agents)') {
    const named = /^'([^']*)': ([\s\S]*)$/.exec(issue.message)
    return named ? `agent '${named[1]}', ${fieldInWords(issue.field)}: ${named[2]}` : `agent, ${fieldInWords(issue.field)}: ${issue.message}`
  }
  const where = issue.template.startsWith('(') ? issue.template.slice(1, -1) : `shift template '${issue.template}'`
  return `${where}, ${fieldInWords(issue.field)}: ${issue.message}`
}

/**
 * The ScheduleInputError behind an error that crossed a worker thread (it arrives as an Error named
 * 'ScheduleInputError' carrying `issues`), or the error itself.
 */
export function asScheduleInputError(error: unknown): unknown {
  const issues = (error as { issues?: ScheduleInputIssue[] } | null)?.issues
  if (error instanceof Error && !(error instanceof ScheduleInputError) && error.name === 'ScheduleInputError' && Array.isArray(issues)) return new ScheduleInputError(issues)
  return error
}
