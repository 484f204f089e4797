/**
 * Rostering: assigns the generated shifts to named agents, fairly, under each agent's rules, and reports the
 * shifts nobody can take with the reason. A greedy heuristic: the shifts with the fewest eligible agents go
 * first (undesirable ones first among equals); each goes to the eligible agent with the fewest undesirable
 * shifts so far (for undesirable shifts), then the largest share of contracted hours still open this week.
 * Rules per agent: skills (a shift with a queue needs that skill), availability windows, at most one shift
 * starting per day, minimum rest between shifts, weekly hours limit, at most N working days per ISO week and a
 * run of at least K consecutive days off in each ISO week (Monday-Sunday).
 */
import { formatLocalDate, isWeekday, MINUTES_PER_DAY, parseClockTime, parseLocalDateTime, startOfLocalDay, startOfLocalWeek, WEEKDAYS, weekdayOf, type Weekday } from './localTime.ts'
import type { Schedule } from './schedule.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'
import { expandShiftInstances, type ShiftInstance } from './shiftInstances.ts'

export interface AvailabilityWindow {
  day: Weekday
  /** 'HH:MM' */
  from: string
  /** 'HH:MM', may be '24:00' */
  to: string
}

export interface Agent {
  name: string
  contractedHoursPerWeek: number
  /** Queues the agent can work. A shift without a queue can go to anyone. @default none */
  skills?: string[]
  /** When the agent can work; a shift must lie inside (windows of consecutive days join at midnight). @default always */
  availability?: AvailabilityWindow[]
  /** @default 5 */
  maxDaysPerWeek?: number
  /** Days off in a row each ISO week must include. @default 2 */
  minConsecutiveDaysOff?: number
  /** @default 11 */
  minRestHoursBetweenShifts?: number
  /** Paid hours a week the agent may work. @default contractedHoursPerWeek */
  maxHoursPerWeek?: number
  /** Local dates 'YYYY-MM-DD' off (approved time off): no minute of a shift on them. @default none */
  timeOff?: string[]
}

export interface RosterOptions {
  /** What makes a shift undesirable (spread evenly across agents). */
  undesirable?: {
    /** @default '07:00' */
    startsBefore?: string
    /** @default '21:00' (a shift ending after this, or after midnight) */
    endsAfter?: string
    /** @default ['sat', 'sun'] */
    days?: Weekday[]
  }
}

export interface RosterAssignment {
  agent: string
  shift: ShiftInstance
}

export interface UnassignedShift {
  shift: ShiftInstance
  reason: string
}

/** One agent's week: the weekly roster view. */
export interface AgentWeek {
  agent: string
  /** Monday 'YYYY-MM-DD'. */
  weekStart: string
  contractedHours: number
  paidHours: number
  daysWorked: number
  undesirableShifts: number
  shifts: ShiftInstance[]
  /**
   * When the agent got fewer paid hours than contracted: why no more of the week's shifts went to them (every
   * shift already has an agent, or what kept them from the shifts left without one). Absent when not short.
   */
  shortOfContract?: string
}

export interface Roster {
  assignments: RosterAssignment[]
  unassigned: UnassignedShift[]
  /** Every agent for every ISO week the schedule touches, by agent then week. */
  weeks: AgentWeek[]
}

interface ValidAgent {
  name: string
  contractedMinutesPerWeek: number
  maxMinutesPerWeek: number
  skills: Set<string>
  /** Per weekday, merged [from, to) minutes of day; undefined = always available. */
  availability: Record<Weekday, [number, number][]> | undefined
  maxDaysPerWeek: number
  minConsecutiveDaysOff: number
  minRestMinutes: number
  timeOff: Set<string>
}

