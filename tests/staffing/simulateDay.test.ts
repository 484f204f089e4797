import { describe, expect, it } from 'vitest'
import { simulateDay } from '../../src/staffing/simulateDay.ts'

/** A long constant-rate interval after a warm-up approximates the steady state the formulas describe. */
const steady = { intervalMinutes: 600, warmupSeconds: 3600, runs: 30, seed: 7 }

function expectWithinReportedError(estimate: { mean: number; standardError: number }, exact: number) {
  expect(estimate.standardError).toBeGreaterThan(0)
  expect(Math.abs(estimate.mean - exact), `mean ${estimate.mean} vs exact ${exact} (se ${estimate.standardError})`).toBeLessThanOrEqual(3 * estimate.standardError)
}

describe('simulateDay', () => {
  it('agrees with Erlang C within its reported error (ec-004: 14 agents, 10 erlangs, 80/20)', () => {
    const r = simulateDay({ ...steady, arrivalsPerInterval: [2000], agentsPerInterval: [14], ahtSeconds: 180, answerWithinSeconds: 20 })
    expectWithinReportedError(r.serviceLevel, 0.888350019179)
    expectWithinReportedError(r.asaSeconds, 7.83593701178)
    expectWithinReportedError(r.waitProbability, 0.174131933595)
    expect(r.abandonFraction.mean).toBe(0)
  })

  it('agrees with Erlang A within its reported error (ea-001: patience 300 s, 13 agents)', () => {
    const r = simulateDay({ ...steady, arrivalsPerInterval: [2000], agentsPerInterval: [13], ahtSeconds: 180, meanPatienceSeconds: 300, answerWithinSeconds: 20 })
    expectWithinReportedError(r.serviceLevel, 0.858177700031)
    expectWithinReportedError(r.abandonFraction, 0.0249633036336)
    expectWithinReportedError(r.asaSeconds, 7.48899109007)
  })

  it('agrees with the balanced chat chain within its reported error (cc-001: k = 2, α = 0.3, 15 agents)', () => {
    const r = simulateDay({ ...steady, runs: 40, arrivalsPerInterval: [2400], agentsPerInterval: [15], ahtSeconds: 300, maxConcurrency: 2, slowdownAlpha: 0.3, answerWithinSeconds: 60 })
    expectWithinReportedError(r.serviceLevel, 0.852579238186)
    expect(Math.abs(r.realizedAhtSeconds - 365.482682951)).toBeLessThan(5)
  })

  it('reports per-interval service, spread and first-response percentiles for a day with a peak', () => {
    const r = simulateDay({ intervalMinutes: 30, arrivalsPerInterval: [50, 100, 200, 100], agentsPerInterval: [8, 14, 14, 14], ahtSeconds: 180, meanPatienceSeconds: 120, answerWithinSeconds: 20, runs: 10, seed: 3 })
    expect(r.intervals).toHaveLength(4)
    expect(r.intervals[2].serviceLevel!).toBeLessThan(r.intervals[1].serviceLevel!) // the understaffed peak
    expect(r.firstResponseSeconds.p90).toBeGreaterThan(r.firstResponseSeconds.p50)
    expect(r.serviceLevel.standardDeviation).toBeGreaterThan(0)
    expect(r.offeredPerRun).toBeGreaterThan(400)
  })

  it('is reproducible: same seed, same result', () => {
    const settings = { intervalMinutes: 30, arrivalsPerInterval: [100], agentsPerInterval: [14], ahtSeconds: 180, answerWithinSeconds: 20, runs: 3, seed: 11 }
    expect(simulateDay(settings)).toEqual(simulateDay(settings))
  })

  it('rejects bad settings by name', () => {
    const base = { intervalMinutes: 30, arrivalsPerInterval: [100], agentsPerInterval: [14], ahtSeconds: 180, answerWithinSeconds: 20 }
    expect(() => simulateDay({ ...base, ahtSeconds: 0 })).toThrow('ahtSeconds must be greater than 0, got 0')
    expect(() => simulateDay({ ...base, maxConcurrency: 0 })).toThrow('maxConcurrency must be at least 1, got 0')
    expect(() => simulateDay({ ...base, agentsPerInterval: [1, 2] })).toThrow('agentsPerInterval must have one value per interval (1), got 2')
    expect(() => simulateDay({ ...base, answerWithinSeconds: -1 })).toThrow('answerWithinSeconds must not be negative, got -1')
  })
})
