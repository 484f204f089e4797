/**
 * The forecast screens' work: one run (forecastQueue in a worker, then the accuracy by days ahead of the models it
 * compared, also in a worker), the views of a run and of a stored snapshot (with the history before and the actuals
 * since), publishing a run, and the snapshots of a queue. The routes (src/web/routes/forecasts.tsx) map HTTP to these.
 */
import type { Db } from '../db/client.ts'
import type { ForecastSnapshot, Queue } from '../db/schema.ts'
import { findQueueById, listQueues } from '../db/queues.ts'
import { historyRange, listHistoryIntervals } from '../db/history.ts'
import { findSnapshot, insertSnapshot, listSnapshotIntervals, listSnapshots, setSnapshotPublished, snapshotDetails, snapshotOfQueueForecast } from '../db/forecasts.ts'
import { completeHistoryDays, forecastQueue, openHoursForForecast, type QueueForecast } from './queueForecast.ts'
import { horizonAccuracyInWorker, modelsToCompare, publishedSnapshotsAccuracy, type HorizonAccuracy } from './forecastAccuracy.ts'
import type { ForecastFormValues, ForecastView } from '../../views/forecasts/ForecastsPage.tsx'

const DAY_MS = 86_400_000
const HISTORY_SHOWN_DAYS = 14

export interface ForecastJobResult {
  queue: Queue
  form: ForecastFormValues
  forecast: QueueForecast
  horizonAccuracy: HorizonAccuracy | null
  horizonNote?: string
  publishedSnapshotId?: number
}

export const queuesOf = (db: Db) => listQueues(db)
export const queueById = (db: Db, id: number) => findQueueById(db, id)
export const historyRangeOf = (db: Db, queue: Queue) => historyRange(db, queue.id)

/** What the forecasts page lists for a queue: its stored snapshots and the accuracy of the published ones. */
export async function forecastsOfQueue(db: Db, queue: Queue | null) {
  return {
    snapshots: queue ? await listSnapshots(db, { queueId: queue.id, limit: 20 }) : [],
    accuracy: queue ? await publishedSnapshotsAccuracy(db, queue, 10) : [],
  }
}

/**
 * One forecast run of a checked form: the forecast (volume and AHT) and the accuracy by days ahead of the models it
 * compared, reporting progress; `steps` collects the models backtested, for the progress list.
 */
export async function runForecast(db: Db, queue: Queue, valid: ForecastFormValues, report: (fraction: number, message: string) => void, steps: string[]): Promise<ForecastJobResult> {
  report(0.02, 'reading the history')
  const forecast = await forecastQueue(db, queue, {
    fromDateKey: valid.from, toDateKey: valid.to, intervalMinutes: Number(valid.intervalMinutes), model: valid.model || undefined, inWorker: true, fresh: true,
    onProgress: (p) => {
      if (p.stage === 'backtest') { steps.push(p.message); report(0.05 + 0.75 * (p.done / Math.max(1, p.total)), p.message) }
      else if (p.stage === 'fit') report(0.82, `${p.message}; then the AHT forecast`)
      else report(0.03, p.message)
    },
  })
  const run: ForecastJobResult = { queue, form: valid, forecast, horizonAccuracy: null }
  if (forecast.volume.scores.length) {
    const names = modelsToCompare(forecast.volume)
    report(0.9, `accuracy by days ahead: backtesting ${names.length} models`)
    const input = {
      timestamps: forecast.history.map((h) => h.startMs), volumes: forecast.history.map((h) => h.offered),
      futureTimestamps: forecast.intervals.map((i) => i.startMs), timeZone: queue.timeZone, intervalMinutes: forecast.intervalMinutes,
      openHours: openHoursForForecast(queue), specialDays: forecast.specialDays,
    }
    try {
      run.horizonAccuracy = await horizonAccuracyInWorker(input, names, forecast.volume.model)
      steps.push(`accuracy by days ahead of ${names.length} models`)
    } catch (error) {
      run.horizonNote = `The accuracy by days ahead could not be computed: ${(error as Error).message}`
    }
  } else {
    run.horizonNote = 'No backtest was possible (too little history), so there is no accuracy by days ahead.'
  }
  return run
}

