/**
 * Checks a scenario's overrides against sensible ranges and against the baseline they apply to (dates inside the
 * plan, events that exist, a model the targets fit), and returns every problem with the form field it belongs to,
 * in the words the form shows (fractions as percent). Empty when the overrides can be applied.
 */
import type { StaffingSettings } from '../planning/staffingPlan.ts'
import { SCENARIO_LIMITS } from '../schemas/scenarios.ts'
import type { DayHours, IntervalScope, OverrideProblem, ScenarioOverrides } from './types.ts'

/** The ranges a what-if may ask about (the settings' and events' from the shared bounds in src/schemas); outside them an input is more likely a typo than a question. */
export const OVERRIDE_LIMITS = SCENARIO_LIMITS

export interface OverrideContext {
  fromDateKey: string
  toDateKey: string
  settings: StaffingSettings
  /** Ids of the baseline's events (those a scenario may remove). */
  eventIds: readonly string[]
}

const percent = (fraction: number) => `${Math.round(fraction * 1e6) / 1e4}%`
const signedPercent = (fraction: number) => `${fraction > 0 ? '+' : ''}${percent(fraction)}`
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

function isDateKey(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const ms = Date.parse(value + 'T00:00:00Z')
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value
}

/** "HH:MM" of minutes of the day. */
export function clockOfMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Problems of a date range inside the plan [from, to] (both included), for one form row. */
function checkDateRange(add: (f: string, m: string) => void, field: string, from: string | undefined, to: string | undefined, ctx: OverrideContext, what: string): void {
  if (from !== undefined && !isDateKey(from)) { add(`${field}.from`, `${what}: the start date must be a date like ${ctx.fromDateKey} (YYYY-MM-DD), got '${from}'`); return }
  if (to !== undefined && !isDateKey(to)) { add(`${field}.to`, `${what}: the end date must be a date like ${ctx.toDateKey} (YYYY-MM-DD), got '${to}'`); return }
  if (from !== undefined && to !== undefined && to < from) { add(`${field}.to`, `${what}: the end date ${to} is before the start date ${from}`); return }
  const outside = (from !== undefined && (from < ctx.fromDateKey || from > ctx.toDateKey)) || (to !== undefined && (to > ctx.toDateKey || to < ctx.fromDateKey))
  if (outside) {
    add(`${field}.${from !== undefined && (from < ctx.fromDateKey || from > ctx.toDateKey) ? 'from' : 'to'}`,
      `${what}: the dates ${from ?? ctx.fromDateKey} to ${to ?? ctx.toDateKey} are outside the plan (${ctx.fromDateKey} to ${ctx.toDateKey})`)
  }
}

function checkScope(add: (f: string, m: string) => void, field: string, scope: IntervalScope | undefined, ctx: OverrideContext, what: string): void {
  if (scope === undefined || scope === null || typeof scope !== 'object') { add(field, `${what}: the scope must be given (the whole plan is {})`); return }
  checkDateRange(add, field, scope.fromDateKey, scope.toDateKey, ctx, what)
  if (scope.weekdays !== undefined) {
    if (!Array.isArray(scope.weekdays) || scope.weekdays.length === 0) add(`${field}.weekdays`, `${what}: choose at least one weekday, or none to mean every day`)
    else for (const d of scope.weekdays) if (!(Number.isInteger(d) && d >= 1 && d <= 7)) add(`${field}.weekdays`, `${what}: weekdays are 1 (Monday) to 7 (Sunday), got ${String(d)}`)
  }
  const minute = (key: 'fromMinute' | 'toMinute', label: string) => {
    const v = scope[key]
    if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= 1440)) add(`${field}.${key === 'fromMinute' ? 'fromTime' : 'toTime'}`, `${what}: the ${label} time must be a time of day from 00:00 to 24:00, got ${String(v)}`)
  }
  minute('fromMinute', 'from')
  minute('toMinute', 'to')
  if (isNumber(scope.fromMinute) && isNumber(scope.toMinute) && scope.toMinute <= scope.fromMinute) {
    add(`${field}.toTime`, `${what}: the time window must end after it starts, got ${clockOfMinutes(scope.fromMinute)} to ${clockOfMinutes(scope.toMinute)}`)
  }
}

