import { agentsForErlangC, erlangCMeasures } from './erlangC.ts'
import type { ErlangCMeasures } from './erlangC.ts'
import { agentsForErlangA } from './erlangA.ts'
import type { ErlangAMeasures } from './erlangA.ts'
import { agentsForBalancedChain } from './chatConcurrency.ts'
import type { BalancedChainMeasures } from './chatConcurrency.ts'
import { dividedAhtShortcut, slotsAtFullConcurrencyShortcut, slotsShortcut } from './chatShortcuts.ts'
import type { SlotsShortcut } from './chatShortcuts.ts'
import { agentsScheduled } from './shrinkage.ts'
import type { StaffingTargets } from './staffingTargets.ts'
import { givenTargetNames } from './staffingTargets.ts'
import { assertPositive } from './validateInputs.ts'

/**
 * Solves one staffing case written in the reference file's vocabulary (snake_case inputs and outputs of
 * ../shared/reference/staffing_vectors.json). This is what `chatplan staff` runs per case.
 */
export type StaffingCaseModel = 'erlang_c' | 'erlang_a' | 'chat_concurrency'

export interface StaffingCaseInputs {
  calls_per_interval: number
  interval_seconds: number
  aht_seconds?: number
  aht_single_chat_seconds?: number
  max_concurrency?: number
  slowdown_alpha?: number
  mean_patience_seconds?: number
  sl_target?: number | null
  sl_threshold_seconds?: number | null
  asa_target_seconds?: number | null
  max_occupancy?: number | null
  max_abandon?: number | null
  shrinkage?: number | null
}

export interface StaffingCase {
  id?: string
  model: StaffingCaseModel
  inputs: StaffingCaseInputs
}

function targetsOf(inputs: StaffingCaseInputs): StaffingTargets {
  return {
    serviceLevelTarget: inputs.sl_target ?? null,
    answerWithinSeconds: inputs.sl_threshold_seconds ?? null,
    asaTargetSeconds: inputs.asa_target_seconds ?? null,
    maxOccupancy: inputs.max_occupancy ?? null,
    maxAbandonFraction: inputs.max_abandon ?? null,
  }
}

