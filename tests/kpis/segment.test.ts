import { describe, expect, it } from 'vitest'
import { segmentRows } from '../../src/kpis/segment.ts'
import { agentView } from '../../src/kpis/agentView.ts'
import { emptyTotals } from '../../src/kpis/contactTotals.ts'

const t = (offered: number, abandoned: number, handleSumSeconds: number, csat: [number, number] = [0, 0]) =>
  ({ ...emptyTotals(), offered, abandoned, answered: offered - abandoned, handled: offered - abandoned, handleSumSeconds, csatResponses: csat[0], csatSatisfied: csat[1], csatScoreSum: csat[0] * 4 })

describe('segments and agents', () => {
  it('sums groups per segment, names missing values (none), sorts by name', () => {
    const groups = [
      { issue: 'payments', totals: t(10, 2, 800) }, { issue: null, totals: t(5, 0, 500) }, { issue: 'payments', totals: t(10, 0, 1000) }, { issue: 'cards', totals: t(4, 1, 300) },
    ]
    const rows = segmentRows(groups, 'issue type', (g) => g.issue)
    expect(rows.map((r) => [r.segment, r.metrics.offered, r.metrics.abandonmentRate, r.metrics.ahtMeanSeconds])).toEqual([
      ['(none)', 5, 0, 100], ['cards', 4, 0.25, 100], ['payments', 20, 0.1, 100],
    ])
  })
  it('shows each agent by name with the team median, not a ranking', () => {
    const view = agentView([
      { agent: 'Zoe', totals: t(10, 0, 3000, [4, 3]) }, { agent: 'Adam', totals: t(20, 0, 4000, [2, 2]) }, { agent: 'Mia', totals: t(30, 0, 3000) }, { agent: null, totals: t(5, 5, 0) },
    ], [{ agent: 'Adam', chats: 20, handleSeconds: 4000, busySeconds: 2000, averageHeld: 2, peakHeld: 3 }])
    expect(view.agents.map((a) => a.agent)).toEqual(['Adam', 'Mia', 'Zoe'])
    expect(view.agents[0]).toMatchObject({ handled: 20, ahtMeanSeconds: 200, csatSatisfiedShare: 1, averageHeld: 2, peakHeld: 3 })
    expect(view.teamMedian).toEqual({ handled: 20, ahtMeanSeconds: 200, resolutionRate: null, csatSatisfiedShare: 0.875, averageHeld: 2, peakHeld: 3 })
  })
})

describe('sumTotals', () => {
  it('adds groups field by field and names a bad field', async () => {
    const { sumTotals, emptyTotals } = await import('../../src/kpis/contactTotals.ts')
    expect(sumTotals([{ ...emptyTotals(), offered: 3, waitSumSeconds: 1.5 }, { ...emptyTotals(), offered: 2, waitSumSeconds: 2 }])).toMatchObject({ offered: 5, waitSumSeconds: 3.5 })
    expect(() => sumTotals([{ ...emptyTotals(), offered: 3 }, { ...emptyTotals(), csatSatisfied: -1 }])).toThrow('groups[1].csatSatisfied must be a finite number >= 0, got -1')
    expect(() => sumTotals([{ ...emptyTotals(), handled: NaN }])).toThrow('groups[0].handled must be a finite number >= 0, got NaN')
  })
})
