/**
 * The fast record checks of the API rows (src/imports/apiRows.ts) never accept a record their zod schema refuses,
 * and they accept the ordinary rows of a feed, so those skip the schema.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ContactRecordSchema, IntervalRecordSchema, isPlainContactRecord, isPlainIntervalRecord } from '../../src/imports/apiRows.ts'

/** Values around every bound and of every wrong type. */
const anyValue = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, 1, 1.5, -1, 5, 6, 10, 11, 1440, 1441, 604_800, 604_801, 1_000_000, 1_000_001, Number.NaN, Infinity),
  fc.constantFrom('', ' ', 'answered', 'abandoned', 'good', 'bad', 'Support', '2026-01-05T09:00:00Z', '2026-01-05', '123456789', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201)),
  fc.string({ maxLength: 12 }), fc.double(), fc.integer(), fc.constant([]), fc.constant({}),
)

/** A valid record with some fields replaced by any value, some left out, and maybe a key the schema does not know. */
function recordArb(valid: Record<string, unknown>) {
  const keys = Object.keys(valid)
  return fc.record({
    replaced: fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 3 }),
    dropped: fc.subarray(keys, { maxLength: 2 }),
    extra: fc.option(fc.constantFrom('extra', '__proto__', 'constructor'), { nil: null }),
  }).map(({ replaced, dropped, extra }) => {
    const record: Record<string, unknown> = { ...valid, ...replaced }
    for (const k of dropped) delete record[k]
    if (extra !== null) Object.defineProperty(record, extra, { value: 1, enumerable: true, writable: true, configurable: true })
    return record
  })
}

const VALID_CONTACT = {
  contactId: 'feed-1', queue: 'Support', arrivedAt: '2026-01-05T00:00:01.000Z', firstResponseAt: '2026-01-05T00:00:21.000Z', endedAt: null,
  waitSeconds: 20, handleSeconds: 604_800, outcome: 'answered', agent: 'agent 3-2', issueType: 'payment', customerSegment: 'gold', resolved: true, csat: 'good', nps: 10,
}
const VALID_INTERVAL = { queue: 'Support', intervalStart: '2026-01-05T09:00:00Z', intervalMinutes: 15, offered: 12, handled: 11, abandoned: 1, ahtSeconds: 240.5 }


describe('isPlainContactRecord / isPlainIntervalRecord', () => {
  it('accept only records the schema accepts unchanged (random records around every bound)', () => {
    // Every key of each schema is in its valid record, so every field is replaced by odd values in some runs.
    expect(Object.keys(VALID_CONTACT).sort()).toEqual(Object.keys(ContactRecordSchema.shape).sort())
    expect(Object.keys(VALID_INTERVAL).sort()).toEqual(Object.keys(IntervalRecordSchema.shape).sort())
    for (const [valid, isPlain, schema] of [[VALID_CONTACT, isPlainContactRecord, ContactRecordSchema], [VALID_INTERVAL, isPlainIntervalRecord, IntervalRecordSchema]] as const) {
      let accepted = 0, refused = 0
      fc.assert(fc.property(recordArb(valid), (record) => {
        if (!isPlain(record)) { refused++; return }
        accepted++
        const parsed = schema.safeParse(record)
        expect(parsed.success, JSON.stringify(record)).toBe(true)
        expect(parsed.data).toEqual(record)
      }), { seed: 21, numRuns: 20_000 })
      expect(accepted).toBeGreaterThan(500)
      expect(refused).toBeGreaterThan(2000)
    }
  })

  it('accept the rows of a feed and refuse a row just past a bound, as the schema does', () => {
    const row = VALID_CONTACT
    expect(isPlainContactRecord(row)).toBe(true)
    expect(isPlainContactRecord({ contactId: 'c', queue: 'q', arrivedAt: '2026-01-05T00:00:01Z' })).toBe(true)
    for (const bad of [{ ...row, handleSeconds: 604_801 }, { ...row, nps: 10.5 }, { ...row, csat: 6 }, { ...row, queue: 'q'.repeat(101) }, { ...row, arrivedAt: '2026' }, { ...row, extra: 1 }, { ...row, contactId: undefined }]) {
      expect(isPlainContactRecord(bad)).toBe(false)
      expect(ContactRecordSchema.safeParse(bad).success).toBe(false)
    }
    const interval = VALID_INTERVAL
    expect(isPlainIntervalRecord(interval)).toBe(true)
    expect(isPlainIntervalRecord({ ...interval, intervalMinutes: 7.5 })).toBe(false)
    expect(IntervalRecordSchema.safeParse({ ...interval, intervalMinutes: 7.5 }).success).toBe(false)
  })
})
