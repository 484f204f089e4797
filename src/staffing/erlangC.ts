import { erlangB, erlangBStepUp, inverseErlangBAtOrBelowLoad } from './erlangB.ts'
import { assertInteger, assertNonNegative, assertPositive } from './validateInputs.ts'
import { defaultMaxAgents, missedTargets, validateTargets } from './staffingTargets.ts'
import type { StaffingTargets, TargetName } from './staffingTargets.ts'
import { meetsMaximum, meetsMinimum, TARGET_RELATIVE_TOLERANCE } from './targetComparison.ts'

/** What an M/M/N queue (Erlang C) achieves with a given number of agents. */
export interface ErlangCMeasures {
  agents: number
  /** P(an arriving contact waits) = C(N, A). */
  waitProbability: number
  /** P(wait ≤ t) = 1 − C·exp(−(N − A)·t / AHT). */
  serviceLevel: number
  /** Average speed of answer E[wait] = C·AHT / (N − A), in seconds. */
  asaSeconds: number
  /** A / N. */
  occupancy: number
}

/**
 * Probability an arriving contact waits (Erlang C), C = N·B / (N − A·(1 − B)) from the stable Erlang B.
 * Ref: Gans, Koole & Mandelbaum (2003).
 * @example erlangCWaitProbability(14, 10) // 0.174131933595 (reference case ec-004)
 * @throws RangeError if agents ≤ offeredLoadErlangs (the queue never empties)
 */
export function erlangCWaitProbability(agents: number, offeredLoadErlangs: number): number {
  assertInteger('agents', agents, 1)
  assertPositive('offeredLoadErlangs', offeredLoadErlangs)
  if (agents <= offeredLoadErlangs) {
    throw new RangeError(`Erlang C needs more agents than erlangs of load: agents ${agents} <= offeredLoadErlangs ${offeredLoadErlangs} (the queue would grow without bound)`)
  }
  return waitProbabilityFromBlocking(erlangB(agents, offeredLoadErlangs), agents, offeredLoadErlangs)
}

function waitProbabilityFromBlocking(blocking: number, agents: number, offeredLoadErlangs: number): number {
  return (agents * blocking) / (agents - offeredLoadErlangs * (1 - blocking))
}

export interface ErlangCInputs {
  offeredLoadErlangs: number
  ahtSeconds: number
  /** Service-level threshold t in seconds (P(wait ≤ t)); default 0. */
  answerWithinSeconds?: number
}

/**
 * Erlang C measures at `agents` (reference conventions: service_level = 1 − C·e^(−(N−A)t/AHT),
 * asa = C·AHT/(N−A), occupancy = A/N).
 * @example erlangCMeasures(14, { offeredLoadErlangs: 10, ahtSeconds: 180, answerWithinSeconds: 20 }).serviceLevel // 0.888350019179
 * @throws RangeError if agents ≤ offeredLoadErlangs, ahtSeconds ≤ 0 or the threshold is negative
 */
export function erlangCMeasures(agents: number, inputs: ErlangCInputs): ErlangCMeasures {
  const { offeredLoadErlangs, ahtSeconds, answerWithinSeconds = 0 } = inputs
  assertPositive('ahtSeconds', ahtSeconds)
  assertNonNegative('answerWithinSeconds', answerWithinSeconds)
  const waitProbability = erlangCWaitProbability(agents, offeredLoadErlangs)
  return measuresFromWaitProbability(waitProbability, agents, offeredLoadErlangs, ahtSeconds, answerWithinSeconds)
}

function measuresFromWaitProbability(waitProbability: number, agents: number, load: number, ahtSeconds: number, thresholdSeconds: number): ErlangCMeasures {
  const spare = agents - load
  return {
    agents,
    waitProbability,
    serviceLevel: 1 - waitProbability * Math.exp((-spare * thresholdSeconds) / ahtSeconds),
    asaSeconds: (waitProbability * ahtSeconds) / spare,
    occupancy: load / agents,
  }
}

/** The result of a staffing search. */
export interface ErlangCRequirement {
  agents: number
  /** The targets that force this many agents: those missed with one agent fewer. */
  bindingConstraints: TargetName[]
  measures: ErlangCMeasures
  /** Measures with one agent fewer, or null when that queue would be unstable (or there would be no agent). */
  measuresWithOneFewer: ErlangCMeasures | null
}

export interface AgentsSearchOptions {
  /** Give up (RangeError) above this many agents. @default defaultMaxAgents(load): 100000, more for loads above 1e5 erlangs */
  maxAgents?: number
}

/**
 * Smallest number of agents N > A meeting every given target (service level X within t seconds, ASA,
 * occupancy cap), comparisons inclusive with relative tolerance 1e-12.
 *
 * Fast: Erlang B is evaluated once at N = ⌊A⌋ from the Poisson ratio sum (≈9·√A terms, see {@link erlangB}),
 * then the recursion steps up one agent at a time until every target is met (typically ½·√A steps).
 * A load of 0 erlangs needs 0 agents.
 * @example agentsForErlangC(10, 180, { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }).agents // 14
 * @throws RangeError on invalid inputs, or if no N ≤ maxAgents meets the targets
 */
