import { describe, expect, it } from 'vitest'
import { holidayDateHours, mergeDateHours } from '../../src/scheduling/holidayDateHours.ts'
import { publicHolidays } from '../../src/events/holidays.ts'

// Sun-Thu 07:00-24:00, Fri 07:00-14:00, Sat closed (Monday first): the demo queue PS.
const IL_HOURS = [0, 1, 2, 3, 4, 5, 6].map((i) => (i === 5 ? null : i === 4 ? { openMinute: 420, closeMinute: 840 } : { openMinute: 420, closeMinute: 1440 }))
// Mon-Fri 07:00-21:00: the US bank.
const US_HOURS = [0, 1, 2, 3, 4, 5, 6].map((i) => (i >= 5 ? null : { openMinute: 420, closeMinute: 1260 }))

describe('holidayDateHours: what public holidays do to a queue\'s dates', () => {
  it('closes the US public holidays of 2003 all day, and nothing else (observances and optional days stay open)', () => {
    const effects = holidayDateHours(publicHolidays('US', [2003]), US_HOURS, { eves: true })
    expect(effects.map((e) => [e.hours.dateKey, e.hours.reason, e.hours.closed, e.changesHours])).toEqual([
      ['2003-01-01', "New Year's Day", true, true], ['2003-01-20', 'Martin Luther King Jr. Day', true, true], ['2003-02-17', "Washington's Birthday", true, true],
      ['2003-05-26', 'Memorial Day', true, true], ['2003-07-04', 'Independence Day', true, true], ['2003-09-01', 'Labour Day', true, true],
      ['2003-10-13', 'Columbus Day', true, true], ['2003-11-11', 'Veterans Day', true, true], ['2003-11-27', 'Thanksgiving Day', true, true],
      ['2003-12-25', 'Christmas Day', true, true],
    ])
  })

  it('closes Israeli holidays and, when asked, shortens their eves to the 18:00 the holiday begins (a Friday eve closes at 14:00 anyway)', () => {
    const without = holidayDateHours(publicHolidays('IL', [2003]), IL_HOURS, { eves: false })
    expect(without.every((e) => e.kind === 'holiday' && e.hours.closed)).toBe(true)
    const withEves = holidayDateHours(publicHolidays('IL', [2003]), IL_HOURS, { eves: true })
    const on = (d: string) => withEves.find((e) => e.hours.dateKey === d)
    expect(on('2003-10-06')).toMatchObject({ kind: 'holiday', hours: { closed: true, reason: 'Day of Atonement (Yom Kippur)' }, changesHours: true })
    expect(on('2003-10-05')).toMatchObject({ kind: 'eve', hours: { closed: false, openMinute: 420, closeMinute: 1080, reason: 'eve of Day of Atonement (Yom Kippur)' }, changesHours: true })
    // Rosh Hashanah 2003 began Saturday 27 September: day 2 (Sunday 28) is a holiday itself, not the eve of anything
    expect(on('2003-09-28')).toMatchObject({ kind: 'holiday', hours: { closed: true } })
    // Sukkot 2003 began on Saturday 11 October: its eve is Friday 10, which closes at 14:00 before 18:00 comes
    expect(on('2003-10-10')).toMatchObject({ kind: 'eve', changesHours: false })
    expect(on('2003-10-11')).toMatchObject({ kind: 'holiday', changesHours: false }) // closed on Saturdays anyway
  })

  it('lets a date set by hand win, and leaves out holidays that change nothing', () => {
    const effects = holidayDateHours(publicHolidays('IL', [2003]), IL_HOURS, { eves: true }).filter((e) => e.hours.dateKey >= '2003-10-05' && e.hours.dateKey <= '2003-10-11')
    const merged = mergeDateHours([{ dateKey: '2003-10-05', closed: false, openMinute: 420, closeMinute: 1440, reason: 'open as usual' }], effects)
    expect(merged.map((d) => [d.dateKey, d.closed, d.closeMinute ?? null, d.reason])).toEqual([
      ['2003-10-05', false, 1440, 'open as usual'], ['2003-10-06', true, null, 'Day of Atonement (Yom Kippur)'],
    ])
  })

  it('refuses a holiday date not in date-holidays\' form, naming the holiday', () => {
    expect(() => holidayDateHours([{ date: '6/10/2003', name: 'Odd day', type: 'public' }], IL_HOURS, { eves: false })).toThrow("holiday 'Odd day': date '6/10/2003' is not written YYYY-MM-DD HH:MM:SS")
  })
})
