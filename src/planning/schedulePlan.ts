/**
 * Schedules of a queue: the staffing plan's agents to schedule per interval become the scheduling requirement
 * (local times, open hours only), the scheduling engine solves it (HiGHS in a worker), and the coverage of any
 * schedule (generated or edited by hand) is measured against it, with the service level each interval is
 * expected to reach with the scheduled agents.
 *
 * Units: the requirement is in scheduled heads (the plan's agentsScheduledExact = required / (1 − shrinkage)),
 * the same unit as the coverage net of breaks. Of the heads on the queue and not on a break, (1 − shrinkage) are
 * productive, so the service an interval reaches is that of scheduled × (1 − shrinkage) agents (see
 * expectedServiceWithScheduled). Used by the schedules page and src/db/schedules.ts (latestPublishedSchedule).
 */
import { scheduleFigures } from '../scheduling/scheduleFigures.ts'
import { DEFAULT_WEEK_RULES, isWeekendDate, weekStartDateOf, type WeekRules } from '../scheduling/weekRules.ts'
import type { Weekday } from '../scheduling/localTime.ts'
import { TimeLimitError, runInWorker } from '../workers/runInWorker.ts'
import { staffingPlanOf } from './staffingPlanTask.ts'
import { solveScheduleInWorker } from './scheduleSolveTask.ts'
import { forecastQueue } from './queueForecast.ts'
import type { Db } from '../db/client.ts'
import type { OpeningHours as QueueOpeningHours } from '../db/queues.ts'
import type { Queue } from '../db/schema.ts'
import {
  computeCoverage, expandShiftInstances, explainShortWeeks, formatScheduleInputIssue, ScheduleInputError, solveSchedule,
  validateOpeningHours, validateShiftTemplates, WEEKDAYS,
  type Agent, type AgentWeek, type CoverageReport, type IntervalCoverage, type OpeningHours, type OverCoverRule, type Requirement,
  type Roster, type Schedule, type ScheduleSolveResult, type ShiftInstance, type ShiftTemplate, type SolveProgressEvent,
} from '../scheduling/index.ts'
// Not re-exported by src/scheduling/index.ts: whether templates together reach every open minute.
import { checkTemplatesCoverOpeningHours } from '../scheduling/openingHours.ts'
import { serviceForStaffing, type StaffingModel, type StaffingTargets } from '../staffing/index.ts'
import { formatLocalIso } from '../time/zones.ts'
import { needCover, type NeedCover } from '../scheduling/needCover.ts'
import { formatScheduleInputIssueInWords } from '../scheduling/scheduleInputError.ts'
import { assertPlanRange, assertValidStaffingSettings, type StaffingPlan, type StaffingSettings } from './staffingPlan.ts'
import { forecastQueueWithEvents } from './eventForecast.ts'
import { isOpenOnDate, type DateOpeningHours } from '../scheduling/dateOpeningHours.ts'
import { queueDateHoursBetween } from './queueCalendar.ts'

/** One interval of the requirement a schedule was made for. */
export interface RequirementSnapshotInterval {
  /** UTC start. */
  startMs: number
  /** Local start 'YYYY-MM-DDTHH:MM' in the queue's zone (the scheduling module's time). */
  start: string
  /** Agents the plan needs handling contacts (before shrinkage). */
  agentsRequired: number
  /** Heads to schedule: agentsRequired / (1 − shrinkage), unrounded. The scheduling requirement. */
  agentsToSchedule: number
  /** Forecast mean volume and AHT, for the service level with the scheduled agents. */
  volume: number
  ahtSeconds: number
  /** Upper bounds of the forecast's 80% and 95% intervals (schedules stored before they were kept lack them). */
  volumeHi80?: number
  volumeHi95?: number
}

