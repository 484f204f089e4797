/**
 * The one schema of a headcount model as people write it (snake_case JSON: the CLI's S.json, the /capacity form's
 * fields, a saved plan): every field with its bounds, unknown fields refused by name. parseStaffModel turns it into
 * the StaffModel the arithmetic uses, or throws a RangeError whose message names each bad field.
 */
import { z } from 'zod'
import { STAFF_MODEL_DEFAULTS, type StaffModel } from './staffModel.ts'

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((v) => {
  const ms = Date.parse(v + 'T00:00:00Z')
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === v
}, 'is not a real date')
const fraction = (max = 1) => z.number().min(0).max(max)
const count = (max: number) => z.number().int().min(0).max(max)

export const MAX_HEADCOUNT = 100_000
export const MAX_PLAN_WEEKS = 156
/** Most groups (teams or skills) in one model. */
export const MAX_STAFF_GROUPS = 20
/** A group's name: used as a CSV column suffix (required_fte_NAME) and in `group=NAME`, so no spaces or commas. */
export const GROUP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/

const weekCounts = z.array(z.strictObject({ week_start: dateKey, count: count(10_000) })).max(1000)
const transferList = z.array(z.strictObject({ week_start: dateKey, count: z.number().int().min(-MAX_HEADCOUNT).max(MAX_HEADCOUNT) })).max(1000)
const leaveList = z.array(z.strictObject({ week_start: dateKey, fte: z.number().min(0).max(MAX_HEADCOUNT) })).max(1000)
const tenureTable = z.array(z.strictObject({ from_week: count(10_000), monthly: fraction(0.99) })).max(52)

/**
 * One team or skill group: its own headcount (each person in exactly one group: a cross-skilled agent is counted
 * once), attrition, planned hires, transfers, leave and class size (the model's when not given), and its share of
 * the requirement when the requirement is not given per group.
 */
export const staffGroupJsonSchema = z.strictObject({
  name: z.string().regex(GROUP_NAME_PATTERN, 'must be 1-40 letters, digits, _ . or - (no spaces), starting with a letter or digit'),
  headcount: z.number().min(0).max(MAX_HEADCOUNT),
  share: fraction(1).optional(),
  attrition_monthly: fraction(0.99).optional(),
  attrition_by_tenure: tenureTable.optional(),
  class_size_max: z.number().int().min(1).max(10_000).optional(),
  planned_hires: weekCounts.optional(),
  transfers: transferList.optional(),
  leave: leaveList.optional(),
})

export const staffModelJsonSchema = z.strictObject({
  headcount: z.number().min(0).max(MAX_HEADCOUNT),
  attrition_monthly: fraction(0.99).optional(),
  attrition_by_tenure: tenureTable.optional(),
  initial_tenure_weeks: count(10_000).optional(),
  training_weeks: count(52),
  ramp: z.array(fraction(1)).max(52).optional(),
  hiring_lead_weeks: count(MAX_PLAN_WEEKS).optional(),
  class_size_max: z.number().int().min(1).max(10_000),
  min_weeks_between_classes: count(52).optional(),
  planned_hires: weekCounts.optional(),
  transfers: transferList.optional(),
  leave: leaveList.optional(),
  fte_per_head: z.number().gt(0).max(1.5).optional(),
  paid_hours_per_week: z.number().gt(0).max(80).optional(),
  cost_per_hour: z.number().min(0).max(10_000).optional(),
  overtime_cost_factor: z.number().min(1).max(5).optional(),
  max_overtime_fraction: fraction(0.5).optional(),
  hiring_cost_per_hire: z.number().min(0).max(1e7).optional(),
  training_cost_per_hire: z.number().min(0).max(1e7).optional(),
  groups: z.array(staffGroupJsonSchema).max(MAX_STAFF_GROUPS).optional(),
})

export type StaffModelJson = z.infer<typeof staffModelJsonSchema>

