import { erlangB, erlangBStepDown, erlangBStepUp } from './erlangB.ts'
import { logKummerSeries } from './gammaFunctions.ts'
import { assertInteger, assertNonNegative, assertPositive } from './validateInputs.ts'
import { defaultMaxAgents, missedTargets, validateTargets } from './staffingTargets.ts'
import type { StaffingTargets, TargetName } from './staffingTargets.ts'
import type { AgentsSearchOptions } from './erlangC.ts'

/**
 * Erlang A (M/M/N+M, Palm's queue): Poisson arrivals, exponential handling (mean AHT), N agents, and customers
 * who abandon after an exponential patience (mean `meanPatienceSeconds`) if not answered by then.
 *
 * Exact formulas of Garnett, Mandelbaum & Reiman (2002), "Designing a call center with impatient customers",
 * MSOM 4(3), and Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call centers" (2007).
 * With x = Nμ/θ, y = λ/θ (μ = 1/AHT, θ = 1/patience), E = Erlang B(N, λ/μ) and
 * K(x, y) = Σ_j yʲ/((x+1)…(x+j)) = x·eʸ·y^(−x)·γ(x, y) (see logKummerSeries):
 *   P(wait > 0)            = K·E / (1 + (K − 1)·E)
 *   P(abandon | wait > 0)  = 1/(ρK) + 1 − 1/ρ,   ρ = λ/(Nμ)
 *   E[wait] (all offered)  = P(abandon)/θ   (Little's law on the queue)
 * A customer finding j others waiting has a virtual wait V with θV ~ −ln U, U ~ Beta(x, j+1); summing over the
 * stationary queue gives, with z = e^(−θt):
 *   P(V > t)                         = P(wait > 0)·γ(x, yz)/γ(x, y)
 *   P(answered, 0 < wait ≤ t)        = π_N·x·eʸ·y^(−x−1)·[γ(x+1, y) − γ(x+1, yz)],  π_N = P(wait > 0)/K
 *   E[wait·1{answered}]              = π_N·Σ_j wⱼ·x/(x+j+1)·Σ_{i=1}^{j+1} 1/(x+i) / θ,  wⱼ = yʲ/((x+1)…(x+j))
 * Everything is evaluated in log space, so thousands of agents and very long patience are fine.
 */

export interface ErlangAInputs {
  offeredLoadErlangs: number
  ahtSeconds: number
  meanPatienceSeconds: number
  /** Service-level threshold t in seconds. @default 0 */
  answerWithinSeconds?: number
}

/** What an Erlang A queue achieves with a given number of agents (the reference file's conventions). */
export interface ErlangAMeasures {
  agents: number
  /** P(an arriving contact has to wait). */
  waitProbability: number
  /** Fraction of offered contacts that abandon. */
  abandonFraction: number
  /** P(answered AND wait ≤ t) over all offered: abandons count as misses. */
  serviceLevel: number
  /** The same over answered contacts only: P(wait ≤ t | answered). */
  serviceLevelOfAnswered: number
  /** P(min(V, patience) ≤ t): abandons before t count as met. */
  serviceLevelWaitWithin: number
  /** P(V ≤ t) for the virtual wait V (what an infinitely patient customer would wait). */
  serviceLevelOfferedWaitWithin: number
  /** Mean wait over all offered, including the abandoners' time to abandon, in seconds. */
  asaSeconds: number
  /** Mean wait of answered contacts, in seconds. */
  asaAnsweredSeconds: number
  /** λ·(1 − P(abandon))·AHT / N. */
  occupancy: number
}

/** Which measures to compute (the search only needs some of them). */
interface MeasureSelection {
  serviceLevel: boolean
  details: boolean
}

function logAddExpZero(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))
}

/**
 * ln K(x, y), ln K(x+1, y) and P(abandon | wait > 0) = T/K with T = Σ_j wⱼ (j+1)/(x+j+1), all without cancellation:
 * one positive series when y ≤ x + 1, otherwise the continued fraction behind logKummerSeries.
 */
