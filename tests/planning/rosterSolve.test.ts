import { describe, expect, it } from 'vitest'
import { publishedRosterContext, publishedRosterViolations, rerosterPublished, rosterForPublishing, type PublishedRosterShift } from '../../src/planning/rosterSolve.ts'
import { buildRosterModel, type RosterAgentSpec } from '../../src/scheduling/rosterModel.ts'
import { buildRoster, type Agent } from '../../src/scheduling/roster.ts'
import type { Schedule } from '../../src/scheduling/schedule.ts'
import { rosterShiftGroupsOf, rosterAgentSpecOf, DEFAULT_ROSTER_RULES } from '../../src/scheduling/rosterInputs.ts'
import { violationsOf } from '../scheduling/rosterChecker.ts'

/** 2024-03-04 is a Monday: two 8-h shifts a day Monday to Friday, and one on Saturday. */
const schedule: Schedule = {
  shifts: [
    ...['04', '05', '06', '07', '08'].flatMap((d) => [
      { templateName: 'early', start: `2024-03-${d}T07:00`, lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [] },
      { templateName: 'late', start: `2024-03-${d}T14:00`, lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [] },
    ]),
    { templateName: 'early', start: '2024-03-09T07:00', lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [] },
  ],
}
const agents: Agent[] = [
  { name: 'Ana', contractedHoursPerWeek: 30, maxHoursPerWeek: 32 },
  { name: 'Ben', contractedHoursPerWeek: 30, maxHoursPerWeek: 32, availability: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, from: '06:00', to: '23:00' })) as Agent['availability'] },
  { name: 'Cy', contractedHoursPerWeek: 15, maxHoursPerWeek: 16 },
]

