import { describe, expect, it } from 'vitest'
import { matchBreaks, type BreakChain } from '../../src/scheduling/breakChains.ts'
import { solveSchedule } from '../../src/scheduling/solve.ts'
import type { ShiftTemplate } from '../../src/scheduling/shiftTemplates.ts'

describe('implicit breaks', () => {
  it('hands each shift the earliest break time left in its window', () => {
    // three starts whose windows are times 0-1, 1-2, 2-3; 2 + 1 + 1 shifts and breaks at times 0, 1, 1, 3
    const chain: BreakChain = { templateIndex: 0, breakIndex: 0, starts: [0, 1, 2], times: [100, 200, 300, 400], windows: [[0, 1], [1, 2], [2, 3]], reductions: [] }
    expect(matchBreaks(chain, [2, 1, 1], [1, 2, 0, 1])).toEqual([[100, 200], [200], [400]])
  })

  it('gives the same optimum as the explicit model', async () => {
    // 2-3 agents 08:00-18:00 on a 30-min grid, 8-h shifts with a 30-min lunch 3-5 h in and 4-h shifts
    const values = Array.from({ length: 20 }, (_, i) => (i >= 6 && i < 12 ? 3 : 2))
    const requirement = { intervalMinutes: 30, intervals: values.map((agentsRequired, i) => ({ start: `2024-03-04T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`, agentsRequired })) }
    const templates: ShiftTemplate[] = [
      { name: '8h', lengthMinutes: 480, earliestStart: '08:00', latestStart: '10:00', startStepMinutes: 30, breaks: [{ lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }] },
      { name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '14:00', startStepMinutes: 30, costPerHour: 1.2 },
    ]
    const explicit = await solveSchedule(requirement, templates, { breakModel: 'explicit', mipRelativeGap: 0 })
    const implicit = await solveSchedule(requirement, templates, { breakModel: 'implicit', mipRelativeGap: 0 })
    if (explicit.status !== 'optimal' || implicit.status !== 'optimal') throw new Error('both should be optimal')
    expect(implicit.shiftCost).toBeCloseTo(explicit.shiftCost, 9)
    expect(implicit.shortAgentIntervals).toBe(0)
    for (const c of implicit.coverage.intervals) expect(c.agentsScheduled).toBeGreaterThanOrEqual(c.agentsRequired)
    expect(implicit.modelStats.breakVariables).toBeLessThan(explicit.modelStats.breakVariables)
  })
})
