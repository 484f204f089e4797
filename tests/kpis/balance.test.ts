import { describe, expect, it } from 'vitest'
import { weekOnWeekBalanceWarnings, type WeekMetrics } from '../../src/kpis/balance.ts'
import { metricSetOf } from '../../src/kpis/metricSet.ts'
import { emptyTotals } from '../../src/kpis/contactTotals.ts'

function week(weekStartKey: string, o: { aht: number; csat: number; resolved: number; median: number; abandoned: number }): WeekMetrics {
  const t = { ...emptyTotals(), offered: 1000, answered: 1000 - o.abandoned, abandoned: o.abandoned, handled: 900, handleSumSeconds: 900 * o.aht,
    resolutionKnown: 900, resolved: Math.round(900 * o.resolved), csatResponses: 200, csatSatisfied: Math.round(200 * o.csat), csatScoreSum: 800 }
  return { weekStartKey, metrics: metricSetOf(t), medianWaitSeconds: o.median }
}

describe('weekOnWeekBalanceWarnings', () => {
  it('flags AHT improving while CSAT and resolution worsen, and a median wait improving while abandonment rises', () => {
    const w1 = week('2024-03-04', { aht: 400, csat: 0.8, resolved: 0.85, median: 30, abandoned: 40 })
    const w2 = week('2024-03-11', { aht: 340, csat: 0.7, resolved: 0.8, median: 20, abandoned: 80 })
    const warnings = weekOnWeekBalanceWarnings([w1, w2], (k, v) => (k.endsWith('Seconds') ? `${v} s` : `${Math.round(v * 100)}%`))
    expect(warnings.map((w) => [w.improved, w.worsened])).toEqual([
      ['ahtMeanSeconds', 'csatSatisfiedShare'], ['ahtMeanSeconds', 'resolutionRate'], ['medianWaitSeconds', 'abandonmentRate'],
    ])
    expect(warnings[0].message).toBe('Week of 2024-03-11: AHT (mean) improved (400 s → 340 s) while CSAT worsened (80% → 70%).')
  })
  it('says nothing when both move together or the change is below the minimum', () => {
    const w1 = week('2024-03-04', { aht: 400, csat: 0.8, resolved: 0.85, median: 30, abandoned: 40 })
    const w2 = week('2024-03-11', { aht: 340, csat: 0.85, resolved: 0.86, median: 29.5, abandoned: 45 })
    expect(weekOnWeekBalanceWarnings([w1, w2])).toEqual([])
    expect(() => weekOnWeekBalanceWarnings([w2, w1])).toThrow('weeks must be in date order: 2024-03-11 then 2024-03-04')
  })
})
