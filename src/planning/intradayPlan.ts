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
import { latestPublishedSchedule, listRosterAgents } from '../db/schedules.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import type { IntradayResult } from '../forecast/intraday/reforecastIntraday.ts'
import { runReforecastInWorker } from '../forecast/intraday/runReforecastInWorker.ts'
import type { ForecastResult } from '../forecast/types.ts'
import { rankActions, type IntradayAction } from '../intraday/rankActions.ts'
import { computeCoverage, type Schedule } from '../scheduling/index.ts'
import { intervalsOfDay } from '../time/intervals.ts'
import { formatLocalIso, localParts, parseLocalIsoToUtcMs } from '../time/zones.ts'
import { completeHistoryDays, type QueueForecast } from './queueForecast.ts'
import { expectedServiceWithScheduled, requirementOf, requirementSnapshotOf, type RequirementSnapshot } from './schedulePlan.ts'
import { DEFAULT_STAFFING_SETTINGS, staffingPlan, type StaffingSettings } from './staffingPlan.ts'

export interface TodayClosedRow {
  startMs: number
  label: string
  dayAhead: number
  /** null: no data for this interval (the feed has not delivered it). */
  actual: number | null
  ahtSeconds: number | null
  /** Achieved, from contacts with a wait; null when none. */
  serviceLevel: number | null
  asaSeconds: number | null
}

export interface TodayRemainingRow {
  startMs: number
  label: string
  dayAhead: number
  mean: number
  lo80: number
  hi80: number
  lo95: number
  hi95: number
  ahtSeconds: number
  /** Heads to schedule (required / (1 − shrinkage)), rounded up; null while the queue is closed. */
  agentsRequired: number | null
  /** Heads on the queue with the published schedule, net of breaks; null without one (or while closed). */
  agentsScheduled: number | null
  shortfall: number | null
  /** Expected with the scheduled heads at the re-forecast mean. */
  serviceLevel: number | null
}