export function validateAgents(agents: readonly Agent[]): ValidAgent[] {
  const issues: ScheduleInputIssue[] = []
  if (!Array.isArray(agents)) throw new ScheduleInputError([{ template: '(agents)', field: 'agents', message: 'must be a list of agents' }])
  const names = new Set<string>()
  const valid = agents.map((agent, i) => {
    const at = (field: string) => `agents[${i}].${field}`
    const add = (field: string, message: string) => issues.push({ template: '(agents)', field: at(field), message: `${typeof agent?.name === 'string' ? `'${agent.name}': ` : ''}${message}` })
    if (typeof agent?.name !== 'string' || agent.name.trim() === '') { add('name', `every agent needs a name, got ${JSON.stringify(agent?.name)}`); return undefined }
    if (names.has(agent.name)) add('name', 'two agents have this name')
    names.add(agent.name)
    const number = (value: unknown, field: string, fallback: number, whole = false) => {
      const v = value ?? fallback
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (whole && !Number.isInteger(v))) { add(field, `must be a ${whole ? 'whole ' : ''}number >= 0, got ${JSON.stringify(value)}`); return fallback }
      return v
    }
    const contracted = number(agent.contractedHoursPerWeek, 'contractedHoursPerWeek', NaN)
    const maxHours = number(agent.maxHoursPerWeek, 'maxHoursPerWeek', Number.isFinite(contracted) ? contracted : 0)
    const maxDaysPerWeek = number(agent.maxDaysPerWeek, 'maxDaysPerWeek', 5, true)
    const minConsecutiveDaysOff = number(agent.minConsecutiveDaysOff, 'minConsecutiveDaysOff', 2, true)
    if (maxDaysPerWeek > 7) add('maxDaysPerWeek', `a week has 7 days, got ${maxDaysPerWeek}`)
    if (minConsecutiveDaysOff > 7) add('minConsecutiveDaysOff', `a week has 7 days, got ${minConsecutiveDaysOff}`)
    const minRestHours = number(agent.minRestHoursBetweenShifts, 'minRestHoursBetweenShifts', 11)
    if (agent.skills !== undefined && (!Array.isArray(agent.skills) || agent.skills.some((skill: unknown) => typeof skill !== 'string'))) add('skills', 'must be a list of queue names')
    let availability: ValidAgent['availability']
    if (agent.availability !== undefined) {
      if (!Array.isArray(agent.availability)) add('availability', 'must be a list of {day, from, to}')
      else {
        availability = Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Record<Weekday, [number, number][]>
        (agent.availability as AvailabilityWindow[]).forEach((w, k) => {
          if (!isWeekday(w?.day)) { add(`availability[${k}].day`, `unknown weekday ${JSON.stringify(w?.day)}; use ${WEEKDAYS.join(', ')}`); return }
          try {
            const from = parseClockTime(w.from), to = parseClockTime(w.to, true)
            if (to <= from) add(`availability[${k}]`, `ends (${w.to}) at or before it starts (${w.from})`)
            else availability![w.day as Weekday].push([from, to])
          } catch (error) { add(`availability[${k}]`, (error as Error).message) }
        })
        for (const d of WEEKDAYS) availability[d] = mergeWindows(availability[d])
      }
    }
    return {
      name: agent.name,
      contractedMinutesPerWeek: (Number.isFinite(contracted) ? contracted : 0) * 60,
      maxMinutesPerWeek: maxHours * 60,
      skills: new Set(Array.isArray(agent.skills) ? agent.skills : []),
      availability,
      maxDaysPerWeek,
      minConsecutiveDaysOff,
      minRestMinutes: minRestHours * 60,
      timeOff: new Set(Array.isArray(agent.timeOff) ? agent.timeOff : []),
    }
  })
  if (issues.length) throw new ScheduleInputError(issues)
  return valid as ValidAgent[]
}

function mergeWindows(windows: [number, number][]): [number, number][] {
  const sorted = [...windows].sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const w of sorted) {
    const last = merged[merged.length - 1]
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1])
    else merged.push([w[0], w[1]])
  }
  return merged
}

/** Whether [startMinute, endMinute) lies inside the agent's availability, day by day. */
function isAvailable(agent: ValidAgent, startMinute: number, endMinute: number): boolean {
  if (!agent.availability) return true
  for (let day = startOfLocalDay(startMinute); day < endMinute; day += MINUTES_PER_DAY) {
    const from = Math.max(startMinute, day) - day, to = Math.min(endMinute, day + MINUTES_PER_DAY) - day
    if (!agent.availability[weekdayOf(day)].some(([a, b]) => a <= from && b >= to)) return false
  }
  return true
}

