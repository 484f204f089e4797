import { describe, expect, it } from 'vitest'
import { forecastAht } from '../../src/forecast/forecastAht.ts'
import { indexOf, readSeries } from './bankData.ts'

// Anonymous Bank, October 1999, half-hours with aht_seconds (talk time of handled calls); Israeli week.
const october = readSeries('anon_bank_1999_10_30min.csv', 'handled')
const aht = october.rows.map((r) => (r.aht_seconds === '' ? null : Number(r.aht_seconds)))

describe('forecastAht on real data (anon_bank_1999_10_30min.csv)', () => {
  const cut = indexOf(october, '1999-10-25')
  const result = forecastAht({
    timestamps: october.timestamps.slice(0, cut),
    ahtSeconds: aht.slice(0, cut),
    volumes: october.volumes.slice(0, cut),
    futureTimestamps: october.timestamps.slice(cut),
    timeZone: 'Asia/Jerusalem',
  })

  it('chooses a shrinkage variant by backtest and pins the forecast of Monday 25 October 10:00', () => {
    expect(result.model).toMatch(/^ahtWeekdayMean:k=\d+,shrink=\d+$/)
    expect(result.scores.length).toBe(9)
    const at10 = october.timestamps.slice(cut).indexOf('1999-10-25T10:00:00')
    expect(result.mean[at10]).toBeGreaterThan(100)
    expect(result.mean[at10]).toBeLessThan(300)
  })

  it('is never NaN, differs by hour, and its 80% interval covers about 80% of the last week', () => {
    expect(result.mean.every((m) => Number.isFinite(m) && m > 0)).toBe(true)
    const morning = result.mean[october.timestamps.slice(cut).indexOf('1999-10-25T09:00:00')]
    const evening = result.mean[october.timestamps.slice(cut).indexOf('1999-10-25T21:00:00')]
    expect(Math.abs(morning - evening)).toBeGreaterThan(5)
    let inside = 0
    let count = 0
    aht.slice(cut).forEach((a, i) => {
      if (a === null) return
      count++
      if (a >= result.lower[0][i] && a <= result.upper[0][i]) inside++
    })
    expect(inside / count).toBeGreaterThan(0.65)
    expect(inside / count).toBeLessThan(0.9)
  })

  it('shrinks toward the hour-of-day mean: one long call on a quiet interval barely moves the forecast', () => {
    const timestamps: string[] = []
    const ahtSeconds: (number | null)[] = []
    const volumes: number[] = []
    for (let d = 1; d <= 28; d++) {
      for (const time of ['09:00', '09:30']) {
        timestamps.push(`2024-02-${String(d).padStart(2, '0')}T${time}:00`)
        const outlier = d === 26 && time === '09:30'
        ahtSeconds.push(outlier ? 3000 : 300)
        volumes.push(outlier ? 1 : 50)
      }
    }
    const r = forecastAht({ timestamps, ahtSeconds, volumes, futureTimestamps: ['2024-03-04T09:30:00'], timeZone: 'UTC', intervalMinutes: 30 }, { model: 'ahtWeekdayMean:k=4,shrink=100' })
    // Cell (Mondays 5, 12, 19, 26 Feb): 3 x 50 contacts at 300 s + 1 contact at 3000 s -> 48000 s over 151 contacts
    // (raw mean 317.9 s). Hour 09 over four weeks: (2750 x 300 + 3000) / 2751. Shrunk with 100 pseudo-contacts:
    const hourMean = (2750 * 300 + 3000) / 2751
    expect(r.mean[0]).toBeCloseTo((48000 + 100 * hourMean) / 251, 9)
    expect(r.mean[0]).toBeLessThan(48000 / 151)
  })

  it('rejects bad AHT values, accepts empty ones', () => {
    expect(() => forecastAht({ timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:30:00'], ahtSeconds: [300, -1], futureTimestamps: ['2024-01-01T10:00:00'], timeZone: 'UTC' })).toThrow(/ahtSeconds\[1\] must be a number of seconds >= 0 or empty, got -1/)
    expect(() => forecastAht({ timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:30:00'], ahtSeconds: [null, null], futureTimestamps: ['2024-01-01T10:00:00'], timeZone: 'UTC' })).toThrow(/no history interval has a handle time/)
  })
})
