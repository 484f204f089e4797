/**
 * A primal heuristic for the shift-scheduling MIP (buildModel.ts): from the LP relaxation's shift counts to a
 * whole schedule, then a local search on it. HiGHS's own heuristics took ~15 s to find a schedule within 1% on
 * the four-week benchmark; this one takes well under a second and, with the LP bound of the tightened model
 * (cover rounding rows, buildModel.ts), usually proves its schedule within 1% by itself.
 *
 *   1. Split the model into independent parts: intervals joined by a shift that spans them or by a per-day
 *      count row (without night shifts, one part per day).
 *   2. Per part, start from the LP counts rounded up, to nearest and down, improve each by local search on
 *      the whole shift counts (remove a shift, add one, or swap one for another; first improvement, until none
 *      improves) and keep the best of the three.
 *   3. Breaks are placed for given counts by a greedy rule: break slots in order of their window's end take
 *      the earliest time whose intervals keep their required cover (earliest deadline first, as in matching
 *      jobs to slots of a convex bipartite graph, Glover 1967); over-cover is taken away first when it is
 *      penalised.
 * The objective is the model's: shift cost + shortfall penalty + over-cover penalty; the per-day count rows and
 * forbidden over-cover are hard. The result is a vector of MIP variable values HiGHS would accept as a start.
 */
import type { ScheduleModel } from './buildModel.ts'

/** A whole-number solution of the schedule model, as values of model.mip.variables. */
export interface HeuristicSolution {
  values: Float64Array
  /** Its objective (shift cost + penalties), as the MIP would count it. */
  objective: number
}

const EPS = 1e-9

/** One break to place for each shift of a start: a chain of the model and the start's window in it. */
interface BreakSlot {
  chain: number
  /** Position of the start in the chain (index into chain.starts / chain.windows). */
  position: number
  first: number
  last: number
  /** Local minute of the window's last break time (the order in which slots are served). */
  deadline: number
  earliest: number
}

interface Part {
  candidates: number[]
  intervals: number[]
  /** Break slots of the part's candidates, in deadline order. */
  slots: BreakSlot[]
  /** Break chains of the part. */
  chains: number[]
  /** Count rows (template x day) of the part. */
  countRows: number[]
}

interface CountRow { members: number[]; lower: number; upper: number }

/** Union-find over integer ids. */
function makeUnionFind(size: number) {
  const parent = Int32Array.from({ length: size }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i] }
    return i
  }
  return { find, union: (a: number, b: number) => { const ra = find(a), rb = find(b); if (ra !== rb) parent[ra] = rb } }
}

function countRowsOf(model: ScheduleModel): CountRow[] {
  const rows = new Map<string, CountRow>()
  model.candidates.forEach((c, j) => {
    const t = model.templates[c.templateIndex]
    if (t.minCountPerDay === 0 && t.maxCountPerDay === undefined) return
    const key = `${c.templateIndex}:${c.dayMinute}`
    const row = rows.get(key) ?? { members: [], lower: t.minCountPerDay, upper: t.maxCountPerDay ?? Infinity }
    row.members.push(j)
    rows.set(key, row)
  })
  return [...rows.values()]
}

/** Independent parts of the model: no shift, break or count row reaches across two parts. */
function splitIntoParts(model: ScheduleModel, countRows: readonly CountRow[]): Part[] {
  const intervals = model.requirement.startMinutes.length
  const candidates = model.candidates.length
  // nodes: intervals 0..intervals-1, then candidates
  const uf = makeUnionFind(intervals + candidates)
  model.candidates.forEach((c, j) => { for (const t of c.coverage.indices) uf.union(intervals + j, t) })
  for (const row of countRows) for (const j of row.members) uf.union(intervals + row.members[0], intervals + j)
  for (const chain of model.columns.breakChains) {
    for (const j of chain.starts) uf.union(intervals + chain.starts[0], intervals + j)
  }
  const parts = new Map<number, Part>()
  const partOf = (node: number) => {
    const root = uf.find(node)
    let part = parts.get(root)
    if (!part) { part = { candidates: [], intervals: [], slots: [], chains: [], countRows: [] }; parts.set(root, part) }
    return part
  }
  for (let j = 0; j < candidates; j++) partOf(intervals + j).candidates.push(j)
  for (let t = 0; t < intervals; t++) if (parts.has(uf.find(t))) partOf(t).intervals.push(t)
  model.columns.breakChains.forEach((chain, c) => {
    const part = partOf(intervals + chain.starts[0])
    part.chains.push(c)
    chain.starts.forEach((_, position) => {
      const [first, last] = chain.windows[position]
      part.slots.push({ chain: c, position, first, last, deadline: chain.times[last], earliest: chain.times[first] })
    })
  })
  countRows.forEach((row, r) => partOf(intervals + row.members[0]).countRows.push(r))
  for (const part of parts.values()) part.slots.sort((a, b) => a.deadline - b.deadline || a.earliest - b.earliest || a.chain - b.chain || a.position - b.position)
  return [...parts.values()]
}

