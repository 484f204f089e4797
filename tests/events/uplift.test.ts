import { describe, expect, it } from 'vitest'
import { FLAT_SHAPE, type CalendarEvent } from '../../src/events/calendar.ts'
import { counterfactualBaseline, effectStatistics, effectValueOf, learnUplift, measureOccurrences, proposeUplift, type Occurrence } from '../../src/events/uplift.ts'
import { at, NEW_YORK, usBank30min } from './realSeries.ts'

function promotion(id: number, fromDate: string, toDate: string, overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id, queueId: 1, type: 'promotion', name: `Promotion ${id}`, startUtcMs: at(fromDate + 'T00:00:00', NEW_YORK), endUtcMs: at(toDate + 'T00:00:00', NEW_YORK),
    timeZone: NEW_YORK, effect: { kind: 'multiplier', value: null }, shape: { ...FLAT_SHAPE }, source: 'user', learnKey: 'promotion', ...overrides,
  }
}

/** The real series with the intervals of [from, to) multiplied by `factor`. */
function withSpike(series: { startMs: number[]; volumes: number[] }, from: number, to: number, factor: number) {
  return { startMs: series.startMs, volumes: series.volumes.map((v, i) => (series.startMs[i] >= from && series.startMs[i] < to ? v * factor : v)) }
}

describe('counterfactualBaseline', () => {
  it('is the mean of the same local time on the nearest same-weekday days not excluded', () => {
    const bank = usBank30min()
    const i = bank.startMs.indexOf(at('2003-06-11T10:00:00', NEW_YORK))
    const weeksAway = [-7, 7, -14, 14].map((d) => bank.startMs.indexOf(at('2003-06-11T10:00:00', NEW_YORK) + d * 86_400_000))
    const expected = weeksAway.reduce((s, j) => s + bank.volumes[j], 0) / 4
    expect(counterfactualBaseline(bank, { timeZone: NEW_YORK })[i]).toBeCloseTo(expected, 9)
    // Excluding the week before moves to three weeks away.
    const excluded = new Set(['2003-06-04'])
    const moved = [7, -14, 14, -21].map((d) => bank.startMs.indexOf(at('2003-06-11T10:00:00', NEW_YORK) + d * 86_400_000))
    expect(counterfactualBaseline(bank, { timeZone: NEW_YORK, excludedDates: excluded })[i]).toBeCloseTo(moved.reduce((s, j) => s + bank.volumes[j], 0) / 4, 9)
  })
  it('does not change its input and names bad options', () => {
    const series = Object.freeze({ startMs: Object.freeze([0, 1800000]) as number[], volumes: Object.freeze([1, 2]) as number[] })
    expect(() => counterfactualBaseline(series, { timeZone: 'UTC', neighbourDays: 0 })).toThrow('neighbourDays must be a whole number >= 1, got 0')
    expect(() => counterfactualBaseline({ startMs: [0], volumes: [-1] }, { timeZone: 'UTC' })).toThrow('series.volumes[0] must be a finite number >= 0, got -1')
  })
})

