import { describe, expect, it } from 'vitest'
import { reforecastIntraday, type IntradayInput } from '../../../src/forecast/intraday/reforecastIntraday.ts'
import { intervalsOfDay } from '../../../src/time/intervals.ts'
import { formatLocalIso, parseLocalIsoToUtcMs } from '../../../src/time/zones.ts'
import { BANK_ZONE, indexOf, readSeries } from '../bankData.ts'

const bank = readSeries('bank_calls_30min.csv')
const bankUtc = bank.timestamps.map((t) => parseLocalIsoToUtcMs(t, BANK_ZONE))

/** A real bank day at a clock: history = every row before the day, today = the day's rows closed by then. */
function bankDay(date: string, clock: string, edit: (v: number, time: string) => number | null = (v) => v): IntradayInput {
  const start = indexOf(bank, date)
  const asOf = parseLocalIsoToUtcMs(`${date}T${clock}:00`, BANK_ZONE)
  const rows = bank.timestamps.map((t, i) => i).filter((i) => i >= start && i < start + 28 && bankUtc[i] + 30 * 60_000 <= asOf)
  const values = rows.map((i) => edit(bank.volumes[i], bank.timestamps[i].slice(11, 16)))
  return {
    timeZone: BANK_ZONE,
    intervalMinutes: 30,
    date,
    asOfUtcMs: asOf,
    history: { intervalStartsUtcMs: bankUtc.slice(0, start), volumes: bank.volumes.slice(0, start) },
    today: { intervalStartsUtcMs: rows.map((i) => bankUtc[i]), volumes: values },
  }
}
const actualAfter = (date: string, clock: string) => {
  const start = indexOf(bank, date)
  return bank.volumes.slice(start, start + 28).filter((_, k) => bank.timestamps[start + k].slice(11, 16) >= clock)
}
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
const mae = (a: readonly number[], f: readonly number[]) => sum(a.map((x, i) => Math.abs(x - f[i]))) / a.length

