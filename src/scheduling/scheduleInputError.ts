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