describe('learned uplift on a real series with a known spike', () => {
  const bank = usBank30min()
  const from = at('2003-05-05T00:00:00', NEW_YORK)
  const to = at('2003-05-10T00:00:00', NEW_YORK)
  const spiked = withSpike(bank, from, to, 1.5)

  it('recovers a week multiplied by 1.5 within 10%', () => {
    const [occurrence] = measureOccurrences([promotion(1, '2003-05-05', '2003-05-10')], spiked, { timeZone: NEW_YORK, intervalMinutes: 30 })
    expect(Math.abs(occurrence.multiplier - 1.5) / 1.5).toBeLessThan(0.1)
    expect(occurrence.multiplier).toBeCloseTo(1.4631, 3)
    // Without the spike the same week is a normal week: the multiplier is near 1.
    const [plain] = measureOccurrences([promotion(1, '2003-05-05', '2003-05-10')], bank, { timeZone: NEW_YORK, intervalMinutes: 30 })
    expect(plain.multiplier).toBeCloseTo(1.4631 / 1.5, 3)
  })

  it('learns the mean and spread of several promotions and replays the proposals', () => {
    const weeks = [['2003-04-14', '2003-04-19', 1.5], ['2003-06-09', '2003-06-14', 1.4], ['2003-08-11', '2003-08-16', 1.6]] as const
    let series = bank
    for (const [a, b, f] of weeks) series = withSpike(series, at(a + 'T00:00:00', NEW_YORK), at(b + 'T00:00:00', NEW_YORK), f)
    const events = weeks.map(([a, b], k) => promotion(k + 1, a, b))
    const [estimate] = learnUplift(measureOccurrences(events, series, { timeZone: NEW_YORK, intervalMinutes: 30 }))
    expect(estimate.learnKey).toBe('promotion')
    expect(estimate.count).toBe(3)
    expect(estimate.multiplier.mean).toBeGreaterThan(1.35)
    expect(estimate.multiplier.mean).toBeLessThan(1.65)
    expect(estimate.multiplier.sd).toBeGreaterThan(0)
    expect(estimate.multiplier.low).toBeLessThan(estimate.multiplier.high)
    // The second occurrence was proposed the first one's value, the third the mean of the first two.
    expect(estimate.proposals.map((p) => p.eventId)).toEqual([2, 3])
    expect(estimate.proposals[0].proposed).toBeCloseTo(estimate.occurrences[0].multiplier, 12)
    expect(estimate.proposals[1].proposed).toBeCloseTo((estimate.occurrences[0].multiplier + estimate.occurrences[1].multiplier) / 2, 12)
    expect(estimate.proposalMeanAbsoluteRelativeError).toBeGreaterThan(0)
    expect(proposeUplift([estimate], 'promotion', 'multiplier')!.value).toBeCloseTo(estimate.multiplier.mean, 12)
    expect(proposeUplift([estimate], 'launch', 'multiplier')).toBeNull()
    expect(effectValueOf(promotion(9, '2003-11-03', '2003-11-04'), [estimate])).toBeCloseTo(estimate.multiplier.mean, 12)
    expect(effectValueOf(promotion(9, '2003-11-03', '2003-11-04', { effect: { kind: 'multiplier', value: 2 } }), [estimate])).toBe(2)
  })

  it('measures an added volume per day for a flat extra load', () => {
    // 1,000 extra calls a day spread like the day's own profile on 2003-07-15 and 16.
    const days = ['2003-07-15', '2003-07-16']
    const totals = new Map<string, number>()
    bank.startMs.forEach((t, i) => { const d = new Date(t - 4 * 3_600_000).toISOString().slice(0, 10); if (days.includes(d)) totals.set(d, (totals.get(d) ?? 0) + bank.volumes[i]) })
    const volumes = bank.volumes.map((v, i) => { const d = new Date(bank.startMs[i] - 4 * 3_600_000).toISOString().slice(0, 10); return days.includes(d) ? v + (1000 * v) / totals.get(d)! : v })
    const [occurrence] = measureOccurrences([promotion(1, '2003-07-15', '2003-07-17', { effect: { kind: 'added', value: null } })], { startMs: bank.startMs, volumes }, { timeZone: NEW_YORK, intervalMinutes: 30 })
    const [plain] = measureOccurrences([promotion(1, '2003-07-15', '2003-07-17', { effect: { kind: 'added', value: null } })], bank, { timeZone: NEW_YORK, intervalMinutes: 30 })
    expect(occurrence.addedPerDay - plain.addedPerDay).toBeGreaterThan(900)
    expect(occurrence.addedPerDay - plain.addedPerDay).toBeLessThan(1100)
  })

  it('skips events that are not over before the history ends', () => {
    expect(measureOccurrences([promotion(1, '2003-10-23', '2003-10-30')], bank, { timeZone: NEW_YORK, intervalMinutes: 30 })).toEqual([])
  })
})

describe('effectStatistics', () => {
  it('gives mean, sample sd and the 10-90% range', () => {
    const stats = effectStatistics([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(stats).toMatchObject({ count: 10, mean: 5.5 })
    // simple-statistics quantiles interpolate between order statistics (R type 7).
    expect(stats.low).toBeCloseTo(1.9, 12)
    expect(stats.high).toBeCloseTo(9.1, 12)
    expect(stats.sd).toBeCloseTo(3.0277, 4)
    expect(effectStatistics([1.4])).toEqual({ count: 1, mean: 1.4, sd: null, low: 1.4, high: 1.4 })
    expect(() => effectStatistics([])).toThrow('effectStatistics: values must not be empty')
  })
  it('tracks a recorded proposal against the actual', () => {
    const o = (id: number, multiplier: number, proposedValue: number | null): Occurrence => ({ eventId: id, learnKey: 'launch', name: `L${id}`, startUtcMs: id, effectKind: 'multiplier', actualVolume: 0, baselineVolume: 0, multiplier, addedPerDay: 0, proposedValue })
    const [estimate] = learnUplift([o(1, 2, 1.5)])
    expect(estimate.proposals).toEqual([{ eventId: 1, name: 'L1', startUtcMs: 1, kind: 'multiplier', proposed: 1.5, actual: 2, insideRange: null }])
    expect(estimate.proposalMeanAbsoluteRelativeError).toBeCloseTo(1 / 3, 12)
  })
})
