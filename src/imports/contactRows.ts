/**
 * One CSV record → one contact (chat), validated. Times without an offset are local to the queue's zone.
 * Derived fields: wait from arrival to first response (or to giving up), handle time from first response to end,
 * outcome from whether there was a first response.
 */
import { QUEUE_NAME, CONTROL_CHARACTER } from '../schemas/queues.ts'
import { cachedZoneOf, RecordCursor, type CellProblem, type RecordContext } from './recordCursor.ts'
import {
  parseBooleanCell, parseCsatCell, parseDurationCell, importTimeWindow, timeOutsideWindow, MAX_DURATION_SECONDS, parseNpsCell, parseOutcomeCell, parseTimeCell, textCellFast,
  unsignedIntegerCellFast, type Parsed,
} from './cellParsers.ts'
import { parseLocalIsoToUtcMs } from '../time/zones.ts'

export interface ContactRow {
  queue: string
  externalId: string | null
  arrivedAtMs: number
  firstResponseAtMs: number | null
  endedAtMs: number | null
  waitSeconds: number | null
  handleSeconds: number | null
  outcome: 'answered' | 'abandoned'
  agent: string | null
  issueType: string | null
  customerSegment: string | null
  resolvedFirstContact: boolean | null
  csatScore: number | null
  npsScore: number | null
  synthetic: boolean
}


export type { CellProblem }
export type ContactRowContext = RecordContext

/** One record → the contact or the problems found (each naming its field). */
export type ContactRecordParser = (record: string[]) => { row: ContactRow } | { problems: CellProblem[] }

/** Validates one record; returns the contact or the problems found (each naming its field). */
export function parseContactRecord(record: string[], ctx: ContactRowContext): { row: ContactRow } | { problems: CellProblem[] } {
  return contactRecordParser(ctx)(record)
}

/**
 * Compiles the validation of a file's records once (column indices resolved, each queue's zone cached), so a
 * million-row import spends about a microsecond per record here. Common cell shapes take fast paths; anything
 * else goes through the full cell parsers, which give the value or the message.
 * `ctx.zoneOfQueue` is asked once per queue name.
 */