export function agentsForErlangC(offeredLoadErlangs: number, ahtSeconds: number, targets: StaffingTargets, options: AgentsSearchOptions = {}): ErlangCRequirement {
  assertNonNegative('offeredLoadErlangs', offeredLoadErlangs)
  const { maxAgents = defaultMaxAgents(offeredLoadErlangs) } = options
  assertPositive('ahtSeconds', ahtSeconds)
  validateTargets(targets, { allowAbandon: false })
  const thresholdSeconds = targets.answerWithinSeconds ?? 0
  if (offeredLoadErlangs === 0) {
    const idle: ErlangCMeasures = { agents: 0, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 }
    return { agents: 0, bindingConstraints: [], measures: idle, measuresWithOneFewer: null }
  }
  const agents = erlangCAgentsRequired(offeredLoadErlangs, ahtSeconds, targets.serviceLevelTarget ?? NaN, thresholdSeconds, targets.asaTargetSeconds ?? NaN, targets.maxOccupancy ?? NaN, maxAgents)
  // B(N−1) once, B(N) by one step up: both sets of measures for the price of one Erlang B.
  const blockingBelow = erlangB(agents - 1, offeredLoadErlangs)
  const blocking = erlangBStepUp(blockingBelow, agents, offeredLoadErlangs)
  const measuresAt = (n: number, b: number) => measuresFromWaitProbability(waitProbabilityFromBlocking(b, n, offeredLoadErlangs), n, offeredLoadErlangs, ahtSeconds, thresholdSeconds)
  const measures = measuresAt(agents, blocking)
  const measuresWithOneFewer = agents - 1 > offeredLoadErlangs ? measuresAt(agents - 1, blockingBelow) : null
  const unstable = { serviceLevel: 0, asaSeconds: Infinity, occupancy: agents - 1 > 0 ? Math.min(1, offeredLoadErlangs / (agents - 1)) : 1 }
  const bindingConstraints = missedTargets(measuresWithOneFewer ?? unstable, targets)
  return { agents, bindingConstraints, measures, measuresWithOneFewer }
}

/**
 * The search loop of {@link agentsForErlangC} on plain numbers (NaN = target not set), unchecked.
 * Exported for the benchmark and for callers that validate once and solve many intervals.
 */
export function erlangCAgentsRequired(load: number, ahtSeconds: number, serviceLevelTarget: number, thresholdSeconds: number, asaTargetSeconds: number, maxOccupancy: number, maxAgents: number): number {
  if (load >= maxAgents) throw new RangeError(`no staffing level up to maxAgents ${maxAgents} meets the targets for an offered load of ${load} erlangs`)
  const hasSl = !Number.isNaN(serviceLevelTarget)
  const hasAsa = !Number.isNaN(asaTargetSeconds)
  const hasOcc = !Number.isNaN(maxOccupancy)
  const decayPerAgent = thresholdSeconds / ahtSeconds
  const decayFactor = Math.exp(-decayPerAgent)
  // SL ≥ target within the relative tolerance ⟺ C·decay ≤ 1 − target + tol·target. With a target of 1 the
  // allowance is tol (1e-12), so the search stops at the first N whose SL rounds to 1 under the documented
  // convention, rather than running on until 1/B overflows.
  const missAllowed = 1 - serviceLevelTarget + TARGET_RELATIVE_TOLERANCE * serviceLevelTarget
  const inverseLoad = 1 / load
  let n = Math.floor(load)
  // r = 1/B(n, A); stepping up r(n) = 1 + (n/A)·r(n−1) needs no division.
  let inverseBlocking = inverseErlangBAtOrBelowLoad(n, load)
  // e^(−(n−A)·t/AHT), updated by one multiplication per agent (re-evaluated exactly near a tie).
  let decay = Math.exp(-(n + 1 - load) * decayPerAgent) / decayFactor
  while (n < maxAgents) {
    n++
    inverseBlocking = 1 + n * inverseLoad * inverseBlocking
    decay *= decayFactor
    if (n <= load) continue
    if (hasOcc && !meetsMaximum(load / n, maxOccupancy)) continue
    const spare = n - load
    // C = n·B/(spare + A·B) = n/(spare·r + A); SL = 1 − C·decay ≥ target  ⟺  n·decay ≤ (1 − target)·(spare·r + A)
    const denominator = spare * inverseBlocking + load
    if (hasSl) {
      const lhs = n * decay
      const rhs = missAllowed * denominator
      if (Math.abs(lhs - rhs) <= 1e-9 * rhs) {
        if (!meetsMinimum(1 - (n / denominator) * Math.exp(-spare * decayPerAgent), serviceLevelTarget)) continue
      } else if (lhs > rhs) continue
    }
    // (1/B overflows to Infinity only where C < 1e-300: the service level is 1 and the ASA 0 to double precision.)
    if (hasAsa && !meetsMaximum((n * ahtSeconds) / (denominator * spare), asaTargetSeconds)) continue
    return n
  }
  throw new RangeError(`no staffing level up to maxAgents ${maxAgents} meets the targets for an offered load of ${load} erlangs`)
}
