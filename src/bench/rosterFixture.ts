/**
 * A real-sized roster instance: the shifts of the four-week Anonymous Bank schedule (bankRequirement.ts, solved
 * within 1% by the schedule solver) and 60 agents with mixed contracts, availability, time off and preferences,
 * under the Israeli week (Sunday first, Friday-Saturday weekend; the bank's hours are Israeli). Shared by the
 * roster benchmark and tests/scheduling/rosterModel.test.ts.
 */
import type { RosterAgentSpec, RosterRules, RosterShiftGroup } from '../scheduling/rosterModel.ts'
import { formatLocalDateTime, parseLocalDateTime, WEEKDAYS } from '../scheduling/localTime.ts'
import { buildRoster, type Agent } from '../scheduling/roster.ts'
import type { Schedule } from '../scheduling/schedule.ts'
import { solveSchedule } from '../scheduling/solve.ts'
import { benchOpeningHours, benchRequirement, benchTemplates } from './bankRequirement.ts'

export const bankRosterRules: RosterRules = { weekStartsOn: 'sun', weekendDays: ['fri', 'sat'], minRestHours: 11, maxConsecutiveDays: 5, minDaysOffPerWeek: 1 }

/** The four-week schedule of the benchmark (shift counts by template and start). */
export async function bankSchedule(): Promise<Schedule> {
  const result = await solveSchedule({ intervalMinutes: 30, intervals: benchRequirement() }, benchTemplates, { openingHours: benchOpeningHours, timeLimitSeconds: 60, mipRelativeGap: 0.01 })
  if (result.status !== 'optimal' && result.status !== 'feasible') throw new Error(`the bank schedule did not solve: ${result.status}`)
  return result.schedule
}

/** A schedule's shifts as roster groups; Israel's winter offset (+02:00) for October 1999 after DST ended. */
export function shiftGroupsOf(schedule: Schedule): RosterShiftGroup[] {
  return schedule.shifts.map((s) => ({ name: s.templateName, startMinute: parseLocalDateTime(s.start), lengthMinutes: s.lengthMinutes, paidMinutes: s.paidMinutes, offsetMinutes: 120, count: s.count }))
}

/**
 * `count` agents, deterministic: contracts 20/16/12/8 h a week with 25% tolerance; every fifth works mornings
 * only (07:00-17:00), every fifth from the second keeps the Sabbath (no Friday or Saturday), every seventh from
 * the third works afternoons and evenings (12:00-24:00); every sixth has two days off in October 1999; a third
 * prefer early, a third late; a quarter avoid Saturday and a quarter Sunday.
 */
export function bankAgents(count = 60): RosterAgentSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const contract = [20, 16, 12, 8][i % 4]
    const availability: RosterAgentSpec['availability'] = {}
    if (i % 5 === 0) for (const d of WEEKDAYS) availability[d] = [[420, 1020]]
    else if (i % 5 === 1) { availability.fri = []; availability.sat = [] }
    else if (i % 7 === 2) for (const d of WEEKDAYS) availability[d] = [[720, 1440]]
    return {
      name: `agent${String(i + 1).padStart(2, '0')}`,
      contractHoursPerWeek: contract,
      toleranceHours: contract / 4,
      availability,
      timeOff: i % 6 === 0 ? [`1999-10-${String(5 + (i % 20)).padStart(2, '0')}`, `1999-10-${String(6 + (i % 20)).padStart(2, '0')}`] : [],
      skills: [],
      prefer: i % 3 === 0 ? 'early' : i % 3 === 1 ? 'late' : undefined,
      avoidDays: i % 4 === 0 ? ['sat'] : i % 4 === 1 ? ['sun'] : [],
    }
  })
}

/**
 * The greedy roster (src/scheduling/roster.ts) on the same shifts and agents, for comparison: it knows ISO weeks,
 * no time off and its own days-off rule (at most 5 days, one day off in a row each week), so it can break rules of
 * this instance. Returns its assignments as (agent, group) pairs and its unassigned hours.
 */
export function greedyBankRoster(schedule: Schedule, groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[]): { assignments: { agent: string; group: number; instance: number }[]; unassignedShiftHours: number } {
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  const greedyAgents: Agent[] = agents.map((a) => ({
    name: a.name, contractedHoursPerWeek: a.contractHoursPerWeek, maxHoursPerWeek: a.contractHoursPerWeek + a.toleranceHours,
    maxDaysPerWeek: 5, minConsecutiveDaysOff: 1, minRestHoursBetweenShifts: 11,
    availability: Object.keys(a.availability).length === 0 ? undefined : WEEKDAYS.flatMap((d) => (a.availability[d] ?? [[0, 1440]]).map(([from, to]) => ({ day: d, from: clock(from), to: clock(to) }))),
  }))
  const greedy = buildRoster(schedule, greedyAgents, { undesirable: { days: ['fri', 'sat'] } })
  const groupOf = new Map(groups.map((g, i) => [`${g.name}@${formatLocalDateTime(g.startMinute)}`, i]))
  const seen = new Map<number, number>()
  const assignments = greedy.assignments.map((x) => {
    const group = groupOf.get(`${x.shift.templateName}@${x.shift.start}`)!
    seen.set(group, (seen.get(group) ?? 0) + 1)
    return { agent: x.agent, group, instance: seen.get(group)! - 1 }
  })
  return { assignments, unassignedShiftHours: greedy.unassigned.reduce((s, u) => s + u.shift.lengthMinutes, 0) / 60 }
}
