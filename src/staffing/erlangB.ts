import { assertInteger, assertNonNegative } from './validateInputs.ts'

/**
 * Erlang B blocking probability B(N, A) for N agents and A erlangs of offered load, stable for any size.
 *
 * Instead of the textbook Aᴺ/N! (overflows past N ≈ 170) or the recursion B(n) = A·B(n−1)/(n + A·B(n−1))
 * run from n = 0 (N steps), it evaluates 1/B at n₀ = min(N, ⌊A⌋) directly from the Poisson distribution:
 * 1/B(n₀) = Σ_{i=0}^{n₀} n₀!/((n₀−i)!·Aⁱ) = Poisson CDF(n₀)/Poisson pmf(n₀), whose terms decrease from 1
 * like exp(−i²/2A) because n₀ ≤ A, so about 9·√A terms reach double precision. From n₀ it steps up with the
 * recursion. Ref: Gans, Koole & Mandelbaum (2003), "Telephone call centers: tutorial, review and research prospects".
 * @example erlangB(14, 10) // 0.03238…  (A = 10 erlangs, 14 agents)
 * @throws TypeError/RangeError if agents is not a whole number ≥ 0 or the load is negative
 */
export function erlangB(agents: number, offeredLoadErlangs: number): number {
  assertInteger('agents', agents, 0)
  assertNonNegative('offeredLoadErlangs', offeredLoadErlangs)
  if (offeredLoadErlangs === 0) return agents === 0 ? 1 : 0
  const start = Math.min(agents, Math.floor(offeredLoadErlangs))
  let blocking = erlangBAtOrBelowLoad(start, offeredLoadErlangs)
  for (let n = start + 1; n <= agents; n++) blocking = erlangBStepUp(blocking, n, offeredLoadErlangs)
  return blocking
}

/** B(n, A) for n ≤ A (unchecked): the Poisson ratio sum described in {@link erlangB}. */
export function erlangBAtOrBelowLoad(agents: number, offeredLoadErlangs: number): number {
  return 1 / inverseErlangBAtOrBelowLoad(agents, offeredLoadErlangs)
}

/**
 * 1/B(n, A) = Σ_{i=0}^{n} n!/((n−i)!·Aⁱ) for n ≤ A (unchecked). Terms decrease from 1; the loop is unrolled
 * four terms at a time (independent multipliers keep the dependency chain short) and stops at 1e-17 relative.
 */
export function inverseErlangBAtOrBelowLoad(agents: number, offeredLoadErlangs: number): number {
  const inverseLoad = 1 / offeredLoadErlangs
  let term = 1
  let sum = 1
  let k = agents
  while (k >= 4) {
    const t1 = term * (k * inverseLoad)
    const t2 = t1 * ((k - 1) * inverseLoad)
    const t3 = t2 * ((k - 2) * inverseLoad)
    const t4 = t3 * ((k - 3) * inverseLoad)
    sum += t1 + t2 + (t3 + t4)
    term = t4
    k -= 4
    if (t4 < 1e-17 * sum) return sum
  }
  for (; k > 0; k--) {
    term *= k * inverseLoad
    sum += term
  }
  return sum
}

/** B(n, A) from B(n−1, A): B(n) = A·B(n−1) / (n + A·B(n−1)). Relative errors shrink going up. */
export function erlangBStepUp(previousBlocking: number, agents: number, offeredLoadErlangs: number): number {
  const ab = offeredLoadErlangs * previousBlocking
  return ab / (agents + ab)
}

/** B(n−1, A) from B(n, A): B(n−1) = n·B(n) / (A·(1 − B(n))). Relative errors are kept, not amplified. */
export function erlangBStepDown(blocking: number, agents: number, offeredLoadErlangs: number): number {
  return (agents * blocking) / (offeredLoadErlangs * (1 - blocking))
}
