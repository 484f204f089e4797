import { describe, expect, it } from 'vitest'
import { addWeeks, parseStaffModel, projectCapacity, weeklyAttritionFromMonthly, capacityCost, hireContributionKernel } from '../../src/capacity/index.ts'

const weeksOf = (first: string, required: number[]) => required.map((requiredFte, i) => ({ weekStart: addWeeks(first, i), requiredFte }))
/** The monthly rate whose weekly rate is exactly 1%: (1 − m) = 0.99^(52/12). */
const MONTHLY_FOR_1PCT_WEEKLY = 1 - 0.99 ** (52 / 12)

describe('weeklyAttritionFromMonthly', () => {
  it('compounds: 3% a month is 1 − 0.97^(12/52) a week, not 3% / 4.33', () => {
    expect(weeklyAttritionFromMonthly(0.03)).toBeCloseTo(0.0070044, 7)
    expect(weeklyAttritionFromMonthly(MONTHLY_FOR_1PCT_WEEKLY)).toBeCloseTo(0.01, 12)
    // 52/12 weeks of it is exactly the month's 3%
    expect(1 - (1 - weeklyAttritionFromMonthly(0.03)) ** (52 / 12)).toBeCloseTo(0.03, 12)
  })
  it('refuses a rate outside [0, 1)', () => {
    expect(() => weeklyAttritionFromMonthly(1)).toThrow(/monthly attrition must be a fraction in \[0, 1\), got 1/)
  })
})

