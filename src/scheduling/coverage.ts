/**
 * Coverage: requirement vs scheduled agents per interval, net of breaks, with over- and under-cover and totals
 * in agent-hours. Pure: call it again after any manual edit of the schedule to see the new coverage.
 */
import { parseLocalDateTime } from './localTime.ts'
import { validateRequirement, type Requirement, type ValidRequirement } from './requirement.ts'
import { validateSchedule, type Schedule } from './schedule.ts'
import { intervalGridOf, spanCoverage } from './shiftCoverage.ts'

export interface IntervalCoverage {
  /** Local start 'YYYY-MM-DDTHH:MM'. */
  start: string
  agentsRequired: number
  /** Agents on shift, breaks included. */
  agentsOnShift: number
  /** Agents on shift and not on a break: the cover the queue gets. */
  agentsScheduled: number
  /** max(0, scheduled - required). */
  overCover: number
  /** max(0, required - scheduled). */
  underCover: number
}

export interface CoverageTotals {
  requiredAgentHours: number
  /** Agent-hours on the queue inside the requirement's intervals, net of breaks. */
  scheduledAgentHours: number
  /** Paid agent-hours of all shifts in the schedule (unpaid breaks excluded). */
  paidAgentHours: number
  overCoverAgentHours: number
  underCoverAgentHours: number
  /** Sum of under-cover over intervals, in agent-intervals. */
  shortAgentIntervals: number
  /** Sum of over-cover over intervals, in agent-intervals. */
  overAgentIntervals: number
  /** Number of intervals with any under-cover. */
  intervalsShort: number
}

export interface CoverageReport {
  intervalMinutes: number
  intervals: IntervalCoverage[]
  totals: CoverageTotals
}

/** Rounds away floating-point noise from sums of fractions (1e-9 agents). */
function clean(value: number): number {
  const rounded = Math.round(value * 1e9) / 1e9
  return rounded === 0 ? 0 : rounded
}

/** Coverage against an already validated requirement (see computeCoverage). */
export function computeCoverageValid(requirement: ValidRequirement, schedule: Schedule): CoverageReport {
  const grid = intervalGridOf(requirement)
  const n = requirement.startMinutes.length
  const onShift = new Array<number>(n).fill(0)
  const scheduled = new Array<number>(n).fill(0)
  let paidMinutes = 0
  for (const shift of schedule.shifts) {
    if (shift.count === 0) continue
    const startMinute = parseLocalDateTime(shift.start)
    paidMinutes += shift.count * shift.paidMinutes
    const gross = spanCoverage(grid, startMinute, startMinute + shift.lengthMinutes)
    gross.indices.forEach((t, k) => { onShift[t] += shift.count * gross.values[k]; scheduled[t] += shift.count * gross.values[k] })
    for (const b of shift.breaks) {
      const away = spanCoverage(grid, startMinute + b.offsetMinutes, startMinute + b.offsetMinutes + b.lengthMinutes)
      away.indices.forEach((t, k) => { scheduled[t] -= b.count * away.values[k] })
    }
  }
  const hoursPerInterval = requirement.intervalMinutes / 60
  const intervals: IntervalCoverage[] = requirement.startMinutes.map((_, t) => {
    const agentsRequired = requirement.agentsRequired[t]
    const agentsScheduled = clean(scheduled[t])
    return {
      start: requirement.starts[t],
      agentsRequired,
      agentsOnShift: clean(onShift[t]),
      agentsScheduled,
      overCover: clean(Math.max(0, agentsScheduled - agentsRequired)),
      underCover: clean(Math.max(0, agentsRequired - agentsScheduled)),
    }
  })
  const sum = (f: (c: IntervalCoverage) => number) => clean(intervals.reduce((s, c) => s + f(c), 0))
  return {
    intervalMinutes: requirement.intervalMinutes,
    intervals,
    totals: {
      requiredAgentHours: clean(sum((c) => c.agentsRequired) * hoursPerInterval),
      scheduledAgentHours: clean(sum((c) => c.agentsScheduled) * hoursPerInterval),
      paidAgentHours: clean(paidMinutes / 60),
      overCoverAgentHours: clean(sum((c) => c.overCover) * hoursPerInterval),
      underCoverAgentHours: clean(sum((c) => c.underCover) * hoursPerInterval),
      shortAgentIntervals: sum((c) => c.underCover),
      overAgentIntervals: sum((c) => c.overCover),
      intervalsShort: intervals.filter((c) => c.underCover > 0).length,
    },
  }
}

/**
 * Requirement vs scheduled agents (net of breaks) per interval, and totals.
 * @throws ScheduleInputError when the requirement or the schedule is invalid
 * @example one 8-h shift from 08:00 with a 30-min break at 12:00, against 1 agent required 08:00-16:00 on a
 *   30-min grid: 15 intervals covered, 12:00 short by 1, paid 8 h (paid break) -> see tests/scheduling/coverage.test.ts
 */
export function computeCoverage(requirement: Requirement, schedule: Schedule): CoverageReport {
  const valid = validateRequirement(requirement)
  validateSchedule(schedule)
  return computeCoverageValid(valid, schedule)
}

