import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseDurationCell, parseNumberCell, parseTimeCell } from '../../src/imports/cellParsers.ts'
import { detectMapping } from '../../src/imports/columnMapping.ts'
import { parseIntervalRecord } from '../../src/imports/intervalRows.ts'

const headers = 'timestamp,volume,handled,abandoned,aht_seconds'.split(',')
const ctx = { mapping: detectMapping(headers, 'intervals').mapping, defaultQueue: 'Bank', zoneOfQueue: () => 'Asia/Jerusalem' }

describe('parseIntervalRecord', () => {
  it('reads a row of the January 1999 half-hour file', () => {
    expect(parseIntervalRecord('1999-01-01T07:00:00,35,33,2,176.45'.split(','), ctx)).toEqual({
      row: { queue: 'Bank', intervalStartMs: Date.UTC(1999, 0, 1, 5), intervalMinutes: null, offered: 35, handled: 33, abandoned: 2, ahtSeconds: 176.45 },
    })
    expect(parseIntervalRecord('1999-01-01T00:00:00,2,0,2,'.split(','), ctx)).toMatchObject({ row: { ahtSeconds: null } })
  })

  it('names the field of each problem', () => {
    expect(parseIntervalRecord('1999-01-01T07:00,-3,x,2,00:03:00'.split(','), ctx)).toEqual({
      problems: [{ field: 'offered', message: 'negative count -3' }, { field: 'handled', message: "count 'x' is not a number" }],
    })
    expect(parseIntervalRecord(',1,,,'.split(','), ctx)).toEqual({ problems: [{ field: 'intervalStart', message: 'interval start is empty' }] })
    expect(parseIntervalRecord('1999-01-01T07:00,,,,'.split(','), ctx)).toEqual({ problems: [{ field: 'offered', message: 'offered is empty' }] })
  })

  it('checks an interval length column', () => {
    const withLength = ['interval_start', 'interval_minutes', 'offered']
    const lengthCtx = { ...ctx, mapping: detectMapping(withLength, 'intervals').mapping }
    expect(parseIntervalRecord(['2024-01-01T10:00', '15', '4'], lengthCtx)).toMatchObject({ row: { intervalMinutes: 15 } })
    expect(parseIntervalRecord(['2024-01-01T10:00', '7', '4'], lengthCtx)).toEqual({ problems: [{ field: 'intervalMinutes', message: 'interval length 7 does not divide a day' }] })
  })

  it('its fast paths give the full cell parsers’ values (random records)', () => {
    const number = fc.constantFrom('', '0', '35', '176.45', '.5', '5.', '1e3', '-2', 'x', ' 7 ', '1.2.3', 'NA', '12345678901234567890')
    const time = fc.constantFrom('', '1999-04-02T02:30:00', '1999-01-01 07:00', '1999-01-01T07:00:00Z', 'later', '1999-02-29T00:00:00')
    fc.assert(fc.property(fc.tuple(time, number, number, number, number), (cells) => {
      const parsed = parseIntervalRecord(cells, ctx)
      if (!('row' in parsed)) return
      const value = <T>(p: { value: T | null } | { error: string }) => ('value' in p ? p.value : 'error')
      expect(parsed.row.intervalStartMs).toBe(value(parseTimeCell(cells[0], 'Asia/Jerusalem')))
      expect(parsed.row.offered).toBe(value(parseNumberCell(cells[1], 'count', { min: 0 })))
      expect(parsed.row.handled).toBe(value(parseNumberCell(cells[2], 'count', { min: 0 })))
      expect(parsed.row.abandoned).toBe(value(parseNumberCell(cells[3], 'count', { min: 0 })))
      expect(parsed.row.ahtSeconds).toBe(value(parseDurationCell(cells[4], 'AHT')))
    }), { seed: 5, numRuns: 2000 })
  })
})

describe('interval time window and AHT bound', () => {
  const now = Date.UTC(2026, 11, 6)
  it('refuses an interval start outside 1970 to ten years ahead, and an AHT above 7 days', () => {
    const c = { ...ctx, nowMs: now }
    expect(parseIntervalRecord('9999-12-31T07:00:00,35,33,2,176'.split(','), c)).toEqual({ problems: [{ field: 'intervalStart', message: "time '9999-12-31T07:00:00' is outside the accepted range 1970-01-01 to 2036-12-06 (a typo in the year?)" }] })
    expect(parseIntervalRecord('0000-01-01T07:00:00,35,33,2,176'.split(','), c)).toMatchObject({ problems: [{ field: 'intervalStart' }] })
    expect(parseIntervalRecord('1999-01-01T07:00:00,35,33,2,1e308'.split(','), c)).toEqual({ problems: [{ field: 'ahtSeconds', message: 'AHT 1e308 s is longer than 7 days (604800 s), the most a chat duration may be' }] })
    expect(parseIntervalRecord('1999-01-01T07:00:00,35,33,2,700000'.split(','), c)).toMatchObject({ problems: [{ field: 'ahtSeconds' }] })
  })
})
