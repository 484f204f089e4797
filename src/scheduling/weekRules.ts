/**
 * A queue's week: the day it starts on and its weekend days, which the web roster uses to group agent-weeks, to
 * count weekend shifts as undesirable and to give the roster optimiser its rules (as the CLI's `week_starts_on` and
 * `weekend_days`). Set per queue, or by default from its holiday country's custom (the countries whose weekend is
 * Friday and Saturday start their week on Sunday), else Monday with Saturday and Sunday.
 */
import { WEEKDAYS, type Weekday } from './localTime.ts'

export interface WeekRules { weekStartsOn: Weekday; weekendDays: Weekday[] }

export const DEFAULT_WEEK_RULES: WeekRules = { weekStartsOn: 'mon', weekendDays: ['sat', 'sun'] }

/** Holiday countries (ISO 3166 alpha-2) whose week runs Sunday to Saturday with a Friday–Saturday weekend. */
const SUNDAY_FIRST_FRI_SAT = new Set(['IL', 'SA', 'EG', 'JO', 'KW', 'QA', 'BH', 'OM', 'IQ', 'DZ', 'LY', 'SD', 'YE', 'SY', 'BD'])

/**
 * The week of a queue: its own settings where set, else its country's custom.
 * @example weekRulesOf({ holidayCountry: 'IL' }) // { weekStartsOn: 'sun', weekendDays: ['fri', 'sat'] }
 */
export function weekRulesOf(queue: { holidayCountry?: string | null; weekStartsOn?: string | null; weekendDays?: readonly string[] | null }): WeekRules {
  const custom = queue.holidayCountry && SUNDAY_FIRST_FRI_SAT.has(queue.holidayCountry.toUpperCase()) ? { weekStartsOn: 'sun' as Weekday, weekendDays: ['fri', 'sat'] as Weekday[] } : DEFAULT_WEEK_RULES
  const start = WEEKDAYS.find((d) => d === queue.weekStartsOn)
  const weekend = queue.weekendDays ? WEEKDAYS.filter((d) => queue.weekendDays!.includes(d)) : undefined
  return { weekStartsOn: start ?? custom.weekStartsOn, weekendDays: weekend ?? [...custom.weekendDays] }
}

/** The first day 'YYYY-MM-DD' of the week (by weekStartsOn) that holds a local date-time 'YYYY-MM-DD…'. */
export function weekStartDateOf(localDateTime: string, weekStartsOn: Weekday): string {
  const day = new Date(localDateTime.slice(0, 10) + 'T00:00:00Z')
  const weekday = (day.getUTCDay() + 6) % 7 // 0 = Monday
  day.setUTCDate(day.getUTCDate() - ((weekday - WEEKDAYS.indexOf(weekStartsOn) + 7) % 7))
  return day.toISOString().slice(0, 10)
}

/** Whether a local date-time 'YYYY-MM-DD…' falls on a weekend day. */
export function isWeekendDate(localDateTime: string, weekendDays: readonly Weekday[]): boolean {
  return weekendDays.includes(WEEKDAYS[(new Date(localDateTime.slice(0, 10) + 'T00:00:00Z').getUTCDay() + 6) % 7])
}
