/**
 * The event calendar: launches, promotions, campaigns, holidays and outages of a queue (or of every queue), their
 * effect on volume (a multiplier or an added volume) and its shape in time, and the intervals and dates they touch.
 *
 * Shape of an effect (all lengths in days, fractions allowed): the effect window is the event window moved by
 * `delayDays` (a campaign's mail lands days after it is sent); the intensity rises linearly from 0 to 1 over
 * `rampBeforeDays` before the window, is 1 (the peak) inside it, and falls linearly back to 0 over `decayAfterDays`
 * after it. A multiplier m at intensity w scales volume by 1 + (m − 1)·w; an added volume a (contacts per day at the
 * peak) adds a·w per day, spread over the day's intervals in proportion to the base forecast (none when closed).
 */
import { EVENT_BOUNDS } from '../schemas/events.ts'
import { rangeMessage } from '../schemas/bounds.ts'
import { formatLocalIso, localParts, nextDateKey, parseLocalIsoToUtcMs } from '../time/zones.ts'

export const EVENT_TYPES = ['launch', 'promotion', 'campaign', 'holiday', 'outage', 'other'] as const
export type EventType = (typeof EVENT_TYPES)[number]
export const EFFECT_KINDS = ['multiplier', 'added'] as const
export type EffectKind = (typeof EFFECT_KINDS)[number]

export interface EventShape {
  /** Days before the (delayed) start over which the effect ramps up from nothing. @default 0 */
  rampBeforeDays: number
  /** Days after the (delayed) end over which the effect decays to nothing. @default 0 */
  decayAfterDays: number
  /** Days by which the whole effect starts (and ends) after the event itself. @default 0 */
  delayDays: number
}

export const FLAT_SHAPE: EventShape = Object.freeze({ rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 })

export interface EventEffect {
  kind: EffectKind
  /** Multiplier at the peak (> 0), or contacts added per day at the peak; null = use the uplift learned for the type. */
  value: number | null
}

export interface CalendarEvent {
  /** Database id, or a generated key for public holidays (e.g. `holiday:IL:1999-04-01`). */
  id: number | string
  /** The queue it applies to; null = every queue. */
  queueId: number | null
  type: EventType
  name: string
  /** Event window [startUtcMs, endUtcMs), entered as local date-times in `timeZone`. */
  startUtcMs: number
  endUtcMs: number
  timeZone: string
  effect: EventEffect
  shape: EventShape
  /** Where it comes from: entered by a person (or imported), or generated from the public-holiday calendar. */
  source: 'user' | 'holiday'
  /** Events with the same key share a learned uplift: the type, or a finer key such as `holiday eve`. */
  learnKey: string
  /** The uplift that was proposed when the event was entered (to track how proposals turn out), if any. */
  proposedValue?: number | null
}

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
const MAX_SHAPE_DAYS = 366

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value)
}

export function isEffectKind(value: unknown): value is EffectKind {
  return typeof value === 'string' && (EFFECT_KINDS as readonly string[]).includes(value)
}

/**
 * Checks an event and throws a RangeError/TypeError with a message a scheduler can act on.
 * @throws TypeError for an unknown type or effect kind; RangeError for an empty name, end not after start,
 *   a multiplier <= 0, a non-finite value, or a negative / too long shape length
 */
export function validateEvent(event: CalendarEvent): void {
  if (event === null || typeof event !== 'object') throw new TypeError(`event must be an object, got ${event === null ? 'null' : typeof event}`)
  if (!isEventType(event.type)) throw new TypeError(`type must be one of ${EVENT_TYPES.join(', ')}, got '${String(event.type)}'`)
  if (typeof event.name !== 'string' || event.name.trim() === '') throw new RangeError('name must not be empty')
  if (event.name.length > 200) throw new RangeError(`name must be at most 200 characters, got ${event.name.length}`)
  if (!Number.isFinite(event.startUtcMs)) throw new RangeError(`start must be a date-time, got ${event.startUtcMs}`)
  if (!Number.isFinite(event.endUtcMs)) throw new RangeError(`end must be a date-time, got ${event.endUtcMs}`)
  if (!(event.endUtcMs > event.startUtcMs)) {
    throw new RangeError(`end (${formatLocalIso(event.endUtcMs, event.timeZone).slice(0, 16)}) must be after start (${formatLocalIso(event.startUtcMs, event.timeZone).slice(0, 16)})`)
  }
  if (!event.effect || !isEffectKind(event.effect.kind)) throw new TypeError(`effect kind must be multiplier or added, got '${String(event.effect?.kind)}'`)
  const { value } = event.effect
  if (value !== null) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`effect value must be a number, got ${String(value)}`)
    if (event.effect.kind === 'multiplier' && !(value > 0)) {
      throw new RangeError(`a multiplier must be greater than 0 (1.5 = 50% more volume, 0.5 = half), got ${value}`)
    }
    const bound = event.effect.kind === 'multiplier' ? EVENT_BOUNDS.multiplier : EVENT_BOUNDS.added
    if (value > bound.max || value < (event.effect.kind === 'multiplier' ? 0 : bound.min)) throw new RangeError(`${rangeMessage(bound)}, got ${value}`)
  }
  validateShape(event.shape)
}

