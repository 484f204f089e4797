/**
 * What a saved capacity plan holds: the queue, how far ahead, the demand assumptions (growth, AHT change), the
 * service assumptions that override the queue's staffing settings (service level, threshold, shrinkage, as a
 * scenario sets them), the headcount model, and the week the gaps must be closed from. One schema for the page's
 * form and the store; messages name the field in the page's words.
 */
import { z } from 'zod'
import { parseStaffModel, staffModelJsonSchema, STAFF_FIELD_LABELS } from './staffModelSchema.ts'
import { MAX_DEMAND_WEEKS } from './longHorizonDemand.ts'

export const MAX_CAPACITY_NAME_LENGTH = 120

export const capacityPlanSpecSchema = z.strictObject({
  name: z.string().trim().min(1, 'give the plan a name').max(MAX_CAPACITY_NAME_LENGTH, `at most ${MAX_CAPACITY_NAME_LENGTH} characters`),
  queueId: z.number().int().positive(),
  weeksAhead: z.number().int().min(4).max(MAX_DEMAND_WEEKS),
  /** ISO weekday the planning weeks start on (1 = Monday … 7 = Sunday). */
  weekStartIsoWeekday: z.number().int().min(1).max(7),
  /** Growth per year set by the manager; null: from the history where it can tell. */
  annualGrowthFraction: z.number().min(-0.9).max(5).nullable(),
  ahtChangeFraction: z.number().min(-0.9).max(5),
  /** A change of the volume's level in every week (0.15 = 15% more), as a scenario sets it. */
  volumeChangeFraction: z.number().min(-0.9).max(5),
  /** Null: the queue's staffing settings. */
  serviceLevelTarget: z.number().gt(0).max(1).nullable(),
  answerWithinSeconds: z.number().min(0).max(3600).nullable(),
  shrinkageFraction: z.number().min(0).lt(1).nullable(),
  /** First week the gaps must be closed from; null: the first week of the plan. */
  fromWeek: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').nullable(),
  recommend: z.boolean(),
  /** The scenario whose assumptions were applied, if any (for the record). */
  scenarioId: z.number().int().positive().nullable(),
  staff: staffModelJsonSchema,
})

export type CapacityPlanSpec = z.infer<typeof capacityPlanSpecSchema>

const SPEC_LABELS: Record<string, string> = {
  name: 'name', queueId: 'queue', weeksAhead: 'weeks ahead', weekStartIsoWeekday: 'weeks start on', annualGrowthFraction: 'growth per year',
  ahtChangeFraction: 'AHT change', volumeChangeFraction: 'volume change', serviceLevelTarget: 'service level target', answerWithinSeconds: 'answered within (seconds)',
  shrinkageFraction: 'shrinkage', fromWeek: 'close gaps from week', recommend: 'recommend hires', scenarioId: 'scenario',
}

export interface SpecProblem { field: string; message: string }

/** Every problem of a spec, each naming its field in the page's words. Empty when it can be planned with. */
export function capacitySpecProblems(value: unknown): SpecProblem[] {
  const parsed = capacityPlanSpecSchema.safeParse(value)
  const problems: SpecProblem[] = []
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, second] = issue.path.map(String)
      const field = top === 'staff' && second ? second : top ?? 'plan'
      const label = top === 'staff' && second ? STAFF_FIELD_LABELS[second] ?? second : SPEC_LABELS[top] ?? top
      problems.push({ field, message: `${label}: ${issue.message}` })
    }
    return problems
  }
  try { parseStaffModel(parsed.data.staff) } catch (error) {
    const message = (error as Error).message
    problems.push({ field: /^groups\b/.test(message) ? 'groups' : /^(planned_hires|transfers|leave): with groups/.test(message) ? 'groups' : 'staff', message })
  }
  return problems
}

/** @throws RangeError listing every problem */
export function parseCapacitySpec(value: unknown): CapacityPlanSpec {
  const problems = capacitySpecProblems(value)
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('; '))
  return capacityPlanSpecSchema.parse(value)
}
