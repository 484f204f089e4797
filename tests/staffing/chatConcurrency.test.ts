import { describe, expect, it } from 'vitest'
import { agentsForBalancedChain, balancedChainMeasures } from '../../src/staffing/chatConcurrency.ts'
import { erlangCMeasures } from '../../src/staffing/erlangC.ts'
import { casesOf, expectMatchesReference } from './referenceVectors.ts'

function chatInputs(i: Record<string, number>) {
  return { arrivalsPerSecond: i.calls_per_interval / i.interval_seconds, ahtSingleChatSeconds: i.aht_single_chat_seconds, maxConcurrency: i.max_concurrency, slowdownAlpha: i.slowdown_alpha }
}

describe('balanced chat chain', () => {
  it.each(casesOf('chat_concurrency').map((c) => [c.id, c] as const))('reproduces the balanced-chain reference vector %s', (_id, c) => {
    const i = c.inputs as Record<string, number>
    const result = agentsForBalancedChain(chatInputs(i), { serviceLevelTarget: i.sl_target, answerWithinSeconds: i.sl_threshold_seconds })
    expect(result.agents).toBe(c.outputs.agents_balanced_chain)
    const m = result.measures
    expectMatchesReference({ p_wait: m.waitProbability, service_level: m.serviceLevel, asa_seconds: m.asaSeconds, realized_aht_seconds: m.realizedAhtSeconds, mean_chats_per_agent: m.meanChatsPerAgent }, c.outputs.balanced_chain_at_required, c.id)
  })

  it('is Erlang C with N·k servers when there is no slowdown', () => {
    const chain = balancedChainMeasures(35, { arrivalsPerSecond: 1 / 3, ahtSingleChatSeconds: 300, maxConcurrency: 3, slowdownAlpha: 0 }, 60)
    const c = erlangCMeasures(105, { offeredLoadErlangs: 100, ahtSeconds: 300, answerWithinSeconds: 60 })
    expect(chain.serviceLevel).toBeCloseTo(c.serviceLevel, 12)
    expect(chain.asaSeconds).toBeCloseTo(c.asaSeconds, 9)
  })

  it('reports an unstable staffing level instead of NaN', () => {
    const m = balancedChainMeasures(5, { arrivalsPerSecond: 1, ahtSingleChatSeconds: 300, maxConcurrency: 2, slowdownAlpha: 0.3 }, 60)
    expect(m).toMatchObject({ serviceLevel: 0, waitProbability: 1, asaSeconds: Infinity })
  })

  it('rejects a concurrency below 1 and a negative slowdown', () => {
    const base = { arrivalsPerSecond: 0.1, ahtSingleChatSeconds: 300, maxConcurrency: 2, slowdownAlpha: 0.3 }
    const targets = { serviceLevelTarget: 0.8, answerWithinSeconds: 60 }
    expect(() => agentsForBalancedChain({ ...base, maxConcurrency: 0.5 }, targets)).toThrow('maxConcurrency must be at least 1, got 0.5')
    expect(() => agentsForBalancedChain({ ...base, slowdownAlpha: -0.1 }, targets)).toThrow('slowdownAlpha must not be negative, got -0.1')
    expect(() => agentsForBalancedChain({ ...base, ahtSingleChatSeconds: 0 }, targets)).toThrow('ahtSingleChatSeconds must be greater than 0, got 0')
  })
})
