/**
 * Events as CSV, for import and export. Columns (header names as written; order free on import):
 * queue (name; empty or `(every queue)` = every queue), type, name, start, end (local date-times "YYYY-MM-DDTHH:MM" in
 * the queue's zone, the same with a UTC offset as exported, or dates: an end date is inclusive), effect (multiplier | added), value (empty = learned),
 * ramp_before_days, decay_after_days, delay_days (empty = 0), time_zone (optional; default the queue's zone, UTC
 * for every queue). Parsing collects every problem with its row and column and returns no events if there is one.
 */
import { csvTable, csvTime, type CsvColumn } from '../format/csv.ts'
import { parseCsvRecords, unneutraliseFormula } from '../imports/csvRecords.ts'
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
    records = parseCsvRecords(text)
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
    const cell = (column: string) => (header.includes(column) ? unneutraliseFormula((cells[header.indexOf(column)] ?? '').trim()) : '')
    const rowProblems: CsvProblem[] = []
    const problem = (column: string, message: string) => rowProblems.push({ row, column, message })
    let queue: CsvQueue | null = null
    const queueName = cell('queue')
    if (queueName && queueName.toLowerCase() !== EVERY_QUEUE) {
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
        const withOffset = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(:\d{2})?)([+-]\d{2}:\d{2}|Z)$/.exec(cell(column))
        if (withOffset) {
          // An exported time carries its UTC offset: exact, also in a DST repeat.
          const ms = Date.parse(cell(column))
          if (Number.isNaN(ms)) throw new RangeError(`${column} '${cell(column)}' is not a valid date-time`)
          return ms
        }
        return localDateTimeToUtcMs(cell(column), isValidTimeZone(timeZone) ? timeZone : 'UTC', column, column === 'end')
      } catch (error) {
        problem(column, (error as Error).message)
        return NaN
      }
    }
    const startUtcMs = time('start')
    const endUtcMs = time('end')
    // in the file's own words (a date alone as the end means the end of that day), with the other problems of the row
    if (Number.isFinite(startUtcMs) && Number.isFinite(endUtcMs) && !(endUtcMs > startUtcMs)) problem('end', `end '${cell('end')}' is not after start '${cell('start')}' (a date alone as the end means the end of that day)`)
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

/** The queue cell of an event that applies to every queue (an empty cell is read the same way). */
export const EVERY_QUEUE = '(every queue)'

const EXPORT_COLUMNS: Array<CsvColumn | string> = [
  { name: 'queue', key: true }, 'type', 'name', { name: 'start', unit: 'time' }, { name: 'end', unit: 'time' }, 'effect', { name: 'value', unit: 'number' },
  { name: 'ramp_before_days', unit: 'number' }, { name: 'decay_after_days', unit: 'number' }, { name: 'delay_days', unit: 'number' }, 'time_zone',
]

/**
 * Events as CSV with EVENTS_CSV_COLUMNS (local times in each event's zone with their UTC offset), through the
 * shared writer (names neutralised), readable back by parseEventsCsv. An event of every queue says `(every queue)`.
 */
export function eventsToCsv(events: readonly CalendarEvent[], queueName: (queueId: number) => string): string {
  return csvTable(EXPORT_COLUMNS, events.map((e) => [
    e.queueId === null ? EVERY_QUEUE : queueName(e.queueId), e.type, e.name,
    csvTime(e.startUtcMs, e.timeZone), csvTime(e.endUtcMs, e.timeZone),
    e.effect.kind, e.effect.value, e.shape.rampBeforeDays, e.shape.decayAfterDays, e.shape.delayDays, e.timeZone,
  ]))
}

/** True when the text holds NUL or other control bytes, or undecodable bytes (U+FFFD), in its first 64 KB. */
export function isBinaryText(text: string): boolean {
  const head = text.slice(0, 65_536)
  return /[\u0000-\u0008\u000E-\u001A\u001C-\u001F\uFFFD]/.test(head)
}