export function validateShape(shape: EventShape): void {
  if (shape === null || typeof shape !== 'object') throw new TypeError('shape must be an object')
  for (const key of ['rampBeforeDays', 'decayAfterDays', 'delayDays'] as const) {
    const v = shape[key]
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_SHAPE_DAYS) {
      throw new RangeError(`shape.${key} must be a number of days from 0 to ${MAX_SHAPE_DAYS}, got ${String(v)}`)
    }
  }
}

/**
 * Reads a local date-time ("YYYY-MM-DDTHH:MM", seconds optional) or a date ("YYYY-MM-DD") in `timeZone` as UTC ms.
 * A bare date is its local midnight, or with `endOfDay` the next local midnight (so an end date is inclusive).
 * @throws RangeError naming `argName` when the text is not such a date or time
 */
export function localDateTimeToUtcMs(text: string, timeZone: string, argName: string, endOfDay = false): number {
  const trimmed = typeof text === 'string' ? text.trim() : ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const ms = parseLocalIsoToUtcMs((endOfDay ? nextDateKey(trimmed) : trimmed) + 'T00:00:00', timeZone)
    if (Number.isNaN(ms) || Number.isNaN(parseLocalIsoToUtcMs(trimmed + 'T00:00:00', timeZone))) throw new RangeError(`${argName} '${text}' is not a date (YYYY-MM-DD)`)
    return ms
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(trimmed)) throw new RangeError(`${argName} must be a local date-time like 2024-05-01T09:00 or a date like 2024-05-01, got '${String(text)}'`)
  const ms = parseLocalIsoToUtcMs(trimmed.length === 16 ? trimmed + ':00' : trimmed, timeZone)
  if (Number.isNaN(ms)) throw new RangeError(`${argName} '${text}' is not a valid date-time`)
  return ms
}

function normalisedName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** True when two events apply to a common queue (the same queue, or either applies to every queue). */
export function sharesScope(a: Pick<CalendarEvent, 'queueId'>, b: Pick<CalendarEvent, 'queueId'>): boolean {
  return a.queueId === null || b.queueId === null || a.queueId === b.queueId
}

/**
 * The existing event that `candidate` would duplicate: same scope, same type, same name (ignoring case and spaces)
 * and overlapping windows. Events with other names may overlap freely (their effects combine).
 */
export function findDuplicateEvent(existing: readonly CalendarEvent[], candidate: CalendarEvent): CalendarEvent | undefined {
  const name = normalisedName(candidate.name)
  return existing.find((e) => e.id !== candidate.id && e.type === candidate.type && sharesScope(e, candidate) &&
    normalisedName(e.name) === name && e.startUtcMs < candidate.endUtcMs && candidate.startUtcMs < e.endUtcMs)
}

/** [fromUtcMs, toUtcMs) over which the event has any effect (ramp and decay included, delay applied). */
export function effectWindow(event: CalendarEvent): { fromUtcMs: number; toUtcMs: number } {
  const shape = event.shape ?? FLAT_SHAPE
  const delay = shape.delayDays * DAY_MS
  return { fromUtcMs: event.startUtcMs + delay - shape.rampBeforeDays * DAY_MS, toUtcMs: event.endUtcMs + delay + shape.decayAfterDays * DAY_MS }
}

/** Intensity (0-1) of the event's effect at an instant: linear ramp, flat peak, linear decay (see the module doc). */
export function eventIntensityAt(event: CalendarEvent, utcMs: number): number {
  const shape = event.shape ?? FLAT_SHAPE
  const delay = shape.delayDays * DAY_MS
  const peakFrom = event.startUtcMs + delay
  const peakTo = event.endUtcMs + delay
  if (utcMs >= peakFrom && utcMs < peakTo) return 1
  const rampMs = shape.rampBeforeDays * DAY_MS
  if (utcMs < peakFrom) return rampMs > 0 && utcMs >= peakFrom - rampMs ? (utcMs - (peakFrom - rampMs)) / rampMs : 0
  const decayMs = shape.decayAfterDays * DAY_MS
  return decayMs > 0 && utcMs < peakTo + decayMs ? 1 - (utcMs - peakTo) / decayMs : 0
}

