/**
 * The staffing plan of a forecast and everything the staffing page derives from it (the chat shortcuts, "explain
 * this interval", the simulation check, the CSV), computed in one call that runs in a worker with a time limit
 * (staffingPlanInWorker): a plan of 62 days at 15 minutes with the chat model, or a 50-run simulation, takes long
 * enough to stall every other request if run on the request thread.
 */
import { TimeLimitError, runInWorker } from '../workers/runInWorker.ts'
import {
  chatShortcutComparison, explainPlanInterval, simulatePlanDay, staffingPlan, staffingPlanCsv,
  type PlanDaySimulation, type PlanIntervalExplanation, type ShortcutComparison, type StaffingPlan, type StaffingSettings,
} from './staffingPlan.ts'
import type { QueueForecast } from './queueForecast.ts'
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listAgentContactSpans } from '../db/staffingSettings.ts'
import type { ConcurrencyMeasurement } from '../staffing/index.ts'

/** How long the plan (with its extras) may take before it is stopped. */
export const STAFFING_PLAN_TIME_LIMIT_MS = 20_000

export interface StaffingPlanExtras {
  /** Explain the interval starting at this instant. */
  explainStartMs?: number
  /** Simulate this day (YYYY-MM-DD) with this many runs. */
  simulateDay?: string
  runs?: number
  /** Also write the plan's CSV. */
  csv?: boolean
}

export type StaffingPlanBundle =
  | {
    ok: true
    plan: StaffingPlan
    shortcuts: ShortcutComparison | null
    explanation?: { value: PlanIntervalExplanation } | { error: string }
    simulation?: { value: PlanDaySimulation } | { error: string }
    csv?: string
  }
  | { ok: false; error: string }

function attempt<T>(f: () => T): { value: T } | { error: string } {
  try {
    return { value: f() }
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return { error: error.message }
    throw error
  }
}

/** The plan and its extras; a plan that cannot be made (bad settings, a load too high) gives its message. */
export function staffingPlanBundle(forecast: QueueForecast, settings: StaffingSettings, queueName: string, extras: StaffingPlanExtras = {}): StaffingPlanBundle {
  const made = attempt(() => staffingPlan(forecast, settings, { queueName }))
  if ('error' in made) return { ok: false, error: made.error }
  const plan = made.value
  return {
    ok: true,
    plan,
    shortcuts: chatShortcutComparison(plan),
    ...(extras.explainStartMs !== undefined ? { explanation: attempt(() => explainPlanInterval(plan, extras.explainStartMs!)) } : {}),
    ...(extras.simulateDay !== undefined ? { simulation: attempt(() => simulatePlanDay(plan, extras.simulateDay!, { runs: extras.runs })) } : {}),
    ...(extras.csv ? { csv: staffingPlanCsv(plan) } : {}),
  }
}

/**
 * staffingPlanBundle in a worker thread, stopped after STAFFING_PLAN_TIME_LIMIT_MS: then (or for a plan that cannot
 * be made) the answer is `{ ok: false, error }` with a message for the page.
 */
export async function staffingPlanInWorker(forecast: QueueForecast, settings: StaffingSettings, queueName: string, extras: StaffingPlanExtras = {}, timeLimitMs = STAFFING_PLAN_TIME_LIMIT_MS): Promise<StaffingPlanBundle> {
  try {
    return await runInWorker<StaffingPlanBundle>(
      { moduleUrl: import.meta.url, exportName: 'staffingPlanBundle', args: [forecast, settings, queueName, extras] },
      { timeLimitMs, what: 'the staffing plan', advice: 'Plan fewer days, or check the settings (chats per agent, targets), then try again.' },
    )
  } catch (error) {
    if (error instanceof TimeLimitError || error instanceof RangeError || error instanceof TypeError) return { ok: false, error: error.message }
    throw error
  }
}

/**
 * The plan alone, off the request thread when `inWorker` (web requests), on this thread otherwise (CLI, tests).
 * @throws RangeError with the message of a plan that cannot be made or took longer than the time limit
 */
export async function staffingPlanOf(forecast: QueueForecast, settings: StaffingSettings, queueName: string, inWorker: boolean | undefined): Promise<StaffingPlan> {
  if (!inWorker) return staffingPlan(forecast, settings, { queueName })
  const made = await staffingPlanInWorker(forecast, settings, queueName)
  if (!made.ok) throw new RangeError(made.error)
  return made.plan
}

/**
 * k and α measured from the queue's contacts (measureQueueConcurrency), the measurement in a worker with a time
 * limit: it walks every contact of every agent. Null when no contact names its agent.
 * @throws RangeError when it takes longer than 20 s
 */
export async function measureQueueConcurrencyInWorker(db: Db, queue: Queue): Promise<ConcurrencyMeasurement | null> {
  const spans = await listAgentContactSpans(db, queue.id)
  if (!spans.length) return null
  try {
    return await runInWorker<ConcurrencyMeasurement>({ moduleUrl: new URL('../staffing/index.ts', import.meta.url).href, exportName: 'measureConcurrency', args: [spans] },
      { timeLimitMs: 20_000, what: 'measuring k and α', advice: 'Import fewer months of contacts for this queue, or set k and α by hand.' })
  } catch (error) {
    if (error instanceof TimeLimitError) throw new RangeError(error.message)
    throw error
  }
}
