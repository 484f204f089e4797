import type { LocalPosition } from './localPositions.ts'

/**
 * History laid out by local calendar day and interval of the day, so that "the same weekday and time k weeks ago"
 * is a lookup by `dayNumber - 7k`, never an index shift (missing days stay missing).
 */
export interface DayGrid {
  intervalMinutes: number
  /** Intervals in a 24-hour local day (1440 / intervalMinutes). */
  slotsPerDay: number
  /** Local day numbers with at least one observation, increasing. */
  dayNumbers: number[]
  /** `values[i][slot]` for day `dayNumbers[i]`; NaN where not observed. */
  values: Float64Array[]
}

/** Slot of the day of a local position: interval index after local midnight. */
export function slotOfPosition(position: LocalPosition, intervalMinutes: number): number {
  return Math.floor(position.minuteOfDay / intervalMinutes)
}

/**
 * Builds the day grid from positions and values of the same length. The second pass through a repeated
 * wall-clock hour (fold 1, the day clocks go back) is not stored: profiles are learned from the first pass.
 */
export function buildDayGrid(positions: readonly LocalPosition[], values: ArrayLike<number>, intervalMinutes: number): DayGrid {
  const slotsPerDay = 1440 / intervalMinutes
  const dayNumbers: number[] = []
  const rows: Float64Array[] = []
  let currentDay = Number.NaN
  let row: Float64Array | undefined
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]
    if (position.fold === 1) continue
    if (position.dayNumber !== currentDay) {
      currentDay = position.dayNumber
      row = new Float64Array(slotsPerDay).fill(Number.NaN)
      dayNumbers.push(currentDay)
      rows.push(row)
    }
    row![slotOfPosition(position, intervalMinutes)] = values[i]
  }
  return { intervalMinutes, slotsPerDay, dayNumbers, values: rows }
}

const beforeCache = new WeakMap<DayGrid, Map<number, DayGrid>>()

/**
 * The grid restricted to days before `dayNumber` (the training part of a backtest origin); shares the day rows.
 * The same object is returned for the same grid and day, so what models derive from it can be cached by identity.
 */
export function gridBefore(grid: DayGrid, dayNumber: number): DayGrid {
  let byDay = beforeCache.get(grid)
  if (!byDay) beforeCache.set(grid, (byDay = new Map()))
  let cut = byDay.get(dayNumber)
  if (!cut) byDay.set(dayNumber, (cut = sliceBefore(grid, dayNumber)))
  return cut
}

function sliceBefore(grid: DayGrid, dayNumber: number): DayGrid {
  let end = 0
  while (end < grid.dayNumbers.length && grid.dayNumbers[end] < dayNumber) end++
  return { ...grid, dayNumbers: grid.dayNumbers.slice(0, end), values: grid.values.slice(0, end) }
}

/** The grid without the given days (closed or special days, kept out of learning). */
export function gridWithoutDays(grid: DayGrid, excluded: ReadonlySet<number>): DayGrid {
  if (excluded.size === 0) return grid
  const keep = grid.dayNumbers.map((d, i) => (excluded.has(d) ? -1 : i)).filter((i) => i >= 0)
  return { ...grid, dayNumbers: keep.map((i) => grid.dayNumbers[i]), values: keep.map((i) => grid.values[i]) }
}

/** Sum of the observed values of one day row. */
export function observedSum(row: Float64Array): number {
  let total = 0
  for (let s = 0; s < row.length; s++) if (row[s] === row[s]) total += row[s]
  return total
}

/** Index of `dayNumber` in the grid, or -1. Binary search (days are increasing). */
export function indexOfDay(grid: DayGrid, dayNumber: number): number {
  let lo = 0
  let hi = grid.dayNumbers.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const d = grid.dayNumbers[mid]
    if (d === dayNumber) return mid
    if (d < dayNumber) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