function isUndesirable(shift: ShiftInstance, startsBeforeMinutes: number, endsAfterMinutes: number, days: Weekday[]): boolean {
  const day = startOfLocalDay(shift.startMinute)
  return shift.startMinute - day < startsBeforeMinutes || shift.endMinute - day > endsAfterMinutes || days.includes(weekdayOf(shift.startMinute))
}

interface AgentState {
  shifts: ShiftInstance[]
  minutesByWeek: Map<number, number>
  daysByWeek: Map<number, Set<number>>
  undesirable: number
}

/** The longest run of days in the week (0 = Monday) not in `worked`. */
function longestRunOff(worked: Set<number>): number {
  let best = 0, run = 0
  for (let d = 0; d < 7; d++) { run = worked.has(d) ? 0 : run + 1; best = Math.max(best, run) }
  return best
}

type Rejection = 'skill' | 'timeOff' | 'availability' | 'hours' | 'sameDay' | 'rest' | 'days' | 'daysOff'

function rejectionOf(agent: ValidAgent, state: AgentState, shift: ShiftInstance, weekOf: (localMinutes: number) => number = startOfLocalWeek): Rejection | undefined {
  if (shift.queue && !agent.skills.has(shift.queue)) return 'skill'
  if (agent.timeOff.size) {
    for (let day = startOfLocalDay(shift.startMinute); day < shift.endMinute; day += MINUTES_PER_DAY) if (agent.timeOff.has(formatLocalDate(day))) return 'timeOff'
  }
  if (!isAvailable(agent, shift.startMinute, shift.endMinute)) return 'availability'
  const week = weekOf(shift.startMinute)
  if ((state.minutesByWeek.get(week) ?? 0) + shift.paidMinutes > agent.maxMinutesPerWeek) return 'hours'
  const day = startOfLocalDay(shift.startMinute)
  for (const other of state.shifts) {
    if (startOfLocalDay(other.startMinute) === day) return 'sameDay'
    if (shift.startMinute < other.endMinute + agent.minRestMinutes && other.startMinute < shift.endMinute + agent.minRestMinutes) return 'rest'
  }
  const worked = new Set(state.daysByWeek.get(week) ?? [])
  worked.add((day - week) / MINUTES_PER_DAY)
  if (worked.size > agent.maxDaysPerWeek) return 'days'
  if (longestRunOff(worked) < agent.minConsecutiveDaysOff) return 'daysOff'
  return undefined
}

const REJECTION_TEXT: Record<Rejection, (shift: ShiftInstance) => string> = {
  skill: (s) => `lack skill '${s.queue}'`,
  timeOff: () => 'have time off then',
  availability: () => 'are not available then',
  hours: () => 'would pass their weekly hours',
  sameDay: () => 'already work that day',
  rest: () => 'would not get their rest between shifts',
  days: () => 'would pass their working days a week',
  daysOff: () => 'would lose their consecutive days off',
}