describe('reforecastIntraday on the real bank series (30-minute, America/New_York)', () => {
  it('re-forecasts every interval from the clock to midnight with ordered 80/95% bands, zero where the bank never opens', () => {
    const result = reforecastIntraday(bankDay('2003-10-13', '12:00'))
    expect(result.trust.method).toBe('conditional')
    expect(result.trust.backtestDays).toBe(60)
    const open = result.intervalStartsUtcMs.map((t, i) => i).filter((i) => formatLocalIso(result.intervalStartsUtcMs[i], BANK_ZONE).slice(11, 16) <= '20:30')
    expect(formatLocalIso(result.intervalStartsUtcMs[0], BANK_ZONE)).toBe('2003-10-13T12:00:00')
    expect(open).toHaveLength(actualAfter('2003-10-13', '12:00').length)
    result.mean.forEach((m, i) => {
      expect(result.lower[1][i]).toBeLessThanOrEqual(result.lower[0][i])
      expect(result.lower[0][i]).toBeLessThanOrEqual(m)
      expect(m).toBeLessThanOrEqual(result.upper[0][i])
      expect(result.upper[0][i]).toBeLessThanOrEqual(result.upper[1][i])
    })
    // Before 07:00 and after 21:00 the bank is closed in all its history: forecast zero.
    const late = result.intervalStartsUtcMs.findIndex((t) => formatLocalIso(t, BANK_ZONE).slice(11, 16) === '22:00')
    expect(result.mean[late]).toBe(0)
    expect(result.upper[1][late]).toBe(0)
  })

  it('over ten weekdays of October the afternoon error is well below the day-ahead error', () => {
    let errRe = 0
    let errRef = 0
    for (const date of ['2003-10-06', '2003-10-07', '2003-10-08', '2003-10-09', '2003-10-10', '2003-10-13', '2003-10-15', '2003-10-16', '2003-10-17', '2003-10-20']) {
      const result = reforecastIntraday(bankDay(date, '12:00'))
      const actual = actualAfter(date, '12:00')
      errRe += mae(actual, result.mean.slice(0, actual.length))
      errRef += mae(actual, result.reference.slice(0, actual.length))
    }
    expect(errRe / errRef).toBeLessThan(0.85)
  })

  it('a quiet morning (a tenth of the calls) lowers the afternoon, but not to the morning ratio and not to zero', () => {
    const normal = reforecastIntraday(bankDay('2003-10-13', '12:00'))
    const quiet = reforecastIntraday(bankDay('2003-10-13', '12:00', (v) => Math.round(v / 10)))
    const open = 17 // 12:00 ... 20:30
    const normalSum = sum(normal.mean.slice(0, open))
    const quietSum = sum(quiet.mean.slice(0, open))
    expect(quietSum).toBeLessThan(0.9 * normalSum)
    expect(quietSum).toBeGreaterThan(0.1 * normalSum)
    expect(quiet.lower[0][0]).toBeGreaterThan(0)
  })

  it('missing intervals (a feed outage 09:00-10:30) are left out, not read as zeros', () => {
    const full = reforecastIntraday(bankDay('2003-10-13', '12:00'))
    const outage = (v: number, time: string) => (time >= '09:00' && time <= '10:30' ? null : v)
    const missing = reforecastIntraday(bankDay('2003-10-13', '12:00', outage))
    const zeros = reforecastIntraday(bankDay('2003-10-13', '12:00', (v, time) => (outage(v, time) === null ? 0 : v)))
    const open = 17
    const fullSum = sum(full.mean.slice(0, open))
    expect(Math.abs(sum(missing.mean.slice(0, open)) / fullSum - 1)).toBeLessThan(0.05)
    expect(sum(zeros.mean.slice(0, open))).toBeLessThan(0.9 * fullSum)
    expect(missing.warnings.join(' ')).toMatch(/4 closed intervals have no data yet/)
  })

  it('a closed day (day-ahead zero all day) stays closed whatever the history says', () => {
    const input = bankDay('2003-10-13', '10:00', () => 0)
    const dayLength = intervalsOfDay('2003-10-13', BANK_ZONE, 30).length
    const result = reforecastIntraday({ ...input, dayAhead: { mean: new Array(dayLength).fill(0) } })
    expect(result.mean.every((m) => m === 0)).toBe(true)
    expect(result.upper[1].every((u) => u === 0)).toBe(true)
  })

  it('refuses today data after the clock and history that overlaps today, naming them', () => {
    const input = bankDay('2003-10-13', '12:00')
    expect(() => reforecastIntraday({ ...input, asOfUtcMs: parseLocalIsoToUtcMs('2003-10-13T11:00:00', BANK_ZONE) })).toThrow(/today row 9 .* has not closed by the clock/)
    const start = indexOf(bank, '2003-10-13')
    expect(() => reforecastIntraday({ ...input, history: { intervalStartsUtcMs: bankUtc.slice(0, start + 2), volumes: bank.volumes.slice(0, start + 2) } })).toThrow(/is not before 2003-10-13/)
  })

  it('at midnight nothing is left to re-forecast, and nothing is said about it', () => {
    const input = bankDay('2003-10-13', '12:00')
    const start = indexOf(bank, '2003-10-13')
    const result = reforecastIntraday({ ...input, asOfUtcMs: parseLocalIsoToUtcMs('2003-10-14T00:00:00', BANK_ZONE), today: { intervalStartsUtcMs: bankUtc.slice(start, start + 28), volumes: bank.volumes.slice(start, start + 28) } })
    expect(result.intervalStartsUtcMs).toEqual([])
    expect(result.mean).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.day.closedCount).toBe(48)
  })

  it('does not modify its inputs', () => {
    const input = bankDay('2003-10-13', '12:00')
    const frozen: IntradayInput = {
      ...input,
      history: { intervalStartsUtcMs: Object.freeze([...input.history.intervalStartsUtcMs]), volumes: Object.freeze([...input.history.volumes]) },
      today: { intervalStartsUtcMs: Object.freeze([...input.today.intervalStartsUtcMs]), volumes: Object.freeze([...input.today.volumes]) },
    }
    expect(() => reforecastIntraday(frozen)).not.toThrow()
  })
})

