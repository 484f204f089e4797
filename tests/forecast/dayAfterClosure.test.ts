import { describe, expect, it } from 'vitest'
import { HOLIDAY_PRIORS, holidaySpecialDays, weekendOf } from '../../src/events/holidaySpecialDays.ts'
import { publicHolidays } from '../../src/events/holidays.ts'
import { forecastVolumes } from '../../src/forecast/forecastVolumes.ts'
import { DAY_AFTER_CLOSURE, prepareSeries } from '../../src/forecast/prepareSeries.ts'
import { BANK_ZONE, indexOf, readSeries } from './bankData.ts'

// The 2003 US bank at 30 minutes: history to Friday 10 October; the next week has Columbus Day (Monday 13, open)
// and a closed Tuesday 14 (absent from the data), then Wednesday 15 took 34,389 calls (the 5-minute series).
const bank = readSeries('bank_calls_30min.csv')
const cut = indexOf(bank, '2003-10-13')
const end = indexOf(bank, '2003-10-20')
const input = {
  timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: bank.timestamps.slice(cut, end), timeZone: BANK_ZONE,
  specialDays: holidaySpecialDays(publicHolidays('US', [2003]), BANK_ZONE, weekendOf('US')),
}
const dayNumber = (date: string) => Date.parse(date + 'T00:00:00Z') / 86_400_000
const total = (values: readonly number[], date: string) => values.reduce((a, v, i) => (bank.timestamps[cut + i].startsWith(date) ? a + v : a), 0)

describe('the first working day after a closure', () => {
  it('shares the label and prior of the holidays\' day after', () => {
    expect(DAY_AFTER_CLOSURE).toEqual({ label: 'day after holiday', priorMultiplier: HOLIDAY_PRIORS['day after holiday'] })
  })

  it('learns from the days after the closed holidays (Memorial Day, 4th of July, Labor Day) that the day after a closed Tuesday is busy', () => {
    const prepared = prepareSeries(input)
    // The closed Tuesday is known from the future span; Wednesday gets the learned day-after multiplier, above 1.1.
    expect(prepared.calendar.closedDays.has(dayNumber('2003-10-14'))).toBe(true)
    const meanMultiplier = (date: string) => {
      const own = prepared.targetMultipliers.filter((_, i) => prepared.targets[i].dayNumber === dayNumber(date))
      return own.reduce((a, b) => a + b, 0) / own.length
    }
    expect(meanMultiplier('2003-10-15')).toBeGreaterThan(1.1)
    // The history's own days after a closure are kept out of the weekday profiles (Tuesday 27 May, after Memorial Day).
    expect(prepared.excludedDays.has(dayNumber('2003-05-27'))).toBe(true)
    // Columbus Day is a working holiday: a normal day, not a closed one.
    expect(meanMultiplier('2003-10-13')).toBeGreaterThan(0.9)
    // Switched off (the protocol's plain same-weekday baselines): no label, a multiplier of 1, learned from as usual.
    const plain = prepareSeries({ ...input, specialDays: undefined, dayAfterClosure: false })
    expect(plain.targetMultipliers.every((m) => m === 1)).toBe(true)
    expect(plain.excludedDays.has(dayNumber('2003-05-27'))).toBe(false)
  })

  it('forecasts Wednesday 15 October within 5% of what came, with or without the holiday calendar (the closure is known either way), where a normal Wednesday is forecast 10% lower', () => {
    const actual = total(bank.volumes.slice(cut, end), '2003-10-15')
    const model = 'dailyProfile:alpha=0.1,weeks=20'
    const withCalendar = total(forecastVolumes(input, { model }).mean, '2003-10-15')
    const plain = total(forecastVolumes({ ...input, specialDays: undefined }, { model }).mean, '2003-10-15')
    expect(Math.abs(withCalendar / actual - 1)).toBeLessThan(0.05)
    expect(Math.abs(plain / actual - 1)).toBeLessThan(0.05)
    // The same history, forecasting the next Wednesday with every day of that week open: no day-after effect.
    const next = indexOf(bank, '2003-10-22')
    const normal = forecastVolumes({ ...input, futureTimestamps: bank.timestamps.slice(next, next + 28) }, { model }).mean.reduce((a, b) => a + b, 0)
    expect(normal / withCalendar).toBeLessThan(0.92)
  })
})
