/**
 * Required FTE per week from interval-level staffing, never from a weekly average load: the week's volume and AHT
 * are spread over its intervals with the queue's intraday-and-weekday profile, each interval is staffed with the
 * queue's model and targets (src/staffing agentsRequiredFor), scheduled through shrinkage, and the agent-hours are
 * divided by the hours of one FTE-week. Averaging the load over the week first hides the peaks that set the
 * requirement (weeklyRequirementFromAverage computes that, to show the difference).
 */
import { agentsRequiredFor, scheduledAgentsExact, serviceAtAgents, type StaffingModel, type StaffingTargets } from '../staffing/index.ts'
import { intervalsOfDay } from '../time/intervals.ts'
import { localParts, nextDateKey, startOfLocalDayUtcMs } from '../time/zones.ts'
import type { WeekHistory } from './longHorizonDemand.ts'

export interface HistoryInterval { startMs: number; volume: number; ahtSeconds: number | null }

/** The shape of a week: share of the week's volume and AHT ratio per (day of the week, interval of the day). */
export interface WeekShape {
  timeZone: string
  intervalMinutes: number
  /** ISO weekday a week starts on (1 = Monday). */
  weekStartIsoWeekday: number
  slotsPerDay: number
  /** 7 · slotsPerDay shares, day 0 = the week's first day, summing to 1. */
  volumeShares: number[]
  /** AHT of the slot / AHT of the week (1 where the history has none). */
  ahtRatios: number[]
  /** Share of each day of the week. */
  dayShares: number[]
  /** Whole weeks the shape was measured on. */
  weeksUsed: number
}

export interface CapacityStaffingSettings {
  intervalMinutes: number
  model: StaffingModel
  targets: StaffingTargets
  shrinkageFraction: number
  /** Paid hours of one FTE in a week (hours per FTE-day × 5). */
  hoursPerFteWeek: number
  maxAgents?: number
}

const DAY_MS = 86_400_000

/**
 * Local date and minute of the day of sorted UTC instants, with the zone looked up once per local day (a day of
 * exactly 24 hours has no offset change, so minutes follow from its start; 23/25-hour days are looked up per instant).
 */
