/** One CSV record → one interval aggregate (offered, handled, abandoned, AHT), validated. */
import { QUEUE_NAME, CONTROL_CHARACTER } from '../schemas/queues.ts'
import { importTimeWindow, MAX_DURATION_SECONDS, parseDurationCell, parseNumberCell, parseTimeCell, textCellFast, timeOutsideWindow } from './cellParsers.ts'
import { earlierRepeatOfLocalIso, parseLocalIsoToUtcMs } from '../time/zones.ts'
import { cachedZoneOf, RecordCursor, type CellProblem, type RecordContext } from './recordCursor.ts'

export interface IntervalRow {
  queue: string
  intervalStartMs: number
  /**
   * When the start is a local time the autumn clock change repeats (no offset written): its earlier instant
   * (intervalStartMs is the later). The importer gives it to the first row of that time in a file.
   */
  earlierStartMs?: number
  /** null when the file has no length column: the importer infers it from the spacing of the starts. */
  intervalMinutes: number | null
  offered: number
  handled: number | null
  abandoned: number | null
  ahtSeconds: number | null
}

export type IntervalRowContext = RecordContext

/** The key of one interval of a queue: two rows with the same key are the same interval. */
export const intervalKeyOf = (queue: string, intervalMinutes: number, startMs: number) => `${queue}\u0000${intervalMinutes}\u0000${startMs}`

/**
 * Where a row starts, given the intervals already taken (keys by intervalKeyOf): a local time the autumn change
 * repeats gives its first row the earlier instant and the next the later (row.earlierStartMs); any other row its own.
 * The CSV import and the API feed read repeated hours by this one rule.
 */
export function repeatAwareStartMs(row: Pick<IntervalRow, 'queue' | 'intervalStartMs' | 'earlierStartMs'>, intervalMinutes: number, taken: { has(key: string): boolean }): number {
  return row.earlierStartMs !== undefined && !taken.has(intervalKeyOf(row.queue, intervalMinutes, row.earlierStartMs)) ? row.earlierStartMs : row.intervalStartMs
}

/**
 * The smallest positive spacing in minutes between consecutive starts of one queue (Infinity with none): the interval
 * length of a file without a length column, as the import and `chatplan push` infer it.
 */
export function smallestStartSpacingMinutes(starts: readonly { queue: string; startMs: number }[]): number {
  let best = Infinity
  for (let i = 1; i < starts.length; i++) {
    if (starts[i].queue !== starts[i - 1].queue) continue
    const minutes = (starts[i].startMs - starts[i - 1].startMs) / 60_000
    if (minutes > 0 && minutes < best) best = minutes
  }
  return best
}

/** One record → the interval aggregate or the problems found (each naming its field). */
export type IntervalRecordParser = (record: string[]) => { row: IntervalRow } | { problems: CellProblem[] }

export function parseIntervalRecord(record: string[], ctx: IntervalRowContext): { row: IntervalRow } | { problems: CellProblem[] } {
  return intervalRecordParser(ctx)(record)
}

/**
 * Compiles the validation of a file's interval records once (column indices resolved, each queue's zone cached).
 * Plain ISO times and plain decimal counts take fast paths; anything else goes through the full cell parsers,
 * which give the value or the message. `ctx.zoneOfQueue` is asked once per queue name.
 */
export function intervalRecordParser(ctx: IntervalRowContext): IntervalRecordParser {
  const { mapping, defaultQueue } = ctx
  const at = (field: string) => mapping[field] ?? -1
  const iQueue = at('queue'), iStart = at('intervalStart'), iMinutes = at('intervalMinutes'), iOffered = at('offered')
  const iHandled = at('handled'), iAbandoned = at('abandoned'), iAht = at('ahtSeconds')
  const zoneOf = cachedZoneOf(ctx.zoneOfQueue)
  const window = importTimeWindow(ctx.nowMs)
  // The record being read and its problems: set per call (the parser is synchronous).
  const cursor = new RecordCursor()
  const { cellAt, fail, full } = cursor
  const count = (field: string, index: number): number | null => {
    const text = cellAt(index)
    if (text === undefined || text === '') return null
    const n = plainDecimal(text)
    return Number.isNaN(n) ? full(field, parseNumberCell(text, 'count', { min: 0 })) : n
  }

  return (input) => {
    cursor.start(input)
    const queue = textCellFast(cellAt(iQueue)) ?? defaultQueue
    if (!queue) return { problems: [{ field: 'queue', message: 'no queue: the file has no queue column and no --queue was given' }] }
    if (queue.length > QUEUE_NAME.maxLength) return { problems: [{ field: 'queue', message: `the queue name is ${queue.length} characters long; at most ${QUEUE_NAME.maxLength}` }] }
    if (CONTROL_CHARACTER.test(queue)) return { problems: [{ field: 'queue', message: 'the queue name holds a control character (such as a NUL or a line break): names are plain text' }] }
    const zone = zoneOf(queue)
    const startText = cellAt(iStart)
    let intervalStartMs: number | null = startText === undefined || startText === '' ? null : parseLocalIsoToUtcMs(startText, zone)
    if (intervalStartMs !== null && Number.isNaN(intervalStartMs)) intervalStartMs = full('intervalStart', parseTimeCell(startText, zone))
    if (intervalStartMs !== null) {
      const outside = timeOutsideWindow(intervalStartMs, startText, window)
      if (outside) { fail('intervalStart', outside); intervalStartMs = null }
    } else if (cursor.problems === null) fail('intervalStart', 'interval start is empty')
    const minutesText = cellAt(iMinutes)
    const intervalMinutes = minutesText === undefined || minutesText === '' ? null
      : full('intervalMinutes', parseNumberCell(minutesText, 'interval length', { min: 1, max: 1440, integer: true }))
    if (intervalMinutes !== null && 1440 % intervalMinutes !== 0) fail('intervalMinutes', `interval length ${intervalMinutes} does not divide a day`)
    const offered = count('offered', iOffered)
    if (offered === null && !(cursor.problems ?? []).some((p) => p.field === 'offered')) fail('offered', 'offered is empty')
    const handled = count('handled', iHandled)
    const abandoned = count('abandoned', iAbandoned)
    const ahtText = cellAt(iAht)
    const ahtPlain = ahtText === undefined || ahtText === '' ? null : plainDecimal(ahtText)
    const ahtSeconds = ahtPlain !== null && (Number.isNaN(ahtPlain) || ahtPlain > MAX_DURATION_SECONDS) ? full('ahtSeconds', parseDurationCell(ahtText, 'AHT')) : ahtPlain
    if (offered !== null && (handled ?? 0) + (abandoned ?? 0) > offered + 1e-9) {
      fail(handled !== null && handled > offered + 1e-9 ? 'handled' : 'abandoned', `handled (${handled ?? 0}) and abandoned (${abandoned ?? 0}) add up to more than offered (${offered})`)
    }
    const found = cursor.problems
    if (found !== null) return { problems: found }
    const earlierStartMs = earlierRepeatOfLocalIso(startText!, zone, intervalStartMs!)
    return { row: { queue, intervalStartMs: intervalStartMs!, ...(earlierStartMs !== null ? { earlierStartMs } : {}), intervalMinutes, offered: offered!, handled, abandoned, ahtSeconds } }
  }
}

/** "123" or "176.45" (digits, at most one point, no sign or spaces): its value; anything else: NaN. */
function plainDecimal(text: string): number {
  let points = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) { if (++points > 1 || i === 0 || i === text.length - 1) return NaN } else if (c < 48 || c > 57) return NaN
  }
  return text.length > 0 && text.length <= 17 ? Number(text) : NaN
}
