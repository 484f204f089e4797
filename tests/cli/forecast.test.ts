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
    expect(io.stderr).toMatch(/futureTimestamps\[0\] .* is inside the history/)
  })
})
