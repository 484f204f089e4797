import { describe, expect, it } from 'vitest'
import { validateOverrides, type OverrideContext } from '../../src/scenarios/overrides.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'

const ctx: OverrideContext = { fromDateKey: '2003-10-27', toDateKey: '2003-11-02', settings: { ...DEFAULT_STAFFING_SETTINGS }, eventIds: ['7', 'holiday:US:2003-11-11'] }
const messages = (o: Parameters<typeof validateOverrides>[0]) => validateOverrides(o, ctx)

describe('validateOverrides', () => {
  it('accepts every kind of override inside the plan', () => {
    expect(messages({
      volume: [{ scope: { fromDateKey: '2003-10-27', toDateKey: '2003-10-31', weekdays: [1, 2], fromMinute: 540, toMinute: 720 }, kind: 'fraction', changeFraction: 0.15 }],
      aht: [{ scope: {}, kind: 'seconds', ahtSeconds: 420 }], serviceLevelTarget: 0.9, answerWithinSeconds: 30, asaTargetSeconds: null, maxOccupancy: 0.85,
      shrinkageFraction: 0.35, hoursPerFte: 7.5, costPerHour: 28, maxConcurrency: 3, slowdownAlpha: 0.2, removedEventIds: ['7'],
      addedEvents: [{ name: 'Launch', fromDateKey: '2003-10-30', toDateKey: '2003-10-30', kind: 'added', value: 500 }],
      openingHours: { days: [null, null, null, null, null, null, { openMinute: 600, closeMinute: 1440 }], retainClosedFraction: 0.6 }, headcount: { kind: 'totalFte', fte: 2400 },
    })).toEqual([])
  })

  it('says clearly what is wrong with percentages, an SLA over 100% and dates outside the plan', () => {
    expect(messages({ serviceLevelTarget: 1.2 })).toEqual([{ field: 'serviceLevelTarget', message: 'Service level target cannot be over 100%, got 120%' }])
    expect(messages({ volume: [{ scope: {}, kind: 'fraction', changeFraction: 8 }] })).toEqual([{ field: 'volume.0.value', message: 'Volume change 1 must be between -99% and +500%, got +800%' }])
    expect(messages({ volume: [{ scope: { fromDateKey: '2003-11-10', toDateKey: '2003-11-12' }, kind: 'fraction', changeFraction: 0.1 }] }))
      .toEqual([{ field: 'volume.0.from', message: 'Volume change 1: the dates 2003-11-10 to 2003-11-12 are outside the plan (2003-10-27 to 2003-11-02)' }])
    expect(messages({ shrinkageFraction: 0.95 })[0].message).toBe('Shrinkage must be from 0% to 90%, got 95%')
    expect(messages({ maxOccupancy: 1.1 })[0].message).toBe('Occupancy cap must be more than 0% and at most 100%, got 110%')
    expect(messages({ aht: [{ scope: {}, kind: 'fraction', changeFraction: -1 }] })[0].message).toBe('AHT change 1 must be between -99% and +500%, got -100%')
  })

  it('checks scopes, events, hours and headcount', () => {
    expect(messages({ volume: [{ scope: { fromMinute: 720, toMinute: 540 }, kind: 'fraction', changeFraction: 0.1 }] })[0].message).toBe('Volume change 1: the time window must end after it starts, got 12:00 to 09:00')
    expect(messages({ volume: [{ scope: { fromDateKey: '2003-10-30', toDateKey: '2003-10-28' }, kind: 'addPerDay', contactsPerDay: 10 }] })[0].message).toBe('Volume change 1: the end date 2003-10-28 is before the start date 2003-10-30')
    expect(messages({ volume: [{ scope: { fromDateKey: '27/10/2003' }, kind: 'addPerDay', contactsPerDay: 10 }] })[0].message).toBe("Volume change 1: the start date must be a date like 2003-10-27 (YYYY-MM-DD), got '27/10/2003'")
    expect(messages({ removedEventIds: ['99'] })[0].message).toBe("The event '99' is not in this baseline, so it cannot be removed")
    expect(messages({ addedEvents: [{ name: 'Sale', fromDateKey: '2003-10-30', toDateKey: '2003-10-30', kind: 'multiplier', value: 0 }] })[0].message).toBe('Added event 1: the multiplier must be from 0.01 to 20 (1.5 = 50% more volume), got 0')
    expect(messages({ openingHours: { days: [{ openMinute: 600, closeMinute: 540 }, null, null, null, null, null, null], retainClosedFraction: 0 } })[0].message).toBe('Opening hours on Monday: closing must be after opening, within the day, got 10:00 to 09:00')
    expect(messages({ headcount: { kind: 'perInterval', agents: 2.5 } })[0].message).toBe('Agents per interval must be a whole number from 0 to 20000, got 2.5')
  })

  it('fits the targets to the model the overrides lead to', () => {
    expect(messages({ maxAbandonFraction: 0.05 })[0]).toEqual({ field: 'maxAbandonFraction', message: 'An abandonment target needs the Erlang A model: set a mean patience too' })
    expect(messages({ maxAbandonFraction: 0.05, meanPatienceSeconds: 90 })).toEqual([])
    expect(messages({ slowdownAlpha: 0.1 })[0].message).toBe('Slowdown α applies to the chat model only: set a concurrency k too')
    expect(messages({ maxConcurrency: 2, meanPatienceSeconds: 90 })[0].message).toBe('Choose either a concurrency (chat model) or a mean patience (Erlang A), not both')
    expect(messages({ maxConcurrency: 2.5 })[0].message).toBe('Concurrency must be a whole number of chats from 1 to 20, got 2.5')
  })
})
