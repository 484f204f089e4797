/**
 * The computing half of the today view (pure: plain data in, the view out), run in a worker thread by
 * ./runTodayInWorker.ts: the re-forecast (src/forecast/intraday), the staffing plan of the re-forecast, the published
 * schedule's cover and service per remaining interval, and the ranked actions (src/intraday/rankActions).
 */
import type { OpeningHours as QueueOpeningHours } from '../db/queues.ts'
import type { DateOpeningHours } from '../scheduling/dateOpeningHours.ts'
import type { AchievedService } from '../db/intraday.ts'
import { reforecastIntraday, type IntradayInput, type IntradayResult } from '../forecast/intraday/reforecastIntraday.ts'
import type { ForecastResult } from '../forecast/types.ts'
import { rankActions, type IntradayAction } from '../intraday/rankActions.ts'
import { computeCoverage, type Agent, type ScheduledShift } from '../scheduling/index.ts'
import { intervalsOfDay } from '../time/intervals.ts'
import { formatLocalIso, localParts } from '../time/zones.ts'
import type { QueueForecast } from './queueForecast.ts'
import { expectedServiceWithScheduled, requirementOf, requirementSnapshotOf, type RequirementSnapshot } from './schedulePlan.ts'
import { staffingPlan, type StaffingSettings } from './staffingPlan.ts'

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

/** Everything the view needs, read from the database by ./intradayPlan.ts. */
export interface TodayInputs {
  queue: { id: number; name: string; timeZone: string; intervalMinutes: number; openingHours: QueueOpeningHours }
  asOfMs: number
  replay: boolean
  settings: StaffingSettings
  lastDataMs: number | null
  reforecast: IntradayInput
  /** Per closed interval of today: its data, or null when missing. */
  closedActual: ({ offered: number; ahtSeconds: number | null } | null)[]
  achieved: AchievedService[]
  fallbackAhtSeconds: number
  dayAheadSource: string
  /** The published schedule's shifts that touch today, or null without one. */
  published: { name: string; shifts: ScheduledShift[] } | null
  /** Roster agents not working today who may work this queue. */
  availableAgents: Agent[]
  /** Today's own hours when the calendar per date closes or shortens it (a holiday, a date set by hand). */
  dateHours?: DateOpeningHours[]
}

/** @throws RangeError when the inputs are inconsistent (see reforecastIntraday, staffingPlan) */
export function computeToday(inputs: TodayInputs): TodayView {
  const { queue, asOfMs, replay, settings, lastDataMs, closedActual, fallbackAhtSeconds, dayAheadSource, published, availableAgents } = inputs
  const { timeZone, intervalMinutes } = queue
  const result: IntradayResult = reforecastIntraday(inputs.reforecast)
  const dateKey = inputs.reforecast.date
  const clock = formatLocalIso(asOfMs, timeZone).slice(11, 16)
  const dayStarts = intervalsOfDay(dateKey, timeZone, intervalMinutes)
  const closedCount = result.day.closedCount
  const threshold = settings.answerWithinSeconds ?? 60
  const achieved = new Map(inputs.achieved.map((a) => [a.startMs, a]))
  const label = (t: number) => formatLocalIso(t, timeZone).slice(11, 16)
  const closed: TodayClosedRow[] = dayStarts.slice(0, closedCount).map((t, i) => {
    const a = achieved.get(t)
    return {
      startMs: t, label: label(t), dayAhead: result.day.dayAhead[i], actual: closedActual[i]?.offered ?? null, ahtSeconds: closedActual[i]?.ahtSeconds ?? null,
      serviceLevel: a && a.answered > 0 ? a.answeredWithin / a.answered : null, asaSeconds: a && a.answered > 0 ? a.waitSecondsSum / a.answered : null,
    }
  })

  // The staffing plan of the re-forecast: required heads per remaining interval, and the service the published schedule gives.
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
    ...(inputs.dateHours?.length ? { dateHours: inputs.dateHours } : {}),
  }
  const warnings = [...result.warnings]
  const plan = forecast.intervals.length ? staffingPlan(forecast, settings, { queueName: queue.name }) : null
  const requirement: RequirementSnapshot | null = plan ? requirementSnapshotOf(plan, queue.openingHours, inputs.dateHours ?? []) : null
  const openIndex = new Map((requirement?.intervals ?? []).map((r, i) => [r.startMs, i]))
  const scheduled = published && requirement && requirement.intervals.length
    ? computeCoverage(requirementOf(requirement), { shifts: published.shifts }).intervals.map((c) => c.agentsScheduled)
    : null
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
  if (requirement && scheduled && published && behind) {
    actions = rankActions({
      requirement: requirementOf(requirement),
      scheduledAgents: scheduled,
      schedule: { shifts: published.shifts },
      availableAgents,
      nowLocal: formatLocalIso(asOfMs, timeZone).slice(0, 16),
      serviceLevelOf,
    })
  }

  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
  const answered = inputs.achieved.reduce((s, a) => s + a.answered, 0)
  const within = inputs.achieved.reduce((s, a) => s + a.answeredWithin, 0)
  return {
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
    scheduleName: published?.name ?? null,
    dayAheadSource,
    trust: result.trust,
    warnings,
  }
}

/** Whether any remaining open interval has fewer heads scheduled than required. */
function remainingShort(snapshot: RequirementSnapshot, scheduled: readonly number[]): boolean {
  return snapshot.intervals.some((interval, i) => scheduled[i] < interval.agentsToSchedule - 1e-9)
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
