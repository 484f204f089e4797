import { describe, expect, it } from 'vitest'
import { capacityStressSet, recommendForCase } from '../../src/bench/capacityStressSet.ts'
import { addWeeks, GAP_TOLERANCE_FTE, parseStaffModel, projectCapacity, recommendHires, shrinkUnclosable, type HiringRecommendation, type RequirementWeek, type StaffModel } from '../../src/capacity/index.ts'

const weeksOf = (first: string, required: number[]): RequirementWeek[] => required.map((requiredFte, i) => ({ weekStart: addWeeks(first, i), requiredFte }))

/** Every week from `from` on that is not reported has gap ≥ 0; and taking away any one recommended hire opens a gap in a week that was closed. */
function expectFeasibleAndMinimal(weeks: RequirementWeek[], model: StaffModel, r: HiringRecommendation, fromWeek = weeks[0].weekStart) {
  const reported = new Set(r.unclosable.map((u) => u.weekStart))
  const fromIndex = weeks.findIndex((w) => w.weekStart === fromWeek)
  const closed = r.weeks.filter((w, i) => i >= fromIndex && !reported.has(w.weekStart))
  for (const w of closed) expect(w.gapFte, `gap of ${w.weekStart}`).toBeGreaterThanOrEqual(-GAP_TOLERANCE_FTE)
  expect(r.totalHires).toBe(r.classes.reduce((s, c) => s + c.count, 0))
  r.classes.forEach((c, k) => {
    const fewer = r.classes.map((d, j) => (j === k ? { ...d, count: d.count - 1 } : d))
    const rows = projectCapacity(weeks, model, fewer)
    const opened = rows.filter((w, i) => i >= fromIndex && !reported.has(w.weekStart) && w.gapFte < -GAP_TOLERANCE_FTE)
    expect(opened.length, `removing one hire of the class of ${c.weekStart} opens a gap`).toBeGreaterThan(0)
  })
}

function classesRespectRules(model: StaffModel, weeks: RequirementWeek[], r: HiringRecommendation) {
  const index = (w: string) => weeks.findIndex((x) => x.weekStart === w)
  for (const c of r.classes) {
    expect(index(c.weekStart)).toBeGreaterThanOrEqual(model.hiringLeadWeeks)
    expect(c.count).toBeLessThanOrEqual(model.classSizeMax)
  }
  for (let k = 1; k < r.classes.length; k++) expect(index(r.classes[k].weekStart) - index(r.classes[k - 1].weekStart)).toBeGreaterThanOrEqual(Math.max(1, model.minWeeksBetweenClasses))
}

/**
 * The fewest hires by enumerating every plan: classes of 0..class_size_max from the lead week on, spaced as
 * required, closing every week not in `skip` (gap ≥ −GAP_TOLERANCE_FTE), by the projection itself (no kernel, no
 * solver). Small instances only.
 */
function bruteForceFewest(weeks: RequirementWeek[], model: StaffModel, skip: ReadonlySet<string>): number {
  const n = weeks.length, spacing = Math.max(1, model.minWeeksBetweenClasses)
  let best = Infinity
  const counts = new Array<number>(n).fill(0)
  const closes = () => projectCapacity(weeks, model, counts.flatMap((count, s) => (count > 0 ? [{ weekStart: weeks[s].weekStart, count }] : [])))
    .every((w) => skip.has(w.weekStart) || w.gapFte >= -GAP_TOLERANCE_FTE)
  const visit = (s: number, hires: number) => {
    if (hires >= best) return
    if (s >= n) { if (closes()) best = hires; return }
    for (let count = model.classSizeMax; count >= 1; count--) {
      if (s < model.hiringLeadWeeks) break
      counts[s] = count
      visit(s + spacing, hires + count)
      counts[s] = 0
    }
    visit(s + 1, hires)
  }
  visit(0, 0)
  return best
}

