import { weekdayOfDayNumber } from './localPositions.ts'

/** What is known about the calendar of a series: which weekdays it works, which dates it is closed. */
export interface CalendarKnowledge {
  /** ISO weekdays (1 = Monday) on which the team normally works. */
  openWeekdays: ReadonlySet<number>
  /** Local day numbers of closed dates (declared, gaps on open weekdays inside the history, or skipped in the future span). */
  closedDays: ReadonlySet<number>
}

/**
 * Open weekdays: those present in at least 30% of the calendar weeks spanned by the history
 * (so a weekday missing for a holiday or two stays open).
 */
export function openWeekdaysOf(dayNumbers: readonly number[]): Set<number> {
  const open = new Set<number>()
  if (dayNumbers.length === 0) return open
  const weeks = Math.max(1, (dayNumbers[dayNumbers.length - 1] - dayNumbers[0] + 1) / 7)
  const counts = new Array(8).fill(0)
  for (const d of dayNumbers) counts[weekdayOfDayNumber(d)]++
  for (let w = 1; w <= 7; w++) if (counts[w] >= Math.max(1, 0.3 * weeks)) open.add(w)
  return open
}

/** Open weekdays in [first, last] (day numbers, inclusive) that are not in `present`. */
export function missingOpenDays(first: number, last: number, present: ReadonlySet<number>, openWeekdays: ReadonlySet<number>): number[] {
  const missing: number[] = []
  for (let d = first; d <= last; d++) if (openWeekdays.has(weekdayOfDayNumber(d)) && !present.has(d)) missing.push(d)
  return missing
}

/** Number of consecutive closed open-weekday dates just before `dayNumber` (0 for a normal day). */
export function closedDaysBefore(dayNumber: number, calendar: CalendarKnowledge): number {
  let count = 0
  for (let d = dayNumber - 1; d > dayNumber - 15; d--) {
    if (!calendar.openWeekdays.has(weekdayOfDayNumber(d))) continue
    if (!calendar.closedDays.has(d)) break
    count++
  }
  return count
}

/**
 * Business day of the month of `dayNumber`, counted from the start (1 = first working day) and from the end
 * (1 = last working day), over open weekdays that are not closed.
 */
export function businessDayOfMonth(dayNumber: number, calendar: CalendarKnowledge): { fromStart: number; fromEnd: number } {
  const date = new Date(dayNumber * 86_400_000)
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000
  const last = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / 86_400_000
  const isWorking = (d: number) => calendar.openWeekdays.has(weekdayOfDayNumber(d)) && !calendar.closedDays.has(d)
  let fromStart = 0
  for (let d = first; d <= dayNumber; d++) if (isWorking(d)) fromStart++
  let fromEnd = 0
  for (let d = last; d >= dayNumber; d--) if (isWorking(d)) fromEnd++
  return { fromStart, fromEnd }
}
