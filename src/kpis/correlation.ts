/**
 * CSAT against a duration (handle time or wait): the survey answers are put in bins of the duration (bin edges at
 * quantiles of the surveyed contacts' durations, so each bin holds about the same number of answers) and each bin's
 * CSAT (share of 4–5) and mean score are given, with Pearson's r between duration and score over all answers.
 * A manager reads whether shorter chats cost satisfaction.
 */
import { mergeValueCounts, quantileOfValueCounts, totalCount, type ValueCount } from './histogram.ts'

/** How many survey answers had this duration and this score. */
export interface ScoredDuration { durationSeconds: number; csatScore: number; count: number }

export interface CsatBin { fromSeconds: number; toSeconds: number | null; responses: number; satisfiedShare: number | null; meanScore: number | null }

export interface CsatByDuration { bins: CsatBin[]; responses: number; pearsonR: number | null }

function assertPoints(points: readonly ScoredDuration[]): void {
  if (!Array.isArray(points)) throw new TypeError('points must be an array of { durationSeconds, csatScore, count }')
  points.forEach((p, i) => {
    if (!Number.isFinite(p.durationSeconds) || p.durationSeconds < 0) throw new RangeError(`points[${i}].durationSeconds must be a number >= 0, got ${p.durationSeconds}`)
    if (!Number.isInteger(p.csatScore) || p.csatScore < 1 || p.csatScore > 5) throw new RangeError(`points[${i}].csatScore must be a whole number from 1 to 5, got ${p.csatScore}`)
    if (!Number.isInteger(p.count) || p.count < 0) throw new RangeError(`points[${i}].count must be a whole number >= 0, got ${p.count}`)
  })
}

/** Distinct lower edges at the 0, 1/k, …, (k−1)/k quantiles of the durations; the first is the minimum. */
export function quantileBinEdges(counts: readonly ValueCount[], binCount: number): number[] {
  if (!(Number.isInteger(binCount) && binCount >= 1)) throw new RangeError(`binCount must be a whole number >= 1, got ${binCount}`)
  if (totalCount(counts) === 0) return []
  const edges: number[] = []
  for (let i = 0; i < binCount; i++) {
    const q = quantileOfValueCounts(counts, i / binCount)!
    const edge = i === 0 ? q : Math.round(q)
    if (!edges.length || edge > edges[edges.length - 1]) edges.push(edge)
  }
  return edges
}

/** Weighted Pearson correlation of duration and score; null with fewer than 2 answers or no spread. */
export function pearsonOfScoredDurations(points: readonly ScoredDuration[]): number | null {
  assertPoints(points)
  let n = 0, sx = 0, sy = 0
  for (const p of points) { n += p.count; sx += p.durationSeconds * p.count; sy += p.csatScore * p.count }
  if (n < 2) return null
  const mx = sx / n, my = sy / n
  let sxx = 0, syy = 0, sxy = 0
  for (const p of points) {
    const dx = p.durationSeconds - mx, dy = p.csatScore - my
    sxx += dx * dx * p.count; syy += dy * dy * p.count; sxy += dx * dy * p.count
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null
}

/**
 * @example csatByDuration(points, { binCount: 5 }).bins[0] // { fromSeconds: 0, toSeconds: 120, responses: 812, satisfiedShare: 0.81, … }
 * @throws RangeError on bad points or binCount
 */
export function csatByDuration(points: readonly ScoredDuration[], { binCount = 8 }: { binCount?: number } = {}): CsatByDuration {
  assertPoints(points)
  const durations = mergeValueCounts(points.map((p) => ({ value: p.durationSeconds, count: p.count })))
  const edges = quantileBinEdges(durations, binCount)
  const bins = edges.map((fromSeconds, i) => ({ fromSeconds, toSeconds: i + 1 < edges.length ? edges[i + 1] : null, responses: 0, satisfied: 0, scoreSum: 0 }))
  for (const p of points) {
    if (!p.count) continue
    let b = bins.length - 1
    while (b > 0 && p.durationSeconds < bins[b].fromSeconds) b--
    bins[b].responses += p.count
    bins[b].scoreSum += p.csatScore * p.count
    if (p.csatScore >= 4) bins[b].satisfied += p.count
  }
  return {
    bins: bins.map((b) => ({ fromSeconds: b.fromSeconds, toSeconds: b.toSeconds, responses: b.responses, satisfiedShare: b.responses ? b.satisfied / b.responses : null, meanScore: b.responses ? b.scoreSum / b.responses : null })),
    responses: totalCount(durations),
    pearsonR: pearsonOfScoredDurations(points),
  }
}
