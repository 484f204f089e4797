import { describe, expect, it } from 'vitest'
import {
  affectedDates, applyEventEffects, eventIntensityAt, findDuplicateEvent, localDateTimeToUtcMs, pastEventDates, validateEvent,
  FLAT_SHAPE, type CalendarEvent,
} from '../../src/events/calendar.ts'
import { intervalsOfDay } from '../../src/time/intervals.ts'

const ZONE = 'Europe/London'
const t = (iso: string) => localDateTimeToUtcMs(iso, ZONE, 'time')

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: 1, queueId: 7, type: 'promotion', name: 'Spring sale', startUtcMs: t('2024-05-06T00:00'), endUtcMs: t('2024-05-08T00:00'),
    timeZone: ZONE, effect: { kind: 'multiplier', value: 1.5 }, shape: { ...FLAT_SHAPE }, source: 'user', learnKey: 'promotion', ...overrides,
  }
}

describe('validateEvent', () => {
  it('refuses an end before the start, naming both local times', () => {
    expect(() => validateEvent(event({ startUtcMs: t('2024-05-08T09:00'), endUtcMs: t('2024-05-06T17:00') })))
      .toThrow('end (2024-05-06T17:00) must be after start (2024-05-08T09:00)')
  })
  it('refuses a multiplier of zero or below', () => {
    expect(() => validateEvent(event({ effect: { kind: 'multiplier', value: 0 } }))).toThrow('a multiplier must be greater than 0 (1.5 = 50% more volume, 0.5 = half), got 0')
    expect(() => validateEvent(event({ effect: { kind: 'multiplier', value: -2 } }))).toThrow(RangeError)
  })
  it('accepts a negative added volume (an outage) and a null value (learned)', () => {
    expect(() => validateEvent(event({ effect: { kind: 'added', value: -300 } }))).not.toThrow()
    expect(() => validateEvent(event({ effect: { kind: 'multiplier', value: null } }))).not.toThrow()
  })
  it('names an unknown type and a bad shape', () => {
    expect(() => validateEvent(event({ type: 'party' as never }))).toThrow("type must be one of launch, promotion, campaign, holiday, outage, other, got 'party'")
    expect(() => validateEvent(event({ shape: { rampBeforeDays: -1, decayAfterDays: 0, delayDays: 0 } }))).toThrow('shape.rampBeforeDays must be a number of days from 0 to 366, got -1')
    expect(() => validateEvent(event({ name: '  ' }))).toThrow('name must not be empty')
  })
})

describe('localDateTimeToUtcMs', () => {
  it('reads a bare end date as inclusive (the next local midnight), across a DST change', () => {
    // 2024-03-31 is the spring-forward day in London: 23 hours long.
    expect(localDateTimeToUtcMs('2024-03-31', ZONE, 'end', true) - localDateTimeToUtcMs('2024-03-31', ZONE, 'start')).toBe(23 * 3_600_000)
  })
  it('names the argument and the text on bad input', () => {
    expect(() => localDateTimeToUtcMs('next tuesday', ZONE, 'start')).toThrow("start must be a local date-time like 2024-05-01T09:00 or a date like 2024-05-01, got 'next tuesday'")
    expect(() => localDateTimeToUtcMs('2024-02-30', ZONE, 'end')).toThrow("end '2024-02-30' is not a date (YYYY-MM-DD)")
  })
})

