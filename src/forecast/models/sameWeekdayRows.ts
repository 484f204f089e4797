import type { DayGrid } from '../calendar/dayGrid.ts'

/**
 * The day rows of the last `count` days in `history` that fall on the same weekday as `dayNumber` and before it,
 * most recent first. Matching is by calendar (day number modulo 7), so missing days are skipped, never shifted.
 */
export function sameWeekdayRows(history: DayGrid, dayNumber: number, count: number): Float64Array[] {
  const rows: Float64Array[] = []
  for (let i = history.dayNumbers.length - 1; i >= 0 && rows.length < count; i--) {
    const d = history.dayNumbers[i]
    if (d >= dayNumber) continue
    if ((dayNumber - d) % 7 === 0) rows.push(history.values[i])
  }
  return rows
}