export interface TodayView {
  queueId: number
  queueName: string
  timeZone: string
  intervalMinutes: number
  dateKey: string
  /** 'HH:MM' local. */
  clock: string
  asOfMs: number
  replay: boolean
  lastDataMs: number | null
  /** Local 'YYYY-MM-DD HH:MM' of lastDataMs ('HH:MM' when it is today). */
  lastDataLabel: string
  /** When the latest data is from an earlier day: that day, to offer its replay. */
  replaySuggestion: string | null
  /** Plain words when the feed is late, else null. */
  feedLate: string | null
  closed: TodayClosedRow[]
  remaining: TodayRemainingRow[]
  totals: {
    actualSoFar: number
    dayAheadSoFar: number
    reforecastRest: number
    dayAheadRest: number
    lo80Rest: number
    hi80Rest: number
    /** Achieved so far (contacts with waits), and expected for the rest with the published schedule. */
    serviceLevelSoFar: number | null
    serviceLevelRest: number | null
    shortIntervals: number
  }
  serviceTarget: { level: number | null; seconds: number }
  actions: IntradayAction[]
  scheduleName: string | null
  dayAheadSource: string
  trust: IntradayResult['trust']
  warnings: string[]
}

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
  const published = await latestPublishedSchedule(db, queue.id)
  const snapshot = await latestPublishedSnapshot(db, queue.id)
  const key = [queue.id, queue.intervalMinutes, queue.timeZone, dateKey, closedCount, lastDataMs, replay, JSON.stringify(settings), published?.record.id, published?.record.version, snapshot?.id, Math.floor(asOfMs / 60_000)].join('|')
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
  const result = await runReforecastInWorker({
    timeZone,
    intervalMinutes,
    date: dateKey,
    asOfUtcMs: asOfMs,
    history: { intervalStartsUtcMs: history.map((h) => h.startMs), volumes: history.map((h) => h.offered), ahtSeconds: hasAht ? history.map((h) => h.ahtSeconds) : undefined },
    today: { intervalStartsUtcMs: closedWithData.map((x) => x.t), volumes: closedWithData.map((x) => x.r!.offered), ahtSeconds: hasAht ? closedWithData.map((x) => x.r!.ahtSeconds) : undefined },
    dayAhead,
  })

  // Achieved service so far, from contacts that carry waits.
  const threshold = settings.answerWithinSeconds ?? 60
  const achieved = new Map((await listAchievedService(db, queue.id, timeZone, intervalMinutes, dayStartMs, dayStarts[closedCount - 1] !== undefined ? dayStarts[closedCount - 1] + intervalMs : dayStartMs, threshold)).map((a) => [a.startMs, a]))
  const label = (t: number) => formatLocalIso(t, timeZone).slice(11, 16)
  const closed: TodayClosedRow[] = dayStarts.slice(0, closedCount).map((t, i) => {
    const a = achieved.get(t)
    return {
      startMs: t, label: label(t), dayAhead: result.day.dayAhead[i], actual: closedActual[i]?.offered ?? null, ahtSeconds: closedActual[i]?.ahtSeconds ?? null,
      serviceLevel: a && a.answered > 0 ? a.answeredWithin / a.answered : null, asaSeconds: a && a.answered > 0 ? a.waitSecondsSum / a.answered : null,
    }
  })

  // The staffing plan of the re-forecast: required heads per remaining interval, and the service the published schedule gives.
  let fallbackAht = 0
  let handled = 0
  for (const h of history) if (h.ahtSeconds !== null) { fallbackAht += h.ahtSeconds * h.handled; handled += h.handled }
  const fallbackAhtSeconds = handled > 0 ? fallbackAht / handled : 300
  const ahtOf = (i: number) => {
    const a = result.aht?.mean[i]
    return a !== undefined && Number.isFinite(a) && a > 0 ? a : fallbackAhtSeconds
  }
  const forecast: QueueForecast = {
    queueId: queue.id, timeZone, intervalMinutes, fromDateKey: dateKey, toDateKey: dateKey,
    intervals: result.intervalStartsUtcMs.map((startMs, i) => ({
      startMs, volume: result.mean[i], volumeLo80: result.lower[0][i], volumeHi80: result.upper[0][i], volumeLo95: result.lower[1][i], volumeHi95: result.upper[1][i],
      ahtSeconds: ahtOf(i), ahtLo80: result.aht?.lower[0][i] ?? ahtOf(i), ahtHi80: result.aht?.upper[0][i] ?? ahtOf(i),
    })),
    volume: { mean: result.mean, levels: result.levels, lower: result.lower, upper: result.upper, model: 'intraday re-forecast', scores: [], intervalCoverage: [], intervalMethod: 'backtest', intervalMinutes, warnings: [] } satisfies ForecastResult,
    aht: null,
    fallbackAhtSeconds,
    history: [],
  }
  const warnings = [...result.warnings]
  const plan = forecast.intervals.length ? staffingPlan(forecast, settings, { queueName: queue.name }) : null
  const requirement: RequirementSnapshot | null = plan ? requirementSnapshotOf(plan, openingHoursOf(queue)) : null
  const openIndex = new Map((requirement?.intervals ?? []).map((r, i) => [r.startMs, i]))
  let scheduled: number[] | null = null
  let todaysShifts: Schedule = { shifts: [] }
  if (published && requirement && requirement.intervals.length) {
    const dayEnd = dayStarts[dayStarts.length - 1] + intervalMs
    const localStart = formatLocalIso(dayStartMs, timeZone).slice(0, 16)
    const localEnd = formatLocalIso(dayEnd, timeZone).slice(0, 16)
    todaysShifts = { shifts: published.record.schedule.shifts.filter((s) => s.start < (localEnd < localStart ? '9999' : localEnd) && endOf(s.start, s.lengthMinutes) > localStart) }
    scheduled = computeCoverage(requirementOf(requirement), todaysShifts).intervals.map((c) => c.agentsScheduled)
  }
  const service = requirement && scheduled ? expectedServiceWithScheduled(requirement, scheduled) : null
  const serviceLevelOf = (agents: readonly number[]) => weightedLevel(requirement!, expectedServiceWithScheduled(requirement!, agents).map((s) => s.serviceLevel))
  const remaining: TodayRemainingRow[] = result.intervalStartsUtcMs.map((t, i) => {
    const k = openIndex.get(t)
    const required = k === undefined ? null : Math.max(0, Math.ceil(requirement!.intervals[k].agentsToSchedule - 1e-9))
    const onQueue = k === undefined || !scheduled ? null : scheduled[k]
    return {
      startMs: t, label: label(t), dayAhead: result.day.dayAhead[closedCount + i], mean: result.mean[i], lo80: result.lower[0][i], hi80: result.upper[0][i], lo95: result.lower[1][i], hi95: result.upper[1][i],
      ahtSeconds: ahtOf(i), agentsRequired: required, agentsScheduled: onQueue,
      shortfall: required !== null && onQueue !== null ? Math.max(0, Math.ceil(required - onQueue - 1e-9)) : null,
      serviceLevel: k !== undefined && service ? service[k].serviceLevel : null,
    }
  })
  let actions: IntradayAction[] = []
  const levelRest = requirement && scheduled && requirement.intervals.length ? serviceLevelOf(scheduled) : null
  const behind = levelRest !== null && ((settings.serviceLevelTarget !== null && levelRest < settings.serviceLevelTarget) || remainingShort(requirement!, scheduled!))
  if (requirement && scheduled && requirement.intervals.length && behind) {
    const rosterAgents = await listRosterAgents(db)
    const working = new Set((published!.record.assignments ?? []).filter((a) => a.agent && a.schedule.shifts.some((s) => s.start.startsWith(dateKey))).map((a) => a.agent!))
    const nowLocal = formatLocalIso(asOfMs, timeZone).slice(0, 16)
    actions = rankActions({
      requirement: requirementOf(requirement),
      scheduledAgents: scheduled,
      schedule: todaysShifts,
      availableAgents: rosterAgents.filter((a) => !working.has(a.name) && (!a.skills || a.skills.length === 0 || a.skills.includes(queue.name))),
      nowLocal,
      serviceLevelOf,
    })
  } else if (!published) warnings.push('no published schedule for this queue: publish one on the Schedules page to compare required with scheduled agents and to get actions')

  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
  const answered = [...achieved.values()].reduce((s, a) => s + a.answered, 0)
  const within = [...achieved.values()].reduce((s, a) => s + a.answeredWithin, 0)
  const view: TodayView = {
    queueId: queue.id, queueName: queue.name, timeZone, intervalMinutes, dateKey, clock, asOfMs, replay, lastDataMs,
    lastDataLabel: lastDataMs === null ? 'never' : formatLocalIso(lastDataMs, timeZone).slice(0, 16).replace('T', ' ').replace(`${dateKey} `, ''),
    replaySuggestion: lastDataMs !== null && localParts(lastDataMs, timeZone).dateKey < dateKey ? localParts(lastDataMs - 1, timeZone).dateKey : null,
    feedLate: feedLateMessage(lastDataMs, asOfMs, intervalMinutes, dayStarts, result.day.dayAhead, timeZone, dateKey),
    closed,
    remaining,
    totals: {
      actualSoFar: sum(closed.map((c) => c.actual ?? 0)),
      dayAheadSoFar: sum(closed.map((c) => c.dayAhead)),
      reforecastRest: sum(result.mean),
      dayAheadRest: sum(remaining.map((r) => r.dayAhead)),
      lo80Rest: sum(result.lower[0]),
      hi80Rest: sum(result.upper[0]),
      serviceLevelSoFar: answered > 0 ? within / answered : null,
      serviceLevelRest: levelRest,
      shortIntervals: remaining.filter((r) => (r.shortfall ?? 0) > 0).length,
    },
    serviceTarget: { level: settings.serviceLevelTarget, seconds: threshold },
    actions,
    scheduleName: published ? `#${published.record.id}` : null,
    dayAheadSource,
    trust: result.trust,
    warnings,
  }
  if (cache.size > 50) cache.delete(cache.keys().next().value!)
  cache.set(key, view)
  return view
}

