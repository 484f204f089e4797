import { describe, expect, it } from 'vitest'
import { backtestModel, backtestOriginIndices, scoreBacktest } from '../../src/forecast/backtest.ts'
import { seasonalNaiveModel } from '../../src/forecast/models/seasonalNaive.ts'
import { prepareSeries } from '../../src/forecast/prepareSeries.ts'

/**
 * Hand-computed case: one 24-hour interval a day, 21 days from Monday 2024-01-01.
 * Week 1: 10+weekday, week 2: +1, week 3: +3. Origin at day 14, horizon 7, seasonal naive.
 * Forecast = week 2 values, actual = week 3 values, error 2 everywhere: MAE 2.
 * Scale = in-sample |week2 - week1| = 1, so MASE = 2. WAPE = 14 / sum(week 3) = 14 / (7*13 + 21) = 14/112.
 */
describe('rolling-origin backtest on a case computed by hand', () => {
  const timestamps = Array.from({ length: 21 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00`)
  const volumes = Array.from({ length: 21 }, (_, i) => 10 + (i % 7) + (i >= 7 ? 1 : 0) + (i >= 14 ? 2 : 0))
  const prepared = prepareSeries({ timestamps, volumes, futureTimestamps: ['2024-01-22T00:00:00'], timeZone: 'UTC', intervalMinutes: 1440 })

  it('places origins at the starts of the last blocks, keeping a minimum training length', () => {
    expect(backtestOriginIndices(prepared.grid, 7, 4, 7)).toEqual([7, 14])
    expect(backtestOriginIndices(prepared.grid, 7, 1, 7)).toEqual([14])
  })

  it('scores MASE 2, WAPE 14/112 and RMSE 2', () => {
    const result = backtestModel(prepared, seasonalNaiveModel(), [14], 7)
    expect(Array.from(result.origins[0].forecast)).toEqual(volumes.slice(7, 14))
    expect(Array.from(result.origins[0].actual)).toEqual(volumes.slice(14, 21))
    expect(result.origins[0].scale).toBe(1)
    const score = scoreBacktest(result)
    expect(score.mase).toBeCloseTo(2, 12)
    expect(score.wape).toBeCloseTo(14 / 112, 12)
    expect(score.rmse).toBeCloseTo(2, 12)
    expect(score.origins).toBe(1)
  })
})
