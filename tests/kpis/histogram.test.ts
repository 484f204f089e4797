import { describe, expect, it } from 'vitest'
import { binValueCounts, countAtMost, meanOfValueCounts, mergeValueCounts, quantileOfValueCounts, valueCountsOf } from '../../src/kpis/histogram.ts'

describe('value counts', () => {
  it('uses the R-7 quantile method (R quantile type 7, numpy percentile)', () => {
    // R: quantile(c(1,2,3,4), 0.9) = 3.7; quantile(c(15,20,35,40,50), 0.4) = 29
    expect(quantileOfValueCounts(valueCountsOf([1, 2, 3, 4]), 0.9)).toBeCloseTo(3.7, 12)
    expect(quantileOfValueCounts(valueCountsOf([15, 20, 35, 40, 50]), 0.4)).toBe(29)
    expect(quantileOfValueCounts(valueCountsOf([7]), 0.95)).toBe(7)
  })

  it('gives the quantiles of the expanded list', () => {
    const counts = [{ value: 10, count: 3 }, { value: 0, count: 2 }, { value: 100, count: 1 }]
    const expanded = [0, 0, 10, 10, 10, 100]
    for (const p of [0, 0.25, 0.5, 0.9, 0.95, 1]) expect(quantileOfValueCounts(counts, p)).toBe(quantileOfValueCounts(valueCountsOf(expanded), p))
    expect(quantileOfValueCounts(counts, 0.9)).toBe(55) // h = 4.5: 10 + 0.5 × 90
    expect(meanOfValueCounts(counts)).toBe(130 / 6)
    expect(countAtMost(counts, 10)).toBe(5)
  })

  it('returns null, not NaN, for no values, and rejects bad input', () => {
    expect(quantileOfValueCounts([], 0.5)).toBeNull()
    expect(meanOfValueCounts([])).toBeNull()
    expect(() => quantileOfValueCounts([], 1.5)).toThrow('p must be a fraction from 0 to 1, got 1.5')
    expect(() => mergeValueCounts([{ value: 1, count: -1 }])).toThrow('lists[0][0].count must be a whole number >= 0, got -1')
  })

  it('bins counts and leaves its input alone', () => {
    const counts = Object.freeze([Object.freeze({ value: 5, count: 2 }), Object.freeze({ value: 15, count: 1 }), Object.freeze({ value: 700, count: 4 })])
    expect(binValueCounts(counts, [0, 10, 600])).toEqual([2, 1, 4])
    expect(mergeValueCounts(counts, [{ value: 5, count: 1 }])).toEqual([{ value: 5, count: 3 }, { value: 15, count: 1 }, { value: 700, count: 4 }])
    expect(() => binValueCounts(counts, [0, 0])).toThrow('edges must be strictly increasing')
  })
})
