import { describe, expect, it } from 'vitest'
import { holidaySpecialDays, weekendOf } from '../../../src/events/holidaySpecialDays.ts'
import { publicHolidays } from '../../../src/events/holidays.ts'
import { dayNumberOfIsoDate } from '../../../src/forecast/calendar/localPositions.ts'
import type { DayGrid } from '../../../src/forecast/calendar/dayGrid.ts'
import { intradayShares, volumeWeightedShares } from '../../../src/forecast/models/intradayShares.ts'
import { profileSplitError, type ProfileOf } from '../../../src/forecast/models/profileSplitError.ts'
import { sameWeekdayRows } from '../../../src/forecast/models/sameWeekdayRows.ts'
import { prepareSeries } from '../../../src/forecast/prepareSeries.ts'
import { readSeries } from '../bankData.ts'
import { ilBankHourly1999 } from './ilBankHourly.ts'

const meanOfShares = (weeks: number, smoothing: number): ProfileOf => (history, d) => intradayShares(sameWeekdayRows(history, d, weeks), history.slotsPerDay, smoothing)
const pooledByVolume = (weeks: number, smoothing: number): ProfileOf => (history, d) => volumeWeightedShares(sameWeekdayRows(history, d, weeks), history.slotsPerDay, smoothing)

function usBank5min(): DayGrid {
  const bank = readSeries('bank_calls_5min.csv')
  return prepareSeries({
    timestamps: bank.timestamps, volumes: bank.volumes, futureTimestamps: ['2003-10-27T12:00:00'], timeZone: 'America/New_York', intervalMinutes: 5,
    specialDays: holidaySpecialDays(publicHolidays('US', [2003]), 'America/New_York', weekendOf('US')),
  }).learningGrid
}

describe('intraday profile pooled by volume', () => {
  it('is the sum of the days\' volumes over the sum of their totals, not the mean of per-day shares', () => {
    // A quiet day (total 100: 10 / 90) and a busy day (total 300: 90 / 210).
    const rows = [Float64Array.from([10, 90]), Float64Array.from([90, 210])]
    expect(Array.from(volumeWeightedShares(rows, 2, 0))).toEqual([100 / 400, 300 / 400])
    expect(intradayShares(rows, 2, 0)[0]).toBeCloseTo((0.1 + 0.3) / 2, 12)
  })

  it('weighs a day by its row weight as if it were there that many times', () => {
    const rows = [Float64Array.from([10, 90]), Float64Array.from([90, 210])]
    const weighted = volumeWeightedShares(rows, 2, 0, [2, 1])
    const repeated = volumeWeightedShares([rows[0], rows[0], rows[1]], 2, 0)
    weighted.forEach((v, s) => expect(v).toBeCloseTo(repeated[s], 12))
    expect(weighted[0]).toBeCloseTo(110 / 500, 12)
  })

  it('skips missing intervals in both sums (a day with a gap does not pull the other intervals down)', () => {
    const rows = [Float64Array.from([10, Number.NaN, 30]), Float64Array.from([20, 40, 60])]
    const shares = volumeWeightedShares(rows, 3, 0)
    // Raw: slot 0 = 30 / (40 + 120), slot 1 = 40 / 120, slot 2 = 90 / 160, then normalised.
    const raw = [30 / 160, 40 / 120, 90 / 160]
    const total = raw.reduce((a, b) => a + b, 0)
    shares.forEach((v, s) => expect(v).toBeCloseTo(raw[s] / total, 12))
  })
})

describe('profileSplitError on the real bank series (actual day totals split by the profile, a week ahead from every week)', () => {
  it('1999 IL bank, hourly: pooling by volume cuts the profile\'s error by more than 2% (12 weeks)', () => {
    const grid = ilBankHourly1999().learningGrid
    const origins = { firstOrigin: dayNumberOfIsoDate('1999-03-07', 'origin'), stepDays: 7, horizonDays: 7 }
    const before = profileSplitError(grid, meanOfShares(12, 0), origins)
    const after = profileSplitError(grid, pooledByVolume(12, 0), origins)
    expect(after.days).toBe(before.days)
    expect(after.days).toBeGreaterThan(200)
    expect(after.mae).toBeLessThan(0.98 * before.mae)
    expect(after.mae).toBeGreaterThan(after.poissonFloor)
  })

  it('2003 US bank, 5 minutes: the estimator is not the gap to the Poisson floor (any profile stays > 12% above it)', () => {
    const grid = usBank5min()
    const origins = { firstOrigin: dayNumberOfIsoDate('2003-04-07', 'origin'), stepDays: 7, horizonDays: 7 }
    const before = profileSplitError(grid, meanOfShares(12, 3), origins)
    const after = profileSplitError(grid, pooledByVolume(12, 3), origins)
    expect(after.days).toBeGreaterThan(100)
    // Pooling by volume is neutral here (within 0.5%); the profile is 14% above the floor either way.
    expect(Math.abs(after.mae / before.mae - 1)).toBeLessThan(0.005)
    expect(after.mae).toBeGreaterThan(1.12 * after.poissonFloor)
    // Even the profile of every same weekday of the year (later weeks included, no estimation lag) stays above it.
    const everySameWeekday: ProfileOf = (history, d) => intradayShares(grid.values.filter((_, i) => (grid.dayNumbers[i] - d) % 7 === 0 && grid.dayNumbers[i] !== d), history.slotsPerDay, 3)
    const ceiling = profileSplitError(grid, everySameWeekday, origins)
    expect(ceiling.mae).toBeGreaterThan(1.12 * ceiling.poissonFloor)
    expect(ceiling.mae).toBeGreaterThan(0.98 * before.mae)
  })
})
