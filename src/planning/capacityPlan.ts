/**
 * A queue's long-range capacity plan: its interval history from the database → weekly demand up to 78 weeks
 * (src/capacity/longHorizonDemand) → each week spread over its intervals with the week's profile and the calendar's
 * events and holidays → interval staffing with the queue's settings (or a scenario's service assumptions) →
 * required FTE per week with the band from the forecast's 80% interval → the headcount model's cohorts, the
 * recommended hires, cost, and the service level each shortfall would give if nothing were done.
 *
 * loadCapacityInputs reads the database (request thread, a few queries); computeCapacityPlan is plain data in,
 * plain data out, and runs in a worker thread with a time limit for the page (runCapacityPlanInWorker).
 */
import { Worker } from 'node:worker_threads'
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listHistoryIntervals } from '../db/history.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import { listQueues } from '../db/queues.ts'
import { listAgents } from '../db/schedules.ts'
import { applyEventEffects, effectWindow, type CalendarEvent } from '../events/calendar.ts'
import { effectValueOf, learnUplift, measureOccurrences } from '../events/uplift.ts'
import {
  capacityCost, sumCapacityCosts, DEFAULT_RECOMMEND_SECONDS, planGroups, forecastLongHorizonDemand, monthlyDemand, shrinkUnclosable, parseStaffModel, projectCapacity, recommendHires, requirementOfWeek, serviceLevelAtFraction,
  spreadWeek, weekShapeFromHistory, weeksAfterLastGap, type CapacityCost, type CapacityPlanSpec, type CapacityStaffingSettings,
  type HistoryInterval, type LongHorizonDemand, type UnclosableWeek, type WeekCount,
} from '../capacity/index.ts'
import { localParts } from '../time/zones.ts'
import { completeHistoryDays } from './queueForecast.ts'
import { DEFAULT_STAFFING_SETTINGS, MAX_AGENTS_PER_INTERVAL, assertValidStaffingSettings, staffingModelOf, staffingTargetsOf, type StaffingSettings } from './staffingPlan.ts'
import { queueCalendar } from './eventForecast.ts'
import { FTE_DAYS_PER_WEEK, staffDefaultsOf, withNamedQueue } from './capacityStaff.ts'
import type { ScenarioOverrides } from '../scenarios/types.ts'

/**
 * Long-range plans staff 30-minute intervals at the finest (a queue kept in 5/6/15-minute intervals is summed to
 * half-hours): months ahead, the finer intraday shape is not known better than that, and 78 weeks of 6-minute
 * intervals would take five times as long.
 */
export function capacityIntervalMinutes(queueIntervalMinutes: number): number {
  return queueIntervalMinutes >= 30 ? queueIntervalMinutes : 30
}

export { FTE_DAYS_PER_WEEK }

export interface CapacityInputs {
  spec: CapacityPlanSpec
  queueName: string
  timeZone: string
  intervalMinutes: number
  history: HistoryInterval[]
  settings: StaffingSettings
  /** Events and holidays touching the plan, with the effect value that applies (learned where not given). */
  events: CalendarEvent[]
  eventWarnings: string[]
  /** The agents of the roster with this queue's skill: how many, how many work other queues too, their contracted hours and FTE (src/planning/capacityStaff.ts). */
  roster: { agents: number; sharedWithOtherQueues: number; contractedHoursPerWeek: number; fte: number }
}

export interface CapacityPlanWeek {
  weekStart: string
  volume: number
  volumeLo80: number
  volumeHi80: number
  ahtSeconds: number
  requiredFte: number
  requiredFteLo80: number
  requiredFteHi80: number
  headcount: number
  inTraining: number
  productiveFte: number
  gapFte: number
  /** The gap with the planned hires only (no recommended ones). */
  gapFteIfNothingDone: number
  hiresStarting: number
  recommendedHires: number
  leavers: number
  /** Without the recommended hires: the service level a shortfall gives if nothing is done (null: no shortfall). */
  serviceLevelIfNothingDone: number | null
  /** Events with an effect in the week. */
  eventNames: string[]
}