/** What a schedule was made for: stored with it, so coverage and service are recomputed without forecasting. */
export interface RequirementSnapshot {
  queueName: string
  timeZone: string
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  shrinkageFraction: number
  /** The staffing settings the plan was made with (schedules stored before they were kept lack them). */
  settings?: StaffingSettings
  model: StaffingModel
  targets: StaffingTargets
  /** The queue's opening hours in the scheduling module's form. */
  openingHours: OpeningHours
  /** Dates of the range with their own hours (closed or shortened, src/scheduling/dateOpeningHours.ts); absent before they were kept. */
  dateHours?: DateOpeningHours[]
  /** Open intervals only, in time order. */
  intervals: RequirementSnapshotInterval[]
  /** Heads-hours the plan asked for while the queue is closed (left out: no shift may be there). */
  closedAgentHours: number
  /** Intervals of a DST fall-back hour that repeat a local time, merged into the first (the larger need kept). */
  repeatedLocalIntervals: number
  /**
   * The events (calendar id as text → effect value applied) the need was made with; an event added or changed
   * since makes the flags use the current need on its intervals. Absent on schedules stored before it was kept.
   */
  appliedEvents?: Record<string, number>
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** The queue's opening hours (Monday first, minutes of day) in the scheduling module's form (weekday → 'HH:MM'). */
export function schedulingOpeningHoursOf(hours: QueueOpeningHours): OpeningHours {
  if (!Array.isArray(hours) || hours.length !== 7) throw new RangeError(`openingHours: must list 7 days (Monday first), got ${JSON.stringify(hours)}`)
  return Object.fromEntries(WEEKDAYS.map((day, i) => [day, hours[i] ? { open: clock(hours[i]!.openMinute), close: clock(hours[i]!.closeMinute) } : null]))
}

/** Whether the interval [minuteOfDay, minuteOfDay + intervalMinutes) overlaps the day's opening hours. */
function isOpenInterval(hours: QueueOpeningHours, isoWeekdayIndex: number, minuteOfDay: number, intervalMinutes: number): boolean {
  const day = hours[isoWeekdayIndex]
  return !!day && minuteOfDay < day.closeMinute && minuteOfDay + intervalMinutes > day.openMinute
}

/** Whether the queue is open in the interval starting at startMs (UTC) of intervalMinutes, by its local opening hours. */
export function isOpenAt(startMs: number, timeZone: string, hours: QueueOpeningHours, intervalMinutes: number): boolean {
  const start = formatLocalIso(startMs, timeZone).slice(0, 16)
  const weekdayIndex = (new Date(start.slice(0, 10) + 'T00:00:00Z').getUTCDay() + 6) % 7
  return isOpenInterval(hours, weekdayIndex, Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)), intervalMinutes)
}

/** A published schedule's intervals by UTC start: the need it was made for and the heads of its assigned shifts. */
export function publishedIntervalsOf(published: { coverage: ScheduleCoverage } | null): Map<number, { agentsRequired: number; agentsScheduled: number }> {
  return new Map((published?.coverage.rows ?? []).map((r) => [r.startMs, { agentsRequired: r.agentsRequired, agentsScheduled: r.agentsScheduled }]))
}

/**
 * Whether an interval's events now differ from those a schedule's need was made with (an event added, removed
 * from the interval's effects, or given another value): the schedule's stored need is then out of date there.
 */
export function eventsChangedSince(snapshot: Pick<RequirementSnapshot, 'appliedEvents'>, eventIdsNow: ReadonlyArray<number | string>, valueNow: (id: number | string) => number | null): boolean {
  if (!snapshot.appliedEvents) return eventIdsNow.length > 0
  return eventIdsNow.some((id) => snapshot.appliedEvents![String(id)] !== valueNow(id))
}

/**
 * The plan's open intervals as the requirement to schedule, in local time. Intervals while the queue is closed are
 * left out (their need is reported as closedAgentHours); a local time repeated on a DST fall-back day is merged.
 * A date listed in dateHours has its own hours (a holiday closed all day, an eve shortened) instead of its weekday's.
 * @throws RangeError when the opening hours do not list 7 days
 */
