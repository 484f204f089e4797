/**
 * What the intraday page reads besides the interval history: the waits of today's contacts (service level and ASA
 * achieved) and when data last arrived for a queue.
 */
import type { Db } from './client.ts'
import { intervalStartOf } from '../time/intervals.ts'

export interface AchievedService {
  startMs: number
  /** Answered contacts with a known wait. */
  answered: number
  answeredWithin: number
  waitSecondsSum: number
}

/** Per local interval from `fromMs` to `toMs` (arrivals): answered contacts with a wait, how many within the threshold, total wait. */
export async function listAchievedService(db: Db, queueId: number, timeZone: string, intervalMinutes: number, fromMs: number, toMs: number, answerWithinSeconds: number): Promise<AchievedService[]> {
  const rows = await db.client.execute({
    sql: `SELECT (arrived_at_ms / 900000) * 900000 AS q, COUNT(*) AS n, SUM(wait_seconds <= ?) AS within, SUM(wait_seconds) AS waits
          FROM contacts WHERE queue_id = ? AND arrived_at_ms >= ? AND arrived_at_ms < ? AND outcome = 'answered' AND wait_seconds IS NOT NULL
          GROUP BY q ORDER BY q`,
    args: [answerWithinSeconds, queueId, fromMs, toMs],
  })
  const byStart = new Map<number, AchievedService>()
  for (const r of rows.rows) {
    const startMs = intervalStartOf(Number(r.q), timeZone, intervalMinutes)
    const row = byStart.get(startMs) ?? { startMs, answered: 0, answeredWithin: 0, waitSecondsSum: 0 }
    row.answered += Number(r.n)
    row.answeredWithin += Number(r.within ?? 0)
    row.waitSecondsSum += Number(r.waits ?? 0)
    byStart.set(startMs, row)
  }
  return [...byStart.values()].sort((a, b) => a.startMs - b.startMs)
}

/**
 * The time of the latest data of a queue at or before `atMs`: the latest contact arrival, or the end of the latest
 * interval aggregate; null when there is none.
 */
export async function lastDataAt(db: Db, queueId: number, atMs: number): Promise<number | null> {
  const r = await db.client.execute({
    sql: `SELECT MAX(t) AS t FROM (
            SELECT MAX(arrived_at_ms) AS t FROM contacts WHERE queue_id = ? AND arrived_at_ms <= ?
            UNION ALL
            SELECT MAX(interval_start_ms + interval_minutes * 60000) FROM interval_aggregates WHERE queue_id = ? AND interval_start_ms + interval_minutes * 60000 <= ?)`,
    args: [queueId, atMs, queueId, atMs],
  })
  const t = r.rows[0]?.t
  return t === null || t === undefined ? null : Number(t)
}