export interface CapacityPlanResult {
  queueName: string
  timeZone: string
  intervalMinutes: number
  weeks: CapacityPlanWeek[]
  demand: Pick<LongHorizonDemand, 'historyWeeks' | 'seasonality' | 'growth' | 'sigma' | 'notes'>
  /** Volume and mean required FTE per calendar month (months at the ends hold only the plan's days). */
  months: { month: string; volume: number; days: number; meanRequiredFte: number }[]
  classes: WeekCount[]
  unclosable: UnclosableWeek[]
  proven: boolean
  /** No plan closing the same weeks has fewer hires (= the hires recommended when proven; the sum over groups). */
  hiresLowerBound: number
  /** Where weeks cannot be closed: the extra hires that would shrink them as far as the rules allow (null: none help). */
  shrink: { extra: WeekCount[]; shortfallBefore: number; shortfallAfter: number } | null
  /** Cost with the planned (and recommended) hires; and of doing nothing (planned hires only). */
  cost: CapacityCost
  costIfNothingDone: CapacityCost
  serviceLevelTarget: number | null
  answerWithinSeconds: number | null
  notes: string[]
  computeMs: number
  /** Teams or skill groups of the headcount model (empty: one team): each group's own projection and hires. */
  groups: CapacityGroupResult[]
}

/** One team or skill group of a plan (its weeks' figures sum to the plan's). */
export interface CapacityGroupResult {
  name: string
  /** Fraction of each week's requirement the group serves. */
  share: number
  requirementRule: 'share' | 'headcount'
  weeks: { weekStart: string; requiredFte: number; headcount: number; inTraining: number; productiveFte: number; gapFte: number; hiresStarting: number; recommendedHires: number; leavers: number }[]
  classes: WeekCount[]
  unclosable: UnclosableWeek[]
  proven: boolean
  /** No plan closing the group's weeks has fewer hires. */
  hiresLowerBound: number
  /** Weeks the group would be short with its planned hires only (a surplus in another group does not help). */
  weeksShortIfNothingDone: number
}

function settingsFor(spec: CapacityPlanSpec, saved: StaffingSettings): StaffingSettings {
  return {
    ...saved,
    serviceLevelTarget: spec.serviceLevelTarget ?? saved.serviceLevelTarget,
    answerWithinSeconds: spec.answerWithinSeconds ?? saved.answerWithinSeconds,
    shrinkageFraction: spec.shrinkageFraction ?? saved.shrinkageFraction,
  }
}

/**
 * Everything the plan is computed from, read from the database.
 * @throws RangeError when the queue has no history
 */
export async function loadCapacityInputs(db: Db, queue: Queue, spec: CapacityPlanSpec): Promise<CapacityInputs> {
  const intervalMinutes = capacityIntervalMinutes(queue.intervalMinutes)
  const raw = await listHistoryIntervals(db, queue, intervalMinutes)
  if (!raw.length) throw new RangeError(`queue '${queue.name}' has no history to plan from: import contacts or interval aggregates first`)
  const complete = completeHistoryDays(raw, queue.timeZone, intervalMinutes)
  const history = complete.map((h) => ({ startMs: h.startMs, volume: h.offered, ahtSeconds: h.ahtSeconds }))
  const settings = settingsFor(spec, (await findStaffingSettings(db, queue.id)) ?? { ...DEFAULT_STAFFING_SETTINGS })
  assertValidStaffingSettings(settings)
  const historyFromMs = history[0].startMs
  const historyToMs = history[history.length - 1].startMs + intervalMinutes * 60_000
  const planToMs = historyToMs + (spec.weeksAhead + 2) * 7 * 86_400_000
  const calendar = await queueCalendar(db, queue, historyFromMs, planToMs)
  const uplift = learnUplift(measureOccurrences(calendar.all, { startMs: history.map((h) => h.startMs), volumes: history.map((h) => h.volume) }, { timeZone: queue.timeZone, intervalMinutes }))
  const events: CalendarEvent[] = [], eventWarnings: string[] = []
  for (const e of calendar.all) {
    if (effectWindow(e).toUtcMs <= historyToMs) continue
    const value = effectValueOf(e, uplift)
    if (value === null) eventWarnings.push(`no uplift learned yet for '${e.learnKey}': '${e.name}' is not applied until it is given a value`)
    else events.push({ ...e, effect: { ...e.effect, value } })
  }
  const staff = staffDefaultsOf(await listAgents(db), queue, new Map((await listQueues(db)).map((q) => [q.id, q.name])), settings.hoursPerFte * FTE_DAYS_PER_WEEK)
  const roster = {
    agents: staff.agents, sharedWithOtherQueues: staff.groups.filter((g) => g.queues.length > 1).reduce((s, g) => s + g.agents, 0),
    contractedHoursPerWeek: staff.contractedHoursPerWeek, fte: staff.headcountFte,
  }
  return { spec, queueName: queue.name, timeZone: queue.timeZone, intervalMinutes, history, settings, events, eventWarnings, roster }
}

