/**
 * Net Promoter Score (Reichheld 2003): % promoters (9–10) − % detractors (0–6) among answers on the 0–10 scale,
 * in points from −100 to 100, with the three shares and the number of answers.
 */
export interface Nps {
  responses: number
  promoterShare: number | null
  passiveShare: number | null
  detractorShare: number | null
  /** −100 … 100; null without answers. */
  npsPoints: number | null
}

/**
 * @example netPromoterScore({ npsResponses: 10, npsPromoters: 5, npsDetractors: 2 }).npsPoints // 30
 * @throws RangeError on negative or inconsistent counts
 */
export function netPromoterScore({ npsResponses, npsPromoters, npsDetractors }: { npsResponses: number; npsPromoters: number; npsDetractors: number }): Nps {
  if (!(Number.isInteger(npsResponses) && npsResponses >= 0)) throw new RangeError(`npsResponses must be a whole number >= 0, got ${npsResponses}`)
  if (!(Number.isInteger(npsPromoters) && npsPromoters >= 0)) throw new RangeError(`npsPromoters must be a whole number >= 0, got ${npsPromoters}`)
  if (!(Number.isInteger(npsDetractors) && npsDetractors >= 0)) throw new RangeError(`npsDetractors must be a whole number >= 0, got ${npsDetractors}`)
  if (npsPromoters + npsDetractors > npsResponses) throw new RangeError(`npsPromoters + npsDetractors (${npsPromoters + npsDetractors}) exceed npsResponses (${npsResponses})`)
  if (npsResponses === 0) return { responses: 0, promoterShare: null, passiveShare: null, detractorShare: null, npsPoints: null }
  const promoterShare = npsPromoters / npsResponses
  const detractorShare = npsDetractors / npsResponses
  return {
    responses: npsResponses,
    promoterShare,
    passiveShare: (npsResponses - npsPromoters - npsDetractors) / npsResponses,
    detractorShare,
    npsPoints: ((npsPromoters - npsDetractors) * 100) / npsResponses,
  }
}
