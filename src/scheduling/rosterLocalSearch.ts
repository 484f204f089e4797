/**
 * Local search on a whole roster of the roster MIP (rosterModel.ts), in plain JavaScript (no solver call), so it
 * improves a rounded LP roster in milliseconds even when the machine is loaded: moves that keep every hard row
 * (finite upper side, no penalty variable in it) and lower the exact objective, taken first-improvement until none
 * is left or the deadline passes:
 * - insert: an unworked shift to an agent who can take it;
 * - transfer: a shift from its agent to another;
 * - swap: two agents exchange one shift each (e.g. a 6-h shift for an 8.5-h one, which brings an agent half an
 *   hour below contract up to it);
 * - chain, for an agent below the weekly minimum: a colleague hands them a shift and takes one of the same week
 *   from a third agent (or an unworked one).
 * The penalty variables (hours below contract, shifts above a fair share) are recomputed from their rows, so the
 * objective change of a move is exact. Pure.
 */
import { hardRowsByVariable, type RosterModel } from './rosterModel.ts'

interface SoftRow { variable: number; row: number; lowerType: boolean; slackCoefficient: number; cost: number }

/**
 * @param values every variable's value in a roster that keeps all rows (changed in place)
 * @returns the roster's objective after the search and the number of moves made
 */
