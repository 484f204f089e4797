import { buildDayGrid, gridBefore } from '../calendar/dayGrid.ts'
import { slotOfPosition } from '../calendar/dayGrid.ts'
import { dayNumberOfIsoDate, toLocalPositions, type LocalPosition } from '../calendar/localPositions.ts'
import { offsetMinutesAt } from '../../time/zones.ts'
import { assertIntervalMinutes, intervalsOfDay } from '../../time/intervals.ts'
import { reforecastGrid } from './reforecastGrid.ts'
import { reforecastAht } from './reforecastAht.ts'

/**
 * Re-forecasts the rest of today from the intervals already closed (see ./reforecastGrid.ts for the model).
 * Handles: a quiet morning (the conditional update weighs each slot by its learned variance, so a few contacts move
 * the forecast little), a closed day or closed intervals (a day-ahead forecast of zero stays zero), a feed outage
 * (missing intervals are left out of the update, never read as zeros), and 23/25-hour days (intervals are matched
 * to the history by local wall-clock time; the repeated hour of a 25-hour day shares its slot's profile).
 */
export interface IntradayInput {
  /** IANA zone of the queue. */
  timeZone: string
  intervalMinutes: number
  /** Today's local date, YYYY-MM-DD. */
  date: string
  /** The clock: intervals that end at or before it are closed. */
  asOfUtcMs: number
  /** History before today: interval starts (UTC ms), volumes, optional AHT (seconds; null where unknown). */
  history: { intervalStartsUtcMs: readonly number[]; volumes: readonly number[]; ahtSeconds?: readonly (number | null)[] }
  /** Today's closed intervals that have data (a missing interval is simply absent, or null). */
  today: { intervalStartsUtcMs: readonly number[]; volumes: readonly (number | null)[]; ahtSeconds?: readonly (number | null)[] }
  /** Day-ahead forecast for every interval of today (aligned with intervalsOfDay(date)); optional. */
  dayAhead?: { mean: readonly number[]; ahtSeconds?: readonly number[] }
  /** Coverage levels, default [0.8, 0.95]. */
  levels?: readonly number[]
}

export interface IntradayResult {
  /** Starts of today's remaining intervals (UTC ms): those ending after the clock. */
  intervalStartsUtcMs: number[]
  mean: number[]
  levels: number[]
  lower: number[][]
  upper: number[][]
  /** The reference the update started from, per remaining interval. */
  reference: number[]
  /** Every interval of today (intervalsOfDay(date)) with its day-ahead forecast: as given, else the same-weekday mean of 4 weeks. */
  day: { intervalStartsUtcMs: number[]; dayAhead: number[]; closedCount: number }
  aht?: { mean: number[]; lower: number[][]; upper: number[][] }
  /** How the morning was trusted: learned shrinkage and backtest figures. */
  trust: { method: 'conditional' | 'ratio'; shrinkage: number; backtestDays: number; backtestMaeRatio: number }
  warnings: string[]
}

