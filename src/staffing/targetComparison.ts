/**
 * Inclusive comparisons against targets with a relative tolerance of 1e-12, as the reference conventions
 * require ("comparisons inclusive with relative tolerance 1e-12"): a value that equals its target up to
 * floating-point noise meets it (e.g. occupancy 8.5/10 against a cap of 0.85).
 */
export const TARGET_RELATIVE_TOLERANCE = 1e-12

/** value ≥ target, inclusive, with relative tolerance. */
export function meetsMinimum(value: number, target: number): boolean {
  return value >= target - TARGET_RELATIVE_TOLERANCE * Math.abs(target)
}

/** value ≤ target, inclusive, with relative tolerance. */
export function meetsMaximum(value: number, target: number): boolean {
  return value <= target + TARGET_RELATIVE_TOLERANCE * Math.abs(target)
}
