/** What a re-roster after a request did, and its one wording for the requests page and the audit log. */

/** Changes the request forced, those the rules required, and whether "fewest" is proven (gap 0). */
export interface RerosterSummary { forcedChanges: number; ruleChanges: number; provenFewest: boolean; gap: number }

/**
 * @example rerosterSummaryText({ forcedChanges: 1, ruleChanges: 0, provenFewest: true, gap: 0 })
 *   // "1 forced by the request, 0 required by the rules; fewest changes proven"
 */
export function rerosterSummaryText(r: RerosterSummary): string {
  const proof = r.provenFewest ? 'fewest changes proven' : `fewest changes not proven (within ${(r.gap * 100).toFixed(1)}% of the fewest)`
  return `${r.forcedChanges} forced by the request, ${r.ruleChanges} required by the rules; ${proof}`
}
