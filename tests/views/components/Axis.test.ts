import { describe, expect, it } from 'vitest'
import { distinctTickLabels, labelWidthPx, thinTicks, yDomain } from '../../../views/components/charts/Axis.tsx'
import { formatPercent } from '../../../src/format/numbers.ts'

/** True when no two neighbouring labels' estimated extents come closer than 8 units. */
function clear(ticks: { at: number; label: string }[], anchor: 'middle' | 'start'): boolean {
  return ticks.every((t, i) => {
    if (i === 0) return true
    const prev = ticks[i - 1]
    const prevEnd = anchor === 'middle' ? prev.at + labelWidthPx(prev.label) / 2 : prev.at + 3 + labelWidthPx(prev.label)
    const start = anchor === 'middle' ? t.at - labelWidthPx(t.label) / 2 : t.at + 3
    return start - prevEnd >= 8
  })
}

describe('the chart axis', () => {
  it('thins a month of day labels on a 900-unit chart to evenly spaced labels that do not touch', () => {
    // The staffing chart of October 2003: 31 days on 856 units of plot, labels "Mon 10-27" at each day start.
    const step = 856 / 31
    const days = Array.from({ length: 31 }, (_, i) => ({ at: 48 + i * step, label: `Mon 10-${String(i + 1).padStart(2, '0')}` }))
    const kept = thinTicks(days, 'start')
    expect(kept.length).toBe(11)
    expect(kept[1].at - kept[0].at).toBeCloseTo(3 * step, 6)
    expect(clear(kept, 'start')).toBe(true)
    // A week on the same width keeps every day.
    const week = Array.from({ length: 7 }, (_, i) => ({ at: 48 + (i * 856) / 7, label: `Mon 10-${27 + i}` }))
    expect(thinTicks(week, 'start')).toEqual(week)
  })

  it('keeps histogram bucket labels apart ("120–180180–300" cannot happen)', () => {
    const labels = ['0–30 s', '30 s–1 min', '1–2 min', '2–3 min', '3–5 min', '5–10 min', '10–15 min', '15–20 min', '20–30 min', '30 min +']
    const step = (600 - 68) / labels.length
    const ticks = labels.map((label, i) => ({ at: 56 + i * step + step / 2, label }))
    const kept = thinTicks(ticks, 'middle')
    expect(clear(kept, 'middle')).toBe(true)
    expect(kept.length).toBeLessThan(labels.length)
    expect(kept[0].label).toBe('0–30 s')
  })

  it('never repeats a y label and never runs a flat share to 175%', () => {
    expect(distinctTickLabels([25700, 25710, 25720, 25730])).toEqual(['25.70k', '25.71k', '25.72k', '25.73k'])
    expect(distinctTickLabels([0.95, 0.955, 0.96], formatPercent)).toEqual(['95.0%', '95.5%', '96.0%'])
    const [lo, hi] = yDomain([0.9, 0.9, 0.9], { fromZero: false, max: 1 })
    expect(lo).toBeCloseTo(0.855, 6)
    expect(hi).toBeCloseTo(0.945, 6)
    expect(yDomain([1, 1], { fromZero: false, max: 1 })).toEqual([0.95, 1])
  })
})
