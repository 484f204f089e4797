import { describe, expect, it } from 'vitest'
import { EVE_LEARN_KEY, HOLIDAY_LEARN_KEY, holidayEvents, isHolidayCountry, publicHolidays } from '../../src/events/holidays.ts'
import { affectedDates } from '../../src/events/calendar.ts'

const JERUSALEM = 'Asia/Jerusalem'

describe('public holidays from date-holidays as events', () => {
  const il1999 = holidayEvents(publicHolidays('IL', [1999]), { timeZone: JERUSALEM, country: 'IL', queueId: 3 })

  it('gives Israel 1999 its public holidays and the eves (holidays start at sunset)', () => {
    const holidays = il1999.filter((e) => e.learnKey === HOLIDAY_LEARN_KEY).map((e) => affectedDates(e)[0])
    const eves = il1999.filter((e) => e.learnKey === EVE_LEARN_KEY).map((e) => affectedDates(e)[0])
    // Passover, its seventh day, Independence Day, Shavuot, Rosh Hashanah (two days), Yom Kippur, Sukkot, Simchat Torah.
    expect(holidays).toEqual(['1999-04-01', '1999-04-07', '1999-04-21', '1999-05-21', '1999-09-11', '1999-09-12', '1999-09-20', '1999-09-25', '1999-10-02'])
    // Each eve is the day before; the second day of Rosh Hashanah has no eve of its own (its eve is a holiday).
    expect(eves).toEqual(['1999-03-31', '1999-04-06', '1999-04-20', '1999-05-20', '1999-09-10', '1999-09-19', '1999-09-24', '1999-10-01'])
    expect(il1999.find((e) => e.id === 'holiday:IL:1999-09-20')).toMatchObject({ name: 'Day of Atonement (Yom Kippur)', type: 'holiday', queueId: 3, source: 'holiday', effect: { kind: 'multiplier', value: null } })
    expect(il1999.find((e) => e.id === 'holiday-eve:IL:1999-09-19')!.name).toBe('Eve of Day of Atonement (Yom Kippur)')
  })

  it('covers whole local days', () => {
    const passover = il1999.find((e) => e.id === 'holiday:IL:1999-04-01')!
    expect(new Date(passover.startUtcMs).toISOString()).toBe('1999-03-31T22:00:00.000Z')
    expect(passover.endUtcMs - passover.startUtcMs).toBe(86_400_000)
  })

  it('spreads a multi-day period over its days when its type is chosen', () => {
    const withPeriods = holidayEvents(publicHolidays('IL', [1999]), { timeZone: JERUSALEM, country: 'IL', types: ['public', 'school'] })
    const sukkotWeek = withPeriods.filter((e) => e.name.startsWith('The week of Sukkot')).map((e) => affectedDates(e)[0])
    expect(sukkotWeek).toEqual(['1999-09-26', '1999-09-27', '1999-09-28', '1999-09-29', '1999-09-30', '1999-10-01'])
  })

  it('has no eves where holidays start at midnight (US)', () => {
    const us = holidayEvents(publicHolidays('US', [2003]), { timeZone: 'America/New_York', country: 'US' })
    expect(us.every((e) => e.learnKey === HOLIDAY_LEARN_KEY)).toBe(true)
    expect(us.map((e) => affectedDates(e)[0])).toContain('2003-05-26')
    expect(us.map((e) => affectedDates(e)[0])).toContain('2003-09-01')
  })

  it('refuses an unknown country and a record without a date', () => {
    expect(isHolidayCountry('IL')).toBe(true)
    expect(() => publicHolidays('XX', [2024])).toThrow("holiday country must be a country code date-holidays knows (e.g. IL, US, GB, or with a region such as US-CA), got 'XX'")
    expect(() => publicHolidays('US-ZZ', [2024])).toThrow(/holiday region 'ZZ' is not a region of US that date-holidays knows \(one of AL, AK,/)
    // A region adds its own holidays: California's César Chávez Day is not a US-wide one.
    const names = (code: string) => publicHolidays(code, [2024]).map((h) => h.name)
    expect(names('US-CA').length).toBeGreaterThan(names('US').length)
    expect(() => holidayEvents([{ date: 'soon', start: 0, end: 1, name: 'x', type: 'public' }], { timeZone: 'UTC', country: 'XX' })).toThrow('holidays[0].date must start with YYYY-MM-DD, got soon')
  })
})
