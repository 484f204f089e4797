/**
 * The LP relaxation of the fewest-hires programme, solved for its row duals: minimise Σ x_s subject to
 * Σ_s K(t − s)·x_s ≥ need_t (row duals λ_t ≥ 0), 0 ≤ x_s ≤ cap_s and, with spacing d > 1, Σ_{s ≤ q < s + d} x_q / cap_q ≤ 1
 * (at most one full class in any d consecutive weeks: the class rules' convex hull). Its optimum is the LP bound and
 * its λ make searchFewestHires's root bound equal to it.
 */
import { loadHighs } from '../scheduling/highsRunner.ts'
import type { ClassSearchInput } from './classPlanSearch.ts'

const fmt = (v: number) => (Math.round(v * 1e12) / 1e12).toString()

export interface HiresLp { objective: number; lambda: number[] }

/** Null when HiGHS does not report an optimal LP within the time limit (or by deadlineMs, a performance.now() value). */
export async function solveHiresLp(input: ClassSearchInput, timeLimitSeconds: number, deadlineMs = Infinity): Promise<HiresLp | null> {
  const { n, kernel, capacity, spacing, rows, need } = input
  const candidates = capacity.flatMap((c, s) => (c > 0 ? [s] : []))
  const lines = ['Minimize', ' obj: ' + (candidates.length ? candidates.map((s) => `x${s}`).join(' + ') : '0'), 'Subject To']
  const rowWeeks: number[] = []
  for (const t of rows) {
    const terms = candidates.filter((s) => s <= t && kernel[t - s] > 0).map((s) => `${fmt(kernel[t - s])} x${s}`)
    if (!terms.length) return null
    rowWeeks.push(t)
    lines.push(` w${t}: ${terms.join(' + ')} >= ${fmt(need[t])}`)
  }
  if (spacing > 1) {
    for (const s of candidates) {
      const window = candidates.filter((q) => q >= s && q < s + spacing)
      if (window.length > 1) lines.push(` g${s}: ${window.map((q) => `${fmt(1 / capacity[q])} x${q}`).join(' + ')} <= 1`)
    }
  }
  lines.push('Bounds', ...candidates.map((s) => ` 0 <= x${s} <= ${capacity[s]}`), 'End')
  const highs = await loadHighs()
  const model = highs.createModel({ format: 'lp', data: lines.join('\n') })
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds, random_seed: 0 })
    model.run({ [highs.constants.callbackType.simplexInterrupt]: (event): undefined => { if (performance.now() > deadlineMs) event.interrupt() } })
    if ((model.getModelStatus() as number) !== 7) return null
    const solution = model.getSolution() as unknown as { rowDual: Float64Array }
    const lambda = new Array<number>(n).fill(0)
    const { numRows } = model.getDimensions() as unknown as { numRows: number }
    for (let i = 0; i < numRows; i++) {
      const name = model.getRowName(i)
      if (name.startsWith('w')) lambda[Number(name.slice(1))] = Math.max(0, solution.rowDual[i])
    }
    return { objective: model.getObjectiveValue(), lambda }
  } finally {
    (model as unknown as { dispose?: () => void }).dispose?.()
  }
}
