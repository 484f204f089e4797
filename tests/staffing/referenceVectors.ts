/** Loads ../shared/reference/staffing_vectors.json and compares outputs the way its `conventions` say. */
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'

export interface ReferenceCase {
  id: string
  model: 'erlang_c' | 'erlang_a' | 'chat_concurrency'
  inputs: Record<string, number | null>
  derived: Record<string, number>
  outputs: Record<string, any>
  note?: string
}

const file = new URL('../../../shared/reference/staffing_vectors.json', import.meta.url)
export const reference: { conventions: Record<string, string>; cases: ReferenceCase[] } = JSON.parse(readFileSync(file, 'utf8'))

export function casesOf(model: ReferenceCase['model']): ReferenceCase[] {
  return reference.cases.filter((c) => c.model === model)
}

/** Seeded-simulation estimates in the reference; not exact values, so not compared here. */
export const NON_EXACT_OUTPUTS = new Set(['des_join_least_loaded'])

const INTEGER_FIELDS = /agents|slots/

/** Probabilities and times within 1e-9 relative (abs 1e-12); agent and slot counts exactly. */
export function expectMatchesReference(actual: unknown, expected: unknown, path: string): void {
  if (expected === null) {
    expect(actual, path).toBeNull()
  } else if (Array.isArray(expected)) {
    expect(actual, path).toEqual(expected)
  } else if (typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object')
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      if (NON_EXACT_OUTPUTS.has(key)) continue
      expectMatchesReference((actual as Record<string, unknown>)[key], value, `${path}.${key}`)
    }
  } else if (typeof expected === 'number') {
    expect(actual, path).toBeTypeOf('number')
    const last = path.split('.').pop() ?? ''
    if (INTEGER_FIELDS.test(last) && Number.isInteger(expected)) {
      expect(actual, path).toBe(expected)
    } else {
      const tolerance = Math.max(1e-12, 1e-9 * Math.abs(expected))
      expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
    }
  } else {
    expect(actual, path).toEqual(expected)
  }
}
