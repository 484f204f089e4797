import { describe, expect, it } from 'vitest'
import { holidaySpecialDays, HOLIDAY_PRIORS, weekendOf } from '../../src/events/holidaySpecialDays.ts'
import { publicHolidays } from '../../src/events/holidays.ts'
import { forecastVolumes } from '../../src/forecast/forecastVolumes.ts'
import { prepareSeries } from '../../src/forecast/prepareSeries.ts'
import { readSeries } from './bankData.ts'

// One year of the Israeli bank, summed to hours; history up to Yom Kippur's eve (19 September 1999).
const raw = readSeries('anon_bank_1999_6min.csv')
const hours = new Map<string, number>()
raw.timestamps.forEach((t, i) => { const h = t.slice(0, 13) + ':00:00'; hours.set(h, (hours.get(h) ?? 0) + raw.volumes[i]) })
const all = [...hours.entries()]
const split = all.findIndex(([t]) => t.startsWith('1999-09-19'))
const history = all.slice(0, split)
const future = all.slice(split, split + 14 * 24)
const specialDays = holidaySpecialDays(publicHolidays('IL', [1999]), 'Asia/Jerusalem', weekendOf('IL'))
const input = { timestamps: history.map(([t]) => t), volumes: history.map(([, v]) => v), futureTimestamps: future.map(([t]) => t), timeZone: 'Asia/Jerusalem', specialDays }
const dayTotal = (date: string) => all.filter(([t]) => t.startsWith(date)).reduce((a, [, v]) => a + v, 0)

describe('special days by kind (prepareSeries)', () => {
  it('learns each kind from the history\'s own past days, shrunk toward its prior, and keeps them out of learning', () => {
    const prepared = prepareSeries(input)
    // Past public holidays in this history (1 and 7 April, 21 April, 21 May, 11-12 September) are kept out of learning.
    for (const date of ['1999-04-01', '1999-04-21', '1999-05-21', '1999-09-12']) {
      const day = Date.parse(date + 'T00:00:00Z') / 86_400_000
      expect(prepared.excludedDays.has(day)).toBe(true)
      expect(prepared.learningGrid.dayNumbers).not.toContain(day)
    }
    // Yom Kippur (20 September): the learned holiday multiplier sits between the observed ratios and the prior 0.1.
    const kippur = prepared.targets.map((t, i) => ({ t, i })).filter(({ t }) => t.dayNumber === Date.parse('1999-09-20T00:00:00Z') / 86_400_000)
    expect(kippur).toHaveLength(24)
    const multipliers = kippur.map(({ i }) => prepared.targetMultipliers[i])
    // Past holidays ran at 1-15% of a normal day (e.g. 122 calls on 1 April, 14 on 21 May): low through the day,
    // with calls coming back in the evening when the holiday ends at nightfall (the learned shape, not a flat factor).
    expect(dayTotal('1999-04-01')).toBe(122)
    expect(Math.max(...multipliers.slice(8, 17))).toBeLessThan(0.35)
    expect(multipliers[21]).toBeGreaterThan(multipliers[10])
    expect(Math.min(...multipliers)).toBeGreaterThanOrEqual(0)
    expect(kippur.every(({ i }) => prepared.targetMultiplierSd[i] > 0)).toBe(true)
    // The rest of Yom Kippur's week (Tuesday 21 September) learns from the past holiday weeks: about a normal day.
    const tuesday = prepared.targets.findIndex((t) => t.dayNumber === Date.parse('1999-09-21T00:00:00Z') / 86_400_000 && t.slot === 10)
    expect(prepared.targetMultipliers[tuesday]).toBeGreaterThan(0.8)
    expect(prepared.targetMultipliers[tuesday]).toBeLessThan(1.25)
    expect(HOLIDAY_PRIORS.holiday).toBeLessThan(0.2)
  })

  it('forecasts the autumn holidays low with wider intervals, and the days around them as normal days', () => {
    const result = forecastVolumes(input, { model: 'dailyProfile:alpha=0.1,weeks=12' })
    const total = (date: string) => future.reduce((a, [t], i) => (t.startsWith(date) ? a + result.mean[i] : a), 0)
    // Yom Kippur: 161 calls; forecast within a few hundred, where a normal Monday (13 September) had 1,845.
    expect(dayTotal('1999-09-20')).toBe(161)
    expect(total('1999-09-20')).toBeLessThan(400)
    expect(Math.abs(total('1999-09-21') - dayTotal('1999-09-21')) / dayTotal('1999-09-21')).toBeLessThan(0.15)
    // The Sukkot period (26-30 September, about 1,000-1,100 calls a day) learns from Pesach's, which was busier
    // (1,600 and 1,314 calls on 4 and 5 April): forecast below a normal Monday, not as low as it turned out.
    expect(total('1999-09-27')).toBeLessThan(0.97 * total('1999-09-21'))
    // Relative width of the 80% interval is larger on the holiday than on a normal day at the same hour (10:00).
    const at = (ts: string) => future.findIndex(([t]) => t === ts)
    const width = (i: number) => (result.upper[0][i] - result.lower[0][i]) / result.mean[i]
    expect(width(at('1999-09-20T10:00:00'))).toBeGreaterThan(width(at('1999-09-21T10:00:00')))
  })
})
