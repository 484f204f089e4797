/**
 * Argument checks shared by the staffing functions. Each throws a TypeError (not a finite number) or a
 * RangeError (out of range) whose message names the argument and its value, so callers never get NaN back.
 */

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value)
}

export function assertFiniteNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describe(value)}`)
  }
}

/** value > 0 */
export function assertPositive(name: string, value: unknown): asserts value is number {
  assertFiniteNumber(name, value)
  if (!(value > 0)) throw new RangeError(`${name} must be greater than 0, got ${value}`)
}

/** value ≥ 0 */
export function assertNonNegative(name: string, value: unknown): asserts value is number {
  assertFiniteNumber(name, value)
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`)
}

/** 0 ≤ value ≤ 1 (a fraction, not a percentage) */
export function assertFraction(name: string, value: unknown): asserts value is number {
  assertFiniteNumber(name, value)
  if (value < 0 || value > 1) {
    throw new RangeError(`${name} must be a fraction between 0 and 1, got ${value}${value > 1 && value <= 100 ? ' (give percentages as fractions, e.g. 0.8 for 80%)' : ''}`)
  }
}

/** 0 < value ≤ 1 */
export function assertPositiveFraction(name: string, value: unknown): asserts value is number {
  assertFraction(name, value)
  if (value === 0) throw new RangeError(`${name} must be greater than 0, got 0`)
}

/** 0 ≤ value < 1 */
export function assertFractionBelowOne(name: string, value: unknown): asserts value is number {
  assertFraction(name, value)
  if (value >= 1) throw new RangeError(`${name} must be below 1, got ${value}`)
}

/** integer ≥ min */
export function assertInteger(name: string, value: unknown, min: number): asserts value is number {
  assertFiniteNumber(name, value)
  if (!Number.isInteger(value)) throw new TypeError(`${name} must be a whole number, got ${value}`)
  if (value < min) throw new RangeError(`${name} must be at least ${min}, got ${value}`)
}