/** Field names (as written in S.json) with the words the page shows. */
export const STAFF_FIELD_LABELS: Record<string, string> = {
  headcount: 'headcount', attrition_monthly: 'monthly attrition', attrition_by_tenure: 'attrition by tenure',
  initial_tenure_weeks: 'tenure of today’s staff (weeks)', training_weeks: 'training weeks', ramp: 'ramp',
  hiring_lead_weeks: 'hiring lead time (weeks)', class_size_max: 'largest class', min_weeks_between_classes: 'weeks between classes',
  planned_hires: 'planned hires', transfers: 'transfers', leave: 'planned leave', fte_per_head: 'FTE per person',
  paid_hours_per_week: 'paid hours per week', cost_per_hour: 'cost per hour', overtime_cost_factor: 'overtime cost factor',
  max_overtime_fraction: 'most overtime', hiring_cost_per_hire: 'hiring cost per hire', training_cost_per_hire: 'training cost per hire',
  groups: 'groups (teams or skills)',
}

function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    const where = path.length ? path.join('.') + ': ' : ''
    return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (the fields are ${Object.keys(STAFF_FIELD_LABELS).join(', ')})`
  }
  const field = path.join('.') || 'the model'
  return `${field}: ${issue.message}`
}

/**
 * S.json (already parsed) → StaffModel with the defaults filled in.
 * @throws RangeError naming every bad field; also when neither attrition_monthly nor attrition_by_tenure is given,
 *   when the tenure table does not start at week 0, or when a week repeats in a list
 */
export function parseStaffModel(json: unknown): StaffModel {
  const parsed = staffModelJsonSchema.safeParse(json)
  if (!parsed.success) throw new RangeError(parsed.error.issues.map(issueText).join('; '))
  const j = parsed.data
  const model = modelOf(j, '')
  const groups = j.groups ?? []
  if (!groups.length) return model
  for (const name of ['planned_hires', 'transfers', 'leave'] as const) {
    if (j[name]?.length) throw new RangeError(`${name}: with groups, give ${name} per group (groups[].${name}), so each person is counted in one group`)
  }
  const seen = new Set<string>()
  groups.forEach((g, i) => {
    if (seen.has(g.name.toLowerCase())) throw new RangeError(`groups.${i}.name: the group '${g.name}' is listed twice`)
    seen.add(g.name.toLowerCase())
  })
  const sum = groups.reduce((s, g) => s + g.headcount, 0)
  if (Math.abs(sum - j.headcount) > 1e-9) throw new RangeError(`groups: the groups' headcounts add up to ${Math.round(sum * 1000) / 1000}, not the headcount ${j.headcount} (each person is counted once, in one group: a cross-skilled agent too)`)
  const withShare = groups.filter((g) => g.share !== undefined)
  if (withShare.length && withShare.length < groups.length) throw new RangeError(`groups: give a share to every group or to none (${groups.filter((g) => g.share === undefined).map((g) => g.name).join(', ')} ${groups.length - withShare.length === 1 ? 'has' : 'have'} none)`)
  const shares = withShare.reduce((s, g) => s + g.share!, 0)
  if (withShare.length && Math.abs(shares - 1) > 1e-6) throw new RangeError(`groups: the shares add up to ${Math.round(shares * 1e6) / 1e4}%, they must add up to 100%`)
  model.groups = groups.map((g, i) => ({
    name: g.name,
    share: g.share ?? null,
    model: modelOf({
      ...j, groups: undefined, headcount: g.headcount,
      ...(g.attrition_monthly !== undefined || g.attrition_by_tenure !== undefined ? { attrition_monthly: g.attrition_monthly, attrition_by_tenure: g.attrition_by_tenure } : {}),
      class_size_max: g.class_size_max ?? j.class_size_max, planned_hires: g.planned_hires, transfers: g.transfers, leave: g.leave,
    }, `groups.${i}.`),
  }))
  return model
}

