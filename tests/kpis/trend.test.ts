import { describe, expect, it } from 'vitest'
import { previousPeriodOf, trendRows } from '../../src/kpis/trend.ts'
import { metricSetOf } from '../../src/kpis/metricSet.ts'
import { emptyTotals } from '../../src/kpis/contactTotals.ts'

describe('trend against the same period before', () => {
  it('takes the same number of days just before the range', () => {
    expect(previousPeriodOf('1999-10-01', '1999-10-31')).toEqual({ fromDateKey: '1999-08-31', toDateKey: '1999-09-30' })
    expect(previousPeriodOf('2024-03-01', '2024-03-01')).toEqual({ fromDateKey: '2024-02-29', toDateKey: '2024-02-29' })
    expect(() => previousPeriodOf('2024-03-02', '2024-03-01')).toThrow('toDateKey (2024-03-01) is before fromDateKey (2024-03-02)')
    expect(() => previousPeriodOf('2024-3-1', '2024-03-01')).toThrow('fromDateKey must be a date YYYY-MM-DD, got "2024-3-1"')
  })
  it('marks each change better or worse, and leaves volume without a direction', () => {
    const now = metricSetOf({ ...emptyTotals(), offered: 100, answered: 90, abandoned: 10, handled: 90, handleSumSeconds: 9000 })
    const before = metricSetOf({ ...emptyTotals(), offered: 80, answered: 76, abandoned: 4, handled: 76, handleSumSeconds: 9120 })
    const rows = trendRows({ metrics: now, medianWaitSeconds: 20 }, { metrics: before, medianWaitSeconds: 20 })
    expect(rows.find((r) => r.metric === 'offered')).toMatchObject({ change: 20, better: null })
    expect(rows.find((r) => r.metric === 'abandonmentRate')).toMatchObject({ better: false })
    expect(rows.find((r) => r.metric === 'ahtMeanSeconds')).toMatchObject({ current: 100, previous: 120, change: -20, better: true })
    expect(rows.find((r) => r.metric === 'csatSatisfiedShare')).toMatchObject({ current: null, change: null, better: null })
  })
})
