/**
 * Events as CSV, for import and export. Columns (header names as written; order free on import):
 * queue (name; empty = every queue), type, name, start, end (local date-times "YYYY-MM-DDTHH:MM" in the queue's
 * zone, or dates: an end date is inclusive), effect (multiplier | added), value (empty = learned),
 * ramp_before_days, decay_after_days, delay_days (empty = 0), time_zone (optional; default the queue's zone, UTC
 * for every queue). Parsing collects every problem with its row and column and returns no events if there is one.
 */
import { parse } from 'csv-parse/sync'
import { formatLocalIso } from '../time/zones.ts'
import { isValidTimeZone } from '../time/zones.ts'
import { EFFECT_KINDS, EVENT_TYPES, isEffectKind, isEventType, localDateTimeToUtcMs, validateEvent, type CalendarEvent } from './calendar.ts'

export const EVENTS_CSV_COLUMNS = ['queue', 'type', 'name', 'start', 'end', 'effect', 'value', 'ramp_before_days', 'decay_after_days', 'delay_days', 'time_zone'] as const
const REQUIRED = ['type', 'name', 'start', 'end'] as const

export interface CsvQueue { id: number; name: string; timeZone: string }
export interface CsvProblem { row: number; column: string; message: string }
export type ParsedEvent = Omit<CalendarEvent, 'id' | 'source' | 'learnKey'>

/** Reads events from CSV text (row numbers count the header as row 1). */
export function parseEventsCsv(text: string, queues: readonly CsvQueue[]): { events: ParsedEvent[]; problems: CsvProblem[] } {
  // A binary file (a spreadsheet, an image) is refused as a whole, without echoing its bytes back in row messages.
  if (isBinaryText(text)) return { events: [], problems: [{ row: 0, column: '', message: 'this is not a CSV text file (it holds binary data: is it a spreadsheet? save it as CSV first)' }] }
  let records: string[][]
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][]
  } catch (error) {
    return { events: [], problems: [{ row: 0, column: '', message: `not readable as CSV: ${(error as Error).message}` }] }
  }
  if (records.length === 0) return { events: [], problems: [{ row: 0, column: '', message: 'the file is empty: it needs a header row and one row per event' }] }
  const header = records[0].map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'))
  const missing = REQUIRED.filter((c) => !header.includes(c))
  if (missing.length) return { events: [], problems: [{ row: 1, column: missing.join(', '), message: `missing column(s) ${missing.join(', ')}; expected ${EVENTS_CSV_COLUMNS.join(', ')}` }] }
  const problems: CsvProblem[] = []
  const events: ParsedEvent[] = []
  records.slice(1).forEach((cells, k) => {
    const row = k + 2
    const cell = (column: string) => (header.includes(column) ? (cells[header.indexOf(column)] ?? '').trim() : '')
    const rowProblems: CsvProblem[] = []
    const problem = (column: string, message: string) => rowProblems.push({ row, column, message })
    let queue: CsvQueue | null = null
    const queueName = cell('queue')
    if (queueName) {
      queue = queues.find((q) => q.name === queueName) ?? queues.find((q) => q.name.toLowerCase() === queueName.toLowerCase()) ?? null
      if (!queue) problem('queue', `unknown queue '${queueName}' (queues: ${queues.map((q) => q.name).join(', ') || 'none yet'}; leave empty for every queue)`)
    }
    const type = cell('type').toLowerCase()
    if (!isEventType(type)) problem('type', `type must be one of ${EVENT_TYPES.join(', ')}, got '${cell('type')}'`)
    const zoneText = cell('time_zone')
    const timeZone = zoneText || queue?.timeZone || 'UTC'
    if (zoneText && !isValidTimeZone(zoneText)) problem('time_zone', `unknown time zone '${zoneText}' (use an IANA name such as Asia/Jerusalem)`)
    const time = (column: 'start' | 'end') => {
      try {
        return localDateTimeToUtcMs(cell(column), isValidTimeZone(timeZone) ? timeZone : 'UTC', column, column === 'end')
      } catch (error) {
        problem(column, (error as Error).message)
        return NaN
      }
    }
    const startUtcMs = time('start')
    const endUtcMs = time('end')
    const kindText = (cell('effect') || 'multiplier').toLowerCase()
    if (!isEffectKind(kindText)) problem('effect', `effect must be one of ${EFFECT_KINDS.join(', ')}, got '${cell('effect')}'`)
    const number = (column: string, fallback: number | null): number | null => {
      const raw = cell(column)
      if (raw === '') return fallback
      const value = Number(raw)
      if (!Number.isFinite(value)) { problem(column, `${column} must be a number, got '${raw}'`); return fallback }
      return value
    }
    const value = number('value', null)
    const shape = { rampBeforeDays: number('ramp_before_days', 0)!, decayAfterDays: number('decay_after_days', 0)!, delayDays: number('delay_days', 0)! }
    if (rowProblems.length === 0) {
      const event: ParsedEvent = { queueId: queue?.id ?? null, type: type as ParsedEvent['type'], name: cell('name'), startUtcMs, endUtcMs, timeZone, effect: { kind: kindText as ParsedEvent['effect']['kind'], value }, shape }
      try {
        validateEvent({ ...event, id: 0, source: 'user', learnKey: event.type })
        events.push(event)
      } catch (error) {
        const message = (error as Error).message
        const column = /^end/.test(message) ? 'end' : /multiplier|effect value/.test(message) ? 'value' : /^shape\.(\w+)/.test(message) ? 'shape' : /^name/.test(message) ? 'name' : ''
        problem(column, message)
      }
    }
    problems.push(...rowProblems)
  })
  return problems.length ? { events: [], problems } : { events, problems: [] }
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** Events as CSV with EVENTS_CSV_COLUMNS (local times in each event's zone), readable back by parseEventsCsv. */
export function eventsToCsv(events: readonly CalendarEvent[], queueName: (queueId: number) => string): string {
  const lines = [EVENTS_CSV_COLUMNS.join(',')]
  for (const e of events) {
    lines.push([
      e.queueId === null ? '' : queueName(e.queueId), e.type, e.name,
      formatLocalIso(e.startUtcMs, e.timeZone).slice(0, 16), formatLocalIso(e.endUtcMs, e.timeZone).slice(0, 16),
      e.effect.kind, e.effect.value === null ? '' : String(e.effect.value),
      String(e.shape.rampBeforeDays), String(e.shape.decayAfterDays), String(e.shape.delayDays), e.timeZone,
    ].map(csvCell).join(','))
  }
  return lines.join('\n') + '\n'
}

/** True when the text holds NUL or other control bytes, or undecodable bytes (U+FFFD), in its first 64 KB. */
export function isBinaryText(text: string): boolean {
  const head = text.slice(0, 65_536)
  return /[\u0000-\u0008\u000E-\u001A\u001C-\u001F\uFFFD]/.test(head)
}
