import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forecastVolumes } from '../../src/forecast/forecastVolumes.ts'
import { BANK_ZONE, indexOf, readSeries } from './bankData.ts'

const bank = readSeries('bank_calls_30min.csv')

/** Hourly local-time history in `zone`: `days` days before `firstFutureDay`, volume = 10 + local hour. */
function hourlyHistory(lastDayExclusiveUtc: number, days: number, zone: string) {
  const timestamps: string[] = []
  const volumes: number[] = []
  for (let d = days; d >= 1; d--) {
    const date = new Date(lastDayExclusiveUtc - d * 86_400_000).toISOString().slice(0, 10)
    for (let h = 0; h < 24; h++) {
      timestamps.push(`${date}T${String(h).padStart(2, '0')}:00:00`)
      volumes.push(10 + h)
    }
  }
  return { timestamps, volumes, timeZone: zone }
}

describe('forecastVolumes', () => {
  it('chooses a model by backtest on a real slice and reports every score, best first', () => {
    const cut = indexOf(bank, '2003-09-22')
    const result = forecastVolumes({ timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: bank.timestamps.slice(cut, cut + 140), timeZone: BANK_ZONE }, { backtestOrigins: 4 })
    expect(result.scores.length).toBeGreaterThan(15)
    for (let i = 1; i < result.scores.length; i++) expect(result.scores[i].mase).toBeGreaterThanOrEqual(result.scores[i - 1].mase)
    expect(result.model).toBe(result.scores[0].model.startsWith('combination') ? result.model : result.scores[0].model)
    expect(result.intervalMethod).toBe('backtest')
    expect(result.intervalCoverage[0].level).toBe(0.8)
    expect(result.intervalCoverage[0].coverage).toBeGreaterThan(0.65)
    expect(result.intervalCoverage[0].coverage).toBeLessThan(0.95)
    result.mean.forEach((m, i) => {
      expect(result.lower[0][i]).toBeLessThanOrEqual(m)
      expect(result.upper[0][i]).toBeGreaterThanOrEqual(m)
      expect(result.lower[1][i]).toBeLessThanOrEqual(result.lower[0][i])
      expect(result.upper[1][i]).toBeGreaterThanOrEqual(result.upper[0][i])
    })
    const actual = bank.volumes.slice(cut, cut + 140)
    const wapeOfWeek = actual.reduce((s, a, i) => s + Math.abs(a - result.mean[i]), 0) / actual.reduce((a, b) => a + b, 0)
    expect(wapeOfWeek).toBeLessThan(0.08)
  })

  it('a forced model is used as named; an unknown name lists the valid ones', () => {
    const cut = indexOf(bank, '2003-09-22')
    const input = { timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: bank.timestamps.slice(cut, cut + 28), timeZone: BANK_ZONE }
    const forced = forecastVolumes(input, { model: 'weekdayMean:k=4' })
    expect(forced.model).toBe('weekdayMean:k=4')
    const mondays = ['2003-09-15', '2003-09-08', '2003-08-25', '2003-08-18'].map((d) => bank.volumes[indexOf(bank, d)])
    expect(forced.mean[0]).toBeCloseTo(mondays.reduce((a, b) => a + b, 0) / 4, 10) // 2003-09-01 (Labor Day) is missing
    expect(() => forecastVolumes(input, { model: 'prophet' })).toThrow(/model must be one of .*weekdayMean/)
  })

  it('closed hours and closed days forecast exactly zero (bank opens 07:00, closed on Saturdays)', () => {
    const cut = indexOf(bank, '2003-10-20')
    const result = forecastVolumes({ timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: ['2003-10-20T06:30:00', '2003-10-20T07:00:00', '2003-10-20T21:00:00', '2003-10-25T10:00:00'], timeZone: BANK_ZONE }, { model: 'weekdayMean:k=4' })
    expect(result.mean[0]).toBe(0)
    expect(result.mean[1]).toBeGreaterThan(100)
    expect(result.mean[2]).toBe(0)
    expect(result.mean[3]).toBe(0)
    expect([result.lower[0][3], result.upper[1][3]]).toEqual([0, 0])
  })

  it('declared closed dates forecast zero; special days apply their multiplier', () => {
    const cut = indexOf(bank, '2003-10-20')
    const base = { timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: bank.timestamps.slice(cut, cut + 56), timeZone: BANK_ZONE }
    const plain = forecastVolumes(base, { model: 'weekdayMean:k=4' })
    const adjusted = forecastVolumes({ ...base, closedDates: ['2003-10-20'], specialDays: [{ date: '2003-10-21', multiplier: 1.5, label: 'campaign' }] }, { model: 'weekdayMean:k=4' })
    expect(adjusted.mean.slice(0, 28).every((m) => m === 0)).toBe(true)
    expect(adjusted.mean[28]).toBeCloseTo(plain.mean[28] * 1.5, 9)
  })

  it('daylight saving: 23-hour and 25-hour days in Europe/London keep each local hour its own profile', () => {
    const spring = hourlyHistory(Date.UTC(2024, 2, 31), 28, 'Europe/London')
    const springFuture = Array.from({ length: 23 }, (_, h) => Date.UTC(2024, 2, 31, 0) + h * 3_600_000)
    const s = forecastVolumes({ ...spring, futureTimestamps: springFuture }, { model: 'weekdayMean:k=4' })
    expect(s.mean).toEqual([10, ...Array.from({ length: 22 }, (_, h) => 12 + h)])
    const autumn = hourlyHistory(Date.UTC(2024, 9, 27), 28, 'Europe/London')
    const autumnFuture = Array.from({ length: 25 }, (_, h) => Date.UTC(2024, 9, 26, 23) + h * 3_600_000)
    const a = forecastVolumes({ ...autumn, futureTimestamps: autumnFuture }, { model: 'weekdayMean:k=4' })
    expect(a.mean).toEqual([10, 11, 11, ...Array.from({ length: 22 }, (_, h) => 12 + h)])
  })

  it('falls back clearly: all-zero history -> zero; one day of history -> time-of-day mean with a warning', () => {
    const zero = forecastVolumes({ timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:30:00'], volumes: [0, 0], futureTimestamps: ['2024-01-02T09:00:00'], timeZone: 'UTC' })
    expect(zero.mean).toEqual([0])
    expect(zero.warnings.join()).toMatch(/every history volume is zero/)
    const short = forecastVolumes({ timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:30:00'], volumes: [4, 6], futureTimestamps: ['2024-01-02T09:00:00', '2024-01-02T09:30:00'], timeZone: 'UTC' })
    expect(short.mean).toEqual([4, 6])
    expect(short.model).toBe('timeOfDayMean:days=7')
    expect(short.intervalMethod).toBe('poisson')
    expect(short.warnings.join()).toMatch(/less than a week of history/)
  })

  it('rejects bad input with messages naming the argument and index', () => {
    const ok = { timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:30:00'], volumes: [1, 2], futureTimestamps: ['2024-01-01T10:00:00'], timeZone: 'UTC' }
    expect(() => forecastVolumes({ ...ok, volumes: [1, Number.NaN] })).toThrow(/volumes\[1\] must be a finite number >= 0, got NaN/)
    expect(() => forecastVolumes({ ...ok, volumes: [1] })).toThrow(/volumes has 1 values but timestamps has 2/)
    expect(() => forecastVolumes({ ...ok, timestamps: ['2024-01-01T09:30:00', '2024-01-01T09:00:00'] })).toThrow(/timestamps must be increasing: timestamps\[1\]/)
    expect(() => forecastVolumes({ ...ok, timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:00:00'] })).toThrow(/timestamps\[1\] \(2024-01-01T09:00:00\) duplicates timestamps\[0\]/)
    expect(() => forecastVolumes({ ...ok, futureTimestamps: ['2024-01-01T09:30:00'] })).toThrow(/futureTimestamps\[0\] \(2024-01-01T09:30:00\) is inside the history/)
    expect(() => forecastVolumes({ ...ok, futureTimestamps: ['2024-01-01T10:10:00'] })).toThrow(/futureTimestamps\[0\] .* is not the start of a 30-minute interval/)
    expect(() => forecastVolumes({ ...ok, timeZone: 'Nowhere' })).toThrow(/timeZone must be an IANA zone/)
    expect(() => forecastVolumes(ok, { levels: [80] })).toThrow(/levels\[0\] must be a fraction/)
  })

  it('never mutates its input', () => {
    const cut = indexOf(bank, '2003-10-06')
    const input = Object.freeze({ timestamps: Object.freeze(bank.timestamps.slice(0, cut)), volumes: Object.freeze(bank.volumes.slice(0, cut)), futureTimestamps: Object.freeze(bank.timestamps.slice(cut, cut + 28)), timeZone: BANK_ZONE })
    expect(() => forecastVolumes(input, { backtestOrigins: 2 })).not.toThrow()
  })

  it('property: forecasts and bounds are finite and never negative, whatever the (valid) history', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 24 * 15, maxLength: 24 * 15 }), (values) => {
        const timestamps = values.map((_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000)
        const futureTimestamps = Array.from({ length: 48 }, (_, i) => Date.UTC(2024, 0, 16) + i * 3_600_000)
        const r = forecastVolumes({ timestamps, volumes: values, futureTimestamps, timeZone: 'Europe/London' }, { backtestOrigins: 2 })
        for (const series of [r.mean, ...r.lower, ...r.upper]) for (const v of series) expect(Number.isFinite(v) && v >= 0).toBe(true)
      }),
      { numRuns: 15, seed: 42 },
    )
  })
})
