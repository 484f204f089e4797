/**
 * The one source of "need vs cover" for a queue: every page, CSV and command that shows need, cover, shortfall or
 * the service level a plan reaches reads it from here (schedule page and its coverage CSV, event flags page, CSV
 * and command, the dashboard's summary, scenarios through the published schedule's cover).
 *
 * - Need: heads to schedule per interval (required / (1 − shrinkage), unrounded) of the plan with events. Where a
 *   published schedule covers an interval, the need is the one that schedule was made for (its stored
 *   requirement), so the schedule page and every other page agree; elsewhere it is the current plan with events.
 * - Cover: the shifts that have an agent, net of breaks. A shift nobody was assigned to is cover that does not
 *   exist: it counts as shortfall everywhere and is listed, with why, at the top of the schedule page.
 * - Shortfall, over-cover and their agent-hours per interval and day: src/scheduling/needCover.ts.
 */
import { buildRoster, type Agent, type Roster, type Schedule } from '../scheduling/index.ts'
import { asScheduleInputError } from '../scheduling/scheduleInputError.ts'
import { scheduleOfInstances } from '../scheduling/needCover.ts'
import { rosterOfRecord, type ScheduleRecord } from '../db/schedules.ts'
import { runInWorker } from '../workers/runInWorker.ts'
import { scheduleCoverage, type ScheduleCoverage } from './schedulePlan.ts'

/**
 * Building a roster is greedy over every shift and agent: a 600-agent week takes 1–3 s. It runs in the worker pool
 * (src/workers/) with this limit, so pages, CSVs and publishing never hold the request thread.
 */
export const ROSTER_TIME_LIMIT_MS = 30_000
const ROSTER_ADVICE = 'A schedule of fewer days, or fewer agents with this queue as a skill, is quicker to roster.'

/** Shifts nobody was assigned to, grouped by why. */
export interface UnassignedSummary {
  shifts: number
  paidAgentHours: number
  /** Most frequent reason first. */
  reasons: { reason: string; shifts: number }[]
}

export interface ScheduleNeedCover {
  roster: Roster
  /** Requirement vs the shifts that have an agent: the schedule's real cover, shortfall and service level. */
  coverage: ScheduleCoverage
  /** Requirement vs every shift the solver placed (as if each had an agent). */
  generated: ScheduleCoverage
  unassigned: UnassignedSummary
  /** Shortfall that exists only because shifts have no agent (coverage − generated shortfall). */
  shortfallFromUnassignedAgentHours: number
}

/** The shifts of a roster that have an agent, as a schedule. */
export function assignedScheduleOf(roster: Roster): Schedule {
  return scheduleOfInstances(roster.assignments.map((a) => a.shift))
}

/** How many shifts have no agent, their paid hours, and the reasons, most frequent first. */
export function unassignedSummaryOf(roster: Roster): UnassignedSummary {
  const byReason = new Map<string, number>()
  let paidMinutes = 0
  for (const u of roster.unassigned) {
    byReason.set(u.reason, (byReason.get(u.reason) ?? 0) + 1)
    paidMinutes += u.shift.paidMinutes
  }
  return {
    shifts: roster.unassigned.length,
    paidAgentHours: paidMinutes / 60,
    reasons: [...byReason].map(([reason, shifts]) => ({ reason, shifts })).sort((a, b) => b.shifts - a.shifts || a.reason.localeCompare(b.reason)),
  }
}

/**
 * Need vs cover of one stored schedule (see scheduleNeedCoverNow), computed in the worker pool with a time limit.
 * @throws ScheduleInputError for invalid agents or an invalid schedule
 * @throws TimeLimitError (src/workers/runInWorker.ts) when it takes longer than ROSTER_TIME_LIMIT_MS
 */
export function scheduleNeedCover(record: ScheduleRecord, rosterAgents: readonly Agent[], options: { timeLimitMs?: number; roster?: Roster } = {}): Promise<ScheduleNeedCover> {
  return offThread<ScheduleNeedCover>('scheduleNeedCoverNow', [record, rosterAgents, options.roster], 'the need and cover of this schedule', options.timeLimitMs)
}

/**
 * The roster of a stored schedule (frozen when published, else built now from the agents), in the worker pool.
 * @throws ScheduleInputError for invalid agents; TimeLimitError past ROSTER_TIME_LIMIT_MS
 */
export function rosterOfSchedule(record: ScheduleRecord, rosterAgents: readonly Agent[]): Promise<Roster> {
  return offThread<Roster>('rosterOfRecordNow', [record, rosterAgents], 'the roster of this schedule')
}

/**
 * The roster to freeze when a schedule is published (every shift offered to the agents), in the worker pool.
 * @throws ScheduleInputError for invalid agents; TimeLimitError past ROSTER_TIME_LIMIT_MS
 */
export function rosterToPublish(schedule: Schedule, rosterAgents: readonly Agent[]): Promise<Roster> {
  return offThread<Roster>('buildRosterNow', [schedule, rosterAgents], 'the roster to publish')
}

/** rosterOfRecord, as a worker task. */
export function rosterOfRecordNow(record: ScheduleRecord, rosterAgents: readonly Agent[]): Roster {
  return rosterOfRecord(record, rosterAgents)
}

/** buildRoster, as a worker task. */
export function buildRosterNow(schedule: Schedule, rosterAgents: readonly Agent[]): Roster {
  return buildRoster(schedule, rosterAgents)
}

async function offThread<T>(exportName: string, args: unknown[], what: string, timeLimitMs = ROSTER_TIME_LIMIT_MS): Promise<T> {
  try {
    return await runInWorker<T>({ moduleUrl: import.meta.url, exportName, args }, { timeLimitMs, what, advice: ROSTER_ADVICE })
  } catch (error) {
    // The worker sends the error's class name and fields: give the caller the ScheduleInputError it can explain.
    throw asScheduleInputError(error)
  }
}

/**
 * Need vs cover of one stored schedule: its roster (`roster` when given, e.g. a draft's from src/planning/draftRoster.ts;
 * else frozen when published, else built now from the agents), the
 * coverage of the assigned shifts (the truth every page shows) and of all generated shifts, and the unassigned.
 * Runs on the calling thread (seconds for a big week): web code calls scheduleNeedCover, which runs it in a worker.
 * @throws ScheduleInputError for invalid agents or an invalid schedule
 */
export function scheduleNeedCoverNow(record: ScheduleRecord, rosterAgents: readonly Agent[], given?: Roster): ScheduleNeedCover {
  const roster = given ?? rosterOfRecord(record, rosterAgents)
  const coverage = scheduleCoverage(record.snapshot, assignedScheduleOf(roster))
  const generated = scheduleCoverage(record.snapshot, record.schedule)
  return {
    roster, coverage, generated, unassigned: unassignedSummaryOf(roster),
    shortfallFromUnassignedAgentHours: Math.max(0, Math.round((coverage.totals.underCoverAgentHours - generated.totals.underCoverAgentHours) * 1e6) / 1e6),
  }
}
