/**
 * An exact search for the fewest hires (issue 16: proven within 1 s on 78 weeks), used by recommendHires when its
 * starting plan has more hires than ⌈LP bound⌉. Depth first over the class weeks in time order: at each week the
 * rules allow, no class first, then a class of 1, 2, …, cap hires (in trials this order explored half the nodes of
 * the reverse one). A state whose subtree was searched to the end cuts later states at the same week that it
 * dominates (no fewer hires, no less lacking in any week). A node is also cut when a week no later class can reach is
 * still short, or when its Lagrangian bound says it cannot beat the best plan known:
 *
 *   hires so far + ⌈ Σ_t λ_t·max(0, need_t − cover_t) − max_{spaced classes from here} Σ_s cap_s·max(0, col_s − 1) ⌉
 *
 * with λ ≥ 0 any row multipliers (the LP relaxation's row duals, which make the root bound the LP bound) and
 * col_s = Σ_t λ_t·K(t − s). This is a valid lower bound for every λ ≥ 0: a plan x of the remaining weeks that closes
 * every row has Σ_s x_s = Σ_t λ_t·cover_t − Σ_s x_s·(col_s − 1) ≥ Σ_t λ_t·residual_t − Σ_s x_s·max(0, col_s − 1), and
 * the last sum is at most its maximum over classes spaced as the rules require, each at most cap_s, which a suffix
 * dynamic programme (weighted interval scheduling) solves exactly, so the bound is computed in O(weeks) per node. The ceiling applies at every node (hires are whole),
 * which is what closes the integrality gap the LP leaves. A plan is returned as proven only when the whole tree was
 * searched (no time or node limit reached): then no plan has fewer hires.
 *
 * Pure: plain numbers in, plain numbers out; deterministic (the same nodes in the same order on every machine, the
 * time limit only decides where an unfinished search stops).
 */
import type { ClassSearchInput } from './classPlanSearch.ts'

export interface FewestSearchInput extends ClassSearchInput {
  /** Row multipliers ≥ 0 by week index (0 for weeks not in rows). */
  lambda: readonly number[]
}

export interface FewestSearchResult {
  /** The best plan: the start, or one with fewer hires found by the search. */
  plan: Map<number, number>
  total: number
  /** True when the search finished: no plan has fewer hires than `total`. */
  proven: boolean
  /** No plan has fewer hires than this (total when proven; else the root bound). */
  lowerBound: number
  nodes: number
}

/** A row short by no more than this is closed (HiGHS's own feasibility tolerance is 1e-7; the projection's GAP_TOLERANCE_FTE 1e-6). */
const TOLERANCE = 1e-9
/** Explored states remembered per week for the dominance test (the most recent ones). */
const MEMO_PER_WEEK = 256

/**
 * @param start a feasible plan (every row's cover ≥ need), the incumbent to beat
 * @param deadlineMs performance.now() after which the search stops unproven
 * @param maxNodes a second stop, so a test can ask for a machine-independent limit
 */
