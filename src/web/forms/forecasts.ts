/**
 * The forecast form: its zod schema (queue, interval length, horizon, model name), the default run of a queue (the
 * four weeks after its history), the history note, and the checks that need the queue's history range.
 */
import { MODEL_NAME } from '../../schemas/queryParams.ts'
import { z } from 'zod'
import type { DataRange } from '../../db/history.ts'
import type { Queue } from '../../db/schema.ts'
import { formatDate } from '../../format/dateTime.ts'
import { daysBetween, localParts, nextDateKey } from '../../time/zones.ts'
import { INTERVAL_CHOICES, type ForecastFormValues } from '../../../views/forecasts/ForecastsPage.tsx'

export const MAX_HORIZON_DAYS = 92
export const DEFAULT_HORIZON_DAYS = 28

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)').refine((d) => !Number.isNaN(Date.parse(d + 'T00:00:00Z')), 'is not a calendar date')
export const formSchema = z.object({
  queue: z.string().regex(/^\d+$/, 'choose a queue'),
  intervalMinutes: z.enum(INTERVAL_CHOICES.map(String) as [string, ...string[]], { message: `must be one of ${INTERVAL_CHOICES.join(', ')}` }),
  from: dateKey,
  to: dateKey,
  model: z.string().max(MODEL_NAME.maxLength, `must be at most ${MODEL_NAME.maxLength} characters long`).regex(/^[A-Za-z]*(:[A-Za-z0-9=.,]+)?$/, 'is not a model name').default(''),
})

/** Interval lengths the history supports: multiples of the length it was imported at (finer would invent data). */
export function supportedIntervals(range: DataRange): number[] {
  return INTERVAL_CHOICES.filter((m) => range.source !== 'intervals' || m % range.intervalMinutes === 0)
}

/** The default run of a queue: the four weeks after its history, at the queue's interval length where possible. */
export function defaultForm(queue: Queue, range: DataRange): ForecastFormValues {
  const supported = supportedIntervals(range)
  const intervalMinutes = supported.includes(queue.intervalMinutes) ? queue.intervalMinutes : supported.find((m) => m >= queue.intervalMinutes) ?? supported[supported.length - 1] ?? 60
  const from = range.source === 'none' ? new Date().toISOString().slice(0, 10) : nextDateKey(localParts(range.lastMs, queue.timeZone).dateKey)
  let to = from
  for (let i = 1; i < DEFAULT_HORIZON_DAYS; i++) to = nextDateKey(to)
  return { queue: String(queue.id), intervalMinutes: String(intervalMinutes), from, to, model: '' }
}

export function historyNote(queue: Queue, range: DataRange): string | undefined {
  if (range.source === 'none') return undefined
  const first = localParts(range.firstMs, queue.timeZone).dateKey
  const last = localParts(range.lastMs, queue.timeZone).dateKey
  return `${formatDate(first)} – ${formatDate(last)}, ${range.source === 'intervals' ? `${range.intervalMinutes}-minute interval aggregates` : 'contact records'}`
}

/** The checks of a submitted form that need the database; a message for the user, or null when it can run. */
export function formProblem(form: ForecastFormValues, queue: Queue | undefined, range: DataRange | null): string | null {
  if (!queue || !range) return `there is no queue with id ${form.queue}`
  if (range.source === 'none') return `queue '${queue.name}' has no history to forecast from: import contacts or interval aggregates first`
  const days = daysBetween(form.from, form.to) + 1
  if (days < 1) return `the horizon ends (${form.to}) before it starts (${form.from})`
  if (days > MAX_HORIZON_DAYS) return `the horizon is ${days} days; forecast at most ${MAX_HORIZON_DAYS} days (about 13 weeks) at a time`
  const minutes = Number(form.intervalMinutes)
  if (!supportedIntervals(range).includes(minutes)) return `the history of '${queue.name}' is in ${range.intervalMinutes}-minute intervals, so it cannot be forecast in ${minutes}-minute intervals: choose ${supportedIntervals(range).join(' or ')} minutes`
  return null
}

/** The form's fields as typed (trimmed strings), for the schema and for re-showing. */
export function forecastFormFrom(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(['queue', 'intervalMinutes', 'from', 'to', 'model'].map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).trim() : '']))
}
