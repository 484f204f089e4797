/**
 * Template -> coverage vector over the requirement's interval grid. A shift covers the part of each listed
 * interval it spans (a fraction when it starts or ends inside an interval), less the part spent on breaks.
 * Vectors are sparse: the indices of the requirement intervals touched and the fraction of each covered.
 */
import { formatLocalDate, MINUTES_PER_DAY, startOfLocalDay, weekdayOf } from './localTime.ts'
import { startMinutesOnWeekday, type ValidOpeningHours } from './openingHours.ts'
import type { ValidRequirement } from './requirement.ts'
import type { ValidShiftTemplate } from './shiftTemplates.ts'

export interface SparseVector {
  indices: number[]
  values: number[]
}

/** The interval grid of a requirement: interval length and where each listed start sits. */
export interface IntervalGrid {
  intervalMinutes: number
  originMinute: number
  indexOfStart: Map<number, number>
  size: number
}

export function intervalGridOf(requirement: ValidRequirement): IntervalGrid {
  return {
    intervalMinutes: requirement.intervalMinutes,
    originMinute: requirement.startMinutes[0],
    indexOfStart: new Map(requirement.startMinutes.map((m, i) => [m, i])),
    size: requirement.startMinutes.length,
  }
}

/**
 * Fraction of each listed interval inside [fromMinute, toMinute) (local minutes).
 * @example on a 30-min grid, 06:15-07:00 covers the 06:00 interval 0.5 and the 06:30 interval 1
 */
export function spanCoverage(grid: IntervalGrid, fromMinute: number, toMinute: number): SparseVector {
  const { intervalMinutes, originMinute, indexOfStart } = grid
  const indices: number[] = [], values: number[] = []
  let t = originMinute + Math.floor((fromMinute - originMinute) / intervalMinutes) * intervalMinutes
  for (; t < toMinute; t += intervalMinutes) {
    const overlap = Math.min(toMinute, t + intervalMinutes) - Math.max(fromMinute, t)
    const index = indexOfStart.get(t)
    if (overlap > 0 && index !== undefined) {
      indices.push(index)
      values.push(overlap / intervalMinutes)
    }
  }
  return { indices, values }
}

/** A break of one shift as placed: minutes after the shift start and length. */
export interface PlacedBreak {
  offsetMinutes: number
  lengthMinutes: number
}

/**
 * Agents a single shift puts on the queue in each listed interval, net of its breaks.
 * @example an 8-h shift from 06:00 with a 30-min break 4 h in covers 06:00-09:30 fully, 10:00 0, 10:30-13:30 fully
 */
export function shiftCoverage(grid: IntervalGrid, startMinute: number, lengthMinutes: number, breaks: readonly PlacedBreak[] = []): SparseVector {
  const gross = spanCoverage(grid, startMinute, startMinute + lengthMinutes)
  const net = new Map<number, number>()
  gross.indices.forEach((index, k) => net.set(index, gross.values[k]))
  for (const b of breaks) {
    const away = spanCoverage(grid, startMinute + b.offsetMinutes, startMinute + b.offsetMinutes + b.lengthMinutes)
    away.indices.forEach((index, k) => net.set(index, (net.get(index) ?? 0) - away.values[k]))
  }
  const indices = [...net.keys()].filter((i) => net.get(i)! > 1e-12).sort((a, b) => a - b)
  return { indices, values: indices.map((i) => net.get(i)!) }
}

/** One allowed start of one template on the grid, with the coverage of the shift and of each break placement. */
export interface ShiftStartCandidate {
  templateIndex: number
  /** Local minutes of the start. */
  startMinute: number
  /** Local midnight of the start day (for per-day counts). */
  dayMinute: number
  /** Gross coverage (on shift, breaks not subtracted; breakChains.ts takes the breaks out). */
  coverage: SparseVector
}

export interface EnumerateOptions {
  openingHours?: ValidOpeningHours
  /** Local dates 'YYYY-MM-DD' closed all day: no start on them, even for a template with a minimum count. */
  closedDates?: readonly string[]
  /** Keep starts whose shift touches no listed interval. @default false (only kept for templates with a minimum count) */
  keepUselessStarts?: boolean
}

/**
 * Every allowed start of every template on every day of the requirement (the calendar days from the first to
 * the last interval), filtered by the template's weekdays and the opening hours. A shift may run past midnight
 * into the next day's intervals.
 */
export function enumerateShiftStarts(
  requirement: ValidRequirement,
  templates: readonly ValidShiftTemplate[],
  options: EnumerateOptions = {},
): ShiftStartCandidate[] {
  const grid = intervalGridOf(requirement)
  const firstDay = startOfLocalDay(requirement.startMinutes[0])
  const lastDay = startOfLocalDay(requirement.startMinutes[requirement.startMinutes.length - 1])
  const candidates: ShiftStartCandidate[] = []
  const closed = new Set(options.closedDates ?? [])
  for (let day = firstDay; day <= lastDay; day += MINUTES_PER_DAY) {
    if (closed.has(formatLocalDate(day))) continue
    const weekday = weekdayOf(day)
    templates.forEach((template, templateIndex) => {
      for (const minuteOfDay of startMinutesOnWeekday(template, weekday, options.openingHours)) {
        const startMinute = day + minuteOfDay
        const coverage = spanCoverage(grid, startMinute, startMinute + template.lengthMinutes)
        if (coverage.indices.length === 0 && !options.keepUselessStarts && template.minCountPerDay === 0) continue
        candidates.push({ templateIndex, startMinute, dayMinute: day, coverage })
      }
    })
  }
  return candidates
}
