/**
 * Log-space gamma-function helpers for the queueing formulas (no overflow for thousands of agents).
 *
 * - `logGamma(x)`: ln Γ(x) (Lanczos, g = 7, 9 terms; ~1e-15 relative).
 * - `stirlingError(n)`: ln Γ(n+1) − [(n+½)·ln n − n + ln √(2π)], accurate for all n > 0
 *   (C. Loader, "Fast and accurate computation of binomial probabilities", 2000; the algorithm of R's stirlerr).
 * - `deviance(x, m)` ("bd0"): x·ln(x/m) + m − x, without cancellation when x ≈ m (Loader 2000).
 * - `logPoissonTerm(a, s)`: ln( s^a·e^(−s) / Γ(a+1) ), the Poisson "probability" at a (real a ≥ 0) for mean s,
 *   computed as −stirlingError(a) − deviance(a, s) − ½·ln(2πa) so that large a and s do not cancel.
 * - `logKummerSeries(x, s)`: ln K(x, s) where K(x, s) = Σ_{j≥0} s^j / ((x+1)(x+2)…(x+j)) = ₁F₁(1; x+1; s)
 *   = x·e^s·s^(−x)·γ(x, s)  (lower incomplete gamma γ). This is the function A(x, y) of
 *   Garnett, Mandelbaum & Reiman (2002). Power series when s ≤ x + 1 (all terms positive, decreasing),
 *   otherwise the Lentz continued fraction of the upper incomplete gamma (Numerical Recipes §6.2):
 *   K = (1 − Q(x, s)) / D with D = s^x e^(−s)/Γ(x+1) and Q = x·D·F.
 */

const LANCZOS_G = 7
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]
const LOG_SQRT_2PI = 0.9189385332046727418
const LOG_2PI = 1.8378770664093454836

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS_COEFFICIENTS[0]
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS_COEFFICIENTS[i] / (z + i)
  const t = z + LANCZOS_G + 0.5
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

const S0 = 1 / 12
const S1 = 1 / 360
const S2 = 1 / 1260
const S3 = 1 / 1680
const S4 = 1 / 1188

/** ln Γ(n+1) − (n+½)·ln n + n − ln √(2π), the error of Stirling's formula (Loader 2000), n > 0. */
export function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_2PI
  const nn = n * n
  if (n > 500) return (S0 - S1 / nn) / n
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
}

/** x·ln(x/m) + m − x (Loader's bd0), accurate when x ≈ m. x ≥ 0, m > 0. */
export function deviance(x: number, m: number): number {
  if (x === 0) return m
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m)
    let s = (x - m) * v
    let ej = 2 * x * v
    v *= v
    for (let j = 1; j < 1000; j++) {
      ej *= v
      const next = s + ej / (2 * j + 1)
      if (next === s) return s
      s = next
    }
    return s
  }
  return x * Math.log(x / m) + m - x
}

/** ln( s^a·e^(−s) / Γ(a+1) ) for a > 0, s > 0. */
export function logPoissonTerm(a: number, s: number): number {
  return -stirlingError(a) - deviance(a, s) - 0.5 * (LOG_2PI + Math.log(a))
}

const SERIES_EPSILON = 1e-17
const TINY = 1e-300

/** ln K(x, s), K(x, s) = Σ_{j≥0} s^j / ((x+1)…(x+j)) = x·e^s·s^(−x)·γ(x, s); x > 0, s ≥ 0. */
export function logKummerSeries(x: number, s: number): number {
  if (s <= x + 1) {
    let term = 1
    let sum = 1
    for (let j = 1; j < 1_000_000; j++) {
      term *= s / (x + j)
      sum += term
      if (term < SERIES_EPSILON * sum) break
    }
    return Math.log(sum)
  }
  // Continued fraction for Γ(x, s)·e^s·s^(−x) (modified Lentz), then K = 1/D − x·F.
  let b = s + 1 - x
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < 1_000_000; i++) {
    const an = -i * (i - x)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  const logD = logPoissonTerm(x, s)
  const upperRegularized = x * Math.exp(logD) * h // Q(x, s)
  return -logD + Math.log1p(-upperRegularized)
}
