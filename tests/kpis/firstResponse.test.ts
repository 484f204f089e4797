import { describe, expect, it } from 'vitest'
import { firstResponseTimes } from '../../src/kpis/firstResponse.ts'

describe('firstResponseTimes', () => {
  it('takes percentiles over answered contacts and the SLA share over all offered', () => {
    const waits = [{ value: 0, count: 5 }, { value: 30, count: 3 }, { value: 60, count: 1 }, { value: 200, count: 1 }]
    const r = firstResponseTimes(waits, { offered: 12, thresholdSeconds: 60 })
    expect(r).toMatchObject({ answered: 10, offered: 12, medianSeconds: 15, answeredWithinThreshold: 9, withinThresholdShare: 0.75, meanSeconds: 35 })
    expect(r.p90Seconds).toBeCloseTo(74, 10) // h = 8.1: 60 + 0.1 × 140
    expect(r.p95Seconds).toBeCloseTo(137, 10)
  })
  it('has no percentiles and no share when nothing was offered', () => {
    expect(firstResponseTimes([], { offered: 0, thresholdSeconds: 20 })).toMatchObject({ medianSeconds: null, withinThresholdShare: null })
    expect(firstResponseTimes([], { offered: 3, thresholdSeconds: 20 })).toMatchObject({ medianSeconds: null, withinThresholdShare: 0 })
  })
  it('rejects inconsistent input', () => {
    expect(() => firstResponseTimes([{ value: 1, count: 4 }], { offered: 3, thresholdSeconds: 20 })).toThrow('offered must be a whole number at least the 4 answered contacts, got 3')
    expect(() => firstResponseTimes([], { offered: 3, thresholdSeconds: -1 })).toThrow('thresholdSeconds must be a number of seconds >= 0, got -1')
  })
})
