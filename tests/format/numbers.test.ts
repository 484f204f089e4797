import { describe, expect, it } from 'vitest'
import { formatCompact, formatCount, formatDecimal, formatDuration, formatDurationRange, formatMinutes, formatPercent, formatSigned } from '../../src/format/numbers.ts'

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
})
