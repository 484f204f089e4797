import { describe, expect, it } from 'vitest'
import { coverageForHeadcount, productiveAgents } from '../../src/scenarios/headcount.ts'

describe('headcount', () => {
  it('puts N agents in every interval with volume', () => {
    expect(coverageForHeadcount({ kind: 'perInterval', agents: 12 }, { intervalMinutes: 30, hoursPerFte: 8, dateKeys: ['a', 'a', 'a'], volumes: [0, 5, 9], scheduledExact: [0, 3, 4] })).toEqual([0, 12, 12])
  })

  it('spreads a day\'s FTE hours like the requirement', () => {
    // 2 FTE × 8 h = 16 paid hours a day; day a needs 3:1, day b 1:1; 60-minute intervals.
    expect(coverageForHeadcount({ kind: 'totalFte', fte: 2 }, { intervalMinutes: 60, hoursPerFte: 8, dateKeys: ['a', 'a', 'b', 'b', 'c'], volumes: [5, 5, 1, 1, 0], scheduledExact: [3, 1, 2, 2, 0] }))
      .toEqual([12, 4, 8, 8, 0])
  })

  it('takes shrinkage off the agents on shift without floating-point noise', () => {
    expect(productiveAgents(20, 0.3)).toBe(14)
    expect(productiveAgents(7, 0.35)).toBe(4.55)
    expect(() => productiveAgents(-1, 0.3)).toThrow('agentsOnShift must be a number >= 0, got -1')
    expect(() => productiveAgents(5, 1)).toThrow('shrinkageFraction must be in [0, 1), got 1')
  })
})