/**
 * Whole schedule from LP values: see the file header.
 * @param lpValues values of model.mip.variables in an optimal LP relaxation (only the shift counts are read)
 * @returns undefined when no schedule meeting the hard rules (count rows, forbidden over-cover) was found
 */
export function roundLpSolution(model: ScheduleModel, lpValues: ArrayLike<number>): HeuristicSolution | undefined {
  const { columns, candidates } = model
  const variables = model.mip.variables
  const intervals = model.requirement.startMinutes.length
  const cost = columns.shift.map((x) => variables[x].cost)
  const upper = columns.shift.map((x) => variables[x].upper)
  const lower = model.coverLowerBound
  const hasShortfall = columns.shortfall.map((s) => s >= 0)
  const shortfallPenalty = model.shortfallPenaltyPerAgentInterval
  const overCoverUpper = model.coverUpperBound
  // forbidden over-cover is searched with a penalty far above a shortfall and checked at the end
  const overPenalty = model.overCover === 'allow' ? 0 : model.overCover === 'forbid' ? 10 * shortfallPenalty : model.overCover.penaltyPerAgentInterval
  const chains = columns.breakChains
  const countRows = countRowsOf(model)
  const parts = splitIntoParts(model, countRows)
  const countRowOfCandidate = new Int32Array(candidates.length).fill(-1)
  countRows.forEach((row, r) => { for (const j of row.members) countRowOfCandidate[j] = r })

  const counts = new Int32Array(candidates.length)
  const cover = new Float64Array(intervals)
  const timeCounts = chains.map((chain) => new Int32Array(chain.times.length))

  /** Places the part's breaks for the current counts (into timeCounts) and returns the part's objective. */
  function evaluate(part: Part): number {
    let objective = 0
    for (const t of part.intervals) cover[t] = 0
    for (const j of part.candidates) {
      const n = counts[j]
      if (n === 0) continue
      objective += n * cost[j]
      const { indices, values } = candidates[j].coverage
      for (let k = 0; k < indices.length; k++) cover[indices[k]] += n * values[k]
    }
    for (const c of part.chains) timeCounts[c].fill(0)
    for (const slot of part.slots) {
      const chain = chains[slot.chain]
      const placed = timeCounts[slot.chain]
      let n = counts[chain.starts[slot.position]]
      while (n > 0) {
        const p = bestBreakTime(chain.reductions, slot.first, slot.last)
        const { indices, values } = chain.reductions[p]
        for (let k = 0; k < indices.length; k++) cover[indices[k]] -= values[k]
        placed[p]++
        n--
      }
    }
    for (const t of part.intervals) {
      if (hasShortfall[t] && cover[t] < lower[t] - EPS) objective += shortfallPenalty * (lower[t] - cover[t])
      if (overPenalty > 0 && cover[t] > overCoverUpper[t] + EPS) objective += overPenalty * (cover[t] - overCoverUpper[t])
    }
    return objective
  }

  /**
   * The break time for one more break in [first, last]: the one that takes away the most penalised over-cover,
   * else the earliest that leaves every interval its required cover, else the one leaving the least shortfall.
   */
  function bestBreakTime(reductions: ScheduleModel['columns']['breakChains'][number]['reductions'], first: number, last: number): number {
    let best = -1, bestScore = -Infinity
    for (let p = first; p <= last; p++) {
      const { indices, values } = reductions[p]
      let newShort = 0, overTaken = 0
      for (let k = 0; k < indices.length; k++) {
        const t = indices[k], after = cover[t] - values[k]
        if (hasShortfall[t]) newShort += Math.max(0, lower[t] - after) - Math.max(0, lower[t] - cover[t])
        if (overPenalty > 0) overTaken += Math.max(0, cover[t] - overCoverUpper[t]) - Math.max(0, after - overCoverUpper[t])
      }
      const score = overPenalty * overTaken - shortfallPenalty * newShort
      if (score > bestScore + EPS) { best = p; bestScore = score }
    }
    return best
  }

  const countRowAllows = (j: number, change: number): boolean => {
    const r = countRowOfCandidate[j]
    if (r < 0) return true
    const row = countRows[r]
    let total = change
    for (const m of row.members) total += counts[m]
    return total >= row.lower && total <= row.upper
  }

  /** First-improvement local search on the part's counts; returns the final objective. */
  function improve(part: Part): number {
    let best = evaluate(part)
    const tryChange = (changes: [number, number][]): boolean => {
      for (const [j, d] of changes) counts[j] += d
      const value = evaluate(part)
      if (value < best - 1e-7) { best = value; return true }
      for (const [j, d] of changes) counts[j] -= d
      return false
    }
    const active = part.candidates
    for (let round = 0; round < 1000; round++) {
      let improved = false
      // remove a shift
      for (const j of active) {
        while (counts[j] > 0 && countRowAllows(j, -1) && tryChange([[j, -1]])) improved = true
      }
      // add a shift
      for (const j of active) {
        while (counts[j] < upper[j] && countRowAllows(j, 1) && tryChange([[j, 1]])) improved = true
      }
      if (improved) continue
      // swap one shift for another
      outer: for (const j of active) {
        if (counts[j] === 0) continue
        for (const k of active) {
          if (k === j || counts[k] >= upper[k]) continue
          if (countRowOfCandidate[j] !== countRowOfCandidate[k] && (!countRowAllows(j, -1) || !countRowAllows(k, 1))) continue
          if (tryChange([[j, -1], [k, 1]])) { improved = true; break outer }
        }
      }
      if (!improved) break
    }
    evaluate(part) // leave timeCounts and cover at the accepted counts
    return best
  }

  const lpCounts = columns.shift.map((x) => Math.max(0, lpValues[x] ?? 0))
  const starts: ((v: number) => number)[] = [
    (v) => Math.ceil(v - 1e-6),
    (v) => Math.round(v),
    (v) => Math.floor(v + 1e-6),
  ]
  const bestCounts = new Int32Array(candidates.length)
  const bestTimeCounts = chains.map((chain) => new Int32Array(chain.times.length))
  for (const part of parts) {
    let bestValue = Infinity
    for (const roundCount of starts) {
      for (const j of part.candidates) counts[j] = Math.min(upper[j], roundCount(lpCounts[j]))
      const value = improve(part)
      if (value < bestValue - 1e-7) {
        bestValue = value
        for (const j of part.candidates) bestCounts[j] = counts[j]
        for (const c of part.chains) bestTimeCounts[c].set(timeCounts[c])
      }
    }
  }
  return solutionOf(model, bestCounts, bestTimeCounts, countRows)
}

