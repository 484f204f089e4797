import { describe, expect, it } from 'vitest'
import { deviance, logGamma, logKummerSeries, logPoissonTerm, stirlingError } from '../../src/staffing/gammaFunctions.ts'
import { standardNormalCdf, standardNormalQuantile } from '../../src/staffing/normalDistribution.ts'
import { seededRandom } from '../../src/staffing/seededRandom.ts'

/** K(x, s) by its defining series, summed naively (fine for moderate arguments). */
function kummerDirect(x: number, s: number): number {
  let term = 1, sum = 1
  for (let j = 1; j < 100000 && term > 1e-18 * sum; j++) { term *= s / (x + j); sum += term }
  return sum
}

describe('log-space special functions', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14)
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14)
  })
  it('stirlingError and deviance are consistent with logGamma', () => {
    for (const n of [0.3, 5, 20, 100, 1000]) expect(stirlingError(n)).toBeCloseTo(logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI), 10)
    expect(deviance(10, 10)).toBe(0)
    expect(deviance(12, 10)).toBeCloseTo(12 * Math.log(1.2) - 2, 14)
  })
  it('logPoissonTerm is the Poisson log-probability at integers', () => {
    expect(logPoissonTerm(3, 2)).toBeCloseTo(Math.log((8 * Math.exp(-2)) / 6), 14)
    expect(Number.isFinite(logPoissonTerm(5000, 5000))).toBe(true)
  })
  it('logKummerSeries agrees with the direct series in both of its branches', () => {
    for (const [x, s] of [[10, 5], [10, 11], [10, 30], [200, 260], [1000, 1100]]) {
      expect(logKummerSeries(x, s)).toBeCloseTo(Math.log(kummerDirect(x, s)), 10)
    }
  })
})

describe('normal distribution and random numbers', () => {
  it('quantile and CDF invert each other', () => {
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963985, 8)
    expect(standardNormalQuantile(0.001)).toBeCloseTo(-3.090232306, 7)
    expect(standardNormalCdf(1.959963985)).toBeCloseTo(0.975, 6)
    expect(() => standardNormalQuantile(1)).toThrow('probability must be strictly between 0 and 1, got 1')
  })
  it('seeded streams repeat and look uniform', () => {
    const a = seededRandom(5), b = seededRandom(5)
    const xs = Array.from({ length: 20000 }, () => a.next())
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()))
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
  })
})
