import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { aggregateDaysOfColumns, combineDayAggregates, mergeDayAggregates, sortNearlySorted, type DayAggregate } from '../../src/kpis/dayAggregates.ts'
import { chatConcurrency, type HeldSpan } from '../../src/kpis/concurrency.ts'
import type { ContactColumns } from '../../src/kpis/contactColumns.ts'

describe('sortNearlySorted', () => {
  it('sorts any list as the typed array sort does: sorted runs joined end to end, and random lists', () => {
    const runs = fc.array(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 60 }).map((r) => r.sort((a, b) => a - b)), { maxLength: 12 })
    fc.assert(fc.property(fc.oneof(runs.map((rs) => rs.flat()), fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { maxLength: 400 })), (values) => {
      const a = Float64Array.from(values)
      sortNearlySorted(a)
      expect([...a]).toEqual([...Float64Array.from(values).sort()])
    }), { numRuns: 300 })
  })
  it('keeps every value when it gives up on insertion sort part way (two long sorted runs)', () => {
    const a = Float64Array.from([...Array.from({ length: 500 }, (_, i) => 1000 + i), ...Array.from({ length: 500 }, (_, i) => i)])
    sortNearlySorted(a)
    expect([...a]).toEqual(Array.from({ length: 1000 }, (_, i) => (i < 500 ? i : 1000 + i - 500)))
  })
})

describe('combined day aggregates: chat concurrency from per-day sweeps', () => {
  const H = 3_600_000, DAY = 86_400_000
  const base = Date.UTC(2024, 2, 4) // Monday
  const names = ['ann', 'bob', 'cy']
  type Chat = { day: number; minute: number; wait: number; handle: number; agent: number }
  const chatArb = fc.record({
    day: fc.integer({ min: 0, max: 20 }), minute: fc.integer({ min: 0, max: 1439 }), wait: fc.integer({ min: 0, max: 600 }),
    // Mostly short chats, some held for hours (across midnight, over the next day's), a few for more than a day.
    handle: fc.oneof(fc.integer({ min: 0, max: 1800 }), fc.integer({ min: 0, max: 8 * 3600 }), fc.integer({ min: 0, max: 30 * 3600 })),
    agent: fc.integer({ min: 0, max: 2 }),
  })
  const columnsOf = (queueId: number, chats: Chat[]): ContactColumns => {
    const rows = chats.map((c) => ({ ...c, arrived: base + c.day * DAY + c.minute * 60_000 })).sort((a, b) => a.arrived - b.arrived)
    const n = rows.length
    const f = (pick: (r: (typeof rows)[number], i: number) => number) => Float64Array.from(rows.map(pick))
    return {
      queueId, queueName: `Q${queueId}`, length: n, id: f((_, i) => queueId * 1000 + i), arrivedAtMs: f((r) => r.arrived),
      firstResponseAtMs: f((r) => r.arrived + r.wait * 1000), endedAtMs: f((r) => r.arrived + (r.wait + r.handle) * 1000),
      waitSeconds: f((r) => r.wait), handleSeconds: f((r) => r.handle), answered: new Uint8Array(n).fill(1),
      resolved: new Int8Array(n).fill(-1), csatScore: new Int8Array(n).fill(-1), npsScore: new Int8Array(n).fill(-1), synthetic: new Uint8Array(n),
      issueCode: new Int32Array(n).fill(-1), issueNames: [], segmentCode: new Int32Array(n).fill(-1), segmentNames: [],
      // Queue 2 lists the agents in another order: the same person has another code there.
      agentCode: Int32Array.from(rows.map((r) => (queueId === 2 ? 2 - r.agent : r.agent))), agentNames: queueId === 2 ? [...names].reverse() : names,
    }
  }
  const options = { thresholdSeconds: 60, offsets: { untilMs: [], offsetMs: [0] }, hours: null }
  /** The days as the KPI cache gives them: whole weeks merged, the edge days apart. */
  const asWeeks = (days: DayAggregate[], fromDay: number, toDay: number) => {
    const out: DayAggregate[] = []
    for (let week = fromDay - ((fromDay + 3) % 7); week <= toDay; week += 7) {
      const inWeek = days.filter((d) => d.day >= Math.max(week, fromDay) && d.day <= Math.min(week + 6, toDay))
      if (!inWeek.length) continue
      if (week >= fromDay && week + 6 <= toDay) out.push(mergeDayAggregates(inWeek)); else out.push(...inWeek)
    }
    return out
  }
  it('equals one sweep over the raw spans of the range (overlaps across midnight and weeks, agents in two queues)', () => {
    fc.assert(fc.property(fc.array(chatArb, { maxLength: 120 }), fc.array(chatArb, { maxLength: 60 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (a, b, x, y) => {
      const [fromDay, toDay] = [Math.min(x, y), Math.max(x, y)]
      const fromMs = base + fromDay * DAY, toMs = base + (toDay + 1) * DAY
      const sets = [columnsOf(1, a), columnsOf(2, b)]
      const dayNumber = (ms: number) => Math.floor(ms / DAY)
      const combined = combineDayAggregates(sets.map((c) => ({ columns: c, days: asWeeks(aggregateDaysOfColumns(c, fromMs, toMs, options), dayNumber(fromMs), dayNumber(toMs) - 1) })))
      const raw: HeldSpan[] = []
      for (const c of sets) for (let i = 0; i < c.length; i++) {
        if (c.arrivedAtMs[i] >= fromMs && c.arrivedAtMs[i] < toMs) raw.push({ agent: c.agentNames[c.agentCode[i]], startMs: c.firstResponseAtMs[i], endMs: c.endedAtMs[i] })
      }
      expect(combined.concurrency).toEqual(chatConcurrency(raw))
    }), { numRuns: 300 })
  })
  it('counts a night chat overlapping the next week\'s first chat once in busy time (Sunday 23:00 to Monday 01:00; Monday 00:30 to 00:45)', () => {
    const c = columnsOf(1, [{ day: 6, minute: 23 * 60, wait: 0, handle: 2 * 3600, agent: 0 }, { day: 7, minute: 30, wait: 0, handle: 900, agent: 0 }])
    const days = aggregateDaysOfColumns(c, base, base + 14 * DAY, options)
    const first = Math.floor(base / DAY)
    const { concurrency } = combineDayAggregates([{ columns: c, days: asWeeks(days, first, first + 13) }])
    expect(concurrency.agents).toEqual([{ agent: 'ann', chats: 2, handleSeconds: 8100, busySeconds: 7200, averageHeld: 8100 / 7200, peakHeld: 2 }])
  })
})