/** Intensity of an interval: the intensity at its midpoint. */
export function intervalIntensity(event: CalendarEvent, intervalStartUtcMs: number, intervalMinutes: number): number {
  return eventIntensityAt(event, intervalStartUtcMs + (intervalMinutes * MINUTE_MS) / 2)
}

/** Local dates (YYYY-MM-DD, in the event's zone or `timeZone`) on which the event has any effect. */
export function affectedDates(event: CalendarEvent, timeZone = event.timeZone): string[] {
  const { fromUtcMs, toUtcMs } = effectWindow(event)
  const first = localParts(fromUtcMs, timeZone).dateKey
  const last = localParts(toUtcMs - 1, timeZone).dateKey
  const dates: string[] = []
  for (let d = first; d <= last; d = nextDateKey(d)) dates.push(d)
  return dates
}

/** How events change one interval: a combined multiplier, an added volume, and the events behind it. */
export interface IntervalEffect {
  multiplier: number
  added: number
  eventIds: Array<number | string>
}

/**
 * Applies events to a base forecast, interval by interval. Multipliers of overlapping events multiply; added
 * volumes add. `valueOf` gives the effect value of each event (its own, or the learned uplift); an event whose value
 * is null there has no effect. Results are never negative. Inputs are not changed.
 * @throws RangeError when the arrays differ in length or a base value is not a finite number >= 0
 */
export function applyEventEffects(
  intervalStarts: readonly number[],
  baseMeans: readonly number[],
  events: readonly CalendarEvent[],
  options: { intervalMinutes: number; timeZone: string; valueOf: (event: CalendarEvent) => number | null },
): { means: number[]; effects: IntervalEffect[] } {
  const { intervalMinutes, timeZone, valueOf } = options
  if (intervalStarts.length !== baseMeans.length) throw new RangeError(`baseMeans has ${baseMeans.length} values but intervalStarts has ${intervalStarts.length}`)
  if (!(Number.isInteger(intervalMinutes) && intervalMinutes > 0)) throw new RangeError(`intervalMinutes must be a positive whole number, got ${intervalMinutes}`)
  baseMeans.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`baseMeans[${i}] must be a finite number >= 0, got ${v}`)
  })
  const effects: IntervalEffect[] = intervalStarts.map(() => ({ multiplier: 1, added: 0, eventIds: [] }))
  const dateOf = intervalStarts.map((t) => localParts(t, timeZone).dateKey)
  const dayBase = new Map<string, number>()
  dateOf.forEach((d, i) => dayBase.set(d, (dayBase.get(d) ?? 0) + baseMeans[i]))
  for (const event of events) {
    const value = valueOf(event)
    if (value === null) continue
    const { fromUtcMs, toUtcMs } = effectWindow(event)
    for (let i = 0; i < intervalStarts.length; i++) {
      const t = intervalStarts[i]
      if (t + intervalMinutes * MINUTE_MS <= fromUtcMs || t >= toUtcMs) continue
      const w = intervalIntensity(event, t, intervalMinutes)
      if (w <= 0) continue
      const e = effects[i]
      if (event.effect.kind === 'multiplier') e.multiplier *= 1 + (value - 1) * w
      else {
        const day = dayBase.get(dateOf[i])!
        if (day > 0) e.added += (value * w * baseMeans[i]) / day
      }
      e.eventIds.push(event.id)
    }
  }
  const means = baseMeans.map((b, i) => Math.max(0, b * effects[i].multiplier + effects[i].added))
  return { means, effects }
}

/** The events (of `events`) that apply to `queueId` and have an effect between the two instants. */
export function eventsForQueue(events: readonly CalendarEvent[], queueId: number, fromUtcMs = -Infinity, toUtcMs = Infinity): CalendarEvent[] {
  return events.filter((e) => (e.queueId === null || e.queueId === queueId) && effectWindow(e).fromUtcMs < toUtcMs && effectWindow(e).toUtcMs > fromUtcMs)
}

/** Local dates (YYYY-MM-DD) touched by any of the events before `beforeUtcMs`: the history days to treat as special. */
export function pastEventDates(events: readonly CalendarEvent[], timeZone: string, beforeUtcMs: number): string[] {
  const dates = new Set<string>()
  for (const event of events) {
    const { fromUtcMs } = effectWindow(event)
    if (fromUtcMs >= beforeUtcMs) continue
    for (const d of affectedDates(event, timeZone)) {
      const startOfDay = parseLocalIsoToUtcMs(d + 'T00:00:00', timeZone)
      if (startOfDay < beforeUtcMs) dates.add(d)
    }
  }
  return [...dates].sort()
}