export function localDaysAndMinutes(startMs: readonly number[], timeZone: string): { dateKeys: string[]; minutes: number[] } {
  const dateKeys: string[] = [], minutes: number[] = []
  let dayStart = Infinity, dayEnd = -Infinity, key = '', regular = true
  for (const t of startMs) {
    if (t < dayStart || t >= dayEnd) {
      key = localParts(t, timeZone).dateKey
      dayStart = startOfLocalDayUtcMs(key, timeZone)
      dayEnd = startOfLocalDayUtcMs(nextDateKey(key), timeZone)
      regular = dayEnd - dayStart === DAY_MS
    }
    dateKeys.push(key)
    minutes.push(regular ? Math.round((t - dayStart) / 60_000) : localParts(t, timeZone).minuteOfDay)
  }
  return { dateKeys, minutes }
}
const addDays = (dateKey: string, days: number) => new Date(Date.parse(dateKey + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10)

/** The date key of the start of the week (on weekStartIsoWeekday) holding a local date. */
export function weekStartOf(dateKey: string, weekStartIsoWeekday: number): string {
  const iso = ((new Date(dateKey + 'T00:00:00Z').getUTCDay() + 6) % 7) + 1
  return addDays(dateKey, -((iso - weekStartIsoWeekday + 7) % 7))
}

/**
 * Whole weeks of an interval history: weeks whose seven days all lie between the history's first and last day
 * (days inside without data count as closed). AHT is the volume-weighted mean of the intervals that have one.
 */
export function weeklyHistory(history: readonly HistoryInterval[], timeZone: string, weekStartIsoWeekday = 1): WeekHistory[] {
  if (!history.length) return []
  const firstDay = localParts(history[0].startMs, timeZone).dateKey
  const lastDay = localParts(history[history.length - 1].startMs, timeZone).dateKey
  const byWeek = new Map<string, { volume: number; ahtVolume: number; ahtSum: number }>()
  const local = localDaysAndMinutes(history.map((h) => h.startMs), timeZone)
  const weekOfDay = new Map<string, string>()
  history.forEach((h, i) => {
    const day = local.dateKeys[i]
    let week = weekOfDay.get(day)
    if (week === undefined) { week = weekStartOf(day, weekStartIsoWeekday); weekOfDay.set(day, week) }
    const w = byWeek.get(week) ?? { volume: 0, ahtVolume: 0, ahtSum: 0 }
    w.volume += h.volume
    if (h.ahtSeconds !== null && h.volume > 0) { w.ahtVolume += h.volume; w.ahtSum += h.volume * h.ahtSeconds }
    byWeek.set(week, w)
  })
  const out: WeekHistory[] = []
  for (let week = weekStartOf(firstDay, weekStartIsoWeekday); week <= lastDay; week = addDays(week, 7)) {
    if (week < firstDay || addDays(week, 6) > lastDay) continue
    const w = byWeek.get(week) ?? { volume: 0, ahtVolume: 0, ahtSum: 0 }
    out.push({ weekStart: week, volume: w.volume, ahtSeconds: w.ahtVolume > 0 ? w.ahtSum / w.ahtVolume : null })
  }
  return out
}

/**
 * The whole weeks of the history after its last gap: a week holding no data at all is missing data (an export
 * that skips months), not a week of zero demand, so the long-range forecast starts after the last such week.
 * `gapWeeks` is that gap's length and `leftOut` the weeks before it (0 and 0 without a gap).
 */
export function weeksAfterLastGap(history: readonly HistoryInterval[], timeZone: string, weekStartIsoWeekday = 1): { weeks: WeekHistory[]; gapWeeks: number; leftOut: number; gapFrom?: string } {
  const weeks = weeklyHistory(history, timeZone, weekStartIsoWeekday)
  const withData = new Set<string>()
  const local = localDaysAndMinutes(history.map((h) => h.startMs), timeZone)
  for (const day of new Set(local.dateKeys)) withData.add(weekStartOf(day, weekStartIsoWeekday))
  let last = -1
  weeks.forEach((w, i) => { if (!withData.has(w.weekStart)) last = i })
  if (last < 0) return { weeks, gapWeeks: 0, leftOut: 0 }
  let first = last
  while (first > 0 && !withData.has(weeks[first - 1].weekStart)) first--
  return { weeks: weeks.slice(last + 1), gapWeeks: last - first + 1, leftOut: first, gapFrom: weeks[first].weekStart }
}

/**
 * The week's shape from the last `weeks` whole weeks of the history.
 * @throws RangeError when the history has no whole week with volume
 */
export function weekShapeFromHistory(history: readonly HistoryInterval[], options: { timeZone: string; intervalMinutes: number; weekStartIsoWeekday?: number; weeks?: number }): WeekShape {
  const { timeZone, intervalMinutes, weekStartIsoWeekday = 1, weeks = 8 } = options
  const whole = weeklyHistory(history, timeZone, weekStartIsoWeekday).filter((w) => w.volume > 0).slice(-weeks)
  if (!whole.length) throw new RangeError('the history has no whole week with contacts: the week’s intraday and weekday profile cannot be measured')
  const used = new Set(whole.map((w) => w.weekStart))
  const slotsPerDay = 1440 / intervalMinutes
  const volume = new Array<number>(7 * slotsPerDay).fill(0), ahtVolume = new Array<number>(7 * slotsPerDay).fill(0), ahtSum = new Array<number>(7 * slotsPerDay).fill(0)
  let total = 0, totalAhtVolume = 0, totalAht = 0
  const firstUsed = [...used].sort()[0]
  const recent = history.filter((h) => h.startMs >= Date.parse(firstUsed + 'T00:00:00Z') - DAY_MS)
  const local = localDaysAndMinutes(recent.map((h) => h.startMs), timeZone)
  for (let i = 0; i < recent.length; i++) {
    const h = recent[i], dateKey = local.dateKeys[i]
    const week = weekStartOf(dateKey, weekStartIsoWeekday)
    if (!used.has(week)) continue
    const day = Math.round((Date.parse(dateKey) - Date.parse(week)) / DAY_MS)
    const slot = day * slotsPerDay + Math.floor(local.minutes[i] / intervalMinutes)
    volume[slot] += h.volume
    total += h.volume
    if (h.ahtSeconds !== null && h.volume > 0) { ahtVolume[slot] += h.volume; ahtSum[slot] += h.volume * h.ahtSeconds; totalAhtVolume += h.volume; totalAht += h.volume * h.ahtSeconds }
  }
  const weekAht = totalAhtVolume > 0 ? totalAht / totalAhtVolume : null
  const volumeShares = volume.map((v) => v / total)
  const dayShares = Array.from({ length: 7 }, (_, d) => volumeShares.slice(d * slotsPerDay, (d + 1) * slotsPerDay).reduce((s, v) => s + v, 0))
  return {
    timeZone, intervalMinutes, weekStartIsoWeekday, slotsPerDay, volumeShares,
    ahtRatios: ahtVolume.map((v, i) => (weekAht !== null && v > 0 ? ahtSum[i] / v / weekAht : 1)),
    dayShares, weeksUsed: whole.length,
  }
}

export interface WeekIntervals { startMs: number[]; volume: number[]; ahtSeconds: number[] }

/**
 * A week's volume and AHT spread over its intervals with the shape (DST days have 23/25 hours: the shares of the
 * intervals that exist are scaled so the week still adds up to its volume).
 */
export function spreadWeek(weekStart: string, volume: number, ahtSeconds: number, shape: WeekShape): WeekIntervals {
  const startMs: number[] = [], shares: number[] = [], aht: number[] = []
  for (let d = 0; d < 7; d++) {
    const day = intervalsOfDay(addDays(weekStart, d), shape.timeZone, shape.intervalMinutes)
    const regular = day.length * shape.intervalMinutes === 1440
    for (let k = 0; k < day.length; k++) {
      const t = day[k]
      const minute = regular ? k * shape.intervalMinutes : localParts(t, shape.timeZone).minuteOfDay
      const slot = d * shape.slotsPerDay + Math.floor(minute / shape.intervalMinutes)
      startMs.push(t)
      shares.push(shape.volumeShares[slot])
      aht.push(ahtSeconds * shape.ahtRatios[slot])
    }
  }
  const sum = shares.reduce((s, v) => s + v, 0)
  return { startMs, volume: shares.map((s) => (sum > 0 ? (volume * s) / sum : 0)), ahtSeconds: aht }
}

export interface WeekRequirement {
  requiredFte: number
  /** Σ agents scheduled (after shrinkage, unrounded) × interval hours. */
  scheduledAgentHours: number
  peakAgentsRequired: number
  /** Agents required (before shrinkage) per interval, in the order of the week's intervals. */
  agentsRequired: number[]
}

/**
 * Interval-level requirement of one week's intervals. Agents are searched once per distinct (volume, AHT) pair.
 * @throws RangeError (from the staffing engine) when an interval cannot be staffed up to maxAgents
 */
export function requirementOfWeek(week: WeekIntervals, settings: CapacityStaffingSettings): WeekRequirement {
  const intervalSeconds = settings.intervalMinutes * 60
  const agentsRequired = week.volume.map((v, i) => (v <= 0 ? 0 : agentsRequiredFor({ volume: v, ahtSeconds: week.ahtSeconds[i], intervalSeconds }, settings.model, settings.targets, { maxAgents: settings.maxAgents }).agents))
  const scheduledAgentHours = agentsRequired.reduce((s, a) => s + scheduledAgentsExact(a, settings.shrinkageFraction), 0) * (settings.intervalMinutes / 60)
  return { requiredFte: scheduledAgentHours / settings.hoursPerFteWeek, scheduledAgentHours, peakAgentsRequired: Math.max(0, ...agentsRequired), agentsRequired }
}

/**
 * What the same week would need if its load were averaged over its open intervals (those with volume): the
 * weekly-average shortcut, for comparison only.
 */
export function requirementFromWeeklyAverage(week: WeekIntervals, settings: CapacityStaffingSettings): number {
  const agents = agentsFromWeeklyAverage(week, settings)
  return (agents.reduce((s, a) => s + scheduledAgentsExact(a, settings.shrinkageFraction), 0) * (settings.intervalMinutes / 60)) / settings.hoursPerFteWeek
}

/**
 * The week's service level with the given agents (taking contacts) per interval: the volume-weighted mean of the
 * intervals' service levels (src/staffing serviceAtAgents).
 */
export function serviceLevelWithAgents(week: WeekIntervals, agentsPerInterval: readonly number[], settings: CapacityStaffingSettings): number {
  const threshold = settings.targets.answerWithinSeconds ?? 0
  let volume = 0, served = 0
  week.volume.forEach((v, i) => {
    if (v <= 0) return
    const m = serviceAtAgents(Math.max(0, Math.floor(agentsPerInterval[i] + 1e-9)), { volume: v, ahtSeconds: week.ahtSeconds[i], intervalSeconds: settings.intervalMinutes * 60 }, settings.model, threshold)
    volume += v
    served += v * m.serviceLevel
  })
  return volume > 0 ? served / volume : 1
}

/**
 * The service level of a week staffed at `fraction` of its requirement (productive / required FTE, capped at 1):
 * each interval gets ⌊agentsRequired · fraction⌋ agents. What a shortfall costs if nothing is done.
 */
export function serviceLevelAtFraction(week: WeekIntervals, agentsRequired: readonly number[], fraction: number, settings: CapacityStaffingSettings): number {
  const f = Math.max(0, Math.min(1, fraction))
  return serviceLevelWithAgents(week, agentsRequired.map((a) => a * f), settings)
}

/** Agents per interval of the weekly-average shortcut: the same number in every interval with volume. */
export function agentsFromWeeklyAverage(week: WeekIntervals, settings: CapacityStaffingSettings): number[] {
  const open = week.volume.filter((v) => v > 0).length
  if (!open) return week.volume.map(() => 0)
  const volume = week.volume.reduce((s, v) => s + v, 0)
  const aht = week.volume.reduce((s, v, i) => s + v * week.ahtSeconds[i], 0) / volume
  const agents = agentsRequiredFor({ volume: volume / open, ahtSeconds: aht, intervalSeconds: settings.intervalMinutes * 60 }, settings.model, settings.targets, { maxAgents: settings.maxAgents }).agents
  return week.volume.map((v) => (v > 0 ? agents : 0))
}
