import { describe, expect, it } from 'vitest'
import { applyScenario, intervalsWithEvents, isInScope } from '../../src/scenarios/applyScenario.ts'
import { applyEventEffects } from '../../src/events/calendar.ts'
import { localParts } from '../../src/time/zones.ts'
import type { PlanInputs } from '../../src/scenarios/types.ts'
import { PROMOTION, TIME_ZONE, deepFreeze, usBankBaseline } from './usBankBaseline.ts'

const dayOf = (startMs: number) => localParts(startMs, TIME_ZONE).dateKey
const dayTotal = (inputs: PlanInputs, dateKey: string) => inputs.intervals.filter((i) => dayOf(i.startMs) === dateKey).reduce((s, i) => s + i.volume, 0)
const withPromotion = () => {
  const base = usBankBaseline()
  return usBankBaseline({ events: [PROMOTION], intervals: intervalsWithEvents(base.intervals, [PROMOTION], 30, TIME_ZONE) })
}

describe('applyScenario: volume', () => {
  it('+10% on the queue scales the mean and every bound by exactly 1.1', () => {
    const baseline = usBankBaseline()
    const scenario = applyScenario(baseline, { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.1 }] })
    scenario.intervals.forEach((s, i) => {
      const b = baseline.intervals[i]
      expect([s.volume, s.volumeLo80, s.volumeHi80, s.volumeLo95, s.volumeHi95]).toEqual([b.volume * 1.1, b.volumeLo80 * 1.1, b.volumeHi80 * 1.1, b.volumeLo95 * 1.1, b.volumeHi95 * 1.1])
    })
    // Monday 27 October 2003: 34,219 calls (those of Monday 20 October), 37,640.9 with 10% more.
    expect(dayTotal(baseline, '2003-10-27')).toBe(34219)
    expect(dayTotal(scenario, '2003-10-27')).toBeCloseTo(37640.9, 9)
  })

  it('with events the change acts on the base forecast and the events are applied on top (the calendar rule)', () => {
    const baseline = withPromotion()
    expect(dayTotal(baseline, '2003-10-29')).toBeCloseTo(1.2 * dayTotal(usBankBaseline(), '2003-10-29'), 9)
    const scenario = applyScenario(baseline, { volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.1 }] })
    const scaled = baseline.intervals.map((i) => i.baseVolume * 1.1)
    const { means } = applyEventEffects(baseline.intervals.map((i) => i.startMs), scaled, [{ ...PROMOTION, id: 7, queueId: null, type: 'promotion', effect: { kind: 'multiplier', value: 1.2 }, source: 'user', learnKey: 'promotion' }], { intervalMinutes: 30, timeZone: TIME_ZONE, valueOf: () => 1.2 })
    expect(scenario.intervals.map((i) => i.volume)).toEqual(means)
    expect(scenario.intervals.map((i) => i.baseVolume)).toEqual(scaled)
  })

  it('a weekday + time window scope changes only those intervals', () => {
    const baseline = usBankBaseline()
    const scope = { weekdays: [1], fromMinute: 9 * 60, toMinute: 12 * 60 }
    const scenario = applyScenario(baseline, { volume: [{ scope, kind: 'fraction', changeFraction: -0.25 }] })
    let changed = 0
    scenario.intervals.forEach((s, i) => {
      const p = localParts(s.startMs, TIME_ZONE)
      const inside = p.isoWeekday === 1 && p.minuteOfDay >= 540 && p.minuteOfDay < 720
      expect(isInScope(scope, p)).toBe(inside)
      expect(s.volume).toBe(inside ? baseline.intervals[i].volume * 0.75 : baseline.intervals[i].volume)
      if (inside) changed++
    })
    expect(changed).toBe(6)
  })

  it('contacts added per day are spread in proportion to the forecast; a day total can be set', () => {
    const baseline = usBankBaseline()
    const added = applyScenario(baseline, { volume: [{ scope: { fromDateKey: '2003-10-28', toDateKey: '2003-10-28' }, kind: 'addPerDay', contactsPerDay: 1000 }] })
    expect(dayTotal(added, '2003-10-28')).toBeCloseTo(dayTotal(baseline, '2003-10-28') + 1000, 9)
    expect(dayTotal(added, '2003-10-27')).toBe(dayTotal(baseline, '2003-10-27'))
    const i = baseline.intervals.findIndex((x) => x.volume > 0 && dayOf(x.startMs) === '2003-10-28')
    expect(added.intervals[i].volume / baseline.intervals[i].volume).toBeCloseTo(1 + 1000 / dayTotal(baseline, '2003-10-28'), 12)
    const set = applyScenario(baseline, { volume: [{ scope: { weekdays: [5] }, kind: 'setPerDay', contactsPerDay: 15000 }] })
    expect(dayTotal(set, '2003-10-31')).toBeCloseTo(15000, 9)
  })

  it('contacts added to a closed day go evenly to the hours the scenario opens', () => {
    const baseline = usBankBaseline()
    const hours = [...baseline.openingHours]
    hours[5] = { openMinute: 600, closeMinute: 840 } // Saturday 10:00–14:00
    const scenario = applyScenario(baseline, { openingHours: { days: hours, retainClosedFraction: 0 }, volume: [{ scope: { weekdays: [6] }, kind: 'addPerDay', contactsPerDay: 800 }] })
    const saturday = scenario.intervals.filter((x) => dayOf(x.startMs) === '2003-11-01' && x.volume > 0)
    expect(saturday.length).toBe(8)
    for (const x of saturday) expect(x.volume).toBe(100)
  })

  it('closing earlier moves the retained share of the closed volume into the open hours of the day', () => {
    const baseline = usBankBaseline()
    const days = baseline.openingHours.map((d) => (d ? { openMinute: d.openMinute, closeMinute: 19 * 60 } : null))
    const scenario = applyScenario(baseline, { openingHours: { days, retainClosedFraction: 0.5 } })
    const closed = baseline.intervals.filter((x) => dayOf(x.startMs) === '2003-10-27' && localParts(x.startMs, TIME_ZONE).minuteOfDay >= 19 * 60).reduce((s, x) => s + x.volume, 0)
    expect(closed).toBe(666 + 598 + 599 + 499) // 19:00–21:00 on Monday 20 October 2003
    expect(dayTotal(scenario, '2003-10-27')).toBeCloseTo(dayTotal(baseline, '2003-10-27') - closed / 2, 9)
    for (const x of scenario.intervals) if (localParts(x.startMs, TIME_ZONE).minuteOfDay >= 19 * 60) expect(x.volume).toBe(0)
  })

  it('removing an event gives back the base forecast; an added event multiplies its days', () => {
    const baseline = withPromotion()
    const removed = applyScenario(baseline, { removedEventIds: ['7'] })
    expect(removed.intervals.map((i) => i.volume)).toEqual(baseline.intervals.map((i) => i.baseVolume))
    expect(removed.events).toEqual([])
    const added = applyScenario(usBankBaseline(), { addedEvents: [{ name: 'Launch', fromDateKey: '2003-10-30', toDateKey: '2003-10-31', kind: 'multiplier', value: 1.5 }] })
    expect(dayTotal(added, '2003-10-30')).toBeCloseTo(1.5 * dayTotal(usBankBaseline(), '2003-10-30'), 9)
    expect(dayTotal(added, '2003-10-31')).toBeCloseTo(1.5 * dayTotal(usBankBaseline(), '2003-10-31'), 9)
    expect(dayTotal(added, '2003-10-29')).toBe(dayTotal(usBankBaseline(), '2003-10-29'))
    expect(added.events.map((e) => e.id)).toEqual(['added:1'])
  })

  it('without volume changes the frozen volumes are used as they are', () => {
    const baseline = withPromotion()
    const scenario = applyScenario(baseline, { serviceLevelTarget: 0.9 })
    expect(scenario.intervals).toEqual(baseline.intervals)
  })
})

