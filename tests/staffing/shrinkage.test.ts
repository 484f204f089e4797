import { describe, expect, it } from 'vitest'
import { agentHours, agentsScheduled, ceilIgnoringNoise, fteFromAgentHours, scheduledAgentsExact, shrinkageForInterval } from '../../src/staffing/shrinkage.ts'
import { reference } from './referenceVectors.ts'

describe('shrinkage', () => {
  it('does not round exact ties up (21 / 0.7 = 30, 14 / 0.7 = 20, 12 / 0.85 → 15)', () => {
    expect(21 / (1 - 0.3)).toBeGreaterThan(30) // the floating-point trap: 30.000000000000004
    expect(agentsScheduled(21, 0.3)).toBe(30)
    expect(agentsScheduled(14, 0.3)).toBe(20)
    expect(agentsScheduled(12, 0.15)).toBe(15)
    expect(agentsScheduled(3, 0.3)).toBe(5)
  })
  it('reproduces agents_scheduled of every reference case with a shrinkage', () => {
    for (const c of reference.cases.filter((c) => c.inputs.shrinkage !== undefined)) {
      expect(agentsScheduled(c.outputs.agents_required, c.inputs.shrinkage ?? 0), c.id).toBe(c.outputs.agents_scheduled)
    }
  })
  it('keeps fractions until the end: FTE from summed agent-hours', () => {
    const exact = [7, 7, 7].map((required) => scheduledAgentsExact(required, 0.3)) // 10 each
    expect(fteFromAgentHours(agentHours(exact, 30), 7.5)).toBeCloseTo(2, 12) // 15 agent-hours / 7.5 h
    const rounded = [1, 1, 1].map((r) => agentsScheduled(r, 0.3)) // 2 each: rounding per interval would double it
    expect(agentHours(rounded, 60)).toBe(6)
    expect(agentHours([1, 1, 1].map((r) => scheduledAgentsExact(r, 0.3)), 60)).toBeCloseTo(4.2857142857, 9)
  })
  it('takes shrinkage per interval', () => {
    expect(shrinkageForInterval([0.1, 0.2], 1)).toBe(0.2)
    expect(() => shrinkageForInterval([0.1, 1], 1)).toThrow('shrinkageFraction[1] must be below 1, got 1')
  })
  it('validates', () => {
    expect(() => agentsScheduled(10, 1.5)).toThrow('shrinkageFraction must be a fraction between 0 and 1, got 1.5')
    expect(() => fteFromAgentHours(10, 0)).toThrow('hoursPerFte must be greater than 0, got 0')
    expect(ceilIgnoringNoise(4.2)).toBe(5)
  })
})
