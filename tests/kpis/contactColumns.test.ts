import { describe, expect, it } from 'vitest'
import { aggregateContactColumns, longChatsInColumns, lowerBound, type ContactColumns } from '../../src/kpis/contactColumns.ts'

const H = 3_600_000
const base = Date.UTC(2024, 2, 4) // Monday 4 March 2024, 00:00 UTC

function columns(rows: { arrived: number; wait: number; handle: number | null; answered: boolean; issue: number; agent: number; csat?: number }[]): ContactColumns {
  const n = rows.length
  const f = (pick: (r: (typeof rows)[number]) => number) => Float64Array.from(rows.map(pick))
  return {
    queueId: 7, queueName: 'Chat', length: n, id: f((_, ) => 0).map((_, i) => i + 1), arrivedAtMs: f((r) => r.arrived),
    firstResponseAtMs: f((r) => (r.answered ? r.arrived + r.wait * 1000 : NaN)), endedAtMs: f((r) => r.arrived + (r.wait + (r.handle ?? 0)) * 1000),
    waitSeconds: f((r) => r.wait), handleSeconds: f((r) => r.handle ?? NaN), answered: Uint8Array.from(rows.map((r) => (r.answered ? 1 : 0))),
    resolved: Int8Array.from(rows.map(() => -1)), csatScore: Int8Array.from(rows.map((r) => r.csat ?? -1)), npsScore: Int8Array.from(rows.map(() => -1)), synthetic: new Uint8Array(n),
    issueCode: Int32Array.from(rows.map((r) => r.issue)), issueNames: ['cards', 'loans'], segmentCode: Int32Array.from(rows.map(() => -1)), segmentNames: [],
    agentCode: Int32Array.from(rows.map((r) => r.agent)), agentNames: ['ann', 'bob'],
  }
}

describe('aggregateContactColumns', () => {
  const c = columns([
    { arrived: base - 24 * H, wait: 5, handle: 100, answered: true, issue: 0, agent: 0 }, // the day before: previous period
    { arrived: base + 9 * H, wait: 10, handle: 600, answered: true, issue: 0, agent: 0, csat: 5 },
    { arrived: base + 9 * H + 60_000, wait: 30, handle: 300, answered: true, issue: 0, agent: 0, csat: 2 },
    { arrived: base + 20 * H, wait: 90, handle: null, answered: false, issue: 1, agent: -1 },
  ])
  const agg = aggregateContactColumns([c], {
    fromMs: base, toMs: base + 24 * H, previousFromMs: base - 24 * H, thresholdSeconds: 20,
    offsets: { untilMs: [], offsetMs: [0] }, openingHours: new Map([[7, [{ openMinute: 480, closeMinute: 1080 }, null, null, null, null, null, null]]]),
  })
  it('groups by week, business hours, outcome, wait and survey score', () => {
    expect(agg.waits.map((w) => [w.weekStartKey, w.businessHours, w.outcome, w.waitSeconds, w.csatScore, w.count]).sort()).toEqual([
      ['2024-03-04', false, 'abandoned', 90, null, 1], ['2024-03-04', true, 'answered', 10, 5, 1], ['2024-03-04', true, 'answered', 30, 2, 1],
    ])
    expect(agg.quarterHours.map((q) => [(q.startMs - base) / H, q.offered, q.abandoned, q.handleSumSeconds])).toEqual([[9, 2, 0, 900], [20, 1, 1, 0]])
    expect(agg.previous.totals).toMatchObject({ offered: 1, answered: 1, answeredWithinThreshold: 1, handleSumSeconds: 100 })
  })
  it('sums totals per group and measures the agent holding two chats at once', () => {
    const ann = agg.groups.find((g) => g.agent === 'ann')!
    expect(ann.totals).toMatchObject({ offered: 2, answered: 2, answeredWithinThreshold: 1, waitSumSeconds: 40, handleSumSeconds: 900, csatResponses: 2, csatSatisfied: 1, csatScoreSum: 7 })
    expect(agg.concurrency.agents).toEqual([{ agent: 'ann', chats: 2, handleSeconds: 900, busySeconds: 600, averageHeld: 1.5, peakHeld: 2 }])
  })
  it('lists long chats above their issue type threshold, longest first', () => {
    const long = longChatsInColumns([c], base, base + 24 * H, new Map([['cards', 400]]), '(none)', 10)
    expect(long.count).toBe(1)
    expect(long.rows[0]).toMatchObject({ id: 2, issueType: 'cards', handleSeconds: 600, thresholdSeconds: 400, agent: 'ann' })
    expect(lowerBound(c.arrivedAtMs, base)).toBe(1)
  })
})
