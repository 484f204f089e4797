import { describe, expect, it } from 'vitest'
import { hardViolations, solveRoster, type RosterAgentSpec, type RosterRules, type RosterShiftGroup } from '../../src/scheduling/rosterModel.ts'
import { rosterAgentSpecOf } from '../../src/scheduling/rosterInputs.ts'
import { parseLocalDateTime } from '../../src/scheduling/localTime.ts'
import { violationsOf } from './rosterChecker.ts'

/** 2024-03-03 is a Sunday: one 09:00-17:00 shift a day, Sunday to Saturday (a Sunday-first week). */
const dates = ['2024-03-03', '2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08', '2024-03-09']
const groups: RosterShiftGroup[] = dates.map((d) => ({ name: 'day', startMinute: parseLocalDateTime(`${d}T09:00`), lengthMinutes: 480, paidMinutes: 480, offsetMinutes: 60, count: 1 }))
const rules: RosterRules = { weekStartsOn: 'sun', weekendDays: ['fri', 'sat'], minRestHours: 11, maxConsecutiveDays: 5, minDaysOffPerWeek: 2 }
const none: [number, number][] = []
// Ana: 40 h (32-48), five days; Bob works Wednesdays and Saturdays only
const ana: RosterAgentSpec = { name: 'Ana', contractHoursPerWeek: 40, toleranceHours: 8, availability: {}, timeOff: [], skills: [], avoidDays: [] }
const bob: RosterAgentSpec = { name: 'Bob', contractHoursPerWeek: 16, toleranceHours: 0, availability: { sun: none, mon: none, tue: none, thu: none, fri: none }, timeOff: [], skills: [], avoidDays: [] }

describe('roster model: K consecutive days off', () => {
  it('without the rule, Ana takes her two days off apart (Wednesday and Saturday) and every shift is worked', async () => {
    const result = await solveRoster(groups, [ana, bob], rules, { timeLimitSeconds: 10, mipRelativeGap: 0 })
    expect(result.status).toBe('optimal')
    expect(result.unassignedShiftHours).toBe(0)
    expect(result.assignments.filter((x) => x.agent === 'Bob').map((x) => dates[x.group])).toEqual(['2024-03-06', '2024-03-09'])
  })

  it('with two days off in a row, one shift goes unworked, is reported with that rule, and the roster keeps it', async () => {
    const withRun = { ...ana, minConsecutiveDaysOff: 2 }
    const result = await solveRoster(groups, [withRun, bob], rules, { timeLimitSeconds: 10, mipRelativeGap: 0 })
    expect(result.status).toBe('optimal')
    expect(result.unassignedShiftHours).toBe(8)
    expect(result.unassigned).toHaveLength(1)
    expect(result.unassigned[0].reason).toMatch(/consecutive days off \(1 agent\)/)
    expect(result.objective).toBe(8000) // 8 h unworked x 1000; Ana works 32 h (her minimum), Bob his 16 h
    expect(violationsOf(groups, [withRun, bob], rules, result.assignments)).toEqual([])
    expect(hardViolations(groups, [withRun, bob], rules, result.assignments)).toEqual([])
    // the roster without the rule breaks it, and both checkers say so
    const apart = (await solveRoster(groups, [ana, bob], rules, { timeLimitSeconds: 10, mipRelativeGap: 0 })).assignments
    expect(hardViolations(groups, [withRun, bob], rules, apart)).toEqual(['Ana: no 2 days off in a row in the week of 2024-03-03'])
    expect(violationsOf(groups, [withRun, bob], rules, apart)).toEqual([expect.stringMatching(/^Ana has 1 days off in a row in week \d+, needs 2$/)])
  })

  it("the setup's agent brings the rule over exactly (not as a limit on working days in a row)", () => {
    const spec = rosterAgentSpecOf({ name: 'Cy', contractedHoursPerWeek: 30, minConsecutiveDaysOff: 2, maxDaysPerWeek: 5 })
    expect(spec.minConsecutiveDaysOff).toBe(2)
    expect(spec.minDaysOffPerWeek).toBe(2)
    expect(spec.maxConsecutiveDays).toBe(10)
  })
})
