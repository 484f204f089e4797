import { describe, expect, it } from 'vitest'
import { explainRequirement } from '../../src/staffing/explainRequirement.ts'

describe('explainRequirement', () => {
  it('breaks 100 chats × 180 s in 30 min down to 20 scheduled agents (reference ec-004)', () => {
    const e = explainRequirement({ volume: 100, ahtSeconds: 180 }, { intervalMinutes: 30, model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }, shrinkageFraction: 0.3 })
    expect(e.workload).toEqual({ erlangs: 10, formula: '100 contacts × 180 s / 1800 s = 10 erlangs' })
    expect(e.required.agents).toBe(14)
    expect(e.required.bindingConstraints).toEqual(['service_level'])
    expect(e.required.achieved.serviceLevel).toBeCloseTo(0.888350019179, 10)
    expect(e.required.withOneFewer!.serviceLevel).toBeCloseTo(0.795594788418, 10)
    expect(e.shrinkage.formula).toBe('14 / (1 − 0.3) = 20')
    expect(e.scheduled.agents).toBe(20)
    expect(e.model).toEqual({ kind: 'erlang_c' })
  })

  it('names the binding constraint of an occupancy cap (ec-016)', () => {
    const e = explainRequirement({ volume: 150, ahtSeconds: 600 }, { intervalMinutes: 30, model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.7, answerWithinSeconds: 60, maxOccupancy: 0.8 }, shrinkageFraction: 0.25 })
    expect(e.required).toMatchObject({ agents: 63, bindingConstraints: ['occupancy'] })
    expect(e.scheduled.agents).toBe(84)
  })

  it('rejects a shrinkage of 100%', () => {
    expect(() => explainRequirement({ volume: 1, ahtSeconds: 1 }, { intervalMinutes: 30, model: { kind: 'erlang_c' }, targets: { maxOccupancy: 0.9 }, shrinkageFraction: 1 })).toThrow('shrinkageFraction must be below 1, got 1')
  })
})
