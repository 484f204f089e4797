import { describe, expect, it } from 'vitest'
import { chatConcurrency } from '../../src/kpis/concurrency.ts'

const MIN = 60_000

describe('chatConcurrency', () => {
  it('measures average (time-weighted while busy) and peak chats held per agent', () => {
    const spans = Object.freeze([
      { agent: 'bea', startMs: 0, endMs: 10 * MIN },
      { agent: 'bea', startMs: 5 * MIN, endMs: 15 * MIN },
      { agent: 'bea', startMs: 6 * MIN, endMs: 8 * MIN },
      { agent: 'al', startMs: 0, endMs: 10 * MIN },
      { agent: 'al', startMs: 10 * MIN, endMs: 20 * MIN }, // back to back: not concurrent
    ])
    const r = chatConcurrency(spans)
    expect(r.agents.map((a) => a.agent)).toEqual(['al', 'bea'])
    expect(r.agents[0]).toMatchObject({ chats: 2, peakHeld: 1, averageHeld: 1, busySeconds: 1200 })
    // bea: 22 minutes of chats in 15 busy minutes, three at once from minute 6 to 8.
    expect(r.agents[1]).toMatchObject({ chats: 3, peakHeld: 3, busySeconds: 900, handleSeconds: 1320 })
    expect(r.agents[1].averageHeld).toBeCloseTo(22 / 15, 12)
    expect(r.averageHeld).toBeCloseTo(42 / 35, 12)
    expect(r.peakHeld).toBe(3)
  })
  it('has no average without chats, and rejects a chat that ends before it starts', () => {
    expect(chatConcurrency([])).toEqual({ agents: [], averageHeld: null, peakHeld: 0, chats: 0 })
    expect(() => chatConcurrency([{ agent: 'x', startMs: 10, endMs: 5 }])).toThrow('spans[0].endMs (5) is before startMs (10)')
    expect(() => chatConcurrency([{ agent: '', startMs: 1, endMs: 5 }])).toThrow('spans[0].agent must be a non-empty string')
  })
})
