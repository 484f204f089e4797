/**
 * The tests' own check of a roster (not the model's): used by the roster optimiser and re-roster tests.
 */
import type { RosterAgentSpec, RosterRules, RosterShiftGroup } from '../../src/scheduling/rosterModel.ts'

export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/**
 * The test's own check of a roster, written from the rules (not from the model): each agent's shifts as real
 * intervals, minute by minute for availability, with Date for weekdays and dates.
 */
export function violationsOf(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], rules: RosterRules, assignments: { agent: string; group: number }[]): string[] {
  const found: string[] = []
  const wall = (minute: number) => new Date(minute * 60_000) // local wall clock read through UTC getters
  const dayKey = (minute: number) => wall(minute).toISOString().slice(0, 10)
  const dayNumber = (minute: number) => Math.floor(minute / 1440)
  const firstDay = Math.min(...groups.map((g) => dayNumber(g.startMinute))), lastDay = Math.max(...groups.map((g) => dayNumber(g.startMinute)))
  for (const agent of agents) {
    const mine = assignments.filter((x) => x.agent === agent.name).map((x) => groups[x.group]).sort((p, q) => p.startMinute - q.startMinute)
    for (const g of mine) {
      if (g.skill && !agent.skills.includes(g.skill)) found.push(`${agent.name} lacks ${g.skill}`)
      for (let m = g.startMinute; m < g.startMinute + g.lengthMinutes; m++) {
        if (agent.timeOff.includes(dayKey(m))) { found.push(`${agent.name} works on time off ${dayKey(m)}`); break }
        const windows = agent.availability[DAY_NAMES[wall(m).getUTCDay()]]
        const clock = wall(m).getUTCHours() * 60 + wall(m).getUTCMinutes()
        if (windows && !windows.some(([a, b]) => clock >= a && clock < b)) { found.push(`${agent.name} unavailable at ${wall(m).toISOString()}`); break }
      }
    }
    const restMinutes = (agent.minRestHours ?? rules.minRestHours) * 60
    for (let i = 0; i < mine.length; i++) for (let j = i + 1; j < mine.length; j++) {
      const [p, q] = [mine[i], mine[j]]
      if (dayKey(p.startMinute) === dayKey(q.startMinute)) found.push(`${agent.name} twice on ${dayKey(p.startMinute)}`)
      const pEnd = p.startMinute - p.offsetMinutes + p.lengthMinutes, qStart = q.startMinute - q.offsetMinutes
      if (qStart < pEnd + restMinutes) found.push(`${agent.name} rests ${(qStart - pEnd) / 60} h before ${wall(q.startMinute).toISOString()}`)
    }
    const worked = new Set(mine.map((g) => dayNumber(g.startMinute)))
    const maxRun = agent.maxConsecutiveDays ?? rules.maxConsecutiveDays
    for (const d of worked) {
      let run = 1
      while (worked.has(d + run)) run++
      if (run > maxRun) found.push(`${agent.name} works ${run} days in a row from day ${d}`)
    }
    const startIndex = DAY_NAMES.indexOf(rules.weekStartsOn)
    const weekOf = (minute: number) => dayNumber(minute) - ((wall(minute).getUTCDay() - startIndex + 7) % 7)
    for (const week of new Set(mine.map((g) => weekOf(g.startMinute)))) {
      const inWeek = mine.filter((g) => weekOf(g.startMinute) === week)
      const paidHours = inWeek.reduce((s, g) => s + g.paidMinutes, 0) / 60
      if (paidHours > agent.contractHoursPerWeek + agent.toleranceHours + 1e-9) found.push(`${agent.name} works ${paidHours} h in week ${week}`)
      const daysInHorizon = Math.min(week + 6, lastDay) - Math.max(week, firstDay) + 1
      const daysOffNeeded = Math.round((agent.minDaysOffPerWeek ?? rules.minDaysOffPerWeek ?? 0) * daysInHorizon / 7)
      if (daysInHorizon - new Set(inWeek.map((g) => dayNumber(g.startMinute))).size < daysOffNeeded) found.push(`${agent.name} lacks days off in week ${week}`)
      // the run of days off in a row inside the week (days outside the roster's dates are off)
      const runNeeded = agent.minConsecutiveDaysOff ?? rules.minConsecutiveDaysOff ?? 0
      const offFlags = Array.from({ length: 7 }, (_, k) => !inWeek.some((g) => dayNumber(g.startMinute) === week + k))
      const longestOff = offFlags.reduce((acc, off) => { const run = off ? acc.run + 1 : 0; return { run, best: Math.max(acc.best, run) } }, { run: 0, best: 0 }).best
      if (longestOff < runNeeded) found.push(`${agent.name} has ${longestOff} days off in a row in week ${week}, needs ${runNeeded}`)
    }
  }
  return found
}

/** Shifts against a preference, counted the test's way (late = starts at 12:00 or later). */
export function preferenceScore(groups: readonly RosterShiftGroup[], agents: readonly RosterAgentSpec[], assignments: { agent: string; group: number }[]): number {
  return assignments.reduce((sum, x) => {
    const agent = agents.find((a) => a.name === x.agent)!, g = groups[x.group]
    const late = (g.startMinute % 1440) >= 720
    return sum + (agent.prefer && (agent.prefer === 'late') !== late ? 1 : 0) + (agent.avoidDays.includes(DAY_NAMES[new Date(g.startMinute * 60_000).getUTCDay()]) ? 1 : 0)
  }, 0)
}
