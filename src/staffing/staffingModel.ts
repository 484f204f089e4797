import { agentsForErlangC, erlangCMeasures } from './erlangC.ts'
import { agentsForErlangA, erlangAMeasures } from './erlangA.ts'
import { agentsForBalancedChain, balancedChainMeasures, validateChatInputs } from './chatConcurrency.ts'
import type { AgentsSearchOptions } from './erlangC.ts'
import type { StaffingTargets, TargetName } from './staffingTargets.ts'
import { assertInteger, assertNonNegative, assertPositive } from './validateInputs.ts'

/**
 * One entry point over the three queueing models, so requirement, explanation, miss probability and the
 * inverse ("what do N agents achieve?") are written once.
 */
export type StaffingModel =
  | { kind: 'erlang_c' }
  | { kind: 'erlang_a'; meanPatienceSeconds: number }
  | { kind: 'chat'; maxConcurrency: number; slowdownAlpha: number }

/** The work of one interval. For the chat model, ahtSeconds is the handle time of a chat handled alone (AHT₁). */
export interface IntervalWorkload {
  volume: number
  ahtSeconds: number
  intervalSeconds: number
}

/** What a number of agents achieves in one interval, whatever the model. */
export interface ServiceMeasures {
  agents: number
  /** False when the queue would grow without bound (Erlang C / chat with too few agents). */
  stable: boolean
  waitProbability: number
  /** P(answered within the threshold), over offered contacts (abandons count as misses). */
  serviceLevel: number
  /** Mean wait in seconds (Erlang A: over all offered, including abandoners' time); Infinity when unstable. */
  asaSeconds: number
  /** Fraction of offered contacts abandoning (0 for models without abandonment). */
  abandonFraction: number
  /** Erlang C/A: busy fraction of agents; chat: fraction of chat slots in use. */
  occupancy: number
}

export interface ModelRequirement {
  agents: number
  bindingConstraints: TargetName[]
  measures: ServiceMeasures
}

/** Offered workload in erlangs: volume × AHT / interval length. */
export function workloadErlangs(workload: IntervalWorkload): number {
  return (workload.volume * workload.ahtSeconds) / workload.intervalSeconds
}

export function validateWorkload(workload: IntervalWorkload): void {
  if (workload === null || typeof workload !== 'object') throw new TypeError('workload must be an object')
  assertNonNegative('volume', workload.volume)
  assertPositive('ahtSeconds', workload.ahtSeconds)
  assertPositive('intervalSeconds', workload.intervalSeconds)
}

export function validateModel(model: StaffingModel): void {
  if (model === null || typeof model !== 'object') throw new TypeError('model must be an object')
  if (model.kind === 'erlang_c') return
  if (model.kind === 'erlang_a') { assertPositive('meanPatienceSeconds', model.meanPatienceSeconds); return }
  if (model.kind === 'chat') {
    validateChatInputs({ arrivalsPerSecond: 0, ahtSingleChatSeconds: 1, maxConcurrency: model.maxConcurrency, slowdownAlpha: model.slowdownAlpha })
    return
  }
  throw new RangeError(`model.kind must be erlang_c, erlang_a or chat, got ${JSON.stringify((model as { kind: unknown }).kind)}`)
}

function chatInputs(workload: IntervalWorkload, model: { maxConcurrency: number; slowdownAlpha: number }) {
  return { arrivalsPerSecond: workload.volume / workload.intervalSeconds, ahtSingleChatSeconds: workload.ahtSeconds, maxConcurrency: model.maxConcurrency, slowdownAlpha: model.slowdownAlpha }
}

function idle(agents: number): ServiceMeasures {
  return { agents, stable: true, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, abandonFraction: 0, occupancy: 0 }
}

function unstable(agents: number): ServiceMeasures {
  return { agents, stable: false, waitProbability: 1, serviceLevel: 0, asaSeconds: Infinity, abandonFraction: 0, occupancy: 1 }
}

