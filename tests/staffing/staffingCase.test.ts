import { describe, expect, it } from 'vitest'
import { solveStaffingCase } from '../../src/staffing/staffingCase.ts'
import type { StaffingCase } from '../../src/staffing/staffingCase.ts'
import { expectMatchesReference, reference } from './referenceVectors.ts'

describe('solveStaffingCase', () => {
  it('covers all 50 reference cases of the three models', () => {
    expect(reference.cases.length).toBe(50)
    expect(new Set(reference.cases.map((c) => c.model))).toEqual(new Set(['erlang_c', 'erlang_a', 'chat_concurrency']))
  })

  it.each(reference.cases.map((c) => [c.id, c] as const))('reproduces every deterministic output of %s', (_id, c) => {
    const outputs = solveStaffingCase({ id: c.id, model: c.model, inputs: c.inputs } as unknown as StaffingCase)
    expectMatchesReference(outputs, c.outputs, c.id)
    for (const [key, value] of Object.entries(c.derived)) expectMatchesReference((outputs.derived as Record<string, number>)[key], value, `${c.id}.derived.${key}`)
  })

  it('names the missing field', () => {
    expect(() => solveStaffingCase({ model: 'erlang_a', inputs: { calls_per_interval: 10, interval_seconds: 1800, aht_seconds: 300, sl_target: 0.8, sl_threshold_seconds: 20 } })).toThrow('mean_patience_seconds is required')
    expect(() => solveStaffingCase({ model: 'erlang_c', inputs: { calls_per_interval: 10, interval_seconds: 1800, aht_seconds: 0, sl_target: 0.8, sl_threshold_seconds: 20 } })).toThrow('aht_seconds must be greater than 0, got 0')
    expect(() => solveStaffingCase({ model: 'erlang_x' as never, inputs: { calls_per_interval: 10, interval_seconds: 1800 } })).toThrow('model must be one of')
  })
})
