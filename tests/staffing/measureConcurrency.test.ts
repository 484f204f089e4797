import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { measureConcurrency } from '../../src/staffing/measureConcurrency.ts'
import type { ContactRecord } from '../../src/staffing/measureConcurrency.ts'
import { seededRandom } from '../../src/staffing/seededRandom.ts'

/**
 * Synthetic chat history with known k = 3 and α = 0.4 (AHT₁ = 300 s): each agent repeatedly takes m ∈ {1, 2, 3}
 * chats together, each lasting AHT₁·(1 + α(m − 1)) times a mean-1 noise, so the load during every chat is m.
 */
function syntheticHistory(k: number, alpha: number, aht1: number): ContactRecord[] {
  const random = seededRandom(42)
  const records: ContactRecord[] = []
  for (let agent = 0; agent < 20; agent++) {
    let t = Date.UTC(2024, 0, 1, 8)
    for (let block = 0; block < 60; block++) {
      const m = 1 + Math.floor(random.next() * k)
      const handleSeconds = aht1 * (1 + alpha * (m - 1)) * (0.5 + random.next())
      for (let c = 0; c < m; c++) records.push({ agent: `agent-${agent}`, startMs: t, handleSeconds })
      t += handleSeconds * 1000 + 30_000 * random.next()
    }
  }
  return records
}

describe('measureConcurrency', () => {
  it('recovers k and α from a synthetic history built with k = 3, α = 0.4', () => {
    const m = measureConcurrency(syntheticHistory(3, 0.4, 300))
    expect(m.peakConcurrency).toBe(3)
    expect(m.typicalMaxConcurrency).toBe(3)
    expect(m.averageConcurrency).toBeGreaterThan(1.5)
    expect(m.slowdown!.alpha).toBeGreaterThan(0.33)
    expect(m.slowdown!.alpha).toBeLessThan(0.47)
    expect(m.slowdown!.ahtSingleChatSeconds).toBeGreaterThan(280)
    expect(m.slowdown!.ahtSingleChatSeconds).toBeLessThan(320)
  })

  it('measures a call centre (Anonymous Bank, first week of October 1999) at concurrency ≈ 1', () => {
    const file = new URL('../../../shared/data/anon_bank_1999_contacts.csv', import.meta.url)
    const rows: Record<string, string>[] = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data
    const records = rows
      .filter((r) => r.outcome === 'answered' && r.agent && r.answered_at >= '1999-10-01' && r.answered_at < '1999-10-08')
      .map((r) => ({ agent: r.agent, startMs: Date.parse(`${r.answered_at}Z`), endMs: Date.parse(`${r.ended_at}Z`) }))
    expect(records.length).toBeGreaterThan(5000)
    const m = measureConcurrency(records)
    expect(m.averageConcurrency).toBeGreaterThanOrEqual(1)
    expect(m.averageConcurrency).toBeLessThan(1.02)
    expect(m.typicalMaxConcurrency).toBe(1)
    expect(m.busyTimeShareByConcurrency[1]).toBeGreaterThan(0.98)
    expect(m.slowdown).toBeNull()
  })

  it('counts back-to-back contacts as one at a time, and overlapping ones as two', () => {
    const m = measureConcurrency([
      { agent: 'a', startMs: 0, endMs: 600_000 },
      { agent: 'a', startMs: 600_000, endMs: 900_000 },
      { agent: 'b', startMs: 0, endMs: 600_000 },
      { agent: 'b', startMs: 300_000, handleSeconds: 600 },
    ])
    expect(m.peakConcurrency).toBe(2)
    // busy time: a 900 s at one; b 600 s at one and 300 s at two → shares 1500/1800 and 300/1800
    expect(m.busyTimeShareByConcurrency[1]).toBeCloseTo(5 / 6, 12)
    expect(m.busyTimeShareByConcurrency[2]).toBeCloseTo(1 / 6, 12)
    expect(m.averageConcurrency).toBeCloseTo(7 / 6, 12)
  })

  it('names the bad record and field', () => {
    expect(() => measureConcurrency([{ agent: 'a', startMs: 10 }])).toThrow('records[0] needs endMs or handleSeconds')
    expect(() => measureConcurrency([{ agent: 'a', startMs: 10, endMs: 5 }])).toThrow('records[0].endMs (5) is before startMs (10)')
    expect(() => measureConcurrency([{ agent: '', startMs: 10, endMs: 20 }])).toThrow('records[0].agent must be a non-empty string')
  })
})
