import { describe, expect, it } from 'vitest'
import { compareForecastWithActuals, horizonAccuracy, horizonAccuracyInWorker, modelsToCompare, parseCombinationName } from '../../src/planning/forecastAccuracy.ts'
import { forecastVolumes } from '../../src/forecast/forecastVolumes.ts'
import { BANK_ZONE, indexOf, readSeries } from '../forecast/bankData.ts'

const ZONE = 'Europe/London'

/** One open hour a day (09:00 local), `days` consecutive days from 2024-01-01, volume 10 + day index. */
function trendSeries(days: number) {
  const timestamps: string[] = []
  const volumes: number[] = []
  for (let d = 0; d < days; d++) {
    timestamps.push(new Date(Date.UTC(2024, 0, 1 + d, 9)).toISOString().slice(0, 19))
    volumes.push(10 + d)
  }
  return { timestamps, volumes }
}

describe('horizonAccuracy: the backtest by days ahead', () => {
  it('scores the seasonal naive by hand on a linear trend: every error is one week of trend', () => {
    // 28 days, 7 days to forecast: origins at day 14 and day 21 (at least 14 training days).
    // Seasonal naive: forecast(d) = y(d - 7) = y(d) - 7, so every error is 7 and the in-sample naive MAE is 7 too.
    const { timestamps, volumes } = trendSeries(28)
    const future = trendSeries(35).timestamps.slice(28)
    const report = horizonAccuracy({ timestamps, volumes, futureTimestamps: future, timeZone: ZONE, intervalMinutes: 60 }, ['seasonalNaive'], 'seasonalNaive')
    expect(report.origins).toBe(2)
    expect(report.horizonDays).toBe(7)
    const naive = report.models[0]
    expect(naive).toMatchObject({ model: 'seasonalNaive', isChosen: true, isReference: true })
    expect(naive.byDaysAhead).toHaveLength(7)
    naive.byDaysAhead.forEach((h, k) => {
      // Day k+1 ahead: actual y(14 + k) = 24 + k at the first origin, y(21 + k) = 31 + k at the second.
      expect(h.daysAhead).toBe(k + 1)
      expect(h.mase).toBeCloseTo(1, 12)
      expect(h.rmse).toBeCloseTo(7, 12)
      expect(h.wape).toBeCloseTo((7 / (24 + k) + 7 / (31 + k)) / 2, 12)
      expect(h.origins).toBe(2)
    })
    // Overall: the mean over origins of sum|e| / sum(actual): 49/189 (days 14..20) and 49/238 (days 21..27).
    expect(naive.overall.wape).toBeCloseTo((49 / 189 + 49 / 238) / 2, 12)
  })

  it('agrees with the scores that chose the model, on the US bank series (same origins, same numbers)', () => {
    const bank = readSeries('bank_calls_30min.csv')
    const cut = indexOf(bank, '2003-09-29')
    const input = { timestamps: bank.timestamps.slice(0, cut), volumes: bank.volumes.slice(0, cut), futureTimestamps: bank.timestamps.slice(cut, cut + 28 * 10), timeZone: BANK_ZONE }
    const result = forecastVolumes(input)
    const names = modelsToCompare(result)
    expect(names[0]).toBe(result.model)
    expect(names).toContain('seasonalNaive')
    const report = horizonAccuracy(input, names, result.model)
    expect(report.models.map((m) => m.model)).toEqual(names)
    for (const m of report.models) {
      const score = result.scores.find((s) => s.model === m.model)!
      // Combination weights are printed with two decimals in its name, hence the looser tolerance there.
      const digits = m.model.startsWith('combination') ? 2 : 10
      expect(m.overall.mase, m.model).toBeCloseTo(score.mase, digits)
      expect(m.overall.wape, m.model).toBeCloseTo(score.wape, digits)
      expect(m.overall.rmse, m.model).toBeCloseTo(score.rmse, m.model.startsWith('combination') ? 0 : 8)
      expect(m.overall.origins).toBe(score.origins)
    }
    const chosen = report.models.find((m) => m.isChosen)!
    const naive = report.models.find((m) => m.isReference)!
    // The chosen model beats the seasonal naive overall, and on the first day ahead.
    expect(chosen.overall.mase).toBeLessThan(naive.overall.mase)
    expect(chosen.byDaysAhead[0].mase).toBeLessThan(naive.byDaysAhead[0].mase)
  })

  it('gives the same report in a worker thread, and the same error', async () => {
    const { timestamps, volumes } = trendSeries(28)
    const input = { timestamps, volumes, futureTimestamps: trendSeries(35).timestamps.slice(28), timeZone: ZONE, intervalMinutes: 60 }
    const names = ['weekdayMean:k=2', 'seasonalNaive']
    expect(await horizonAccuracyInWorker(input, names, 'weekdayMean:k=2')).toEqual(horizonAccuracy(input, names, 'weekdayMean:k=2'))
    await expect(horizonAccuracyInWorker({ ...input, timestamps: timestamps.slice(0, 10), volumes: volumes.slice(0, 10) }, names, 'x')).rejects.toThrow(RangeError)
  })

  it('refuses a history too short to backtest, and unknown models, with clear messages', () => {
    const { timestamps, volumes } = trendSeries(10)
    const future = trendSeries(12).timestamps.slice(10)
    expect(() => horizonAccuracy({ timestamps, volumes, futureTimestamps: future, timeZone: ZONE, intervalMinutes: 60 }, ['seasonalNaive'], 'seasonalNaive')).toThrow('the history (10 days) is too short for a backtest: it needs at least 15 days')
    const long = trendSeries(28)
    expect(() => horizonAccuracy({ ...long, futureTimestamps: trendSeries(30).timestamps.slice(28), timeZone: ZONE, intervalMinutes: 60 }, ['prophet'], 'prophet')).toThrow(/model must be one of/)
    expect(() => horizonAccuracy({ ...long, futureTimestamps: [], timeZone: ZONE, intervalMinutes: 60 }, [], 'x')).toThrow('modelNames must name at least one model, got none')
  })
})

