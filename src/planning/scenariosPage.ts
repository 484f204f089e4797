/**
 * What the Scenarios screens show and change, composed from the scenario store and the scenario planning (plans in a
 * worker with a time limit): the home page's baselines, the freeze check, a baseline's page, a scenario's plan or why
 * it cannot be made, saving, renaming, copying, deleting, the CSV exports and the comparison of several scenarios.
 * The routes (src/web/routes/scenarios.tsx) map HTTP to these calls and a view.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { findQueueById, listQueues } from '../db/queues.ts'
import { historyRange } from '../db/history.ts'
import {
  copyScenario, countScenariosByBaseline, deleteScenario, findBaseline, findScenario, insertScenario, listBaselines, listBaselineVersions, listScenarios,
  updateScenario, ScenarioStoreError, type BaselineRecord, type ScenarioRecord,
} from '../db/scenarios.ts'
import { formatDate } from '../format/dateTime.ts'
import { comparePlans, periodFigures, type PlanComparison } from '../scenarios/compare.ts'
import { planIntervalCsv, scenarioIntervalCsv, scenarioPeriodCsv } from '../scenarios/scenarioCsv.ts'
import type { OverrideProblem, ScenarioOverrides } from '../scenarios/types.ts'
import { comingWeeks } from './eventForecast.ts'
import { comparableOf, comparableOfBaseline, compareWithBaseline, recomputeScenarioInWorker, type ComputedPlan } from './scenarioPlan.ts'

/** Days a new baseline covers by default: the four weeks after the history. */
export const DEFAULT_BASELINE_DAYS = 28
export const DEFAULT_COST_PER_HOUR = '25'

/** The freeze form's defaults for a queue (by id or name; the default queue otherwise): the four weeks after its history. */
export async function freezeDefaults(db: Db, queue: Queue | null) {
  const range = queue ? await comingWeeks(db, queue, DEFAULT_BASELINE_DAYS) : null
  return { queue: queue ? String(queue.id) : '', from: range?.fromDateKey ?? '', to: range?.toDateKey ?? '', name: queue ? `${queue.name} plan` : '', costPerHour: DEFAULT_COST_PER_HOUR, madeBy: 'manager' }
}

export const queuesOf = (db: Db) => listQueues(db)

/** The home page: every baseline with how many scenarios each has. */
export async function scenariosHome(db: Db) {
  return { baselines: await listBaselines(db), scenarioCounts: await countScenariosByBaseline(db) }
}

/** The queue a freeze names and the problems that need the database (no such queue, no history to forecast from). */
export async function freezeQueue(db: Db, queueValue: string, formErrors: readonly string[]): Promise<{ queue?: Queue; errors: string[] }> {
  const queue = Number.isSafeInteger(Number(queueValue)) ? await findQueueById(db, Number(queueValue)) : undefined
  const errors: string[] = []
  if (!queue) errors.push(`Choose one of the queues listed, got '${queueValue}'`)
  else if (!formErrors.some((e) => e.startsWith('Days:')) && (await historyRange(db, queue.id)).source === 'none') errors.push(`'${queue.name}' has no history to forecast from: import it first`)
  return { queue, errors }
}

/** A baseline's page: its totals, its versions and its scenarios. */
export async function baselinePageData(db: Db, baseline: BaselineRecord) {
  const comparable = comparableOfBaseline(baseline)
  const totals = periodFigures(comparable.intervals, comparePlans(comparable, []).days.length, comparable)
  return { baseline, totals, versions: await listBaselineVersions(db, baseline.queueId, baseline.name), scenarios: await listScenarios(db, { baselineId: baseline.id }) }
}

export const baselineById = (db: Db, id: number) => findBaseline(db, id)

/** A scenario and its baseline; which one is missing otherwise. */
export async function scenarioWithBaseline(db: Db, id: number): Promise<{ scenario: ScenarioRecord; baseline: BaselineRecord } | { missing: 'scenario' | 'baseline' }> {
  const scenario = await findScenario(db, id)
  if (!scenario) return { missing: 'scenario' }
  const baseline = await findBaseline(db, scenario.baselineId)
  if (!baseline) return { missing: 'baseline' }
  return { scenario, baseline }
}

/** The scenario's plan, computed in a worker with a time limit (src/workers/runInWorker.ts), or why it cannot be made. */
export async function planOrProblem(baseline: BaselineRecord, overrides: ScenarioOverrides, name: string): Promise<{ plan: ComputedPlan } | { problem: string }> {
  try {
    return { plan: await recomputeScenarioInWorker(baseline, overrides, name) }
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return { problem: error.message }
    throw error
  }
}

/** The scenario compared with its baseline, with the notes on whose agents the service figures assume; or why not. */
export async function scenarioComparison(baseline: BaselineRecord, overrides: ScenarioOverrides, name: string): Promise<{ comparison: PlanComparison; notes: string[] } | { problem: string }> {
  const made = await planOrProblem(baseline, overrides, name)
  if ('problem' in made) return made
  return { comparison: compareWithBaseline(baseline, [made.plan]), notes: coverageNotes(baseline, made.plan) }
}

