/** One CSV record → one interval aggregate (offered, handled, abandoned, AHT), validated. */
import type { ColumnMapping } from './columnMapping.ts'
import { isEmptyCell, parseDurationCell, parseNumberCell, parseTimeCell, type Parsed } from './cellParsers.ts'
import type { CellProblem } from './contactRows.ts'

export interface IntervalRow {
  queue: string
  intervalStartMs: number
  /** null when the file has no length column: the importer infers it from the spacing of the starts. */
  intervalMinutes: number | null
  offered: number
  handled: number | null
  abandoned: number | null
  ahtSeconds: number | null
}

export interface IntervalRowContext {
  mapping: ColumnMapping
  defaultQueue: string | null
  zoneOfQueue: (queue: string) => string
}

export function parseIntervalRecord(record: string[], ctx: IntervalRowContext): { row: IntervalRow } | { problems: CellProblem[] } {
  const { mapping } = ctx
  const problems: CellProblem[] = []
  const cell = (field: string) => (mapping[field] === undefined ? undefined : record[mapping[field]])
  const take = <T>(field: string, parsed: Parsed<T>): T | null => {
    if ('error' in parsed) { problems.push({ field, message: parsed.error }); return null }
    return parsed.value
  }
  const queueCell = cell('queue')
  const queue = (!isEmptyCell(queueCell) ? queueCell!.trim() : null) ?? ctx.defaultQueue
  if (!queue) return { problems: [{ field: 'queue', message: 'no queue: the file has no queue column and no --queue was given' }] }
  const intervalStartMs = take('intervalStart', parseTimeCell(cell('intervalStart'), ctx.zoneOfQueue(queue)))
  if (intervalStartMs === null && problems.length === 0) problems.push({ field: 'intervalStart', message: 'interval start is empty' })
  const intervalMinutes = take('intervalMinutes', parseNumberCell(cell('intervalMinutes'), 'interval length', { min: 1, max: 1440, integer: true }))
  if (intervalMinutes !== null && 1440 % intervalMinutes !== 0) problems.push({ field: 'intervalMinutes', message: `interval length ${intervalMinutes} does not divide a day` })
  const offered = take('offered', parseNumberCell(cell('offered'), 'count', { min: 0 }))
  if (offered === null && !problems.some((p) => p.field === 'offered')) problems.push({ field: 'offered', message: 'offered is empty' })
  const handled = take('handled', parseNumberCell(cell('handled'), 'count', { min: 0 }))
  const abandoned = take('abandoned', parseNumberCell(cell('abandoned'), 'count', { min: 0 }))
  const ahtSeconds = take('ahtSeconds', parseDurationCell(cell('ahtSeconds'), 'AHT'))
  if (problems.length) return { problems }
  return { row: { queue, intervalStartMs: intervalStartMs!, intervalMinutes, offered: offered!, handled, abandoned, ahtSeconds } }
}