describe('modelsToCompare and combination names', () => {
  const score = (model: string, mase: number) => ({ model, mase, wape: mase / 10, rmse: mase * 10, origins: 4, elapsedMs: 1 })
  it('takes the chosen model, the seasonal naive, then the best variant of each other family', () => {
    const scores = [score('weekdayMean:k=4', 0.7), score('weekdayMean:k=3', 0.72), score('dailyProfile:alpha=0.1,weeks=12', 0.75), score('combination(a 0.5 + b 0.5)', 0.76), score('seasonalNaive', 1), score('topDownArima:weeks=12', 1.1)]
    expect(modelsToCompare({ model: 'weekdayMean:k=4', scores })).toEqual(['weekdayMean:k=4', 'seasonalNaive', 'dailyProfile:alpha=0.1,weeks=12', 'combination(a 0.5 + b 0.5)', 'topDownArima:weeks=12'])
    expect(modelsToCompare({ model: 'weekdayMean:k=4', scores }, 3)).toEqual(['weekdayMean:k=4', 'seasonalNaive', 'dailyProfile:alpha=0.1,weeks=12'])
    expect(() => modelsToCompare({ model: 'x', scores }, 1)).toThrow('maxModels must be an integer >= 2, got 1')
  })

  it('reads members and renormalised weights from a combination name', () => {
    expect(parseCombinationName('combination(dailyProfile:alpha=0.05,weeks=20 0.34 + dailyProfile:alpha=0.05,weeks=12 0.33 + weekdayMean:k=4 0.33)')).toEqual({
      members: ['dailyProfile:alpha=0.05,weeks=20', 'dailyProfile:alpha=0.05,weeks=12', 'weekdayMean:k=4'],
      weights: [0.34, 0.33, 0.33],
    })
    const halves = parseCombinationName('combination(a 0.50 + b 0.49)')!
    expect(halves.weights[0]).toBeCloseTo(0.5 / 0.99, 12)
    expect(parseCombinationName('weekdayMean:k=4')).toBeNull()
    expect(() => parseCombinationName('combination(a)')).toThrow("combination member 'a' has no weight")
  })
})

