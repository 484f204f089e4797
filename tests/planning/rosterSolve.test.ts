import { describe, expect, it } from 'vitest'
import { rerosterForRequest, rosterContextOfRecord, rosterForPublishing } from '../../src/planning/rosterSolve.ts'
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

  it('re-rosters after a day off in a worker: the shift moves, nothing else', async () => {
    const groups = rosterShiftGroupsOf(schedule, 'Europe/London')
    const specs = agents.map((a) => rosterAgentSpecOf(a))
    const first = await rosterForPublishing(schedule, agents, { timeZone: 'Europe/London', timeLimitSeconds: 10 })
    const index = new Map(schedule.shifts.map((s, g) => [`${s.templateName}@${s.start}`, g]))
    const published = first.roster.assignments.map((a) => ({ agent: a.agent, group: index.get(`${a.shift.templateName}@${a.shift.start}`)!, instance: 0 }))
    const anaWednesday = published.find((p) => p.agent === 'Ana' && schedule.shifts[p.group].start.startsWith('2024-03-06'))
    const day = anaWednesday ? '2024-03-06' : schedule.shifts[published.find((p) => p.agent === 'Ana')!.group].start.slice(0, 10)
    const result = await rerosterForRequest({ groups, agents: specs, rules: DEFAULT_ROSTER_RULES }, published, { agent: 'Ana', timeOffDates: [day] }, { timeLimitSeconds: 5 })
    const lost = result.changes.filter((c) => c.from === 'Ana')
    expect(lost.length).toBe(published.filter((p) => p.agent === 'Ana' && schedule.shifts[p.group].start.startsWith(day)).length)
    // proven: no roster with fewer changes; the changes are exactly the (shift, agent) pairs that differ
    expect(result.gap).toBe(0)
    const key = (x: { agent: string; group: number }) => `${x.agent}@${x.group}`
    const after = new Set(result.assignments.map(key)), before = new Set(published.map(key))
    expect(result.changes.filter((c) => c.from !== undefined).length).toBe([...before].filter((k) => !after.has(k)).length)
    expect(result.assignments.some((a) => a.agent === 'Ana' && schedule.shifts[a.group].start.startsWith(day))).toBe(false)
    const withRequest = specs.map((s) => (s.name === 'Ana' ? { ...s, timeOff: [day] } : s))
    expect(violationsOf(groups, withRequest, DEFAULT_ROSTER_RULES, result.assignments)).toEqual([])
    await expect(rerosterForRequest({ groups, agents: specs, rules: DEFAULT_ROSTER_RULES }, published, { agent: 'Nobody', timeOffDates: [day] })).rejects.toThrow(RangeError)
  })

  it('reads a published schedule as the optimiser context: every assigned shift an instance of its group, none twice', async () => {
    const first = await rosterForPublishing(schedule, agents, { timeZone: 'Europe/London', timeLimitSeconds: 10 })
    const record = {
      schedule, snapshot: { timeZone: 'Europe/London' },
      assignments: [...first.roster.assignments.map((a) => ({ agent: a.agent, schedule: { shifts: [{ templateName: a.shift.templateName, start: a.shift.start, lengthMinutes: a.shift.lengthMinutes, paidMinutes: a.shift.paidMinutes, count: 1, breaks: [] }] } })),
        ...first.roster.unassigned.map((u) => ({ agent: null, schedule: { shifts: [{ templateName: u.shift.templateName, start: u.shift.start, lengthMinutes: u.shift.lengthMinutes, paidMinutes: u.shift.paidMinutes, count: 1, breaks: [] }] } }))],
    }
    const { context, published } = rosterContextOfRecord(record, agents)
    expect(context.groups.map((g) => g.offsetMinutes)).toEqual(schedule.shifts.map(() => 0)) // London in March before DST: UTC
    expect(published).toHaveLength(first.roster.assignments.length)
    expect(new Set(published.map((p) => `${p.group}#${p.instance}`)).size).toBe(published.length)
    for (const p of published) expect(p.instance).toBeLessThan(context.groups[p.group].count)
    expect(() => rosterContextOfRecord({ ...record, assignments: null }, agents)).toThrow('only a published schedule has a roster to change')
  })
})
