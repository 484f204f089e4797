import { describe, expect, it } from 'vitest'
import { FLAT_SHAPE, type CalendarEvent } from '../../src/events/calendar.ts'
import { forecastWithEvents } from '../../src/events/forecastWithEvents.ts'
import { flagShortfalls } from '../../src/events/flags.ts'
import { requirementForIntervals } from '../../src/staffing/index.ts'
import { at, NEW_YORK, usBank30min } from './realSeries.ts'

function promotion(id: number, from: string, to: string): CalendarEvent {
  return {
    id, queueId: 1, type: 'promotion', name: `Promotion ${id}`, startUtcMs: at(from + 'T00:00:00', NEW_YORK), endUtcMs: at(to + 'T00:00:00', NEW_YORK),
    timeZone: NEW_YORK, effect: { kind: 'multiplier', value: null }, shape: { ...FLAT_SHAPE }, source: 'user', learnKey: 'promotion',
  }
}

describe('a labelled real spike, then an upcoming promotion of the same type', () => {
  const bank = usBank30min()
  const pastFrom = at('2003-05-05T00:00:00', NEW_YORK)
  const pastTo = at('2003-05-10T00:00:00', NEW_YORK)
  const cut = at('2003-10-11T00:00:00', NEW_YORK)
  const volumes = bank.volumes.map((v, i) => (bank.startMs[i] >= pastFrom && bank.startMs[i] < pastTo ? v * 1.5 : v))
  const historyLength = bank.startMs.findIndex((t) => t >= cut)
  const input = {
    startMs: bank.startMs.slice(0, historyLength), volumes: volumes.slice(0, historyLength),
    futureStartMs: bank.startMs.slice(historyLength), timeZone: NEW_YORK, intervalMinutes: 30,
  }
  const upcoming = promotion(2, '2003-10-21', '2003-10-23')
  const result = forecastWithEvents(input, [promotion(1, '2003-05-05', '2003-05-10'), upcoming], { model: 'weekdayMean:k=4' })
  const inUpcoming = input.futureStartMs.map((t) => t >= upcoming.startUtcMs && t < upcoming.endUtcMs)

  it('learns the promotion from the spike (within 10% of 1.5) and applies it to the upcoming one only', () => {
    const [estimate] = result.uplift
    expect(estimate.learnKey).toBe('promotion')
    expect(Math.abs(estimate.multiplier.mean - 1.5) / 1.5).toBeLessThan(0.1)
    expect(result.appliedValues.get(2)).toBeCloseTo(estimate.multiplier.mean, 12)
    expect(result.specialDates).toEqual(['2003-05-05', '2003-05-06', '2003-05-07', '2003-05-08', '2003-05-09'])
    input.futureStartMs.forEach((_, i) => {
      if (inUpcoming[i]) expect(result.mean[i]).toBeCloseTo(result.base.mean[i] * estimate.multiplier.mean, 9)
      else expect(result.mean[i]).toBe(result.base.mean[i])
    })
    const sum = (xs: number[], pick: boolean) => xs.reduce((s, v, i) => s + (inUpcoming[i] === pick ? v : 0), 0)
    expect(sum(result.mean, true)).toBeGreaterThan(1.35 * sum(result.base.mean, true))
    // Bounds move with the mean.
    expect(result.upper[0].every((u, i) => u >= result.mean[i] - 1e-9)).toBe(true)
  })

  it('the history was cleaned: the spike does not inflate the base forecast', () => {
    const raw = forecastWithEvents(input, [], { model: 'weekdayMean:k=4' })
    // weekdayMean:k=4 looks back four weeks: May is far behind October, so both bases agree here.
    expect(result.base.mean).toEqual(raw.base.mean)
    const early = forecastWithEvents({ ...input, startMs: bank.startMs.slice(0, 1400), volumes: volumes.slice(0, 1400), futureStartMs: bank.startMs.slice(1400, 1540) }, [promotion(1, '2003-05-05', '2003-05-10')], { model: 'weekdayMean:k=4' })
    const uncleaned = forecastWithEvents({ ...input, startMs: bank.startMs.slice(0, 1400), volumes: volumes.slice(0, 1400), futureStartMs: bank.startMs.slice(1400, 1540) }, [], { model: 'weekdayMean:k=4' })
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
    expect(total(uncleaned.mean) / total(early.mean)).toBeGreaterThan(1.05)
  })

  it('flags the promotion intervals where the base plan (no event) falls short, and nothing else', () => {
    const settings = { intervalMinutes: 30, model: { kind: 'erlang_c' as const }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 60 }, shrinkageFraction: 0.3 }
    const ahtSeconds = 240
    const basePlan = requirementForIntervals(result.base.mean.map((volume) => ({ volume, ahtSeconds })), settings)
    const eventPlan = requirementForIntervals(result.mean.map((volume) => ({ volume, ahtSeconds })), settings)
    const flags = flagShortfalls({
      startMs: input.futureStartMs, needAgents: eventPlan.map((r) => r.agentsScheduled), coverAgents: basePlan.map((r) => r.agentsScheduled),
      eventIds: result.effects.map((e) => e.eventIds), intervalMinutes: 30, timeZone: NEW_YORK,
    })
    expect(flags.days.map((d) => d.dateKey)).toEqual(['2003-10-21', '2003-10-22'])
    expect(flags.intervals.length).toBeGreaterThan(40)
    expect(flags.intervals.every((f) => f.eventIds.includes(2))).toBe(true)
    expect(flags.days[0].peakShortfallAgents).toBeGreaterThanOrEqual(5)
    expect(flags.days[0].coverBlocks.reduce((s, b) => s + b.agentHours, 0)).toBeCloseTo(flags.days[0].coverBlocks.length ? flags.intervals.filter((f) => f.dateKey === '2003-10-21').reduce((s, f) => s + Math.ceil(f.shortfallAgents) / 2, 0) : 0, 9)
  })

  it('warns when an upcoming event has no value and nothing was learned for its type', () => {
    const launch = { ...promotion(3, '2003-10-21', '2003-10-22'), type: 'launch' as const, learnKey: 'launch' }
    const r = forecastWithEvents(input, [launch], { model: 'weekdayMean:k=4' })
    expect(r.warnings).toContain("no uplift learned yet for 'launch': 'Promotion 3' has no effect until it is given a value")
    expect(r.mean).toEqual(r.base.mean)
  })
})
