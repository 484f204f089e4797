/**
 * Storing a generated schedule off the request thread (issue 15): the shift rows of a big schedule are built and
 * written by a worker of the pool (src/workers) that opens the same database (src/db/workerDb.ts).
 */
import type { Db } from '../db/client.ts'
import { insertSchedule } from '../db/schedules.ts'
import { dbOf, dbRefOf, type DbRef } from '../db/workerDb.ts'
import type { ShiftTemplate, SolvedSchedule } from '../scheduling/index.ts'
import { asScheduleInputError } from '../scheduling/scheduleInputError.ts'
import { runInWorker } from '../workers/runInWorker.ts'
import type { RequirementSnapshot } from './schedulePlan.ts'

/** Saving a generated schedule writes a row per shift group: seconds for 62 days of a big queue. */
const STORE_TIME_LIMIT_MS = 60_000

/**
 * Stores a generated schedule as a draft (insertSchedule) from a worker of the pool that opens the same database,
 * so the request thread neither builds nor writes the shift rows; on its own thread for an in-memory database.
 * @throws ScheduleInputError for an invalid schedule; TimeLimitError past STORE_TIME_LIMIT_MS (nothing is stored)
 */
export async function storeGeneratedSchedule(db: Db, queueId: number, made: { snapshot: RequirementSnapshot; templates: readonly ShiftTemplate[]; result: SolvedSchedule }): Promise<number> {
  const ref = dbRefOf(db)
  if (!ref) return insertSchedule(db, queueId, made)
  try {
    return await runInWorker<number>({ moduleUrl: import.meta.url, exportName: 'storeGeneratedScheduleTask', args: [ref, queueId, made] },
      { timeLimitMs: STORE_TIME_LIMIT_MS, what: 'saving the schedule', advice: 'Generate fewer days at a time.' })
  } catch (error) {
    throw asScheduleInputError(error)
  }
}

/** storeGeneratedSchedule's worker task. */
export async function storeGeneratedScheduleTask(ref: DbRef, queueId: number, made: { snapshot: RequirementSnapshot; templates: readonly ShiftTemplate[]; result: SolvedSchedule }): Promise<number> {
  return insertSchedule(await dbOf(ref), queueId, made)
}
