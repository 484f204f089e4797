/**
 * What a scheduler can still do about the rest of today, ranked by the service level each buys: move a break out of
 * a short interval, cancel a break, ask an agent to stay an hour longer, call in a part-timer from the roster.
 * Pure: the cover an action adds or removes comes from the scheduling module's coverage (computeCoverage of the
 * span involved), and the service level from the caller's `serviceLevelOf` (the staffing engine, via planning);
 * nothing here re-implements either.
 */
import { computeCoverage, type Agent, type Requirement, type Schedule } from '../scheduling/index.ts'

export type ActionKind = 'move-break' | 'cancel-break' | 'extend-shift' | 'call-in'

export interface IntradayAction {
  kind: ActionKind
  /** Plain words: who does what, when. */
  label: string
  /** Service level of the rest of the day with the action (0-1), and without it. */
  serviceLevelAfter: number
  serviceLevelBefore: number
  /** Agent-hours the action adds on the queue (0 for a moved break). */
  addedAgentHours: number
}

export interface RankActionsInput {
  /** The remaining open intervals of today (local starts), as the scheduling module's requirement. */
  requirement: Requirement
  /** Heads on the queue per requirement interval with the published schedule (net of breaks). */
  scheduledAgents: readonly number[]
  /** Today's shifts of the published schedule (local times, 'YYYY-MM-DDTHH:MM'). */
  schedule: Schedule
  /** Roster agents not working today, candidates to call in. */
  availableAgents: readonly Agent[]
  /** Local 'YYYY-MM-DDTHH:MM' of the clock: nothing is changed before it. */
  nowLocal: string
  /** Volume-weighted service level of the remaining intervals with these heads (0-1). */
  serviceLevelOf: (agents: readonly number[]) => number
  /** Part-timers: contracted hours per week at most this. @default 30 */
  partTimeHoursPerWeek?: number
  /** @default 60 */
  extendMinutes?: number
  /** @default 240 */
  callInMinutes?: number
  /** @default 8 */
  limit?: number
}

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

function addMinutes(local: string, minutes: number): string {
  const ms = Date.parse(local + ':00Z') + minutes * 60_000
  return new Date(ms).toISOString().slice(0, 16)
}
const clock = (local: string) => local.slice(11, 16)
const minutesBetween = (a: string, b: string) => (Date.parse(b + ':00Z') - Date.parse(a + ':00Z')) / 60_000