export function requirementSnapshotOf(plan: StaffingPlan, openingHours: QueueOpeningHours, dateHours: readonly DateOpeningHours[] = []): RequirementSnapshot {
  const byDate = new Map(dateHours.filter((d) => d.dateKey >= plan.fromDateKey && d.dateKey <= plan.toDateKey).map((d) => [d.dateKey, d]))
  const schedulingHours = schedulingOpeningHoursOf(openingHours)
  const intervals: RequirementSnapshotInterval[] = []
  const byStart = new Map<string, RequirementSnapshotInterval>()
  let closedAgentHours = 0, repeatedLocalIntervals = 0
  for (const interval of plan.intervals) {
    const start = formatLocalIso(interval.startMs, plan.timeZone).slice(0, 16)
    const minuteOfDay = Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16))
    if (!isOpenOnDate(start.slice(0, 10), minuteOfDay, plan.intervalMinutes, openingHours, byDate)) {
      closedAgentHours += (interval.agentsScheduledExact * plan.intervalMinutes) / 60
      continue
    }
    const repeated = byStart.get(start)
    if (repeated) {
      repeatedLocalIntervals++
      if (interval.agentsScheduledExact > repeated.agentsToSchedule) Object.assign(repeated, { agentsRequired: interval.agentsRequired, agentsToSchedule: interval.agentsScheduledExact, volume: interval.volume, ahtSeconds: interval.ahtSeconds, volumeHi80: interval.volumeP90, volumeHi95: interval.volumeP975 })
      continue
    }
    const row = { startMs: interval.startMs, start, agentsRequired: interval.agentsRequired, agentsToSchedule: interval.agentsScheduledExact, volume: interval.volume, ahtSeconds: interval.ahtSeconds, volumeHi80: interval.volumeP90, volumeHi95: interval.volumeP975 }
    byStart.set(start, row)
    intervals.push(row)
  }
  return {
    queueName: plan.queueName,
    timeZone: plan.timeZone,
    intervalMinutes: plan.intervalMinutes,
    fromDateKey: plan.fromDateKey,
    toDateKey: plan.toDateKey,
    shrinkageFraction: plan.settings.shrinkageFraction,
    settings: { ...plan.settings },
    model: plan.model,
    targets: plan.targets,
    openingHours: schedulingHours,
    ...(byDate.size ? { dateHours: [...byDate.values()].sort((a, b) => (a.dateKey < b.dateKey ? -1 : 1)) } : {}),
    intervals,
    closedAgentHours,
    repeatedLocalIntervals,
  }
}

/**
 * The scheduling engine's requirement: heads to schedule per open local interval.
 * @throws RangeError when the snapshot has no open interval (nothing to schedule)
 */
export function requirementOf(snapshot: RequirementSnapshot): Requirement {
  if (!snapshot.intervals.length) throw new RangeError(`the queue '${snapshot.queueName}' is closed on every day from ${snapshot.fromDateKey} to ${snapshot.toDateKey}: there is nothing to schedule`)
  return { intervalMinutes: snapshot.intervalMinutes, intervals: snapshot.intervals.map((i) => ({ start: i.start, agentsRequired: i.agentsToSchedule })) }
}

/** Service of one interval with the scheduled agents. */
export interface IntervalService {
  /** Scheduled heads × (1 − shrinkage): the agents handling contacts. */
  productiveAgents: number
  serviceLevel: number
  asaSeconds: number
  occupancy: number
}

/**
 * The service level (and ASA, occupancy) each interval is expected to reach at the mean forecast with the scheduled
 * heads, net of breaks: productive agents = scheduled × (1 − shrinkage). The queueing models take whole agents, so
 * a fractional number of productive agents n + f is the mix (1 − f)·measures(n) + f·measures(n + 1): f of the
 * interval with one agent more (a time average; the staffing engine's serviceForStaffing gives each end).
 * @throws RangeError if the arrays differ in length or a count is negative
 */
export function expectedServiceWithScheduled(snapshot: RequirementSnapshot, scheduledAgents: readonly number[]): IntervalService[] {
  if (scheduledAgents.length !== snapshot.intervals.length) throw new RangeError(`scheduledAgents has ${scheduledAgents.length} values for ${snapshot.intervals.length} intervals`)
  const productive = scheduledAgents.map((a, i) => {
    if (!(a >= 0)) throw new RangeError(`scheduledAgents[${i}] must be >= 0, got ${a}`)
    return Math.round(a * (1 - snapshot.shrinkageFraction) * 1e9) / 1e9
  })
  const forecasts = snapshot.intervals.map((i) => ({ volume: i.volume, ahtSeconds: i.ahtSeconds }))
  const settings = { intervalMinutes: snapshot.intervalMinutes, model: snapshot.model, targets: snapshot.targets }
  const low = serviceForStaffing(forecasts, productive.map(Math.floor), settings)
  const high = serviceForStaffing(forecasts, productive.map((p) => Math.floor(p) + 1), settings)
  return productive.map((p, i) => {
    const f = p - Math.floor(p)
    const mix = (a: number, b: number) => (f === 0 ? a : !Number.isFinite(a) || !Number.isFinite(b) ? (f === 1 ? b : Infinity) : (1 - f) * a + f * b)
    return { productiveAgents: p, serviceLevel: mix(low[i].serviceLevel, high[i].serviceLevel), asaSeconds: mix(low[i].asaSeconds, high[i].asaSeconds), occupancy: mix(low[i].occupancy, high[i].occupancy) }
  })
}