function reasonUnassigned(shift: ShiftInstance, rejections: Rejection[]): string {
  if (rejections.length === 0) return 'there are no agents'
  const counts = new Map<Rejection, number>()
  for (const r of rejections) counts.set(r, (counts.get(r) ?? 0) + 1)
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} ${n === 1 ? 'agent' : 'agents'} ${REJECTION_TEXT[r](shift)}`)
  return `no agent can take it: ${parts.join('; ')}`
}

/**
 * Assigns every shift of the schedule to an agent where the rules allow, fairly (see the file comment).
 * @throws ScheduleInputError for invalid agents or an invalid schedule
 * @example 2 agents of 40 h, ten 8-h weekday shifts -> 5 each; see tests/scheduling/roster.test.ts
 */
export function buildRoster(schedule: Schedule, agents: readonly Agent[], options: RosterOptions = {}): Roster {
  const validAgents = validateAgents(agents)
  const shifts = expandShiftInstances(schedule)
  const { startsBefore = '07:00', endsAfter = '21:00', days = ['sat', 'sun'] } = options.undesirable ?? {}
  const startsBeforeMinutes = parseClockTime(startsBefore), endsAfterMinutes = parseClockTime(endsAfter, true)
  const undesirable = new Map(shifts.map((s) => [s.id, isUndesirable(s, startsBeforeMinutes, endsAfterMinutes, days)]))
  const states = new Map<string, AgentState>(validAgents.map((a) => [a.name, { shifts: [], minutesByWeek: new Map(), daysByWeek: new Map(), undesirable: 0 }]))
  const staticallyEligible = new Map(shifts.map((s) => [s.id, validAgents.filter((a) => (!s.queue || a.skills.has(s.queue)) && isAvailable(a, s.startMinute, s.endMinute)).length]))
  const order = [...shifts].sort((a, b) =>
    staticallyEligible.get(a.id)! - staticallyEligible.get(b.id)!
    || Number(undesirable.get(b.id)) - Number(undesirable.get(a.id))
    || a.startMinute - b.startMinute || (a.id < b.id ? -1 : 1))

  const assignments: RosterAssignment[] = []
  const unassigned: UnassignedShift[] = []
  for (const shift of order) {
    const week = startOfLocalWeek(shift.startMinute)
    const rejections: Rejection[] = []
    let best: ValidAgent | undefined, bestKey: number[] = []
    for (const agent of validAgents) {
      const state = states.get(agent.name)!
      const rejection = rejectionOf(agent, state, shift)
      if (rejection) { rejections.push(rejection); continue }
      const openShare = agent.contractedMinutesPerWeek > 0 ? (agent.contractedMinutesPerWeek - (state.minutesByWeek.get(week) ?? 0)) / agent.contractedMinutesPerWeek : -1
      const key = undesirable.get(shift.id) ? [-state.undesirable, openShare] : [openShare, -state.undesirable]
      if (!best || key[0] > bestKey[0] + 1e-12 || (Math.abs(key[0] - bestKey[0]) <= 1e-12 && key[1] > bestKey[1] + 1e-12)) { best = agent; bestKey = key }
    }
    if (!best) { unassigned.push({ shift, reason: reasonUnassigned(shift, rejections) }); continue }
    give(states.get(best.name)!, shift, undesirable.get(shift.id)!)
    assignments.push({ agent: best.name, shift })
  }
  repairBySwaps(validAgents, states, assignments, unassigned, undesirable)
  const byTime = (a: { shift: ShiftInstance }, b: { shift: ShiftInstance }) => a.shift.startMinute - b.shift.startMinute || (a.shift.id < b.shift.id ? -1 : 1)
  assignments.sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : byTime(a, b)))
  unassigned.sort(byTime)

  const weekStarts = [...new Set(shifts.map((s) => startOfLocalWeek(s.startMinute)))].sort((a, b) => a - b)
  const weeks: AgentWeek[] = validAgents.flatMap((agent) => weekStarts.map((week) => {
    const own = assignments.filter((a) => a.agent === agent.name && startOfLocalWeek(a.shift.startMinute) === week).map((a) => a.shift)
    return {
      agent: agent.name,
      weekStart: formatLocalDate(week),
      contractedHours: agent.contractedMinutesPerWeek / 60,
      paidHours: own.reduce((s, x) => s + x.paidMinutes, 0) / 60,
      daysWorked: new Set(own.map((x) => startOfLocalDay(x.startMinute))).size,
      undesirableShifts: own.filter((x) => undesirable.get(x.id)).length,
      shifts: own,
    }
  }))
  for (const w of weeks) {
    const agent = validAgents.find((a) => a.name === w.agent)!
    const shortMinutes = agent.contractedMinutesPerWeek - w.paidHours * 60
    if (!(shortMinutes > 1e-9)) continue
    const week = startOfLocalWeek(parseLocalDateTime(w.weekStart + 'T00:00'))
    const left = unassigned.filter((u) => startOfLocalWeek(u.shift.startMinute) === week)
    w.shortOfContract = explainShortWeek(agent, states.get(agent.name)!, left.map((u) => u.shift), shortMinutes)
  }
  return { assignments, unassigned, weeks }
}

/** The start (local minutes) of the week holding a minute, weeks starting on the given day (Monday: ISO weeks). */
const weekStartingOn = (weekStartsOn: Weekday) => (localMinutes: number): number => {
  const day = startOfLocalDay(localMinutes)
  return day - ((WEEKDAYS.indexOf(weekdayOf(localMinutes)) - WEEKDAYS.indexOf(weekStartsOn) + 7) % 7) * MINUTES_PER_DAY
}

function give(state: AgentState, shift: ShiftInstance, isUndesirable: boolean, weekOf: (localMinutes: number) => number = startOfLocalWeek): void {
  const week = weekOf(shift.startMinute)
  state.shifts.push(shift)
  state.minutesByWeek.set(week, (state.minutesByWeek.get(week) ?? 0) + shift.paidMinutes)
  if (!state.daysByWeek.has(week)) state.daysByWeek.set(week, new Set())
  state.daysByWeek.get(week)!.add((startOfLocalDay(shift.startMinute) - week) / MINUTES_PER_DAY)
  if (isUndesirable) state.undesirable++
}

function takeBack(state: AgentState, shift: ShiftInstance, isUndesirable: boolean): void {
  const week = startOfLocalWeek(shift.startMinute)
  state.shifts = state.shifts.filter((s) => s !== shift)
  state.minutesByWeek.set(week, (state.minutesByWeek.get(week) ?? 0) - shift.paidMinutes)
  state.daysByWeek.set(week, new Set(state.shifts.filter((s) => startOfLocalWeek(s.startMinute) === week).map((s) => (startOfLocalDay(s.startMinute) - week) / MINUTES_PER_DAY)))
  if (isUndesirable) state.undesirable--
}

/** Work the repair may do (rule checks), so rostering stays fast on large schedules. */
const REPAIR_CHECK_BUDGET = 20_000

/**
 * After the greedy pass, a shift nobody could take is given to an agent A by moving one of A's shifts of the same
 * week to another agent B who can take it (one swap per shift left, within a budget of rule checks): the greedy
 * order sometimes fills an agent's day or rest window with a shift someone else could have worked.
 */
function repairBySwaps(agents: readonly ValidAgent[], states: Map<string, AgentState>, assignments: RosterAssignment[], unassigned: UnassignedShift[], undesirable: ReadonlyMap<string, boolean>): void {
  let budget = REPAIR_CHECK_BUDGET
  for (let k = 0; k < unassigned.length && budget > 0; k++) {
    const left = unassigned[k].shift
    const week = startOfLocalWeek(left.startMinute)
    let placed = false
    for (const a of agents) {
      if (placed || budget <= 0) break
      if ((left.queue && !a.skills.has(left.queue)) || !isAvailable(a, left.startMinute, left.endMinute)) continue
      const stateA = states.get(a.name)!
      for (const moved of stateA.shifts.filter((s) => startOfLocalWeek(s.startMinute) === week)) {
        takeBack(stateA, moved, undesirable.get(moved.id)!)
        budget--
        if (!rejectionOf(a, stateA, left)) {
          for (const b of agents) {
            if (b === a) continue
            budget--
            if (rejectionOf(b, states.get(b.name)!, moved)) continue
            give(states.get(b.name)!, moved, undesirable.get(moved.id)!)
            give(stateA, left, undesirable.get(left.id)!)
            assignments.find((x) => x.shift === moved)!.agent = b.name
            assignments.push({ agent: a.name, shift: left })
            placed = true
            break
          }
        }
        if (placed || budget <= 0) { if (!placed) give(stateA, moved, undesirable.get(moved.id)!); break }
        give(stateA, moved, undesirable.get(moved.id)!)
      }
    }
    if (placed) unassigned.splice(k--, 1)
  }
}

/** Why an agent's week stays under the contracted hours (see AgentWeek.shortOfContract). */
function explainShortWeek(agent: ValidAgent, state: AgentState, left: readonly ShiftInstance[], shortMinutes: number, madeBy: 'greedy' | 'other' = 'greedy', weekOf: (localMinutes: number) => number = startOfLocalWeek): string {
  const short = `${Math.round((shortMinutes / 60) * 10) / 10} h under contract`
  if (!left.length) return `${short}: every shift of this week already has an agent (the schedule needs fewer hours than the team is contracted for)`
  const counts = new Map<Rejection, number>()
  for (const shift of left) {
    const r = rejectionOf(agent, state, shift, weekOf)
    if (r) counts.set(r, (counts.get(r) ?? 0) + 1)
  }
  if (!counts.size && madeBy === 'other') return `${short}: ${left.length} shift(s) of this week have no agent and none breaks this agent's skills, availability, time off, hours, rest or days rules; the roster optimiser's other rules (weekends, hours tolerance, runs of days) or its time limit kept them apart`
  if (!counts.size) return `${short}: ${left.length} shift(s) of this week have no agent; none was open to this agent when it came up`
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} shift(s) left without an agent ${REJECTION_FOR_AGENT[r](left[0])}`)
  return `${short}: ${parts.join('; ')}`
}