export function improveRosterLocally(model: RosterModel, counts: readonly number[], values: Float64Array, deadlineMs: number): { objective: number; moves: number } {
  const { variables, constraints } = model.mip
  // hard rows per variable, and their activity
  const hardRows = hardRowsByVariable(model)
  const activity = new Float64Array(constraints.length)
  constraints.forEach((c, row) => { c.indices.forEach((v, k) => { activity[row] += c.coefficients[k] * values[v] }) })
  // soft rows: the row that defines each penalty variable; its activity without the penalty variable
  const softRows: SoftRow[] = model.slacks.map(({ variable, row }) => {
    const c = constraints[row]
    const k = c.indices.indexOf(variable)
    return { variable, row, lowerType: Number.isFinite(c.lower), slackCoefficient: c.coefficients[k], cost: variables[variable].cost }
  })
  const softOf: { soft: number; coefficient: number }[][] = variables.map(() => [])
  const softActivity = new Float64Array(softRows.length)
  softRows.forEach((s, k) => {
    const c = constraints[s.row]
    c.indices.forEach((v, i) => {
      if (v === s.variable) return
      softOf[v].push({ soft: k, coefficient: c.coefficients[i] })
      softActivity[k] += c.coefficients[i] * values[v]
    })
  })
  const slackAt = (k: number, act: number) => {
    const s = softRows[k], c = constraints[s.row]
    return s.lowerType ? Math.max(0, (c.lower - act) / s.slackCoefficient) : Math.max(0, (act - c.upper) / -s.slackCoefficient)
  }
  // per group: its unworked count and unworked cost; per pair variable: [agent, group]
  const groupOf = new Map<number, number>()
  for (const [v, [, g]] of model.pairs) groupOf.set(v, g)
  const holders = counts.map(() => new Set<number>())
  const pairsOfAgent = new Map<number, number[]>()
  const pairsOfGroup = counts.map(() => [] as number[])
  for (const [v, [a, g]] of model.pairs) {
    if (values[v] > 0.5) holders[g].add(v)
    if (!pairsOfAgent.has(a)) pairsOfAgent.set(a, [])
    pairsOfAgent.get(a)!.push(v)
    pairsOfGroup[g].push(v)
  }
  const agentOf = (v: number) => model.pairs.get(v)![0]
  const unworkedCost = model.unassignedVar.map((u) => variables[u].cost)
  const weekOfGroup = new Map<number, number>()
  for (const unit of model.units) for (const v of unit.variables) { const g = groupOf.get(v); if (g !== undefined) weekOfGroup.set(g, unit.week) }
  const sameWeek = (g: number, h: number) => weekOfGroup.get(g) === weekOfGroup.get(h)

  /** Objective change of flipping the given pair variables (+1 on, -1 off), or Infinity if a hard row breaks. */
  const trial = (flips: readonly [number, 1 | -1][]): number => {
    // hard rows: apply in order (offs first), check, undo
    const applied: [number, 1 | -1][] = []
    let ok = true
    for (const [v, sign] of [...flips].sort((p, q) => p[1] - q[1])) {
      if (sign > 0 && hardRows[v].some(({ row, coefficient }) => activity[row] + coefficient > constraints[row].upper + 1e-9)) { ok = false; break }
      for (const { row, coefficient } of hardRows[v]) activity[row] += sign * coefficient
      applied.push([v, sign])
    }
    for (const [v, sign] of applied) for (const { row, coefficient } of hardRows[v]) activity[row] -= sign * coefficient
    if (!ok) return Infinity
    let delta = 0
    const touched = new Map<number, number>()
    const groupChange = new Map<number, number>()
    for (const [v, sign] of flips) {
      delta += sign * variables[v].cost
      const g = groupOf.get(v)!
      groupChange.set(g, (groupChange.get(g) ?? 0) + sign)
      for (const { soft, coefficient } of softOf[v]) touched.set(soft, (touched.get(soft) ?? 0) + sign * coefficient)
    }
    for (const [g, change] of groupChange) {
      const worked = holders[g].size + change
      if (worked > counts[g] || worked < 0) return Infinity
      delta -= change * unworkedCost[g]
    }
    for (const [k, change] of touched) delta += softRows[k].cost * (slackAt(k, softActivity[k] + change) - slackAt(k, softActivity[k]))
    return delta
  }
  const apply = (flips: readonly [number, 1 | -1][]) => {
    for (const [v, sign] of flips) {
      values[v] += sign
      for (const { row, coefficient } of hardRows[v]) activity[row] += sign * coefficient
      for (const { soft, coefficient } of softOf[v]) softActivity[soft] += sign * coefficient
      const g = groupOf.get(v)!
      if (sign > 0) holders[g].add(v)
      else holders[g].delete(v)
    }
  }

  let moves = 0
  for (let improved = true; improved && performance.now() < deadlineMs;) {
    improved = false
    // pairs of agents below a weekly minimum first: their moves gain the most, and the deadline may cut the sweep
    const inDeficit = (v: number) => softOf[v].some(({ soft }) => softRows[soft].lowerType && slackAt(soft, softActivity[soft]) > 1e-9)
    const order = [...model.pairs].sort((p, q) => Number(inDeficit(q[0])) - Number(inDeficit(p[0])))
    for (const [v, [a, g]] of order) {
      if (values[v] > 0.5) continue
      if (performance.now() > deadlineMs) break
      let best: [number, 1 | -1][] | undefined, bestDelta = -1e-6
      const consider = (flips: [number, 1 | -1][]) => { const d = trial(flips); if (d < bestDelta) { bestDelta = d; best = flips } }
      if (holders[g].size < counts[g]) consider([[v, 1]])
      for (const b of holders[g]) {
        consider([[b, -1], [v, 1]])
        // swap: b's agent takes one of a's shifts in return
        const other = agentOf(b)
        for (const h of pairsOfAgent.get(a)!) {
          if (values[h] < 0.5) continue
          const gh = groupOf.get(h)!
          const back = pairsOfGroup[gh].find((w) => agentOf(w) === other)
          if (back === undefined || values[back] > 0.5) continue
          consider([[b, -1], [h, -1], [v, 1], [back, 1]])
        }
      }
      // chain, for an agent below the weekly minimum: b hands g to a and takes in turn a shift of that week from c
      // (or an unworked one)
      if (!best && inDeficit(v)) {
        for (const b of holders[g]) {
          const other = agentOf(b)
          for (const back of pairsOfAgent.get(other)!) {
            const gh = groupOf.get(back)!
            if (values[back] > 0.5 || gh === g || !sameWeek(gh, g)) continue
            if (holders[gh].size < counts[gh]) consider([[b, -1], [v, 1], [back, 1]])
            for (const c of holders[gh]) consider([[b, -1], [v, 1], [c, -1], [back, 1]])
          }
        }
      }
      if (best) { apply(best); moves++; improved = true }
    }
  }
  // the penalty and unworked variables from their rows
  model.unassignedVar.forEach((u, g) => { values[u] = counts[g] - holders[g].size })
  softRows.forEach((s, k) => { values[s.variable] = slackAt(k, softActivity[k]) })
  let objective = 0
  variables.forEach((variable, i) => { objective += variable.cost * values[i] })
  return { objective, moves }
}