/** Where the baseline came from and whose agents the service figures are for. */
export function coverageNotes(baseline: BaselineRecord, plan: ComputedPlan | null): string[] {
  const notes = [`Baseline: ${baseline.name} v${baseline.version}, frozen ${formatDate(new Date(baseline.createdAtMs).toISOString().slice(0, 10))} (${baseline.inputs.forecastSource}).`]
  if (plan?.coverage) notes.push(`Agents on shift in the scenario: ${plan.coverage.source}; its service level and ASA are those of these agents.`)
  else if (baseline.inputs.coverage) notes.push(`Agents on shift in the baseline: ${baseline.inputs.coverage.source}.`)
  return notes
}

export const createScenario = (db: Db, baseline: BaselineRecord, name: string, createdBy: string) => insertScenario(db, { baselineId: baseline.id, name, createdBy })
export const saveScenario = (db: Db, scenario: ScenarioRecord, change: { expectedVersion: number; overrides?: ScenarioOverrides; name?: string; updatedBy: string }) => updateScenario(db, scenario.id, change)
/**
 * Saves a scenario's overrides when its plan can be made and the version is current; otherwise adds why to
 * `problems` (field 'plan' or 'version') and saves nothing.
 */
export async function saveOverrides(
  db: Db, scenario: ScenarioRecord, baseline: BaselineRecord, change: { overrides: ScenarioOverrides; expectedVersion: number; updatedBy: string }, problems: OverrideProblem[],
): Promise<ScenarioRecord | null> {
  const made = await planOrProblem(baseline, change.overrides, scenario.name)
  if ('problem' in made) {
    problems.push({ field: 'plan', message: `Not saved: this scenario cannot be planned: ${made.problem}` })
    return null
  }
  try {
    return await updateScenario(db, scenario.id, change)
  } catch (error) {
    if (!(error instanceof ScenarioStoreError)) throw error
    problems.push({ field: 'version', message: `Not saved: ${error.message}` })
    return null
  }
}

export const copyOfScenario = (db: Db, scenario: ScenarioRecord, createdBy: string) => copyScenario(db, scenario.id, { createdBy })
export const removeScenario = (db: Db, scenario: ScenarioRecord, version: number) => deleteScenario(db, scenario.id, version)

/** A baseline's plan per interval as CSV, with its file name. */
export function baselineCsv(baseline: BaselineRecord): { csv: string; fileName: string } {
  return {
    csv: planIntervalCsv(comparableOfBaseline(baseline), { queueName: baseline.queueName, timeZone: baseline.timeZone }),
    fileName: `baseline-${baseline.name}-v${baseline.version}-${baseline.fromDateKey}-${baseline.toDateKey}.csv`,
  }
}

/** A scenario against its baseline as CSV (per interval, day or week), with its file name; or why not (422). */
export async function scenarioCsv(scenario: ScenarioRecord, baseline: BaselineRecord, by: string): Promise<{ csv: string; fileName: string } | { problem: string }> {
  if (by !== 'interval' && by !== 'day' && by !== 'week') return { problem: `by must be interval, day or week, got '${by}'` }
  const made = await planOrProblem(baseline, scenario.overrides, scenario.name)
  if ('problem' in made) return { problem: `This scenario cannot be planned: ${made.problem}` }
  const fileName = `scenario-${scenario.name}-vs-${baseline.name}-v${baseline.version}-${baseline.fromDateKey}-${baseline.toDateKey}${by === 'interval' ? '' : '-by-' + by}.csv`
  if (by === 'day' || by === 'week') return { csv: scenarioPeriodCsv(compareWithBaseline(baseline, [made.plan]), by, { queueName: baseline.queueName }), fileName }
  return { csv: scenarioIntervalCsv(comparableOfBaseline(baseline), comparableOf(made.plan), { queueName: baseline.queueName, timeZone: baseline.timeZone }), fileName }
}

/** A baseline and some of its scenarios compared; null when there is no such baseline; or why they cannot be. */
export async function compareScenarios(db: Db, baselineId: number, scenarioIds: number[]): Promise<{ baseline: BaselineRecord; comparison: PlanComparison | null; problem?: string } | null> {
  const baseline = await findBaseline(db, baselineId)
  if (!baseline) return null
  const plans: ComputedPlan[] = []
  for (const id of scenarioIds) {
    const scenario = await findScenario(db, id)
    if (!scenario || scenario.baselineId !== baseline.id) return { baseline, comparison: null, problem: `scenario ${id} is not a scenario of ${baseline.name} v${baseline.version}` }
    const made = await planOrProblem(baseline, scenario.overrides, scenario.name)
    if ('problem' in made) return { baseline, comparison: null, problem: `'${scenario.name}' cannot be planned: ${made.problem}` }
    plans.push(made.plan)
  }
  if (!plans.length) return { baseline, comparison: null, problem: 'tick at least one scenario to compare' }
  return { baseline, comparison: compareWithBaseline(baseline, plans) }
}

/** The comparison as a CSV by day. */
export function comparisonCsv(baseline: BaselineRecord, comparison: PlanComparison): { csv: string; fileName: string } {
  return { csv: scenarioPeriodCsv(comparison, 'day', { queueName: baseline.queueName }), fileName: `scenarios-of-${baseline.name}-v${baseline.version}-by-day.csv` }
}