function queueSums(x: number, y: number): { logK: number; logK1: number; abandonGivenWait: number } {
  if (y <= x + 1) {
    // uⱼ = yʲ/((x+2)…(x+j+1)); wⱼ = yʲ/((x+1)…(x+j)) = uⱼ·(x+j+1)/(x+1)
    let u = 1
    let sumU = 1
    let sumW = 1
    let sumT = 1 / (x + 1)
    for (let j = 1; j < 10_000_000; j++) {
      const d = x + j + 1
      u *= y / d
      sumU += u
      const w = (u * d) / (x + 1)
      sumW += w
      sumT += (u * (j + 1)) / (x + 1)
      if (w < 1e-17 * sumW && u < 1e-17 * sumU) break
    }
    return { logK: Math.log(sumW), logK1: Math.log(sumU), abandonGivenWait: sumT / sumW }
  }
  const logK1 = logKummerSeries(x + 1, y)
  const logK = logAddExpZero(Math.log(y) - Math.log(x + 1) + logK1)
  return { logK, logK1, abandonGivenWait: 1 - (x / y) * -Math.expm1(-logK) }
}

/**
 * Erlang A measures at `agents`, given B = Erlang B(agents, load) (unchecked inputs; see erlangAMeasures).
 */
export function erlangAMeasuresFromBlocking(agents: number, blocking: number, inputs: Required<ErlangAInputs>, selection: MeasureSelection = { serviceLevel: true, details: true }): ErlangAMeasures {
  const { offeredLoadErlangs: load, ahtSeconds, meanPatienceSeconds, answerWithinSeconds } = inputs
  const x = (agents * meanPatienceSeconds) / ahtSeconds
  const y = (load * meanPatienceSeconds) / ahtSeconds
  const thetaT = answerWithinSeconds / meanPatienceSeconds
  const { logK, logK1, abandonGivenWait } = queueSums(x, y)
  // P(W > 0) = K·E/(1 + (K−1)E) = 1/(1 + (1/E − 1)/K)
  const logOthers = Math.log1p(-blocking) - Math.log(blocking) // ln((1−E)/E) = ln Σ_{n<N} π_n/π_N
  const waitProbability = 1 / (1 + Math.exp(logOthers - logK))
  const abandonFraction = waitProbability * abandonGivenWait
  const asaSeconds = abandonFraction * meanPatienceSeconds
  const occupancy = (load * (1 - abandonFraction)) / agents
  const measures: ErlangAMeasures = {
    agents, waitProbability, abandonFraction, asaSeconds, occupancy,
    serviceLevel: NaN, serviceLevelOfAnswered: NaN, serviceLevelWaitWithin: NaN, serviceLevelOfferedWaitWithin: NaN, asaAnsweredSeconds: NaN,
  }
  if (!selection.serviceLevel && !selection.details) return measures
  const oneMinusZ = -Math.expm1(-thetaT)
  const yz = y * Math.exp(-thetaT)
  const logK1z = thetaT === 0 ? logK1 : logKummerSeries(x + 1, yz)
  const logE = -(x + 1) * thetaT + y * oneMinusZ // ln( z^(x+1) e^(y(1−z)) )
  const answeredAfterWaitWithin = (x / (x + 1)) * (Math.exp(logK1 - logK) - Math.exp(logE + logK1z - logK))
  measures.serviceLevel = 1 - waitProbability + waitProbability * Math.max(0, answeredAfterWaitWithin)
  if (!selection.details) return measures
  measures.serviceLevelOfAnswered = measures.serviceLevel / (1 - abandonFraction)
  const logKz = logAddExpZero(Math.log(yz) - Math.log(x + 1) + logK1z)
  const virtualWaitOver = thetaT === 0 ? waitProbability : waitProbability * Math.exp(-x * thetaT + y * oneMinusZ + logKz - logK)
  measures.serviceLevelOfferedWaitWithin = 1 - virtualWaitOver
  measures.serviceLevelWaitWithin = 1 - virtualWaitOver * Math.exp(-thetaT)
  measures.asaAnsweredSeconds = (waitProbability * meanPatienceSeconds * answeredWaitSum(x, y, logK)) / (1 - abandonFraction)
  return measures
}

