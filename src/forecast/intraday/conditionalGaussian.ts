/**
 * Conditional mean and variance of a multivariate normal: given the observed components O of a zero-mean vector with
 * covariance S, the unobserved component t has mean S_tO S_OO^-1 d_O and variance S_tt - S_tO S_OO^-1 S_Ot
 * (e.g. Rasmussen & Williams 2006, eq. A.6). S_OO is factorised once (Cholesky); each target costs one triangular solve.
 */
export interface ConditionalPredictor {
  /** Mean and variance of component `target` given the observations. */
  predict(target: number): { mean: number; variance: number }
}

/**
 * @param covariance full covariance, row-major `size × size`
 * @param observed indices of the observed components
 * @param deviations observed values, one per entry of `observed`
 * @param offDiagonalFactor multiplies every off-diagonal covariance (1 - shrinkage toward the diagonal; Ledoit & Wolf 2004)
 * @throws RangeError when `observed` and `deviations` differ in length
 */
export function conditionalPredictor(covariance: Float64Array, size: number, observed: readonly number[], deviations: readonly number[], offDiagonalFactor: number): ConditionalPredictor {
  if (observed.length !== deviations.length) throw new RangeError(`observed (${observed.length}) and deviations (${deviations.length}) must have the same length`)
  const m = observed.length
  const chol = new Float64Array(m * m)
  // Cholesky of A = shrunk S_OO, with a small ridge relative to the diagonal so that a degenerate component never breaks it.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      const a = covariance[observed[i] * size + observed[j]]
      let sum = i === j ? a * (1 + 1e-9) + 1e-12 : a * offDiagonalFactor
      for (let k = 0; k < j; k++) sum -= chol[i * m + k] * chol[j * m + k]
      if (i === j) chol[i * m + i] = Math.sqrt(Math.max(sum, 1e-12))
      else chol[i * m + j] = sum / chol[j * m + j]
    }
  }
  const forward = (rhs: Float64Array): Float64Array => {
    const y = new Float64Array(m)
    for (let i = 0; i < m; i++) {
      let sum = rhs[i]
      for (let k = 0; k < i; k++) sum -= chol[i * m + k] * y[k]
      y[i] = sum / chol[i * m + i]
    }
    return y
  }
  // w = L^-1 d, so that mean = (L^-1 c) . w and variance = S_tt - |L^-1 c|^2.
  const w = forward(Float64Array.from(deviations))
  return {
    predict(target: number) {
      const c = new Float64Array(m)
      for (let i = 0; i < m; i++) c[i] = covariance[target * size + observed[i]] * (target === observed[i] ? 1 : offDiagonalFactor)
      const y = forward(c)
      let mean = 0
      let explained = 0
      for (let i = 0; i < m; i++) {
        mean += y[i] * w[i]
        explained += y[i] * y[i]
      }
      return { mean, variance: Math.max(covariance[target * size + target] - explained, 1e-12) }
    },
  }
}
