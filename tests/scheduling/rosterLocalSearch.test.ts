import { describe, expect, it } from 'vitest'
import { buildRosterModel, hardViolations, type RosterAgentSpec, type RosterRules, type RosterShiftGroup } from '../../src/scheduling/rosterModel.ts'
import { improveRosterLocally } from '../../src/scheduling/rosterLocalSearch.ts'
import { parseLocalDateTime } from '../../src/scheduling/localTime.ts'

// 2024-03-04 is a Monday: Monday 8.5 h paid, Tuesday 6 h, Wednesday 8.5 h, Sunday 4 h (09:00 starts; the Sunday
// makes the week whole, so its minimum hours count)
const groups: RosterShiftGroup[] = [['2024-03-04', 540, 510], ['2024-03-05', 360, 360], ['2024-03-06', 540, 510], ['2024-03-10', 240, 240]]
  .map(([d, length, paid]) => ({ name: 's', startMinute: parseLocalDateTime(`${d}T09:00`), lengthMinutes: length as number, paidMinutes: paid as number, offsetMinutes: 60, count: 1 }))
const rules: RosterRules = { weekStartsOn: 'mon', weekendDays: ['sat', 'sun'], minRestHours: 11, maxConsecutiveDays: 5 }
const agent = (name: string, contract: number, tolerance: number): RosterAgentSpec => ({ name, contractHoursPerWeek: contract, toleranceHours: tolerance, availability: {}, timeOff: [], skills: [], avoidDays: [] })
// Ana: 15-25 h; Ben: 6-18 h
const agents = [agent('Ana', 20, 5), agent('Ben', 12, 6)]

describe('roster local search', () => {
  it('swaps Ana\'s 6-h shift for Ben\'s 8.5-h one: Ana was half an hour below her minimum (50), after it nobody is (0)', () => {
    const model = buildRosterModel(groups, agents, rules)
    const values = new Float64Array(model.mip.variables.length)
    const varOf = new Map([...model.pairs].map(([v, [a, g]]) => [`${a}:${g}`, v]))
    for (const key of ['0:0', '0:1', '1:2', '1:3']) values[varOf.get(key)!] = 1 // Ana Mon + Tue = 14.5 h, Ben Wed + Sun = 12.5 h
    const { objective, moves } = improveRosterLocally(model, groups.map((g) => g.count), values, performance.now() + 5000)
    expect(moves).toBe(1)
    expect(objective).toBe(0)
    const roster = [...model.pairs].filter(([v]) => values[v] === 1).map(([, [a, g]]) => ({ agent: agents[a].name, group: g, instance: 0 }))
    expect(roster.sort((p, q) => p.group - q.group)).toEqual([{ agent: 'Ana', group: 0, instance: 0 }, { agent: 'Ben', group: 1, instance: 0 }, { agent: 'Ana', group: 2, instance: 0 }, { agent: 'Ben', group: 3, instance: 0 }])
    expect(hardViolations(groups, agents, rules, roster)).toEqual([])
    // the penalty variables are recomputed from their rows: nobody below contract any more
    for (const { variable } of model.slacks) expect(values[variable]).toBe(0)
  })
})
