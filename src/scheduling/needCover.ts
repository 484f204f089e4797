/**
 * Need vs cover, the one definition every page reads: per interval the agents needed on the queue (heads to
 * schedule, i.e. required / (1 − shrinkage), unrounded) against the agents that are really there (assigned shifts
 * net of breaks: a shift nobody was assigned to is cover that does not exist), and per local day the agent-hours
 * of need, cover, shortfall (need above cover) and over-cover. Intervals while the queue is closed carry no
 * shortfall: their need is reported apart (closedNeedAgentHours), since no shift may be placed there.
 *
 * Sums add the unrounded per-interval figures and are rounded once, to 1e-6 agent-hours, so every page that shows
 * them (schedule summary, coverage CSV, flags, dashboard, scenarios) shows the same number.
 */
import { parseLocalDateTime } from './localTime.ts'
import type { Schedule } from './schedule.ts'
import { groupUnits, type ShiftInstance } from './shiftInstances.ts'

export interface NeedCoverInput {
  /** Interval starts (UTC ms), increasing. */
  startMs: readonly number[]
  /** Local date YYYY-MM-DD of each interval start. */
  dateKeys: readonly string[]
  /** Heads needed per interval (required / (1 − shrinkage), unrounded). */
  needAgents: readonly number[]
  /** Heads really on the queue per interval (assigned shifts, net of breaks). */
  coverAgents: readonly number[]
  /** Whether the queue is open in each interval. @default every interval open */
  open?: readonly boolean[]
  intervalMinutes: number
}

export interface NeedCoverInterval {
  startMs: number
  dateKey: string
  needAgents: number
  coverAgents: number
  /** max(0, need − cover) while open, else 0. */
  shortfallAgents: number
  /** max(0, cover − need) while open, else 0. */
  overCoverAgents: number
  open: boolean
}

export interface NeedCoverTotals {
  needAgentHours: number
  coverAgentHours: number
  shortfallAgentHours: number
  overCoverAgentHours: number
  /** Intervals with any shortfall. */
  intervalsShort: number
  /** Need while the queue is closed (not shortfall: nobody may be scheduled then). */
  closedNeedAgentHours: number
}

export interface NeedCoverDay extends NeedCoverTotals { dateKey: string }

export interface NeedCover {
  intervalMinutes: number
  intervals: NeedCoverInterval[]
  days: NeedCoverDay[]
  totals: NeedCoverTotals
}

/** Rounds sums to 1e-6 (and −0 to 0): the precision every page works from. */
export function roundAgentHours(value: number): number {
  const r = Math.round(value * 1e6) / 1e6
  return r === 0 ? 0 : r
}

/** Rounds away floating-point noise from per-interval differences (1e-9 agents). */
function clean(value: number): number {
  const r = Math.round(value * 1e9) / 1e9
  return r === 0 ? 0 : r
}

function totalsOf(intervals: readonly NeedCoverInterval[], hours: number): NeedCoverTotals {
  let need = 0, cover = 0, short = 0, over = 0, closed = 0, intervalsShort = 0
  for (const i of intervals) {
    if (!i.open) { closed += i.needAgents; continue }
    need += i.needAgents
    cover += i.coverAgents
    short += i.shortfallAgents
    over += i.overCoverAgents
    if (i.shortfallAgents > 0) intervalsShort++
  }
  return {
    needAgentHours: roundAgentHours(need * hours),
    coverAgentHours: roundAgentHours(cover * hours),
    shortfallAgentHours: roundAgentHours(short * hours),
    overCoverAgentHours: roundAgentHours(over * hours),
    intervalsShort,
    closedNeedAgentHours: roundAgentHours(closed * hours),
  }
}

/**
 * Need vs cover per interval and per local day (see the module doc).
 * @throws RangeError on arrays of different lengths, negative or non-finite agents, or a bad interval length
 * @example needCover({ startMs: [0, 1800000], dateKeys: ['2003-10-27', '2003-10-27'], needAgents: [2.5, 1], coverAgents: [2, 1], intervalMinutes: 30 })
 *   // days[0].shortfallAgentHours === 0.25
 */
export function needCover(input: NeedCoverInput): NeedCover {
  const n = input.startMs.length
  for (const [name, list] of [['dateKeys', input.dateKeys], ['needAgents', input.needAgents], ['coverAgents', input.coverAgents], ['open', input.open ?? input.startMs]] as const) {
    if (list.length !== n) throw new RangeError(`${name} has ${list.length} values but startMs has ${n}`)
  }
  if (!(Number.isInteger(input.intervalMinutes) && input.intervalMinutes > 0)) throw new RangeError(`intervalMinutes must be a positive whole number, got ${input.intervalMinutes}`)
  const intervals: NeedCoverInterval[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const need = input.needAgents[i], cover = input.coverAgents[i]
    if (!(Number.isFinite(need) && need >= 0)) throw new RangeError(`needAgents[${i}] must be a finite number >= 0, got ${need}`)
    if (!(Number.isFinite(cover) && cover >= 0)) throw new RangeError(`coverAgents[${i}] must be a finite number >= 0, got ${cover}`)
    const open = input.open ? input.open[i] : true
    intervals[i] = {
      startMs: input.startMs[i], dateKey: input.dateKeys[i], needAgents: need, coverAgents: cover, open,
      shortfallAgents: open ? clean(Math.max(0, need - cover)) : 0,
      overCoverAgents: open ? clean(Math.max(0, cover - need)) : 0,
    }
  }
  const hours = input.intervalMinutes / 60
  const byDay = new Map<string, NeedCoverInterval[]>()
  for (const i of intervals) {
    const list = byDay.get(i.dateKey)
    if (list) list.push(i)
    else byDay.set(i.dateKey, [i])
  }
  return {
    intervalMinutes: input.intervalMinutes,
    intervals,
    days: [...byDay].map(([dateKey, list]) => ({ dateKey, ...totalsOf(list, hours) })),
    totals: totalsOf(intervals, hours),
  }
}

/** The shifts of a roster's assignments (or any single shifts) grouped back into a schedule: the cover that exists. */
export function scheduleOfInstances(instances: readonly ShiftInstance[]): Schedule {
  return groupUnits(instances.map((s) => ({
    shift: { templateName: s.templateName, start: s.start, lengthMinutes: s.lengthMinutes, paidMinutes: s.paidMinutes, ...(s.queue ? { queue: s.queue } : {}) },
    breaks: s.breaks.map((b, breakIndex) => ({
      breakIndex, name: b.name, offsetMinutes: parseLocalDateTime(b.start) - s.startMinute, lengthMinutes: parseLocalDateTime(b.end) - parseLocalDateTime(b.start), paid: b.paid,
    })),
  })))
}
