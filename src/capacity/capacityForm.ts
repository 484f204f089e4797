/**
 * The /capacity form's fields ↔ a capacity plan spec. Fractions are entered as percentages on the form; lists
 * (planned hires, transfers, leave) as lines "YYYY-MM-DD number" ("YYYY-MM-DD number GROUP" when the plan has
 * groups); teams or skill groups as lines "NAME HEADCOUNT [share=%] [attrition=%] [class=N]". Parsing collects
 * every problem, each naming its field in the form's words; the bounds are those of the one schema
 * (capacityPlanSpec.ts).
 */
import { capacitySpecProblems, type CapacityPlanSpec, type SpecProblem } from './capacityPlanSpec.ts'

export type CapacityFormValues = Record<string, string>

const pctOut = (f: number | null | undefined) => (f === null || f === undefined ? '' : String(Math.round(f * 1e6) / 1e4))

function linesOut(list: { week_start: string; count?: number; fte?: number }[] | undefined, group?: string): string {
  return (list ?? []).map((e) => `${e.week_start} ${e.count ?? e.fte}${group ? ' ' + group : ''}`).join('\n')
}

type GroupJson = NonNullable<CapacityPlanSpec['staff']['groups']>[number]
type ListName = 'planned_hires' | 'transfers' | 'leave'

/** A list of the model, or with groups each group's entries with the group's name at the end of the line. */
function listOut(staff: CapacityPlanSpec['staff'], name: ListName): string {
  if (!staff.groups?.length) return linesOut(staff[name])
  return staff.groups.map((g) => linesOut(g[name], g.name)).filter(Boolean).join('\n')
}

function groupsOut(groups: GroupJson[] | undefined): string {
  return (groups ?? []).map((g) => [g.name, g.headcount, g.share !== undefined ? `share=${pctOut(g.share)}` : '', g.attrition_monthly !== undefined ? `attrition=${pctOut(g.attrition_monthly)}` : '', g.class_size_max !== undefined ? `class=${g.class_size_max}` : ''].filter((v) => v !== '').join(' ')).join('\n')
}

/** A spec as the form's values. */
export function formValuesOf(spec: CapacityPlanSpec): CapacityFormValues {
  const s = spec.staff
  return {
    name: spec.name, queueId: String(spec.queueId), weeksAhead: String(spec.weeksAhead), weekStartIsoWeekday: String(spec.weekStartIsoWeekday),
    growthPercent: pctOut(spec.annualGrowthFraction), ahtChangePercent: pctOut(spec.ahtChangeFraction), volumeChangePercent: pctOut(spec.volumeChangeFraction),
    serviceLevelPercent: pctOut(spec.serviceLevelTarget), answerWithinSeconds: spec.answerWithinSeconds === null ? '' : String(spec.answerWithinSeconds),
    shrinkagePercent: pctOut(spec.shrinkageFraction), fromWeek: spec.fromWeek ?? '', recommend: spec.recommend ? 'on' : '', scenarioId: spec.scenarioId === null ? '' : String(spec.scenarioId),
    headcount: String(s.headcount), attritionMonthlyPercent: pctOut(s.attrition_monthly ?? null), trainingWeeks: String(s.training_weeks),
    rampPercents: (s.ramp ?? []).map((r) => pctOut(r)).join(', '), hiringLeadWeeks: String(s.hiring_lead_weeks ?? 0), classSizeMax: String(s.class_size_max),
    minWeeksBetweenClasses: String(s.min_weeks_between_classes ?? 0), plannedHires: listOut(s, 'planned_hires'), transfers: listOut(s, 'transfers'), leave: listOut(s, 'leave'),
    groups: groupsOut(s.groups),
    paidHoursPerWeek: String(s.paid_hours_per_week ?? 40), costPerHour: String(s.cost_per_hour ?? 0), overtimeMaxPercent: pctOut(s.max_overtime_fraction ?? 0),
    hiringCostPerHire: String(s.hiring_cost_per_hire ?? 0), trainingCostPerHire: String(s.training_cost_per_hire ?? 0),
  }
}

