import { describe, expect, it } from 'vitest'
import { isWeekendDate, weekRulesOf, weekStartDateOf } from '../../src/scheduling/weekRules.ts'

describe('weekRulesOf', () => {
  it('follows the holiday country: Israel Sunday-first with a Friday–Saturday weekend, elsewhere Monday with Saturday–Sunday', () => {
    expect(weekRulesOf({ holidayCountry: 'IL' })).toEqual({ weekStartsOn: 'sun', weekendDays: ['fri', 'sat'] })
    expect(weekRulesOf({ holidayCountry: 'US' })).toEqual({ weekStartsOn: 'mon', weekendDays: ['sat', 'sun'] })
    expect(weekRulesOf({ holidayCountry: null })).toEqual({ weekStartsOn: 'mon', weekendDays: ['sat', 'sun'] })
  })
  it('lets the queue set either part, the other following the country', () => {
    expect(weekRulesOf({ holidayCountry: 'IL', weekStartsOn: 'mon' })).toEqual({ weekStartsOn: 'mon', weekendDays: ['fri', 'sat'] })
    expect(weekRulesOf({ holidayCountry: 'US', weekendDays: ['sun', 'fri'] })).toEqual({ weekStartsOn: 'mon', weekendDays: ['fri', 'sun'] })
    expect(weekRulesOf({ holidayCountry: 'US', weekendDays: [] })).toEqual({ weekStartsOn: 'mon', weekendDays: [] })
  })
})

describe('weekStartDateOf and isWeekendDate', () => {
  it('starts the week of Sunday 10 March 2024 that day for a Sunday-first queue, on Monday 4 March otherwise', () => {
    expect(weekStartDateOf('2024-03-10T08:30', 'sun')).toBe('2024-03-10')
    expect(weekStartDateOf('2024-03-16T08:30', 'sun')).toBe('2024-03-10')
    expect(weekStartDateOf('2024-03-10T08:30', 'mon')).toBe('2024-03-04')
    expect(weekStartDateOf('2024-03-11T00:00', 'mon')).toBe('2024-03-11')
  })
  it('says Friday 8 March is a weekend day in Israel and Sunday 10 March is not', () => {
    expect(isWeekendDate('2024-03-08T08:30', ['fri', 'sat'])).toBe(true)
    expect(isWeekendDate('2024-03-10T08:30', ['fri', 'sat'])).toBe(false)
    expect(isWeekendDate('2024-03-10T08:30', ['sat', 'sun'])).toBe(true)
  })
})
