import { agentsForErlangC, erlangCMeasures } from './erlangC.ts'
import type { StaffingTargets } from './staffingTargets.ts'
import type { AgentsSearchOptions } from './erlangC.ts'
import { chatHandleSecondsAtLoad, validateChatInputs } from './chatConcurrency.ts'
import type { ChatConcurrencyInputs } from './chatConcurrency.ts'

/**
 * What the industry shortcuts for chat concurrency say, to show beside the exact load-balanced chain.
 * All three run Erlang C on a transformed problem:
 * - slots at full concurrency: every agent is k "slots", each chat takes AHT_k = AHT₁(1 + α(k − 1));
 *   slots needed by Erlang C, agents = ⌈slots / k⌉.
 * - slots with the realized AHT: the same, but each chat takes the AHT realized by the balanced chain at its
 *   answer (chats are not always handled at full concurrency).
 * - AHT divided by k: one "agent" per agent with an effective AHT of AHT_k / k.
 * Measures ("at agents") are Erlang C for the shortcut's own servers and AHT at the agents it recommends.
 */
export interface SlotsShortcut {
  agents: number
  slotsNeeded: number
  ahtSeconds: number
  trafficErlangs: number
  serviceLevelAtAgents: number
  asaSecondsAtAgents: number
}

export interface DividedAhtShortcut {
  agents: number
  effectiveAhtSeconds: number
  effectiveTrafficErlangs: number
  serviceLevelAtAgents: number
  asaSecondsAtAgents: number
}

/** Slot shortcut with a given per-chat AHT (seconds). */
export function slotsShortcut(inputs: ChatConcurrencyInputs, ahtSeconds: number, targets: StaffingTargets, options: AgentsSearchOptions = {}): SlotsShortcut {
  validateChatInputs(inputs)
  const trafficErlangs = inputs.arrivalsPerSecond * ahtSeconds
  const slotsNeeded = agentsForErlangC(trafficErlangs, ahtSeconds, targets, options).agents
  const agents = Math.ceil(slotsNeeded / inputs.maxConcurrency)
  const atAgents = agents * inputs.maxConcurrency > trafficErlangs
    ? erlangCMeasures(agents * inputs.maxConcurrency, { offeredLoadErlangs: trafficErlangs, ahtSeconds, answerWithinSeconds: targets.answerWithinSeconds ?? 0 })
    : { serviceLevel: 1, asaSeconds: 0 } // no traffic
  return { agents, slotsNeeded, ahtSeconds, trafficErlangs, serviceLevelAtAgents: atAgents.serviceLevel, asaSecondsAtAgents: atAgents.asaSeconds }
}

/** Slots shortcut with AHT at full concurrency, AHT_k = AHT₁(1 + α(k − 1)). */
export function slotsAtFullConcurrencyShortcut(inputs: ChatConcurrencyInputs, targets: StaffingTargets, options: AgentsSearchOptions = {}): SlotsShortcut {
  validateChatInputs(inputs)
  return slotsShortcut(inputs, chatHandleSecondsAtLoad(inputs, inputs.maxConcurrency), targets, options)
}

/** "AHT ÷ k" shortcut: Erlang C with AHT_k / k per chat and one server per agent. */
export function dividedAhtShortcut(inputs: ChatConcurrencyInputs, targets: StaffingTargets, options: AgentsSearchOptions = {}): DividedAhtShortcut {
  validateChatInputs(inputs)
  const effectiveAhtSeconds = chatHandleSecondsAtLoad(inputs, inputs.maxConcurrency) / inputs.maxConcurrency
  const effectiveTrafficErlangs = inputs.arrivalsPerSecond * effectiveAhtSeconds
  const requirement = agentsForErlangC(effectiveTrafficErlangs, effectiveAhtSeconds, targets, options)
  return {
    agents: requirement.agents,
    effectiveAhtSeconds,
    effectiveTrafficErlangs,
    serviceLevelAtAgents: requirement.measures.serviceLevel,
    asaSecondsAtAgents: requirement.measures.asaSeconds,
  }
}
