/** A share with its numerator and base, so pages can show "12.3% (45 of 366)" and never divide by zero. */
export interface Share { count: number; base: number; share: number | null }

/** count ÷ base as a 0–1 fraction, or null when base is 0. @throws RangeError on negative or inconsistent counts */
export function shareOf(name: string, count: number, base: number): Share {
  if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`${name}: count must be a number >= 0, got ${count}`)
  if (!(Number.isFinite(base) && base >= count)) throw new RangeError(`${name}: base must be a number >= count (${count}), got ${base}`)
  return { count, base, share: base > 0 ? count / base : null }
}
