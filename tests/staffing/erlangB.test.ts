import { describe, expect, it } from 'vitest'
import { erlangB, erlangBStepDown, erlangBStepUp } from '../../src/staffing/erlangB.ts'

/** The textbook recursion from B(0) = 1, the slow reference. */
function erlangBFromZero(agents: number, load: number): number {
  let b = 1
  for (let n = 1; n <= agents; n++) b = (load * b) / (n + load * b)
  return b
}

describe('erlangB', () => {
  it('matches the recursion from zero for small and large systems', () => {
    for (const [n, a] of [[14, 10], [2, 0.333], [55, 48], [513, 500], [5019, 5000], [200, 50], [30, 60]]) {
      expect(Math.abs(erlangB(n, a) - erlangBFromZero(n, a)) / erlangBFromZero(n, a)).toBeLessThan(1e-12)
    }
  })
  it('does not overflow where Aⁿ/n! would (N = 5000)', () => {
    expect(erlangB(5000, 5000)).toBeGreaterThan(0)
    expect(Number.isFinite(erlangB(5000, 5000))).toBe(true)
  })
  it('steps up and down consistently', () => {
    const b20 = erlangB(20, 17.3)
    expect(erlangBStepUp(erlangB(19, 17.3), 20, 17.3)).toBeCloseTo(b20, 15)
    expect(erlangBStepDown(b20, 20, 17.3)).toBeCloseTo(erlangB(19, 17.3), 15)
  })
  it('handles the edges: no load, no agents', () => {
    expect(erlangB(0, 3)).toBe(1)
    expect(erlangB(3, 0)).toBe(0)
  })
  it('rejects invalid arguments by name', () => {
    expect(() => erlangB(2.5, 3)).toThrow('agents must be a whole number, got 2.5')
    expect(() => erlangB(3, -1)).toThrow('offeredLoadErlangs must not be negative, got -1')
    expect(() => erlangB(3, NaN)).toThrow(TypeError)
  })
})
