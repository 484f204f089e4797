/**
 * One CSV record → one contact (chat), validated. Times without an offset are local to the queue's zone.
 * Derived fields: wait from arrival to first response (or to giving up), handle time from first response to end,
 * outcome from whether there was a first response.
 */
import type { ColumnMapping } from './columnMapping.ts'
import {
  isEmptyCell, parseBooleanCell, parseCsatCell, parseDurationCell, parseNpsCell, parseOutcomeCell, parseTimeCell, type Parsed,
} from './cellParsers.ts'

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

export interface CellProblem { field: string; message: string }

export interface ContactRowContext {
  mapping: ColumnMapping
  defaultQueue: string | null
  zoneOfQueue: (queue: string) => string
}

function cell(record: string[], mapping: ColumnMapping, field: string): string | undefined {
  const index = mapping[field]
  return index === undefined ? undefined : record[index]
}

function text(record: string[], mapping: ColumnMapping, field: string): string | null {
  const value = cell(record, mapping, field)
  return isEmptyCell(value) ? null : value!.trim()
}

/** Validates one record; returns the contact or the problems found (each naming its field). */
export function parseContactRecord(record: string[], ctx: ContactRowContext): { row: ContactRow } | { problems: CellProblem[] } {
  const { mapping } = ctx
  const problems: CellProblem[] = []
  const take = <T>(field: string, parsed: Parsed<T>): T | null => {
    if ('error' in parsed) { problems.push({ field, message: parsed.error }); return null }
    return parsed.value
  }
  const queue = text(record, mapping, 'queue') ?? ctx.defaultQueue
  if (!queue) { problems.push({ field: 'queue', message: 'no queue: the file has no queue column and no --queue was given' }); return { problems } }
  const zone = ctx.zoneOfQueue(queue)
  const arrivedAtMs = take('arrivedAt', parseTimeCell(cell(record, mapping, 'arrivedAt'), zone))
  if (arrivedAtMs === null && problems.length === 0) problems.push({ field: 'arrivedAt', message: 'arrival time is empty' })
  const firstResponseAtMs = take('firstResponseAt', parseTimeCell(cell(record, mapping, 'firstResponseAt'), zone))
  const endedAtMs = take('endedAt', parseTimeCell(cell(record, mapping, 'endedAt'), zone))
  let waitSeconds = take('waitSeconds', parseDurationCell(cell(record, mapping, 'waitSeconds'), 'wait'))
  let handleSeconds = take('handleSeconds', parseDurationCell(cell(record, mapping, 'handleSeconds'), 'duration'))
  let outcome = take('outcome', parseOutcomeCell(cell(record, mapping, 'outcome')))
  const resolvedFirstContact = take('resolved', parseBooleanCell(cell(record, mapping, 'resolved'), 'resolved'))
  const csatScore = take('csat', parseCsatCell(cell(record, mapping, 'csat')))
  const npsScore = take('nps', parseNpsCell(cell(record, mapping, 'nps')))
  const synthetic = take('synthetic', parseBooleanCell(cell(record, mapping, 'synthetic'), 'synthetic')) ?? false
  if (arrivedAtMs !== null) {
    if (firstResponseAtMs !== null && firstResponseAtMs < arrivedAtMs) {
      problems.push({ field: 'firstResponseAt', message: `answered before arrived (${cell(record, mapping, 'firstResponseAt')} is before ${cell(record, mapping, 'arrivedAt')})` })
    }
    if (endedAtMs !== null && endedAtMs < arrivedAtMs) {
      problems.push({ field: 'endedAt', message: `ended before arrived (${cell(record, mapping, 'endedAt')} is before ${cell(record, mapping, 'arrivedAt')})` })
    }
    if (endedAtMs !== null && firstResponseAtMs !== null && endedAtMs < firstResponseAtMs) {
      problems.push({ field: 'endedAt', message: `ended before the first response (${cell(record, mapping, 'endedAt')})` })
    }
  }
  if (problems.length) return { problems }
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
      externalId: text(record, mapping, 'id'),
      arrivedAtMs: arrivedAtMs!,
      firstResponseAtMs,
      endedAtMs,
      waitSeconds,
      handleSeconds: outcome === 'answered' ? handleSeconds : null,
      outcome,
      agent: text(record, mapping, 'agent'),
      issueType: text(record, mapping, 'issueType'),
      customerSegment: text(record, mapping, 'customerSegment'),
      resolvedFirstContact,
      csatScore,
      npsScore,
      synthetic,
    },
  }
}