/**
 * The inverse problem: service level, ASA, abandonment and occupancy achieved by `agents` agents.
 * @throws RangeError/TypeError on invalid inputs
 */
export function serviceAtAgents(agents: number, workload: IntervalWorkload, model: StaffingModel, answerWithinSeconds: number): ServiceMeasures {
  assertInteger('agents', agents, 0)
  validateWorkload(workload)
  validateModel(model)
  assertNonNegative('answerWithinSeconds', answerWithinSeconds)
  if (workload.volume === 0) return idle(agents)
  if (agents === 0) return model.kind === 'erlang_a' ? { ...unstable(0), stable: true, abandonFraction: 1, asaSeconds: model.meanPatienceSeconds } : unstable(0)
  const load = workloadErlangs(workload)
  if (model.kind === 'erlang_c') {
    if (agents <= load) return unstable(agents)
    const m = erlangCMeasures(agents, { offeredLoadErlangs: load, ahtSeconds: workload.ahtSeconds, answerWithinSeconds })
    return { agents, stable: true, waitProbability: m.waitProbability, serviceLevel: m.serviceLevel, asaSeconds: m.asaSeconds, abandonFraction: 0, occupancy: m.occupancy }
  }
  if (model.kind === 'erlang_a') {
    const m = erlangAMeasures(agents, { offeredLoadErlangs: load, ahtSeconds: workload.ahtSeconds, meanPatienceSeconds: model.meanPatienceSeconds, answerWithinSeconds })
    return { agents, stable: true, waitProbability: m.waitProbability, serviceLevel: m.serviceLevel, asaSeconds: m.asaSeconds, abandonFraction: m.abandonFraction, occupancy: m.occupancy }
  }
  const m = balancedChainMeasures(agents, chatInputs(workload, model), answerWithinSeconds)
  if (!Number.isFinite(m.asaSeconds)) return unstable(agents)
  return { agents, stable: true, waitProbability: m.waitProbability, serviceLevel: m.serviceLevel, asaSeconds: m.asaSeconds, abandonFraction: 0, occupancy: m.occupancy }
}

/**
 * Smallest number of agents meeting every target in one interval, with the binding constraints and the measures
 * at that number. No volume needs no agents.
 * @throws RangeError on invalid inputs or when no staffing up to maxAgents meets the targets
 */
export function agentsRequiredFor(workload: IntervalWorkload, model: StaffingModel, targets: StaffingTargets, options: AgentsSearchOptions = {}): ModelRequirement {
  validateWorkload(workload)
  validateModel(model)
  const threshold = targets?.answerWithinSeconds ?? 0
  const load = workloadErlangs(workload)
  if (model.kind === 'erlang_c') {
    const r = agentsForErlangC(load, workload.ahtSeconds, targets, options)
    return { agents: r.agents, bindingConstraints: r.bindingConstraints, measures: r.agents === 0 ? idle(0) : serviceAtAgents(r.agents, workload, model, threshold) }
  }
  if (model.kind === 'erlang_a') {
    const r = agentsForErlangA({ offeredLoadErlangs: load, ahtSeconds: workload.ahtSeconds, meanPatienceSeconds: model.meanPatienceSeconds }, targets, options)
    const m = r.measures
    return { agents: r.agents, bindingConstraints: r.bindingConstraints, measures: { agents: r.agents, stable: true, waitProbability: m.waitProbability, serviceLevel: m.serviceLevel, asaSeconds: m.asaSeconds, abandonFraction: m.abandonFraction, occupancy: m.occupancy } }
  }
  const r = agentsForBalancedChain(chatInputs(workload, model), targets, options)
  const m = r.measures
  return { agents: r.agents, bindingConstraints: r.bindingConstraints, measures: { agents: r.agents, stable: true, waitProbability: m.waitProbability, serviceLevel: m.serviceLevel, asaSeconds: m.asaSeconds, abandonFraction: 0, occupancy: m.occupancy } }
}
