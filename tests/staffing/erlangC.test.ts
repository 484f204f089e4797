import { describe, expect, it } from 'vitest'
import { agentsForErlangC, erlangCAgentsRequired, erlangCMeasures, erlangCWaitProbability } from '../../src/staffing/erlangC.ts'
import { casesOf, expectMatchesReference } from './referenceVectors.ts'

describe('agentsForErlangC', () => {
  it.each(casesOf('erlang_c').map((c) => [c.id, c] as const))('reproduces the Erlang C reference vector %s', (_id, c) => {
    const i = c.inputs as Record<string, number>
    const load = (i.calls_per_interval * i.aht_seconds) / i.interval_seconds
    const result = agentsForErlangC(load, i.aht_seconds, { serviceLevelTarget: i.sl_target, answerWithinSeconds: i.sl_threshold_seconds, asaTargetSeconds: i.asa_target_seconds, maxOccupancy: i.max_occupancy })
    expect(result.agents).toBe(c.outputs.agents_required)
    expect(result.bindingConstraints).toEqual(c.outputs.binding_constraints)
    const toReference = (m: { waitProbability: number; serviceLevel: number; asaSeconds: number; occupancy: number }) => ({ p_wait: m.waitProbability, service_level: m.serviceLevel, asa_seconds: m.asaSeconds, occupancy: m.occupancy })
    expectMatchesReference(toReference(result.measures), c.outputs.at_required, `${c.id}.at_required`)
    expectMatchesReference(toReference(result.measuresWithOneFewer!), c.outputs.at_required_minus_1, `${c.id}.at_required_minus_1`)
  })

  it('counts an exact occupancy tie as met (8.5 erlangs on 10 agents against 0.85)', () => {
    expect(agentsForErlangC(8.5, 300, { maxOccupancy: 0.85 }).agents).toBe(10)
  })

  it('the fast search agrees with a plain scan over N for loads from 0.05 to 3000 erlangs', () => {
    for (const load of [0.05, 0.9, 1, 7.5, 42, 100, 333.3, 1000, 2999.7]) {
      let n = Math.floor(load) + 1
      while (erlangCMeasures(n, { offeredLoadErlangs: load, ahtSeconds: 300, answerWithinSeconds: 20 }).serviceLevel < 0.8) n++
      expect(erlangCAgentsRequired(load, 300, 0.8, 20, NaN, NaN, 1e5)).toBe(n)
    }
  })

  it('needs no agents for no load', () => {
    expect(agentsForErlangC(0, 300, { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }).agents).toBe(0)
  })

  it('rejects bad input with a clear message', () => {
    const sl = { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }
    expect(() => agentsForErlangC(10, 0, sl)).toThrow('ahtSeconds must be greater than 0, got 0')
    expect(() => agentsForErlangC(10, 180, { serviceLevelTarget: 80, answerWithinSeconds: 20 })).toThrow('serviceLevelTarget must be a fraction between 0 and 1, got 80 (give percentages as fractions')
    expect(() => agentsForErlangC(10, 180, { serviceLevelTarget: 1.2, answerWithinSeconds: 20 })).toThrow(RangeError)
    expect(() => agentsForErlangC(10, 180, { serviceLevelTarget: 0.8, answerWithinSeconds: -1 })).toThrow('answerWithinSeconds must not be negative, got -1')
    expect(() => agentsForErlangC(10, 180, {})).toThrow('no target given')
    expect(() => agentsForErlangC(10, 180, { maxAbandonFraction: 0.05 })).toThrow('maxAbandonFraction needs a model with abandonment')
    expect(() => agentsForErlangC(2e9, 180, sl)).toThrow('an offered load of 2000000000 erlangs is above the largest the staffing models compute (1000000000 erlangs)')
    expect(agentsForErlangC(5e5, 180, sl).agents).toBeGreaterThan(5e5) // above the old 100,000-agent cap: computed, not refused
    expect(() => agentsForErlangC(50, 180, sl, { maxAgents: 40 })).toThrow(RangeError)
  })

  it('refuses to evaluate an unstable queue', () => {
    expect(() => erlangCWaitProbability(10, 10)).toThrow('agents 10 <= offeredLoadErlangs 10')
  })

  it('does not mutate its targets', () => {
    const targets = Object.freeze({ serviceLevelTarget: 0.8, answerWithinSeconds: 20 })
    expect(agentsForErlangC(10, 180, targets).agents).toBe(14)
  })
})
