/**
 * The calendar per date on a real week: the Anonymous Bank's requirement of Fri 1 – Thu 7 October 1999 (Israel),
 * with Simchat Torah (Sat 2 October, a public holiday in date-holidays' Israeli calendar) closing the centre and
 * its eve, Friday, cut to 07:00–12:00.
 */
import { describe, expect, it } from 'vitest'
import { benchOpeningHours, benchRequirement, benchTemplates } from '../../src/bench/bankRequirement.ts'
import { publicHolidays } from '../../src/events/holidays.ts'
import { dateHoursChanges, dateHoursProblem, describeDateHoursChange, isOpenOnDate, openWindowOfDate, type DateOpeningHours, type WeekdayWindows } from '../../src/scheduling/dateOpeningHours.ts'
import { solveSchedule } from '../../src/scheduling/solve.ts'

// The bench's hours, Monday first: Sun-Thu 07:00-24:00, Fri 07:00-14:00, Sat 19:00-24:00.
const WEEKDAYS: WeekdayWindows = [
  { openMinute: 420, closeMinute: 1440 }, { openMinute: 420, closeMinute: 1440 }, { openMinute: 420, closeMinute: 1440 }, { openMinute: 420, closeMinute: 1440 },
  { openMinute: 420, closeMinute: 840 }, { openMinute: 1140, closeMinute: 1440 }, { openMinute: 420, closeMinute: 1440 },
]
const simchatTorah = publicHolidays('IL', [1999]).find((h) => h.type === 'public' && h.date.startsWith('1999-10-02'))!
const DATES: DateOpeningHours[] = [
  { dateKey: '1999-10-02', closed: true, reason: simchatTorah.name },
  { dateKey: '1999-10-01', closed: false, openMinute: 420, closeMinute: 720, reason: 'eve of Simchat Torah' },
]
const byDate = new Map(DATES.map((d) => [d.dateKey, d]))

