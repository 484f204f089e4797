import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/commands/forecast.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { indexOf, readSeries } from '../forecast/bankData.ts'

const bank = readSeries('bank_calls_30min.csv')
const dir = mkdtempSync(join(tmpdir(), 'chatplan-forecast-'))
const cut = indexOf(bank, '2003-10-20')
const historyCsv = join(dir, 'history.csv')
const futureCsv = join(dir, 'future.csv')
writeFileSync(historyCsv, ['timestamp,volume', ...bank.timestamps.slice(cut - 28 * 40, cut).map((t, i) => `${t},${bank.volumes[cut - 28 * 40 + i]}`)].join('\n') + '\n')
const futureTimes = bank.timestamps.slice(cut, cut + 28).map((t) => t.replace('T', ' ').slice(0, 16)) // echoed exactly as given
writeFileSync(futureCsv, ['timestamp', ...futureTimes].join('\n') + '\n')

describe('chatplan forecast', () => {
  it('prints timestamp,mean,lo80,hi80,lo95,hi95 for every future row, timestamps echoed as given', async () => {
    const io = memoryIo('', { TZ: 'America/New_York' })
    const code = await run(['--history', historyCsv, '--future', futureCsv, '--model', 'weekdayMean:k=4'], io)
    expect(io.stderr).toMatch(/model weekdayMean:k=4/)
    expect(code).toBe(0)
    const lines = io.stdout.trim().split('\n')
    expect(lines[0]).toBe('timestamp,mean,lo80,hi80,lo95,hi95')
    expect(lines.length).toBe(29)
    const first = lines[1].split(',')
    expect(first[0]).toBe('2003-10-20 07:00')
    const mondays = ['2003-10-13', '2003-10-06', '2003-09-29', '2003-09-22'].map((d) => bank.volumes[indexOf(bank, d)])
    expect(Number(first[1])).toBeCloseTo(mondays.reduce((a, b) => a + b, 0) / 4, 3)
    for (const line of lines.slice(1)) {
      const [, mean, lo80, hi80, lo95, hi95] = line.split(',').map(Number)
      expect(lo95).toBeLessThanOrEqual(lo80)
      expect(lo80).toBeLessThanOrEqual(mean)
      expect(mean).toBeLessThanOrEqual(hi80)
      expect(hi80).toBeLessThanOrEqual(hi95)
    }
  })

  it('with --aht adds aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95 (real October 1999 data)', async () => {
    const october = readSeries('anon_bank_1999_10_30min.csv')
    const split = indexOf(october, '1999-10-29')
    const h = join(dir, 'aht-history.csv')
    const f = join(dir, 'aht-future.csv')
    writeFileSync(h, ['timestamp,volume,aht_seconds', ...october.rows.slice(0, split).map((r) => `${r.timestamp},${r.volume},${r.aht_seconds}`)].join('\n'))
    writeFileSync(f, ['timestamp', ...october.timestamps.slice(split, split + 48)].join('\n'))
    const io = memoryIo()
    const code = await run(['--history', h, '--future', f, '--aht', '--tz', 'Asia/Jerusalem', '--model', 'weekdayMean'], io)
    expect(io.stderr).not.toMatch(/error/i)
    expect(code).toBe(0)
    const lines = io.stdout.trim().split('\n')
    expect(lines[0]).toBe('timestamp,mean,lo80,hi80,lo95,hi95,aht_mean,aht_lo80,aht_hi80,aht_lo95,aht_hi95')
    expect(lines.length).toBe(49)
    const at10 = lines.find((l) => l.startsWith('1999-10-29T10:00:00'))!.split(',').map(Number)
    expect(at10[6]).toBeGreaterThan(60)
    expect(at10[7]).toBeLessThanOrEqual(at10[6])
    expect(at10[8]).toBeGreaterThanOrEqual(at10[6])
  })

  it('names the file, row and column of a bad cell, and exits 1', async () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'timestamp,volume\n2003-10-20T07:00:00,12\n2003-10-20T07:30:00,abc\n')
    const io = memoryIo()
    expect(await run(['--history', bad, '--future', futureCsv], io)).toBe(1)
    expect(io.stderr).toBe(`chatplan forecast: ${bad}: row 3, column volume: "abc" is not a number >= 0\n`)
    expect(io.stdout).toBe('')
  })

  it('reports a missing file, a missing column and missing options', async () => {
    const io = memoryIo()
    expect(await run(['--history', join(dir, 'nope.csv'), '--future', futureCsv], io)).toBe(1)
    expect(io.stderr).toMatch(/history file .*nope\.csv cannot be read: no such file/)
    const noVolume = join(dir, 'novolume.csv')
    writeFileSync(noVolume, 'timestamp,calls\n2003-10-20T07:00:00,1\n')
    const io2 = memoryIo()
    expect(await run(['--history', noVolume, '--future', futureCsv], io2)).toBe(1)
    expect(io2.stderr).toMatch(/novolume\.csv: missing column volume/)
    const io3 = memoryIo()
    expect(await run(['--future', futureCsv], io3)).toBe(1)
    expect(io3.stderr).toMatch(/--history H\.csv is required/)
  })

  it('reports a future timestamp inside the history', async () => {
    const inside = join(dir, 'inside.csv')
    writeFileSync(inside, `timestamp\n${bank.timestamps[cut - 1]}\n`)
    const io = memoryIo('', { TZ: 'America/New_York' })
    expect(await run(['--history', historyCsv, '--future', inside], io)).toBe(1)
    expect(io.stderr).toBe(`chatplan forecast: ${inside} line 2 (${bank.timestamps[cut - 1]}) is inside the history, which ends at ${bank.timestamps[cut - 1]}\n`)
  })

  it('names the file and line of an engine error (a duplicated history timestamp), counting blank lines', async () => {
    const dup = join(dir, 'dup.csv')
    writeFileSync(dup, 'timestamp,volume\n2003-10-20T07:00:00,3\n\n2003-10-20T07:30:00,4\n2003-10-20T07:30:00,5\n')
    const io = memoryIo('', { TZ: 'America/New_York' })
    expect(await run(['--history', dup, '--future', futureCsv], io)).toBe(1)
    expect(io.stderr).toBe(`chatplan forecast: ${dup} line 5 (2003-10-20T07:30:00) duplicates ${dup} line 4\n`)
  })

  it('refuses a future file with a header and no rows, and unknown options by name', async () => {
    const empty = join(dir, 'empty-future.csv')
    writeFileSync(empty, 'timestamp\n')
    const io = memoryIo()
    expect(await run(['--history', historyCsv, '--future', empty], io)).toBe(1)
    expect(io.stderr).toBe(`chatplan forecast: ${empty}: no rows to forecast (the file has a header and no timestamps)\n`)
    expect(io.stdout).toBe('')
    const io2 = memoryIo()
    expect(await run(['--history', historyCsv, '--future', futureCsv, '--holiday', 'US'], io2)).toBe(1)
    expect(io2.stderr).toMatch(/^chatplan forecast: unknown option --holiday \(did you mean --holidays\?\)/)
    const io3 = memoryIo()
    expect(await run(['--history', historyCsv, '--future', futureCsv, '--holidays', 'XX'], io3)).toBe(1)
    expect(io3.stderr).toMatch(/--holidays: holiday country must be a country code date-holidays knows/)
    const io4 = memoryIo()
    expect(await run(['--history', historyCsv, '--future', futureCsv, '--holidays', 'US-ZZ'], io4)).toBe(1)
    expect(io4.stderr).toMatch(/holiday region 'ZZ' is not a region of US/)
  })

  it('--closed-dates forecasts zero on the closed date; --special-days applies a given effect and names bad cells', async () => {
    const io = memoryIo('', { TZ: 'America/New_York' })
    expect(await run(['--history', historyCsv, '--future', futureCsv, '--model', 'weekdayMean:k=4', '--closed-dates', '2003-10-20'], io)).toBe(0)
    const means = io.stdout.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]))
    expect(means).toHaveLength(28)
    expect(means.every((m) => m === 0)).toBe(true)

    const special = join(dir, 'special.csv')
    writeFileSync(special, 'date,name,effect\n2003-10-20,campaign,1.5\n')
    const io2 = memoryIo('', { TZ: 'America/New_York' })
    expect(await run(['--history', historyCsv, '--future', futureCsv, '--model', 'weekdayMean:k=4', '--special-days', special], io2)).toBe(0)
    const first = Number(io2.stdout.split('\n')[1].split(',')[1])
    const mondays = ['2003-10-13', '2003-10-06', '2003-09-29', '2003-09-22'].map((d) => bank.volumes[indexOf(bank, d)])
    expect(first).toBeCloseTo((1.5 * mondays.reduce((a, b) => a + b, 0)) / 4, 2)

    const bad = join(dir, 'special-bad.csv')
    writeFileSync(bad, 'date,name,effect\n2003-10-20,campaign,1.5\n2003-10-21,promo,lots\n')
    const io3 = memoryIo('', { TZ: 'America/New_York' })
    expect(await run(['--history', historyCsv, '--future', futureCsv, '--special-days', bad], io3)).toBe(1)
    expect(io3.stderr).toBe(`chatplan forecast: ${bad}: row 3, column effect: "lots" is not a multiplier between 0 and 20 (e.g. 1.4, 0.5) or "closed"\n`)
  })

  it('--holidays IL: the Israeli autumn holidays are forecast low, learned from the history\'s own holidays (1999, hourly)', async () => {
    const year = readSeries('anon_bank_1999_6min.csv')
    const hours = new Map<string, number>()
    year.timestamps.forEach((t, i) => { const h = t.slice(0, 13) + ':00:00'; hours.set(h, (hours.get(h) ?? 0) + year.volumes[i]) })
    const all = [...hours.entries()]
    const split = all.findIndex(([t]) => t.startsWith('1999-09-19'))
    const h = join(dir, 'il-history.csv')
    const f = join(dir, 'il-future.csv')
    writeFileSync(h, ['timestamp,volume', ...all.slice(0, split).map(([t, v]) => `${t},${v}`)].join('\n'))
    writeFileSync(f, ['timestamp', ...all.slice(split, split + 14 * 24).map(([t]) => t)].join('\n'))
    const dayTotals = (stdout: string) => {
      const totals = new Map<string, number>()
      for (const line of stdout.trim().split('\n').slice(1)) { const [t, mean] = line.split(','); totals.set(t.slice(0, 10), (totals.get(t.slice(0, 10)) ?? 0) + Number(mean)) }
      return totals
    }
    const actual = new Map<string, number>()
    for (const [t, v] of all.slice(split, split + 14 * 24)) actual.set(t.slice(0, 10), (actual.get(t.slice(0, 10)) ?? 0) + v)
    const io = memoryIo('', { TZ: 'Asia/Jerusalem' })
    expect(await run(['--history', h, '--future', f, '--model', 'dailyProfile', '--holidays', 'IL'], io)).toBe(0)
    const withHolidays = dayTotals(io.stdout)
    const io2 = memoryIo('', { TZ: 'Asia/Jerusalem' })
    expect(await run(['--history', h, '--future', f, '--model', 'dailyProfile'], io2)).toBe(0)
    const without = dayTotals(io2.stdout)
    // Yom Kippur (Monday 20 September 1999): 161 calls; a normal Monday about 1,800.
    expect(actual.get('1999-09-20')).toBe(161)
    expect(withHolidays.get('1999-09-20')!).toBeLessThan(400)
    expect(without.get('1999-09-20')!).toBeGreaterThan(1200)
    // Over the fortnight (Yom Kippur, Sukkot and its week), the holiday-aware forecast is much closer.
    const error = (f: Map<string, number>) => [...actual].reduce((a, [d, v]) => a + Math.abs(f.get(d)! - v), 0)
    expect(error(withHolidays)).toBeLessThan(0.7 * error(without))
  })
})