/** @throws RangeError naming the field when the input is inconsistent (today's data after the clock, history not before today, ...). */
export function reforecastIntraday(input: IntradayInput): IntradayResult {
  const { timeZone, intervalMinutes, date, asOfUtcMs, history, today, dayAhead } = input
  const levels = [...(input.levels ?? [0.8, 0.95])]
  assertIntervalMinutes(intervalMinutes)
  const dayStarts = intervalsOfDay(date, timeZone, intervalMinutes) // validates zone and date
  const dayStartMs = dayStarts[0]
  const dayEndMs = dayStarts[dayStarts.length - 1] + intervalMinutes * 60_000
  if (!Number.isFinite(asOfUtcMs) || asOfUtcMs < dayStartMs || asOfUtcMs > dayEndMs) throw new RangeError(`the clock (asOf) must fall within ${date}`)
  if (history.intervalStartsUtcMs.length !== history.volumes.length) throw new RangeError('history: interval starts and volumes differ in length')
  if (today.intervalStartsUtcMs.length !== today.volumes.length) throw new RangeError('today: interval starts and volumes differ in length')
  history.intervalStartsUtcMs.forEach((t, i) => {
    if (!(t < dayStartMs)) throw new RangeError(`history row ${i + 1} (${new Date(t).toISOString()}) is not before ${date}`)
    if (i > 0 && !(t > history.intervalStartsUtcMs[i - 1])) throw new RangeError(`history row ${i + 1} is not after the row before (times must increase)`)
    const v = history.volumes[i]
    if (!(v >= 0)) throw new RangeError(`history row ${i + 1}: volume must be a number >= 0, got ${v}`)
  })
  const indexOfStart = new Map(dayStarts.map((t, i) => [t, i]))
  const closedCount = dayStarts.filter((t) => t + intervalMinutes * 60_000 <= asOfUtcMs).length
  const todayVolume = new Float64Array(dayStarts.length).fill(Number.NaN)
  const todayAht = new Float64Array(dayStarts.length).fill(Number.NaN)
  today.intervalStartsUtcMs.forEach((t, i) => {
    const index = indexOfStart.get(t)
    if (index === undefined) throw new RangeError(`today row ${i + 1} (${new Date(t).toISOString()}) is not an interval start of ${date}`)
    if (index >= closedCount) throw new RangeError(`today row ${i + 1} (${new Date(t).toISOString()}) has not closed by the clock`)
    if (i > 0 && !(t > today.intervalStartsUtcMs[i - 1])) throw new RangeError(`today row ${i + 1} is not after the row before (times must increase)`)
    const v = today.volumes[i]
    if (v === null) return
    if (!(v >= 0)) throw new RangeError(`today row ${i + 1}: volume must be a number >= 0, got ${v}`)
    todayVolume[index] = v
    const a = today.ahtSeconds?.[i]
    if (a !== null && a !== undefined && a > 0) todayAht[index] = a
  })
  if (dayAhead && dayAhead.mean.length !== dayStarts.length) throw new RangeError(`dayAhead.mean must have one value per interval of ${date} (${dayStarts.length}), got ${dayAhead.mean.length}`)

  const historyPositions = localPositionsOfUtc(history.intervalStartsUtcMs, timeZone)
  const todayPositions = toLocalPositions(dayStarts, timeZone, 'today')
  const todayDayNumber = dayNumberOfIsoDate(date, 'date')
  const grid = gridBefore(buildDayGrid(historyPositions, history.volumes, intervalMinutes), todayDayNumber)
  const P = grid.slotsPerDay
  const slots = todayPositions.map((p) => slotOfPosition(p, intervalMinutes))
  const dayAheadBySlot = new Float64Array(P).fill(Number.NaN)
  const observedBySlot = new Float64Array(P).fill(Number.NaN)
  todayPositions.forEach((p, i) => {
    if (p.fold === 1) return // second pass of a repeated hour: the first pass speaks for the slot
    if (dayAhead) dayAheadBySlot[slots[i]] = Math.max(0, dayAhead.mean[i])
    if (i < closedCount) observedBySlot[slots[i]] = todayVolume[i]
  })
  const remaining = dayStarts.map((_, i) => i).filter((i) => i >= closedCount)
  const targetSlots = [...new Set(remaining.map((i) => slots[i]))].sort((a, b) => a - b)
  const gridResult = reforecastGrid({ history: grid, todayDayNumber, dayAheadBySlot, observedBySlot, targetSlots, levels })
  const at = new Map(targetSlots.map((s, k) => [s, k]))
  const pick = (values: number[]) => remaining.map((i) => values[at.get(slots[i])!])
  const result: IntradayResult = {
    intervalStartsUtcMs: remaining.map((i) => dayStarts[i]),
    mean: pick(gridResult.mean),
    levels,
    lower: gridResult.lower.map(pick),
    upper: gridResult.upper.map(pick),
    reference: pick(gridResult.dayAhead),
    day: { intervalStartsUtcMs: dayStarts, dayAhead: slots.map((s) => gridResult.dayAheadBySlot[s]), closedCount },
    trust: { method: gridResult.method, shrinkage: gridResult.shrinkage, backtestDays: gridResult.backtestDays, backtestMaeRatio: gridResult.backtestMaeRatio },
    warnings: [...gridResult.warnings],
  }
  // An interval is missing when it has no data although the queue is usually open then (contacts there in the last 8 weeks).
  const recent = grid.values.slice(-56)
  const isUsuallyOpen = (slot: number) => recent.some((row) => row[slot] > 0) || (dayAhead !== undefined && dayAheadBySlot[slot] > 0)
  const missing = dayStarts.slice(0, closedCount).filter((_, i) => !(todayVolume[i] === todayVolume[i]) && isUsuallyOpen(slots[i])).length
  if (missing > 0) result.warnings.push(`${missing} closed interval${missing === 1 ? ' has' : 's have'} no data yet (left out of the update, not read as zero)`)

  if (history.ahtSeconds) {
    const ahtGrid = gridBefore(buildDayGrid(historyPositions, history.ahtSeconds.map((a) => (a === null || !(a > 0) ? Number.NaN : a)), intervalMinutes), todayDayNumber)
    const aht = reforecastAht({
      volumeGrid: grid,
      ahtGrid,
      todayDayNumber,
      dayAheadAhtBySlot: Float64Array.from({ length: P }, (_, s) => {
        const i = slots.findIndex((slot, k) => slot === s && todayPositions[k].fold === 0)
        return i >= 0 && dayAhead?.ahtSeconds ? dayAhead.ahtSeconds[i] : Number.NaN
      }),
      observedVolumeBySlot: observedBySlot,
      observedAhtBySlot: Float64Array.from({ length: P }, (_, s) => {
        const i = slots.findIndex((slot, k) => slot === s && todayPositions[k].fold === 0)
        return i >= 0 && i < closedCount ? todayAht[i] : Number.NaN
      }),
      targetSlots,
      expectedVolumeBySlot: new Map(targetSlots.map((s, k) => [s, gridResult.mean[k]])),
      levels,
    })
    if (aht) result.aht = { mean: pick(aht.mean), lower: aht.lower.map(pick), upper: aht.upper.map(pick) }
  }
  return result
}