export interface CoverageRow extends IntervalCoverage, IntervalService {
  startMs: number
  /** Agents the plan needs handling contacts (before shrinkage). */
  agentsNeeded: number
  volume: number
}

export interface CoverageDay {
  dateKey: string
  requiredAgentHours: number
  scheduledAgentHours: number
  overCoverAgentHours: number
  underCoverAgentHours: number
  intervalsShort: number
  /** Volume-weighted over the day (null without volume). */
  expectedServiceLevel: number | null
}

export interface ScheduleCoverage {
  intervalMinutes: number
  rows: CoverageRow[]
  days: CoverageDay[]
  totals: CoverageReport['totals'] & { expectedServiceLevel: number | null }
  /** The engine's report (for coverageToCsv). */
  report: CoverageReport
  /** Need vs cover per interval and day: the figures every page shows (src/scheduling/needCover.ts). */
  needCover: NeedCover
}

function weightedServiceLevel(rows: readonly CoverageRow[]): number | null {
  const volume = rows.reduce((s, r) => s + r.volume, 0)
  return volume > 0 ? rows.reduce((s, r) => s + r.volume * r.serviceLevel, 0) / volume : null
}

/**
 * Requirement vs scheduled heads (net of breaks) per interval and per local day, with over/under cover, agent-hour
 * totals and the service level expected with the scheduled agents. Call again after any edit.
 * @throws ScheduleInputError when the schedule is invalid
 */
export function scheduleCoverage(snapshot: RequirementSnapshot, schedule: Schedule): ScheduleCoverage {
  const report = computeCoverage(requirementOf(snapshot), schedule)
  const service = expectedServiceWithScheduled(snapshot, report.intervals.map((c) => c.agentsScheduled))
  const rows: CoverageRow[] = report.intervals.map((c, i) => ({
    ...c, ...service[i], startMs: snapshot.intervals[i].startMs, agentsNeeded: snapshot.intervals[i].agentsRequired, volume: snapshot.intervals[i].volume,
  }))
  const cover = needCover({
    startMs: rows.map((r) => r.startMs), dateKeys: rows.map((r) => r.start.slice(0, 10)),
    needAgents: rows.map((r) => r.agentsRequired), coverAgents: rows.map((r) => r.agentsScheduled), intervalMinutes: report.intervalMinutes,
  })
  const days = cover.days.map((d): CoverageDay => ({
    dateKey: d.dateKey,
    requiredAgentHours: d.needAgentHours,
    scheduledAgentHours: d.coverAgentHours,
    overCoverAgentHours: d.overCoverAgentHours,
    underCoverAgentHours: d.shortfallAgentHours,
    intervalsShort: d.intervalsShort,
    expectedServiceLevel: weightedServiceLevel(rows.filter((r) => r.start.startsWith(d.dateKey))),
  }))
  const totals = {
    ...report.totals,
    requiredAgentHours: cover.totals.needAgentHours, scheduledAgentHours: cover.totals.coverAgentHours,
    overCoverAgentHours: cover.totals.overCoverAgentHours, underCoverAgentHours: cover.totals.shortfallAgentHours, intervalsShort: cover.totals.intervalsShort,
    expectedServiceLevel: weightedServiceLevel(rows),
  }
  return { intervalMinutes: report.intervalMinutes, rows, days, totals, report, needCover: cover }
}

/** Cost of a schedule's shifts: count × cost per hour of its template × paid hours (templates missing cost 1 per hour). */
export function scheduleShiftCost(schedule: Schedule, templates: readonly ShiftTemplate[]): number {
  return scheduleFigures(schedule.shifts, templates).shiftCost
}

export interface GenerateScheduleOptions {
  fromDateKey: string
  toDateKey: string
  /** @default 20 */
  timeLimitSeconds?: number
  /** Stop once the solver proves the schedule within this relative gap of optimal (0-1). @default 0.005 */
  mipRelativeGap?: number
  /** @default 'allow' */
  overCover?: OverCoverRule
  /** Forecast and solve in worker threads (web requests). @default true */
  inWorker?: boolean
  /** 0–1 over the whole run (forecast to 0.4, then the solve by elapsed time), with a message. */
  onProgress?: (fraction: number, message: string) => void
  signal?: AbortSignal
}

export interface GeneratedSchedule {
  plan: StaffingPlan
  snapshot: RequirementSnapshot
  result: ScheduleSolveResult
  templates: ShiftTemplate[]
}