export const DEFAULT_FORM_VALUES: CapacityFormValues = {
  name: 'Capacity plan', queueId: '', weeksAhead: '52', weekStartIsoWeekday: '1', growthPercent: '', ahtChangePercent: '0', volumeChangePercent: '0',
  serviceLevelPercent: '', answerWithinSeconds: '', shrinkagePercent: '', fromWeek: '', recommend: 'on', scenarioId: '',
  headcount: '40', attritionMonthlyPercent: '3', trainingWeeks: '4', rampPercents: '50, 75, 90', hiringLeadWeeks: '6', classSizeMax: '15',
  minWeeksBetweenClasses: '2', plannedHires: '', transfers: '', leave: '', groups: '', paidHoursPerWeek: '40', costPerHour: '25', overtimeMaxPercent: '0',
  hiringCostPerHire: '0', trainingCostPerHire: '0',
}

export type ParsedForm = { ok: true; spec: CapacityPlanSpec } | { ok: false; problems: SpecProblem[] }

/** Form values → a checked spec, or every problem (field + message in the form's words). */
export function parseCapacityForm(values: CapacityFormValues): ParsedForm {
  const problems: SpecProblem[] = []
  const text = (k: string) => (values[k] ?? '').trim()
  const number = (k: string, label: string, optional = false): number | null => {
    const t = text(k)
    if (t === '') { if (!optional) problems.push({ field: k, message: `${label}: required` }); return null }
    const n = Number(t)
    if (!Number.isFinite(n)) { problems.push({ field: k, message: `${label}: '${t}' is not a number` }); return null }
    return n
  }
  const pct = (k: string, label: string, optional = false) => { const n = number(k, label, optional); return n === null ? null : n / 100 }
  const groups = parseGroupLines(text('groups'), problems)
  const groupNames = new Map(groups.map((g) => [g.name.toLowerCase(), g]))
  /** The list's lines; with groups, each line ends with its group's name and goes to that group. */
  const lines = (k: string, label: string, valueName: 'count' | 'fte', listName: ListName) => {
    const out: Record<string, string | number>[] = []
    text(k).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
      const m = /^(\d{4}-\d{2}-\d{2})[\s,;]+(-?[0-9.]+)(?:[\s,;]+(\S+))?$/.exec(line)
      if (!m) { problems.push({ field: k, message: `${label}, line ${i + 1}: write 'YYYY-MM-DD number${groups.length ? ' GROUP' : ''}', got '${line.slice(0, 40)}'` }); return }
      const entry = { week_start: m[1], [valueName]: Number(m[2]) }
      if (!groups.length) {
        if (m[3] !== undefined) problems.push({ field: k, message: `${label}, line ${i + 1}: '${m[3]}' names a group, but the plan has no groups` })
        else out.push(entry)
        return
      }
      const group = m[3] === undefined ? undefined : groupNames.get(m[3].toLowerCase())
      if (!group) { problems.push({ field: k, message: `${label}, line ${i + 1}: end the line with one of the groups (${groups.map((g) => g.name).join(', ')})${m[3] ? `, got '${m[3].slice(0, 40)}'` : ''}` }); return }
      ;((group[listName] ??= []) as Record<string, string | number>[]).push(entry)
    })
    return out
  }
  const ramp = text('rampPercents') === '' ? [] : text('rampPercents').split(/[,\s]+/).filter(Boolean).map((r, i) => {
    const n = Number(r)
    if (!Number.isFinite(n)) problems.push({ field: 'rampPercents', message: `ramp, week ${i + 1}: '${r}' is not a percentage` })
    return n / 100
  })
  const candidate = {
    name: text('name'),
    queueId: number('queueId', 'queue'),
    weeksAhead: number('weeksAhead', 'weeks ahead'),
    weekStartIsoWeekday: number('weekStartIsoWeekday', 'weeks start on'),
    annualGrowthFraction: pct('growthPercent', 'growth per year', true),
    ahtChangeFraction: pct('ahtChangePercent', 'AHT change', true) ?? 0,
    volumeChangeFraction: pct('volumeChangePercent', 'volume change', true) ?? 0,
    serviceLevelTarget: pct('serviceLevelPercent', 'service level target', true),
    answerWithinSeconds: number('answerWithinSeconds', 'answered within (seconds)', true),
    shrinkageFraction: pct('shrinkagePercent', 'shrinkage', true),
    fromWeek: text('fromWeek') || null,
    recommend: text('recommend') !== '',
    scenarioId: text('scenarioId') === '' ? null : number('scenarioId', 'scenario'),
    staff: {
      headcount: groups.length && text('headcount') === '' ? groups.reduce((sum, g) => sum + g.headcount, 0) : number('headcount', 'headcount'),
      attrition_monthly: pct('attritionMonthlyPercent', 'monthly attrition'),
      training_weeks: number('trainingWeeks', 'training weeks'),
      ramp,
      hiring_lead_weeks: number('hiringLeadWeeks', 'hiring lead time (weeks)', true) ?? 0,
      class_size_max: number('classSizeMax', 'largest class'),
      min_weeks_between_classes: number('minWeeksBetweenClasses', 'weeks between classes', true) ?? 0,
      planned_hires: lines('plannedHires', 'planned hires', 'count', 'planned_hires'),
      transfers: lines('transfers', 'transfers', 'count', 'transfers'),
      leave: lines('leave', 'planned leave', 'fte', 'leave'),
      paid_hours_per_week: number('paidHoursPerWeek', 'paid hours per week', true) ?? 40,
      cost_per_hour: number('costPerHour', 'cost per hour', true) ?? 0,
      max_overtime_fraction: pct('overtimeMaxPercent', 'most overtime', true) ?? 0,
      hiring_cost_per_hire: number('hiringCostPerHire', 'hiring cost per hire', true) ?? 0,
      training_cost_per_hire: number('trainingCostPerHire', 'training cost per hire', true) ?? 0,
      ...(groups.length ? { groups } : {}),
    },
  }
  if (problems.length) return { ok: false, problems }
  const schemaProblems = capacitySpecProblems(candidate)
  if (schemaProblems.length) return { ok: false, problems: schemaProblems.map((p) => ({ field: FORM_FIELD_OF[p.field] ?? p.field, message: p.message })) }
  return { ok: true, spec: candidate as CapacityPlanSpec }
}

