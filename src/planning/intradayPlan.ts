/**
 * The "today" view of a queue at a clock time (now, or a replayed past moment): the intervals so far with actual vs
 * day-ahead forecast (volume, AHT, service level and ASA achieved where contacts carry waits), the re-forecast of
 * the rest of the day (src/forecast/intraday, run in a worker), agents required (the staffing plan of the
 * re-forecast) vs scheduled (the published schedule's coverage) per remaining interval, and the ranked actions
 * (src/intraday/rankActions). Replay reads only the data that had arrived by the clock.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listHistoryIntervals } from '../db/history.ts'
import { lastDataAt, listAchievedService } from '../db/intraday.ts'
import { latestPublishedSnapshot, listSnapshotIntervals } from '../db/forecasts.ts'
import { openingHoursOf } from '../db/queues.ts'
import { queueDateHoursBetween } from './queueCalendar.ts'
import { listRosterAgents, publishedScheduleOn } from '../db/schedules.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import type { Agent, ScheduledShift } from '../scheduling/index.ts'
import { intervalsOfDay } from '../time/intervals.ts'
import { formatLocalIso, parseLocalIsoToUtcMs } from '../time/zones.ts'
import { completeHistoryDays } from './queueForecast.ts'
import { DEFAULT_STAFFING_SETTINGS, type StaffingSettings } from './staffingPlan.ts'
import { runTodayInWorker } from './runTodayInWorker.ts'
import type { TodayView } from './todayCompute.ts'

export type { TodayClosedRow, TodayRemainingRow, TodayView } from './todayCompute.ts'

const HISTORY_DAYS = 400
const cache = new Map<string, TodayView>()

/** The local date and 'HH:MM' of an instant in the queue's zone. */
export function localClockOf(ms: number, timeZone: string): { dateKey: string; clock: string } {
  const iso = formatLocalIso(ms, timeZone)
  return { dateKey: iso.slice(0, 10), clock: iso.slice(11, 16) }
}

/**
 * The instant of a local date and clock time in the queue's zone.
 * @throws RangeError naming the field when the date or time is not valid
 */
export function instantOf(dateKey: string, clock: string, timeZone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateKey)) throw new RangeError(`Date must be a date such as 2024-03-04, got '${dateKey}'`)
  const m = /^(\d{2}):(\d{2})$/.exec(clock)
  if (!m || +m[1] > 24 || +m[2] > 59 || (+m[1] === 24 && +m[2] > 0)) throw new RangeError(`Time must be a clock time such as 12:00, got '${clock}'`)
  const dayStarts = intervalsOfDay(dateKey, timeZone, 60)
  if (+m[1] === 24) return dayStarts[dayStarts.length - 1] + 3_600_000
  const ms = parseLocalIsoToUtcMs(`${dateKey}T${clock}:00`, timeZone)
  if (Number.isNaN(ms)) throw new RangeError(`Date is not a calendar date: '${dateKey}'`)
  return ms
}

