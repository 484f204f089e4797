import { beforeAll, describe, expect, it } from 'vitest'
import { bankAgents, bankRosterRules, bankSchedule, shiftGroupsOf } from '../../src/bench/rosterFixture.ts'
import { solveRoster, type RosterAgentSpec } from '../../src/scheduling/rosterModel.ts'
import { formatLocalDateTime } from '../../src/scheduling/localTime.ts'
import { rerosterAfterRequest, rosterViolations, type RosterShift } from '../../src/planning/rosterRequests.ts'

/** The four-week 1999 bank schedule, rostered on 60 agents by the optimiser: the published roster the requests change. */
let shifts: RosterShift[]
let agents: RosterAgentSpec[]

beforeAll(async () => {
  const groups = shiftGroupsOf(await bankSchedule())
  agents = bankAgents(60)
  const roster = await solveRoster(groups, agents, bankRosterRules, { timeLimitSeconds: 8 })
  const byGroup = new Map<number, (string | null)[]>()
  for (const a of roster.assignments) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a.agent])
  shifts = []
  groups.forEach((g, k) => {
    for (let i = 0; i < g.count; i++) {
      shifts.push({ id: shifts.length + 1, name: g.name, startLocal: formatLocalDateTime(g.startMinute), offsetMinutes: g.offsetMinutes, lengthMinutes: g.lengthMinutes, paidMinutes: g.paidMinutes, agent: byGroup.get(k)?.[i] ?? null })
    }
  })
}, 240_000)

const withTimeOff = (list: RosterAgentSpec[], name: string, dates: string[]) => list.map((a) => (a.name === name ? { ...a, timeOff: [...a.timeOff, ...dates] } : a))

describe('rerosterAfterRequest on the four-week bank roster (60 agents)', () => {
  it('gives only the requesting agent\'s shifts on the day off to others, breaking no hard rule', async () => {
    const before = rosterViolations(shifts, new Map(shifts.map((s) => [s.id, s.agent])), agents, bankRosterRules)
    expect(before).toEqual([])
    // The busiest agent's first working Tuesday.
    const counts = new Map<string, number>()
    for (const s of shifts) if (s.agent) counts.set(s.agent, (counts.get(s.agent) ?? 0) + 1)
    const agent = [...counts].sort((a, b) => b[1] - a[1])[0][0]
    const day = shifts.find((s) => s.agent === agent && new Date(s.startLocal.slice(0, 10) + 'T00:00:00Z').getUTCDay() === 2)!.startLocal.slice(0, 10)
    const own = shifts.filter((s) => s.agent === agent && s.startLocal.startsWith(day))
    expect(own.length).toBe(1)
    const result = await rerosterAfterRequest({ shifts, agents: withTimeOff(agents, agent, [day]), rules: bankRosterRules, request: { kind: 'time_off', agent, fromDateKey: day, toDateKey: day } })
    expect(result.freedShiftIds).toEqual([own[0].id])
    expect(result.pass).toBe('pinned')
    // The fewest changes: the one freed shift goes to a colleague; nobody else's shift moves.
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({ shiftId: own[0].id, from: agent })
    expect(result.changes[0].to).not.toBe(agent)
    expect(result.changes[0].to).not.toBeNull()
    expect(result.uncovered).toEqual([])
    expect(result.violations).toEqual([])
    expect(result.elapsedMs).toBeLessThan(30_000)
  }, 120_000)

  it('frees every shift of a three-day time off (the middle day too, though the caller listed only the ends) and moves nothing else', async () => {
    const agent = 'agent17'
    const days = [...new Set(shifts.filter((s) => s.agent === agent).map((s) => s.startLocal.slice(0, 10)))]
    const from = days[3], to = new Date(Date.parse(from) + 2 * 86_400_000).toISOString().slice(0, 10)
    const result = await rerosterAfterRequest({ shifts, agents: withTimeOff(agents, agent, [from, to]), rules: bankRosterRules, request: { kind: 'time_off', agent, fromDateKey: from, toDateKey: to } })
    const own = shifts.filter((s) => s.agent === agent && s.startLocal.slice(0, 10) >= from && s.startLocal.slice(0, 10) <= to).map((s) => s.id)
    expect(own.length).toBeGreaterThanOrEqual(2)
    expect(result.freedShiftIds).toEqual(own)
    expect(result.changes.map((c) => c.shiftId).sort((a, b) => a - b)).toEqual(own)
    expect(result.changes.every((c) => c.from === agent && c.to !== null && c.to !== agent)).toBe(true)
    expect(result.violations).toEqual([])
  }, 120_000)

  it('reports a freed shift nobody can take with the rule that blocks each agent, and changes nothing else', async () => {
    // Only two agents, both already at their hours: nobody may take the freed shift.
    const tiny: RosterShift[] = [
      { id: 1, name: 'Early', startLocal: '1999-10-05T08:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent: 'Ana' },
      { id: 2, name: 'Early', startLocal: '1999-10-05T08:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent: 'Ben' },
    ]
    const people: RosterAgentSpec[] = ['Ana', 'Ben'].map((name) => ({ name, contractHoursPerWeek: 8, toleranceHours: 0, availability: {}, timeOff: [], skills: [], avoidDays: [] }))
    const result = await rerosterAfterRequest({ shifts: tiny, agents: withTimeOff(people, 'Ana', ['1999-10-05']), rules: bankRosterRules, request: { kind: 'time_off', agent: 'Ana', fromDateKey: '1999-10-05', toDateKey: '1999-10-05' } })
    expect(result.changes).toEqual([{ shiftId: 1, from: 'Ana', to: null, reason: expect.stringMatching(/time off \(1 agent\).*already working that day \(1 agent\)|already working that day \(1 agent\).*time off \(1 agent\)/) }])
    expect(result.uncovered.map((u) => u.shiftId)).toEqual([1])
  }, 60_000)

  it('does not move a colleague off their own shift to cover the freed one when that covers no more (a tie)', async () => {
    const tie: RosterShift[] = [
      { id: 1, name: 'Early', startLocal: '1999-10-05T07:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent: 'Ana' },
      { id: 2, name: 'Late', startLocal: '1999-10-05T13:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent: 'Eli' },
    ]
    const people: RosterAgentSpec[] = ['Ana', 'Eli'].map((name) => ({ name, contractHoursPerWeek: 40, toleranceHours: 0, availability: {}, timeOff: [], skills: [], avoidDays: [] }))
    const result = await rerosterAfterRequest({ shifts: tie, agents: withTimeOff(people, 'Ana', ['1999-10-05']), rules: bankRosterRules, request: { kind: 'time_off', agent: 'Ana', fromDateKey: '1999-10-05', toDateKey: '1999-10-05' } })
    expect(result.changes.map((c) => [c.shiftId, c.from, c.to])).toEqual([[1, 'Ana', null]])
    expect(result.uncovered.map((u) => u.shiftId)).toEqual([1])
  }, 60_000)

  it('refuses a range whose first day is after its last', async () => {
    await expect(rerosterAfterRequest({ shifts: [], agents: [], rules: bankRosterRules, request: { kind: 'time_off', agent: 'x', fromDateKey: '1999-10-06', toDateKey: '1999-10-05' } }))
      .rejects.toThrow('the first day off (1999-10-06) must not be after the last (1999-10-05)')
  })
})
