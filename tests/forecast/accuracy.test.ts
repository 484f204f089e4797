import { describe, expect, it } from 'vitest'
import { coverage, mae, mase, maseWithScale, rmse, seasonalNaiveMae, wape } from '../../src/forecast/accuracy.ts'

describe('accuracy measures (values computed by hand)', () => {
  const actual = [10, 20, 30, 40]
  const forecast = [12, 18, 33, 40]
  it('mae, rmse, wape', () => {
    expect(mae(actual, forecast)).toBeCloseTo(7 / 4, 12)
    expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt((4 + 4 + 9 + 0) / 4), 12)
    expect(wape(actual, forecast)).toBeCloseTo(7 / 100, 12)
  })
  it('seasonal naive MAE with a lag and MASE', () => {
    const insample = [1, 2, 3, 2, 4, 5]
    // lag 3: |2-1|, |4-2|, |5-3| -> mean 5/3
    expect(seasonalNaiveMae(insample, 3)).toBeCloseTo(5 / 3, 12)
    expect(mase(actual, forecast, insample, 3)).toBeCloseTo((7 / 4) / (5 / 3), 12)
    expect(maseWithScale(actual, forecast, 0.5)).toBeCloseTo(3.5, 12)
  })
  it('coverage counts actuals inside the bounds, bounds included', () => {
    expect(coverage([1, 2, 3, 4], [1, 0, 4, 0], [1, 1, 5, 10])).toBe(0.5)
  })
  it('rejects empty, mismatched or non-finite input with a message naming it', () => {
    expect(() => mae([], [])).toThrow(/actual must not be empty/)
    expect(() => rmse([1, 2], [1])).toThrow(/actual has 2 values but forecast has 1/)
    expect(() => mae([1, Number.NaN], [1, 2])).toThrow(/actual\[1\] must be a finite number/)
    expect(() => wape([0, 0], [1, 1])).toThrow(/sum to zero/)
    expect(() => seasonalNaiveMae([1, 2], 2)).toThrow(/need more than lag=2/)
    expect(() => maseWithScale([1], [1], 0)).toThrow(/scale/)
  })
})