function solveMessage(event: SolveProgressEvent): string {
  if (event.phase === 'building') return 'building the shift model'
  if (event.phase === 'done') return `solver done (${event.status})`
  const gap = event.gap !== undefined && Number.isFinite(event.gap) ? `, gap ${(event.gap * 100).toFixed(2)}%` : ''
  return `solving with HiGHS, ${(event.elapsedMs / 1000).toFixed(1)} s${gap}`
}

/**
 * Staffing plan → requirement → HiGHS: the schedule of a queue for a local date range at least cost, with the
 * templates given (each template gets the queue's name as its skill, so rostering needs agents with that skill).
 * @throws RangeError for bad settings or dates, or a load that cannot be staffed; ScheduleInputError naming the
 *   template when the templates are invalid or cannot cover the open hours (nothing is solved then)
 */
export async function generateQueueSchedule(db: Db, queue: Queue, settings: StaffingSettings, openingHours: QueueOpeningHours, templates: readonly ShiftTemplate[], options: GenerateScheduleOptions): Promise<GeneratedSchedule> {
  const { fromDateKey, toDateKey, timeLimitSeconds = 20, mipRelativeGap = 0.005, overCover = 'allow', inWorker = true, signal } = options
  let reached = 0
  const report = (fraction: number, message: string) => { reached = Math.max(reached, fraction); options.onProgress?.(reached, message) }
  report(0, 'forecasting the volume and AHT')
  // The need with the queue's events (launches, holidays…): the same plan the flags and scenarios read.
  assertValidStaffingSettings(settings)
  assertPlanRange(fromDateKey, toDateKey)
  const forecast = await forecastQueueWithEvents(db, queue, {
    fromDateKey, toDateKey, inWorker,
    onProgress: (p) => report(p.total ? (0.4 * p.done) / p.total : 0, `forecast: ${p.message}`),
  })
  const plan = await staffingPlanOf(forecast.withEvents, settings, queue.name, inWorker) // off the request thread (web)
  // Holidays and short days of the range (the calendar per date, public holidays included): closed dates get no need and no shift.
  const snapshot = requirementSnapshotOf(plan, openingHours, await queueDateHoursBetween(db, queue, fromDateKey, toDateKey))
  snapshot.appliedEvents = Object.fromEntries([...forecast.appliedValues].flatMap(([id, value]) => (value === null ? [] : [[String(id), value]])))
  const requirement = requirementOf(snapshot)
  const withSkill = templates.map((t) => ({ ...t, queue: queue.name }))
  const solveOptions = {
    timeLimitSeconds, mipRelativeGap, overCover, openingHours: snapshot.openingHours,
    closedDates: (snapshot.dateHours ?? []).filter((d) => d.closed).map((d) => d.dateKey),
    onProgress: (event: SolveProgressEvent) => report(Math.min(0.99, 0.4 + 0.6 * (event.elapsedMs / 1000 / timeLimitSeconds)), solveMessage(event)),
  }
  const result = inWorker ? await solveScheduleInWorker(requirement, withSkill, { ...solveOptions, signal }) : await solveSchedule(requirement, withSkill, solveOptions)
  report(1, 'done')
  return { plan, snapshot, result, templates: withSkill }
}

/** A stored assignment of a published schedule: who works which shift. */
export interface StoredAssignment {
  agent: string | null
  /** Why nobody took it (agent null), as stored on publishing. */
  reason?: string
  schedule: Schedule
}

/** What counts as undesirable in the weekly roster: the roster engine's defaults (before 07:00, after 21:00) and the queue's weekend days. */
function isUndesirableShiftOf(shift: ShiftInstance, weekendDays: readonly Weekday[]): boolean {
  const startMinuteOfDay = Number(shift.start.slice(11, 13)) * 60 + Number(shift.start.slice(14, 16))
  return startMinuteOfDay < 7 * 60 || shift.endMinute - (shift.startMinute - startMinuteOfDay) > 21 * 60 || isWeekendDate(shift.start, weekendDays)
}

/**
 * The roster of a published schedule as it was frozen when published (one stored schedule per agent, and the
 * shifts nobody took), in the roster engine's shape, with each agent's current contracted hours.
 */
