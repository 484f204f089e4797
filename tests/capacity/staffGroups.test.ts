import { describe, expect, it } from 'vitest'
import { addWeeks, GAP_TOLERANCE_FTE, parseStaffModel, planGroups, projectCapacity, staffModelToJson } from '../../src/capacity/index.ts'

const weeksOf = (first: string, required: number[]) => required.map((requiredFte, i) => ({ weekStart: addWeeks(first, i), requiredFte }))
/** The monthly rate whose weekly rate is exactly 1% (and 2%). */
const MONTHLY_1PCT = 1 - 0.99 ** (52 / 12), MONTHLY_2PCT = 1 - 0.98 ** (52 / 12)

describe('headcount per team or skill group', () => {
  // 100 people: 60 in Sales (1% a week), 40 in Billing (2% a week, 10 hires planned in week 2)
  const json = {
    headcount: 100, attrition_monthly: MONTHLY_1PCT, training_weeks: 2, ramp: [0.5], class_size_max: 20,
    groups: [
      { name: 'Sales', headcount: 60, share: 0.5 },
      { name: 'Billing', headcount: 40, share: 0.5, attrition_monthly: MONTHLY_2PCT, planned_hires: [{ week_start: '2000-01-09', count: 10 }] },
    ],
  }
  it('projects each group with its own headcount, attrition and hires (hand-computed), and the team is their sum', async () => {
    const model = parseStaffModel(json)
    const plan = await planGroups(weeksOf('2000-01-02', [100, 100, 100, 100]), model)
    const [sales, billing] = plan.groups
    // Sales: 60 × 0.99^t; required 50 (half of 100)
    expect(sales.weeks.map((w) => w.headcount)).toEqual([60, 59.4, 58.806, 58.21794].map((v) => expect.closeTo(v, 9)))
    expect(sales.weeks.map((w) => w.requiredFte)).toEqual([50, 50, 50, 50])
    expect(sales.requirementRule).toBe('share')
    // Billing: 40 × 0.98^t; 10 hires join at the start of week 2 (0 in weeks 2-3, 50% in week 4), also 2% a week
    expect(billing.weeks.map((w) => w.headcount)).toEqual([40, 39.2 + 10, 38.416 + 9.8, 37.64768 + 9.604].map((v) => expect.closeTo(v, 9)))
    expect(billing.weeks.map((w) => w.productiveFte)).toEqual([40, 39.2, 38.416, 37.64768 + 0.5 * 9.604].map((v) => expect.closeTo(v, 9)))
    expect(billing.weeks.map((w) => w.leavers)).toEqual([0.8, 0.984, 0.96432, 0.9450336].map((v) => expect.closeTo(v, 9)))
    plan.total.forEach((w, i) => {
      expect(w.headcount).toBeCloseTo(sales.weeks[i].headcount + billing.weeks[i].headcount, 9)
      expect(w.gapFte).toBeCloseTo(sales.weeks[i].gapFte + billing.weeks[i].gapFte, 9)
      expect(w.requiredFte).toBeCloseTo(100, 9)
    })
    // one team at 1% a week would hide Billing's faster attrition: its week 3 productive FTE differs
    const oneTeam = projectCapacity(weeksOf('2000-01-02', [100, 100, 100, 100]), parseStaffModel({ ...json, groups: undefined, planned_hires: [{ week_start: '2000-01-09', count: 10 }] }))
    expect(oneTeam[2].productiveFte).toBeCloseTo(98.01, 9)
    expect(plan.total[2].productiveFte).toBeCloseTo(58.806 + 38.416, 9)
  })

  it('the requirement per group: given per group, or by share, or by headcount', async () => {
    const byHeadcount = parseStaffModel({ ...json, groups: json.groups.map(({ share: _share, ...g }) => g) })
    const plan = await planGroups(weeksOf('2000-01-02', [100, 80]), byHeadcount)
    expect(plan.groups.map((g) => [g.requirementRule, g.share])).toEqual([['headcount', 0.6], ['headcount', 0.4]])
    expect(plan.groups[0].weeks.map((w) => w.requiredFte)).toEqual([60, 48].map((v) => expect.closeTo(v, 9)))
    const given = await planGroups(weeksOf('2000-01-02', [100, 80]), byHeadcount, { given: new Map([['Sales', [70, 50]], ['Billing', [30, 30]]]) })
    expect(given.groups.map((g) => g.weeks.map((w) => w.requiredFte))).toEqual([[70, 50], [30, 30]])
    expect(given.groups[0].requirementRule).toBe('given')
  })

  it('the inverse per group: each group closes its own weeks with its own classes (a surplus elsewhere does not count)', async () => {
    // Sales has 20 people too many, Billing lacks 10 from week 7: the team total is fine, Billing still needs hires
    const model = parseStaffModel({
      headcount: 100, attrition_monthly: 0, training_weeks: 2, class_size_max: 6, hiring_lead_weeks: 1, min_weeks_between_classes: 2,
      groups: [{ name: 'Sales', headcount: 70 }, { name: 'Billing', headcount: 30 }],
    })
    const weeks = weeksOf('2000-01-02', Array(12).fill(90))
    const given = new Map([['Sales', Array(12).fill(50)], ['Billing', [...Array(6).fill(30), ...Array(6).fill(40)]]])
    const plan = await planGroups(weeks, model, { given, recommend: true })
    const [sales, billing] = plan.groups
    expect(sales.recommendation!.classes).toEqual([])
    expect(billing.recommendation!.totalHires).toBe(10)
    expect(billing.recommendation!.classes.every((c) => c.count <= 6)).toBe(true)
    for (const w of billing.weeks) expect(w.gapFte).toBeGreaterThanOrEqual(-GAP_TOLERANCE_FTE)
    expect(plan.total[11].productiveFte).toBeCloseTo(110, 9)
  })

  it('refuses groups that count a person twice, shares that do not add up, a repeated name, or team-level planned hires', () => {
    expect(() => parseStaffModel({ ...json, headcount: 110 })).toThrow(/groups: the groups' headcounts add up to 100, not the headcount 110 \(each person is counted once/)
    expect(() => parseStaffModel({ ...json, groups: [{ ...json.groups[0], share: 0.7 }, json.groups[1]] })).toThrow(/the shares add up to 120%, they must add up to 100%/)
    expect(() => parseStaffModel({ ...json, groups: [json.groups[0], { ...json.groups[1], share: undefined }] })).toThrow(/give a share to every group or to none \(Billing has none\)/)
    expect(() => parseStaffModel({ ...json, groups: [json.groups[0], { ...json.groups[1], name: 'sales' }] })).toThrow(/groups.1.name: the group 'sales' is listed twice/)
    expect(() => parseStaffModel({ ...json, groups: [{ ...json.groups[0], name: 'Sales team' }, json.groups[1]] })).toThrow(/groups.0.name: must be 1-40 letters/)
    expect(() => parseStaffModel({ ...json, planned_hires: [{ week_start: '2000-01-09', count: 1 }] })).toThrow(/planned_hires: with groups, give planned_hires per group/)
    expect(() => parseStaffModel({ ...json, groups: [{ ...json.groups[0], skill: 'x' }, json.groups[1]] })).toThrow(/groups.0: unknown field "skill"/)
  })

  it('round-trips through the JSON people write', () => {
    const model = parseStaffModel(json)
    expect(parseStaffModel(staffModelToJson(model))).toEqual(model)
  })
})
