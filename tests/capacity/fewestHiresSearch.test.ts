import { describe, expect, it } from 'vitest'
import { addWeeks, GAP_TOLERANCE_FTE, hireContributionKernel, parseStaffModel, projectCapacity, type RequirementWeek, type StaffModel } from '../../src/capacity/index.ts'
import { searchFewestHires } from '../../src/capacity/fewestHiresSearch.ts'
import { solveHiresLp } from '../../src/capacity/hiresLpDuals.ts'
import type { ClassSearchInput } from '../../src/capacity/classPlanSearch.ts'

/** The fewest hires by enumerating every plan the class rules allow, checked by the projection itself (no kernel, no bound). */
function bruteForceFewest(weeks: RequirementWeek[], model: StaffModel): number {
  const n = weeks.length, spacing = Math.max(1, model.minWeeksBetweenClasses)
  let best = Infinity
  const counts = new Array<number>(n).fill(0)
  const closes = () => projectCapacity(weeks, model, counts.flatMap((count, s) => (count > 0 ? [{ weekStart: weeks[s].weekStart, count }] : []))).every((w) => w.gapFte >= -GAP_TOLERANCE_FTE)
  const visit = (s: number, hires: number) => {
    if (hires >= best) return
    if (s >= n) { if (closes()) best = hires; return }
    if (s >= model.hiringLeadWeeks) {
      for (let count = model.classSizeMax; count >= 1; count--) { counts[s] = count; visit(s + spacing, hires + count); counts[s] = 0 }
    }
    visit(s + 1, hires)
  }
  visit(0, 0)
  return best
}

function searchInputOf(weeks: RequirementWeek[], model: StaffModel): ClassSearchInput {
  const n = weeks.length
  const shortfall = projectCapacity(weeks, model).map((w) => Math.max(0, -w.gapFte))
  return {
    n, kernel: hireContributionKernel(model, n), capacity: weeks.map((_, s) => (s >= model.hiringLeadWeeks ? model.classSizeMax : 0)),
    spacing: Math.max(1, model.minWeeksBetweenClasses), rows: shortfall.flatMap((v, t) => (v > GAP_TOLERANCE_FTE ? [t] : [])), need: shortfall.map((v) => v + 1e-7),
  }
}

describe('searchFewestHires', () => {
  it('from a wasteful start (full classes every spacing weeks), proves the same fewest count as a brute force over every plan, with the LP duals and with λ = 0', async () => {
    let checked = 0, lowered = 0
    for (let seed = 1; seed <= 10; seed++) {
      const model = parseStaffModel({ headcount: 20, attrition_monthly: 0.01 * seed, training_weeks: seed % 3, ramp: seed % 2 ? [0.5] : [0.3, 0.7], hiring_lead_weeks: 0, class_size_max: 2 + (seed % 3), min_weeks_between_classes: 1 + (seed % 3) })
      const weeks = Array.from({ length: 12 }, (_, i) => ({ weekStart: addWeeks('2000-01-02', i), requiredFte: 17 + (((i * 7 + seed * 5) % 9) / 4) + i * 0.45 }))
      const input = searchInputOf(weeks, model)
      // weeks inside training cannot be closed by any plan: keep the instances where every short week can be
      if (input.rows.some((t) => t < model.trainingWeeks)) continue
      const start = new Map<number, number>()
      for (let s = 0; s < input.n; s += input.spacing) start.set(s, model.classSizeMax)
      const fewest = bruteForceFewest(weeks, model)
      if (!Number.isFinite(fewest)) continue
      const startTotal = [...start.values()].reduce((a, b) => a + b, 0)
      const lp = await solveHiresLp(input, 10)
      expect(lp).not.toBeNull()
      expect(Math.ceil(lp!.objective - 1e-6)).toBeLessThanOrEqual(fewest)
      for (const lambda of [lp!.lambda, new Array<number>(input.n).fill(0)]) {
        const r = searchFewestHires({ ...input, lambda }, start, Infinity)
        expect(r.proven, `seed ${seed}`).toBe(true)
        expect(r.total, `seed ${seed}`).toBe(fewest)
        expect(r.lowerBound).toBe(fewest)
        // the plan found closes every week by the projection
        const rows = projectCapacity(weeks, model, [...r.plan].map(([s, count]) => ({ weekStart: weeks[s].weekStart, count })))
        for (const w of rows) expect(w.gapFte).toBeGreaterThanOrEqual(-GAP_TOLERANCE_FTE)
      }
      checked++
      if (fewest < startTotal) lowered++
    }
    expect(checked).toBeGreaterThanOrEqual(5)
    expect(lowered).toBeGreaterThanOrEqual(5)
  }, 120_000)

  it('stops unproven at its node limit, keeping the start and a bound no higher than it', async () => {
    const model = parseStaffModel({ headcount: 20, attrition_monthly: 0.05, training_weeks: 1, ramp: [0.5], class_size_max: 3, min_weeks_between_classes: 2 })
    const weeks = Array.from({ length: 12 }, (_, i) => ({ weekStart: addWeeks('2000-01-02', i), requiredFte: 20 + i * 0.5 }))
    const input = searchInputOf(weeks, model)
    const start = new Map<number, number>()
    for (let s = 0; s < input.n; s += 2) start.set(s, 3)
    const r = searchFewestHires({ ...input, lambda: new Array<number>(input.n).fill(0) }, start, Infinity, 3)
    expect(r.proven).toBe(false)
    expect(r.lowerBound).toBeLessThanOrEqual(r.total)
    expect(r.total).toBeLessThanOrEqual(18)
  })
})
