import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { setQueueHolidayCountry } from '../../src/db/events.ts'
import { forecastQueue, queueHolidaySpecialDays } from '../../src/planning/queueForecast.ts'
import type { ForecastProgress } from '../../src/forecast/types.ts'

const ZONE = 'Asia/Jerusalem'

describe('forecastQueue with the queue\'s holiday country (the web forecast and plan)', () => {
  it('learns the Israeli holidays from the queue\'s history when its holidays are switched on; unchanged when off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatplan-queue-holidays-'))
    const db = await createDb('file:' + join(dir, 'q.db'))
    await migrateDb(db)
    // The Israeli bank's 1999 history (6-minute file) until Yom Kippur's eve, imported as interval aggregates.
    const [header, ...lines] = readFileSync(new URL('../../data/demo/anon_bank_1999_6min.csv', import.meta.url), 'utf8').trim().split('\n')
    const history = lines.filter((l) => l < '1999-09-19')
    writeFileSync(join(dir, 'il.csv'), [header, ...history].join('\n') + '\n')
    await importFile(db, { kind: 'intervals', path: join(dir, 'il.csv'), fileName: 'il.csv', queueName: 'IL bank', timeZone: ZONE })
    const queue = (await findQueueByName(db, 'IL bank'))!
    const options = { fromDateKey: '1999-09-19', toDateKey: '1999-09-25', intervalMinutes: 60, model: 'dailyProfile:alpha=0.1,weeks=12' }
    const dayTotal = (forecast: Awaited<ReturnType<typeof forecastQueue>>, date: string) => {
      const from = Date.parse(`${date}T00:00:00+03:00`)
      return forecast.intervals.filter((i) => i.startMs >= from && i.startMs < from + 86_400_000).reduce((a, i) => a + i.volume, 0)
    }
    const off = await forecastQueue(db, queue, options)
    await setQueueHolidayCountry(db, queue.id, 'IL')
    const withIl = (await findQueueByName(db, 'IL bank'))!
    expect(queueHolidaySpecialDays(withIl, Date.parse('1999-01-01'), Date.parse('1999-12-31')).find((d) => d.date === '1999-09-20')).toMatchObject({ label: 'holiday' })
    const on = await forecastQueue(db, withIl, options)
    // Yom Kippur (Monday 20 September 1999) had 161 calls; a normal Monday about 1,800.
    expect(dayTotal(off, '1999-09-20')).toBeGreaterThan(1200)
    expect(dayTotal(on, '1999-09-20')).toBeLessThan(400)
    // The day after it (Tuesday 21 September) is a busy day after a holiday, learned from the history's own day after
    // Rosh Hashana: forecast within 15% of the 1,713 calls that came.
    const tuesday = lines.filter((l) => l.startsWith('1999-09-21')).reduce((a, l) => a + Number(l.split(',')[1]), 0)
    expect(tuesday).toBe(1713)
    expect(Math.abs(dayTotal(on, '1999-09-21') / tuesday - 1)).toBeLessThan(0.15)
    db.client.close()
  }, 60_000)
})

describe('forecastQueue in the worker pool (web requests)', () => {
  it('reads the history in the worker and gives the same forecast as on this thread, with progress; errors keep their class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatplan-queue-worker-'))
    const db = await createDb('file:' + join(dir, 'q.db'))
    await migrateDb(db)
    const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
    writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l < '2003-10-13').join('\n') + '\n')
    await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
    const queue = (await findQueueByName(db, 'US bank'))!
    const options = { fromDateKey: '2003-10-13', toDateKey: '2003-10-19' }
    const progress: ForecastProgress[] = []
    let ticks = 0
    const ticker = setInterval(() => { ticks++ }, 10)
    const inWorker = await forecastQueue(db, queue, { ...options, inWorker: true, onProgress: (p) => progress.push(p) })
    clearInterval(ticker)
    const here = await forecastQueue(db, queue, options)
    expect(inWorker.volume.model).toBe(here.volume.model)
    expect(inWorker.intervals).toEqual(here.intervals)
    expect(inWorker.history).toEqual(here.history)
    expect(inWorker.intervals).toHaveLength(7 * 48)
    expect(progress.filter((p) => p.stage === 'backtest').length).toBeGreaterThan(1)
    expect(progress[progress.length - 1].stage).toBe('done')
    expect(ticks).toBeGreaterThan(5) // this thread ran its timers meanwhile
    const before = forecastQueue(db, queue, { fromDateKey: '2003-01-01', toDateKey: '2003-01-07', inWorker: true })
    await expect(before).rejects.toThrow(RangeError)
    await expect(before).rejects.toThrow("the range 2003-01-01 to 2003-01-07 is not after the history of 'US bank' (which ends 2003-10-10)")
    db.client.close()
  }, 120_000)
})
