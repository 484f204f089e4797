import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sortNearlySorted } from '../../src/kpis/dayAggregates.ts'

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
