import { describe, expect, it } from 'vitest'
import { abandonmentRate } from '../../src/kpis/abandonment.ts'
import { resolutionRate } from '../../src/kpis/resolutionRate.ts'
import { csatOf } from '../../src/kpis/csat.ts'
import { netPromoterScore } from '../../src/kpis/nps.ts'
import { handleTimes, meanHandleSeconds } from '../../src/kpis/aht.ts'

describe('rates and scores', () => {
  it('abandonment: abandoned ÷ offered (October 1999, queue PS: 735 of 22,158)', () => {
    expect(abandonmentRate({ offered: 22158, abandoned: 735 }).share).toBeCloseTo(0.033171, 6)
    expect(abandonmentRate({ offered: 0, abandoned: 0 }).share).toBeNull()
    expect(() => abandonmentRate({ offered: 2, abandoned: 3 })).toThrow('abandonmentRate: base must be a number >= count (3), got 2')
  })
  it('resolution: resolved ÷ contacts where it is recorded', () => {
    expect(resolutionRate({ resolved: 172, resolutionKnown: 200 }).share).toBe(0.86)
    expect(resolutionRate({ resolved: 0, resolutionKnown: 0 }).share).toBeNull()
  })
  it('CSAT: share of 4–5 answers, with the count and mean', () => {
    expect(csatOf({ csatResponses: 4, csatSatisfied: 3, csatScoreSum: 17 })).toEqual({ responses: 4, satisfied: 3, satisfiedShare: 0.75, meanScore: 4.25 })
    expect(csatOf({ csatResponses: 0, csatSatisfied: 0, csatScoreSum: 0 }).satisfiedShare).toBeNull()
    expect(() => csatOf({ csatResponses: 2, csatSatisfied: 1, csatScoreSum: 11 })).toThrow('csatScoreSum must be between 1 and 5 times csatResponses (2), got 11')
  })
  it('NPS: % promoters − % detractors, in points', () => {
    const nps = netPromoterScore({ npsResponses: 10, npsPromoters: 5, npsDetractors: 2 })
    expect(nps).toEqual({ responses: 10, promoterShare: 0.5, passiveShare: 0.3, detractorShare: 0.2, npsPoints: 30 })
    expect(netPromoterScore({ npsResponses: 0, npsPromoters: 0, npsDetractors: 0 }).npsPoints).toBeNull()
    expect(() => netPromoterScore({ npsResponses: 3, npsPromoters: 2, npsDetractors: 2 })).toThrow('npsPromoters + npsDetractors (4) exceed npsResponses (3)')
  })
  it('AHT: mean and R-7 median of handle times', () => {
    expect(handleTimes([{ value: 100, count: 1 }, { value: 300, count: 2 }])).toEqual({ handled: 3, meanSeconds: 700 / 3, medianSeconds: 300 })
    expect(meanHandleSeconds({ handled: 0, handleSumSeconds: 0 })).toBeNull()
    expect(() => meanHandleSeconds({ handled: 1.5, handleSumSeconds: 3 })).toThrow('handled must be a whole number >= 0, got 1.5')
  })
})
