import { assertFiniteNumber, assertInteger, assertNonNegative, assertPositive } from './validateInputs.ts'
import { defaultMaxAgents, missedTargets, validateTargets } from './staffingTargets.ts'
import type { StaffingTargets, TargetName } from './staffingTargets.ts'
import { smallestFeasible } from './erlangA.ts'
import type { AgentsSearchOptions } from './erlangC.ts'

/**
 * Chat with concurrency: each agent holds up to k chats at once, and every chat goes slower the more the agent
 * holds: per-chat handle time at load m is AHT₁·(1 + α·(m − 1)), so an agent holding m chats finishes chats at
 * rate νₘ = m / (AHT₁·(1 + α(m − 1))) (exponential handling, Poisson arrivals).
 *
 * The exact load-balanced model is a birth–death chain on the number n of chats in the system: chats are spread
 * as evenly as possible (⌊n/N⌋ or ⌈n/N⌉ per agent), so with q = ⌊n/N⌋ and r = n − qN the departure rate is
 * d(n) = r·ν_{q+1} + (N − r)·ν_q for n ≤ Nk and d(n) = N·ν_k above (all slots full, FCFS queue). A waiting chat
 * therefore sees a constant drain rate N·ν_k, so P(wait > t) = P(n ≥ Nk)·exp(−(N·ν_k − λ)·t), as in Erlang C;
 * with α = 0 the chain is exactly Erlang C with N·k servers.
 */
export interface ChatConcurrencyInputs {
  /** Arrival rate λ in chats per second (calls per interval / interval seconds). */
  arrivalsPerSecond: number
  /** AHT₁: handle time of a chat handled alone, in seconds. */
  ahtSingleChatSeconds: number
  /** k ≥ 1: the most chats an agent holds at once. */
  maxConcurrency: number
  /** α ≥ 0: slowdown per extra chat held. */
  slowdownAlpha: number
}

export interface BalancedChainMeasures {
  agents: number
  waitProbability: number
  /** P(wait ≤ t). */
  serviceLevel: number
  asaSeconds: number
  /** Mean handle time per chat actually realized (Little: E[chats in service]/λ), in seconds. */
  realizedAhtSeconds: number
  /** E[chats in service] / N. */
  meanChatsPerAgent: number
  /** Slot occupancy: E[chats in service] / (N·k). */
  occupancy: number
}

/** Per-chat handle time (seconds) when the agent holds m chats: AHT₁·(1 + α(m − 1)). */
export function chatHandleSecondsAtLoad(inputs: ChatConcurrencyInputs, chatsHeld: number): number {
  return inputs.ahtSingleChatSeconds * (1 + inputs.slowdownAlpha * (chatsHeld - 1))
}

export function validateChatInputs(inputs: ChatConcurrencyInputs): void {
  if (inputs === null || typeof inputs !== 'object') throw new TypeError('chat inputs must be an object')
  assertNonNegative('arrivalsPerSecond', inputs.arrivalsPerSecond)
  assertPositive('ahtSingleChatSeconds', inputs.ahtSingleChatSeconds)
  assertFiniteNumber('maxConcurrency', inputs.maxConcurrency)
  if (inputs.maxConcurrency < 1) throw new RangeError(`maxConcurrency must be at least 1, got ${inputs.maxConcurrency}`)
  assertInteger('maxConcurrency', inputs.maxConcurrency, 1)
  assertNonNegative('slowdownAlpha', inputs.slowdownAlpha)
}

/** Completion rate (chats per second) of one agent holding m chats. */
function agentCompletionRate(m: number, ahtSingleChatSeconds: number, alpha: number): number {
  return m === 0 ? 0 : m / (ahtSingleChatSeconds * (1 + alpha * (m - 1)))
}

/**
 * Measures of the load-balanced chain with `agents` agents for a threshold of `answerWithinSeconds`.
 * Unstable staffing (λ ≥ N·ν_k) gives waitProbability 1, serviceLevel 0 and infinite ASA.
 * @example balancedChainMeasures(15, { arrivalsPerSecond: 120/1800, ahtSingleChatSeconds: 300, maxConcurrency: 2, slowdownAlpha: 0.3 }, 60).serviceLevel // 0.852579238186 (cc-001)
 * @throws RangeError on invalid inputs
 */
