/**
 * A mixed-integer linear programme as plain data, and its CPLEX LP text (the format HiGHS reads).
 * minimise sum(cost_j x_j) subject to lower_i <= sum_j a_ij x_j <= upper_i, lower_j <= x_j <= upper_j,
 * x_j integer where marked.
 */

export interface MipVariable {
  name: string
  cost: number
  lower: number
  /** Infinity when unbounded above. */
  upper: number
  integer: boolean
}

export interface MipConstraint {
  name: string
  /** Positions in MipModel.variables. */
  indices: number[]
  coefficients: number[]
  /** -Infinity when there is no lower side. */
  lower: number
  /** Infinity when there is no upper side. */
  upper: number
}

export interface MipModel {
  variables: MipVariable[]
  constraints: MipConstraint[]
}

/** Numbers as LP text: up to 12 significant digits, no trailing noise. */
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)))
}

const TERMS_PER_LINE = 10

function linearExpression(indices: readonly number[], coefficients: readonly number[], variables: readonly MipVariable[]): string {
  const parts: string[] = []
  for (let k = 0; k < indices.length; k++) {
    const c = coefficients[k]
    if (c === 0) continue
    const sign = c < 0 ? '-' : '+'
    const magnitude = Math.abs(c)
    const term = `${sign} ${magnitude === 1 ? '' : formatNumber(magnitude) + ' '}${variables[indices[k]].name}`
    parts.push((parts.length > 0 && parts.length % TERMS_PER_LINE === 0 ? '\n   ' : '') + term)
  }
  if (parts.length === 0) return '0 ' + variables[indices[0] ?? 0].name
  return parts.join(' ')
}

/**
 * Writes the model in CPLEX LP format. A two-sided constraint becomes two rows (`name_lo`, `name_hi`) unless both
 * sides are equal (then one `=` row).
 * @throws RangeError if the model has no variables, or a constraint has no side or no terms
 */
export function mipModelToLpText(model: MipModel): string {
  const { variables, constraints } = model
  if (variables.length === 0) throw new RangeError('model.variables: a model needs at least one variable')
  const lines: string[] = ['Minimize']
  const costIndices: number[] = [], costs: number[] = []
  variables.forEach((v, i) => { if (v.cost !== 0) { costIndices.push(i); costs.push(v.cost) } })
  lines.push(' obj: ' + (costIndices.length ? linearExpression(costIndices, costs, variables) : `0 ${variables[0].name}`))
  lines.push('Subject To')
  for (const row of constraints) {
    if (row.indices.length === 0) throw new RangeError(`constraint ${row.name}: has no terms`)
    const expression = linearExpression(row.indices, row.coefficients, variables)
    const hasLower = Number.isFinite(row.lower), hasUpper = Number.isFinite(row.upper)
    if (!hasLower && !hasUpper) throw new RangeError(`constraint ${row.name}: has neither a lower nor an upper side`)
    if (hasLower && hasUpper && row.lower === row.upper) lines.push(` ${row.name}: ${expression} = ${formatNumber(row.lower)}`)
    else {
      if (hasLower) lines.push(` ${row.name}${hasUpper ? '_lo' : ''}: ${expression} >= ${formatNumber(row.lower)}`)
      if (hasUpper) lines.push(` ${row.name}${hasLower ? '_hi' : ''}: ${expression} <= ${formatNumber(row.upper)}`)
    }
  }
  lines.push('Bounds')
  for (const v of variables) {
    const lower = Number.isFinite(v.lower) ? formatNumber(v.lower) : '-inf'
    const upper = Number.isFinite(v.upper) ? formatNumber(v.upper) : '+inf'
    if (v.lower === 0 && !Number.isFinite(v.upper)) continue // the LP default
    lines.push(` ${lower} <= ${v.name} <= ${upper}`)
  }
  const integers = variables.filter((v) => v.integer).map((v) => v.name)
  if (integers.length) {
    lines.push('Generals')
    for (let i = 0; i < integers.length; i += TERMS_PER_LINE) lines.push(' ' + integers.slice(i, i + TERMS_PER_LINE).join(' '))
  }
  lines.push('End', '')
  return lines.join('\n')
}
