/**
 * Forecast snapshots: a forecast of a queue stored with its intervals, the model and the backtest scores that chose
 * it. Published snapshots are the forecasts staffing and events use, and the ones whose accuracy is tracked.
 */
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { forecastSnapshotIntervals, forecastSnapshots, type ForecastSnapshot, type ForecastSnapshotInterval } from './schema.ts'
import type { IntervalCoverage, ModelScore } from '../forecast/types.ts'
import type { HorizonAccuracy } from '../planning/forecastAccuracy.ts'
import type { QueueForecast } from '../planning/queueForecast.ts'

export interface SnapshotIntervalInput {
  startMs: number
  mean: number
  lo80: number
  hi80: number
  lo95: number
  hi95: number
  ahtMeanSeconds: number
  ahtLo80Seconds: number
  ahtHi80Seconds: number
}

export interface NewForecastSnapshot {
  queueId: number
  name: string
  model: string
  ahtModel: string | null
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  scores: readonly ModelScore[]
  ahtScores: readonly ModelScore[]
  horizonAccuracy: HorizonAccuracy | null
  coverage: readonly IntervalCoverage[]
  warnings: readonly string[]
  published: boolean
  /** Sorted by start, at least one. */
  intervals: readonly SnapshotIntervalInput[]
  /** Defaults to now. */
  createdAtMs?: number
}

/** The JSON columns of a snapshot, parsed. */
export interface SnapshotDetails {
  scores: ModelScore[]
  ahtScores: ModelScore[]
  horizonAccuracy: HorizonAccuracy | null
  coverage: IntervalCoverage[]
  warnings: string[]
}

const ROWS_PER_INSERT = 500
const COLUMNS = 10

/** JSON for scores: a model that could not be scored has Infinity, which JSON cannot hold; it is stored as null. */
function scoresJson(scores: readonly ModelScore[]): string {
  return JSON.stringify(scores.map((s) => ({ ...s, mase: finiteOrNull(s.mase), wape: finiteOrNull(s.wape), rmse: finiteOrNull(s.rmse) })))
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}

function checkSnapshot(snapshot: NewForecastSnapshot): void {
  if (!snapshot.name.trim()) throw new RangeError('snapshot name must not be empty')
  if (snapshot.intervals.length === 0) throw new RangeError('a snapshot needs at least one interval, got none')
  snapshot.intervals.forEach((interval, i) => {
    if (i > 0 && interval.startMs <= snapshot.intervals[i - 1].startMs) throw new RangeError(`intervals[${i}].startMs must be after intervals[${i - 1}].startMs, got ${interval.startMs}`)
    for (const key of ['mean', 'lo80', 'hi80', 'lo95', 'hi95', 'ahtMeanSeconds', 'ahtLo80Seconds', 'ahtHi80Seconds'] as const) {
      if (!Number.isFinite(interval[key])) throw new RangeError(`intervals[${i}].${key} must be a finite number, got ${interval[key]}`)
    }
  })
}

