import { describe, expect, it } from 'vitest'
import { DEFAULT_FORM_VALUES, formValuesOf, parseCapacityForm, parseStaffModel } from '../../src/capacity/index.ts'

const values = { ...DEFAULT_FORM_VALUES, queueId: '3', plannedHires: '2000-02-07 10\n2000-03-06, 5', leave: '2000-07-03 6.5', transfers: '2000-04-03 -2', growthPercent: '8', serviceLevelPercent: '90', answerWithinSeconds: '30', shrinkagePercent: '35' }

describe('the /capacity form', () => {
  it('reads percentages as fractions and lines as lists, and writes them back the same', () => {
    const parsed = parseCapacityForm(values)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const s = parsed.spec
    expect(s).toMatchObject({ queueId: 3, weeksAhead: 52, annualGrowthFraction: 0.08, serviceLevelTarget: 0.9, answerWithinSeconds: 30, shrinkageFraction: 0.35, recommend: true, fromWeek: null, scenarioId: null })
    expect(s.staff).toMatchObject({ headcount: 40, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 15, min_weeks_between_classes: 2, cost_per_hour: 25 })
    expect(s.staff.planned_hires).toEqual([{ week_start: '2000-02-07', count: 10 }, { week_start: '2000-03-06', count: 5 }])
    expect(s.staff.leave).toEqual([{ week_start: '2000-07-03', fte: 6.5 }])
    expect(s.staff.transfers).toEqual([{ week_start: '2000-04-03', count: -2 }])
    expect(parseStaffModel(s.staff).plannedHires).toHaveLength(2)
    const again = parseCapacityForm(formValuesOf(s))
    expect(again.ok && again.spec).toEqual(s)
  })

  it('names every bad field in the form’s words, beside its input', () => {
    const parsed = parseCapacityForm({ ...values, name: ' ', headcount: 'many', plannedHires: 'next week 5', classSizeMax: '0', weeksAhead: '120' })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems).toEqual(expect.arrayContaining([
      { field: 'headcount', message: "headcount: 'many' is not a number" },
      { field: 'plannedHires', message: "planned hires, line 1: write 'YYYY-MM-DD number', got 'next week 5'" },
    ]))
    const bounds = parseCapacityForm({ ...values, name: ' ', classSizeMax: '0', weeksAhead: '120', attritionMonthlyPercent: '150' })
    expect(bounds.ok).toBe(false)
    if (bounds.ok) return
    const byField = Object.fromEntries(bounds.problems.map((p) => [p.field, p.message]))
    expect(byField.name).toMatch(/^name: give the plan a name/)
    expect(byField.weeksAhead).toMatch(/^weeks ahead: /)
    expect(byField.classSizeMax).toMatch(/^largest class: /)
    expect(byField.attritionMonthlyPercent).toMatch(/^monthly attrition: /)
  })

  it('reads groups (teams or skills) and per-group planned hires, and writes them back the same', () => {
    const parsed = parseCapacityForm({ ...values, headcount: '', groups: 'Sales 28 share=70 \nBilling 12 share=30 attrition=4 class=6', plannedHires: '2000-02-07 10 Billing\n2000-03-06 5 sales', transfers: '', leave: '2000-07-03 2 Sales' })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const s = parsed.spec.staff
    expect(s.headcount).toBe(40) // the groups' sum
    expect(s.groups).toEqual([
      { name: 'Sales', headcount: 28, share: 0.7, planned_hires: [{ week_start: '2000-03-06', count: 5 }], leave: [{ week_start: '2000-07-03', fte: 2 }] },
      { name: 'Billing', headcount: 12, share: 0.3, attrition_monthly: 0.04, class_size_max: 6, planned_hires: [{ week_start: '2000-02-07', count: 10 }] },
    ])
    expect(s.planned_hires).toEqual([])
    const model = parseStaffModel(s)
    expect(model.groups.map((g) => [g.name, g.model.headcount, g.model.attritionMonthly, g.model.classSizeMax])).toEqual([['Sales', 28, 0.03, 15], ['Billing', 12, 0.04, 6]])
    const again = parseCapacityForm(formValuesOf(parsed.spec))
    expect(again.ok && parseStaffModel(again.spec.staff)).toEqual(model)
  })

  it('names the groups box in its problems: a line without a group, a group that is not there, headcounts that do not add up', () => {
    const problems = (v: Record<string, string>) => { const p = parseCapacityForm({ ...values, ...v }); return p.ok ? [] : p.problems }
    expect(problems({ groups: 'Sales 28\nBilling 12', plannedHires: '2000-02-07 10' })).toEqual(expect.arrayContaining([
      { field: 'plannedHires', message: "planned hires, line 1: end the line with one of the groups (Sales, Billing)" },
    ]))
    expect(problems({ groups: 'Sales 28\nBilling 12', plannedHires: '2000-02-07 10 Ops' })[0].message).toMatch(/got 'Ops'/)
    expect(problems({ groups: 'Sales many' })[0]).toEqual({ field: 'groups', message: "groups, line 1: write 'NAME HEADCOUNT [share=%] [attrition=%] [class=N]', got 'Sales many'" })
    expect(problems({ groups: 'Sales 28 size=3' })[0].message).toMatch(/'size=3' is not share=%, attrition=% or class=N/)
    const sum = problems({ groups: 'Sales 28\nBilling 10', plannedHires: '', transfers: '', leave: '' })
    expect(sum).toEqual([{ field: 'groups', message: expect.stringMatching(/the groups' headcounts add up to 38, not the headcount 40/) }])
    expect(problems({ groups: 'Sales 20 share=50\nBilling 20 share=40', plannedHires: '', transfers: '', leave: '' })[0]).toMatchObject({ field: 'groups', message: expect.stringMatching(/shares add up to 90%/) })
  })
})