describe('compareForecastWithActuals: forecast against what arrived', () => {
  // Three half-hours on each of two New York days, and a third day with nothing arrived yet.
  const at = (day: number, hour: number, minute = 0) => Date.UTC(2003, 10, day, hour + 5, minute)
  const forecast = [
    { startMs: at(3, 9), mean: 10 }, { startMs: at(3, 9, 30), mean: 20 }, { startMs: at(3, 10), mean: 30 },
    { startMs: at(4, 9), mean: 12 }, { startMs: at(4, 9, 30), mean: 8 }, { startMs: at(4, 10), mean: 5 },
    { startMs: at(5, 9), mean: 40 },
  ]
  const actuals = [
    { startMs: at(3, 9), offered: 14 }, { startMs: at(3, 9, 30), offered: 18 }, { startMs: at(3, 10), offered: 24 },
    // 4 November: 10:00 had no contacts, so no history row: it counts as an actual of zero.
    { startMs: at(4, 9), offered: 10 }, { startMs: at(4, 9, 30), offered: 10 },
    // An actual outside the forecast is ignored.
    { startMs: at(2, 9), offered: 99 },
  ]

  it('computes WAPE and bias per day and overall, by hand', () => {
    const result = compareForecastWithActuals(forecast, actuals, 'America/New_York')
    expect(result.days.map((d) => d.dateKey)).toEqual(['2003-11-03', '2003-11-04'])
    // 3 Nov: |10-14| + |20-18| + |30-24| = 12 over 56 actual; bias (60 - 56) / 56.
    expect(result.days[0]).toEqual({ dateKey: '2003-11-03', forecast: 60, actual: 56, absoluteError: 12, wape: 12 / 56, bias: 4 / 56, intervals: 3 })
    // 4 Nov: |12-10| + |8-10| + |5-0| = 9 over 20; bias (25 - 20) / 20.
    expect(result.days[1]).toEqual({ dateKey: '2003-11-04', forecast: 25, actual: 20, absoluteError: 9, wape: 9 / 20, bias: 5 / 20, intervals: 3 })
    expect(result.wape).toBeCloseTo(21 / 76, 15)
    expect(result.bias).toBeCloseTo(9 / 76, 15)
    expect(result).toMatchObject({ forecast: 85, actual: 76, intervals: 6 })
  })

  it('has no WAPE or bias before any actual arrives, and a null day WAPE when nothing arrived that day', () => {
    expect(compareForecastWithActuals(forecast, [], 'America/New_York')).toEqual({ days: [], wape: null, bias: null, forecast: 0, actual: 0, intervals: 0 })
    const zeroDay = compareForecastWithActuals(forecast, [{ startMs: at(5, 9), offered: 0 }], 'America/New_York')
    expect(zeroDay.days).toEqual([{ dateKey: '2003-11-05', forecast: 40, actual: 0, absoluteError: 40, wape: null, bias: null, intervals: 1 }])
  })

  it('refuses NaN and negative inputs, and does not mutate them', () => {
    expect(() => compareForecastWithActuals([{ startMs: at(3, 9), mean: Number.NaN }], actuals, 'America/New_York')).toThrow(`forecast: mean at ${at(3, 9)} must be a finite number, got NaN`)
    expect(() => compareForecastWithActuals(forecast, [{ startMs: at(3, 9), offered: -1 }], 'America/New_York')).toThrow('must be a number >= 0, got -1')
    const frozenForecast = Object.freeze(forecast.map((f) => Object.freeze({ ...f })))
    const frozenActuals = Object.freeze(actuals.map((a) => Object.freeze({ ...a })))
    expect(compareForecastWithActuals(frozenForecast, frozenActuals, 'America/New_York').wape).toBeCloseTo(21 / 76, 15)
  })
})

