/**
 * Flags: intervals and days where the agents needed for the forecast with events exceed the cover planned (a
 * published plan or schedule, or the base plan without the events), with the shortfall in agents and agent-hours,
 * the events behind it, and the least cover that closes it: extra agents in blocks of consecutive intervals
 * (the "skyline" decomposition: level k of the shortfall profile gives one block per run where shortfall >= k, so
 * the blocks add up to exactly the shortfall agent-hours, the least any cover can add).
 */
import { csvTable, csvTime, type CsvColumn } from '../format/csv.ts'
import { formatLocalIso, localParts } from '../time/zones.ts'
import { needCover } from '../scheduling/needCover.ts'

export interface FlagInput {
  /** Interval starts, UTC ms, increasing. */
  startMs: readonly number[]
  /** Agents needed per interval with the events (scheduled agents, i.e. after shrinkage). */
  needAgents: readonly number[]
  /** Agents planned per interval (same unit). */
  coverAgents: readonly number[]
  /** Whether the queue is open in each interval (closed intervals are never short). @default all open */
  open?: readonly boolean[]
  /** Events behind each interval's need (from applyEventEffects), if known. */
  eventIds?: ReadonlyArray<ReadonlyArray<number | string>>
  intervalMinutes: number
  timeZone: string
}

export interface IntervalFlag {
  startMs: number
  /** Local start, "YYYY-MM-DDTHH:MM". */
  localStart: string
  dateKey: string
  needAgents: number
  coverAgents: number
  shortfallAgents: number
  shortfallAgentHours: number
  eventIds: Array<number | string>
}

export interface CoverBlock {
  /** Local times "HH:MM" (the end is the end of the last interval). */
  fromLocal: string
  toLocal: string
  extraAgents: number
  agentHours: number
}

export interface DayFlag {
  dateKey: string
  intervalCount: number
  peakShortfallAgents: number
  shortfallAgentHours: number
  eventIds: Array<number | string>
  /** The least extra cover that closes the day's shortfall. */
  coverBlocks: CoverBlock[]
}

export interface Flags {
  intervals: IntervalFlag[]
  days: DayFlag[]
  totalShortfallAgentHours: number
}

function validateFlagInput(input: FlagInput): void {
  const n = input.startMs.length
  if (input.needAgents.length !== n) throw new RangeError(`needAgents has ${input.needAgents.length} values but startMs has ${n}`)
  if (input.coverAgents.length !== n) throw new RangeError(`coverAgents has ${input.coverAgents.length} values but startMs has ${n}`)
  if (input.open && input.open.length !== n) throw new RangeError(`open has ${input.open.length} values but startMs has ${n}`)
  if (input.eventIds && input.eventIds.length !== n) throw new RangeError(`eventIds has ${input.eventIds.length} entries but startMs has ${n}`)
  if (!(Number.isInteger(input.intervalMinutes) && input.intervalMinutes > 0)) throw new RangeError(`intervalMinutes must be a positive whole number, got ${input.intervalMinutes}`)
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(input.needAgents[i]) && input.needAgents[i] >= 0)) throw new RangeError(`needAgents[${i}] must be a finite number >= 0, got ${input.needAgents[i]}`)
    if (!(Number.isFinite(input.coverAgents[i]) && input.coverAgents[i] >= 0)) throw new RangeError(`coverAgents[${i}] must be a finite number >= 0, got ${input.coverAgents[i]}`)
    if (i > 0 && !(input.startMs[i] > input.startMs[i - 1])) throw new RangeError(`startMs must be increasing: startMs[${i}] is not after startMs[${i - 1}]`)
  }
}

/**
 * Every interval whose need exceeds its cover, and per day the totals and the least cover that closes them.
 * @throws RangeError on arrays of different lengths, negative or non-finite agents, unsorted starts
 */