/** One model (the whole team, or a group with the team's fields filled in); `where` prefixes field names in errors. */
function modelOf(j: StaffModelJson, where: string): StaffModel {
  const byTenure = (j.attrition_by_tenure ?? []).map((b) => ({ fromWeek: b.from_week, monthlyFraction: b.monthly })).sort((a, b) => a.fromWeek - b.fromWeek)
  if (j.attrition_monthly === undefined && !byTenure.length) throw new RangeError(`${where}attrition_monthly: required (a fraction per month, e.g. 0.03), unless attrition_by_tenure is given`)
  if (byTenure.length && byTenure[0].fromWeek !== 0) throw new RangeError(`${where}attrition_by_tenure: the first band must start at from_week 0, got ${byTenure[0].fromWeek}`)
  for (const [name, list] of [['planned_hires', j.planned_hires], ['transfers', j.transfers], ['leave', j.leave]] as const) {
    const seen = new Set<string>()
    for (const entry of list ?? []) {
      if (seen.has(entry.week_start)) throw new RangeError(`${where}${name}: the week ${entry.week_start} is listed twice`)
      seen.add(entry.week_start)
    }
  }
  const d = STAFF_MODEL_DEFAULTS
  return {
    headcount: j.headcount,
    attritionMonthly: j.attrition_monthly ?? byTenure[0].monthlyFraction,
    attritionByTenure: byTenure,
    initialTenureWeeks: j.initial_tenure_weeks ?? d.initialTenureWeeks,
    trainingWeeks: j.training_weeks,
    ramp: j.ramp ?? [],
    hiringLeadWeeks: j.hiring_lead_weeks ?? d.hiringLeadWeeks,
    classSizeMax: j.class_size_max,
    minWeeksBetweenClasses: j.min_weeks_between_classes ?? d.minWeeksBetweenClasses,
    plannedHires: (j.planned_hires ?? []).map((h) => ({ weekStart: h.week_start, count: h.count })),
    transfers: (j.transfers ?? []).map((h) => ({ weekStart: h.week_start, count: h.count })),
    leave: (j.leave ?? []).map((h) => ({ weekStart: h.week_start, fte: h.fte })),
    ftePerHead: j.fte_per_head ?? d.ftePerHead,
    paidHoursPerWeek: j.paid_hours_per_week ?? d.paidHoursPerWeek,
    costPerHour: j.cost_per_hour ?? d.costPerHour,
    overtimeCostFactor: j.overtime_cost_factor ?? d.overtimeCostFactor,
    maxOvertimeFraction: j.max_overtime_fraction ?? d.maxOvertimeFraction,
    hiringCostPerHire: j.hiring_cost_per_hire ?? d.hiringCostPerHire,
    trainingCostPerHire: j.training_cost_per_hire ?? d.trainingCostPerHire,
    groups: [],
  }
}

/** StaffModel → the JSON people write (for saving and for the form). */
export function staffModelToJson(m: StaffModel): StaffModelJson {
  return {
    headcount: m.headcount,
    ...(m.attritionByTenure.length ? { attrition_by_tenure: m.attritionByTenure.map((b) => ({ from_week: b.fromWeek, monthly: b.monthlyFraction })) } : { attrition_monthly: m.attritionMonthly }),
    initial_tenure_weeks: m.initialTenureWeeks,
    training_weeks: m.trainingWeeks,
    ramp: m.ramp,
    hiring_lead_weeks: m.hiringLeadWeeks,
    class_size_max: m.classSizeMax,
    min_weeks_between_classes: m.minWeeksBetweenClasses,
    planned_hires: m.plannedHires.map((h) => ({ week_start: h.weekStart, count: h.count })),
    transfers: m.transfers.map((h) => ({ week_start: h.weekStart, count: h.count })),
    leave: m.leave.map((h) => ({ week_start: h.weekStart, fte: h.fte })),
    fte_per_head: m.ftePerHead,
    paid_hours_per_week: m.paidHoursPerWeek,
    cost_per_hour: m.costPerHour,
    overtime_cost_factor: m.overtimeCostFactor,
    max_overtime_fraction: m.maxOvertimeFraction,
    hiring_cost_per_hire: m.hiringCostPerHire,
    training_cost_per_hire: m.trainingCostPerHire,
    ...(m.groups.length ? {
      planned_hires: [], transfers: [], leave: [],
      groups: m.groups.map((g) => ({
        name: g.name, headcount: g.model.headcount, ...(g.share !== null ? { share: g.share } : {}),
        ...(g.model.attritionByTenure.length ? { attrition_by_tenure: g.model.attritionByTenure.map((b) => ({ from_week: b.fromWeek, monthly: b.monthlyFraction })) } : { attrition_monthly: g.model.attritionMonthly }),
        class_size_max: g.model.classSizeMax,
        planned_hires: g.model.plannedHires.map((h) => ({ week_start: h.weekStart, count: h.count })),
        transfers: g.model.transfers.map((h) => ({ week_start: h.weekStart, count: h.count })),
        leave: g.model.leave.map((h) => ({ week_start: h.weekStart, fte: h.fte })),
      })),
    } : {}),
  }
}