describe('applyScenario: AHT and settings', () => {
  it('AHT changes apply in scope and carry the settings\' AHT override', () => {
    const baseline = usBankBaseline({ settings: { ...usBankBaseline().settings, ahtOverrideSeconds: 240 } })
    const scenario = applyScenario(baseline, { aht: [{ scope: { toDateKey: '2003-10-28' }, kind: 'fraction', changeFraction: 0.2 }, { scope: { weekdays: [5] }, kind: 'seconds', ahtSeconds: 420 }] })
    expect(scenario.settings.ahtOverrideSeconds).toBeNull()
    scenario.intervals.forEach((s) => {
      const p = localParts(s.startMs, TIME_ZONE)
      expect(s.ahtSeconds).toBe(p.dateKey <= '2003-10-28' ? 288 : p.isoWeekday === 5 ? 420 : 240)
    })
  })

  it('targets, shrinkage, occupancy, FTE hours and cost replace the baseline\'s; null drops a target', () => {
    const scenario = applyScenario(usBankBaseline(), { serviceLevelTarget: 0.9, answerWithinSeconds: 30, asaTargetSeconds: 20, maxOccupancy: 0.85, shrinkageFraction: 0.35, hoursPerFte: 7.5, costPerHour: 42 })
    expect(scenario.settings).toMatchObject({ serviceLevelTarget: 0.9, answerWithinSeconds: 30, asaTargetSeconds: 20, maxOccupancy: 0.85, shrinkageFraction: 0.35, hoursPerFte: 7.5 })
    expect(scenario.costPerHour).toBe(42)
    expect(applyScenario(usBankBaseline(), { serviceLevelTarget: null, asaTargetSeconds: 30 }).settings.serviceLevelTarget).toBeNull()
  })

  it('a concurrency switches to the chat model (α kept or 0); a patience to Erlang A', () => {
    expect(applyScenario(usBankBaseline(), { maxConcurrency: 3 }).settings).toMatchObject({ modelKind: 'chat', maxConcurrency: 3, slowdownAlpha: 0 })
    expect(applyScenario(usBankBaseline(), { maxConcurrency: 2, slowdownAlpha: 0.25 }).settings).toMatchObject({ modelKind: 'chat', maxConcurrency: 2, slowdownAlpha: 0.25 })
    expect(applyScenario(usBankBaseline(), { meanPatienceSeconds: 120, maxAbandonFraction: 0.05 }).settings).toMatchObject({ modelKind: 'erlang_a', meanPatienceSeconds: 120, maxAbandonFraction: 0.05 })
  })

  it('never mutates the baseline', () => {
    const baseline = deepFreeze(withPromotion())
    const before = JSON.stringify(baseline)
    const scenario = applyScenario(baseline, {
      volume: [{ scope: {}, kind: 'fraction', changeFraction: 0.15 }], aht: [{ scope: {}, kind: 'fraction', changeFraction: 0.1 }],
      removedEventIds: ['7'], openingHours: { days: baseline.openingHours.map(() => null), retainClosedFraction: 0 }, shrinkageFraction: 0.4, headcount: { kind: 'perInterval', agents: 100 },
    })
    expect(JSON.stringify(baseline)).toBe(before)
    expect(scenario.intervals.every((i) => i.volume === 0)).toBe(true)
    expect(scenario.headcount).toEqual({ kind: 'perInterval', agents: 100 })
  })

  it('throws a RangeError listing every problem', () => {
    expect(() => applyScenario(usBankBaseline(), { serviceLevelTarget: 1.2, shrinkageFraction: -0.1 }))
      .toThrow('Service level target cannot be over 100%, got 120%; Shrinkage must be from 0% to 90%, got -10%')
  })
})