/**
 * Σ_j wⱼ·x/(x+j+1)·Σ_{i=1}^{j+1} 1/(x+i), divided by K(x, y): the answered customers' mean wait (in units of
 * patience) per waiting customer. Terms are rescaled as they grow, so y ≫ x does not overflow.
 */
function answeredWaitSum(x: number, y: number, logK: number): number {
  let w = 1
  let harmonic = 1 / (x + 1)
  let sum = (x / (x + 1)) * harmonic
  let logScale = 0
  const peak = Math.max(0, y - x)
  for (let j = 1; j < 100_000_000; j++) {
    w *= y / (x + j)
    harmonic += 1 / (x + j + 1)
    const term = ((w * x) / (x + j + 1)) * harmonic
    sum += term
    if (w > 1e280) {
      w *= 1e-280
      sum *= 1e-280
      logScale += 280 * Math.LN10
    }
    if (j > peak && term < 1e-17 * sum) break
  }
  return Math.exp(Math.log(sum) + logScale - logK)
}

function validateErlangAInputs(inputs: ErlangAInputs): Required<ErlangAInputs> {
  const { offeredLoadErlangs, ahtSeconds, meanPatienceSeconds, answerWithinSeconds = 0 } = inputs
  assertNonNegative('offeredLoadErlangs', offeredLoadErlangs)
  assertPositive('ahtSeconds', ahtSeconds)
  assertPositive('meanPatienceSeconds', meanPatienceSeconds)
  assertNonNegative('answerWithinSeconds', answerWithinSeconds)
  return { offeredLoadErlangs, ahtSeconds, meanPatienceSeconds, answerWithinSeconds }
}

/**
 * Erlang A measures with `agents` agents (any N ≥ 1, also at or below the offered load).
 * @example erlangAMeasures(13, { offeredLoadErlangs: 10, ahtSeconds: 180, meanPatienceSeconds: 300, answerWithinSeconds: 20 }).abandonFraction // 0.0249633036336 (ea-001)
 * @throws RangeError/TypeError on a non-positive AHT or patience, a negative threshold or load, agents < 1
 */
export function erlangAMeasures(agents: number, inputs: ErlangAInputs): ErlangAMeasures {
  assertInteger('agents', agents, 1)
  const checked = validateErlangAInputs(inputs)
  if (checked.offeredLoadErlangs === 0) return idleMeasures(agents)
  return erlangAMeasuresFromBlocking(agents, erlangB(agents, checked.offeredLoadErlangs), checked)
}

function idleMeasures(agents: number): ErlangAMeasures {
  return {
    agents, waitProbability: 0, abandonFraction: 0, serviceLevel: 1, serviceLevelOfAnswered: 1, serviceLevelWaitWithin: 1,
    serviceLevelOfferedWaitWithin: 1, asaSeconds: 0, asaAnsweredSeconds: 0, occupancy: 0,
  }
}

export interface ErlangARequirement {
  agents: number
  /** Targets missed with one agent fewer (those that force this many agents). */
  bindingConstraints: TargetName[]
  measures: ErlangAMeasures
  /** Measures with one agent fewer (null when that would be 0 agents). */
  measuresWithOneFewer: ErlangAMeasures | null
}

/** Erlang B values by number of agents for one load, stepping from the nearest value already known. */
function blockingLadder(load: number): (agents: number) => number {
  const known = new Map<number, number>()
  let lastAgents = Math.max(1, Math.round(load))
  let lastBlocking = erlangB(lastAgents, load)
  known.set(lastAgents, lastBlocking)
  return (agents) => {
    const cached = known.get(agents)
    if (cached !== undefined) return cached
    let n = lastAgents
    let b = lastBlocking
    // Far below (a gallop over a large load): evaluate directly; many steps down lose precision as B nears 1.
    if (lastAgents - agents > 64) { n = agents; b = erlangB(agents, load) }
    while (n < agents) { n++; b = erlangBStepUp(b, n, load) }
    while (n > agents) { b = erlangBStepDown(b, n, load); n-- }
    known.set(agents, b)
    lastAgents = agents
    lastBlocking = b
    return b
  }
}