export function flagShortfalls(input: FlagInput): Flags {
  validateFlagInput(input)
  const hoursPerInterval = input.intervalMinutes / 60
  // The one definition of need vs cover (src/scheduling/needCover.ts): shortfall per interval and per day.
  const cover = needCover({
    startMs: input.startMs, dateKeys: input.startMs.map((t) => localParts(t, input.timeZone).dateKey), needAgents: input.needAgents,
    coverAgents: input.coverAgents, open: input.open, intervalMinutes: input.intervalMinutes,
  })
  const intervals: IntervalFlag[] = []
  cover.intervals.forEach((c, i) => {
    if (!(c.shortfallAgents > 0)) return
    intervals.push({
      startMs: c.startMs,
      localStart: formatLocalIso(c.startMs, input.timeZone).slice(0, 16),
      dateKey: c.dateKey,
      needAgents: c.needAgents,
      coverAgents: c.coverAgents,
      shortfallAgents: c.shortfallAgents,
      shortfallAgentHours: c.shortfallAgents * hoursPerInterval,
      eventIds: [...(input.eventIds?.[i] ?? [])],
    })
  })
  const byDay = new Map<string, IntervalFlag[]>()
  for (const f of intervals) {
    const list = byDay.get(f.dateKey) ?? []
    list.push(f)
    byDay.set(f.dateKey, list)
  }
  const dayTotals = new Map(cover.days.map((d) => [d.dateKey, d.shortfallAgentHours]))
  const days: DayFlag[] = [...byDay.entries()].map(([dateKey, list]) => ({
    dateKey,
    intervalCount: list.length,
    peakShortfallAgents: Math.max(...list.map((f) => f.shortfallAgents)),
    shortfallAgentHours: dayTotals.get(dateKey)!,
    eventIds: [...new Set(list.flatMap((f) => f.eventIds))],
    coverBlocks: coverBlocksOf(list, input.intervalMinutes, input.timeZone),
  }))
  return { intervals, days, totalShortfallAgentHours: cover.totals.shortfallAgentHours }
}

/** Skyline decomposition of one day's shortfall into blocks of consecutive intervals (see the module doc). */
export function coverBlocksOf(dayFlags: readonly IntervalFlag[], intervalMinutes: number, timeZone: string): CoverBlock[] {
  const stepMs = intervalMinutes * 60_000
  const levels = Math.ceil(Math.max(0, ...dayFlags.map((f) => f.shortfallAgents)) - 1e-9)
  const blocks = new Map<string, CoverBlock>()
  for (let k = 1; k <= levels; k++) {
    let runStart = -1
    let runEnd = -1
    const close = () => {
      if (runStart < 0) return
      const fromLocal = formatLocalIso(runStart, timeZone).slice(11, 16)
      const toLocal = formatLocalIso(runEnd + stepMs, timeZone).slice(11, 16)
      const key = `${fromLocal}-${toLocal}`
      const hours = (runEnd + stepMs - runStart) / 3_600_000
      const existing = blocks.get(key)
      if (existing) { existing.extraAgents++; existing.agentHours += hours }
      else blocks.set(key, { fromLocal, toLocal, extraAgents: 1, agentHours: hours })
      runStart = -1
    }
    for (const f of dayFlags) {
      // A fractional top level (e.g. 2.4 agents short) takes a whole agent for that level.
      if (f.shortfallAgents > k - 1 + 1e-9) {
        if (runStart >= 0 && f.startMs !== runEnd + stepMs) close()
        if (runStart < 0) runStart = f.startMs
        runEnd = f.startMs
      } else close()
    }
    close()
  }
  return [...blocks.values()].sort((a, b) => a.fromLocal.localeCompare(b.fromLocal) || b.toLocal.localeCompare(a.toLocal))
}

/**
 * Flags as CSV through the shared writer (src/format/csv.ts), one row per interval: queue, start (local time of
 * the queue's zone with its UTC offset), need, cover, shortfall in agents and agent-hours, events.
 * `eventName` turns an event id into its name.
 */
export function flagsToCsv(rows: ReadonlyArray<{ queueName: string; timeZone: string; flags: Flags }>, eventName: (id: number | string) => string = String): string {
  const columns: CsvColumn[] = [
    { name: 'queue', key: true }, { name: 'interval_start', unit: 'time', key: true },
    { name: 'need_agents', unit: 'agents' }, { name: 'cover_agents', unit: 'agents' }, { name: 'shortfall_agents', unit: 'agents' },
    { name: 'shortfall_agent_hours', unit: 'hours' }, { name: 'events' },
  ]
  return csvTable(columns, rows.flatMap(({ queueName, timeZone, flags }) => flags.intervals.map((f) => [
    queueName, csvTime(f.startMs, timeZone), f.needAgents, f.coverAgents, f.shortfallAgents, f.shortfallAgentHours, f.eventIds.map(eventName).join('; '),
  ])))
}
