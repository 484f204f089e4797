import { describe, expect, it } from 'vitest'
import { bankAgents, bankRosterRules, bankSchedule, shiftGroupsOf } from '../../src/bench/rosterFixture.ts'
import { runHighs } from '../../src/scheduling/highsRunner.ts'
import { mipModelToLpText } from '../../src/scheduling/mipModel.ts'
import { buildRoster, type Agent } from '../../src/scheduling/roster.ts'
import { buildRosterModel, solveRoster } from '../../src/scheduling/rosterModel.ts'
import { DAY_NAMES, preferenceScore, violationsOf } from './rosterChecker.ts'

describe('roster by optimisation', () => {
  it('still names agents, keeping every hard rule, when the LP relaxation does not finish in its share of the time', async () => {
    // An empty roster keeps every rule, so there is always one: a limit far too short for the LP (about 0.6 ms)
    // sends the solver to the rounding without LP values and the local search.
    const schedule = await bankSchedule()
    const groups = shiftGroupsOf(schedule)
    const agents = bankAgents(60)
    const result = await solveRoster(groups, agents, bankRosterRules, { timeLimitSeconds: 0.001 })
    expect(result.status).toBe('feasible')
    expect(result.solverStatus).toMatch(/construction/)
    expect(result.assignments.length).toBeGreaterThan(groups.reduce((s, g) => s + g.count, 0) / 2)
    expect(violationsOf(groups, agents, bankRosterRules, result.assignments)).toEqual([])
    expect(result.gap).toBeGreaterThan(0) // no bound proven: nothing claimed
  }, 120_000)

  it('names 60 agents on the four-week 1999 bank schedule with no hard rule broken, every shift worked or reported, beside the greedy roster', async () => {
    const schedule = await bankSchedule()
    const groups = shiftGroupsOf(schedule)
    const agents = bankAgents(60)
    const instances = groups.reduce((s, g) => s + g.count, 0)
    const result = await solveRoster(groups, agents, bankRosterRules, { timeLimitSeconds: 20, mipRelativeGap: 0.01 })
    expect(result.status).not.toBe('noSolution')
    expect(violationsOf(groups, agents, bankRosterRules, result.assignments)).toEqual([])
    // never silently dropped: every instance is assigned once or reported with a reason
    expect(result.assignments.length + result.unassigned.length).toBe(instances)
    expect(new Set([...result.assignments, ...result.unassigned].map((x) => `${x.group}#${x.instance}`)).size).toBe(instances)
    for (const u of result.unassigned) expect(u.reason).toMatch(/^no agent can take it: .+ \(\d+ agents?\)/)
    // the unassigned hours against the LP bound on them (the relaxation with only the unassigned hours as cost)
    const model = buildRosterModel(groups, agents, bankRosterRules)
    for (const v of model.mip.variables) if (!v.name.startsWith('u')) v.cost = 0
    const lp = await runHighs(mipModelToLpText(model.mip), { timeLimitSeconds: 60, relaxIntegrality: true })
    const unassignedBoundHours = lp.objective / 1000
    expect(result.unassignedShiftHours).toBeGreaterThanOrEqual(unassignedBoundHours - 1e-6)
    expect(result.objective).toBeGreaterThanOrEqual(result.dualBound - 1e-6)
    expect(preferenceScore(groups, agents, result.assignments)).toBe(result.preferencePenalty)

    // the greedy roster (roster.ts) on the same shifts and agents: ISO weeks, no time off, its own days-off rule
    const greedyAgents: Agent[] = agents.map((a) => ({
      name: a.name, contractedHoursPerWeek: a.contractHoursPerWeek, maxHoursPerWeek: a.contractHoursPerWeek + a.toleranceHours,
      maxDaysPerWeek: 5, minConsecutiveDaysOff: 1, minRestHoursBetweenShifts: 11,
      availability: Object.keys(a.availability).length === 0 ? undefined : DAY_NAMES.flatMap((d) => (a.availability[d] ?? [[0, 1440]]).map(([from, to]) => ({ day: d, from: `${String(Math.floor(from / 60)).padStart(2, '0')}:${String(from % 60).padStart(2, '0')}`, to: `${String(Math.floor(to / 60)).padStart(2, '0')}:${String(to % 60).padStart(2, '0')}` }))),
    }))
    const greedy = buildRoster(schedule, greedyAgents, { undesirable: { days: ['fri', 'sat'] } })
    const groupOf = new Map(groups.map((g, i) => [`${g.name}@${new Date(g.startMinute * 60_000).toISOString().slice(0, 16)}`, i]))
    const greedyAssignments = greedy.assignments.map((x) => ({ agent: x.agent, group: groupOf.get(`${x.shift.templateName}@${x.shift.start}`)! }))
    const greedyUnassignedHours = greedy.unassigned.reduce((s, u) => s + u.shift.lengthMinutes, 0) / 60
    const greedyBroken = violationsOf(groups, agents, bankRosterRules, greedyAssignments).length
    console.log(`roster 4 weeks x 60 agents, ${instances} shifts: optimiser unassigned ${result.unassignedShiftHours} h (LP bound ${unassignedBoundHours.toFixed(2)} h), preference score ${result.preferencePenalty}, below contract ${result.underContractHours.toFixed(1)} h, gap ${(result.gap * 100).toFixed(1)}% (${result.solverStatus}, ${(result.elapsedMs / 1000).toFixed(1)} s); greedy unassigned ${greedyUnassignedHours} h, preference score ${preferenceScore(groups, agents, greedyAssignments)}, ${greedyBroken} rules of this roster broken (time off, Sun-first weeks)`)
    expect(result.unassignedShiftHours).toBeLessThanOrEqual(greedyUnassignedHours)
  }, 180_000)
})