/**
 * Smallest N ≥ 1 meeting every given target under Erlang A: service level (answered within t over offered),
 * ASA (mean wait over all offered), occupancy cap and maximum abandonment, inclusive with relative tolerance 1e-12.
 * Unlike Erlang C it may staff at or below the offered load (abandonment keeps the queue stable).
 * Search: start at N = round(A), gallop (1, 2, 4, … agents) to bracket the answer, then bisect; every measure is
 * monotone in N. A load of 0 erlangs needs 0 agents.
 * @example agentsForErlangA({ offeredLoadErlangs: 10, ahtSeconds: 180, meanPatienceSeconds: 300, answerWithinSeconds: 20 }, { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }).agents // 13
 * @throws RangeError on invalid inputs, or when no N ≤ maxAgents meets the targets
 */
export function agentsForErlangA(inputs: Omit<ErlangAInputs, 'answerWithinSeconds'>, targets: StaffingTargets, options: AgentsSearchOptions = {}): ErlangARequirement {
  validateTargets(targets, { allowAbandon: true })
  const checked = validateErlangAInputs({ ...inputs, answerWithinSeconds: targets.answerWithinSeconds ?? 0 })
  const load = checked.offeredLoadErlangs
  const { maxAgents = defaultMaxAgents(load) } = options
  if (load > 0 && targets.maxAbandonFraction === 0) {
    // With finite patience every staffing level loses some contacts (P(abandon) > 0), and a target of 0 has no
    // tolerance (it is relative): no N meets it. Refuse rather than search until the numbers underflow.
    throw new RangeError('maxAbandonFraction 0 can never be met: with a finite mean patience some contacts always abandon; give a fraction above 0, such as 0.02')
  }
  if (load === 0) return { agents: 0, bindingConstraints: [], measures: idleMeasures(0), measuresWithOneFewer: null }
  const blockingAt = blockingLadder(load)
  const needsServiceLevel = targets.serviceLevelTarget !== null && targets.serviceLevelTarget !== undefined
  const selection = { serviceLevel: needsServiceLevel, details: false }
  const isFeasible = (agents: number) => missedTargets(measuresForTargets(erlangAMeasuresFromBlocking(agents, blockingAt(agents), checked, selection)), targets).length === 0
  const agents = smallestFeasible(isFeasible, Math.max(1, Math.round(load)), maxAgents, load)
  const measures = erlangAMeasuresFromBlocking(agents, blockingAt(agents), checked)
  const measuresWithOneFewer = agents > 1 ? erlangAMeasuresFromBlocking(agents - 1, blockingAt(agents - 1), checked) : null
  const bindingConstraints = measuresWithOneFewer ? missedTargets(measuresForTargets(measuresWithOneFewer), targets) : []
  return { agents, bindingConstraints, measures, measuresWithOneFewer }
}

function measuresForTargets(m: ErlangAMeasures) {
  return { serviceLevel: m.serviceLevel, asaSeconds: m.asaSeconds, occupancy: m.occupancy, abandonFraction: m.abandonFraction }
}

/** Smallest n in [1, maxAgents] with isFeasible(n), for a monotone predicate: gallop from `start`, then bisect. */
export function smallestFeasible(isFeasible: (n: number) => boolean, start: number, maxAgents: number, load: number): number {
  let low: number // infeasible (or 0)
  let high: number // feasible
  const first = Math.min(Math.max(1, start), maxAgents)
  if (isFeasible(first)) {
    high = first
    let step = 1
    low = Math.max(0, high - step)
    while (low > 0 && isFeasible(low)) {
      high = low
      step *= 2
      low = Math.max(0, high - step)
    }
  } else {
    low = first
    let step = 1
    for (;;) {
      if (low >= maxAgents) throw new RangeError(`no staffing level up to maxAgents ${maxAgents} meets the targets for an offered load of ${load} erlangs`)
      const candidate = Math.min(maxAgents, low + step)
      if (isFeasible(candidate)) { high = candidate; break }
      low = candidate
      step *= 2
    }
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (isFeasible(mid)) high = mid
    else low = mid
  }
  return high
}