/**
 * The plan (see the module doc).
 * @throws RangeError on a headcount model that does not fit the plan's weeks, or too little history
 */
export async function computeCapacityPlan(inputs: CapacityInputs, options: { solverTimeLimitSeconds?: number } = {}): Promise<CapacityPlanResult> {
  const started = performance.now()
  const { spec, timeZone, intervalMinutes, settings } = inputs
  const model = parseStaffModel(spec.staff)
  const { weeks: weekly, gapWeeks, leftOut, gapFrom } = weeksAfterLastGap(inputs.history, timeZone, spec.weekStartIsoWeekday)
  if (gapWeeks > 0 && weekly.length < 4) throw new RangeError(`the history has no data in the ${gapWeeks} week${gapWeeks === 1 ? '' : 's'} from ${gapFrom}, and only ${weekly.length} whole week${weekly.length === 1 ? '' : 's'} after them: a long-range forecast needs at least 4 whole weeks in a row (a gap is missing data, not zero demand)`)
  const lastHistoryDay = localParts(inputs.history[inputs.history.length - 1].startMs, timeZone).dateKey
  const demand = forecastLongHorizonDemand(weekly, { weeksAhead: spec.weeksAhead + 2, annualGrowthFraction: spec.annualGrowthFraction, ahtChangeFraction: spec.ahtChangeFraction })
  const level = 1 + spec.volumeChangeFraction
  const future = demand.weeks.filter((w) => w.weekStart > lastHistoryDay).slice(0, spec.weeksAhead)
    .map((w) => ({ ...w, volume: w.volume * level, volumeLo80: w.volumeLo80 * level, volumeHi80: w.volumeHi80 * level }))
  const shape = weekShapeFromHistory(inputs.history, { timeZone, intervalMinutes, weekStartIsoWeekday: spec.weekStartIsoWeekday })
  const staffing: CapacityStaffingSettings = {
    intervalMinutes, model: staffingModelOf(settings), targets: staffingTargetsOf(settings), shrinkageFraction: settings.shrinkageFraction,
    hoursPerFteWeek: settings.hoursPerFte * FTE_DAYS_PER_WEEK, maxAgents: MAX_AGENTS_PER_INTERVAL,
  }
  const fallbackAht = settings.ahtOverrideSeconds ?? 300
  const ahtAssumed = future.some((w) => w.ahtSeconds === null) && settings.ahtOverrideSeconds === null
  const notes = [...demand.notes.filter((n) => !(ahtAssumed && n.startsWith('The history has no handle times'))), ...inputs.eventWarnings]
  if (gapWeeks > 0) notes.push(`The history has no data in the ${gapWeeks} week${gapWeeks === 1 ? '' : 's'} from ${gapFrom}: a gap is missing data, not zero demand, so the forecast uses the ${weekly.length} whole weeks after it and leaves out the ${leftOut} before it.`)
  if (inputs.roster.agents) {
    const r = inputs.roster
    notes.push(`The roster has ${r.agents} agent${r.agents === 1 ? '' : 's'} with this queue's skill (${Math.round(r.contractedHoursPerWeek)} contracted hours a week = ${r.fte} FTE${r.sharedWithOtherQueues ? `; ${r.sharedWithOtherQueues} also work${r.sharedWithOtherQueues === 1 ? 's' : ''} other queues` : ''}); the plan starts from a headcount of ${spec.staff.headcount}.`)
  }
  if (spec.volumeChangeFraction) notes.push(`Volume ${spec.volumeChangeFraction > 0 ? '+' : ''}${Math.round(spec.volumeChangeFraction * 1000) / 10}% in every week (the plan's assumption).`)
  if (ahtAssumed) notes.push(`The history has no handle times: an AHT of ${fallbackAht} s is assumed (set an AHT override on the staffing page).`)
  if (settings.staffAtQuantile !== null) notes.push(`The requirement staffs each interval at the mean; the band shows the forecast's 80% range (the staffing page's P${Math.round(settings.staffAtQuantile * 100)} applies to the short-range plan).`)
  const perWeek = future.map((w) => {
    const aht = settings.ahtOverrideSeconds ?? w.ahtSeconds ?? fallbackAht
    const spread = spreadWeek(w.weekStart, w.volume, aht, shape)
    const names = new Set<string>()
    if (inputs.events.length) {
      const first = spread.startMs[0], last = spread.startMs[spread.startMs.length - 1] + intervalMinutes * 60_000
      const touching = inputs.events.filter((e) => effectWindow(e).toUtcMs > first && effectWindow(e).fromUtcMs < last)
      if (touching.length) {
        const { means } = applyEventEffects(spread.startMs, spread.volume, touching, { intervalMinutes, timeZone, valueOf: (e) => e.effect.value })
        spread.volume = means
        for (const e of touching) names.add(e.name)
      }
    }
    const volume = spread.volume.reduce((s, v) => s + v, 0)
    const req = requirementOfWeek(spread, staffing)
    const scaled = (factor: number) => requirementOfWeek({ ...spread, volume: spread.volume.map((v) => v * factor) }, staffing).requiredFte
    return {
      week: w, spread, req, volume, aht, eventNames: [...names],
      lo: scaled(w.volumeLo80 / Math.max(1e-9, w.volume)), hi: scaled(w.volumeHi80 / Math.max(1e-9, w.volume)),
      bandFactor: [w.volumeLo80 / Math.max(1e-9, w.volume), w.volumeHi80 / Math.max(1e-9, w.volume)],
    }
  })
  const requirementWeeks = perWeek.map((p) => ({ weekStart: p.week.weekStart, requiredFte: p.req.requiredFte }))
  if (!requirementWeeks.length) throw new RangeError('no week to plan after the history')
  let nothingDone = projectCapacity(requirementWeeks, model)
  let projected = nothingDone, classes: WeekCount[] = [], unclosable: UnclosableWeek[] = [], proven = true, hiresLowerBound = 0
  let shrink: CapacityPlanResult['shrink'] = null
  let groups: CapacityGroupResult[] = [], cost: CapacityCost, costIfNothingDone: CapacityCost
  if (model.groups.length) {
    // each team or skill group on its own (src/capacity/staffGroups.ts); the plan's weeks are their sums
    const idle = await planGroups(requirementWeeks, model)
    const planned = spec.recommend ? await planGroups(requirementWeeks, model, { recommend: true, fromWeek: spec.fromWeek ?? undefined, timeLimitSeconds: options.solverTimeLimitSeconds ?? DEFAULT_RECOMMEND_SECONDS }) : idle
    nothingDone = idle.total; projected = planned.total
    const byWeek = new Map<string, number>()
    groups = planned.groups.map((g, i) => {
      const r = g.recommendation
      const recommendedAt = new Map((r?.classes ?? []).map((c) => [c.weekStart, c.count]))
      for (const c of r?.classes ?? []) byWeek.set(c.weekStart, (byWeek.get(c.weekStart) ?? 0) + c.count)
      unclosable.push(...(r?.unclosable ?? []).map((u) => ({ ...u, reason: `${g.name}: ${u.reason}` })))
      proven &&= r?.proven ?? true
      hiresLowerBound += r?.lowerBound ?? 0
      return {
        name: g.name, share: g.share ?? 0, requirementRule: g.requirementRule === 'share' ? 'share' as const : 'headcount' as const,
        weeks: g.weeks.map((w) => ({ weekStart: w.weekStart, requiredFte: w.requiredFte, headcount: w.headcount, inTraining: w.inTraining, productiveFte: w.productiveFte, gapFte: w.gapFte, hiresStarting: w.hiresStarting, recommendedHires: recommendedAt.get(w.weekStart) ?? 0, leavers: w.leavers })),
        classes: r?.classes ?? [], unclosable: r?.unclosable ?? [], proven: r?.proven ?? true, hiresLowerBound: r?.lowerBound ?? 0,
        weeksShortIfNothingDone: idle.groups[i].weeks.filter((w) => w.gapFte < -1e-6).length,
      }
    })
    classes = [...byWeek].sort((a, b) => a[0].localeCompare(b[0])).map(([weekStart, count]) => ({ weekStart, count }))
    unclosable.sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    cost = sumCapacityCosts(planned.groups.map((g, i) => capacityCost(g.weeks, model.groups[i].model)))
    costIfNothingDone = sumCapacityCosts(idle.groups.map((g, i) => capacityCost(g.weeks, model.groups[i].model)))
    notes.push(`${model.groups.length} groups (${model.groups.map((g, i) => `${g.name}: ${g.model.headcount} people, ${Math.round((planned.groups[i].share ?? 0) * 1000) / 10}% of the requirement${g.share === null ? ' by headcount' : ''}`).join('; ')}): each group is planned and hired for on its own, the weeks shown are their sums.`)
  } else {
    if (spec.recommend) {
      const r = await recommendHires(requirementWeeks, model, { fromWeek: spec.fromWeek ?? undefined, timeLimitSeconds: options.solverTimeLimitSeconds ?? DEFAULT_RECOMMEND_SECONDS })
      projected = r.weeks; classes = r.classes; unclosable = r.unclosable; proven = r.proven; hiresLowerBound = r.lowerBound
      if (r.unclosable.length) {
        const s = shrinkUnclosable(requirementWeeks, model, r, spec.fromWeek ?? undefined)
        if (s.extra.length) shrink = { extra: s.extra, shortfallBefore: s.shortfallBefore, shortfallAfter: s.shortfallAfter }
      }
    }
    cost = capacityCost(projected, model)
    costIfNothingDone = capacityCost(nothingDone, model)
  }
  const recommendedAt = new Map(classes.map((c) => [c.weekStart, c.count]))
  const weeks: CapacityPlanWeek[] = perWeek.map((p, i) => {
    const base = nothingDone[i], row = projected[i]
    return {
      weekStart: p.week.weekStart,
      volume: p.volume,
      volumeLo80: p.volume * p.bandFactor[0],
      volumeHi80: p.volume * p.bandFactor[1],
      ahtSeconds: p.aht,
      requiredFte: p.req.requiredFte,
      requiredFteLo80: p.lo,
      requiredFteHi80: p.hi,
      headcount: row.headcount,
      inTraining: row.inTraining,
      productiveFte: row.productiveFte,
      gapFte: row.gapFte,
      gapFteIfNothingDone: base.gapFte,
      hiresStarting: row.hiresStarting,
      recommendedHires: recommendedAt.get(p.week.weekStart) ?? 0,
      leavers: row.leavers,
      serviceLevelIfNothingDone: base.gapFte < -1e-6 ? serviceLevelAtFraction(p.spread, p.req.agentsRequired, base.productiveFte / p.req.requiredFte, staffing) : null,
      eventNames: p.eventNames,
    }
  })
  return {
    queueName: inputs.queueName, timeZone, intervalMinutes, weeks,
    demand: { historyWeeks: demand.historyWeeks, seasonality: demand.seasonality, growth: demand.growth, sigma: demand.sigma, notes: demand.notes },
    months: monthsOf(weeks, shape.dayShares),
    classes, unclosable, proven, hiresLowerBound, shrink,
    cost, costIfNothingDone, groups,
    serviceLevelTarget: settings.serviceLevelTarget, answerWithinSeconds: settings.answerWithinSeconds,
    notes,
    computeMs: performance.now() - started,
  }
}

