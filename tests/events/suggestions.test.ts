import { describe, expect, it } from 'vitest'
import { affectedDates } from '../../src/events/calendar.ts'
import { holidayEvents, publicHolidays } from '../../src/events/holidays.ts'
import { dailyResiduals, suggestEvents } from '../../src/events/suggestions.ts'
import { counterfactualBaseline } from '../../src/events/uplift.ts'
import { israelBank, JERUSALEM } from './realSeries.ts'

describe('suggested events on the Israeli bank 1999', () => {
  const series = israelBank(60)
  const holidays = holidayEvents(publicHolidays('IL', [1999]), { timeZone: JERUSALEM, country: 'IL' })

  it('with the public holidays marked, names the unexplained dips of the year', () => {
    const marked = new Set(holidays.flatMap((e) => affectedDates(e)))
    const expected = counterfactualBaseline(series, { timeZone: JERUSALEM, excludedDates: marked })
    const suggestions = suggestEvents(dailyResiduals(series, expected, JERUSALEM, marked))
    expect(suggestions.map((s) => s.dateKey)).toEqual(['1999-07-24', '1999-03-08'])
    expect(suggestions[1]).toMatchObject({ direction: 'dip', actual: 508 })
    expect(suggestions[1].ratio).toBeCloseTo(508 / suggestions[1].expected, 12)
    expect(suggestions[1].zScore).toBeLessThan(-3.5)
  })

  it('without them, suggests the holidays themselves', () => {
    const expected = counterfactualBaseline(series, { timeZone: JERUSALEM })
    const dates = suggestEvents(dailyResiduals(series, expected, JERUSALEM)).map((s) => s.dateKey)
    for (const holiday of ['1999-04-01', '1999-05-21', '1999-09-20']) expect(dates).toContain(holiday)
  })

  it('validates its options and needs a few days', () => {
    expect(() => suggestEvents([], { threshold: 0 })).toThrow('threshold must be > 0, got 0')
    expect(suggestEvents([{ dateKey: '2024-01-01', actual: 1, expected: 1 }])).toEqual([])
    expect(() => dailyResiduals({ startMs: [0], volumes: [1] }, [], 'UTC')).toThrow('expected has 0 values but the series has 1')
  })
})