/** Forecast view of a finished run: its intervals and the last two weeks of history before them. */
export function viewOfRun(run: ForecastJobResult): ForecastView {
  const { forecast, queue } = run
  const firstMs = forecast.intervals[0]?.startMs ?? 0
  return {
    queue, intervalMinutes: forecast.intervalMinutes, fromDateKey: forecast.fromDateKey, toDateKey: forecast.toDateKey,
    model: forecast.volume.model, scores: forecast.volume.scores, ahtModel: forecast.aht?.model ?? null, ahtScores: forecast.aht?.scores ?? [],
    coverage: forecast.volume.intervalCoverage, warnings: [...forecast.volume.warnings, ...(forecast.aht?.warnings ?? []).map((w) => `AHT: ${w}`)],
    intervals: forecast.intervals.map((i) => ({
      startMs: i.startMs, mean: i.volume, lo80: i.volumeLo80, hi80: i.volumeHi80, lo95: i.volumeLo95, hi95: i.volumeHi95,
      ahtMeanSeconds: i.ahtSeconds, ahtLo80Seconds: i.ahtLo80, ahtHi80Seconds: i.ahtHi80,
    })),
    history: forecast.history.filter((h) => h.startMs >= firstMs - HISTORY_SHOWN_DAYS * DAY_MS),
    horizonAccuracy: run.horizonAccuracy,
    horizonNote: run.horizonNote,
  }
}

/** Forecast view of a stored snapshot: its intervals, two weeks of history before, and the actuals since. */
export async function viewOfSnapshot(db: Db, queue: Queue, snapshot: ForecastSnapshot): Promise<ForecastView> {
  const details = snapshotDetails(snapshot)
  const minutes = snapshot.intervalMinutes
  const endMs = snapshot.lastIntervalStartMs + minutes * 60_000
  const [intervals, before, since] = await Promise.all([
    listSnapshotIntervals(db, snapshot.id),
    listHistoryIntervals(db, queue, minutes, snapshot.firstIntervalStartMs - HISTORY_SHOWN_DAYS * DAY_MS, snapshot.firstIntervalStartMs),
    listHistoryIntervals(db, queue, minutes, snapshot.firstIntervalStartMs, endMs),
  ])
  return {
    queue, intervalMinutes: minutes, fromDateKey: snapshot.fromDateKey, toDateKey: snapshot.toDateKey,
    model: snapshot.model, scores: details.scores, ahtModel: snapshot.ahtModel, ahtScores: details.ahtScores,
    coverage: details.coverage, warnings: details.warnings,
    intervals: intervals.map((i) => ({ ...i, startMs: i.intervalStartMs })),
    history: completeHistoryDays(before, queue.timeZone, minutes).filter((h) => h.startMs < snapshot.firstIntervalStartMs),
    actuals: completeHistoryDays(since, queue.timeZone, minutes).filter((h) => h.startMs >= snapshot.firstIntervalStartMs && h.startMs < endMs),
    horizonAccuracy: details.horizonAccuracy,
  }
}

/** Publishes a run as a snapshot (once; the name defaults to the queue and days). */
export async function publishRun(db: Db, run: ForecastJobResult, typedName: string) {
  const name = typedName.trim().slice(0, 200) || `${run.queue.name} ${run.forecast.fromDateKey} – ${run.forecast.toDateKey}`
  const snapshot = await insertSnapshot(db, snapshotOfQueueForecast(run.forecast, { name, published: true, horizonAccuracy: run.horizonAccuracy }))
  run.publishedSnapshotId = snapshot.id
  return snapshot
}

/** A stored snapshot with its queue, or null. */
export async function snapshotWithQueue(db: Db, id: number) {
  const snapshot = await findSnapshot(db, id)
  const queue = snapshot ? await findQueueById(db, snapshot.queueId) : undefined
  return snapshot && queue ? { snapshot, queue } : null
}

export const setPublished = (db: Db, id: number, published: boolean) => setSnapshotPublished(db, id, published)
export const snapshotRows = async (db: Db, snapshot: ForecastSnapshot) => (await listSnapshotIntervals(db, snapshot.id)).map((i) => ({ ...i, startMs: i.intervalStartMs }))
