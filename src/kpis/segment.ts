/**
 * Metrics by segment: contact totals grouped by a dimension (queue, issue type, customer segment) and summed per
 * value, each with its balanced metric set, so a leader sees where problems repeat. Missing values are grouped
 * under "(none)". Rows are sorted by segment name, never by a metric.
 */
import { sumTotals, type ContactTotals } from './contactTotals.ts'
import { metricSetOf, type MetricSet } from './metricSet.ts'

export const NO_VALUE = '(none)'

export interface SegmentRow { dimension: string; segment: string; totals: ContactTotals; metrics: MetricSet }

/**
 * @param groups fine-grained groups, each with its key values and totals
 * @param dimension label of the dimension (e.g. "issue type")
 * @param keyOf the group's value of the dimension (null/undefined/'' = missing)
 */
export function segmentRows<G extends { totals: ContactTotals }>(groups: readonly G[], dimension: string, keyOf: (group: G) => string | null | undefined): SegmentRow[] {
  if (typeof dimension !== 'string' || !dimension) throw new TypeError(`dimension must be a non-empty label, got ${JSON.stringify(dimension)}`)
  const bySegment = new Map<string, ContactTotals[]>()
  for (const g of groups) {
    const raw = keyOf(g)
    const key = raw === null || raw === undefined || raw === '' ? NO_VALUE : raw
    const list = bySegment.get(key)
    if (list) list.push(g.totals)
    else bySegment.set(key, [g.totals])
  }
  return [...bySegment.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([segment, list]) => { const totals = sumTotals(list); return { dimension, segment, totals, metrics: metricSetOf(totals) } })
}
