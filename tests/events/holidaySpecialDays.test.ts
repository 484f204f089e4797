import { describe, expect, it } from 'vitest'
import { HOLIDAY_PRIORS, holidaySpecialDays, weekendOf } from '../../src/events/holidaySpecialDays.ts'
import { publicHolidays } from '../../src/events/holidays.ts'

const kinds = (days: ReturnType<typeof holidaySpecialDays>) => Object.fromEntries(days.map((d) => [d.date, d.label]))

describe('holidaySpecialDays', () => {
  it('Israel 1999: holidays, their eves (also inside a holiday period), Pesach and Sukkot periods, the rest of a holiday\'s week', () => {
    const days = kinds(holidaySpecialDays(publicHolidays('IL', [1999]), 'Asia/Jerusalem', weekendOf('IL')))
    expect(days['1999-03-31']).toBe('holiday eve')
    expect(days['1999-04-01']).toBe('holiday')
    // Friday and Saturday of Pesach are the weekend: learned apart (a Friday of Pesach is busy, 833 calls against ~500).
    expect(['1999-04-02', '1999-04-03', '1999-04-04', '1999-04-05'].map((d) => days[d])).toEqual(['holiday weekend', 'holiday weekend', 'holiday period', 'holiday period'])
    expect(days['1999-04-06']).toBe('holiday eve') // the eve of the seventh day closes early (89 calls that day)
    expect(days['1999-04-07']).toBe('holiday')
    expect(days['1999-09-20']).toBe('holiday') // Yom Kippur
    expect(days['1999-09-19']).toBe('holiday eve')
    // Yom Kippur's week (Sunday 19 - Thursday 23 September; Friday and Saturday are the weekend): the other days.
    expect(days['1999-09-21']).toBe('day after holiday') // 1,713 calls against about 1,500 on a normal Tuesday
    expect(days['1999-09-23']).toBe('holiday week')
    expect(days['1999-09-28']).toBe('holiday period')
    expect(days['1999-05-09']).toBeUndefined() // a week without a holiday
    expect(days['1999-10-02']).toBe('holiday weekend') // Simchat Torah, a Saturday
  })

  it('US 2003: no eves; Thanksgiving Friday is a bridge day; the 4th of July week; each day carries its kind and prior', () => {
    const list = holidaySpecialDays(publicHolidays('US', [2003]), 'America/New_York', weekendOf('US'))
    const days = kinds(list)
    expect(days['2003-07-04']).toBe('holiday')
    expect(['2003-06-30', '2003-07-01', '2003-07-02', '2003-07-03'].map((d) => days[d])).toEqual(['holiday week', 'holiday week', 'holiday week', 'holiday week'])
    expect(days['2003-07-05']).toBeUndefined() // weekend
    expect(days['2003-07-08']).toBeUndefined() // the next week
    expect(days['2003-11-27']).toBe('holiday')
    expect(days['2003-11-28']).toBe('bridge day')
    // The first working day after a holiday: the Tuesday after Labor Day, the Monday after the 4th of July (a Friday).
    expect([days['2003-09-02'], days['2003-09-03'], days['2003-07-07']]).toEqual(['day after holiday', 'holiday week', 'day after holiday'])
    expect(Object.values(days)).not.toContain('holiday eve')
    expect(list.find((d) => d.date === '2003-11-28')).toEqual({ date: '2003-11-28', label: 'bridge day', priorMultiplier: HOLIDAY_PRIORS['bridge day'] })
  })

  it('US 2003: Columbus Day and Veterans Day are working holidays (a normal day until the history says otherwise), with no holiday week', () => {
    const list = holidaySpecialDays(publicHolidays('US', [2003]), 'America/New_York', weekendOf('US'))
    const days = kinds(list)
    expect(days['2003-10-13']).toBe('working holiday')
    expect(days['2003-11-11']).toBe('working holiday')
    expect(['2003-10-14', '2003-10-15', '2003-10-16', '2003-10-17'].map((d) => days[d])).toEqual([undefined, undefined, undefined, undefined])
    expect(list.find((d) => d.date === '2003-10-13')?.priorMultiplier).toBe(1)
    expect(days['2003-09-01']).toBe('holiday') // Labor Day: the bank was closed
    expect(days['2003-10-31']).toBeUndefined() // Halloween is an observance
  })

  it('weekends by country; refuses a record without a date', () => {
    expect(weekendOf('IL')).toEqual([5, 6])
    expect(weekendOf('gb')).toEqual([6, 7])
    expect(() => holidaySpecialDays([{ date: 'soon', start: 0, end: 1, name: 'x', type: 'public' }], 'UTC')).toThrow('holidays[0].date must start with YYYY-MM-DD, got soon')
  })
})
