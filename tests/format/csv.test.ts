import { describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { csvCell, csvLocalTime, csvNumber, csvTable, csvTime, neutraliseFormula } from '../../src/format/csv.ts'

import { HOSTILE_NAMES } from './hostileNames.ts'

describe('csv writer', () => {
  it('neutralises every OWASP formula start in text cells and quotes per RFC 4180', () => {
    expect(HOSTILE_NAMES.map(neutraliseFormula)).toEqual(HOSTILE_NAMES.map((n) => `'${n}`))
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"')
    expect(csvCell('Bank (all calls)')).toBe('Bank (all calls)')
    const text = csvTable(['name', { name: 'value_seconds', unit: 'seconds' }], HOSTILE_NAMES.map((n, i) => [n, -i - 0.25]))
    const parsed = Papa.parse<string[]>(text.trimEnd()).data
    expect(parsed.slice(1).map((r) => r[0])).toEqual(HOSTILE_NAMES.map((n) => `'${n}`))
    // Numbers are numbers: a negative number is never prefixed.
    expect(parsed.slice(1).map((r) => r[1])).toEqual(['-0.3', '-1.3', '-2.3', '-3.3', '-4.3', '-5.3'])
  })

  it('rounds one way per unit family', () => {
    expect(csvNumber(0.812345, 'fraction')).toBe('0.8123')
    expect(csvNumber(12.3456, 'count')).toBe('12.35')
    expect(csvNumber(300.04, 'seconds')).toBe('300')
    expect(csvNumber(9.99999, 'erlangs')).toBe('10')
    expect(csvNumber(-0.00001, 'agents')).toBe('0')
    expect(csvNumber(0.1 + 0.2, 'hours')).toBe('0.3')
    expect(csvNumber(1234567, 'id')).toBe('1234567')
    expect(csvNumber(Infinity, 'seconds')).toBe('inf')
    expect(csvNumber(NaN, 'seconds')).toBe('')
    expect(csvNumber(1e-7, 'number')).toBe('0')
  })

  it('writes times in the zone with their offset, across DST', () => {
    expect(csvTime(Date.UTC(2000, 0, 4, 7, 30), 'Asia/Jerusalem')).toBe('2000-01-04T09:30:00+02:00')
    // Europe/London autumn repeat: the two 01:30s are told apart by the offset.
    expect(csvTime(Date.UTC(2024, 9, 27, 0, 30), 'Europe/London')).toBe('2024-10-27T01:30:00+01:00')
    expect(csvTime(Date.UTC(2024, 9, 27, 1, 30), 'Europe/London')).toBe('2024-10-27T01:30:00+00:00')
    expect(csvLocalTime('2003-10-27T07:00', 'America/New_York')).toBe('2003-10-27T07:00:00-05:00')
    expect(csvLocalTime('2003-07-27T07:00', 'America/New_York')).toBe('2003-07-27T07:00:00-04:00')
  })

  it('refuses rows with a blank key and rows of the wrong width', () => {
    expect(() => csvTable([{ name: 'agent', key: true }, 'x'], [['', 1]])).toThrow(/key column agent/)
    expect(() => csvTable(['a', 'b'], [[1]])).toThrow(RangeError)
    expect(csvTable([{ name: 'agent', key: true }], [['unassigned']])).toBe('agent\nunassigned\n')
  })
})

describe('csv times in UTC', () => {
  it('writes +00:00 rather than Z', () => {
    expect(csvTime(0, 'UTC')).toBe('1970-01-01T00:00:00+00:00')
    expect(csvTime(Date.UTC(2024, 0, 1, 12, 0, 30, 500), 'Europe/London')).toBe('2024-01-01T12:00:30+00:00')
  })
})