export function balancedChainMeasures(agents: number, inputs: ChatConcurrencyInputs, answerWithinSeconds: number): BalancedChainMeasures {
  validateChatInputs(inputs)
  assertInteger('agents', agents, 1)
  assertNonNegative('answerWithinSeconds', answerWithinSeconds)
  const { arrivalsPerSecond: lambda, ahtSingleChatSeconds: aht1, maxConcurrency: k, slowdownAlpha: alpha } = inputs
  const slots = agents * k
  const fullRate = agents * agentCompletionRate(k, aht1, alpha)
  if (lambda === 0) return { agents, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, realizedAhtSeconds: chatHandleSecondsAtLoad(inputs, 1), meanChatsPerAgent: 0, occupancy: 0 }
  if (lambda >= fullRate) {
    return { agents, waitProbability: 1, serviceLevel: 0, asaSeconds: Infinity, realizedAhtSeconds: chatHandleSecondsAtLoad(inputs, k), meanChatsPerAgent: k, occupancy: 1 }
  }
  const rates = Array.from({ length: k + 1 }, (_, m) => agentCompletionRate(m, aht1, alpha))
  // log of unnormalised π_n, n = 0..slots
  const logTerms = new Float64Array(slots + 1)
  const logLambda = Math.log(lambda)
  let maxLog = 0
  for (let n = 1; n <= slots; n++) {
    const q = Math.floor(n / agents)
    const r = n - q * agents
    const departure = r * (q + 1 <= k ? rates[q + 1] : 0) + (agents - r) * rates[q]
    logTerms[n] = logTerms[n - 1] + logLambda - Math.log(departure)
    if (logTerms[n] > maxLog) maxLog = logTerms[n]
  }
  const rho = lambda / fullRate
  let total = 0
  let busy = 0
  for (let n = 0; n < slots; n++) {
    const p = Math.exp(logTerms[n] - maxLog)
    total += p
    busy += n * p
  }
  const tail = Math.exp(logTerms[slots] - maxLog) / (1 - rho)
  total += tail
  busy += slots * tail
  const waitProbability = tail / total
  const inService = busy / total
  const drain = fullRate - lambda
  return {
    agents,
    waitProbability,
    serviceLevel: 1 - waitProbability * Math.exp(-drain * answerWithinSeconds),
    asaSeconds: waitProbability / drain,
    realizedAhtSeconds: inService / lambda,
    meanChatsPerAgent: inService / agents,
    occupancy: inService / slots,
  }
}

export interface BalancedChainRequirement {
  agents: number
  bindingConstraints: TargetName[]
  measures: BalancedChainMeasures
  measuresWithOneFewer: BalancedChainMeasures | null
}

/**
 * Smallest number of agents for which the load-balanced chain meets every given target (service level, ASA,
 * slot-occupancy cap; inclusive, relative tolerance 1e-12). No arrivals need no agents.
 * @example agentsForBalancedChain({ arrivalsPerSecond: 120/1800, ahtSingleChatSeconds: 300, maxConcurrency: 2, slowdownAlpha: 0.3 }, { serviceLevelTarget: 0.7, answerWithinSeconds: 60 }).agents // 15
 * @throws RangeError on invalid inputs or when no N ≤ maxAgents meets the targets
 */
export function agentsForBalancedChain(inputs: ChatConcurrencyInputs, targets: StaffingTargets, options: AgentsSearchOptions = {}): BalancedChainRequirement {
  validateChatInputs(inputs)
  const { maxAgents = defaultMaxAgents(inputs.arrivalsPerSecond * inputs.ahtSingleChatSeconds) } = options
  validateTargets(targets, { allowAbandon: false })
  const threshold = targets.answerWithinSeconds ?? 0
  if (inputs.arrivalsPerSecond === 0) {
    return { agents: 0, bindingConstraints: [], measures: { agents: 0, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, realizedAhtSeconds: inputs.ahtSingleChatSeconds, meanChatsPerAgent: 0, occupancy: 0 }, measuresWithOneFewer: null }
  }
  const stableFrom = Math.floor(inputs.arrivalsPerSecond / agentCompletionRate(inputs.maxConcurrency, inputs.ahtSingleChatSeconds, inputs.slowdownAlpha)) + 1
  const isFeasible = (n: number) => missedTargets(balancedChainMeasures(n, inputs, threshold), targets).length === 0
  const agents = smallestFeasible(isFeasible, stableFrom, maxAgents, inputs.arrivalsPerSecond * chatHandleSecondsAtLoad(inputs, inputs.maxConcurrency))
  const measures = balancedChainMeasures(agents, inputs, threshold)
  const measuresWithOneFewer = agents > 1 ? balancedChainMeasures(agents - 1, inputs, threshold) : null
  return { agents, bindingConstraints: measuresWithOneFewer ? missedTargets(measuresWithOneFewer, targets) : [], measures, measuresWithOneFewer }
}