/** Schema field → form field, so a problem is shown beside its input. */
const FORM_FIELD_OF: Record<string, string> = {
  annualGrowthFraction: 'growthPercent', ahtChangeFraction: 'ahtChangePercent', volumeChangeFraction: 'volumeChangePercent', serviceLevelTarget: 'serviceLevelPercent',
  shrinkageFraction: 'shrinkagePercent', attrition_monthly: 'attritionMonthlyPercent', training_weeks: 'trainingWeeks', ramp: 'rampPercents',
  hiring_lead_weeks: 'hiringLeadWeeks', class_size_max: 'classSizeMax', min_weeks_between_classes: 'minWeeksBetweenClasses', planned_hires: 'plannedHires',
  paid_hours_per_week: 'paidHoursPerWeek', cost_per_hour: 'costPerHour', max_overtime_fraction: 'overtimeMaxPercent', hiring_cost_per_hire: 'hiringCostPerHire',
  training_cost_per_hire: 'trainingCostPerHire', groups: 'groups',
}

/**
 * The groups box: one group a line, "NAME HEADCOUNT [share=%] [attrition=%] [class=N]", e.g. "Billing 12 share=30
 * attrition=4 class=6" (share of the requirement and monthly attrition in %, the largest class).
 */
function parseGroupLines(textValue: string, problems: SpecProblem[]): GroupJson[] {
  const out: GroupJson[] = []
  textValue.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const [name, headcount, ...rest] = line.split(/[\s,;]+/)
    const where = `groups, line ${i + 1}`
    const n = Number(headcount)
    if (headcount === undefined || !Number.isFinite(n)) { problems.push({ field: 'groups', message: `${where}: write 'NAME HEADCOUNT [share=%] [attrition=%] [class=N]', got '${line.slice(0, 60)}'` }); return }
    const group: GroupJson = { name, headcount: n }
    for (const part of rest) {
      const m = /^(share|attrition|class)=(-?[0-9.]+)%?$/i.exec(part)
      if (!m || !Number.isFinite(Number(m[2]))) { problems.push({ field: 'groups', message: `${where}: '${part.slice(0, 30)}' is not share=%, attrition=% or class=N` }); continue }
      const key = m[1].toLowerCase(), v = Number(m[2])
      if (key === 'share') group.share = v / 100
      else if (key === 'attrition') group.attrition_monthly = v / 100
      else group.class_size_max = v
    }
    out.push(group)
  })
  return out
}