/** The MIP variable values of whole counts and break placements; undefined if a hard rule is broken. */
function solutionOf(model: ScheduleModel, counts: Int32Array, timeCounts: Int32Array[], countRows: readonly CountRow[]): HeuristicSolution | undefined {
  const { columns, candidates } = model
  const values = new Float64Array(model.mip.variables.length)
  const cover = new Float64Array(model.requirement.startMinutes.length)
  candidates.forEach((c, j) => {
    values[columns.shift[j]] = counts[j]
    c.coverage.indices.forEach((t, k) => { cover[t] += counts[j] * c.coverage.values[k] })
  })
  columns.breakChains.forEach((chain, c) => {
    chain.timeVariables.forEach((v, p) => {
      values[v] = timeCounts[c][p]
      chain.reductions[p].indices.forEach((t, k) => { cover[t] -= timeCounts[c][p] * chain.reductions[p].values[k] })
    })
  })
  for (const row of countRows) {
    const total = row.members.reduce((s, j) => s + counts[j], 0)
    if (total < row.lower || total > row.upper) return undefined
  }
  let exact = 0
  candidates.forEach((_, j) => { exact += counts[j] * model.mip.variables[columns.shift[j]].cost })
  for (let t = 0; t < cover.length; t++) {
    const s = columns.shortfall[t]
    if (s >= 0) {
      values[s] = Math.max(0, model.coverLowerBound[t] - cover[t])
      if (values[s] < 1e-9) values[s] = 0
      exact += values[s] * model.mip.variables[s].cost
    }
    if (model.overCover === 'allow') continue
    const over = Math.max(0, cover[t] - model.coverUpperBound[t])
    if (over > 1e-9) {
      const o = columns.overCover[t]
      if (o < 0) return undefined // forbidden over-cover
      values[o] = over
      exact += over * model.mip.variables[o].cost
    }
  }
  return { values, objective: exact }
}
