import { describe, expect, it } from 'vitest'
import { seasonalNaiveModel } from '../../../src/forecast/models/seasonalNaive.ts'
import { indexOf, readSeries } from '../bankData.ts'
import { contextOf } from './modelContext.ts'

const bank = readSeries('bank_calls_30min.csv')

describe('seasonal naive (same weekday and time, last such day)', () => {
  it('forecasts Monday 2003-10-20 with the values of Monday 2003-10-13', () => {
    const cut = indexOf(bank, '2003-10-20')
    const means = seasonalNaiveModel().forecastMeans(contextOf(bank, cut, 28))
    const lastMonday = indexOf(bank, '2003-10-13')
    expect(Array.from(means)).toEqual(bank.volumes.slice(lastMonday, lastMonday + 28))
    expect(means[0]).toBe(bank.volumes[lastMonday])
  })

  it('over a gap (Friday 2003-07-04 missing) it matches the calendar, two weeks back, never the shifted index', () => {
    const cut = indexOf(bank, '2003-07-07')
    // History cut on Monday 07-07, forecast the next week: Friday 07-11 comes from Friday 06-27.
    const context = contextOf(bank, cut, 5 * 28)
    const means = seasonalNaiveModel().forecastMeans(context)
    const friday = indexOf(bank, '2003-06-27')
    const fridayTargets = context.targets.map((t, i) => ({ t, i })).filter(({ t }) => t.dayNumber === context.targetDays[4])
    expect(fridayTargets.map(({ i }) => means[i])).toEqual(bank.volumes.slice(friday, friday + 28))
  })
})
