import { describe, expect, it } from 'vitest'
import { rankActions } from '../../src/intraday/rankActions.ts'
import { DEFAULT_STAFFING_SETTINGS, staffingModelOf, staffingTargetsOf } from '../../src/planning/staffingPlan.ts'
import type { Requirement, Schedule } from '../../src/scheduling/index.ts'
import { serviceForStaffing } from '../../src/staffing/index.ts'

// 12:00-14:00 in 30-minute intervals: 42, 42, 20, 20 chats of 300 s (7 and 3.3 erlangs), Erlang C, 80% in 60 s.
const volumes = [42, 42, 20, 20]
const forecasts = volumes.map((volume) => ({ volume, ahtSeconds: 300 }))
const requirement: Requirement = { intervalMinutes: 30, intervals: ['12:00', '12:30', '13:00', '13:30'].map((t, i) => ({ start: `2024-03-04T${t}`, agentsRequired: [10, 10, 6, 6][i] })) }
const settings = { intervalMinutes: 30, model: staffingModelOf(DEFAULT_STAFFING_SETTINGS), targets: staffingTargetsOf(DEFAULT_STAFFING_SETTINGS) }
const serviceLevelOf = (agents: readonly number[]) => {
  const service = serviceForStaffing(forecasts, agents.map(Math.floor), settings)
  return service.reduce((s, m, i) => s + m.serviceLevel * volumes[i], 0) / volumes.reduce((a, b) => a + b, 0)
}
// Twelve agents 06:00-14:00: four take their 30-minute break at 12:00, eight at 13:00.
const schedule: Schedule = { shifts: [{ templateName: 'early', start: '2024-03-04T06:00', lengthMinutes: 480, paidMinutes: 480, count: 12, breaks: [
  { breakIndex: 0, name: 'break', offsetMinutes: 360, lengthMinutes: 30, paid: true, count: 4 },
  { breakIndex: 0, name: 'break', offsetMinutes: 420, lengthMinutes: 30, paid: true, count: 8 },
] }] }
const scheduledAgents = [8, 12, 4, 12]

describe('rankActions', () => {
  const actions = rankActions({
    requirement, scheduledAgents, schedule, nowLocal: '2024-03-04T11:50', serviceLevelOf,
    availableAgents: [
      { name: 'Dana', contractedHoursPerWeek: 20 },
      { name: 'Full Timer', contractedHoursPerWeek: 40 },
      { name: 'Evenings only', contractedHoursPerWeek: 16, availability: [{ day: 'mon', from: '17:00', to: '22:00' }] },
    ],
  })

  it('ranks by the service level of the rest of the day, each above the schedule as it is', () => {
    const before = serviceLevelOf(scheduledAgents)
    expect(actions.length).toBeGreaterThan(2)
    actions.forEach((a, i) => {
      expect(a.serviceLevelBefore).toBeCloseTo(before, 12)
      expect(a.serviceLevelAfter).toBeGreaterThan(before)
      if (i > 0) expect(a.serviceLevelAfter).toBeLessThanOrEqual(actions[i - 1].serviceLevelAfter)
    })
  })

  it('calls in the part-timer for the whole rest of the day, with the service level the staffing engine gives', () => {
    const callIn = actions.find((a) => a.kind === 'call-in')!
    expect(callIn.label).toBe('Call in Dana (part-time, 20 h/week) from 12:00 to 14:00')
    expect(callIn.addedAgentHours).toBe(2)
    expect(callIn.serviceLevelAfter).toBeCloseTo(serviceLevelOf([9, 13, 5, 13]), 12)
    expect(actions.some((a) => a.label.includes('Full Timer') || a.label.includes('Evenings only'))).toBe(false)
  })

  it('moves a break out of the short 13:00 interval into a covered one, costing no hours', () => {
    const move = actions.find((a) => a.kind === 'move-break')!
    expect(move.label).toMatch(/^Move one break of the early shift from 1[23]:[03]0 to 1[23]:[03]0$/)
    expect(move.addedAgentHours).toBe(0)
    const cancel = actions.find((a) => a.label === 'Cancel one break at 13:00 (early shift)')!
    expect(cancel.serviceLevelAfter).toBeCloseTo(serviceLevelOf([8, 12, 5, 12]), 12)
  })

  it('offers nothing before the clock: at 13:40 the breaks are past and only the last interval is left', () => {
    const late = rankActions({ requirement: { intervalMinutes: 30, intervals: requirement.intervals.slice(3) }, scheduledAgents: [12], schedule, nowLocal: '2024-03-04T13:40', serviceLevelOf: (a) => serviceLevelOf([0, 0, 0, a[0]]), availableAgents: [] })
    expect(late.filter((a) => a.kind !== 'call-in')).toEqual([])
  })
})