describe('a published forecast against the actuals imported afterwards', () => {
  it('computes the snapshot WAPE and bias that a hand computation from the CSV gives', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { createDb } = await import('../../src/db/client.ts')
    const { migrateDb } = await import('../../src/db/migrate.ts')
    const { importFile } = await import('../../src/db/importBatch.ts')
    const { findQueueByName } = await import('../../src/db/queues.ts')
    const { insertSnapshot, snapshotOfQueueForecast } = await import('../../src/db/forecasts.ts')
    const { forecastQueue } = await import('../../src/planning/queueForecast.ts')
    const { snapshotAccuracy, publishedSnapshotsAccuracy } = await import('../../src/planning/forecastAccuracy.ts')
    const { parseLocalIsoToUtcMs } = await import('../../src/time/zones.ts')

    const dir = mkdtempSync(join(tmpdir(), 'chatplan-accuracy-'))
    const db = await createDb('file:' + join(dir, 'a.db'))
    try {
      await migrateDb(db)
      const [header, ...lines] = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
      // History up to Friday 2003-10-10; the week of 13-17 October arrives later.
      const before = lines.filter((l) => l < '2003-10-11')
      const later = lines.filter((l) => l >= '2003-10-11' && l < '2003-10-18')
      writeFileSync(join(dir, 'before.csv'), [header, ...before].join('\n') + '\n')
      writeFileSync(join(dir, 'later.csv'), [header, ...later].join('\n') + '\n')
      await importFile(db, { kind: 'intervals', path: join(dir, 'before.csv'), fileName: 'before.csv', queueName: 'US bank', timeZone: BANK_ZONE })
      const queue = (await findQueueByName(db, 'US bank'))!
      const forecast = await forecastQueue(db, queue, { fromDateKey: '2003-10-13', toDateKey: '2003-10-19', model: 'weekdayMean:k=4' })
      const snapshot = await insertSnapshot(db, snapshotOfQueueForecast(forecast, { name: 'week 42', published: true, horizonAccuracy: null }))

      const none = await snapshotAccuracy(db, queue, snapshot)
      expect(none).toMatchObject({ days: [], wape: null, bias: null })

      await importFile(db, { kind: 'intervals', path: join(dir, 'later.csv'), fileName: 'later.csv', queueName: 'US bank', timeZone: BANK_ZONE })
      const accuracy = await snapshotAccuracy(db, queue, snapshot)

      // By hand: every forecast interval of a day that has actuals, against the CSV value (0 where the CSV has none).
      const actualByMs = new Map(later.map((l) => [parseLocalIsoToUtcMs(l.split(',')[0], BANK_ZONE), Number(l.split(',')[1])]))
      const days = new Set(later.map((l) => l.slice(0, 10)))
      let error = 0
      let actual = 0
      let forecastSum = 0
      const byDay = new Map<string, { error: number; actual: number }>()
      for (const i of forecast.intervals) {
        const day = new Date(i.startMs - 4 * 3_600_000).toISOString().slice(0, 10)
        if (!days.has(day)) continue
        const a = actualByMs.get(i.startMs) ?? 0
        error += Math.abs(i.volume - a)
        actual += a
        forecastSum += i.volume
        const d = byDay.get(day) ?? { error: 0, actual: 0 }
        d.error += Math.abs(i.volume - a)
        d.actual += a
        byDay.set(day, d)
      }
      expect(actual).toBe(later.reduce((s, l) => s + Number(l.split(',')[1]), 0))
      // The series has no 14 October (one of its six missing weekdays): that day has no actuals and is not scored.
      expect(accuracy.days.map((d) => d.dateKey)).toEqual(['2003-10-13', '2003-10-15', '2003-10-16', '2003-10-17'])
      expect(accuracy.wape).toBeCloseTo(error / actual, 12)
      expect(accuracy.bias).toBeCloseTo((forecastSum - actual) / actual, 12)
      for (const d of accuracy.days) expect(d.wape).toBeCloseTo(byDay.get(d.dateKey)!.error / byDay.get(d.dateKey)!.actual, 12)
      // The 4-week same-weekday mean is within 10% of this week, as the protocol's figures lead one to expect.
      expect(accuracy.wape!).toBeGreaterThan(0.02)
      expect(accuracy.wape!).toBeLessThan(0.1)
      expect((await publishedSnapshotsAccuracy(db, queue)).map((s) => s.wape)).toEqual([accuracy.wape])
    } finally {
      db.client.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