/** Monthly volume (weeks split by their days' shares) and the mean required FTE of the weeks starting in the month. */
function monthsOf(weeks: readonly CapacityPlanWeek[], dayShares: readonly number[]): CapacityPlanResult['months'] {
  return monthlyDemand(weeks, dayShares).map((m) => {
    const starting = weeks.filter((w) => w.weekStart.startsWith(m.month))
    return { ...m, meanRequiredFte: starting.length ? starting.reduce((s, w) => s + w.requiredFte, 0) / starting.length : NaN }
  })
}

/** How long the page lets a plan compute before giving up. */
export const CAPACITY_TIME_LIMIT_MS = 30_000

interface CapacityWorkerMessage { id: number; type: 'result' | 'error'; result?: CapacityPlanResult; name?: string; message?: string }

/**
 * One long-lived worker thread computes the plans, one at a time: HiGHS's WebAssembly runs several times faster
 * once the engine has optimised it, which a fresh worker per plan would lose. A plan that passes its time limit
 * stops the worker (the next plan starts a new one).
 */
let capacityWorker: { worker: Worker; pending: Map<number, (m: CapacityWorkerMessage) => void> } | null = null
let nextMessageId = 0
let queueTail: Promise<unknown> = Promise.resolve()

function sharedWorker() {
  if (capacityWorker) return capacityWorker
  const worker = new Worker(new URL('./capacityWorkerBootstrap.mjs', import.meta.url))
  const state = { worker, pending: new Map<number, (m: CapacityWorkerMessage) => void>() }
  const fail = (message: string) => {
    for (const answer of state.pending.values()) answer({ id: -1, type: 'error', name: 'Error', message })
    state.pending.clear()
    if (capacityWorker === state) capacityWorker = null
  }
  worker.on('message', (m: CapacityWorkerMessage) => { state.pending.get(m.id)?.(m); state.pending.delete(m.id) })
  worker.on('error', (error) => fail(`the capacity worker failed: ${error.message}`))
  worker.on('exit', (code) => fail(`the capacity worker stopped with exit code ${code} before answering`))
  worker.unref()
  capacityWorker = state
  return state
}

