/**
 * The event form: request body → the values as typed (for re-showing), values → an event draft (local times in the
 * queue's zone, bounds from src/schemas), a stored event → its form, and the month a page shows.
 */
import type { Queue } from '../../db/schema.ts'
import { EventInputError, type NewEvent } from '../../db/events.ts'
import { localDateTimeToUtcMs, isEffectKind, isEventType, EVENT_TYPES, type CalendarEvent } from '../../events/calendar.ts'
import { formatLocalIso, parseLocalIsoToUtcMs } from '../../time/zones.ts'
import { MAX_YEAR, MIN_YEAR, SANE_MAX_MS, SANE_MIN_MS } from '../../schemas/queryParams.ts'
import type { EventFormValues } from '../../../views/events/EventsPage.tsx'

export const MONTH_RE = /^\d{4}-\d{2}$/

export function monthBounds(month: string, zone: string): { fromMs: number; toMs: number } {
  const [y, m] = month.split('-').map(Number)
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10)
  return { fromMs: parseLocalIsoToUtcMs(`${month}-01T00:00:00`, zone), toMs: parseLocalIsoToUtcMs(`${next}T00:00:00`, zone) }
}

export function formOf(event: CalendarEvent & { version?: number }): EventFormValues {
  const local = (ms: number) => formatLocalIso(ms, event.timeZone).slice(0, 16)
  return {
    id: String(event.id), version: String(event.version ?? 1), queueId: event.queueId === null ? '' : String(event.queueId), type: event.type, name: event.name,
    start: local(event.startUtcMs), end: local(event.endUtcMs), effectKind: event.effect.kind, value: event.effect.value === null ? '' : String(event.effect.value),
    rampBeforeDays: String(event.shape.rampBeforeDays), decayAfterDays: String(event.shape.decayAfterDays), delayDays: String(event.shape.delayDays),
    proposedValue: event.proposedValue === null || event.proposedValue === undefined ? undefined : String(event.proposedValue),
  }
}

export function formValuesOf(body: Record<string, unknown>): EventFormValues {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '')
  return {
    id: s('id') || undefined, version: s('version') || undefined, queueId: s('queueId'), type: s('type'), name: s('name'), start: s('start'), end: s('end'),
    effectKind: s('effectKind') || 'multiplier', value: s('value'), rampBeforeDays: s('rampBeforeDays') || '0', decayAfterDays: s('decayAfterDays') || '0',
    delayDays: s('delayDays') || '0', proposedValue: s('proposedValue') || undefined,
  }
}

/**
 * The form's strings → an event draft (local times in the chosen queue's zone, or the page queue's zone for an
 * event of every queue). @throws EventInputError with a message for the form
 */
export function eventFromForm(values: EventFormValues, queues: readonly Queue[], pageQueue: Queue): NewEvent {
  let queueId: number | null = null
  let zone = pageQueue.timeZone
  if (values.queueId !== '') {
    const queue = queues.find((q) => String(q.id) === values.queueId)
    if (!queue) throw new EventInputError(`unknown queue '${values.queueId}': choose one of the queues listed, or all queues`)
    queueId = queue.id
    zone = queue.timeZone
  }
  if (!isEventType(values.type)) throw new EventInputError(`type must be one of ${EVENT_TYPES.join(', ')}, got '${values.type}'`)
  if (!isEffectKind(values.effectKind)) throw new EventInputError(`effect must be multiplier or added, got '${values.effectKind}'`)
  const number = (text: string, label: string): number => {
    const value = Number(text.trim())
    if (text.trim() === '' || !Number.isFinite(value)) throw new EventInputError(`${label} must be a number, got '${text}'`)
    return value
  }
  let startUtcMs: number
  let endUtcMs: number
  try {
    startUtcMs = localDateTimeToUtcMs(values.start, zone, 'start')
    endUtcMs = localDateTimeToUtcMs(values.end, zone, 'end', true)
  } catch (error) {
    throw new EventInputError((error as Error).message)
  }
  if (startUtcMs < SANE_MIN_MS || endUtcMs > SANE_MAX_MS) throw new EventInputError(`an event must lie between ${MIN_YEAR} and ${MAX_YEAR}, got ${values.start.slice(0, 40)} to ${values.end.slice(0, 40)}`)
  return {
    queueId, type: values.type, name: values.name.trim(), startUtcMs, endUtcMs, timeZone: zone,
    effect: { kind: values.effectKind, value: values.value.trim() === '' ? null : number(values.value, 'value') },
    shape: { rampBeforeDays: number(values.rampBeforeDays, 'ramp before (days)'), decayAfterDays: number(values.decayAfterDays, 'decay after (days)'), delayDays: number(values.delayDays, 'starts later by (days)') },
    proposedValue: values.proposedValue ? Number(values.proposedValue) : null,
  }
}

/** The version an edit says it changes. @throws EventInputError when an edit (id not null) has none */
export function editVersionOf(values: EventFormValues, id: number | null): number {
  const version = values.version?.trim() ? Number(values.version) : NaN
  if (id !== null && !(Number.isInteger(version) && version >= 1)) throw new EventInputError('the form has no valid event version (it was not opened from the events page): reload the page and edit again; nothing was saved')
  return version
}

/** The month ('YYYY-MM') of a local date-time or ISO instant of an event. */
export const monthOfEvent = (event: { startUtcMs: number; timeZone: string }) => formatLocalIso(event.startUtcMs, event.timeZone).slice(0, 7)
