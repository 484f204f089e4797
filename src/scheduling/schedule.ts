/**
 * A schedule as plain data: how many shifts of which template start when, and where their breaks go.
 * This is what the solver returns, what a manual edit changes, what coverage and rostering read, and what the
 * database stores. Local times are 'YYYY-MM-DDTHH:MM' strings without a zone.
 */
import { parseLocalDateTime } from './localTime.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'

export interface ScheduledBreak {
  /** Index of the break in its template's breaks list. */
  breakIndex: number
  name: string
  /** Minutes after the shift start. */
  offsetMinutes: number
  lengthMinutes: number
  paid: boolean
  /** How many of the group's shifts take this break at this offset. */
  count: number
}

export interface ScheduledShift {
  templateName: string
  /** Local start 'YYYY-MM-DDTHH:MM'. */
  start: string
  lengthMinutes: number
  /** Length minus unpaid breaks, per shift. */
  paidMinutes: number
  /** Skill (queue) the shift needs, from its template. */
  queue?: string
  /** Number of identical shifts (agents) starting at this time. */
  count: number
  /** For each break of the template, the placements; the counts of one breakIndex add up to `count`. */
  breaks: ScheduledBreak[]
}

export interface Schedule {
  shifts: ScheduledShift[]
}

/** Orders shifts by start, then template name (the CLI's output order). */
export function compareScheduledShifts(a: Pick<ScheduledShift, 'start' | 'templateName'>, b: Pick<ScheduledShift, 'start' | 'templateName'>): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1
  return a.templateName < b.templateName ? -1 : a.templateName > b.templateName ? 1 : 0
}

/** Paid agent-hours of a schedule: sum of count x paid minutes / 60. */
export function paidAgentHours(schedule: Schedule): number {
  return schedule.shifts.reduce((sum, s) => sum + (s.count * s.paidMinutes) / 60, 0)
}

/**
 * Checks a schedule (e.g. after a manual edit or when read back from storage): valid starts, positive lengths,
 * whole non-negative counts, breaks inside their shift, break counts adding up to the shift count.
 * @throws ScheduleInputError naming the shift (template and start)
 */
export function validateSchedule(schedule: Schedule): void {
  const issues: ScheduleInputIssue[] = []
  if (!schedule || !Array.isArray(schedule.shifts)) throw new ScheduleInputError([{ template: '(schedule)', field: 'shifts', message: 'must be a list of shifts' }])
  schedule.shifts.forEach((shift, i) => {
    const template = typeof shift?.templateName === 'string' && shift.templateName ? shift.templateName : `(shift ${i + 1})`
    const at = `shifts[${i}]`
    try { parseLocalDateTime(shift.start) } catch (error) { issues.push({ template, field: `${at}.start`, message: (error as Error).message }) }
    if (!Number.isInteger(shift.lengthMinutes) || shift.lengthMinutes <= 0) issues.push({ template, field: `${at}.lengthMinutes`, message: `must be a positive whole number of minutes, got ${JSON.stringify(shift.lengthMinutes)}` })
    if (!Number.isInteger(shift.count) || shift.count < 0) issues.push({ template, field: `${at}.count`, message: `must be a whole number >= 0, got ${JSON.stringify(shift.count)}` })
    if (!(shift.paidMinutes >= 0 && shift.paidMinutes <= shift.lengthMinutes)) issues.push({ template, field: `${at}.paidMinutes`, message: `must be between 0 and the shift length, got ${JSON.stringify(shift.paidMinutes)}` })
    if (!Array.isArray(shift.breaks)) { issues.push({ template, field: `${at}.breaks`, message: 'must be a list' }); return }
    const countPerBreak = new Map<number, number>()
    shift.breaks.forEach((b, k) => {
      if (!(b.offsetMinutes >= 0) || !(b.lengthMinutes > 0) || b.offsetMinutes + b.lengthMinutes > shift.lengthMinutes) {
        issues.push({ template, field: `${at}.breaks[${k}]`, message: `the break (${b.offsetMinutes} min in, ${b.lengthMinutes} min long) is not inside the ${shift.lengthMinutes}-min shift starting ${shift.start}` })
      }
      countPerBreak.set(b.breakIndex, (countPerBreak.get(b.breakIndex) ?? 0) + b.count)
    })
    for (const [breakIndex, total] of countPerBreak) {
      if (total !== shift.count) issues.push({ template, field: `${at}.breaks`, message: `break ${breakIndex} is placed for ${total} of the ${shift.count} shifts starting ${shift.start}` })
    }
  })
  if (issues.length) throw new ScheduleInputError(issues)
}
