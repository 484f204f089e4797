import { describe, expect, it } from 'vitest'
import { forecastVolumes } from '../../src/forecast/forecastVolumes.ts'
import { runForecastInWorker } from '../../src/forecast/runForecastInWorker.ts'
import type { ForecastProgress } from '../../src/forecast/types.ts'
import { BANK_ZONE, indexOf, readSeries } from './bankData.ts'

const bank = readSeries('bank_calls_30min.csv')

describe('runForecastInWorker', () => {
  it('gives the same forecast as the direct call, with a progress message per backtested model', async () => {
    const cut = indexOf(bank, '2003-10-13')
    const input = { timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: bank.timestamps.slice(cut, cut + 28), timeZone: BANK_ZONE }
    const progress: ForecastProgress[] = []
    const inWorker = await runForecastInWorker({ kind: 'volume', input, options: { backtestOrigins: 3 } }, (p) => progress.push(p))
    const direct = forecastVolumes(input, { backtestOrigins: 3 })
    expect(inWorker.model).toBe(direct.model)
    expect(inWorker.mean).toEqual(direct.mean)
    const backtested = progress.filter((p) => p.stage === 'backtest')
    expect(backtested.length).toBe(direct.scores.filter((s) => !s.model.startsWith('combination')).length)
    expect(backtested[backtested.length - 1].done).toBe(backtested[backtested.length - 1].total)
    expect(progress[progress.length - 1].stage).toBe('done')
  })

  it('rejects with the same error class and message as the direct call', async () => {
    const bad = { timestamps: ['2024-01-01T09:00:00', '2024-01-01T09:00:00'], volumes: [1, 2], futureTimestamps: [], timeZone: 'UTC' }
    await expect(runForecastInWorker({ kind: 'volume', input: bad })).rejects.toThrow(RangeError)
    await expect(runForecastInWorker({ kind: 'volume', input: bad })).rejects.toThrow(/timestamps\[1\] \(2024-01-01T09:00:00\) duplicates timestamps\[0\]/)
  })
})
