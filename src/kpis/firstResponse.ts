/**
 * First response time: arrival (joining the queue) to the first agent reply; for call data, the queue wait.
 * Percentiles are over **answered** contacts (an abandoned contact never got a response); the SLA share is over
 * **all offered** contacts: answered with a wait of at most the threshold ÷ (answered + abandoned), so abandoning
 * customers count as not served in time. Quantiles use R-7 (see histogram.ts).
 */
import { countAtMost, meanOfValueCounts, quantileOfValueCounts, totalCount, type ValueCount } from './histogram.ts'

export interface FirstResponseTimes {
  answered: number
  offered: number
  thresholdSeconds: number
  /** null when no contact was answered. */
  medianSeconds: number | null
  p90Seconds: number | null
  p95Seconds: number | null
  meanSeconds: number | null
  answeredWithinThreshold: number
  /** answeredWithinThreshold ÷ offered (0–1); null when nothing was offered. */
  withinThresholdShare: number | null
}

/**
 * @param answeredWaitCounts waits (seconds) of answered contacts, as value counts
 * @param offered answered + abandoned contacts in the same set
 * @example firstResponseTimes([{ value: 10, count: 3 }, { value: 90, count: 1 }], { offered: 5, thresholdSeconds: 60 }).withinThresholdShare // 0.6
 * @throws RangeError if thresholdSeconds < 0 or offered is fewer than the answered contacts
 */
export function firstResponseTimes(answeredWaitCounts: readonly ValueCount[], { offered, thresholdSeconds }: { offered: number; thresholdSeconds: number }): FirstResponseTimes {
  if (!(Number.isFinite(thresholdSeconds) && thresholdSeconds >= 0)) throw new RangeError(`thresholdSeconds must be a number of seconds >= 0, got ${thresholdSeconds}`)
  const answered = totalCount(answeredWaitCounts)
  if (!(Number.isInteger(offered) && offered >= answered)) throw new RangeError(`offered must be a whole number at least the ${answered} answered contacts, got ${offered}`)
  const within = countAtMost(answeredWaitCounts, thresholdSeconds)
  return {
    answered,
    offered,
    thresholdSeconds,
    medianSeconds: quantileOfValueCounts(answeredWaitCounts, 0.5),
    p90Seconds: quantileOfValueCounts(answeredWaitCounts, 0.9),
    p95Seconds: quantileOfValueCounts(answeredWaitCounts, 0.95),
    meanSeconds: meanOfValueCounts(answeredWaitCounts),
    answeredWithinThreshold: within,
    withinThresholdShare: offered > 0 ? within / offered : null,
  }
}