/**
 * computeCapacityPlan in the shared worker thread, stopped after timeLimitMs (plans wait their turn).
 * @throws RangeError/TypeError as the direct call would; RangeError when the time limit passes
 */
export function runCapacityPlanInWorker(inputs: CapacityInputs, timeLimitMs = CAPACITY_TIME_LIMIT_MS): Promise<CapacityPlanResult> {
  const run = () => new Promise<CapacityPlanResult>((resolvePromise, reject) => {
    const state = sharedWorker()
    const id = ++nextMessageId
    const timer = setTimeout(() => {
      state.pending.delete(id)
      if (capacityWorker === state) capacityWorker = null
      void state.worker.terminate()
      reject(new RangeError(`the capacity plan took longer than ${Math.round(timeLimitMs / 1000)} s and was stopped: plan fewer weeks`))
    }, timeLimitMs)
    state.pending.set(id, (m) => {
      clearTimeout(timer)
      if (m.type === 'result') resolvePromise(m.result!)
      else reject(new (m.name === 'RangeError' ? RangeError : m.name === 'TypeError' ? TypeError : Error)(m.message))
    })
    state.worker.postMessage({ id, inputs })
  })
  const result = queueTail.then(run, run)
  queueTail = result.catch(() => undefined)
  return result
}

/** Default spec fields for a queue (the page's first form and `chatplan capacity --queue`). */
export function defaultCapacitySpec(queueId: number, staff: CapacityPlanSpec['staff'], weeksAhead: number): CapacityPlanSpec {
  return {
    name: 'Capacity plan', queueId, weeksAhead, weekStartIsoWeekday: 1, annualGrowthFraction: null, ahtChangeFraction: 0, volumeChangeFraction: 0,
    serviceLevelTarget: null, answerWithinSeconds: null, shrinkageFraction: null, fromWeek: null, recommend: false, scenarioId: null, staff,
  }
}

