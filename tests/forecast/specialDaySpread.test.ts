import { describe, expect, it } from 'vitest'
import { holidaySpecialDays, weekendOf } from '../../src/events/holidaySpecialDays.ts'
import { publicHolidays } from '../../src/events/holidays.ts'
import { learnedMultipliers, prepareSeries } from '../../src/forecast/prepareSeries.ts'
import { BANK_ZONE, indexOf, readSeries } from './bankData.ts'

// The 2003 US bank at 30 minutes, history to Friday 26 September: its past holiday weeks are Memorial Day's
// (Wednesday 28 to Friday 30 May), the 4th of July's (Monday 30 June to Thursday 3 July) and Labor Day's
// (Wednesday 3 to Friday 5 September): ten days after the days after.
const bank = readSeries('bank_calls_30min.csv')
const cut = indexOf(bank, '2003-09-29')
const specialDays = holidaySpecialDays(publicHolidays('US', [2003]), BANK_ZONE, weekendOf('US'))
const prepared = prepareSeries({ timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: [bank.timestamps[cut]], timeZone: BANK_ZONE, specialDays })
const dayNumber = (date: string) => Date.parse(date + 'T00:00:00Z') / 86_400_000
const specials = new Map(specialDays.map((s) => [dayNumber(s.date), s]))

describe('the spread of a special day kind (what widens its intervals)', () => {
  const learned = learnedMultipliers(prepared.grid, specials, prepared.excludedDays)

  it('comes mostly from the history\'s own days of the kind: the mild US holiday weeks are not 0.2 wide', () => {
    const week = learned.get('holiday week')!
    expect(week.count).toBe(10)
    // Holiday-week days took about 8% more calls than their same-weekday neighbours, give or take a few percent.
    expect(week.day).toBeCloseTo(1.08, 2)
    // One pseudo-day of the 0.2 prior among ten days: sqrt((sum of squares + 0.04) / 11) = 0.079 (two pseudo-days gave 0.095).
    expect(week.sd).toBeCloseTo(0.0785, 3)
  })

  it('stays at the prior for a kind the history never saw (Columbus Day, a working holiday, comes after the cut)', () => {
    expect(learned.get('working holiday')!.count).toBe(0)
    expect(learned.get('working holiday')!.sd).toBeCloseTo(0.2, 10)
  })
})
