import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/commands/intraday.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { indexOf, readSeries } from '../forecast/bankData.ts'

const bank = readSeries('bank_calls_30min.csv')
const dir = mkdtempSync(join(tmpdir(), 'chatplan-intraday-'))
const day = indexOf(bank, '2003-10-20')
const rowsOf = (from: number, to: number) => bank.timestamps.slice(from, to).map((t, i) => `${t},${bank.volumes[from + i]}`)
const write = (name: string, lines: string[]) => { const file = join(dir, name); writeFileSync(file, ['timestamp,volume', ...lines].join('\n') + '\n'); return file }
const history = write('h.csv', rowsOf(day - 28 * 80, day))
const morning = write('t.csv', rowsOf(day, day + 10)) // 07:00 ... 11:30
const args = (...extra: string[]) => ['--history', history, '--today', morning, '--at', '12:00', '--tz', 'America/New_York', ...extra]

describe('chatplan intraday', () => {
  it('prints timestamp,mean,lo80,hi80,lo95,hi95 from --at to the end of the day (real bank data)', async () => {
    const io = memoryIo()
    expect(await run(args(), io)).toBe(0)
    const lines = io.stdout.trim().split('\n')
    expect(lines[0]).toBe('timestamp,mean,lo80,hi80,lo95,hi95')
    expect(lines).toHaveLength(1 + 24)
    expect(lines[1].startsWith('2003-10-20T12:00:00,')).toBe(true)
    expect(lines[24].startsWith('2003-10-20T23:30:00,')).toBe(true)
    const afternoon = lines.slice(1, 18).map((l) => l.split(',').map(Number))
    const actual = bank.volumes.slice(day + 10, day + 28)
    const reforecastError = afternoon.reduce((s, r, i) => s + Math.abs(r[1] - actual[i]), 0)
    // Same-weekday mean of the last 4 weeks (the protocol's day-ahead) as the yardstick.
    const mondays = [1, 2, 3, 4].map((w) => indexOf(bank, new Date(Date.parse('2003-10-20') - w * 7 * 86_400_000).toISOString().slice(0, 10)))
    const dayAheadError = actual.slice(0, 17).reduce((s, a, i) => s + Math.abs(a - mondays.reduce((m, d) => m + bank.volumes[d + 10 + i], 0) / 4), 0)
    expect(reforecastError).toBeLessThan(dayAheadError)
    for (const [, mean, lo80, hi80, lo95, hi95] of afternoon) {
      expect(lo95).toBeLessThanOrEqual(lo80)
      expect(lo80).toBeLessThanOrEqual(mean)
      expect(hi80).toBeGreaterThanOrEqual(mean)
      expect(hi95).toBeGreaterThanOrEqual(hi80)
    }
    expect(io.stderr).toMatch(/morning trusted by backtest on 55 history days/)
  })

  it('refuses bad input with a clear message and exit 1', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--history', history, '--today', write('other.csv', rowsOf(day, day + 2).concat(rowsOf(day + 28, day + 29))), '--at', '12:00'], /row 4, column timestamp: 2003-10-21T07:00:00 is not today \(2003-10-20/],
      [['--history', write('overlap.csv', rowsOf(day - 28, day + 1)), '--today', morning, '--at', '12:00'], /h\.csv|overlap\.csv: row 30, column timestamp: 2003-10-20T07:00:00 overlaps today/],
      [args().map((a) => (a === '12:00' ? '11:00' : a)), /row 10, column timestamp: the interval starting 2003-10-20T11:00:00 ends after --at 11:00/],
      [['--history', history, '--today', write('unsorted.csv', [rowsOf(day + 1, day + 2)[0], rowsOf(day, day + 1)[0]]), '--at', '12:00'], /row 3, column timestamp: 2003-10-20T07:00:00 is not after the row before/],
      [args('--window', '3'), /unknown option --window/],
      [args().map((a) => (a === '12:00' ? '25:00' : a)), /--at must be a clock time HH:MM/],
      [['--today', morning, '--at', '12:00'], /--history H\.csv is required/],
    ]
    for (const [argv, message] of cases) {
      const io = memoryIo('', { TZ: 'America/New_York' })
      expect(await run(argv, io)).toBe(1)
      expect(io.stderr).toMatch(message)
      expect(io.stdout).toBe('')
    }
  })

  it('adds aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95 when the history has aht_seconds (real October 1999 data)', async () => {
    const october = readSeries('anon_bank_1999_10_30min.csv')
    const cutAt = indexOf(october, '1999-10-25')
    const rows = (from: number, to: number) => october.rows.slice(from, to).map((r) => `${r.timestamp},${r.volume},${r.aht_seconds}`)
    const h = join(dir, 'h-aht.csv')
    const t = join(dir, 't-aht.csv')
    writeFileSync(h, ['timestamp,volume,aht_seconds', ...rows(0, cutAt)].join('\n') + '\n')
    writeFileSync(t, ['timestamp,volume,aht_seconds', ...rows(cutAt, cutAt + 24)].join('\n') + '\n')
    const io = memoryIo()
    expect(await run(['--history', h, '--today', t, '--at', '12:00', '--tz', 'Asia/Jerusalem'], io)).toBe(0)
    const lines = io.stdout.trim().split('\n')
    expect(lines[0]).toBe('timestamp,mean,lo80,hi80,lo95,hi95,aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95')
    expect(lines).toHaveLength(25)
    // 12:00-12:30: the AHT of that half-hour over the history, volume-weighted, moved by at most the morning's ratio.
    const at = october.rows.slice(0, cutAt).filter((r) => r.timestamp.endsWith('T12:00:00') && Number(r.handled) > 0)
    const historyAht = at.reduce((s, r) => s + Number(r.aht_seconds) * Number(r.handled), 0) / at.reduce((s, r) => s + Number(r.handled), 0)
    const [, , , , , , ahtMean, ahtLo80, ahtHi80, ahtLo95, ahtHi95] = lines[1].split(',').map(Number)
    expect(ahtMean).toBeGreaterThan(historyAht * 0.7)
    expect(ahtMean).toBeLessThan(historyAht * 1.3)
    expect(ahtLo95).toBeLessThanOrEqual(ahtLo80)
    expect(ahtLo80).toBeLessThan(ahtMean)
    expect(ahtHi80).toBeGreaterThan(ahtMean)
    expect(ahtHi95).toBeGreaterThanOrEqual(ahtHi80)
  })

  it('on a 25-hour day (Europe/London, 1999-10-31) prints the repeated hour twice, with offsets (real 1999 hourly data)', async () => {
    const year = readSeries('anon_bank_1999_6min.csv')
    const hourly = new Map<string, number>()
    year.timestamps.forEach((t, i) => { if (t >= '1999-09-01' && t < '1999-11') hourly.set(t.slice(0, 13), (hourly.get(t.slice(0, 13)) ?? 0) + year.volumes[i]) })
    const h = join(dir, 'h-dst.csv')
    const t = join(dir, 't-dst.csv')
    writeFileSync(h, ['timestamp,volume', ...[...hourly].filter(([k]) => k < '1999-10-31').map(([k, v]) => `${k}:00:00,${v}`)].join('\n') + '\n')
    writeFileSync(t, ['timestamp,volume', `1999-10-31T00:00:00,${hourly.get('1999-10-31T00')}`].join('\n') + '\n')
    const io = memoryIo()
    expect(await run(['--history', h, '--today', t, '--at', '01:00', '--tz', 'Europe/London'], io)).toBe(0)
    const stamps = io.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0])
    // --at 01:00 is ambiguous on this day: it is the later (GMT) 01:00, as for every local time in the app, so the
    // first pass of 01:00 (BST) has closed (without data: said on stderr) and 23 hours remain.
    expect(stamps).toHaveLength(23)
    expect(stamps[0]).toBe('1999-10-31T01:00:00+00:00')
    expect(stamps[1]).toBe('1999-10-31T02:00:00+00:00')
    expect(stamps.at(-1)).toBe('1999-10-31T23:00:00+00:00')
    expect(io.stderr).toMatch(/1 closed interval has no data yet/)
    // At midnight with nothing closed yet (an empty T.csv: today is the day after the history) all 25 hours remain.
    const empty = join(dir, 't-empty.csv')
    writeFileSync(empty, 'timestamp,volume\n')
    const atMidnight = memoryIo()
    expect(await run(['--history', h, '--today', empty, '--at', '00:00', '--tz', 'Europe/London'], atMidnight)).toBe(0)
    const all = atMidnight.stdout.trim().split('\n').slice(1).map((l) => l.split(','))
    expect(all).toHaveLength(25)
    expect(all.slice(0, 3).map((r) => r[0])).toEqual(['1999-10-31T00:00:00+01:00', '1999-10-31T01:00:00+01:00', '1999-10-31T01:00:00+00:00'])
    expect(all[2][1]).toBe(all[1][1]) // the repeated hour shares its wall-clock profile
  })
})
