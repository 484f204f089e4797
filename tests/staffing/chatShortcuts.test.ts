import { describe, expect, it } from 'vitest'
import { agentsForBalancedChain } from '../../src/staffing/chatConcurrency.ts'
import { dividedAhtShortcut, slotsAtFullConcurrencyShortcut, slotsShortcut } from '../../src/staffing/chatShortcuts.ts'
import { casesOf, expectMatchesReference } from './referenceVectors.ts'

describe('chat shortcuts', () => {
  it.each(casesOf('chat_concurrency').map((c) => [c.id, c] as const))('reproduce the shortcut_* reference values of %s', (_id, c) => {
    const i = c.inputs as Record<string, number>
    const inputs = { arrivalsPerSecond: i.calls_per_interval / i.interval_seconds, ahtSingleChatSeconds: i.aht_single_chat_seconds, maxConcurrency: i.max_concurrency, slowdownAlpha: i.slowdown_alpha }
    const targets = { serviceLevelTarget: i.sl_target, answerWithinSeconds: i.sl_threshold_seconds }
    const slots = (s: ReturnType<typeof slotsShortcut>) => ({ agents: s.agents, slots_needed: s.slotsNeeded, sl_at_agents: s.serviceLevelAtAgents, asa_at_agents: s.asaSecondsAtAgents })
    expectMatchesReference(slots(slotsAtFullConcurrencyShortcut(inputs, targets)), c.outputs.shortcut_slots_aht_at_full_concurrency, `${c.id}.full`)
    const realized = agentsForBalancedChain(inputs, targets).measures.realizedAhtSeconds
    expectMatchesReference(slots(slotsShortcut(inputs, realized, targets)), c.outputs.shortcut_slots_realized_aht, `${c.id}.realized`)
    const d = dividedAhtShortcut(inputs, targets)
    expectMatchesReference({ agents: d.agents, sl_at_agents: d.serviceLevelAtAgents, asa_at_agents: d.asaSecondsAtAgents, traffic_erlangs_eff: d.effectiveTrafficErlangs }, c.outputs.shortcut_effective_aht_divided_by_k, `${c.id}.divided`)
  })

  it('shows how far "AHT ÷ k" can be from the exact chain (cc-005: 105 vs 101 agents)', () => {
    const inputs = { arrivalsPerSecond: 600 / 1800, ahtSingleChatSeconds: 300, maxConcurrency: 3, slowdownAlpha: 1 }
    const targets = { serviceLevelTarget: 0.8, answerWithinSeconds: 60 }
    expect(dividedAhtShortcut(inputs, targets).agents - agentsForBalancedChain(inputs, targets).agents).toBe(4)
  })
})
