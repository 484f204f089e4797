/**
 * Counts and sums over a set of contacts, from which every rate and mean of the KPI page is derived. The database
 * layer returns them per group (COUNT/SUM in SQL); adding totals of groups gives the totals of their union.
 */
export interface ContactTotals {
  /** Contacts that joined the queue (answered + abandoned). */
  offered: number
  answered: number
  abandoned: number
  /** Answered contacts whose wait was at most the SLA threshold. */
  answeredWithinThreshold: number
  /** Sum of the waits of answered contacts. */
  waitSumSeconds: number
  /** Answered contacts with a known handle time. */
  handled: number
  handleSumSeconds: number
  /** Contacts resolved on first contact, among those where resolution is recorded. */
  resolved: number
  resolutionKnown: number
  /** Survey answers on the 1–5 scale; satisfied = 4 or 5. */
  csatResponses: number
  csatSatisfied: number
  csatScoreSum: number
  /** Answers to "how likely are you to recommend us" (0–10); promoters 9–10, detractors 0–6. */
  npsResponses: number
  npsPromoters: number
  npsDetractors: number
  /** Contacts whose survey or classification fields were made up (demo data). */
  synthetic: number
}

export const TOTAL_FIELDS: readonly (keyof ContactTotals)[] = [
  'offered', 'answered', 'abandoned', 'answeredWithinThreshold', 'waitSumSeconds', 'handled', 'handleSumSeconds', 'resolved',
  'resolutionKnown', 'csatResponses', 'csatSatisfied', 'csatScoreSum', 'npsResponses', 'npsPromoters', 'npsDetractors', 'synthetic',
]

export function emptyTotals(): ContactTotals {
  return {
    offered: 0, answered: 0, abandoned: 0, answeredWithinThreshold: 0, waitSumSeconds: 0, handled: 0, handleSumSeconds: 0, resolved: 0,
    resolutionKnown: 0, csatResponses: 0, csatSatisfied: 0, csatScoreSum: 0, npsResponses: 0, npsPromoters: 0, npsDetractors: 0, synthetic: 0,
  }
}

function assertTotals(t: ContactTotals, i: number): void {
  for (const f of TOTAL_FIELDS) {
    const v = t[f]
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`groups[${i}].${f} must be a finite number >= 0, got ${v}`)
  }
}

/** The totals of the union of disjoint groups (a new object; the inputs are not changed). */
export function sumTotals(groups: readonly ContactTotals[]): ContactTotals {
  const s = emptyTotals()
  let smallest = 0
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]
    smallest = Math.min(smallest, g.offered, g.answered, g.abandoned, g.answeredWithinThreshold, g.waitSumSeconds, g.handled, g.handleSumSeconds, g.resolved,
      g.resolutionKnown, g.csatResponses, g.csatSatisfied, g.csatScoreSum, g.npsResponses, g.npsPromoters, g.npsDetractors, g.synthetic)
    // Written out field by field: this runs for every group of every table, and stays monomorphic.
    s.offered += g.offered; s.answered += g.answered; s.abandoned += g.abandoned; s.answeredWithinThreshold += g.answeredWithinThreshold
    s.waitSumSeconds += g.waitSumSeconds; s.handled += g.handled; s.handleSumSeconds += g.handleSumSeconds; s.resolved += g.resolved
    s.resolutionKnown += g.resolutionKnown; s.csatResponses += g.csatResponses; s.csatSatisfied += g.csatSatisfied; s.csatScoreSum += g.csatScoreSum
    s.npsResponses += g.npsResponses; s.npsPromoters += g.npsPromoters; s.npsDetractors += g.npsDetractors; s.synthetic += g.synthetic
  }
  // A negative input shows in `smallest`, a non-finite one in the sum: only then find and name it.
  if (!(smallest >= 0) || !TOTAL_FIELDS.every((f) => Number.isFinite(s[f]))) groups.forEach(assertTotals)
  return s
}
