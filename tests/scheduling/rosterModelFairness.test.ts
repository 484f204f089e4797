import { describe, expect, it } from 'vitest'
import { buildRosterModel, fairSharesOf, solveRoster, type RosterAgentSpec, type RosterRules, type RosterShiftGroup } from '../../src/scheduling/rosterModel.ts'
import { parseLocalDateTime } from '../../src/scheduling/localTime.ts'
import { violationsOf } from './rosterChecker.ts'

// 2024-03-04 is a Monday: late-ending shifts (15:00-23:00) Monday and Tuesday, early ones (07:00-15:00) Wednesday
// and Thursday. After Tuesday's late shift only 8 h pass before Wednesday's early one (rest is 11 h).
const shift = (date: string, clock: string): RosterShiftGroup => ({ name: clock, startMinute: parseLocalDateTime(`${date}T${clock}`), lengthMinutes: 480, paidMinutes: 480, offsetMinutes: 60, count: 1 })
const groups = [shift('2024-03-04', '15:00'), shift('2024-03-05', '15:00'), shift('2024-03-06', '07:00'), shift('2024-03-07', '07:00')]
const rules: RosterRules = { weekStartsOn: 'mon', weekendDays: ['sat', 'sun'], minRestHours: 11, maxConsecutiveDays: 5 }
const agent = (name: string, extra: Partial<RosterAgentSpec> = {}): RosterAgentSpec => ({ name, contractHoursPerWeek: 16, toleranceHours: 0, availability: {}, timeOff: [], skills: [], avoidDays: [], ...extra })
const lateOf = (assignments: { agent: string; group: number }[], name: string) => assignments.filter((x) => x.agent === name && x.group < 2).length

describe('roster model: fair rotation of late-ending shifts and holidays', () => {
  it('gives each of two equal agents one late-ending shift (share 1 each); both to one costs 1', async () => {
    const agents = [agent('Ana'), agent('Ben')]
    expect([...fairSharesOf(groups, agents, rules, agents.map(() => groups)).late.values()]).toEqual([1, 1])
    const result = await solveRoster(groups, agents, rules, { timeLimitSeconds: 10, mipRelativeGap: 0 })
    expect(result.status).toBe('optimal')
    expect(result.objective).toBe(0)
    expect(result.fairnessExcessShifts).toEqual({ weekend: 0, late: 0, holiday: 0 })
    expect([lateOf(result.assignments, 'Ana'), lateOf(result.assignments, 'Ben')]).toEqual([1, 1])
    expect(violationsOf(groups, agents, rules, result.assignments)).toEqual([])
  })

  it('lets an agent who prefers late shifts volunteer for both (no share of them, so no excess)', async () => {
    const agents = [agent('Ana', { prefer: 'late' }), agent('Ben')]
    const result = await solveRoster(groups, agents, rules, { timeLimitSeconds: 10, mipRelativeGap: 0 })
    expect(result.objective).toBe(0)
    expect(lateOf(result.assignments, 'Ana')).toBe(2)
    expect(result.preferencePenalty).toBe(0)
  })

  it('rotates holiday shifts the same way, at WEIGHTS.holidayExcessPerShift (2) each above the share', async () => {
    const holidayRules: RosterRules = { ...rules, lateEndsAfterMinute: 1440, holidayDates: ['2024-03-04', '2024-03-05'] }
    const agents = [agent('Ana'), agent('Ben')]
    const result = await solveRoster(groups, agents, holidayRules, { timeLimitSeconds: 10, mipRelativeGap: 0 })
    expect(result.objective).toBe(0)
    expect([lateOf(result.assignments, 'Ana'), lateOf(result.assignments, 'Ben')]).toEqual([1, 1])
    // the share is the team's (by contract): with Ben away on both holidays Ana still has share 1, works both and
    // her one holiday shift above it costs 2; Ben, who can work none, has no row
    const away = [agent('Ana'), agent('Ben', { timeOff: ['2024-03-04', '2024-03-05'] })]
    const model = buildRosterModel(groups, away, holidayRules)
    expect(model.mip.constraints.find((c) => c.name === 'fairh0')!.upper).toBe(1)
    expect(model.mip.constraints.some((c) => c.name === 'fairh1')).toBe(false)
    const carried = await solveRoster(groups, away, holidayRules, { timeLimitSeconds: 10, mipRelativeGap: 0 })
    expect(carried.status).toBe('optimal')
    expect(carried.fairnessExcessShifts.holiday).toBe(1)
    expect(carried.objective).toBe(2)
    expect(lateOf(carried.assignments, 'Ana')).toBe(2)
    expect(violationsOf(groups, away, holidayRules, carried.assignments)).toEqual([])
  })
})
