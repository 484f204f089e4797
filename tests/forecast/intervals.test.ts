import { describe, expect, it } from 'vitest'
import type { BacktestOrigin } from '../../src/forecast/backtest.ts'
import { applyCalibration, calibrateIntervals, errorScale, horizonBucket, poissonIntervals } from '../../src/forecast/intervals.ts'

/** One origin with forecasts of 100 and actuals 100 + e for e = -50 ... 49 (uniform errors), all on day 0. */
function uniformOrigin(): BacktestOrigin {
  const actual = Float64Array.from({ length: 100 }, (_, i) => 100 + i - 50)
  return { originDay: 0, targets: [], actual, forecast: new Float64Array(100).fill(100), dayAhead: new Int32Array(100), scale: 1 }
}

describe('backtest-calibrated prediction intervals', () => {
  it('horizon buckets: day 1, days 2-3, 4-7, 8-14, 15+', () => {
    expect([0, 1, 2, 3, 6, 7, 13, 14, 40].map(horizonBucket)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4])
  })

  it('estimates the NB2 over-dispersion by moments and returns empirical quantiles of scaled errors', () => {
    const calibration = calibrateIntervals([uniformOrigin()], [0.8])!
    // sum e^2 = sum_{k=-50}^{49} k^2 = 83350; phi = (83350 - 100*100) / (100 * 100^2)
    expect(calibration.phi).toBeCloseTo((83350 - 10000) / 1e6, 12)
    const { lower, upper } = applyCalibration([100], [0], calibration)
    // The 10% and 90% empirical quantiles of e are -40.1 and 39.1 (linear interpolation on 100 sorted values).
    expect(lower[0][0]).toBeCloseTo(100 - 40.1, 6)
    expect(upper[0][0]).toBeCloseTo(100 + 39.1, 6)
    expect(errorScale(100, calibration.phi)).toBeCloseTo(Math.sqrt(100 + calibration.phi * 1e4), 12)
  })

  it('zero forecasts (closed intervals) get zero-width intervals; too few errors give no calibration', () => {
    const calibration = calibrateIntervals([uniformOrigin()], [0.8, 0.95])!
    const { lower, upper } = applyCalibration([0], [0], calibration)
    expect([lower[0][0], upper[0][0], lower[1][0], upper[1][0]]).toEqual([0, 0, 0, 0])
    const tiny = { ...uniformOrigin(), actual: new Float64Array(5).fill(1), forecast: new Float64Array(5).fill(1), dayAhead: new Int32Array(5) }
    expect(calibrateIntervals([tiny], [0.8])).toBeUndefined()
  })

  it('Poisson fallback: mean +- z sqrt(mean), never below zero (z from simple-statistics probit, ~1e-3 accurate)', () => {
    const { lower, upper } = poissonIntervals([100, 1], [0.95])
    expect(lower[0][0]).toBeCloseTo(100 - 1.96 * 10, 1)
    expect(upper[0][0]).toBeCloseTo(100 + 1.96 * 10, 1)
    expect(lower[0][1]).toBe(0)
  })
})