describe('projectCapacity', () => {
  const model = parseStaffModel({
    headcount: 100, attrition_monthly: MONTHLY_FOR_1PCT_WEEKLY, training_weeks: 2, ramp: [0.5], class_size_max: 20,
    planned_hires: [{ week_start: '2000-01-09', count: 10 }],
  })
  it('reproduces the hand-computed cohort table (1% a week, 10 hires in week 2, 2 weeks training, ramp 50%)', () => {
    const rows = projectCapacity(Object.freeze(weeksOf('2000-01-02', [100, 100, 100, 100, 100])), model)
    // Hand computation: today's 100 keep 0.99 each week; hires join at the start of week 2 and also keep 0.99 a week;
    // they give 0 in weeks 2-3 (training), 50% in week 4, 100% in week 5. Leavers = 1% of the week's headcount.
    const expected = [
      { headcount: 100, productiveFte: 100, leavers: 1, hiresStarting: 0, inTraining: 0 },
      { headcount: 109, productiveFte: 99, leavers: 1.09, hiresStarting: 10, inTraining: 10 },
      { headcount: 107.91, productiveFte: 98.01, leavers: 1.0791, hiresStarting: 0, inTraining: 9.9 },
      { headcount: 106.8309, productiveFte: 97.0299 + 4.9005, leavers: 1.068309, hiresStarting: 0, inTraining: 0 },
      { headcount: 105.762591, productiveFte: 105.762591, leavers: 1.05762591, hiresStarting: 0, inTraining: 0 },
    ]
    rows.forEach((row, i) => {
      expect(row.weekStart).toBe(addWeeks('2000-01-02', i))
      expect(row.headcount).toBeCloseTo(expected[i].headcount, 9)
      expect(row.productiveFte).toBeCloseTo(expected[i].productiveFte, 9)
      expect(row.leavers).toBeCloseTo(expected[i].leavers, 9)
      expect(row.hiresStarting).toBe(expected[i].hiresStarting)
      expect(row.inTraining).toBeCloseTo(expected[i].inTraining, 9)
      expect(row.gapFte).toBeCloseTo(expected[i].productiveFte - 100, 9)
    })
    // headcount(t+1) = headcount(t) − leavers(t) + joiners(t+1)
    for (let t = 0; t + 1 < rows.length; t++) expect(rows[t + 1].headcount).toBeCloseTo(rows[t].headcount - rows[t].leavers + rows[t + 1].hiresStarting, 9)
  })
  it('applies transfers (experienced, productive at once) and planned leave (FTE away that week)', () => {
    const withMoves = { ...model, plannedHires: [], transfers: [{ weekStart: '2000-01-09', count: -5 }, { weekStart: '2000-01-16', count: 3 }], leave: [{ weekStart: '2000-01-16', fte: 7.5 }] }
    const rows = projectCapacity(weeksOf('2000-01-02', [90, 90, 90]), withMoves)
    expect(rows[1].headcount).toBeCloseTo(99 - 5, 9)
    expect(rows[2].headcount).toBeCloseTo(94 * 0.99 + 3, 9)
    expect(rows[2].productiveFte).toBeCloseTo(94 * 0.99 + 3 - 7.5, 9)
    expect(rows[2].leaveFte).toBe(7.5)
  })
  it('uses the attrition of each cohort’s tenure band', () => {
    const tenure = parseStaffModel({ headcount: 10, attrition_by_tenure: [{ from_week: 0, monthly: MONTHLY_FOR_1PCT_WEEKLY * 0 + (1 - 0.98 ** (52 / 12)) }, { from_week: 2, monthly: MONTHLY_FOR_1PCT_WEEKLY }], training_weeks: 0, class_size_max: 5, planned_hires: [{ week_start: '2000-01-02', count: 5 }] })
    const rows = projectCapacity(weeksOf('2000-01-02', [0, 0, 0, 0]), tenure)
    // today's 10 are past week 2 of tenure: 1% a week; new hires lose 2% a week in their first two weeks, then 1%
    expect(rows[3].headcount).toBeCloseTo(10 * 0.99 ** 3 + 5 * 0.98 * 0.98 * 0.99, 9)
    expect(hireContributionKernel(tenure, 4)).toEqual([1, 0.98, 0.98 * 0.98, 0.98 * 0.98 * 0.99].map((v) => expect.closeTo(v, 12)))
  })
  it('refuses weeks that are not consecutive and hires outside the plan, naming them', () => {
    expect(() => projectCapacity([{ weekStart: '2000-01-02', requiredFte: 1 }, { weekStart: '2000-01-10', requiredFte: 1 }], model)).toThrow(/week 2000-01-10: weeks must be consecutive, 7 days apart \(expected 2000-01-09 after 2000-01-02\)/)
    expect(() => projectCapacity(weeksOf('2000-01-16', [1, 1]), model)).toThrow(/planned_hires: 2000-01-09 is not a week of the plan/)
    expect(() => projectCapacity(weeksOf('2000-01-02', [1, 1]), { ...model, plannedHires: [], transfers: [{ weekStart: '2000-01-09', count: -200 }] })).toThrow(/transfers: 200 people cannot move out in the week 2000-01-09: only 99 experienced people are there/)
  })
  it('costs paid hours of everybody, overtime up to its cap, and each hire once', () => {
    const costed = { ...model, costPerHour: 20, maxOvertimeFraction: 0.01, hiringCostPerHire: 1000, trainingCostPerHire: 500 }
    const rows = projectCapacity(weeksOf('2000-01-02', [100, 100, 100]), costed)
    const cost = capacityCost(rows, costed)
    expect(cost.paidHours).toBeCloseTo((100 + 109 + 107.91) * 40, 6)
    // week 2 is 1 FTE short: 0.99 FTE of overtime (1% of 99) → 39.6 h at 1.5 × 20; week 3 is 1.99 short: 0.9801
    expect(cost.overtimeHours).toBeCloseTo((0.99 + 0.9801) * 40, 9)
    expect(cost.shortfallFteWeeks).toBeCloseTo((1 - 0.99) + (1.99 - 0.9801), 9)
    expect(cost.hiringCost).toBe(15_000)
    expect(cost.cost).toBeCloseTo(cost.paidHours * 20 + cost.overtimeHours * 30 + 15_000, 6)
  })
})

describe('parseStaffModel', () => {
  it('names every bad field and refuses unknown ones', () => {
    expect(() => parseStaffModel({ headcount: -1, attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15 })).toThrow(/headcount: /)
    expect(() => parseStaffModel({ headcount: 10, attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15, ramps: [1] })).toThrow(/unknown field "ramps"/)
    expect(() => parseStaffModel({ headcount: 10, training_weeks: 4, class_size_max: 15 })).toThrow(/attrition_monthly: required/)
    expect(() => parseStaffModel({ headcount: 10, attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15, planned_hires: [{ week_start: '2000-02-30', count: 1 }] })).toThrow(/planned_hires\.0\.week_start: is not a real date/)
  })
})
