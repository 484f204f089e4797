/**
 * One roster per draft: the names of a draft schedule, assigned by the roster optimiser in the worker pool
 * (rosterForPublishing: the greedy roster when the optimiser finds none within the limit, and the answer says
 * which), computed once per draft version and set of agents and kept. The draft page previews it, its CSVs export
 * it, and publishing freezes exactly it: no page computes a roster of its own.
 *
 * Kept in this process only (the most recent DRAFT_ROSTERS_KEPT): after a restart the first visit assigns again.
 */
import { createHash } from 'node:crypto'
import type { Agent } from '../scheduling/roster.ts'
import type { ScheduleRecord } from '../db/schedules.ts'
import { rosterForPublishing, type PublishingRoster } from './rosterSolve.ts'
import { DEFAULT_WEEK_RULES } from '../scheduling/weekRules.ts'
import { DEFAULT_ROSTER_RULES } from '../scheduling/rosterInputs.ts'

/** The optimiser's time limit for a draft's names (the page shows its progress; publishing reuses the answer). */
export const DRAFT_ROSTER_SECONDS = 10
const DRAFT_ROSTERS_KEPT = 32
const kept = new Map<string, Promise<PublishingRoster>>()

const agentsKey = (agents: readonly Agent[]) => createHash('sha256').update(JSON.stringify(agents)).digest('hex').slice(0, 16)

/**
 * The roster of a draft at its version with these agents (started now, or the one already started).
 * @throws ScheduleInputError for invalid agents (then nothing is kept, so a fixed agent list is tried again)
 */
export function draftRoster(record: Pick<ScheduleRecord, 'id' | 'version' | 'schedule' | 'snapshot' | 'weekRules'>, agents: readonly Agent[]): Promise<PublishingRoster> {
  const week = record.weekRules ?? DEFAULT_WEEK_RULES
  const key = `${record.id}:${record.version}:${week.weekStartsOn}:${week.weekendDays.join(',')}:${agentsKey(agents)}`
  let roster = kept.get(key)
  if (!roster) {
    roster = rosterForPublishing(record.schedule, agents, { timeZone: record.snapshot.timeZone, timeLimitSeconds: DRAFT_ROSTER_SECONDS, rules: { ...DEFAULT_ROSTER_RULES, ...week } })
    roster.catch(() => kept.delete(key))
    kept.set(key, roster)
    while (kept.size > DRAFT_ROSTERS_KEPT) kept.delete(kept.keys().next().value!)
  }
  return roster
}

/**
 * The draft's roster if it is ready within waitMs (starting it if needed), else undefined while it keeps computing
 * (the page shows its progress and asks again).
 * @throws ScheduleInputError for invalid agents
 */
export async function draftRosterWithin(record: Pick<ScheduleRecord, 'id' | 'version' | 'schedule' | 'snapshot' | 'weekRules'>, agents: readonly Agent[], waitMs: number): Promise<PublishingRoster | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), waitMs) })
  try {
    return await Promise.race([draftRoster(record, agents), late])
  } finally {
    clearTimeout(timer)
  }
}