/**
 * `chatplan capacity --queue NAME --weeks N`: the weekly FTE requirement of a queue from the database.
 * @throws RangeError naming the queue when it is not there
 */
export function queueRequirementWeeks(queueName: string, weeks: number, env: Record<string, string | undefined>, note: (text: string) => void): Promise<{ weekStart: string; requiredFte: number }[]> {
  return withNamedQueue(queueName, env, async (db, queue) => {
    const spec = defaultCapacitySpec(queue.id, { headcount: 0, attrition_monthly: 0, training_weeks: 0, class_size_max: 1 }, weeks)
    const plan = await computeCapacityPlan(await loadCapacityInputs(db, queue, spec))
    note(`${queue.name}: ${plan.weeks.length} weeks from ${plan.weeks[0].weekStart}, required FTE from ${plan.intervalMinutes}-minute staffing (${plan.serviceLevelTarget !== null ? `${Math.round(plan.serviceLevelTarget * 100)}% within ${plan.answerWithinSeconds} s` : 'saved targets'}); ${plan.notes.join(' ')}`)
    return plan.weeks.map((w) => ({ weekStart: w.weekStart, requiredFte: w.requiredFte }))
  })
}

/** The assumptions of a what-if scenario that a capacity plan can take, and what it could not. */
export interface AppliedScenario { spec: CapacityPlanSpec; applied: string[]; skipped: string[] }