describe('recommendHires', () => {
  it('a growing requirement: the fewest hires close every week, and any one fewer opens a gap', async () => {
    const model = parseStaffModel({ headcount: 120, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 15, min_weeks_between_classes: 2 })
    const weeks = weeksOf('2000-01-02', Array.from({ length: 40 }, (_, i) => 100 + i * 0.8))
    const r = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
    expect(r.proven).toBe(true)
    expect(r.unclosable).toEqual([])
    expect(r.totalHires).toBeGreaterThan(0)
    classesRespectRules(model, weeks, r)
    expectFeasibleAndMinimal(weeks, model, r)
  }, 120_000)

  it('a class size limit that binds: a step of 40 FTE needs several classes, spaced as required', async () => {
    const model = parseStaffModel({ headcount: 100, attrition_monthly: 0.02, training_weeks: 2, ramp: [0.5], hiring_lead_weeks: 2, class_size_max: 12, min_weeks_between_classes: 3 })
    const weeks = weeksOf('2001-03-04', [...Array(20).fill(95), ...Array(10).fill(135)])
    const r = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
    expect(r.unclosable).toEqual([])
    expect(r.classes.length).toBeGreaterThanOrEqual(4) // 40 FTE in classes of at most 12
    expect(r.classes.some((c) => c.count === 12)).toBe(true)
    classesRespectRules(model, weeks, r)
    expectFeasibleAndMinimal(weeks, model, r)
  }, 120_000)

  it('a lead time that makes early weeks impossible: they are reported with the reason, the rest is closed', async () => {
    const model = parseStaffModel({ headcount: 50, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 15, min_weeks_between_classes: 2 })
    const weeks = weeksOf('2000-01-02', Array(30).fill(60))
    const r = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
    // a hire starting in week 7 at the earliest produces from week 11 (at 50%): weeks 1-10 cannot be closed by
    // any hire, and weeks 11-12 not by the classes the size and spacing allow; every later week is closed
    const reported = r.unclosable.map((u) => u.weekStart)
    expect(reported).toEqual(weeks.slice(0, 12).map((w) => w.weekStart))
    expect(r.unclosable[0].reason).toMatch(/cannot be productive before week 11 of the plan \(6 weeks' lead time \+ 4 weeks' training\)/)
    expect(r.unclosable[9].reason).toMatch(/cannot be productive before week 11/)
    expect(r.unclosable[10].reason).toMatch(/the largest classes allowed before it would give 7\.\d+ FTE of the 13\.\d+ missing/)
    expect(r.unclosable[0].shortfallFte).toBeCloseTo(10, 9)
    classesRespectRules(model, weeks, r)
    expectFeasibleAndMinimal(weeks, model, r)
    // beside it: what shrinking weeks 11-12 as far as the rules allow would take (weeks 1-10 no hire can reach)
    const shrink = shrinkUnclosable(weeks, model, r)
    expect(shrink.extra.length).toBeGreaterThan(0)
    expect(shrink.shortfallAfter).toBeLessThan(shrink.shortfallBefore)
    for (let t = 0; t < 10; t++) expect(shrink.weeks[t].gapFte).toBeCloseTo(r.weeks[t].gapFte, 9)
    classesRespectRules(model, weeks, { ...r, classes: shrink.weeks.flatMap((w) => (w.hiresStarting > 0 ? [{ weekStart: w.weekStart, count: w.hiresStarting }] : [])) })
  }, 120_000)

  it('--from: weeks before it are not closed; the ramp weeks of a binding class are reported when no spacing can close them', async () => {
    const model = parseStaffModel({ headcount: 100, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 2, class_size_max: 10, min_weeks_between_classes: 3 })
    const weeks = weeksOf('2000-01-02', [...Array(8).fill(100), ...Array(12).fill(112)])
    const fromWeek = weeks[8].weekStart
    const r = await recommendHires(weeks, model, { fromWeek, timeLimitSeconds: 60 })
    expect(r.weeks.slice(0, 8).some((w) => w.gapFte < 0)).toBe(true) // attrition before --from is left alone
    for (const u of r.unclosable) expect(u.weekStart >= fromWeek).toBe(true)
    expect(r.classes.length).toBeGreaterThan(0)
    expect(r.unclosable.length).toBeLessThan(12)
    classesRespectRules(model, weeks, r)
    expectFeasibleAndMinimal(weeks, model, r, fromWeek)
  }, 120_000)

  it('planned hires count: with enough planned, nothing is recommended', async () => {
    const model = parseStaffModel({ headcount: 100, attrition_monthly: 0.01, training_weeks: 1, class_size_max: 30, planned_hires: [{ week_start: '2000-01-09', count: 20 }] })
    const r = await recommendHires(weeksOf('2000-01-02', [100, 100, 110, 110]), model, { fromWeek: '2000-01-16' })
    expect(r.classes).toEqual([])
    expect(r.unclosable).toEqual([])
  }, 120_000)

  it('78 weeks with a binding class size and lead time: early weeks reported, the rest closed by the fewest hires, the same classes on every run', async () => {
    // 120 people, 3% a month, a seasonal requirement rising by 0.3 FTE a week (the bench's case), classes of at most 8
    const model = parseStaffModel({ headcount: 120, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 8, min_weeks_between_classes: 2 })
    const weeks = weeksOf('2000-01-02', Array.from({ length: 78 }, (_, i) => 110 + 20 * Math.sin(i / 8) + i * 0.3))
    const r = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
    expect(r.proven).toBe(true)
    // no hire can produce before week 11: the shortfall of weeks 1-10 (the peak near week 13) is reported with the reason
    expect(r.unclosable.length).toBeGreaterThan(0)
    for (const u of r.unclosable) expect(weeks.findIndex((w) => w.weekStart === u.weekStart)).toBeLessThan(20)
    expect(r.unclosable.some((u) => /cannot be productive before week 11/.test(u.reason))).toBe(true)
    expect(r.classes.some((c) => c.count === 8)).toBe(true) // the size limit binds
    classesRespectRules(model, weeks, r)
    expectFeasibleAndMinimal(weeks, model, r)
    const again = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
    expect(again.classes).toEqual(r.classes)
  }, 120_000)

  it('growth (issue 16 variant): 5% a month, classes of 10, 100 -> 162 FTE over 78 weeks: feasible, minimal, and within its proven bound', async () => {
    const model = parseStaffModel({ headcount: 120, attrition_monthly: 0.05, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 10, min_weeks_between_classes: 2 })
    const weeks = weeksOf('2000-01-02', Array.from({ length: 78 }, (_, i) => 100 + i * 0.8))
    const r = await recommendHires(weeks, model, { timeLimitSeconds: 1 })
    // weeks 1-10 are already covered by today's 120; every later week is closed
    expect(r.unclosable).toEqual([])
    classesRespectRules(model, weeks, r)
    expectFeasibleAndMinimal(weeks, model, r)
    // the LP relaxation gives 170.57, so no plan has fewer than 171; the plan found has 172. HiGHS's dual bound
    // stops at 171.000 (90 s did not close it), so within 1 s the count is reported as not proven, with its bound.
    expect(r.lowerBound).toBeGreaterThanOrEqual(171)
    expect(r.totalHires).toBeLessThanOrEqual(172)
    expect(r.lowerBound).toBeLessThanOrEqual(r.totalHires)
    if (!r.proven) expect(r.totalHires - r.lowerBound).toBeLessThanOrEqual(1)
  }, 120_000)

  it('the stress set (39 inputs of 78 weeks, src/bench/capacityStressSet.ts), default 1 s budget: every answer closes every week it does not report, respects the class rules, is minimal by removal, and its bound is honest', async () => {
    for (const c of capacityStressSet()) {
      for (const { weeks, model, recommendation: r } of await recommendForCase(c)) {
        classesRespectRules(model, weeks, r)
        expectFeasibleAndMinimal(weeks, model, r)
        expect(r.lowerBound, c.name).toBeLessThanOrEqual(r.totalHires)
        if (r.proven) expect(r.lowerBound, c.name).toBe(r.totalHires)
        for (const u of r.unclosable) expect(u.reason.length, c.name).toBeGreaterThan(0)
      }
    }
  }, 300_000)

  it('hard cases of the stress set are proven the fewest by the exact search (given time: the counts the MIP proved, or below the MIP\'s plan)', async () => {
    const set = new Map(capacityStressSet().map((c) => [c.name, c]))
    // 'class 8' and 'lead 2': the MIP proved 91 (10 s limit); 'spacing 3': the MIP stopped at 118 with bound 117;
    // 'growth': the LP gives 170.57 and HiGHS's bound stalls at 171 (90 s), and fixing the class weeks to each
    // every-2-weeks pattern showed 171 impossible (the lead's diagnosis): the search proves 172
    for (const [name, fewest] of [['class 8', 91], ['lead 2', 91], ['spacing 3', 118], ['growth', 172]] as const) {
      const [{ weeks, model, recommendation: r }] = await recommendForCase(set.get(name)!, { timeLimitSeconds: 60 })
      expect(r.proven, name).toBe(true)
      expect(r.totalHires, name).toBe(fewest)
      expect(r.lowerBound, name).toBe(fewest)
      expectFeasibleAndMinimal(weeks, model, r)
    }
  }, 300_000)

  it('small instances: the proven count equals a brute force over every plan the class rules allow', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const model = parseStaffModel({ headcount: 20, attrition_monthly: 0.02 * seed, training_weeks: seed % 3, ramp: seed % 2 ? [0.5] : [], hiring_lead_weeks: 1, class_size_max: 2 + (seed % 3), min_weeks_between_classes: 1 + (seed % 3) })
      const weeks = weeksOf('2000-01-02', Array.from({ length: 12 }, (_, i) => 19 + (((i * 7 + seed * 5) % 9) / 3) + i * 0.25 * (seed % 2)))
      const r = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
      expect(r.proven).toBe(true)
      const reported = new Set(r.unclosable.map((u) => u.weekStart))
      expect(bruteForceFewest(weeks, model, reported), `seed ${seed}`).toBe(r.totalHires)
      expectFeasibleAndMinimal(weeks, model, r)
    }
  }, 120_000)

  it('spacing 0 and 1 (a pure integer cover with Chvátal–Gomory cuts in the MIP): the proven count equals a brute force, also when it is above ⌈LP bound⌉', async () => {
    const proofs: string[] = []
    // seed 15 is one where no starting plan reaches ⌈LP bound⌉: the MIP (or the search) proves the count
    for (const seed of [4, 8, 15]) {
      const model = parseStaffModel({ headcount: 20, attrition_monthly: 0.04 + 0.02 * (seed % 4), training_weeks: seed % 3, ramp: seed % 2 ? [0.4, 0.7] : [0.5], hiring_lead_weeks: 1, class_size_max: 1 + (seed % 2), min_weeks_between_classes: seed % 2 })
      const weeks = weeksOf('2000-01-02', Array.from({ length: 13 }, (_, i) => 19.1 + (((i * 7 + seed * 5) % 9) / 2.3) + i * 0.2))
      const r = await recommendHires(weeks, model, { timeLimitSeconds: 60 })
      expect(r.proven, `seed ${seed}`).toBe(true)
      const reported = new Set(r.unclosable.map((u) => u.weekStart))
      expect(bruteForceFewest(weeks, model, reported), `seed ${seed}`).toBe(r.totalHires)
      expectFeasibleAndMinimal(weeks, model, r)
      proofs.push(r.provenBy ?? 'none')
    }
    expect(proofs.filter((p) => p === 'mip' || p === 'search').length, proofs.join(',')).toBeGreaterThan(0)
  }, 120_000)

  it('refuses a --from week that is not in the plan', async () => {
    const model = parseStaffModel({ headcount: 1, attrition_monthly: 0, training_weeks: 0, class_size_max: 1 })
    await expect(recommendHires(weeksOf('2000-01-02', [1]), model, { fromWeek: '2000-01-03' })).rejects.toThrow(/from: 2000-01-03 is not a week of the plan/)
  }, 120_000)
})
