/**
 * The forms of the Scenarios screens: request body → the values as typed (for re-showing) and → the domain's
 * overrides, sweep and freeze requests, with every problem named by field in the user's words (bounds from
 * src/schemas via the scenarios module's validation).
 */
import type { BaselineRecord } from '../../db/scenarios.ts'
import { numberProblem, parseNumberText, typedNumber, typedNumberHint } from '../../schemas/bounds.ts'
import { BASELINE_COST_PER_HOUR } from '../../schemas/scenarios.ts'
import { checkedCreatedBy, checkedName } from '../../db/scenarios.ts'
import { assertPlanRange } from '../../planning/staffingPlan.ts'
import { overridesFromForm, type FormValues } from '../../scenarios/formValues.ts'
import { validateOverrides } from '../../scenarios/overrides.ts'
import { SWEEP_INPUTS, SWEEP_INPUT_INFO, validateSweepSpec, type SweepInput, type SweepSpec } from '../../scenarios/sweep.ts'
import type { OverrideProblem, ScenarioOverrides } from '../../scenarios/types.ts'
import type { FreezeFormValues } from '../../../views/scenarios/ScenariosPage.tsx'
import type { SweepFormValues } from '../../../views/scenarios/SweepSection.tsx'

export type Body = Record<string, string | File | (string | File)[]>

/** The string fields of a parsed body (files dropped; repeated keys kept as arrays). */
export function formValuesFrom(body: Body): FormValues {
  const out: FormValues = {}
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string')
  }
  return out
}

export const field = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '')
/** The overrides of a form and every problem with them (unreadable fields first, then the ranges), one per field. */
export function readOverrides(values: FormValues, baseline: BaselineRecord): { overrides: ScenarioOverrides; problems: OverrideProblem[] } {
  const { overrides, problems } = overridesFromForm(values)
  const ctx = { fromDateKey: baseline.fromDateKey, toDateKey: baseline.toDateKey, settings: baseline.inputs.settings, eventIds: baseline.inputs.events.map((e) => e.id) }
  const seen = new Set(problems.map((p) => p.field))
  for (const p of validateOverrides(overrides, ctx)) if (!seen.has(p.field)) problems.push(p)
  return { overrides, problems }
}

/** The sweep a form asks for, and its problems. */
export function sweepSpecOf(values: SweepFormValues): { spec: SweepSpec; problems: string[] } {
  const input = values.sweepInput as SweepInput
  if (!(SWEEP_INPUTS as readonly string[]).includes(input)) return { spec: { input, from: NaN, to: NaN, points: NaN }, problems: [`Choose what to sweep, got '${values.sweepInput}'`] }
  const scale = SWEEP_INPUT_INFO[input].percent ? 0.01 : 1
  const read = (text: string) => typedNumber(text)
  const spec = { input, from: read(values.sweepFrom) * scale, to: read(values.sweepTo) * scale, points: read(values.sweepPoints) }
  return { spec, problems: validateSweepSpec(spec).map((p) => p.message) }
}

/** The sweep form as typed. */
export function sweepFormFrom(body: Body): SweepFormValues {
  return { sweepInput: field(body, 'sweepInput'), sweepFrom: field(body, 'sweepFrom'), sweepTo: field(body, 'sweepTo'), sweepPoints: field(body, 'sweepPoints') }
}

/** The freeze form as typed; `madeBy` is the signed-in user when there is one. */
export function freezeFormFrom(body: Body, signedIn: string | undefined): FreezeFormValues {
  return { queue: field(body, 'queue'), from: field(body, 'from'), to: field(body, 'to'), name: field(body, 'name'), costPerHour: field(body, 'costPerHour'), madeBy: signedIn ?? field(body, 'madeBy') }
}

/** The freeze form's own problems (days, name, maker, cost) and the cost per paid agent-hour it gives. */
export function freezeFormProblems(values: FreezeFormValues): { errors: string[]; costPerHour: number } {
  const errors: string[] = []
  try { assertPlanRange(values.from, values.to) } catch (error) { errors.push(`Days: ${(error as Error).message}`) }
  if (!values.name) errors.push('Give the baseline a name (freezing the same name again makes its next version)')
  for (const check of [() => checkedName(values.name || 'x', 'A baseline'), () => checkedCreatedBy(values.madeBy)]) {
    try { check() } catch (error) { errors.push((error as Error).message) }
  }
  const cost = parseNumberText(BASELINE_COST_PER_HOUR, values.costPerHour) ?? NaN
  const costProblem = Number.isNaN(cost) ? `${BASELINE_COST_PER_HOUR.label} must be a number, got '${values.costPerHour.slice(0, 40)}'${typedNumberHint(values.costPerHour)}` : numberProblem(BASELINE_COST_PER_HOUR, cost)
  if (costProblem) errors.push(costProblem)
  return { errors, costPerHour: cost }
}
