/**
 * What the Staffing screen reads: a queue named in a request, the plan context of a queue and days (the week after
 * the history by default, and why a range cannot be planned), and the queue's saved SLA settings with their
 * version. The forecast and plan run in workers (queueForecast.ts, staffingPlanTask.ts).
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { findQueueById, findQueueByName, listQueues } from '../db/queues.ts'
import { historyRange } from '../db/history.ts'
import { findStaffingSettingsWithVersion, saveStaffingSettings } from '../db/staffingSettings.ts'
import { localParts } from '../time/zones.ts'
import { DEFAULT_STAFFING_SETTINGS, assertPlanRange, defaultPlanRange, type StaffingSettings } from './staffingPlan.ts'

export interface PlanContext { queue: Queue; fromDateKey: string; toDateKey: string; historyEndDateKey: string | null; rangeError: string | null }

export const queuesOf = (db: Db) => listQueues(db)

/** The queue named by an id (or its exact name) in a form or fragment request: strict, no fallback to another queue. */
export async function queueOfValue(db: Db, value: unknown): Promise<Queue | undefined> {
  if (typeof value !== 'string' || value === '') return undefined
  const id = Number(value)
  return (Number.isInteger(id) ? await findQueueById(db, id) : undefined) ?? findQueueByName(db, value)
}

/** The days to plan (the week after the history when none are given) and why they cannot be planned, if so. */
export async function planContext(db: Db, queue: Queue, from: string | undefined, to: string | undefined): Promise<PlanContext> {
  const range = await historyRange(db, queue.id)
  const historyEndDateKey = range.source === 'none' ? null : localParts(range.lastMs, queue.timeZone).dateKey
  const fallback = historyEndDateKey ? defaultPlanRange(range.lastMs, queue.timeZone) : { fromDateKey: localParts(Date.now(), queue.timeZone).dateKey, toDateKey: localParts(Date.now(), queue.timeZone).dateKey }
  const fromDateKey = from?.trim() || fallback.fromDateKey
  const toDateKey = to?.trim() || fallback.toDateKey
  let rangeError: string | null = null
  try { assertPlanRange(fromDateKey, toDateKey) } catch (error) { rangeError = (error as Error).message }
  if (!rangeError && historyEndDateKey && toDateKey <= historyEndDateKey) rangeError = `the range ${fromDateKey} to ${toDateKey} is not after the history of '${queue.name}' (which ends ${historyEndDateKey}): plan days after it`
  if (!historyEndDateKey) rangeError = `queue '${queue.name}' has no history to forecast from: import its contacts or interval aggregates first`
  return { queue, fromDateKey, toDateKey, historyEndDateKey, rangeError }
}

/** The queue's saved SLA settings and their version (the defaults, version 0, when never saved). */
export async function settingsOf(db: Db, queueId: number): Promise<{ settings: StaffingSettings; status: 'saved' | 'defaults'; version: number }> {
  const saved = await findStaffingSettingsWithVersion(db, queueId)
  return saved ? { settings: saved.settings, status: 'saved', version: saved.version } : { settings: { ...DEFAULT_STAFFING_SETTINGS }, status: 'defaults', version: 0 }
}

export const saveSettings = (db: Db, queue: Queue, settings: StaffingSettings, expectedVersion: number | undefined) => saveStaffingSettings(db, queue.id, settings, expectedVersion)

/** The span of a queue's history, which keys its forecast (a new import makes a new forecast). */
export async function historySpanKey(db: Db, queue: Queue): Promise<string> {
  const range = await historyRange(db, queue.id)
  return `${range.firstMs}|${range.lastMs}`
}