describe('reforecastIntraday on the 1999 hourly series placed in Europe/London (DST days)', () => {
  const year = readSeries('anon_bank_1999_6min.csv')
  // Hourly sums of the real data on a wall-clock grid; laid out in Europe/London, where 1999-03-28 has 23 hours and
  // 1999-10-31 has 25.
  const hourly = new Map<string, number>()
  year.timestamps.forEach((t, i) => hourly.set(t.slice(0, 13), (hourly.get(t.slice(0, 13)) ?? 0) + year.volumes[i]))
  const ZONE = 'Europe/London'
  function dayInput(date: string, hoursAfterMidnight: number): IntradayInput {
    const dayStart = intervalsOfDay(date, ZONE, 60)[0]
    const starts: number[] = []
    const volumes: number[] = []
    for (const [hour, v] of hourly) {
      if (hour >= date) break
      const t = parseLocalIsoToUtcMs(`${hour}:00:00`, ZONE)
      if (starts.length && t <= starts[starts.length - 1]) continue // the skipped hour of 28 March
      if (t >= dayStart) break
      starts.push(t)
      volumes.push(v)
    }
    const today = intervalsOfDay(date, ZONE, 60)
    // The clock as elapsed hours since local midnight (unambiguous on 23/25-hour days).
    const asOf = today[0] + hoursAfterMidnight * 3_600_000
    const closed = today.filter((t) => t + 3_600_000 <= asOf)
    return {
      timeZone: ZONE,
      intervalMinutes: 60,
      date,
      asOfUtcMs: asOf,
      history: { intervalStartsUtcMs: starts, volumes },
      today: { intervalStartsUtcMs: closed, volumes: closed.map((t) => hourly.get(formatLocalIso(t, ZONE).slice(0, 13)) ?? 0) },
    }
  }

  it('a 25-hour day (1999-10-31): the repeated 01:00 is forecast like the first pass, 24 hours remain after 00:00-01:00', () => {
    const input = dayInput('1999-10-31', 1)
    expect(intervalsOfDay('1999-10-31', ZONE, 60)).toHaveLength(25)
    const result = reforecastIntraday(input)
    expect(result.intervalStartsUtcMs).toHaveLength(24)
    expect(formatLocalIso(result.intervalStartsUtcMs[0], ZONE)).toBe('1999-10-31T01:00:00')
    expect(formatLocalIso(result.intervalStartsUtcMs[1], ZONE)).toBe('1999-10-31T01:00:00')
    expect(result.mean[1]).toBe(result.mean[0])
    expect(sum(result.mean)).toBeGreaterThan(500) // a Sunday in the Israeli week: a working day
  })

  it('a 23-hour day (1999-03-28): no 01:00 interval, 22 remain after 00:00-01:00, and noon re-forecasts 12 hours', () => {
    const early = reforecastIntraday(dayInput('1999-03-28', 1))
    expect(early.intervalStartsUtcMs).toHaveLength(22)
    expect(early.intervalStartsUtcMs.map((t) => formatLocalIso(t, ZONE).slice(11, 13))).not.toContain('01')
    const noon = reforecastIntraday(dayInput('1999-03-28', 11)) // 11 elapsed hours: 12:00 local
    expect(formatLocalIso(noon.intervalStartsUtcMs[0], ZONE)).toBe('1999-03-28T12:00:00')
    expect(noon.intervalStartsUtcMs).toHaveLength(12)
    expect(noon.trust.method).toBe('conditional')
  })
})
