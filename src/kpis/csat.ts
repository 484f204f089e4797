/**
 * CSAT: the share of satisfied answers (4 or 5 on the 1–5 scale) among answered surveys, with the number of
 * answers and the mean score. Contacts without a survey answer are left out.
 */
export interface Csat { responses: number; satisfied: number; satisfiedShare: number | null; meanScore: number | null }

/**
 * @example csatOf({ csatResponses: 4, csatSatisfied: 3, csatScoreSum: 17 }) // { satisfiedShare: 0.75, meanScore: 4.25, … }
 * @throws RangeError on negative or inconsistent counts
 */
export function csatOf({ csatResponses, csatSatisfied, csatScoreSum }: { csatResponses: number; csatSatisfied: number; csatScoreSum: number }): Csat {
  if (!(Number.isInteger(csatResponses) && csatResponses >= 0)) throw new RangeError(`csatResponses must be a whole number >= 0, got ${csatResponses}`)
  if (!(Number.isInteger(csatSatisfied) && csatSatisfied >= 0 && csatSatisfied <= csatResponses)) throw new RangeError(`csatSatisfied must be a whole number from 0 to csatResponses (${csatResponses}), got ${csatSatisfied}`)
  if (!(csatScoreSum >= csatResponses && csatScoreSum <= 5 * csatResponses)) throw new RangeError(`csatScoreSum must be between 1 and 5 times csatResponses (${csatResponses}), got ${csatScoreSum}`)
  return {
    responses: csatResponses,
    satisfied: csatSatisfied,
    satisfiedShare: csatResponses ? csatSatisfied / csatResponses : null,
    meanScore: csatResponses ? csatScoreSum / csatResponses : null,
  }
}
