import { describe, expect, it } from 'vitest'
import { formValuesOf, minutesOfClock, overridesFromForm } from '../../src/scenarios/formValues.ts'
import type { ScenarioOverrides } from '../../src/scenarios/types.ts'

describe('scenario form values', () => {
  it('reads percent fields as fractions, empty as "keep", none as "drop"', () => {
    const { overrides, problems } = overridesFromForm({ serviceLevelTarget: '90', answerWithinSeconds: '30', shrinkageFraction: '', asaTargetSeconds: 'none', costPerHour: '27.5' })
    expect(problems).toEqual([])
    expect(overrides).toEqual({ serviceLevelTarget: 0.9, answerWithinSeconds: 30, asaTargetSeconds: null, costPerHour: 27.5 })
  })

  it('reads numbered rows of volume, AHT and events, the hours and the headcount', () => {
    const { overrides, problems } = overridesFromForm({
      'volume.0.kind': 'percent', 'volume.0.value': '15', 'volume.0.from': '2003-10-27', 'volume.0.to': '2003-10-31', 'volume.0.weekdays': ['1', '2'], 'volume.0.fromTime': '09:00', 'volume.0.toTime': '12:30',
      'volume.1.kind': 'addPerDay', 'volume.1.value': '', 'volume.2.kind': 'setPerDay', 'volume.2.value': '15000',
      'aht.0.kind': 'seconds', 'aht.0.value': '420',
      'event.0.name': 'Launch', 'event.0.from': '2003-10-30', 'event.0.to': '2003-10-30', 'event.0.kind': 'multiplier', 'event.0.value': '1.3',
      removeEvent: ['7'], hoursEnabled: 'on', 'hours.1.open': '08:00', 'hours.1.close': '20:00', hoursRetain: '50', headcountKind: 'perInterval', headcountValue: '250',
    })
    expect(problems).toEqual([])
    expect(overrides).toEqual({
      volume: [
        { scope: { fromDateKey: '2003-10-27', toDateKey: '2003-10-31', weekdays: [1, 2], fromMinute: 540, toMinute: 750 }, kind: 'fraction', changeFraction: 0.15 },
        { scope: {}, kind: 'setPerDay', contactsPerDay: 15000 },
      ],
      aht: [{ scope: {}, kind: 'seconds', ahtSeconds: 420 }],
      addedEvents: [{ name: 'Launch', fromDateKey: '2003-10-30', toDateKey: '2003-10-30', kind: 'multiplier', value: 1.3 }],
      removedEventIds: ['7'],
      openingHours: { days: [{ openMinute: 480, closeMinute: 1200 }, null, null, null, null, null, null], retainClosedFraction: 0.5 },
      headcount: { kind: 'perInterval', agents: 250 },
    })
  })

  it('names each field it cannot read', () => {
    const { problems } = overridesFromForm({ serviceLevelTarget: 'ninety', 'volume.0.value': '10', 'volume.0.fromTime': '9am', shrinkageFraction: 'none', 'event.0.name': 'Sale', headcountKind: 'totalFte' })
    expect(problems).toEqual([
      { field: 'serviceLevelTarget', message: "Service level target must be a number, got 'ninety'" },
      { field: 'shrinkageFraction', message: "Shrinkage cannot be dropped ('none'); leave it empty to keep the baseline's" },
      { field: 'volume.0.fromTime', message: "Volume change 1: the time must be like 09:30 (HH:MM), got '9am'" },
      { field: 'event.0.value', message: "Added event 1 ('Sale') needs a value: a multiplier such as 1.3, or contacts added per day" },
      { field: 'headcountValue', message: 'Headcount: give the number of agents per interval or of FTE' },
    ])
  })

  it('writes stored overrides back into the same form values', () => {
    const overrides: ScenarioOverrides = {
      serviceLevelTarget: 0.9, maxOccupancy: null, shrinkageFraction: 0.35, maxConcurrency: 3,
      volume: [{ scope: { weekdays: [5], fromMinute: 600, toMinute: 840 }, kind: 'fraction', changeFraction: -0.2 }],
      aht: [{ scope: { fromDateKey: '2003-10-28' }, kind: 'fraction', changeFraction: 0.1 }],
      addedEvents: [{ name: 'Launch', fromDateKey: '2003-10-30', toDateKey: '2003-10-31', kind: 'added', value: 800 }],
      removedEventIds: ['7'], openingHours: { days: [null, { openMinute: 420, closeMinute: 1260 }, null, null, null, null, null], retainClosedFraction: 0.25 },
      headcount: { kind: 'totalFte', fte: 2300 },
    }
    expect(overridesFromForm(formValuesOf(overrides))).toEqual({ overrides, problems: [] })
  })

  it('reads clock times', () => {
    expect(minutesOfClock('07:30')).toBe(450)
    expect(minutesOfClock('24:00')).toBe(1440)
    expect(minutesOfClock('24:30')).toBeNaN()
    expect(minutesOfClock('7.30')).toBeNaN()
  })
})

describe('numbers as typed', () => {
  it('never misreads a thousands separator: 1,000 is refused with how to write it; a decimal comma that cannot be one is read', () => {
    const { overrides, problems } = overridesFromForm({ costPerHour: '1,000', 'volume.0.value': '12,345', 'volume.0.kind': 'addPerDay', maxConcurrency: '2,5' })
    expect(overrides.costPerHour).toBeUndefined()
    expect(overrides.volume ?? []).toEqual([])
    expect(overrides.maxConcurrency).toBe(2.5)
    expect(problems.map((p) => p.field).sort()).toEqual(['costPerHour', 'volume.0.value'])
    expect(problems.find((p) => p.field === 'costPerHour')!.message).toBe("Cost per hour must be a number, got '1,000' (write it without a thousands separator and with a point for decimals, e.g. 1000 or 2.5)")
    const read = overridesFromForm({ costPerHour: '1000', 'volume.0.value': '1000', 'volume.0.kind': 'addPerDay', maxConcurrency: '2.5', shrinkageFraction: '12.5%' })
    expect(read.problems).toEqual([])
    expect(read.overrides).toMatchObject({ costPerHour: 1000, maxConcurrency: 2.5, shrinkageFraction: 0.125, volume: [{ kind: 'addPerDay', contactsPerDay: 1000 }] })
  })
})