export function contactRecordParser(ctx: ContactRowContext): ContactRecordParser {
  const { mapping, defaultQueue } = ctx
  const at = (field: string) => mapping[field] ?? -1
  const iQueue = at('queue'), iId = at('id'), iArrived = at('arrivedAt'), iFirst = at('firstResponseAt'), iEnded = at('endedAt')
  const iWait = at('waitSeconds'), iHandle = at('handleSeconds'), iOutcome = at('outcome'), iAgent = at('agent')
  const iIssue = at('issueType'), iSegment = at('customerSegment'), iResolved = at('resolved'), iCsat = at('csat')
  const iNps = at('nps'), iSynthetic = at('synthetic')
  const zoneOf = cachedZoneOf(ctx.zoneOfQueue)
  const window = importTimeWindow(ctx.nowMs)

  // The record being read and its problems: set per call (the parser is synchronous), so the helpers below
  // are made once per file, not once per record.
  const cursor = new RecordCursor()
  const { cellAt, fail, full } = cursor
  const time = (field: string, index: number, zone: string): number | null => {
    const text = cellAt(index)
    if (text === undefined || text === '') return null
    const ms = parseLocalIsoToUtcMs(text, zone)
    const value = Number.isNaN(ms) ? full(field, parseTimeCell(text, zone)) : ms
    const outside = value === null ? null : timeOutsideWindow(value, text, window)
    if (outside) { fail(field, outside); return null }
    return value
  }
  const duration = (field: string, index: number, what: string): number | null => {
    const text = cellAt(index)
    const n = unsignedIntegerCellFast(text)
    return Number.isNaN(n) || (n !== null && n > MAX_DURATION_SECONDS) ? full(field, parseDurationCell(text, what)) : n
  }
  const boolean = (field: string, index: number, what: string): boolean | null => {
    const text = cellAt(index)
    if (text === undefined || text === '') return null
    if (text === 'true' || text === '1') return true
    if (text === 'false' || text === '0') return false
    return full(field, parseBooleanCell(text, what))
  }
  const score = (field: string, index: number, parse: (text: string | undefined) => Parsed<number>): number | null => {
    const text = cellAt(index)
    if (text === undefined || text === '') return null
    return full(field, parse(text))
  }

  return (input) => {
    cursor.start(input)
    const queue = textCellFast(cellAt(iQueue)) ?? defaultQueue
    if (!queue) return { problems: [{ field: 'queue', message: 'no queue: the file has no queue column and no --queue was given' }] }
    if (queue.length > QUEUE_NAME.maxLength) return { problems: [{ field: 'queue', message: `the queue name is ${queue.length} characters long; at most ${QUEUE_NAME.maxLength}` }] }
    if (CONTROL_CHARACTER.test(queue)) return { problems: [{ field: 'queue', message: 'the queue name holds a control character (such as a NUL or a line break): names are plain text' }] }
    const zone = zoneOf(queue)
    const arrivedAtMs = time('arrivedAt', iArrived, zone)
    if (arrivedAtMs === null && cursor.problems === null) fail('arrivedAt', 'arrival time is empty')
    const firstResponseAtMs = time('firstResponseAt', iFirst, zone)
    const endedAtMs = time('endedAt', iEnded, zone)
    let waitSeconds = duration('waitSeconds', iWait, 'wait')
    let handleSeconds = duration('handleSeconds', iHandle, 'duration')
    const outcomeText = cellAt(iOutcome)
    let outcome: 'answered' | 'abandoned' | null = outcomeText === 'answered' || outcomeText === 'abandoned'
      ? outcomeText
      : full('outcome', parseOutcomeCell(outcomeText))
    const resolvedFirstContact = boolean('resolved', iResolved, 'resolved')
    const csatScore = score('csat', iCsat, parseCsatCell)
    const npsScore = score('nps', iNps, parseNpsCell)
    const synthetic = boolean('synthetic', iSynthetic, 'synthetic') ?? false
    if (arrivedAtMs !== null) {
      if (firstResponseAtMs !== null && firstResponseAtMs < arrivedAtMs) {
        fail('firstResponseAt', `answered before arrived (${cellAt(iFirst)} is before ${cellAt(iArrived)})`)
      }
      if (endedAtMs !== null && endedAtMs < arrivedAtMs) {
        fail('endedAt', `ended before arrived (${cellAt(iEnded)} is before ${cellAt(iArrived)})`)
      }
      if (endedAtMs !== null && firstResponseAtMs !== null && endedAtMs < firstResponseAtMs) {
        fail('endedAt', `ended before the first response (${cellAt(iEnded)})`)
      }
    }
    const found = cursor.problems
    if (found !== null) return { problems: found }
    outcome ??= firstResponseAtMs !== null || (handleSeconds !== null && handleSeconds > 0) ? 'answered' : 'abandoned'
    if (waitSeconds === null) {
      if (firstResponseAtMs !== null) waitSeconds = (firstResponseAtMs - arrivedAtMs!) / 1000
      else if (outcome === 'abandoned' && endedAtMs !== null) waitSeconds = (endedAtMs - arrivedAtMs!) / 1000
    }
    if (handleSeconds === null && outcome === 'answered' && endedAtMs !== null) {
      const start = firstResponseAtMs ?? (waitSeconds !== null ? arrivedAtMs! + waitSeconds * 1000 : arrivedAtMs!)
      handleSeconds = Math.max(0, (endedAtMs - start) / 1000)
    }
    return {
      row: {
        queue,
        externalId: textCellFast(cellAt(iId)),
        arrivedAtMs: arrivedAtMs!,
        firstResponseAtMs,
        endedAtMs,
        waitSeconds,
        handleSeconds: outcome === 'answered' ? handleSeconds : null,
        outcome,
        agent: textCellFast(cellAt(iAgent)),
        issueType: textCellFast(cellAt(iIssue)),
        customerSegment: textCellFast(cellAt(iSegment)),
        resolvedFirstContact,
        csatScore,
        npsScore,
        synthetic,
      },
    }
  }
}
