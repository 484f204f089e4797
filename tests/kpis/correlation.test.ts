import { describe, expect, it } from 'vitest'
import { csatByDuration, pearsonOfScoredDurations, quantileBinEdges } from '../../src/kpis/correlation.ts'
import { valueCountsOf } from '../../src/kpis/histogram.ts'

describe('CSAT against a duration', () => {
  it('bins answers at quantiles and gives each bin its CSAT and mean score', () => {
    const points = [
      { durationSeconds: 60, csatScore: 5, count: 3 }, { durationSeconds: 90, csatScore: 4, count: 1 },
      { durationSeconds: 300, csatScore: 2, count: 2 }, { durationSeconds: 600, csatScore: 1, count: 2 },
    ]
    const r = csatByDuration(points, { binCount: 2 })
    expect(r.bins).toEqual([
      { fromSeconds: 60, toSeconds: 195, responses: 4, satisfiedShare: 1, meanScore: 4.75 },
      { fromSeconds: 195, toSeconds: null, responses: 4, satisfiedShare: 0, meanScore: 1.5 },
    ])
    expect(r.responses).toBe(8)
    expect(r.pearsonR!).toBeLessThan(-0.8)
  })
  it('is exactly −1 or 1 on a straight line, null without spread', () => {
    expect(pearsonOfScoredDurations([{ durationSeconds: 10, csatScore: 1, count: 1 }, { durationSeconds: 20, csatScore: 2, count: 1 }, { durationSeconds: 30, csatScore: 3, count: 1 }])).toBeCloseTo(1, 12)
    expect(pearsonOfScoredDurations([{ durationSeconds: 10, csatScore: 4, count: 5 }])).toBeNull()
    expect(quantileBinEdges(valueCountsOf([5, 5, 5, 5]), 4)).toEqual([5])
    expect(() => csatByDuration([{ durationSeconds: 1, csatScore: 6, count: 1 }])).toThrow('points[0].csatScore must be a whole number from 1 to 5, got 6')
  })
})