/**
 * Applies a scenario's assumptions to a capacity spec: a volume change and an AHT change over the whole plan
 * (scoped ones, by date, weekday or time of day, do not fit weekly plans and are listed as skipped), the service
 * level target and threshold, and shrinkage.
 */
export function applyScenarioAssumptions(spec: CapacityPlanSpec, overrides: ScenarioOverrides, scenarioId: number): AppliedScenario {
  const out: CapacityPlanSpec = { ...spec, scenarioId }
  const applied: string[] = [], skipped: string[] = []
  const unscoped = (scope: object) => Object.values(scope).every((v) => v === undefined)
  for (const v of overrides.volume ?? []) {
    if (v.kind === 'fraction' && unscoped(v.scope)) { out.volumeChangeFraction = (1 + out.volumeChangeFraction) * (1 + v.changeFraction) - 1; applied.push(`volume ${v.changeFraction >= 0 ? '+' : ''}${Math.round(v.changeFraction * 1000) / 10}%`) }
    else skipped.push(`a volume change (${v.kind}) limited to some dates, weekdays or hours`)
  }
  for (const a of overrides.aht ?? []) {
    if (a.kind === 'fraction' && unscoped(a.scope)) { out.ahtChangeFraction = (1 + out.ahtChangeFraction) * (1 + a.changeFraction) - 1; applied.push(`AHT ${a.changeFraction >= 0 ? '+' : ''}${Math.round(a.changeFraction * 1000) / 10}%`) }
    else skipped.push(`an AHT change (${a.kind === 'seconds' ? 'set in seconds' : 'fraction'}${unscoped(a.scope) ? '' : ', limited to some intervals'})`)
  }
  if (overrides.serviceLevelTarget !== undefined && overrides.serviceLevelTarget !== null) { out.serviceLevelTarget = overrides.serviceLevelTarget; applied.push(`service level ${Math.round(overrides.serviceLevelTarget * 1000) / 10}%`) }
  if (overrides.answerWithinSeconds !== undefined) { out.answerWithinSeconds = overrides.answerWithinSeconds; applied.push(`answered within ${overrides.answerWithinSeconds} s`) }
  if (overrides.shrinkageFraction !== undefined) { out.shrinkageFraction = overrides.shrinkageFraction; applied.push(`shrinkage ${Math.round(overrides.shrinkageFraction * 1000) / 10}%`) }
  for (const key of ['addedEvents', 'removedEventIds', 'openingHours', 'headcount', 'maxConcurrency', 'meanPatienceSeconds', 'asaTargetSeconds', 'maxOccupancy'] as const) {
    if (overrides[key] !== undefined && !(Array.isArray(overrides[key]) && !(overrides[key] as unknown[]).length)) skipped.push(key)
  }
  return { spec: out, applied, skipped }
}
