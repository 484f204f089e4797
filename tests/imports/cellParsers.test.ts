import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  isEmptyCell, parseBooleanCell, parseCsatCell, parseDurationCell, parseNpsCell, parseNumberCell, parseOutcomeCell, parseTimeCell,
  textCellFast, unsignedIntegerCellFast,
  MAX_DURATION_SECONDS,
} from '../../src/imports/cellParsers.ts'

describe('cell parsers', () => {
  it('treats empty markers as empty', () => {
    for (const text of [undefined, '', '  ', 'NA', 'n/a', 'null', 'None', '-']) expect(isEmptyCell(text)).toBe(true)
    for (const text of ['0', 'Nadia', 'no', 'nothing']) expect(isEmptyCell(text)).toBe(false)
  })

  it('reads times in the zone, or says what was expected', () => {
    expect(parseTimeCell('2024-07-01T10:00:00', 'Europe/London')).toEqual({ value: Date.UTC(2024, 6, 1, 9) })
    expect(parseTimeCell('NA', 'Europe/London')).toEqual({ value: null })
    expect(parseTimeCell('1/7/2024', 'Europe/London')).toEqual({ error: "unparseable time '1/7/2024' (expected ISO 8601 like 2024-03-01T09:30:00)" })
  })

  it('reads numbers within bounds', () => {
    expect(parseNumberCell(' 12.5 ', 'count', { min: 0 })).toEqual({ value: 12.5 })
    expect(parseNumberCell('-1', 'count', { min: 0 })).toEqual({ error: 'negative count -1' })
    expect(parseNumberCell('abc', 'count')).toEqual({ error: "count 'abc' is not a number" })
    expect(parseNumberCell('2.5', 'NPS answer', { integer: true })).toEqual({ error: 'NPS answer 2.5 is not a whole number' })
    expect(parseNumberCell('11', 'NPS answer', { max: 10 })).toEqual({ error: 'NPS answer 11 is above 10' })
  })

  it('reads durations as seconds or as a clock', () => {
    expect(parseDurationCell('754', 'duration')).toEqual({ value: 754 })
    expect(parseDurationCell('00:12:34', 'duration')).toEqual({ value: 754 })
    expect(parseDurationCell('2:00', 'duration')).toEqual({ value: 120 })
    expect(parseDurationCell('1:02:03.5', 'duration')).toEqual({ value: 3723.5 })
    expect(parseDurationCell('-00:00:05', 'wait')).toEqual({ error: 'negative wait -00:00:05' })
    expect(parseDurationCell('-5', 'wait')).toEqual({ error: 'negative wait -5' })
  })

  it('reads yes/no, outcomes and survey answers', () => {
    expect(parseBooleanCell('Yes', 'resolved')).toEqual({ value: true })
    expect(parseBooleanCell('not resolved', 'resolved')).toEqual({ value: false })
    expect(parseBooleanCell('maybe', 'resolved')).toEqual({ error: "resolved 'maybe' is not yes/no (use true/false, yes/no or 1/0)" })
    expect(parseOutcomeCell('HANG')).toEqual({ value: 'abandoned' })
    expect(parseOutcomeCell('Agent')).toEqual({ value: 'answered' })
    expect(parseOutcomeCell('transferred')).toEqual({ error: "outcome 'transferred' is neither answered nor abandoned" })
    expect(parseCsatCell('rated good')).toEqual({ value: 5 })
    expect(parseCsatCell('Rated bad')).toEqual({ value: 1 })
    expect(parseCsatCell('not rated')).toEqual({ value: null })
    expect(parseCsatCell('6')).toEqual({ error: 'CSAT 6 is above 5' })
    expect(parseNpsCell('0')).toEqual({ value: 0 })
    expect(parseNpsCell('10')).toEqual({ value: 10 })
  })
})

describe('fast paths agree with the full parsers', () => {
  const cellText = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', ' ', 'NA', 'na', 'n/a', '-', 'none', 'Nora', ' x ', 'null', '0', '007', '12', '-3', '1e3', '12.5', '99999999999999', '999999999999999999'),
    fc.integer({ min: 0, max: 10 ** 9 }).map(String),
  )

  it('textCellFast is the trimmed text, or null exactly when isEmptyCell says so', () => {
    fc.assert(fc.property(cellText, (text) => {
      expect(textCellFast(text)).toBe(isEmptyCell(text) ? null : text.trim())
    }), { seed: 7, numRuns: 2000 })
    expect(textCellFast(undefined)).toBeNull()
  })

  it('unsignedIntegerCellFast gives the full duration parser’s value whenever it answers', () => {
    fc.assert(fc.property(cellText, (text) => {
      const fast = unsignedIntegerCellFast(text)
      if (Number.isNaN(fast) || (fast !== null && fast > MAX_DURATION_SECONDS)) return // longer than 7 days: the record parser asks the full parser, which refuses it
      expect(parseDurationCell(text, 'duration')).toEqual({ value: fast })
    }), { seed: 8, numRuns: 2000 })
    expect(unsignedIntegerCellFast('1234')).toBe(1234)
    expect(unsignedIntegerCellFast('12 ')).toBeNaN()
  })
})