function required<K extends keyof StaffingCaseInputs>(inputs: StaffingCaseInputs, field: K): number {
  const value = inputs[field]
  if (value === undefined || value === null) throw new RangeError(`${field} is required`)
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${field} must be a finite number, got ${JSON.stringify(value)}`)
  return value
}

function erlangCOutput(m: ErlangCMeasures) {
  return { p_wait: m.waitProbability, service_level: m.serviceLevel, asa_seconds: m.asaSeconds, occupancy: m.occupancy }
}

function erlangAOutput(m: ErlangAMeasures) {
  return {
    p_wait: m.waitProbability, p_abandon: m.abandonFraction, service_level: m.serviceLevel,
    sl_answered_of_answered: m.serviceLevelOfAnswered, sl_wait_le_t: m.serviceLevelWaitWithin,
    sl_offered_wait_le_t: m.serviceLevelOfferedWaitWithin, asa_seconds: m.asaSeconds,
    asa_answered_seconds: m.asaAnsweredSeconds, occupancy: m.occupancy,
  }
}

function chainOutput(m: BalancedChainMeasures) {
  return { p_wait: m.waitProbability, service_level: m.serviceLevel, asa_seconds: m.asaSeconds, realized_aht_seconds: m.realizedAhtSeconds, mean_chats_per_agent: m.meanChatsPerAgent }
}

function slotsOutput(s: SlotsShortcut) {
  return { agents: s.agents, slots_needed: s.slotsNeeded, sl_at_agents: s.serviceLevelAtAgents, asa_at_agents: s.asaSecondsAtAgents }
}

/** Erlang C agents for the targets Erlang C understands (SL, ASA, occupancy), or null if none is set. */
function erlangCAgentsSameTargets(load: number, ahtSeconds: number, targets: StaffingTargets): number | null {
  const erlangCTargets = { ...targets, maxAbandonFraction: null }
  if (givenTargetNames(erlangCTargets).length === 0) return null
  return agentsForErlangC(load, ahtSeconds, erlangCTargets).agents
}

/**
 * Outputs for one case: agents_required, agents_scheduled, binding_constraints, at_required,
 * at_required_minus_1 (and erlang_c_agents_same_targets for Erlang A; the balanced-chain and shortcut_* fields
 * for chat). Throws RangeError/TypeError naming the offending field on bad input.
 */
export function solveStaffingCase(staffingCase: StaffingCase): Record<string, unknown> {
  const { model, inputs } = staffingCase
  const callsPerInterval = required(inputs, 'calls_per_interval')
  if (callsPerInterval < 0) throw new RangeError(`calls_per_interval must not be negative, got ${callsPerInterval}`)
  const intervalSeconds = required(inputs, 'interval_seconds')
  assertPositive('interval_seconds', intervalSeconds)
  const shrinkage = inputs.shrinkage ?? 0
  const targets = targetsOf(inputs)
  const arrivalsPerSecond = callsPerInterval / intervalSeconds
  if (model === 'erlang_c' || model === 'erlang_a') {
    const ahtSeconds = required(inputs, 'aht_seconds')
    if (!(ahtSeconds > 0)) throw new RangeError(`aht_seconds must be greater than 0, got ${ahtSeconds}`)
    const trafficErlangs = arrivalsPerSecond * ahtSeconds
    if (model === 'erlang_c') {
      const result = agentsForErlangC(trafficErlangs, ahtSeconds, targets)
      return {
        agents_required: result.agents,
        agents_scheduled: agentsScheduled(result.agents, shrinkage),
        binding_constraints: result.bindingConstraints,
        derived: { traffic_erlangs: trafficErlangs },
        at_required: erlangCOutput(result.measures),
        at_required_minus_1: result.measuresWithOneFewer ? erlangCOutput(result.measuresWithOneFewer) : null,
      }
    }
    const meanPatienceSeconds = required(inputs, 'mean_patience_seconds')
    const result = agentsForErlangA({ offeredLoadErlangs: trafficErlangs, ahtSeconds, meanPatienceSeconds }, targets)
    return {
      agents_required: result.agents,
      agents_scheduled: agentsScheduled(result.agents, shrinkage),
      binding_constraints: result.bindingConstraints,
      erlang_c_agents_same_targets: erlangCAgentsSameTargets(trafficErlangs, ahtSeconds, targets),
      derived: { traffic_erlangs: trafficErlangs },
      at_required: erlangAOutput(result.measures),
      at_required_minus_1: result.measuresWithOneFewer ? erlangAOutput(result.measuresWithOneFewer) : null,
    }
  }
  if (model === 'chat_concurrency') {
    const chat = {
      arrivalsPerSecond,
      ahtSingleChatSeconds: required(inputs, 'aht_single_chat_seconds'),
      maxConcurrency: required(inputs, 'max_concurrency'),
      slowdownAlpha: required(inputs, 'slowdown_alpha'),
    }
    const chain = agentsForBalancedChain(chat, targets)
    const full = slotsAtFullConcurrencyShortcut(chat, targets)
    const realized = slotsShortcut(chat, chain.measures.realizedAhtSeconds, targets)
    const divided = dividedAhtShortcut(chat, targets)
    return {
      agents_required: chain.agents,
      agents_scheduled: agentsScheduled(chain.agents, shrinkage),
      binding_constraints: chain.bindingConstraints,
      derived: { aht_at_full_concurrency_seconds: full.ahtSeconds, chat_erlangs_at_full_concurrency: full.trafficErlangs },
      agents_balanced_chain: chain.agents,
      balanced_chain_at_required: chainOutput(chain.measures),
      at_required: chainOutput(chain.measures),
      shortcut_slots_aht_at_full_concurrency: slotsOutput(full),
      shortcut_slots_realized_aht: slotsOutput(realized),
      shortcut_effective_aht_divided_by_k: { agents: divided.agents, sl_at_agents: divided.serviceLevelAtAgents, asa_at_agents: divided.asaSecondsAtAgents, traffic_erlangs_eff: divided.effectiveTrafficErlangs },
    }
  }
  throw new RangeError(`model must be one of erlang_c, erlang_a, chat_concurrency, got ${JSON.stringify(model)}`)
}
