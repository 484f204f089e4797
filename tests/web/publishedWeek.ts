/**
 * A published roster over a real week (Mon 4 – Fri 8 March 2024, New York, six agents on 8-hour shifts), for the
 * in-process tests of requests, My shifts and the calendar feed: the database, the app and signed-in accounts.
 */
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import { findSchedule, insertSchedule, listRosterAgents, publishSchedule, saveAgent } from '../../src/db/schedules.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import type { RequirementSnapshot } from '../../src/planning/schedulePlan.ts'
import { buildRoster, solveSchedule, type ShiftTemplate } from '../../src/scheduling/index.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { createApp } from '../../src/web/app.tsx'

export const ZONE = 'America/New_York'
export const DAYS = ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08']
export const AGENT_NAMES = ['Ana', 'Ben', 'Cleo', 'Dov', 'Eli', 'Fay']
const EIGHT: ShiftTemplate = {
  name: '8h', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 60, days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }], costPerHour: 20, maxCountPerDay: 10,
}

/** 07:00-21:00 each weekday of `days`: 2 agents to 12:00, 3 to 17:00, 1 to 21:00. */
function snapshot(days: readonly string[]): RequirementSnapshot {
  const intervals = days.flatMap((day) => Array.from({ length: 28 }, (_, i) => {
    const minute = 7 * 60 + 30 * i
    const start = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
    const agentsToSchedule = minute < 12 * 60 ? 2 : minute < 17 * 60 ? 3 : 1
    return { startMs: parseLocalIsoToUtcMs(start + ':00', ZONE), start, agentsRequired: agentsToSchedule, agentsToSchedule, volume: 10 * agentsToSchedule, ahtSeconds: 120 }
  }))
  return {
    queueName: 'Bank', timeZone: ZONE, intervalMinutes: 30, fromDateKey: days[0], toDateKey: days[days.length - 1], shrinkageFraction: 0,
    model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 60, asaTargetSeconds: null, maxOccupancy: null, maxAbandonFraction: null },
    openingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open: '07:00', close: '21:00' }])), intervals, closedAgentHours: 0, repeatedLocalIntervals: 0,
  }
}

export interface PublishedWeek { db: Db; app: ReturnType<typeof createApp>; queueId: number; scheduleId: number; agentIds: Map<string, number> }

/** The weekdays `days` solved, stored and published with the queue's agents' names; the schedule's id. */
export async function publishWeek(db: Db, queueId: number, days: readonly string[]): Promise<number> {
  const s = snapshot(days)
  const solved = await solveSchedule({ intervalMinutes: 30, intervals: s.intervals.map((i) => ({ start: i.start, agentsRequired: i.agentsToSchedule })) }, [{ ...EIGHT, queue: 'Bank' }], { openingHours: s.openingHours })
  if (solved.status !== 'optimal' && solved.status !== 'feasible') throw new Error('not solved: ' + solved.status)
  const scheduleId = await insertSchedule(db, queueId, { snapshot: s, templates: [EIGHT], result: solved })
  const draft = (await findSchedule(db, scheduleId))!
  await publishSchedule(db, scheduleId, buildRoster(draft.schedule, await listRosterAgents(db)), draft.version)
  return scheduleId
}

/** The week (DAYS) solved and published with the six agents' names. */
export async function publishedWeek(): Promise<PublishedWeek> {
  const db = await createDb(':memory:')
  await migrateDb(db)
  const app = createApp({ db, uploadDir: 'data/tmp/test-uploads' })
  const queue = await createQueue(db, { name: 'Bank', timeZone: ZONE, openingHours: US_BANK_HOURS })
  const agentIds = new Map<string, number>()
  for (const name of AGENT_NAMES) agentIds.set(name, (await saveAgent(db, { name, contractedHoursPerWeek: 40, skillQueueIds: [queue.id], maxDaysPerWeek: 5 })).id)
  return { db, app, queueId: queue.id, scheduleId: await publishWeek(db, queue.id, DAYS), agentIds }
}

/** A urlencoded POST body as a browser form sends it. */
export const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