export function rosterFromAssignments(assignments: readonly StoredAssignment[], contractedHoursByAgent: ReadonlyMap<string, number>, weekRules: WeekRules = DEFAULT_WEEK_RULES): Roster {
  const roster: Roster = { assignments: [], unassigned: [], weeks: [] }
  for (const a of assignments) {
    for (const shift of expandShiftInstances(a.schedule)) {
      if (a.agent === null) roster.unassigned.push({ shift, reason: a.reason ?? 'nobody could take it when the schedule was published' })
      else roster.assignments.push({ agent: a.agent, shift: { ...shift, id: `${shift.id}@${a.agent}` } })
    }
  }
  const byTime = (x: { shift: ShiftInstance }, y: { shift: ShiftInstance }) => x.shift.startMinute - y.shift.startMinute
  roster.assignments.sort((x, y) => (x.agent < y.agent ? -1 : x.agent > y.agent ? 1 : byTime(x, y)))
  roster.unassigned.sort(byTime)
  roster.weeks = agentWeeksOf(roster, contractedHoursByAgent, weekRules)
  return roster
}

/**
 * A roster (the greedy one counts Monday weeks with a Saturday–Sunday weekend) with its agent-weeks in the queue's
 * week instead, and why each is under contract; unchanged for the default week.
 */
export function rosterInWeek(roster: Roster, agents: readonly Agent[], weekRules: WeekRules | undefined): Roster {
  if (!weekRules || (weekRules.weekStartsOn === DEFAULT_WEEK_RULES.weekStartsOn && weekRules.weekendDays.join() === DEFAULT_WEEK_RULES.weekendDays.join())) return roster
  const weeks = agentWeeksOf(roster, new Map(agents.map((a) => [a.name, a.contractedHoursPerWeek])), weekRules)
  return { ...roster, weeks: explainShortWeeks({ ...roster, weeks }, agents, weekRules.weekStartsOn) }
}

/**
 * Every agent (those with contracted hours and those with shifts) for every ISO week of a roster's shifts: paid
 * hours, days worked and undesirable shifts against the contract. The published roster and the optimiser's draft
 * roster (src/planning/rosterSolve.ts) show their weeks this way.
 */
export function agentWeeksOf(roster: Pick<Roster, 'assignments' | 'unassigned'>, contractedHoursByAgent: ReadonlyMap<string, number>, weekRules: WeekRules = DEFAULT_WEEK_RULES): AgentWeek[] {
  const agentNames = [...new Set([...contractedHoursByAgent.keys(), ...roster.assignments.map((a) => a.agent)])].sort()
  const weekStartOf = (start: string) => weekStartDateOf(start, weekRules.weekStartsOn)
  const isUndesirableShift = (shift: ShiftInstance) => isUndesirableShiftOf(shift, weekRules.weekendDays)
  const weekStarts = [...new Set([...roster.assignments, ...roster.unassigned].map((a) => weekStartOf(a.shift.start)))].sort()
  return agentNames.flatMap((agent) => weekStarts.map((weekStart): AgentWeek => {
    const own = roster.assignments.filter((a) => a.agent === agent && weekStartOf(a.shift.start) === weekStart).map((a) => a.shift)
    return {
      agent, weekStart,
      contractedHours: contractedHoursByAgent.get(agent) ?? 0,
      paidHours: own.reduce((s, x) => s + x.paidMinutes, 0) / 60,
      daysWorked: new Set(own.map((x) => x.start.slice(0, 10))).size,
      undesirableShifts: own.filter(isUndesirableShift).length,
      shifts: own,
    }
  }))
}

/**
 * Why a queue's templates, all together, cannot cover its open hours (each message names the templates and the
 * hours no allowed shift reaches), or an empty list when they can. Invalid templates are reported as such.
 */
export function templatesOpenHoursProblems(templates: readonly ShiftTemplate[], openingHours: QueueOpeningHours): string[] {
  try {
    checkTemplatesCoverOpeningHours(validateShiftTemplates(templates), validateOpeningHours(schedulingOpeningHoursOf(openingHours)))
    return []
  } catch (error) {
    if (error instanceof ScheduleInputError) return error.issues.map(formatScheduleInputIssueInWords)
    throw error
  }
}

/**
 * scheduleCoverage in a worker thread with a time limit (web requests): the expected service level of every
 * interval of a long schedule is an Erlang computation each.
 * @throws RangeError when it takes longer than 20 s
 */
export async function scheduleCoverageInWorker(snapshot: RequirementSnapshot, schedule: Schedule): Promise<ScheduleCoverage> {
  try {
    return await runInWorker<ScheduleCoverage>({ moduleUrl: import.meta.url, exportName: 'scheduleCoverage', args: [snapshot, schedule] },
      { timeLimitMs: 20_000, what: 'the coverage of this schedule' })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
}
