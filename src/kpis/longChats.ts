/**
 * Unusually long chats, per issue type, by a robust rule: the modified z-score of Iglewicz & Hoaglin (1993),
 * M = 0.6745·(x − median) ÷ MAD, flags a chat as long when M > 3.5, i.e. when its handle time exceeds
 * median + (3.5 ÷ 0.6745)·MAD, where MAD is the median absolute deviation from the median. Where MAD is 0 (more
 * than half the chats share one handle time), the mean absolute deviation scaled by 1.253314 takes its place
 * (the fallback IBM SPSS uses). Median and MAD are R-7 quantiles of the exact value counts. Types with fewer than
 * `minChats` handled chats get no threshold (too few to say what is unusual).
 */
import { mergeValueCounts, quantileOfValueCounts, totalCount, type ValueCount } from './histogram.ts'

export interface LongChatRule {
  issueType: string
  handled: number
  medianSeconds: number | null
  madSeconds: number | null
  /** Chats with a longer handle time are flagged; null when there are too few chats or no spread. */
  thresholdSeconds: number | null
  /** Why there is no threshold, when there is none. */
  note: string | null
}

export interface LongChatOptions {
  /** @default 3.5 */
  modifiedZLimit?: number
  /** @default 20 */
  minChats?: number
}

/** Median absolute deviation from `median` of the values described by `counts`. */
export function medianAbsoluteDeviation(counts: readonly ValueCount[], median: number): number | null {
  return quantileOfValueCounts(mergeValueCounts(counts.map((c) => ({ value: Math.abs(c.value - median), count: c.count }))), 0.5)
}

/**
 * @param handleCountsByIssue handle-time value counts of answered chats, per issue type (label "(none)" for missing)
 * @example longChatRules(new Map([['cards', counts]]))[0].thresholdSeconds
 * @throws RangeError if modifiedZLimit <= 0 or minChats < 1
 */
export function longChatRules(handleCountsByIssue: ReadonlyMap<string, readonly ValueCount[]>, options: LongChatOptions = {}): LongChatRule[] {
  const { modifiedZLimit = 3.5, minChats = 20 } = options
  if (!(modifiedZLimit > 0)) throw new RangeError(`modifiedZLimit must be > 0, got ${modifiedZLimit}`)
  if (!(Number.isInteger(minChats) && minChats >= 1)) throw new RangeError(`minChats must be a whole number >= 1, got ${minChats}`)
  return [...handleCountsByIssue.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([issueType, counts]) => {
    const handled = totalCount(counts)
    const median = quantileOfValueCounts(counts, 0.5)
    if (median === null || handled < minChats) {
      return { issueType, handled, medianSeconds: median, madSeconds: null, thresholdSeconds: null, note: `fewer than ${minChats} handled chats` }
    }
    const mad = medianAbsoluteDeviation(counts, median)!
    if (mad > 0) return { issueType, handled, medianSeconds: median, madSeconds: mad, thresholdSeconds: median + (modifiedZLimit / 0.6745) * mad, note: null }
    const meanAbsDev = counts.reduce((s, c) => s + Math.abs(c.value - median) * c.count, 0) / handled
    if (meanAbsDev === 0) return { issueType, handled, medianSeconds: median, madSeconds: 0, thresholdSeconds: null, note: 'every chat has the same handle time' }
    return { issueType, handled, medianSeconds: median, madSeconds: 0, thresholdSeconds: median + modifiedZLimit * 1.253314 * meanAbsDev, note: 'MAD is 0: mean absolute deviation used' }
  })
}
