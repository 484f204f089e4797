import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import {
  findSnapshot, insertSnapshot, latestPublishedSnapshot, listSnapshotIntervals, listSnapshots, setSnapshotPublished, snapshotDetails,
  type NewForecastSnapshot,
} from '../../src/db/forecasts.ts'
import { intervalsOfDay } from '../../src/time/intervals.ts'

const ZONE = 'America/New_York'

/** A day of 30-minute intervals with a made-up but checkable shape: mean = index, bounds around it. */
function snapshotOf(queueId: number, dateKey: string, overrides: Partial<NewForecastSnapshot> = {}): NewForecastSnapshot {
  const starts = intervalsOfDay(dateKey, ZONE, 30)
  return {
    queueId,
    name: `week of ${dateKey}`,
    model: 'weekdayMean:k=4',
    ahtModel: 'ahtWeekdayMean',
    intervalMinutes: 30,
    fromDateKey: dateKey,
    toDateKey: dateKey,
    scores: [
      { model: 'weekdayMean:k=4', mase: 0.718, wape: 0.0601, rmse: 12.5, origins: 4, elapsedMs: 3 },
      { model: 'seasonalNaive', mase: 1.02, wape: 0.085, rmse: 17.25, origins: 4, elapsedMs: 1 },
      { model: 'mstlEts:weeks=8', mase: Number.POSITIVE_INFINITY, wape: Number.POSITIVE_INFINITY, rmse: Number.POSITIVE_INFINITY, origins: 0, elapsedMs: 0 },
    ],
    ahtScores: [],
    horizonAccuracy: null,
    coverage: [{ level: 0.8, coverage: 0.79 }, { level: 0.95, coverage: 0.93 }],
    warnings: ['too few backtest errors to calibrate intervals: Poisson intervals'],
    published: true,
    intervals: starts.map((startMs, i) => ({
      startMs, mean: i, lo80: Math.max(0, i - 2), hi80: i + 2, lo95: Math.max(0, i - 4), hi95: i + 4,
      ahtMeanSeconds: 300 + i, ahtLo80Seconds: 250 + i, ahtHi80Seconds: 360 + i,
    })),
    ...overrides,
  }
}