describe('opening hours per date', () => {
  it('closes a holiday, shortens its eve and leaves other dates on their weekday hours', () => {
    expect(simchatTorah.name).toBe('Simchat Torah/ Shmini Atzeret')
    expect(openWindowOfDate('1999-10-02', WEEKDAYS, byDate)).toBeNull()
    expect(openWindowOfDate('1999-10-01', WEEKDAYS, byDate)).toEqual({ openMinute: 420, closeMinute: 720 })
    expect(openWindowOfDate('1999-10-09', WEEKDAYS, byDate)).toEqual({ openMinute: 1140, closeMinute: 1440 }) // another Saturday
    expect(isOpenOnDate('1999-10-01', 690, 30, WEEKDAYS, byDate)).toBe(true)
    expect(isOpenOnDate('1999-10-01', 720, 30, WEEKDAYS, byDate)).toBe(false)
  })

  it('refuses hours that widen the weekday, naming the date and the weekday\'s hours', () => {
    expect(dateHoursProblem({ dateKey: '1999-10-01', closed: false, openMinute: 420, closeMinute: 900, reason: '' }, WEEKDAYS))
      .toBe("1999-10-01: a date can close or shorten the day, not widen it: 07:00–15:00 is outside Friday's hours 07:00–14:00")
    expect(dateHoursProblem({ dateKey: '1999-10-01', closed: false, openMinute: 600, closeMinute: 540, reason: '' }, WEEKDAYS)).toBe('1999-10-01: Closes at must be after Opens at')
    expect(dateHoursProblem(DATES[0], WEEKDAYS)).toBeNull()
    expect(dateHoursProblem(DATES[1], WEEKDAYS)).toBeNull()
  })

  it('gives the holiday no need and no shift, and the short eve no need or shift start after 12:00 (a real week, HiGHS)', async () => {
    const week = benchRequirement().filter((i) => i.start >= '1999-10-01' && i.start < '1999-10-08')
    const open = week.filter((i) => isOpenOnDate(i.start.slice(0, 10), Number(i.start.slice(11, 13)) * 60 + Number(i.start.slice(14, 16)), 30, WEEKDAYS, byDate))
    // Saturday 19:00-24:00 (10 intervals) and Friday 12:00-14:00 (4) are gone; the other 5 days keep 07:00-24:00 (34 each).
    expect(week.length - open.length).toBe(14)
    expect(open.filter((i) => i.start.startsWith('1999-10-02'))).toEqual([])
    expect(open.filter((i) => i.start.startsWith('1999-10-01')).map((i) => i.start.slice(11))).toEqual(['07:00', '07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'])
    // Saturday's template minimum would otherwise force a shift onto the closed date.
    const templates = benchTemplates.map((t) => (t.name === '4h' ? { ...t, minCountPerDay: 1 } : t))
    const closedDates = DATES.filter((d) => d.closed).map((d) => d.dateKey)
    const result = await solveSchedule({ intervalMinutes: 30, intervals: open }, templates, { openingHours: benchOpeningHours, closedDates, timeLimitSeconds: 30, mipRelativeGap: 0.02 })
    if (result.status !== 'optimal' && result.status !== 'feasible') throw new Error(`not solved: ${result.status}`)
    const starts = result.schedule.shifts.filter((s) => s.count > 0).map((s) => s.start)
    expect(starts.filter((s) => s.startsWith('1999-10-02'))).toEqual([])
    expect(starts.filter((s) => s.startsWith('1999-10-01') && s.slice(11) >= '12:00')).toEqual([])
    expect(starts.filter((s) => s.startsWith('1999-10-03')).length).toBeGreaterThan(0)
    // Without the closed date, the minimum puts a 4h shift on the holiday.
    const unclosed = await solveSchedule({ intervalMinutes: 30, intervals: open }, templates, { openingHours: benchOpeningHours, timeLimitSeconds: 30, mipRelativeGap: 0.02 })
    if (unclosed.status !== 'optimal' && unclosed.status !== 'feasible') throw new Error(`not solved: ${unclosed.status}`)
    expect(unclosed.schedule.shifts.filter((s) => s.count > 0 && s.start.startsWith('1999-10-02')).map((s) => s.templateName)).toEqual(['4h'])
  }, 120_000)
})

describe('dateHoursChanges: the dates a stored plan no longer matches', () => {
  const closedSimchatTorah: DateOpeningHours = { dateKey: '1999-10-02', closed: true, reason: 'Simchat Torah' }
  const shortEve: DateOpeningHours = { dateKey: '1999-10-01', closed: false, openMinute: 420, closeMinute: 720, reason: 'eve' }
  it('finds dates closed, shortened or opened again since, in date order, and ignores a reason alone', () => {
    expect(dateHoursChanges([], [])).toEqual([])
    expect(dateHoursChanges([shortEve, closedSimchatTorah], [{ ...shortEve, reason: 'eve of Simchat Torah' }, { ...closedSimchatTorah, reason: 'holiday' }])).toEqual([])
    const later = { ...shortEve, closeMinute: 660 }
    const added: DateOpeningHours = { dateKey: '1999-10-05', closed: true, reason: 'training' }
    expect(dateHoursChanges([closedSimchatTorah, shortEve], [added, later])).toEqual([
      { dateKey: '1999-10-01', before: shortEve, now: later },
      { dateKey: '1999-10-02', before: closedSimchatTorah, now: null },
      { dateKey: '1999-10-05', before: null, now: added },
    ])
  })
  it('says each change in the user\'s words', () => {
    expect(describeDateHoursChange({ dateKey: '1999-10-05', before: null, now: { dateKey: '1999-10-05', closed: true, reason: 'training' } })).toBe('1999-10-05: now closed: training (was open as on its weekday)')
    expect(describeDateHoursChange({ dateKey: '1999-10-01', before: shortEve, now: { ...shortEve, closeMinute: 660 } })).toBe('1999-10-01: now open 07:00–11:00 only: eve (was open 07:00–12:00 only: eve)')
  })
})
