/**
 * The staffing requirement to schedule against: agents required per interval, local start times, one fixed
 * interval length, possibly several days. Intervals not listed are not part of the requirement (nothing is
 * required there and cover there counts for nothing), so a file may leave out closed hours.
 */
import { formatLocalDateTime, parseLocalDateTime } from './localTime.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'

export interface RequirementInterval {
  /** Local start 'YYYY-MM-DDTHH:MM'. */
  start: string
  /** Agents required on the queue during the interval; may be fractional (coverage must be >= it). */
  agentsRequired: number
}

export interface Requirement {
  intervalMinutes: number
  intervals: RequirementInterval[]
}

/** A checked requirement with start times as local minutes, sorted. */
export interface ValidRequirement {
  intervalMinutes: number
  startMinutes: number[]
  agentsRequired: number[]
  /** The input's start strings, in the same sorted order. */
  starts: string[]
}

/**
 * Checks a requirement: a positive whole interval length that divides a day, valid distinct start times on one
 * grid (all starts a whole number of intervals apart), finite non-negative requirements.
 * @throws ScheduleInputError (template '(requirement)') naming the interval index and start
 */
export function validateRequirement(requirement: Requirement): ValidRequirement {
  const issues: ScheduleInputIssue[] = []
  const where = '(requirement)'
  const { intervalMinutes, intervals } = requirement ?? ({} as Requirement)
  if (!Number.isInteger(intervalMinutes) || intervalMinutes <= 0 || (24 * 60) % intervalMinutes !== 0) {
    issues.push({ template: where, field: 'intervalMinutes', message: `must be a whole number of minutes that divides a day (e.g. 15, 30, 60), got ${JSON.stringify(intervalMinutes)}` })
  }
  if (!Array.isArray(intervals) || intervals.length === 0) {
    issues.push({ template: where, field: 'intervals', message: 'at least one interval is needed' })
  }
  if (issues.length) throw new ScheduleInputError(issues)
  const parsed: { startMinute: number; start: string; agentsRequired: number }[] = []
  intervals.forEach((interval, index) => {
    let startMinute: number
    try { startMinute = parseLocalDateTime(interval.start) } catch (error) {
      issues.push({ template: where, field: `intervals[${index}].start`, message: (error as Error).message })
      return
    }
    const value = interval.agentsRequired
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      issues.push({ template: where, field: `intervals[${index}].agentsRequired`, message: `must be a finite number >= 0, got ${JSON.stringify(value)} at ${interval.start}` })
      return
    }
    parsed.push({ startMinute, start: formatLocalDateTime(startMinute), agentsRequired: value })
  })
  if (issues.length) throw new ScheduleInputError(issues)
  parsed.sort((a, b) => a.startMinute - b.startMinute)
  for (let i = 1; i < parsed.length; i++) {
    const gap = parsed[i].startMinute - parsed[i - 1].startMinute
    if (gap === 0) issues.push({ template: where, field: 'intervals', message: `the interval starting ${parsed[i].start} is listed twice` })
    else if (gap % intervalMinutes !== 0) {
      issues.push({ template: where, field: 'intervals', message: `${parsed[i].start} is not on the ${intervalMinutes}-min grid of ${parsed[0].start}` })
    }
  }
  if (issues.length) throw new ScheduleInputError(issues)
  return {
    intervalMinutes,
    startMinutes: parsed.map((p) => p.startMinute),
    agentsRequired: parsed.map((p) => p.agentsRequired),
    starts: parsed.map((p) => p.start),
  }
}

/**
 * The interval length implied by a list of starts: the smallest gap between consecutive distinct starts.
 * @throws RangeError when fewer than two distinct starts are given
 */
export function inferIntervalMinutes(starts: readonly string[]): number {
  const minutes = [...new Set(starts.map(parseLocalDateTime))].sort((a, b) => a - b)
  if (minutes.length < 2) throw new RangeError(`starts: at least two distinct interval starts are needed to infer the interval length, got ${minutes.length}`)
  let smallest = Infinity
  for (let i = 1; i < minutes.length; i++) smallest = Math.min(smallest, minutes[i] - minutes[i - 1])
  return smallest
}
