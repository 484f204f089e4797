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
  return Object.fromEntries(TOTAL_FIELDS.map((f) => [f, 0])) as unknown as ContactTotals
}

/** The totals of the union of disjoint groups (a new object; the inputs are not changed). */
export function sumTotals(groups: readonly ContactTotals[]): ContactTotals {
  const sum = emptyTotals()
  groups.forEach((g, i) => {
    for (const f of TOTAL_FIELDS) {
      const v = g[f]
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`groups[${i}].${f} must be a finite number >= 0, got ${v}`)
      sum[f] += v
    }
  })
  return sum
}
