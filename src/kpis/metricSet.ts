/**
 * The balanced set of metrics of one group of contacts (a week, a segment, an agent), all from its totals:
 * volume, abandonment, SLA share, mean wait, AHT, resolution, CSAT and NPS. Undefined values are null.
 */
import type { ContactTotals } from './contactTotals.ts'
import { abandonmentRate } from './abandonment.ts'
import { resolutionRate } from './resolutionRate.ts'
import { csatOf } from './csat.ts'
import { netPromoterScore } from './nps.ts'
import { meanHandleSeconds } from './aht.ts'

export interface MetricSet {
  offered: number
  answered: number
  abandonmentRate: number | null
  /** Answered within the SLA threshold ÷ offered. */
  withinThresholdShare: number | null
  /** Mean wait of answered contacts. */
  meanWaitSeconds: number | null
  handled: number
  ahtMeanSeconds: number | null
  resolutionRate: number | null
  resolutionKnown: number
  csatSatisfiedShare: number | null
  csatResponses: number
  npsPoints: number | null
  npsResponses: number
}

export function metricSetOf(t: ContactTotals): MetricSet {
  const csat = csatOf(t)
  const nps = netPromoterScore(t)
  return {
    offered: t.offered,
    answered: t.answered,
    abandonmentRate: abandonmentRate(t).share,
    withinThresholdShare: t.offered > 0 ? t.answeredWithinThreshold / t.offered : null,
    meanWaitSeconds: t.answered > 0 ? t.waitSumSeconds / t.answered : null,
    handled: t.handled,
    ahtMeanSeconds: meanHandleSeconds(t),
    resolutionRate: resolutionRate(t).share,
    resolutionKnown: t.resolutionKnown,
    csatSatisfiedShare: csat.satisfiedShare,
    csatResponses: csat.responses,
    npsPoints: nps.npsPoints,
    npsResponses: nps.responses,
  }
}
