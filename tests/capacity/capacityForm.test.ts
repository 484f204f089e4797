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
})
