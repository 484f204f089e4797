/**
 * Value counts ("histograms" with one bin per distinct value): the exact distribution of a measure, as SQL
 * `GROUP BY value` returns it. Quantiles taken from value counts equal those of the full list of values.
 *
 * Percentile method used throughout the KPI module: **R-7** (Hyndman & Fan 1996, type 7; the default of R's
 * `quantile`, numpy's `percentile` and Excel's PERCENTILE.INC): with n values sorted x₀ ≤ … ≤ xₙ₋₁,
 * h = (n − 1)·p and Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
 */

/** One distinct value and how many times it occurs. */
export interface ValueCount { value: number; count: number }

function assertValueCounts(name: string, counts: readonly ValueCount[]): void {
  if (!Array.isArray(counts)) throw new TypeError(`${name} must be an array of { value, count }`)
  counts.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || !Number.isFinite(c.value)) throw new TypeError(`${name}[${i}].value must be a finite number, got ${JSON.stringify(c?.value)}`)
    if (!Number.isInteger(c.count) || c.count < 0) throw new RangeError(`${name}[${i}].count must be a whole number >= 0, got ${c.count}`)
  })
}

/**
 * Merges value counts (any order, repeated values allowed) into one list sorted by value, without zero counts.
 * @example mergeValueCounts([{ value: 3, count: 1 }, { value: 1, count: 2 }, { value: 3, count: 4 }]) // [{1,2},{3,5}]
 */
export function mergeValueCounts(...lists: readonly (readonly ValueCount[])[]): ValueCount[] {
  const byValue = new Map<number, number>()
  lists.forEach((list, i) => {
    assertValueCounts(`lists[${i}]`, list)
    for (const c of list) if (c.count > 0) byValue.set(c.value, (byValue.get(c.value) ?? 0) + c.count)
  })
  return [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count }))
}

/** Value counts of a plain list of numbers. */
export function valueCountsOf(values: readonly number[]): ValueCount[] {
  if (!Array.isArray(values)) throw new TypeError('values must be an array of numbers')
  values.forEach((v, i) => { if (!Number.isFinite(v)) throw new TypeError(`values[${i}] must be a finite number, got ${v}`) })
  return mergeValueCounts(values.map((value) => ({ value, count: 1 })))
}

export function totalCount(counts: readonly ValueCount[]): number {
  return counts.reduce((s, c) => s + c.count, 0)
}

/** The value at 0-based rank `rank` of the sorted list the counts describe (counts sorted by value). */
function valueAtRank(sorted: readonly ValueCount[], rank: number): number {
  let seen = 0
  for (const c of sorted) {
    seen += c.count
    if (rank < seen) return c.value
  }
  return sorted[sorted.length - 1].value
}

/**
 * The p-quantile of the values described by `counts`; null when there are none.
 * @example quantileOfValueCounts([{ value: 1, count: 1 }, { value: 2, count: 1 }, { value: 3, count: 1 }, { value: 4, count: 1 }], 0.9) // 3.7
 * @throws RangeError if p is outside [0, 1]
 */
export function quantileOfValueCounts(counts: readonly ValueCount[], p: number): number | null {
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`p must be a fraction from 0 to 1, got ${p}`)
  const sorted = mergeValueCounts(counts)
  const n = totalCount(sorted)
  if (n === 0) return null
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const below = valueAtRank(sorted, lo)
  if (h === lo) return below
  const above = valueAtRank(sorted, lo + 1)
  return below + (h - lo) * (above - below)
}

/** Mean of the values described by `counts`; null when there are none. */
export function meanOfValueCounts(counts: readonly ValueCount[]): number | null {
  assertValueCounts('counts', counts)
  const n = totalCount(counts)
  return n === 0 ? null : counts.reduce((s, c) => s + c.value * c.count, 0) / n
}

/** How many values are at most `limit`. */
export function countAtMost(counts: readonly ValueCount[], limit: number): number {
  assertValueCounts('counts', counts)
  return counts.reduce((s, c) => s + (c.value <= limit ? c.count : 0), 0)
}

/**
 * Counts per bin [edges[i], edges[i+1]) (the last bin open-ended), for distribution charts.
 * @example binValueCounts([{ value: 5, count: 2 }, { value: 15, count: 1 }], [0, 10]) // [2, 1]
 * @throws RangeError if edges are not strictly increasing
 */
export function binValueCounts(counts: readonly ValueCount[], edges: readonly number[]): number[] {
  assertValueCounts('counts', counts)
  edges.forEach((e, i) => { if (!Number.isFinite(e) || (i > 0 && e <= edges[i - 1])) throw new RangeError(`edges must be strictly increasing finite numbers, got ${edges.join(', ')}`) })
  const bins = new Array<number>(edges.length).fill(0)
  for (const c of counts) {
    let b = edges.length - 1
    while (b > 0 && c.value < edges[b]) b--
    if (c.value >= edges[0]) bins[b] += c.count
  }
  return bins
}