/** The today view of `queue` at `asOfMs` (`replay`: a past moment chosen by the user). */
export async function todayView(db: Db, queue: Queue, asOfMs: number, { replay }: { replay: boolean }): Promise<TodayView> {
  const timeZone = queue.timeZone
  const intervalMinutes = queue.intervalMinutes
  const intervalMs = intervalMinutes * 60_000
  const { dateKey, clock } = localClockOf(asOfMs, timeZone)
  const dayStarts = intervalsOfDay(dateKey, timeZone, intervalMinutes)
  const dayStartMs = dayStarts[0]
  const settings: StaffingSettings = (await findStaffingSettings(db, queue.id)) ?? { ...DEFAULT_STAFFING_SETTINGS }
  const lastDataMs = await lastDataAt(db, queue.id, asOfMs)
  const closedCount = dayStarts.filter((t) => t + intervalMs <= asOfMs).length
  // The published schedule in force today (an older one still counts on the dates the newest does not cover).
  const published = await publishedScheduleOn(db, queue.id, dateKey)
  const snapshot = await latestPublishedSnapshot(db, queue.id)
  // Today's hours per date (a holiday, a date closed or shortened by hand): no need outside them, as on every page.
  const dateHours = await queueDateHoursBetween(db, queue, dateKey, dateKey)
  const key = [queue.id, queue.intervalMinutes, queue.timeZone, dateKey, closedCount, lastDataMs, replay, JSON.stringify(settings), published?.record.id, published?.record.version, snapshot?.id, Math.floor(asOfMs / 60_000), JSON.stringify(dateHours)].join('|')
  const known = cache.get(key)
  if (known) return known

  // The HISTORY_DAYS before today, or before the latest data when the history stopped earlier (an old import).
  const lastBeforeToday = await lastDataAt(db, queue.id, dayStartMs)
  const historyEndMs = Math.min(dayStartMs, lastBeforeToday ?? dayStartMs)
  const history = completeHistoryDays(await listHistoryIntervals(db, queue, intervalMinutes, historyEndMs - HISTORY_DAYS * 86_400_000, dayStartMs), timeZone, intervalMinutes)
  const todayRows = (await listHistoryIntervals(db, queue, intervalMinutes, dayStartMs, asOfMs)).filter((h) => h.startMs + intervalMs <= asOfMs)
  const todayByStart = new Map(todayRows.map((r) => [r.startMs, r]))
  // A closed interval without data reads as zero only when later data has arrived (the feed was alive after it).
  const closedActual = dayStarts.slice(0, closedCount).map((t) => todayByStart.get(t) ?? (lastDataMs !== null && lastDataMs >= t + intervalMs ? { startMs: t, offered: 0, handled: 0, abandoned: 0, ahtSeconds: null } : null))

  let dayAhead: { mean: number[]; ahtSeconds?: number[] } | undefined
  let dayAheadSource = 'the same-weekday mean of the last 4 weeks (no published forecast covers this day)'
  if (snapshot && snapshot.intervalMinutes === intervalMinutes) {
    const rows = await listSnapshotIntervals(db, snapshot.id, dayStartMs, dayStarts[dayStarts.length - 1] + intervalMs)
    if (rows.length === dayStarts.length) {
      dayAhead = { mean: rows.map((r) => r.mean), ahtSeconds: rows.map((r) => r.ahtMeanSeconds) }
      dayAheadSource = `the published forecast '${snapshot.name}'`
    }
  }
  const hasAht = history.some((h) => h.ahtSeconds !== null)
  const closedWithData = closedActual.map((r, i) => ({ r, t: dayStarts[i] })).filter((x) => x.r !== null)
  const threshold = settings.answerWithinSeconds ?? 60
  const achieved = await listAchievedService(db, queue.id, timeZone, intervalMinutes, dayStartMs, closedCount > 0 ? dayStarts[closedCount - 1] + intervalMs : dayStartMs, threshold)
  let handleSum = 0
  let handled = 0
  for (const h of history) if (h.ahtSeconds !== null) { handleSum += h.ahtSeconds * h.handled; handled += h.handled }
  let todaysShifts: ScheduledShift[] = []
  let availableAgents: Agent[] = []
  if (published) {
    const localStart = formatLocalIso(dayStartMs, timeZone).slice(0, 16)
    const localEnd = formatLocalIso(dayStarts[dayStarts.length - 1] + intervalMs, timeZone).slice(0, 16)
    todaysShifts = published.record.schedule.shifts.filter((s) => s.start < localEnd && endOf(s.start, s.lengthMinutes) > localStart)
    const working = new Set((published.record.assignments ?? []).filter((a) => a.agent && a.schedule.shifts.some((s) => s.start.startsWith(dateKey))).map((a) => a.agent!))
    availableAgents = (await listRosterAgents(db)).filter((a) => !working.has(a.name) && (!a.skills || a.skills.length === 0 || a.skills.includes(queue.name)))
  }
  const view = await runTodayInWorker({
    queue: { id: queue.id, name: queue.name, timeZone, intervalMinutes, openingHours: openingHoursOf(queue) },
    dateHours,
    asOfMs,
    replay,
    settings,
    lastDataMs,
    reforecast: {
      timeZone,
      intervalMinutes,
      date: dateKey,
      asOfUtcMs: asOfMs,
      history: { intervalStartsUtcMs: history.map((h) => h.startMs), volumes: history.map((h) => h.offered), ahtSeconds: hasAht ? history.map((h) => h.ahtSeconds) : undefined },
      today: { intervalStartsUtcMs: closedWithData.map((x) => x.t), volumes: closedWithData.map((x) => x.r!.offered), ahtSeconds: hasAht ? closedWithData.map((x) => x.r!.ahtSeconds) : undefined },
      dayAhead,
    },
    closedActual: closedActual.map((r) => (r ? { offered: r.offered, ahtSeconds: r.ahtSeconds } : null)),
    achieved,
    fallbackAhtSeconds: handled > 0 ? handleSum / handled : 300,
    dayAheadSource,
    published: published ? { name: `#${published.record.id}`, shifts: todaysShifts } : null,
    availableAgents,
  })
  if (cache.size > 50) cache.delete(cache.keys().next().value!)
  cache.set(key, view)
  return view
}

function endOf(localStart: string, minutes: number): string {
  return new Date(Date.parse(localStart + ':00Z') + minutes * 60_000).toISOString().slice(0, 16)
}