/**
 * Fills AgentWeek.shortOfContract for a roster made another way (the roster optimiser's, or one frozen when
 * published): for each agent-week under contract, the hard rules that keep the agent from that week's shifts left
 * without an agent, with their shifts as the roster has them, in the words buildRoster uses. A week of someone not
 * among `agents` (removed since) or of invalid agents says why it is not explained instead of staying blank. Weekly
 * hours and days count in weeks starting on `weekStartsOn` (the queue's week; Monday by default).
 */
export function explainShortWeeks(roster: Pick<Roster, 'assignments' | 'unassigned' | 'weeks'>, agents: readonly Agent[], weekStartsOn: Weekday = 'mon'): AgentWeek[] {
  const weekOf = weekStartingOn(weekStartsOn)
  let valid: ValidAgent[]
  try {
    valid = validateAgents(agents)
  } catch (error) {
    if (!(error instanceof ScheduleInputError)) throw error
    return roster.weeks.map((w) => (w.paidHours < w.contractedHours - 1e-9 ? { ...w, shortOfContract: `${Math.round((w.contractedHours - w.paidHours) * 10) / 10} h under contract: not explained, the agents' rules are invalid (${error.message})` } : w))
  }
  const byName = new Map(valid.map((a) => [a.name, a]))
  const states = new Map<string, AgentState>(valid.map((a) => [a.name, { shifts: [], minutesByWeek: new Map(), daysByWeek: new Map(), undesirable: 0 }]))
  for (const a of roster.assignments) { const state = states.get(a.agent); if (state) give(state, a.shift, false, weekOf) }
  return roster.weeks.map((w) => {
    const shortMinutes = w.contractedHours * 60 - w.paidHours * 60
    if (!(shortMinutes > 1e-9)) return w
    const agent = byName.get(w.agent)
    if (!agent) return { ...w, shortOfContract: `${Math.round((shortMinutes / 60) * 10) / 10} h under contract: not explained, '${w.agent}' is not among the current agents` }
    const from = parseLocalDateTime(w.weekStart + 'T00:00')
    const left = roster.unassigned.filter((u) => u.shift.startMinute >= from && u.shift.startMinute < from + 7 * MINUTES_PER_DAY).map((u) => u.shift)
    return { ...w, shortOfContract: explainShortWeek(agent, states.get(agent.name)!, left, shortMinutes, 'other', weekOf) }
  })
}

const REJECTION_FOR_AGENT: Record<Rejection, (shift: ShiftInstance) => string> = {
  skill: (s) => `need skill '${s.queue}'`,
  timeOff: () => 'fall on their time off',
  availability: () => 'fall outside their availability',
  hours: () => 'would pass their weekly hours limit',
  sameDay: () => 'are on days they already work',
  rest: () => 'would cut their rest between shifts',
  days: () => 'would pass their working days a week',
  daysOff: () => 'would break their consecutive days off',
}