describe('roster optimiser in the worker pool', () => {
  it('names the shifts of a schedule with the optimiser, no rule of the roster broken, at least as many worked as by the greedy roster', async () => {
    const answer = await rosterForPublishing(schedule, agents, { timeZone: 'Europe/London', timeLimitSeconds: 10 })
    expect(answer.method).toBe('optimiser')
    expect(answer.note).toMatch(/^Names assigned by the roster optimiser: proven optimal, \d+ shifts without an agent\.$/)
    const total = schedule.shifts.reduce((s, x) => s + x.count, 0)
    expect(answer.roster.assignments.length + answer.roster.unassigned.length).toBe(total)
    const groups = rosterShiftGroupsOf(schedule, 'Europe/London')
    const specs = agents.map((a) => rosterAgentSpecOf(a))
    const index = new Map(schedule.shifts.map((s, g) => [`${s.templateName}@${s.start}`, g]))
    const pairs = answer.roster.assignments.map((a) => ({ agent: a.agent, group: index.get(`${a.shift.templateName}@${a.shift.start}`)! }))
    expect(violationsOf(groups, specs, DEFAULT_ROSTER_RULES, pairs)).toEqual([])
    expect(answer.roster.unassigned.length).toBeLessThanOrEqual(buildRoster(schedule, agents).unassigned.length)
    for (const u of answer.roster.unassigned) expect(u.reason).toMatch(/^no agent can take it: /)
  })

  it('keeps an agent\'s approved time off when naming the shifts (the agents as listRosterAgents gives them)', async () => {
    const withTimeOff = agents.map((a) => (a.name === 'Ana' ? { ...a, timeOff: ['2024-03-05', '2024-03-06'] } : a))
    const answer = await rosterForPublishing(schedule, withTimeOff, { timeZone: 'Europe/London', timeLimitSeconds: 10 })
    expect(answer.method).toBe('optimiser')
    const anaDays = answer.roster.assignments.filter((a) => a.agent === 'Ana').map((a) => a.shift.start.slice(0, 10))
    expect(anaDays.length).toBeGreaterThan(0)
    expect(anaDays.filter((d) => d === '2024-03-05' || d === '2024-03-06')).toEqual([])
  })

  /** The optimiser's published roster of the week as stored rows (one per shift instance), ids from 1. */
  const publishedRows = async (): Promise<PublishedRosterShift[]> => {
    const first = await rosterForPublishing(schedule, agents, { timeZone: 'Europe/London', timeLimitSeconds: 10 })
    const all = [...first.roster.assignments.map((a) => ({ shift: a.shift, agent: a.agent as string | null })), ...first.roster.unassigned.map((u) => ({ shift: u.shift, agent: null }))]
      .sort((p, q) => p.shift.startMinute - q.shift.startMinute || p.shift.templateName.localeCompare(q.shift.templateName))
    return all.map((x, k) => ({ id: k + 1, templateName: x.shift.templateName, startLocal: x.shift.start, offsetMinutes: 0, lengthMinutes: x.shift.lengthMinutes, paidMinutes: x.shift.paidMinutes, agent: x.agent }))
  }
  const specs = agents.map((a) => rosterAgentSpecOf(a))

  it('re-rosters the published rows after a day off in a worker: the day’s shift moves to a colleague, nothing else, fewest proven', async () => {
    const rows = await publishedRows()
    const before = publishedRosterViolations(rows, new Map(rows.map((r) => [r.id, r.agent])), specs, DEFAULT_ROSTER_RULES)
    expect(before).toEqual([])
    const own = rows.filter((r) => r.agent === 'Ana')
    expect(own.length).toBeGreaterThanOrEqual(2)
    const day = own[1].startLocal.slice(0, 10)
    const result = await rerosterPublished(rows, specs, DEFAULT_ROSTER_RULES, { kind: 'time_off', agent: 'Ana', fromDateKey: day, toDateKey: day }, { timeLimitSeconds: 5 })
    expect(result.provenFewest).toBe(true)
    expect(result.gap).toBe(0)
    expect(result.forcedChanges).toBe(1)
    const forced = result.changes[0]
    expect(forced).toMatchObject({ shiftId: own[1].id, from: 'Ana' })
    // whatever else moved, the rules required it; the new roster breaks no rule with Ana off that day
    expect(result.ruleChanges).toBe(result.changes.length - 1)
    const after = new Map(rows.map((r) => [r.id, r.agent]))
    for (const c of result.changes) after.set(c.shiftId, c.to)
    expect([...after].some(([id, a]) => a === 'Ana' && rows.find((r) => r.id === id)!.startLocal.startsWith(day))).toBe(false)
    const withRequest = specs.map((s) => (s.name === 'Ana' ? { ...s, timeOff: [day] } : s))
    expect(publishedRosterViolations(rows, after, withRequest, DEFAULT_ROSTER_RULES)).toEqual([])
    expect(result.uncovered).toEqual(result.changes.filter((c) => c.to === null).map((c) => ({ shiftId: c.shiftId, reason: c.reason })))
    await expect(rerosterPublished(rows, specs, DEFAULT_ROSTER_RULES, { kind: 'time_off', agent: 'Nobody', fromDateKey: day, toDateKey: day })).rejects.toThrow("request.agent: no agent is called 'Nobody'")
  })

  it('a swap goes through the same re-roster: the shift is the colleague\'s, the one change the request forced', async () => {
    const rows = await publishedRows()
    // a shift of Ana's that Cy (15 h, 16 h at most) may take without breaking a rule
    const cyHours = rows.filter((r) => r.agent === 'Cy').reduce((h, r) => h + r.paidMinutes / 60, 0)
    const anas = rows.filter((r) => r.agent === 'Ana' && !rows.some((o) => o.agent === 'Cy' && o.startLocal.slice(0, 10) === r.startLocal.slice(0, 10)))
    const shift = anas[0]
    const result = await rerosterPublished(rows, specs, DEFAULT_ROSTER_RULES, { kind: 'swap', agent: 'Ana', shiftId: shift.id, colleague: 'Cy' }, { timeLimitSeconds: 5 })
    expect(result.changes[0]).toEqual({ shiftId: shift.id, from: 'Ana', to: 'Cy' })
    expect(result.forcedChanges).toBe(1)
    expect(result.provenFewest).toBe(true)
    // Cy's 7.5 paid hours on top of cyHours: if that passes 16 h, the rules require Cy to drop another shift
    expect(result.ruleChanges).toBe(cyHours + 7.5 > 16 ? result.changes.length - 1 : 0)
    await expect(rerosterPublished(rows, specs, DEFAULT_ROSTER_RULES, { kind: 'swap', agent: 'Ana', shiftId: 999, colleague: 'Cy' })).rejects.toThrow('shift 999 is not in the published roster')
  })

  it('reports a freed shift nobody can take with the rule that blocks each agent, and changes nothing else', async () => {
    // Only two agents, both already at their hours: nobody may take the freed shift.
    const tiny: PublishedRosterShift[] = ['Ana', 'Ben'].map((agent, k) => ({ id: k + 1, templateName: 'Early', startLocal: '1999-10-05T08:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent }))
    const people: RosterAgentSpec[] = ['Ana', 'Ben'].map((name) => ({ name, contractHoursPerWeek: 8, toleranceHours: 0, availability: {}, timeOff: [], skills: [], avoidDays: [] }))
    const result = await rerosterPublished(tiny, people, DEFAULT_ROSTER_RULES, { kind: 'time_off', agent: 'Ana', fromDateKey: '1999-10-05', toDateKey: '1999-10-05' })
    expect(result.changes).toEqual([{ shiftId: 1, from: 'Ana', to: null, reason: expect.stringMatching(/^no agent can take it: .*time off \(1 agent\)/) }])
    expect(result.uncovered.map((u) => u.shiftId)).toEqual([1])
    expect(result).toMatchObject({ forcedChanges: 1, ruleChanges: 0, provenFewest: true })
  })

  it('leaves a shift nobody worked unworked: a request does not hand out new shifts', async () => {
    const rows: PublishedRosterShift[] = [
      { id: 1, templateName: 'Early', startLocal: '1999-10-05T08:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent: 'Ana' },
      { id: 2, templateName: 'Early', startLocal: '1999-10-06T08:00', offsetMinutes: 120, lengthMinutes: 480, paidMinutes: 480, agent: null },
    ]
    const people: RosterAgentSpec[] = ['Ana', 'Ben'].map((name) => ({ name, contractHoursPerWeek: 16, toleranceHours: 0, availability: {}, timeOff: [], skills: [], avoidDays: [] }))
    const result = await rerosterPublished(rows, people, DEFAULT_ROSTER_RULES, { kind: 'time_off', agent: 'Ana', fromDateKey: '1999-10-05', toDateKey: '1999-10-05' })
    expect(result.changes).toEqual([{ shiftId: 1, from: 'Ana', to: 'Ben' }])
    expect(result).toMatchObject({ forcedChanges: 1, ruleChanges: 0, uncovered: [], provenFewest: true })
  })

  it('groups published rows as the optimiser takes them: equal shifts one group, one instance per row, nobody\'s rows not published', () => {
    const rows: PublishedRosterShift[] = [
      { id: 7, templateName: 'early', startLocal: '2024-03-04T07:00', offsetMinutes: 0, lengthMinutes: 480, paidMinutes: 450, skill: 'PS', agent: 'Ana' },
      { id: 8, templateName: 'early', startLocal: '2024-03-04T07:00', offsetMinutes: 0, lengthMinutes: 480, paidMinutes: 450, skill: 'PS', agent: null },
      { id: 9, templateName: 'early', startLocal: '2024-03-04T07:00', offsetMinutes: 0, lengthMinutes: 480, paidMinutes: 450, skill: 'PS', agent: 'Ben' },
      { id: 10, templateName: 'late', startLocal: '2024-03-04T14:00', offsetMinutes: 0, lengthMinutes: 480, paidMinutes: 450, skill: 'PS', agent: 'Cy' },
    ]
    const { groups, published, rowOf } = publishedRosterContext(rows)
    expect(groups.map((g) => [g.name, g.count, g.skill])).toEqual([['early', 3, 'PS'], ['late', 1, 'PS']])
    // over the whole week (Monday 4 to Sunday 10 March)
    const { horizon } = buildRosterModel(groups, [], { ...DEFAULT_ROSTER_RULES, wholeWeeks: true })
    expect([horizon.firstDay, horizon.lastDay]).toEqual([Date.UTC(2024, 2, 4) / 86_400_000, Date.UTC(2024, 2, 10) / 86_400_000])
    expect(rowOf).toEqual([[7, 8, 9], [10]])
    expect(published).toEqual([{ agent: 'Ana', group: 0, instance: 0 }, { agent: 'Ben', group: 0, instance: 2 }, { agent: 'Cy', group: 1, instance: 0 }])
  })
})
