import { describe, expect, it } from 'vitest'
import { longChatRules, medianAbsoluteDeviation } from '../../src/kpis/longChats.ts'
import { valueCountsOf } from '../../src/kpis/histogram.ts'

describe('longChatRules', () => {
  it('flags above median + (3.5 / 0.6745) × MAD per issue type', () => {
    // 20 chats: 100..290 by 10 (median 195, MAD 50)
    const cards = valueCountsOf(Array.from({ length: 20 }, (_, i) => 100 + 10 * i))
    expect(medianAbsoluteDeviation(cards, 195)).toBe(50)
    const [rule] = longChatRules(new Map([['cards', cards]]))
    expect(rule).toMatchObject({ issueType: 'cards', handled: 20, medianSeconds: 195, madSeconds: 50, note: null })
    expect(rule.thresholdSeconds).toBeCloseTo(195 + (3.5 / 0.6745) * 50, 9) // 454.45 s
  })
  it('falls back to the mean absolute deviation when MAD is 0, and skips small types', () => {
    const same = valueCountsOf([...new Array(15).fill(60), 60, 60, 60, 60, 600, 900])
    const rules = longChatRules(new Map([['loans', same], ['tiny', valueCountsOf([1, 2, 3])]]))
    expect(rules[0]).toMatchObject({ issueType: 'loans', madSeconds: 0, note: 'MAD is 0: mean absolute deviation used' })
    expect(rules[0].thresholdSeconds).toBeCloseTo(60 + 3.5 * 1.253314 * (540 + 840) / 21, 9)
    expect(rules[1]).toMatchObject({ issueType: 'tiny', thresholdSeconds: null, note: 'fewer than 20 handled chats' })
    expect(() => longChatRules(new Map(), { modifiedZLimit: 0 })).toThrow('modifiedZLimit must be > 0, got 0')
  })
})
