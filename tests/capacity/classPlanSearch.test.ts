import { describe, expect, it } from 'vitest'
import { fewerHires, tieBreakAmongFewest, type ClassSearchInput } from '../../src/capacity/classPlanSearch.ts'
import { hireContributionKernel, parseStaffModel } from '../../src/capacity/index.ts'

// 3% a month, 2 training weeks, ramp 50%: a hire gives 0, 0, 0.5·s(2), s(3), … FTE in the weeks after starting
const model = parseStaffModel({ headcount: 0, attrition_monthly: 0.03, training_weeks: 2, ramp: [0.5], class_size_max: 10, min_weeks_between_classes: 3 })
const n = 20
const kernel = hireContributionKernel(model, n)
const coverOf = (plan: ReadonlyMap<number, number>) => Array.from({ length: n }, (_, t) => [...plan].reduce((s, [w, c]) => s + (t >= w ? c * kernel[t - w] : 0), 0))
const total = (plan: ReadonlyMap<number, number>) => [...plan.values()].reduce((s, c) => s + c, 0)
const score = (plan: ReadonlyMap<number, number>) => (n + 1) * plan.size + [...plan].reduce((s, [w, c]) => s + ((n - w) * c) / 10, 0)

describe('class plan searches', () => {
  // 8 FTE needed from week 6 on, 14 from week 14 on
  const need = Array.from({ length: n }, (_, t) => (t >= 14 ? 14 : t >= 6 ? 8 : 0))
  const input: ClassSearchInput = { n, kernel, capacity: new Array(n).fill(10), spacing: 3, rows: need.flatMap((v, t) => (v > 0 ? [t] : [])), need }

  it('fewerHires drops the hires a padded plan does not need and keeps every week covered', () => {
    const padded = new Map([[1, 10], [4, 10], [8, 10]]) // 30 hires; the cover needs far fewer
    const cover = coverOf(padded)
    for (const t of input.rows) expect(cover[t]).toBeGreaterThanOrEqual(need[t])
    const lower = fewerHires(padded, input)
    expect(total(lower)).toBeLessThan(30)
    const after = coverOf(lower)
    for (const t of input.rows) expect(after[t], `week ${t}`).toBeGreaterThanOrEqual(need[t] - 1e-9)
    // no single hire can go
    for (const [w, c] of lower) {
      const fewer = new Map(lower); fewer.set(w, c - 1)
      expect(input.rows.some((t) => coverOf(fewer)[t] < need[t] - 1e-9)).toBe(true)
    }
  })

  it('tieBreakAmongFewest keeps the count and the cover, never scores worse, and needs fewer, later classes than the start', () => {
    const start = fewerHires(new Map([[1, 10], [4, 10], [8, 10], [11, 10]]), input)
    expect(start.size).toBeGreaterThan(2) // four early classes, spaced 3 weeks
    const best = tieBreakAmongFewest(start, input)
    expect(total(best)).toBe(total(start))
    expect(score(best)).toBeLessThanOrEqual(score(start))
    for (const t of input.rows) expect(coverOf(best)[t]).toBeGreaterThanOrEqual(need[t] - 1e-9)
    const weeks = [...best.keys()].sort((a, b) => a - b)
    for (let k = 1; k < weeks.length; k++) expect(weeks[k] - weeks[k - 1]).toBeGreaterThanOrEqual(3)
    for (const c of best.values()) expect(c).toBeLessThanOrEqual(10)
    expect(best.size).toBeLessThan(start.size)
    expect(tieBreakAmongFewest(start, input)).toEqual(best) // deterministic
  })
})
