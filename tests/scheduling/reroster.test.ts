import { describe, expect, it } from 'vitest'
import { rerosterAfterRequest } from '../../src/scheduling/reroster.ts'
import type { RosterAgentSpec, RosterAssignmentOut, RosterRules, RosterShiftGroup } from '../../src/scheduling/rosterModel.ts'
import { parseLocalDateTime } from '../../src/scheduling/localTime.ts'
import { violationsOf } from './rosterChecker.ts'

const rules: RosterRules = { weekStartsOn: 'mon', weekendDays: ['sat', 'sun'], minRestHours: 11, maxConsecutiveDays: 5 }
/** 2024-03-04 is a Monday: one 09:00-17:00 shift a day, Monday to Thursday. */
const days = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07']
const groups: RosterShiftGroup[] = days.map((d) => ({ name: 'day', startMinute: parseLocalDateTime(`${d}T09:00`), lengthMinutes: 480, paidMinutes: 480, offsetMinutes: 60, count: 1 }))
const agent = (name: string, contractHoursPerWeek: number, availability: RosterAgentSpec['availability'] = {}): RosterAgentSpec =>
  ({ name, contractHoursPerWeek, toleranceHours: 0, availability, timeOff: [], skills: [], avoidDays: [] })
const onlyWednesday = { mon: [], tue: [], wed: [[0, 1440]], thu: [], fri: [], sat: [], sun: [] } as RosterAgentSpec['availability']

describe('re-roster after an approved request', () => {
  it('moves only the shift the day off takes away when a colleague can simply take it', async () => {
    const agents = [agent('Ana', 16), agent('Ben', 16), agent('Cy', 16)]
    const published: RosterAssignmentOut[] = [{ agent: 'Ana', group: 0, instance: 0 }, { agent: 'Ana', group: 1, instance: 0 }, { agent: 'Ben', group: 2, instance: 0 }, { agent: 'Ben', group: 3, instance: 0 }]
    const result = await rerosterAfterRequest(groups, agents, rules, published, { agent: 'Ana', timeOffDates: ['2024-03-05'] })
    expect(result.gap).toBe(0)
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({ group: 1, instance: 0, from: 'Ana' })
    expect(result.changes[0].to).toBe('Cy') // Ben already works 16 h, his contract and maximum
    expect(result.unassigned).toEqual([])
    expect(violationsOf(groups, agents, rules, result.assignments)).toEqual([])
  })

  it('makes exactly the second change the rules require: the only colleague free on the day is at his weekly maximum', async () => {
    // Ana (Mon, Tue; she works Mondays and Tuesdays only) asks for Tuesday off. Only Ben can work Tuesday, but he
    // already works Wed and Thu, his 16 h maximum; Cy works Wednesdays only. The fewest changes: Tue Ana -> Ben,
    // Wed Ben -> Cy (2), nothing unworked.
    const agents = [agent('Ana', 16, { mon: [[0, 1440]], tue: [[0, 1440]], wed: [], thu: [] }), agent('Ben', 16, { tue: [[0, 1440]], wed: [[0, 1440]], thu: [[0, 1440]] }), agent('Cy', 8, onlyWednesday)]
    const published: RosterAssignmentOut[] = [{ agent: 'Ana', group: 0, instance: 0 }, { agent: 'Ana', group: 1, instance: 0 }, { agent: 'Ben', group: 2, instance: 0 }, { agent: 'Ben', group: 3, instance: 0 }]
    const result = await rerosterAfterRequest(groups, agents, rules, published, { agent: 'Ana', timeOffDates: ['2024-03-05'] })
    expect(result.status).toBe('optimal')
    expect(result.gap).toBe(0)
    expect(result.changes).toEqual([
      { group: 1, instance: 0, from: 'Ana', to: 'Ben' },
      { group: 2, instance: 0, from: 'Ben', to: 'Cy' },
    ])
    expect(result.unassigned).toEqual([])
    expect(result.assignments.filter((a) => a.agent === 'Ana').map((a) => a.group)).toEqual([0])
    expect(violationsOf(groups, agents, rules, result.assignments)).toEqual([])
  })

  it('keeps the published instance numbers of everyone who keeps a shift', async () => {
    const two: RosterShiftGroup[] = [{ ...groups[0], count: 3 }]
    const agents = [agent('Ana', 8), agent('Ben', 8), agent('Cy', 8), agent('Dee', 8)]
    const published: RosterAssignmentOut[] = [{ agent: 'Cy', group: 0, instance: 0 }, { agent: 'Ana', group: 0, instance: 1 }, { agent: 'Ben', group: 0, instance: 2 }]
    const result = await rerosterAfterRequest(two, agents, rules, published, { agent: 'Ana', timeOffDates: ['2024-03-04'] })
    expect(result.changes).toEqual([{ group: 0, instance: 1, from: 'Ana', to: 'Dee' }])
    expect(result.assignments).toEqual(expect.arrayContaining([{ agent: 'Cy', group: 0, instance: 0 }, { agent: 'Ben', group: 0, instance: 2 }]))
  })

  it('a swap hands the shift over and makes only the change the rules then require (the colleague drops a shift to stay within his hours)', async () => {
    // Ana gives her Tuesday to Ben, who already works Wed and Thu (16 h, his maximum): Ben must drop one
    // of them: that is the one change beyond the hand-over.
    const agents = [agent('Ana', 16), agent('Ben', 16, { tue: [[0, 1440]], wed: [[0, 1440]], thu: [[0, 1440]] }), agent('Cy', 8, onlyWednesday)]
    const published: RosterAssignmentOut[] = [{ agent: 'Ana', group: 0, instance: 0 }, { agent: 'Ana', group: 1, instance: 0 }, { agent: 'Ben', group: 2, instance: 0 }, { agent: 'Ben', group: 3, instance: 0 }]
    const result = await rerosterAfterRequest(groups, agents, rules, published, { agent: 'Ana', timeOffDates: [], handOver: { group: 1, instance: 0, to: 'Ben' } })
    expect(result.gap).toBe(0)
    // One change beyond the hand-over: Ben's Wednesday or Thursday goes to Cy (Wednesdays only) or to Ana (whose
    // Tuesday went to Ben); each is one change, so the solver may pick any of them.
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]).toMatchObject({ instance: 0, from: 'Ben' })
    expect([2, 3]).toContain(result.changes[0].group)
    expect(['Cy', 'Ana']).toContain(result.changes[0].to)
    expect(result.assignments).toEqual(expect.arrayContaining([{ agent: 'Ben', group: 1, instance: 0 }, { agent: 'Ana', group: 0, instance: 0 }]))
    expect(violationsOf(groups, agents, rules, result.assignments)).toEqual([])
    await expect(rerosterAfterRequest(groups, agents, rules, published, { agent: 'Ana', timeOffDates: [], handOver: { group: 2, instance: 0, to: 'Cy' } })).rejects.toThrow("request.handOver: shift 2#0 is not Ana's in the published roster")
  })

  it('refuses a request for an unknown agent or a date not written YYYY-MM-DD', async () => {
    const agents = [agent('Ana', 16)]
    await expect(rerosterAfterRequest(groups, agents, rules, [], { agent: 'Zed', timeOffDates: ['2024-03-05'] })).rejects.toThrow("request.agent: no agent is called 'Zed'")
    await expect(rerosterAfterRequest(groups, agents, rules, [], { agent: 'Ana', timeOffDates: ['5/3/2024'] })).rejects.toThrow("request.timeOffDates: '5/3/2024' is not a date written YYYY-MM-DD")
  })
})
