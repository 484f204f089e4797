/**
 * The roster model's inputs from the app's own shapes (pure): a stored schedule's shifts as shift groups, and the
 * rostering agents of the setup (roster.ts `Agent`, the greedy roster's rules) as the model's agent specs.
 */
import { localNaiveMsToUtcMs } from '../time/zones.ts'
import { parseClockTime, parseLocalDateTime, WEEKDAYS, type Weekday } from './localTime.ts'
import type { Agent } from './roster.ts'
import type { RosterAgentSpec, RosterRules, RosterShiftGroup } from './rosterModel.ts'
import type { Schedule } from './schedule.ts'

/**
 * One group per scheduled shift (same template, start and breaks, `count` of them), in the schedule's order.
 * `offsetMinutes` (local - UTC) from the queue's time zone, so rest between shifts counts real hours across DST.
 */
export function rosterShiftGroupsOf(schedule: Schedule, timeZone?: string): RosterShiftGroup[] {
  return schedule.shifts.map((s) => {
    const startMinute = parseLocalDateTime(s.start)
    const offsetMinutes = timeZone ? startMinute - localNaiveMsToUtcMs(startMinute * 60_000, timeZone) / 60_000 : 0
    return { name: s.templateName, startMinute, lengthMinutes: s.lengthMinutes, paidMinutes: s.paidMinutes, offsetMinutes, count: s.count, ...(s.queue ? { skill: s.queue } : {}) }
  })
}

/**
 * The setup's agent as a model agent: contract and maximum hours (tolerance = max - contract, so the weekly
 * minimum is contract - tolerance), availability windows per weekday (a weekday without a window: not
 * available, as in the setup), skills, rest, days off per week (7 - maxDaysPerWeek) and the run of consecutive
 * days off each week (the model's exact rule). The setup has no limit on working days in a row beyond these weekly
 * rules, so maxConsecutiveDays is set to the longest run they allow (14 - 2 K: the end of one week and the start
 * of the next), where it never binds.
 */
export function rosterAgentSpecOf(agent: Agent, extra: { timeOff?: string[] } = {}): RosterAgentSpec {
  const maxHours = agent.maxHoursPerWeek ?? agent.contractedHoursPerWeek
  const availability: RosterAgentSpec['availability'] = {}
  if (agent.availability) {
    for (const d of WEEKDAYS) availability[d] = []
    for (const w of agent.availability) availability[w.day as Weekday]!.push([parseClockTime(w.from), parseClockTime(w.to, true)])
  }
  return {
    name: agent.name,
    contractHoursPerWeek: agent.contractedHoursPerWeek,
    toleranceHours: Math.max(0, maxHours - agent.contractedHoursPerWeek),
    availability,
    timeOff: extra.timeOff ?? [],
    skills: agent.skills ?? [],
    minRestHours: agent.minRestHoursBetweenShifts ?? 11,
    minDaysOffPerWeek: 7 - (agent.maxDaysPerWeek ?? 5),
    minConsecutiveDaysOff: agent.minConsecutiveDaysOff ?? 2,
    maxConsecutiveDays: (agent.minConsecutiveDaysOff ?? 2) > 0 ? Math.max(1, 14 - 2 * (agent.minConsecutiveDaysOff ?? 2)) : 366,
    avoidDays: [],
  }
}

/** The rules of the app's rosters until a queue has its own: ISO weeks (Monday first), Saturday-Sunday weekend. */
export const DEFAULT_ROSTER_RULES: RosterRules = { weekStartsOn: 'mon', weekendDays: ['sat', 'sun'], minRestHours: 11, maxConsecutiveDays: 6 }
