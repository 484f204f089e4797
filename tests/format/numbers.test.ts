import { describe, expect, it } from 'vitest'
import {
  NUMBER_STYLES, currentNumberStyle, formatCompact, formatCount, formatDecimal, formatDuration, formatDurationRange, formatMinutes, formatPercent, formatSigned,
  formatUpTo, withNumberStyle,
} from '../../src/format/numbers.ts'

describe('the one number and duration style', () => {
  it('writes durations one way: seconds under a minute, then minutes and seconds, then hours and minutes', () => {
    expect(formatDuration(115)).toBe('1 min 55 s')
    expect(formatDuration(135)).toBe('2 min 15 s')
    expect(formatDuration(42.4)).toBe('42 s')
    expect(formatDuration(8.44)).toBe('8.4 s')
    expect(formatDuration(8)).toBe('8 s')
    expect(formatDuration(300)).toBe('5 min')
    expect(formatDuration(3725)).toBe('1 h 02 min')
    expect(formatDuration(7199)).toBe('2 h')
    expect(formatDuration(-65)).toBe('−1 min 05 s')
    expect(formatDuration(null)).toBe('–')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–')
    expect(formatMinutes(510)).toBe('8 h 30 min')
    expect(formatMinutes(45)).toBe('45 min')
  })

  it('labels histogram buckets in the same style, so neighbouring labels read apart', () => {
    expect(formatDurationRange(120, 180)).toBe('2–3 min')
    expect(formatDurationRange(30, 60)).toBe('30 s–1 min')
    expect(formatDurationRange(90, 120)).toBe('1 min 30 s–2 min')
    expect(formatDurationRange(1800, null)).toBe('30 min +')
  })

  it('writes counts, decimals, shares, signed differences and compact ticks', () => {
    expect(formatCount(22158)).toBe('22,158')
    expect(formatDecimal(1234.56, 1)).toBe('1,234.6')
    expect(formatPercent(0.94366)).toBe('94.4%')
    expect(formatSigned(-3.04, 1, ' pts')).toBe('−3.0 pts')
    expect(formatSigned(0.01)).toBe('0')
    expect(formatCompact(25700)).toBe('25.7k')
    expect(formatCompact(25720, 2)).toBe('25.72k')
    expect(formatCompact(1250000)).toBe('1.3M')
    expect(formatCompact(0.25)).toBe('0.25')
  })

  it('writes numbers with at most some decimals and no trailing zeros', () => {
    expect(formatUpTo(2.86)).toBe('2.86')
    expect(formatUpTo(3)).toBe('3')
    expect(formatUpTo(1234.5678, 1)).toBe('1,234.6')
    expect(formatUpTo(Number.NaN)).toBe('–')
  })
})

describe("the team's number style (thousands separator and decimal mark)", () => {
  it('writes every kind of number with the chosen separators', () => {
    const written = Object.fromEntries(NUMBER_STYLES.map((style) => [style, [
      formatCount(1234567, style), formatDecimal(12345.67, 1, style), formatPercent(0.94366, 1, style), formatSigned(-1234.5, 1, ' pts', style),
      formatCompact(25700, 1, style), formatDuration(8.44, style), formatUpTo(2.86, 2, style),
    ]]))
    expect(written).toEqual({
      'comma-point': ['1,234,567', '12,345.7', '94.4%', '−1,234.5 pts', '25.7k', '8.4 s', '2.86'],
      'point-comma': ['1.234.567', '12.345,7', '94,4%', '−1.234,5 pts', '25,7k', '8,4 s', '2,86'],
      'space-comma': ['1\u00a0234\u00a0567', '12\u00a0345,7', '94,4%', '−1\u00a0234,5 pts', '25,7k', '8,4 s', '2,86'],
      'apostrophe-point': ['1’234’567', '12’345.7', '94.4%', '−1’234.5 pts', '25.7k', '8.4 s', '2.86'],
    })
  })

  it('uses the style of the request it runs in, and the default outside one', async () => {
    expect(currentNumberStyle()).toBe('comma-point')
    const inRequest = await withNumberStyle('point-comma', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1)) // still the request's style after an await
      return [formatDecimal(1234.5), formatDuration(3.25), formatPercent(0.5)]
    })
    expect(inRequest).toEqual(['1.234,5', '3,3 s', '50,0%'])
    expect(formatDecimal(1234.5)).toBe('1,234.5')
  })
})
