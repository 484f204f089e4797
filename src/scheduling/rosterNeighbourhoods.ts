/**
 * Large-neighbourhood search for the roster MIP (rosterModel.ts): from a whole roster, free the variables of a
 * few agents (their shifts, their slack), fix every other agent's assignment, and let HiGHS solve the small MIP
 * that is left to optimality; keep the answer when it is cheaper. Repeated over agent sets chosen from the
 * agents that carry a penalty, this finds far better rosters in a few seconds than branch-and-bound on the whole
 * model, whose LP relaxation is very fractional (Shaw 1998, "Using constraint programming and local search methods
 * to solve vehicle routing problems"; Pisinger & Ropke 2010, "Large neighborhood search"). Pure.
 */
import type { MipModel, MipVariable } from './mipModel.ts'
import { mipModelToLpText } from './mipModel.ts'
import { runHighs } from './highsRunner.ts'
import { seededRandom } from '../staffing/seededRandom.ts'

/**
 * The model with only the `free` variables left: every other variable is fixed at its value in `values`, so each
 * row's sides move by the fixed part of its activity; rows with no free variable are dropped.
 * @returns the smaller model and, per of its variables, the index in the whole model
 */
export function restrictMipModel(model: MipModel, values: Float64Array, free: ReadonlySet<number>): { mip: MipModel; columns: number[] } {
  // a row whose fixed part already reaches its upper side, over free variables with positive coefficients and
  // lower bound 0 (a shift the fixed agents fill), holds those variables at 0: they leave the model
  const zero = new Set<number>()
  for (const row of model.constraints) {
    if (!Number.isFinite(row.upper)) continue
    let fixed = 0, freeCount = 0, allPositive = true
    row.indices.forEach((v, k) => {
      if (!free.has(v)) fixed += row.coefficients[k] * values[v]
      else { freeCount++; if (!(row.coefficients[k] > 0 && model.variables[v].lower === 0)) allPositive = false }
    })
    if (freeCount > 0 && allPositive && row.upper - fixed <= 1e-9) for (const v of row.indices) if (free.has(v)) zero.add(v)
  }
  const columns = [...free].filter((v) => !zero.has(v)).sort((p, q) => p - q)
  const position = new Map(columns.map((v, k) => [v, k]))
  const variables: MipVariable[] = columns.map((v) => model.variables[v])
  const constraints: MipModel['constraints'] = []
  for (const row of model.constraints) {
    let fixed = 0
    const indices: number[] = [], coefficients: number[] = []
    row.indices.forEach((v, k) => {
      const p = position.get(v)
      if (p === undefined) fixed += zero.has(v) ? 0 : row.coefficients[k] * values[v]
      else { indices.push(p); coefficients.push(row.coefficients[k]) }
    })
    if (indices.length === 0) continue
    constraints.push({ name: row.name, indices, coefficients, lower: row.lower - fixed, upper: row.upper - fixed })
  }
  return { mip: { variables, constraints }, columns }
}

export interface NeighbourhoodSearchOptions {
  /** Variables of each unit of the search (in the roster: one agent's assignments and slacks in one week). */
  unitVariables: readonly number[][]
  /** Variables free in every neighbourhood (the unassigned counts). */
  sharedVariables: readonly number[]
  /** Units that carry a penalty in a roster, costliest first (each seeds neighbourhoods in turn). */
  penalisedUnits: (values: Float64Array) => number[]
  /** Units worth re-solving with the given one (in the roster: other agents holding shifts it could work). */
  relatedUnits: (unit: number, values: Float64Array) => number[]
  /** Stop when the objective reaches this (the proven bound). */
  targetObjective: number
  secondsLeft: () => number
  /** Units in the first neighbourhoods. @default 12 */
  initialSize?: number
  /** @default 0 */
  seed?: number
  /** Called after each sub-MIP (for the bench's diagnostics). */
  onRound?: (round: { size: number; variables: number; seconds: number; status: string; improved: boolean }) => void
}

/**
 * Improves `start` (values of every variable, objective `startObjective`) by solving sub-MIPs over sets of units:
 * a penalised unit, then units related to it, then any at random. The set grows when sub-MIPs solve without a
 * gain and shrinks when one hits its time limit.
 */
export async function searchNeighbourhoods(model: MipModel, start: Float64Array, startObjective: number, options: NeighbourhoodSearchOptions): Promise<{ values: Float64Array; objective: number; rounds: number; improvements: number }> {
  const { unitVariables, sharedVariables, penalisedUnits, relatedUnits, targetObjective, secondsLeft, initialSize = 12, seed = 0, onRound } = options
  const random = seededRandom(seed)
  const units = unitVariables.length
  let values = start, objective = startObjective, size = Math.min(units, initialSize), rounds = 0, improvements = 0, failures = 0
  let turn = 0
  while (objective > targetObjective + 1e-9 && secondsLeft() > 0.2 && units > 0) {
    rounds++
    const chosen = new Set<number>()
    const penalised = penalisedUnits(values)
    // every other round one of the three costliest units, else the next in turn
    if (penalised.length) chosen.add(rounds % 2 === 0 ? penalised[(turn >> 1) % Math.min(3, penalised.length)] : penalised[turn % penalised.length])
    turn++
    const related = [...new Set([...chosen].flatMap((u) => relatedUnits(u, values)))].filter((u) => !chosen.has(u))
    while (chosen.size < size && related.length > 0) chosen.add(related.splice(Math.floor(random.next() * related.length), 1)[0])
    while (chosen.size < size) chosen.add(Math.floor(random.next() * units))
    const free = new Set<number>(sharedVariables)
    for (const u of chosen) for (const v of unitVariables[u]) free.add(v)
    const { mip, columns } = restrictMipModel(model, values, free)
    let current = 0
    columns.forEach((v) => { current += model.variables[v].cost * values[v] })
    const startValues = new Map<string, number>()
    columns.forEach((v) => { if (values[v] !== 0) startValues.set(model.variables[v].name, values[v]) })
    const began = performance.now()
    const run = await runHighs(mipModelToLpText(mip), { timeLimitSeconds: Math.min(2, Math.max(0.1, secondsLeft() - 0.1)), mipRelativeGap: 0, startValues })
    const improved = run.hasSolution && run.objective < current - 1e-6
    onRound?.({ size, variables: mip.variables.length, seconds: (performance.now() - began) / 1000, status: run.solverStatus, improved })
    if (improved) {
      const next = values.slice()
      const byName = new Map(run.columnNames.map((name, k) => [name, run.columnValues[k]]))
      for (const v of columns) { const x = byName.get(model.variables[v].name) ?? 0; next[v] = model.variables[v].integer ? Math.round(x) : x }
      values = next
      objective += run.objective - current
      improvements++
      failures = 0
    } else failures++
    if (run.solverStatus === 'timeLimit') size = Math.max(3, size - 2)
    else if (failures >= 2) { size = Math.min(units, size + 2); failures = 0 }
  }
  return { values, objective, rounds, improvements }
}