/** Whether any remaining open interval has fewer heads scheduled than required. */
function remainingShort(snapshot: RequirementSnapshot, scheduled: readonly number[]): boolean {
  return snapshot.intervals.some((interval, i) => scheduled[i] < interval.agentsToSchedule - 1e-9)
}

function endOf(localStart: string, minutes: number): string {
  return new Date(Date.parse(localStart + ':00Z') + minutes * 60_000).toISOString().slice(0, 16)
}

function weightedLevel(snapshot: RequirementSnapshot, levels: readonly number[]): number {
  let volume = 0
  let weighted = 0
  snapshot.intervals.forEach((interval, i) => { volume += interval.volume; weighted += interval.volume * levels[i] })
  return volume > 0 ? weighted / volume : 1
}

/**
 * "The feed is late" when no data has arrived for more than two intervals (at least 30 minutes) although the
 * day-ahead expected at least one contact since the last data.
 */
function feedLateMessage(lastDataMs: number | null, asOfMs: number, intervalMinutes: number, dayStarts: readonly number[], dayAhead: readonly number[], timeZone: string, dateKey: string): string | null {
  const lagMinutes = lastDataMs === null ? Infinity : (asOfMs - lastDataMs) / 60_000
  if (lagMinutes <= Math.max(2 * intervalMinutes, 30)) return null
  const expected = dayStarts.reduce((s, t, i) => (t + intervalMinutes * 60_000 <= asOfMs && (lastDataMs === null || t >= lastDataMs - intervalMinutes * 60_000) ? s + dayAhead[i] : s), 0)
  if (expected < 1) return null
  if (lastDataMs === null) return `The feed is late: no data has arrived for this queue. The re-forecast is the day-ahead forecast until data arrives.`
  const last = localParts(lastDataMs, timeZone)
  const when = last.dateKey === dateKey ? formatLocalIso(lastDataMs, timeZone).slice(11, 16) : `${last.dateKey} ${formatLocalIso(lastDataMs, timeZone).slice(11, 16)}`
  const lag = lagMinutes >= 2880 ? `${Math.round(lagMinutes / 1440)} days` : lagMinutes >= 120 ? `${Math.round(lagMinutes / 60)} hours` : `${Math.round(lagMinutes)} minutes`
  return `The feed is late: the last data arrived at ${when}, ${lag} ago. Intervals since then count as missing, not as zero.`
}
