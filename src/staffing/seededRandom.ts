import { assertFiniteNumber } from './validateInputs.ts'

/**
 * A seeded pseudo-random generator (xoshiro128**, Blackman & Vigna 2018, seeded through splitmix32) returning
 * doubles in [0, 1) with 53 random bits. Same seed, same stream: simulations are reproducible.
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number
  /** Exponential with the given mean. */
  exponential(mean: number): number
}

function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** @throws TypeError if seed is not a finite number */
export function seededRandom(seed: number): RandomSource {
  assertFiniteNumber('seed', seed)
  const init = splitmix32(Math.floor(seed) ^ Math.floor(seed / 2 ** 32))
  let a = init(), b = init(), c = init(), d = init()
  if ((a | b | c | d) === 0) a = 1
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0
    const t = b << 9
    c ^= a; d ^= b; b ^= c; a ^= d
    c ^= t
    d = rotl(d, 11)
    return result
  }
  const next = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992
  return {
    next,
    exponential: (mean: number) => -mean * Math.log1p(-next()),
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}
