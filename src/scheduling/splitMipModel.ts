/**
 * Splits a MIP into independent parts: the connected components of its constraint-variable graph (two
 * variables are joined when a constraint holds both). The parts share no constraint, so the MIP's optimum is
 * the sum of the parts' optima, and any bound on each part adds up to a bound on the whole. A schedule without
 * shifts across midnight falls apart into one part per day.
 */
import type { MipConstraint, MipModel } from './mipModel.ts'

export interface MipPart {
  /** Positions of the part's variables in the whole model, ascending. */
  variables: number[]
  /** The part as a model of its own (same variable names; indices into its own variables). */
  model: MipModel
}

/** Connected components of the constraint-variable graph, each as a model of its own, in order of their first variable. */
export function splitMipModel(mip: MipModel): MipPart[] {
  const size = mip.variables.length
  const parent = Int32Array.from({ length: size }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i] }
    return i
  }
  for (const row of mip.constraints) {
    const first = row.indices[0]
    for (let k = 1; k < row.indices.length; k++) {
      const a = find(first), b = find(row.indices[k])
      if (a !== b) parent[a] = b
    }
  }
  const partOfRoot = new Map<number, number>()
  const localIndex = new Int32Array(size)
  const parts: { variables: number[]; constraints: MipConstraint[] }[] = []
  for (let v = 0; v < size; v++) {
    const root = find(v)
    let p = partOfRoot.get(root)
    if (p === undefined) { p = parts.length; partOfRoot.set(root, p); parts.push({ variables: [], constraints: [] }) }
    localIndex[v] = parts[p].variables.length
    parts[p].variables.push(v)
  }
  for (const row of mip.constraints) {
    if (row.indices.length === 0) continue
    const part = parts[partOfRoot.get(find(row.indices[0]))!]
    part.constraints.push({ ...row, indices: row.indices.map((v) => localIndex[v]) })
  }
  return parts.map(({ variables, constraints }) => ({ variables, model: { variables: variables.map((v) => mip.variables[v]), constraints } }))
}
