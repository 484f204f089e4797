import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initAugursMstl } from '../../../src/forecast/models/augursRuntime.ts'
import { forecastTotalsByCalendarLevel } from '../../../src/forecast/models/calendarLevelTotals.ts'
import { dailyTotalsOf } from '../../../src/forecast/models/dailyTotals.ts'
import { dailyProfileModel, topDownArimaModel } from '../../../src/forecast/models/index.ts'
import { intradayShares } from '../../../src/forecast/models/intradayShares.ts'
import { mstlEtsModel } from '../../../src/forecast/models/mstlEts.ts'
import { indexOf, readSeries } from '../bankData.ts'
import { contextOf } from './modelContext.ts'

const bank = readSeries('bank_calls_30min.csv')
// History up to Friday 2003-10-17; forecast the week of Monday 2003-10-20 (140 half-hours).
const context = contextOf(bank, indexOf(bank, '2003-10-20'), 5 * 28)
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0)
const actualWeek = sum(bank.volumes.slice(indexOf(bank, '2003-10-20'), indexOf(bank, '2003-10-20') + 140))

describe('top-down models on the real bank series (week of 2003-10-20)', () => {
  beforeAll(() => initAugursMstl(readFileSync(new URL('mstl_bg.wasm', import.meta.resolve('@bsull/augurs/mstl')))))

  it('daily totals: level x weekday factor x calendar effects (Monday highest, pinned)', () => {
    const totals = forecastTotalsByCalendarLevel(dailyTotalsOf(context.history), context.targetDays, context.calendar, { alpha: 0.1, calendarEffects: true, yearly: false })
    expect(Array.from(totals).map((t) => Math.round(t))).toEqual([35443, 31222, 29839, 29911, 31239])
  })

  it('dailyProfile splits each day total (with the month cycle) by the weekday profile (pinned; within 5% of the actual week)', () => {
    const means = dailyProfileModel(0.1, 12, 0).forecastMeans(context)
    // With the robust level (surprises clipped at 2 robust sd); plain smoothing gave 352.017 and 35263.2. The profile pooled
    // by volume (volumeWeightedShares) moved the first half-hour from 351.938 to 351.722; day totals are unchanged.
    expect(means[0]).toBeCloseTo(351.722, 2)
    expect(sum(means.slice(0, 28))).toBeCloseTo(35255.4, 0)
    expect(Math.abs(sum(means) / actualWeek - 1)).toBeLessThan(0.05)
  })

  it('topDownArima: SARIMA daily totals split by the same profile (pinned)', () => {
    const means = topDownArimaModel(12, 0).forecastMeans(context)
    expect(means[0]).toBeCloseTo(362.923, 2)
    expect(sum(means)).toBeCloseTo(161858, -1)
  })

  it('mstlEts: MSTL (daily + weekly periods) + ETS via augurs (pinned)', () => {
    const means = mstlEtsModel(8).forecastMeans(context)
    expect(means[0]).toBeCloseTo(380.679, 1)
    expect(sum(means)).toBeCloseTo(159339, -1)
    expect(Array.from(means).every((m) => m >= 0)).toBe(true)
  })

  it('intraday shares sum to one, keep closed intervals at zero when smoothed', () => {
    const row = Float64Array.from([0, 0, 10, 20, 30, 20, 10, 0])
    const shares = intradayShares([row], 8, 1)
    expect(sum(shares)).toBeCloseTo(1, 12)
    expect([shares[0], shares[1], shares[7]]).toEqual([0, 0, 0])
    // Triangular kernel (1,2,1) over open neighbours: slot 3 = (10 + 2*20 + 30) / 4 / 90 before renormalising.
    expect(shares[3] / shares[4]).toBeCloseTo(((10 + 40 + 30) / 4) / ((20 + 60 + 20) / 4), 12)
  })
})