describe('event shapes', () => {
  const shaped = event({ shape: { rampBeforeDays: 2, decayAfterDays: 4, delayDays: 1 } })
  it('ramps up linearly before the delayed start, is flat at the peak and decays linearly after', () => {
    // Window 6-8 May, delayed one day: peak 7 May 00:00 to 9 May 00:00; ramp from 5 May; decay to 13 May.
    expect(eventIntensityAt(shaped, t('2024-05-05T00:00'))).toBe(0)
    expect(eventIntensityAt(shaped, t('2024-05-06T00:00'))).toBeCloseTo(0.5, 12)
    expect(eventIntensityAt(shaped, t('2024-05-07T12:00'))).toBe(1)
    expect(eventIntensityAt(shaped, t('2024-05-10T00:00'))).toBeCloseTo(0.75, 12)
    expect(eventIntensityAt(shaped, t('2024-05-13T00:00'))).toBe(0)
  })
  it('lists every local date with an effect', () => {
    expect(affectedDates(shaped)).toEqual(['2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08', '2024-05-09', '2024-05-10', '2024-05-11', '2024-05-12'])
    expect(affectedDates(event())).toEqual(['2024-05-06', '2024-05-07'])
  })
  it('takes only history dates as past event dates', () => {
    expect(pastEventDates([event()], ZONE, t('2024-05-07T10:00'))).toEqual(['2024-05-06', '2024-05-07'])
    expect(pastEventDates([event()], ZONE, t('2024-05-06T00:00'))).toEqual([])
  })
})

describe('findDuplicateEvent', () => {
  const existing = [event()]
  it('finds an overlapping event of the same type and name (ignoring case) in a shared scope', () => {
    expect(findDuplicateEvent(existing, event({ id: 2, name: 'spring  SALE', startUtcMs: t('2024-05-07T00:00'), endUtcMs: t('2024-05-09T00:00') }))?.id).toBe(1)
    expect(findDuplicateEvent(existing, event({ id: 2, queueId: null }))?.id).toBe(1)
  })
  it('lets other names, other queues, other types and back-to-back windows be', () => {
    expect(findDuplicateEvent(existing, event({ id: 2, name: 'Autumn sale' }))).toBeUndefined()
    expect(findDuplicateEvent(existing, event({ id: 2, queueId: 8 }))).toBeUndefined()
    expect(findDuplicateEvent(existing, event({ id: 2, type: 'campaign' }))).toBeUndefined()
    expect(findDuplicateEvent(existing, event({ id: 2, startUtcMs: t('2024-05-08T00:00'), endUtcMs: t('2024-05-09T00:00') }))).toBeUndefined()
    expect(findDuplicateEvent(existing, existing[0])).toBeUndefined()
  })
})

describe('applyEventEffects', () => {
  const starts = Object.freeze(intervalsOfDay('2024-05-06', ZONE, 360)) // four 6-hour intervals
  const base = Object.freeze([0, 100, 300, 0])
  it('multiplies overlapping multipliers and names the events behind each interval', () => {
    const { means, effects } = applyEventEffects(starts, base, [event(), event({ id: 2, name: 'Mail', startUtcMs: t('2024-05-06T12:00') })], { intervalMinutes: 360, timeZone: ZONE, valueOf: (e) => e.effect.value })
    expect(means).toEqual([0, 150, 675, 0])
    expect(effects[2]).toEqual({ multiplier: 2.25, added: 0, eventIds: [1, 2] })
    expect(base).toEqual([0, 100, 300, 0])
  })
  it('spreads an added volume per day over the day in proportion to the base (none when closed)', () => {
    const { means } = applyEventEffects(starts, base, [event({ effect: { kind: 'added', value: 200 } })], { intervalMinutes: 360, timeZone: ZONE, valueOf: (e) => e.effect.value })
    expect(means).toEqual([0, 150, 450, 0])
  })
  it('skips an event whose value is null and never goes below zero', () => {
    const { means } = applyEventEffects(starts, base, [event({ effect: { kind: 'added', value: -1000 } }), event({ id: 3, name: 'x', effect: { kind: 'multiplier', value: null } })], { intervalMinutes: 360, timeZone: ZONE, valueOf: (e) => e.effect.value })
    expect(means).toEqual([0, 0, 0, 0])
  })
  it('rejects a base of another length', () => {
    expect(() => applyEventEffects(starts, [1, 2], [], { intervalMinutes: 360, timeZone: ZONE, valueOf: () => 1 })).toThrow('baseMeans has 2 values but intervalStarts has 4')
  })
})
