import { describe, expect, it } from 'vitest'
import { humanModelFamilyName, humanModelName } from '../../src/format/modelNames.ts'

describe('human names of forecast models', () => {
  it('names each family and variant in words', () => {
    expect(humanModelName('seasonalNaive')).toBe('Same time last week')
    expect(humanModelName('weekdayMedian:k=8')).toBe('Median of the last 8 same weekdays')
    expect(humanModelName('weekdayMean:k=1')).toBe('Average of the last 1 same weekday')
    expect(humanModelName('dailyProfile:alpha=0.1,weeks=12,smooth=0,yearly')).toBe('Daily level × 12-week intraday profile, with last year')
    expect(humanModelName('topDownArima:weeks=12')).toBe('ARIMA daily totals × 12-week intraday profile')
    expect(humanModelName('mstlEts:weeks=8')).toBe('Seasonal decomposition (MSTL + ETS), 8 weeks')
    expect(humanModelName('timeOfDayMean:days=7')).toBe('Average by time of day (last 7 days)')
    expect(humanModelName('ahtWeekdayMean:k=8,shrink=20')).toBe('AHT: average of the last 8 same weekdays')
    expect(humanModelFamilyName('combination')).toBe('Blend of the best models')
    expect(humanModelName('somethingNew:x=1')).toBe('somethingNew:x=1')
  })

  it('names a blend by its members and weights (the raw name the issue found on the page)', () => {
    expect(humanModelName('combination(weekdayMedian:k=8 0.34 + dailyProfile:alpha=0.1,weeks=12,smooth=0 0.66)'))
      .toBe('Blend: Median of the last 8 same weekdays 34% + Daily level × 12-week intraday profile 66%')
  })
})
