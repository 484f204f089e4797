import { describe, expect, it } from 'vitest'
import { agentsForErlangA, erlangAMeasures } from '../../src/staffing/erlangA.ts'
import type { ErlangAMeasures } from '../../src/staffing/erlangA.ts'
import { erlangCMeasures } from '../../src/staffing/erlangC.ts'
import { casesOf, expectMatchesReference } from './referenceVectors.ts'

function toReference(m: ErlangAMeasures) {
  return {
    p_wait: m.waitProbability, p_abandon: m.abandonFraction, service_level: m.serviceLevel, sl_answered_of_answered: m.serviceLevelOfAnswered,
    sl_wait_le_t: m.serviceLevelWaitWithin, sl_offered_wait_le_t: m.serviceLevelOfferedWaitWithin, asa_seconds: m.asaSeconds,
    asa_answered_seconds: m.asaAnsweredSeconds, occupancy: m.occupancy,
  }
}

/** Brute force: the M/M/N+M birth–death chain truncated far out, for P(wait) and P(abandon). */
function bruteForce(agents: number, lambda: number, mu: number, theta: number) {
  const probabilities: number[] = [1]
  for (let n = 1; n < agents + 20000; n++) probabilities.push((probabilities[n - 1] * lambda) / (Math.min(n, agents) * mu + Math.max(0, n - agents) * theta))
  const total = probabilities.reduce((s, p) => s + p, 0)
  const wait = probabilities.slice(agents).reduce((s, p) => s + p, 0) / total
  const abandonRate = probabilities.reduce((s, p, n) => s + p * Math.max(0, n - agents) * theta, 0) / total
  return { wait, abandon: abandonRate / lambda }
}

describe('Erlang A', () => {
  it.each(casesOf('erlang_a').map((c) => [c.id, c] as const))('reproduces the Erlang A reference vector %s', (_id, c) => {
    const i = c.inputs as Record<string, number>
    const load = (i.calls_per_interval * i.aht_seconds) / i.interval_seconds
    const result = agentsForErlangA(
      { offeredLoadErlangs: load, ahtSeconds: i.aht_seconds, meanPatienceSeconds: i.mean_patience_seconds },
      { serviceLevelTarget: i.sl_target, answerWithinSeconds: i.sl_threshold_seconds, asaTargetSeconds: i.asa_target_seconds, maxOccupancy: i.max_occupancy, maxAbandonFraction: i.max_abandon },
    )
    expect(result.agents).toBe(c.outputs.agents_required)
    expectMatchesReference(toReference(result.measures), c.outputs.at_required, `${c.id}.at_required`)
    expectMatchesReference(toReference(result.measuresWithOneFewer!), c.outputs.at_required_minus_1, `${c.id}.at_required_minus_1`)
  })

  it('agrees with the brute-force birth–death chain, also far below the offered load', () => {
    for (const [agents, load, patience] of [[8, 10, 120], [40, 50, 90], [150, 166.7, 30], [20, 10, 3000]]) {
      const m = erlangAMeasures(agents, { offeredLoadErlangs: load, ahtSeconds: 300, meanPatienceSeconds: patience, answerWithinSeconds: 20 })
      const exact = bruteForce(agents, load / 300, 1 / 300, 1 / patience)
      expect(m.waitProbability).toBeCloseTo(exact.wait, 10)
      expect(m.abandonFraction).toBeCloseTo(exact.abandon, 10)
    }
  })

  it('tends to Erlang C as patience grows', () => {
    const a = erlangAMeasures(14, { offeredLoadErlangs: 10, ahtSeconds: 180, meanPatienceSeconds: 1e9, answerWithinSeconds: 20 })
    const c = erlangCMeasures(14, { offeredLoadErlangs: 10, ahtSeconds: 180, answerWithinSeconds: 20 })
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 6)
    expect(a.asaAnsweredSeconds).toBeCloseTo(c.asaSeconds, 4)
  })

  it('staffs at or below the offered load, where Erlang C cannot', () => {
    const result = agentsForErlangA({ offeredLoadErlangs: 50, ahtSeconds: 600, meanPatienceSeconds: 90 }, { serviceLevelTarget: 0.7, answerWithinSeconds: 60 })
    expect(result.agents).toBe(40)
    expect(result.measures.abandonFraction).toBeGreaterThan(0.2)
  })

  it('rejects bad input by name', () => {
    expect(() => erlangAMeasures(10, { offeredLoadErlangs: 10, ahtSeconds: 180, meanPatienceSeconds: 0 })).toThrow('meanPatienceSeconds must be greater than 0, got 0')
    expect(() => agentsForErlangA({ offeredLoadErlangs: 10, ahtSeconds: -3, meanPatienceSeconds: 60 }, { maxAbandonFraction: 0.05 })).toThrow('ahtSeconds must be greater than 0, got -3')
    expect(() => agentsForErlangA({ offeredLoadErlangs: 10, ahtSeconds: 180, meanPatienceSeconds: 60 }, { maxAbandonFraction: 0.001 }, { maxAgents: 12 })).toThrow('no staffing level up to maxAgents 12 meets the targets')
  })
})
