import { assertFractionBelowOne, assertNonNegative, assertPositive } from './validateInputs.ts'

/**
 * From agents required (on the phones/chats) to agents scheduled (paid and rostered) and FTE.
 * Shrinkage is the fraction of scheduled time not available for contacts (breaks, training, absence…).
 * Keep workloads fractional until the end: sum `scheduledAgentsExact` over intervals/queues and round once.
 */

/** Agents to schedule before rounding: required / (1 − shrinkage). */
export function scheduledAgentsExact(agentsRequired: number, shrinkageFraction: number): number {
  assertNonNegative('agentsRequired', agentsRequired)
  assertFractionBelowOne('shrinkageFraction', shrinkageFraction)
  return agentsRequired / (1 - shrinkageFraction)
}

/**
 * Agents scheduled = ⌈required / (1 − shrinkage)⌉, where an exact tie is not rounded up by floating-point
 * noise (21 / (1 − 0.3) = 30.000000000000004 schedules 30; 14 / 0.7 schedules 20, as the reference convention requires).
 * @example agentsScheduled(14, 0.3) // 20
 * @throws RangeError if shrinkageFraction is not in [0, 1) or agentsRequired is negative
 */
export function agentsScheduled(agentsRequired: number, shrinkageFraction: number): number {
  return ceilIgnoringNoise(scheduledAgentsExact(agentsRequired, shrinkageFraction))
}

/** ⌈value⌉, except that a value within 1e-9 (relative) of an integer is that integer. */
export function ceilIgnoringNoise(value: number): number {
  const nearest = Math.round(value)
  if (Math.abs(value - nearest) <= 1e-9 * Math.max(1, Math.abs(value))) return nearest
  return Math.ceil(value)
}

/** Agent-hours over intervals: Σ agentsᵢ · intervalMinutes/60 (fractional agents welcome). */
export function agentHours(agentsPerInterval: readonly number[], intervalMinutes: number): number {
  assertPositive('intervalMinutes', intervalMinutes)
  let sum = 0
  agentsPerInterval.forEach((agents, index) => {
    assertNonNegative(`agentsPerInterval[${index}]`, agents)
    sum += agents
  })
  return (sum * intervalMinutes) / 60
}

/**
 * FTE for a set of intervals (e.g. one day): agent-hours / hours per FTE. Pass the unrounded scheduled agents
 * (scheduledAgentsExact) so rounding happens once, on the total.
 * @example fteFromAgentHours(agentHours([10, 10], 30), 8) // 1.25
 */
export function fteFromAgentHours(totalAgentHours: number, hoursPerFte: number): number {
  assertNonNegative('totalAgentHours', totalAgentHours)
  assertPositive('hoursPerFte', hoursPerFte)
  return totalAgentHours / hoursPerFte
}

/** Shrinkage given once (a number) or per interval (an array), resolved for interval `index`. */
export function shrinkageForInterval(shrinkage: number | readonly number[], index: number): number {
  const value = typeof shrinkage === 'number' ? shrinkage : shrinkage[index]
  assertFractionBelowOne(typeof shrinkage === 'number' ? 'shrinkageFraction' : `shrinkageFraction[${index}]`, value)
  return value
}