describe('forecast snapshots in the database', () => {
  let db: Db
  let queueId: number
  beforeEach(async () => {
    db = await createDb(':memory:')
    await migrateDb(db)
    queueId = (await createQueue(db, { name: 'US bank', timeZone: ZONE })).id
  })
  afterEach(() => db.client.close())

  it('stores a snapshot with its 48 intervals and reads back the same numbers', async () => {
    const input = snapshotOf(queueId, '2003-10-27', { createdAtMs: 1_067_000_000_000 })
    const stored = await insertSnapshot(db, input)
    expect(stored).toMatchObject({
      queueId, name: 'week of 2003-10-27', model: 'weekdayMean:k=4', ahtModel: 'ahtWeekdayMean', intervalMinutes: 30,
      fromDateKey: '2003-10-27', toDateKey: '2003-10-27', published: true, createdAtMs: 1_067_000_000_000,
      firstIntervalStartMs: Date.UTC(2003, 9, 27, 5, 0), lastIntervalStartMs: Date.UTC(2003, 9, 28, 4, 30),
    })
    const intervals = await listSnapshotIntervals(db, stored.id)
    expect(intervals).toHaveLength(48)
    expect(intervals[10]).toEqual({
      snapshotId: stored.id, intervalStartMs: Date.UTC(2003, 9, 27, 10, 0),
      mean: 10, lo80: 8, hi80: 12, lo95: 6, hi95: 14, ahtMeanSeconds: 310, ahtLo80Seconds: 260, ahtHi80Seconds: 370,
    })
    const details = snapshotDetails(stored)
    expect(details.scores[0]).toEqual({ model: 'weekdayMean:k=4', mase: 0.718, wape: 0.0601, rmse: 12.5, origins: 4, elapsedMs: 3 })
    // A model that could not be scored keeps its infinite score through JSON (stored as null).
    expect(details.scores[2].mase).toBe(Number.POSITIVE_INFINITY)
    expect(details.coverage).toEqual([{ level: 0.8, coverage: 0.79 }, { level: 0.95, coverage: 0.93 }])
    expect(details.warnings).toEqual(['too few backtest errors to calibrate intervals: Poisson intervals'])
    expect(details.horizonAccuracy).toBeNull()
  })

  it('reads a time window of the intervals: from inclusive, to exclusive', async () => {
    const stored = await insertSnapshot(db, snapshotOf(queueId, '2003-10-27'))
    const window = await listSnapshotIntervals(db, stored.id, Date.UTC(2003, 9, 27, 12, 0), Date.UTC(2003, 9, 27, 14, 0))
    expect(window.map((i) => i.mean)).toEqual([14, 15, 16, 17])
  })

  it('stores a 25-hour day (clocks go back) with its 50 half-hours, in more than one INSERT', async () => {
    const twoMonths = [] as number[]
    let day = Date.UTC(2003, 9, 1)
    while (day < Date.UTC(2003, 10, 1)) { twoMonths.push(...intervalsOfDay(new Date(day).toISOString().slice(0, 10), ZONE, 30)); day += 86_400_000 }
    const input = snapshotOf(queueId, '2003-10-01', {
      toDateKey: '2003-10-31',
      intervals: twoMonths.map((startMs, i) => ({ startMs, mean: i, lo80: i, hi80: i, lo95: i, hi95: i, ahtMeanSeconds: 1, ahtLo80Seconds: 1, ahtHi80Seconds: 1 })),
    })
    const stored = await insertSnapshot(db, input)
    const intervals = await listSnapshotIntervals(db, stored.id)
    expect(intervals).toHaveLength(31 * 48 + 2)
    const dst = await listSnapshotIntervals(db, stored.id, Date.UTC(2003, 9, 26, 4, 0), Date.UTC(2003, 9, 27, 5, 0))
    expect(dst).toHaveLength(50)
  })

  it('lists snapshots newest first, filters by queue and published, and publishes or withdraws', async () => {
    const other = (await createQueue(db, { name: 'PS', timeZone: 'Asia/Jerusalem' })).id
    const a = await insertSnapshot(db, snapshotOf(queueId, '2003-10-27', { createdAtMs: 1000, published: true }))
    const b = await insertSnapshot(db, snapshotOf(queueId, '2003-10-28', { createdAtMs: 2000, published: false }))
    await insertSnapshot(db, snapshotOf(other, '2003-10-28', { createdAtMs: 3000 }))
    expect((await listSnapshots(db, { queueId })).map((s) => s.id)).toEqual([b.id, a.id])
    expect((await listSnapshots(db, { queueId, publishedOnly: true })).map((s) => s.id)).toEqual([a.id])
    expect((await latestPublishedSnapshot(db, queueId))?.id).toBe(a.id)
    expect((await setSnapshotPublished(db, b.id, true))?.published).toBe(true)
    expect((await latestPublishedSnapshot(db, queueId))?.id).toBe(b.id)
    await setSnapshotPublished(db, b.id, false)
    await setSnapshotPublished(db, a.id, false)
    expect(await latestPublishedSnapshot(db, queueId)).toBeUndefined()
    expect(await setSnapshotPublished(db, 9999, true)).toBeUndefined()
  })

  it('refuses bad snapshots with a clear message and writes nothing', async () => {
    await expect(insertSnapshot(db, snapshotOf(queueId, '2003-10-27', { intervals: [] }))).rejects.toThrow('a snapshot needs at least one interval, got none')
    const bad = snapshotOf(queueId, '2003-10-27')
    const intervals = bad.intervals.map((i) => ({ ...i }))
    intervals[3].mean = Number.NaN
    await expect(insertSnapshot(db, { ...bad, intervals })).rejects.toThrow('intervals[3].mean must be a finite number, got NaN')
    const swapped = [bad.intervals[1], bad.intervals[0]]
    await expect(insertSnapshot(db, { ...bad, intervals: swapped })).rejects.toThrow('intervals[1].startMs must be after intervals[0].startMs')
    await expect(insertSnapshot(db, { ...bad, name: '  ' })).rejects.toThrow('snapshot name must not be empty')
    // A failure inside the transaction (unknown queue: foreign key) leaves no half-written snapshot.
    await db.client.execute('PRAGMA foreign_keys = ON')
    await expect(insertSnapshot(db, snapshotOf(4242, '2003-10-27'))).rejects.toThrow()
    expect(await listSnapshots(db)).toEqual([])
    expect(Number((await db.client.execute('SELECT COUNT(*) AS n FROM forecast_snapshot_intervals')).rows[0].n)).toBe(0)
  })

  it('does not mutate its input', async () => {
    const input = snapshotOf(queueId, '2003-10-27')
    const frozen = Object.freeze({ ...input, intervals: Object.freeze(input.intervals.map((i) => Object.freeze({ ...i }))) })
    const stored = await insertSnapshot(db, frozen)
    expect(await findSnapshot(db, stored.id)).toEqual(stored)
  })
})