/** The ranked actions, best first; only those that raise the service level. */
export function rankActions(input: RankActionsInput): IntradayAction[] {
  const { requirement, scheduledAgents, schedule, availableAgents, nowLocal, serviceLevelOf } = input
  const { partTimeHoursPerWeek = 30, extendMinutes = 60, callInMinutes = 240, limit = 8 } = input
  if (requirement.intervals.length === 0) return []
  if (scheduledAgents.length !== requirement.intervals.length) throw new RangeError(`scheduledAgents has ${scheduledAgents.length} values for ${requirement.intervals.length} intervals`)
  const firstStart = requirement.intervals[0].start
  const lastEnd = addMinutes(requirement.intervals[requirement.intervals.length - 1].start, requirement.intervalMinutes)
  const spanCache = new Map<string, number[]>()
  /** Heads one agent adds per requirement interval while on the queue from `start` for `minutes`. */
  const spanCover = (start: string, minutes: number): number[] => {
    const key = `${start}|${minutes}`
    let cover = spanCache.get(key)
    if (!cover) {
      cover = computeCoverage(requirement, { shifts: [{ templateName: 'action', start, lengthMinutes: minutes, paidMinutes: minutes, count: 1, breaks: [] }] }).intervals.map((i) => i.agentsScheduled)
      spanCache.set(key, cover)
    }
    return cover
  }
  const before = serviceLevelOf(scheduledAgents)
  const candidates: IntradayAction[] = []
  const consider = (kind: ActionKind, label: string, plus: number[] | null, minus: number[] | null, addedAgentHours: number) => {
    const agents = scheduledAgents.map((a, i) => Math.max(0, a + (plus ? plus[i] : 0) - (minus ? minus[i] : 0)))
    const after = serviceLevelOf(agents)
    if (after > before + 5e-4) candidates.push({ kind, label, serviceLevelAfter: after, serviceLevelBefore: before, addedAgentHours })
  }
  const step = requirement.intervalMinutes
  for (const shift of schedule.shifts) {
    if (shift.count === 0) continue
    const end = addMinutes(shift.start, shift.lengthMinutes)
    // Stay longer: the shift ends after the clock and before the queue closes.
    if (end > nowLocal && end < lastEnd) {
      const minutes = Math.min(extendMinutes, minutesBetween(end, lastEnd))
      consider('extend-shift', `Ask one agent of the ${shift.templateName} shift (${clock(shift.start)}–${clock(end)}) to stay until ${clock(addMinutes(end, minutes))}`, spanCover(end, minutes), null, minutes / 60)
    }
    for (const placement of shift.breaks) {
      if (placement.count === 0) continue
      const breakStart = addMinutes(shift.start, placement.offsetMinutes)
      if (breakStart < nowLocal || breakStart < firstStart) continue
      const away = spanCover(breakStart, placement.lengthMinutes)
      consider('cancel-break', `Cancel one ${placement.name} at ${clock(breakStart)} (${shift.templateName} shift)${placement.paid ? '' : ' — paid as overtime'}`, away, null, placement.lengthMinutes / 60)
      // Move it to the best time within 2 hours either way, inside the shift and after the clock.
      let best: { to: string; level: number } | undefined
      for (let delta = -120; delta <= 120; delta += step) {
        if (delta === 0) continue
        const offset = placement.offsetMinutes + delta
        if (offset < 0 || offset + placement.lengthMinutes > shift.lengthMinutes) continue
        const to = addMinutes(shift.start, offset)
        if (to < nowLocal || to < firstStart) continue
        const moved = spanCover(to, placement.lengthMinutes)
        const agents = scheduledAgents.map((a, i) => Math.max(0, a + away[i] - moved[i]))
        const level = serviceLevelOf(agents)
        if (!best || level > best.level) best = { to, level }
      }
      if (best) consider('move-break', `Move one ${placement.name} of the ${shift.templateName} shift from ${clock(breakStart)} to ${clock(best.to)}`, away, spanCover(best.to, placement.lengthMinutes), 0)
    }
  }
  // Call in a part-timer for a block where it helps most (respecting the agent's availability today, when given).
  const weekday = WEEKDAY_NAMES[new Date(nowLocal.slice(0, 10) + 'T00:00:00Z').getUTCDay()]
  const startFrom = requirement.intervals.find((i) => i.start >= nowLocal)?.start
  if (startFrom) {
    for (const agent of availableAgents) {
      if (!(agent.contractedHoursPerWeek <= partTimeHoursPerWeek)) continue
      let best: { start: string; minutes: number; level: number } | undefined
      for (const interval of requirement.intervals) {
        if (interval.start < startFrom) continue
        const minutes = Math.min(callInMinutes, minutesBetween(interval.start, lastEnd))
        if (minutes < step) continue
        if (agent.availability && agent.availability.length > 0) {
          const from = clock(interval.start)
          const to = clock(addMinutes(interval.start, minutes))
          const fits = agent.availability.some((w) => w.day.toLowerCase().startsWith(weekday) && w.from <= from && (w.to === '24:00' || (to !== '00:00' && w.to >= to)))
          if (!fits) continue
        }
        const plus = spanCover(interval.start, minutes)
        const level = serviceLevelOf(scheduledAgents.map((a, i) => a + plus[i]))
        if (!best || level > best.level) best = { start: interval.start, minutes, level }
      }
      if (best) consider('call-in', `Call in ${agent.name} (part-time, ${agent.contractedHoursPerWeek} h/week) from ${clock(best.start)} to ${clock(addMinutes(best.start, best.minutes))}`, spanCover(best.start, best.minutes), null, best.minutes / 60)
    }
  }
  candidates.sort((a, b) => b.serviceLevelAfter - a.serviceLevelAfter || a.addedAgentHours - b.addedAgentHours)
  return candidates.slice(0, limit)
}