function checkChangeFraction(add: (f: string, m: string) => void, field: string, value: unknown, what: string): void {
  if (!isNumber(value)) { add(field, `${what} must be a number, got ${String(value)}`); return }
  if (value < OVERRIDE_LIMITS.minChangeFraction || value > OVERRIDE_LIMITS.maxChangeFraction) {
    add(field, `${what} must be between ${percent(OVERRIDE_LIMITS.minChangeFraction)} and +${percent(OVERRIDE_LIMITS.maxChangeFraction)}, got ${signedPercent(value)}`)
  }
}

function checkDayHours(add: (f: string, m: string) => void, days: unknown): void {
  if (!Array.isArray(days) || days.length !== 7) { add('hours', `Opening hours need 7 days (Monday first), got ${Array.isArray(days) ? days.length : String(days)}`); return }
  const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
  ;(days as DayHours[]).forEach((d, i) => {
    if (d === null) return
    if (!(Number.isInteger(d.openMinute) && Number.isInteger(d.closeMinute) && d.openMinute >= 0 && d.closeMinute <= 1440 && d.closeMinute > d.openMinute)) {
      add(`hours.${i + 1}`, `Opening hours on ${names[i]}: closing must be after opening, within the day, got ${isNumber(d.openMinute) ? clockOfMinutes(d.openMinute) : String(d.openMinute)} to ${isNumber(d.closeMinute) ? clockOfMinutes(d.closeMinute) : String(d.closeMinute)}`)
    }
  })
}

/**
 * Every problem of the overrides for a baseline, each naming its form field (see the module doc).
 * @example validateOverrides({ serviceLevelTarget: 1.2 }, ctx) // [{ field: 'serviceLevelTarget', message: 'Service level target cannot be over 100%, got 120%' }]
 */