const DAY_MS = 86_400_000

/**
 * toLocalPositions for UTC instants, fast: where the zone's offset is the same at the start of the UTC day, the day
 * before and the day after, every instant of that UTC day has that offset and none is the second pass of a repeated
 * hour; the few instants near a transition go through toLocalPositions. (A year of 30-minute history: 2 offset
 * look-ups a day instead of 4 an interval.)
 */
function localPositionsOfUtc(starts: readonly number[], timeZone: string): LocalPosition[] {
  toLocalPositions([], timeZone, 'history') // validates the zone
  const out: LocalPosition[] = new Array(starts.length)
  const slow: number[] = []
  const uniformOffset = new Map<number, number | null>()
  for (let i = 0; i < starts.length; i++) {
    const t = starts[i]
    if (!Number.isFinite(t)) throw new RangeError(`history row ${i + 1}: the interval start must be a finite UTC time, got ${t}`)
    const utcDay = Math.floor(t / DAY_MS)
    let offset = uniformOffset.get(utcDay)
    if (offset === undefined) {
      const before = offsetMinutesAt((utcDay - 1) * DAY_MS, timeZone)
      const start = offsetMinutesAt(utcDay * DAY_MS, timeZone)
      const after = offsetMinutesAt((utcDay + 1) * DAY_MS, timeZone)
      offset = before === start && start === after ? start : null
      uniformOffset.set(utcDay, offset)
    }
    if (offset === null) { slow.push(i); continue }
    const localMs = t + offset * 60_000
    const dayNumber = Math.floor(localMs / DAY_MS)
    out[i] = { utcMs: t, dayNumber, minuteOfDay: Math.round((localMs - dayNumber * DAY_MS) / 60_000), fold: 0 }
  }
  if (slow.length) {
    const positions = toLocalPositions(slow.map((i) => starts[i]), timeZone, 'history')
    slow.forEach((i, k) => { out[i] = positions[k] })
  }
  return out
}