export function searchFewestHires(input: FewestSearchInput, start: ReadonlyMap<number, number>, deadlineMs: number, maxNodes = Infinity): FewestSearchResult {
  const { n, kernel, capacity, spacing, rows, need, lambda } = input
  let bestTotal = 0
  for (const v of start.values()) bestTotal += v
  let bestPlan = new Map(start)
  const rowList = [...rows].sort((a, b) => a - b)
  const R = rowList.length
  const rowLambda = Float64Array.from(rowList, (t) => lambda[t])
  const rowNeed = Float64Array.from(rowList, (t) => need[t])
  // the last week whose hires still add to row i (K(t − s) > 0): once the search has passed it the row is final
  const rowLast = Int32Array.from(rowList, (t) => {
    for (let s = t; s >= 0; s--) if (capacity[s] > 0 && kernel[t - s] > 0) return s
    return -1
  })
  // the first row at or after each week (rows before the next allowed class week are closed or the node is cut)
  const firstRowFrom = new Int32Array(n + spacing + 2).fill(R)
  for (let w = 0, i = 0; w < firstRowFrom.length; w++) { while (i < R && rowList[i] < w) i++; firstRowFrom[w] = i }
  // gains of the Lagrangian subproblem and their best spaced selection from each week on
  const best = new Float64Array(n + spacing + 1)
  {
    const gain = new Float64Array(n)
    for (let s = 0; s < n; s++) {
      if (capacity[s] <= 0) continue
      let col = 0
      for (let i = 0; i < R; i++) if (rowList[i] >= s) col += rowLambda[i] * kernel[rowList[i] - s]
      gain[s] = capacity[s] * Math.max(0, col - 1)
    }
    for (let s = n - 1; s >= 0; s--) best[s] = Math.max(best[s + 1], gain[s] + best[s + spacing])
  }
  // the most classes from week p on can still add to row i (largest classes, spaced as required: a suffix dynamic
  // programme per row), so a row that even those cannot close cuts the node before the search reaches it
  const reach = rowList.map((t) => {
    const most = new Float64Array(n + spacing + 1)
    for (let p = Math.min(t, n - 1); p >= 0; p--) most[p] = Math.max(most[p + 1], (capacity[p] > 0 ? capacity[p] * kernel[t - p] : 0) + (p + spacing <= t ? most[p + spacing] : 0))
    return most
  })
  const cover = new Float64Array(R) // cover of each row by the classes decided so far
  const x = new Array<number>(n).fill(0)
  const residual = new Float64Array(R)
  let nodes = 0, stopped = false
  const add = (s: number, v: number) => { for (let i = firstRowFrom[s]; i < R; i++) cover[i] += v * kernel[rowList[i] - s] }
  /**
   * Lower bound on the hires still to add from week p on, filling `residual`: −1 when some row can no longer be
   * closed, 0 only when every row is closed.
   */
  const boundFrom = (p: number): number => {
    let sum = 0, open = false
    for (let i = 0; i < R; i++) {
      const r = rowNeed[i] - cover[i]
      if (r <= TOLERANCE) { residual[i] = 0; continue }
      if (rowLast[i] < p || r > reach[i][p] + TOLERANCE) return -1
      residual[i] = r
      open = true
      sum += rowLambda[i] * r
    }
    return open ? Math.max(1, Math.ceil(sum - (p < n ? best[p] : 0) - 1e-6)) : 0
  }
  const rootBound = boundFrom(0)
  // Dominance: a state (next week a class may start, hires so far, what each open row still lacks) whose subtree was
  // searched to the end cuts any later state at the same week with no fewer hires and no less lacking in any row:
  // every completion of the later one completes the earlier one with no more hires, and none of those beat the best.
  const explored: { hires: number; residual: Float64Array }[][] = Array.from({ length: n + spacing + 1 }, () => [])
  const isDominated = (from: number, hires: number) => {
    const first = firstRowFrom[from]
    outer: for (const e of explored[from]) {
      if (e.hires > hires) continue
      for (let i = first; i < R; i++) if (e.residual[i - first] > residual[i] + TOLERANCE) continue outer
      return true
    }
    return false
  }
  const dfs = (p: number, last: number, hires: number): void => {
    if (stopped) return
    if (++nodes > maxNodes || ((nodes & 255) === 0 && performance.now() > deadlineMs)) { stopped = true; return }
    const from = Math.min(n, Math.max(p, last + spacing))
    const still = boundFrom(from)
    if (still < 0 || hires + still >= bestTotal) return
    if (still === 0) {
      // every row closed: a plan with fewer hires than the best
      bestTotal = hires
      bestPlan = new Map()
      for (let s = 0; s < n; s++) if (x[s] > 0) bestPlan.set(s, x[s])
      return
    }
    if (isDominated(from, hires)) return
    const snapshot = residual.slice(firstRowFrom[from])
    let s = from
    while (s < n && capacity[s] <= 0) s++
    if (s >= n) return
    const most = Math.min(capacity[s], bestTotal - 1 - hires)
    dfs(s + 1, last, hires)
    if (stopped) return
    for (let v = 1; v <= most; v++) {
      x[s] = v
      add(s, v)
      dfs(s + 1, s, hires + v)
      add(s, -v)
      x[s] = 0
      if (stopped) return
    }
    const list = explored[from]
    if (list.length >= MEMO_PER_WEEK) list.shift()
    list.push({ hires, residual: snapshot })
  }
  dfs(0, -Infinity, 0)
  const proven = !stopped
  return { plan: bestPlan, total: bestTotal, proven, lowerBound: proven ? bestTotal : Math.min(bestTotal, rootBound < 0 ? bestTotal : rootBound), nodes }
}