export function validateOverrides(overrides: ScenarioOverrides, ctx: OverrideContext): OverrideProblem[] {
  const problems: OverrideProblem[] = []
  const add = (field: string, message: string) => problems.push({ field, message })
  if (overrides === null || typeof overrides !== 'object') return [{ field: 'overrides', message: `overrides must be an object, got ${String(overrides)}` }]
  const o = overrides

  ;(o.volume ?? []).forEach((change, i) => {
    const field = `volume.${i}`
    const what = `Volume change ${i + 1}`
    checkScope(add, field, change.scope, ctx, what)
    if (change.kind === 'fraction') checkChangeFraction(add, `${field}.value`, change.changeFraction, what)
    else if (change.kind === 'addPerDay' || change.kind === 'setPerDay') {
      const v = change.contactsPerDay
      if (!isNumber(v)) add(`${field}.value`, `${what} must be a number of contacts per day, got ${String(v)}`)
      else if (change.kind === 'setPerDay' && v < 0) add(`${field}.value`, `${what}: contacts per day cannot be negative, got ${v}`)
      else if (Math.abs(v) > OVERRIDE_LIMITS.maxContactsPerDay) add(`${field}.value`, `${what}: at most ${OVERRIDE_LIMITS.maxContactsPerDay.toLocaleString('en-US')} contacts per day, got ${v}`)
    } else add(`${field}.kind`, `${what}: the kind must be a percentage, contacts added per day or contacts per day, got '${String((change as { kind: unknown }).kind)}'`)
  })
  if ((o.volume?.length ?? 0) > OVERRIDE_LIMITS.maxVolumeChanges) add('volume', `At most ${OVERRIDE_LIMITS.maxVolumeChanges} volume changes, got ${o.volume!.length}`)

  ;(o.aht ?? []).forEach((change, i) => {
    const field = `aht.${i}`
    const what = `AHT change ${i + 1}`
    checkScope(add, field, change.scope, ctx, what)
    if (change.kind === 'fraction') checkChangeFraction(add, `${field}.value`, change.changeFraction, what)
    else if (change.kind === 'seconds') {
      const v = change.ahtSeconds
      if (!isNumber(v) || v < OVERRIDE_LIMITS.minAhtSeconds || v > OVERRIDE_LIMITS.maxAhtSeconds) add(`${field}.value`, `${what}: AHT must be from ${OVERRIDE_LIMITS.minAhtSeconds} to ${OVERRIDE_LIMITS.maxAhtSeconds} seconds, got ${String(v)}`)
    } else add(`${field}.kind`, `${what}: the kind must be a percentage or seconds, got '${String((change as { kind: unknown }).kind)}'`)
  })

  if (o.serviceLevelTarget !== undefined && o.serviceLevelTarget !== null) {
    const v = o.serviceLevelTarget
    if (!isNumber(v)) add('serviceLevelTarget', `Service level target must be a number, got ${String(v)}`)
    else if (v > 1) add('serviceLevelTarget', `Service level target cannot be over 100%, got ${percent(v)}`)
    else if (v <= 0) add('serviceLevelTarget', `Service level target must be more than 0%, got ${percent(v)}`)
  }
  if (o.answerWithinSeconds !== undefined) {
    const v = o.answerWithinSeconds
    if (!isNumber(v) || v < 0 || v > OVERRIDE_LIMITS.maxAnswerWithinSeconds) add('answerWithinSeconds', `Threshold must be from 0 to ${OVERRIDE_LIMITS.maxAnswerWithinSeconds} seconds, got ${String(v)}`)
  }
  if (o.asaTargetSeconds !== undefined && o.asaTargetSeconds !== null) {
    const v = o.asaTargetSeconds
    if (!isNumber(v) || v <= 0 || v > OVERRIDE_LIMITS.maxAsaSeconds) add('asaTargetSeconds', `ASA target must be more than 0 and at most ${OVERRIDE_LIMITS.maxAsaSeconds} seconds, got ${String(v)}`)
  }
  if (o.maxAbandonFraction !== undefined && o.maxAbandonFraction !== null) {
    const v = o.maxAbandonFraction
    if (!isNumber(v) || v <= 0 || v > 1) add('maxAbandonFraction', `Maximum abandonment must be more than 0% and at most 100%, got ${isNumber(v) ? percent(v) : String(v)}`)
  }
  if (o.meanPatienceSeconds !== undefined) {
    const v = o.meanPatienceSeconds
    if (!isNumber(v) || v <= 0 || v > OVERRIDE_LIMITS.maxPatienceSeconds) add('meanPatienceSeconds', `Mean patience must be more than 0 and at most ${OVERRIDE_LIMITS.maxPatienceSeconds} seconds, got ${String(v)}`)
  }
  if (o.maxConcurrency !== undefined) {
    const v = o.maxConcurrency
    if (!(Number.isInteger(v) && v >= 1 && v <= OVERRIDE_LIMITS.maxConcurrency)) add('maxConcurrency', `Concurrency must be a whole number of chats from 1 to ${OVERRIDE_LIMITS.maxConcurrency}, got ${String(v)}`)
  }
  if (o.slowdownAlpha !== undefined) {
    const v = o.slowdownAlpha
    if (!isNumber(v) || v < 0 || v > OVERRIDE_LIMITS.maxSlowdownAlpha) add('slowdownAlpha', `Slowdown α must be from 0 to ${OVERRIDE_LIMITS.maxSlowdownAlpha}, got ${String(v)}`)
  }
  if (o.shrinkageFraction !== undefined) {
    const v = o.shrinkageFraction
    if (!isNumber(v) || v < 0 || v > OVERRIDE_LIMITS.maxShrinkage) add('shrinkageFraction', `Shrinkage must be from 0% to ${percent(OVERRIDE_LIMITS.maxShrinkage)}, got ${isNumber(v) ? percent(v) : String(v)}`)
  }
  if (o.maxOccupancy !== undefined && o.maxOccupancy !== null) {
    const v = o.maxOccupancy
    if (!isNumber(v) || v <= 0 || v > 1) add('maxOccupancy', `Occupancy cap must be more than 0% and at most 100%, got ${isNumber(v) ? percent(v) : String(v)}`)
  }
  if (o.hoursPerFte !== undefined) {
    const v = o.hoursPerFte
    if (!isNumber(v) || v <= 0 || v > OVERRIDE_LIMITS.maxHoursPerFte) add('hoursPerFte', `Hours per FTE (per day) must be more than 0 and at most ${OVERRIDE_LIMITS.maxHoursPerFte}, got ${String(v)}`)
  }
  if (o.costPerHour !== undefined) {
    const v = o.costPerHour
    if (!isNumber(v) || v < 0 || v > OVERRIDE_LIMITS.maxCostPerHour) add('costPerHour', `Cost per hour must be from 0 to ${OVERRIDE_LIMITS.maxCostPerHour.toLocaleString('en-US')}, got ${String(v)}`)
  }

  for (const id of o.removedEventIds ?? []) {
    if (!ctx.eventIds.includes(id)) add('removeEvent', `The event '${id}' is not in this baseline, so it cannot be removed`)
  }
  if ((o.addedEvents?.length ?? 0) > OVERRIDE_LIMITS.maxAddedEvents) add('event', `At most ${OVERRIDE_LIMITS.maxAddedEvents} added events, got ${o.addedEvents!.length}`)
  ;(o.addedEvents ?? []).forEach((e, i) => {
    const field = `event.${i}`
    const what = `Added event ${i + 1}`
    if (typeof e.name !== 'string' || !e.name.trim()) add(`${field}.name`, `${what} needs a name`)
    if (e.fromDateKey === undefined || e.toDateKey === undefined) add(`${field}.from`, `${what} needs a start and an end date`)
    else checkDateRange(add, field, e.fromDateKey, e.toDateKey, ctx, what)
    if (e.kind === 'multiplier') {
      if (!isNumber(e.value) || e.value < OVERRIDE_LIMITS.minEventMultiplier || e.value > OVERRIDE_LIMITS.maxEventMultiplier) {
        add(`${field}.value`, `${what}: the multiplier must be from ${OVERRIDE_LIMITS.minEventMultiplier} to ${OVERRIDE_LIMITS.maxEventMultiplier} (1.5 = 50% more volume), got ${String(e.value)}`)
      }
    } else if (e.kind === 'added') {
      if (!isNumber(e.value) || Math.abs(e.value) > OVERRIDE_LIMITS.maxContactsPerDay) add(`${field}.value`, `${what}: contacts added per day must be a number up to ${OVERRIDE_LIMITS.maxContactsPerDay.toLocaleString('en-US')}, got ${String(e.value)}`)
    } else add(`${field}.kind`, `${what}: the effect must be a multiplier or contacts added per day, got '${String((e as { kind: unknown }).kind)}'`)
  })

  if (o.openingHours !== undefined) {
    checkDayHours(add, o.openingHours.days)
    const r = o.openingHours.retainClosedFraction
    if (!isNumber(r) || r < 0 || r > 1) add('hoursRetain', `The share of closed-hours volume that comes back in open hours must be from 0% to 100%, got ${isNumber(r) ? percent(r) : String(r)}`)
  }

  if (o.headcount !== undefined) {
    const h = o.headcount
    if (h.kind === 'perInterval') {
      if (!(Number.isInteger(h.agents) && h.agents >= 0 && h.agents <= OVERRIDE_LIMITS.maxAgentsPerInterval)) add('headcountValue', `Agents per interval must be a whole number from 0 to ${OVERRIDE_LIMITS.maxAgentsPerInterval}, got ${String(h.agents)}`)
    } else if (h.kind === 'totalFte') {
      if (!isNumber(h.fte) || h.fte <= 0 || h.fte > OVERRIDE_LIMITS.maxFte) add('headcountValue', `FTE must be more than 0 and at most ${OVERRIDE_LIMITS.maxFte.toLocaleString('en-US')}, got ${String(h.fte)}`)
    } else add('headcountKind', `Headcount must be agents per interval or total FTE, got '${String((h as { kind: unknown }).kind)}'`)
  }

  // The model the overrides lead to, and the targets that fit it.
  if (o.maxConcurrency !== undefined && o.meanPatienceSeconds !== undefined) {
    add('meanPatienceSeconds', 'Choose either a concurrency (chat model) or a mean patience (Erlang A), not both')
  }
  const model = o.maxConcurrency !== undefined ? 'chat' : o.meanPatienceSeconds !== undefined ? 'erlang_a' : ctx.settings.modelKind
  if (o.slowdownAlpha !== undefined && model !== 'chat') add('slowdownAlpha', 'Slowdown α applies to the chat model only: set a concurrency k too')
  const abandon = o.maxAbandonFraction !== undefined ? o.maxAbandonFraction : null
  if (abandon !== null && model !== 'erlang_a') add('maxAbandonFraction', 'An abandonment target needs the Erlang A model: set a mean patience too')
  return problems
}