/** Stores a snapshot and its intervals in one write transaction; returns the stored row. */
export async function insertSnapshot(db: Db, snapshot: NewForecastSnapshot): Promise<ForecastSnapshot> {
  checkSnapshot(snapshot)
  const tx = await db.client.transaction('write')
  try {
    const inserted = await tx.execute({
      sql: `INSERT INTO forecast_snapshots (queue_id, name, created_at_ms, model, aht_model, interval_minutes, from_date_key, to_date_key,
              first_interval_start_ms, last_interval_start_ms, scores_json, aht_scores_json, horizon_accuracy_json, coverage_json, warnings_json, published)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      args: [
        snapshot.queueId, snapshot.name.trim(), snapshot.createdAtMs ?? Date.now(), snapshot.model, snapshot.ahtModel, snapshot.intervalMinutes,
        snapshot.fromDateKey, snapshot.toDateKey, snapshot.intervals[0].startMs, snapshot.intervals[snapshot.intervals.length - 1].startMs,
        scoresJson(snapshot.scores), scoresJson(snapshot.ahtScores), snapshot.horizonAccuracy ? JSON.stringify(snapshot.horizonAccuracy) : null,
        JSON.stringify(snapshot.coverage), JSON.stringify(snapshot.warnings), snapshot.published ? 1 : 0,
      ],
    })
    const id = Number(inserted.rows[0].id)
    for (let from = 0; from < snapshot.intervals.length; from += ROWS_PER_INSERT) {
      const chunk = snapshot.intervals.slice(from, from + ROWS_PER_INSERT)
      const args: number[] = []
      for (const i of chunk) args.push(id, i.startMs, i.mean, i.lo80, i.hi80, i.lo95, i.hi95, i.ahtMeanSeconds, i.ahtLo80Seconds, i.ahtHi80Seconds)
      await tx.execute({
        sql: `INSERT INTO forecast_snapshot_intervals (snapshot_id, interval_start_ms, mean, lo80, hi80, lo95, hi95, aht_mean_seconds, aht_lo80_seconds, aht_hi80_seconds)
              VALUES ${chunk.map(() => `(${new Array(COLUMNS).fill('?').join(',')})`).join(',')}`,
        args,
      })
    }
    await tx.commit()
    return (await findSnapshot(db, id))!
  } catch (error) {
    await tx.rollback()
    throw error
  } finally {
    tx.close()
  }
}

export async function findSnapshot(db: Db, id: number): Promise<ForecastSnapshot | undefined> {
  const rows = await db.orm.select().from(forecastSnapshots).where(eq(forecastSnapshots.id, id))
  return rows[0]
}

/** Snapshots, newest first; of one queue and/or published only when asked. */
export async function listSnapshots(db: Db, options: { queueId?: number; publishedOnly?: boolean; limit?: number } = {}): Promise<ForecastSnapshot[]> {
  const { queueId, publishedOnly = false, limit = 50 } = options
  const conditions = [
    ...(queueId === undefined ? [] : [eq(forecastSnapshots.queueId, queueId)]),
    ...(publishedOnly ? [eq(forecastSnapshots.published, true)] : []),
  ]
  return db.orm.select().from(forecastSnapshots).where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(forecastSnapshots.createdAtMs), desc(forecastSnapshots.id)).limit(limit)
}

/** The queue's newest published snapshot: the forecast staffing and events should use. */
export async function latestPublishedSnapshot(db: Db, queueId: number): Promise<ForecastSnapshot | undefined> {
  return (await listSnapshots(db, { queueId, publishedOnly: true, limit: 1 }))[0]
}

/** The snapshot's intervals by start (optionally from `fromMs` inclusive to `toMs` exclusive). */
export async function listSnapshotIntervals(db: Db, snapshotId: number, fromMs = -8.64e15, toMs = 8.64e15): Promise<ForecastSnapshotInterval[]> {
  const rows = await db.client.execute({
    sql: `SELECT snapshot_id, interval_start_ms, mean, lo80, hi80, lo95, hi95, aht_mean_seconds, aht_lo80_seconds, aht_hi80_seconds
          FROM forecast_snapshot_intervals WHERE snapshot_id = ? AND interval_start_ms >= ? AND interval_start_ms < ? ORDER BY interval_start_ms`,
    args: [snapshotId, fromMs, toMs],
  })
  return rows.rows.map((r) => ({
    snapshotId: Number(r.snapshot_id), intervalStartMs: Number(r.interval_start_ms),
    mean: Number(r.mean), lo80: Number(r.lo80), hi80: Number(r.hi80), lo95: Number(r.lo95), hi95: Number(r.hi95),
    ahtMeanSeconds: Number(r.aht_mean_seconds), ahtLo80Seconds: Number(r.aht_lo80_seconds), ahtHi80Seconds: Number(r.aht_hi80_seconds),
  }))
}

/** Publishes or withdraws a snapshot; returns the updated row, or undefined when there is no such snapshot. */
export async function setSnapshotPublished(db: Db, id: number, published: boolean): Promise<ForecastSnapshot | undefined> {
  await db.orm.update(forecastSnapshots).set({ published }).where(eq(forecastSnapshots.id, id))
  return findSnapshot(db, id)
}

/** The JSON columns parsed (scores stored as null, i.e. not scorable, come back as Infinity). */
export function snapshotDetails(snapshot: ForecastSnapshot): SnapshotDetails {
  const scores = (json: string): ModelScore[] => (JSON.parse(json) as ModelScore[]).map((s) => ({
    ...s, mase: s.mase ?? Number.POSITIVE_INFINITY, wape: s.wape ?? Number.POSITIVE_INFINITY, rmse: s.rmse ?? Number.POSITIVE_INFINITY,
  }))
  return {
    scores: scores(snapshot.scoresJson),
    ahtScores: scores(snapshot.ahtScoresJson),
    horizonAccuracy: snapshot.horizonAccuracyJson ? (JSON.parse(snapshot.horizonAccuracyJson) as HorizonAccuracy) : null,
    coverage: JSON.parse(snapshot.coverageJson) as IntervalCoverage[],
    warnings: JSON.parse(snapshot.warningsJson) as string[],
  }
}

/** A queue forecast (forecastQueue) as a snapshot to store. */
export function snapshotOfQueueForecast(forecast: QueueForecast, options: { name: string; published: boolean; horizonAccuracy: HorizonAccuracy | null }): NewForecastSnapshot {
  return {
    queueId: forecast.queueId,
    name: options.name,
    model: forecast.volume.model,
    ahtModel: forecast.aht?.model ?? null,
    intervalMinutes: forecast.intervalMinutes,
    fromDateKey: forecast.fromDateKey,
    toDateKey: forecast.toDateKey,
    scores: forecast.volume.scores,
    ahtScores: forecast.aht?.scores ?? [],
    horizonAccuracy: options.horizonAccuracy,
    coverage: forecast.volume.intervalCoverage,
    warnings: [...forecast.volume.warnings, ...(forecast.aht?.warnings ?? []).map((w) => `AHT: ${w}`)],
    published: options.published,
    intervals: forecast.intervals.map((i) => ({
      startMs: i.startMs, mean: i.volume, lo80: i.volumeLo80, hi80: i.volumeHi80, lo95: i.volumeLo95, hi95: i.volumeHi95,
      ahtMeanSeconds: i.ahtSeconds, ahtLo80Seconds: i.ahtLo80, ahtHi80Seconds: i.ahtHi80,
    })),
  }
}
