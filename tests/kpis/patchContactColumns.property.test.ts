/**
 * Patching a queue's columns with the contacts changed since they were loaded gives exactly the columns a fresh
 * load would give (same order by arrival then id, same values, same names behind the codes), for random changes:
 * new contacts, later states of old ones, moved arrivals and removals.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { patchContactColumns, type ContactColumns } from '../../src/kpis/contactColumns.ts'

interface Contact { id: number; arrivedAtMs: number; waitSeconds: number | null; csat: number | null; agent: string | null; issue: string | null }

function columnsOf(contacts: Contact[]): ContactColumns {
  const rows = [...contacts].sort((a, b) => a.arrivedAtMs - b.arrivedAtMs || a.id - b.id)
  const n = rows.length
  const dict = (values: (string | null)[]) => {
    const names: string[] = [], index = new Map<string, number>()
    const codes = Int32Array.from(values.map((v) => { if (v === null) return -1; let c = index.get(v); if (c === undefined) { c = names.length; names.push(v); index.set(v, c) } return c }))
    return { codes, names }
  }
  const agent = dict(rows.map((r) => r.agent)), issue = dict(rows.map((r) => r.issue)), segment = dict(rows.map(() => null))
  return {
    queueId: 1, queueName: 'Q', length: n, id: Float64Array.from(rows.map((r) => r.id)), arrivedAtMs: Float64Array.from(rows.map((r) => r.arrivedAtMs)),
    firstResponseAtMs: Float64Array.from(rows.map((r) => r.arrivedAtMs + 1000)), endedAtMs: new Float64Array(n).fill(NaN),
    waitSeconds: Float64Array.from(rows.map((r) => r.waitSeconds ?? NaN)), handleSeconds: new Float64Array(n).fill(NaN),
    answered: new Uint8Array(n).fill(1), resolved: new Int8Array(n).fill(-1), csatScore: Int8Array.from(rows.map((r) => r.csat ?? -1)), npsScore: new Int8Array(n).fill(-1),
    synthetic: new Uint8Array(n), issueCode: issue.codes, issueNames: issue.names, segmentCode: segment.codes, segmentNames: segment.names, agentCode: agent.codes, agentNames: agent.names,
  }
}

/** The columns as plain rows with names instead of codes (what must agree; code numbering may differ). */
function rowsOf(c: ContactColumns) {
  return Array.from({ length: c.length }, (_, i) => ({
    id: c.id[i], arrivedAtMs: c.arrivedAtMs[i], wait: c.waitSeconds[i], csat: c.csatScore[i],
    agent: c.agentCode[i] < 0 ? null : c.agentNames[c.agentCode[i]], issue: c.issueCode[i] < 0 ? null : c.issueNames[c.issueCode[i]],
  }))
}

const contactArb = (id: number) => fc.record({
  id: fc.constant(id), arrivedAtMs: fc.integer({ min: 0, max: 20 }).map((m) => m * 60_000),
  waitSeconds: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }), csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  agent: fc.option(fc.constantFrom('ann', 'bob', 'cyd', 'dee'), { nil: null }), issue: fc.option(fc.constantFrom('login', 'refund'), { nil: null }),
})

describe('patchContactColumns', () => {
  it('equals a fresh load after random additions, updates and removals', () => {
    const scenario = fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => contactArb(i + 1))),
      fc.array(fc.oneof(
        fc.integer({ min: 1, max: Math.max(1, n) }).chain((id) => contactArb(id)).map((c) => ({ kind: 'set' as const, c })),
        fc.integer({ min: 100, max: 120 }).chain((id) => contactArb(id)).map((c) => ({ kind: 'set' as const, c })),
        fc.integer({ min: 1, max: Math.max(1, n) }).map((id) => ({ kind: 'remove' as const, id })),
      ), { maxLength: 15 }),
    ))
    fc.assert(fc.property(scenario, ([initial, changes]) => {
      const state = new Map<number, Contact>((initial as Contact[]).map((c) => [c.id, c]))
      const old = columnsOf([...state.values()])
      const changed = new Set<number>()
      for (const ch of changes) {
        if (ch.kind === 'set') { state.set(ch.c.id, ch.c); changed.add(ch.c.id) } else { state.delete(ch.id); changed.add(ch.id) }
      }
      const current = columnsOf([...state.values()].filter((c) => changed.has(c.id)))
      const patched = patchContactColumns(old, changed, current)
      expect(patched.length).toBe(state.size)
      expect(rowsOf(patched)).toEqual(rowsOf(columnsOf([...state.values()])))
      expect(rowsOf(old)).toEqual(rowsOf(columnsOf((initial as Contact[])))) // the old columns are untouched
    }), { numRuns: 300, seed: 1206 })
  })
})
