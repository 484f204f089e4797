/**
 * A CSV record (after column mapping and the platform preset's rewrite) → the row the API takes, for
 * `chatplan push`. Times travel as the file writes them (ISO text; without an offset the server reads them in the
 * queue's zone, as the import does); durations, counts, outcomes and scores are read with the import's own cell
 * parsers, so push accepts what the import page accepts. Pure: no I/O.
 */
import type { ColumnMapping, ImportKind } from './columnMapping.ts'
import { parseBooleanCell, parseCsatCell, parseDurationCell, parseNpsCell, parseNumberCell, parseOutcomeCell, textCellFast, type Parsed } from './cellParsers.ts'
import type { CellProblem } from './recordCursor.ts'

export interface PushDefaults { queue: string | null; intervalMinutes: number | null }

export function apiRowOfRecord(kind: ImportKind, record: string[], mapping: ColumnMapping, defaults: PushDefaults): { row: Record<string, unknown> } | { problems: CellProblem[] } {
  const problems: CellProblem[] = []
  const cell = (field: string) => (mapping[field] === undefined ? undefined : record[mapping[field]])
  const text = (field: string) => textCellFast(cell(field))
  const parsed = <T>(field: string, result: Parsed<T>): T | null => {
    if ('error' in result) { problems.push({ field, message: result.error }); return null }
    return result.value
  }
  const row: Record<string, unknown> = {}
  const put = (key: string, value: unknown) => { if (value !== null && value !== undefined) row[key] = value }
  const queue = text('queue') ?? defaults.queue
  if (!queue) problems.push({ field: 'queue', message: 'no queue: the file has no queue column and no --queue was given' })
  put('queue', queue)
  if (kind === 'contacts') {
    const id = text('id')
    if (!id) problems.push({ field: 'id', message: 'the contact id is empty: the API keys contacts by queue and contact id' })
    put('contactId', id)
    put('arrivedAt', text('arrivedAt'))
    put('firstResponseAt', text('firstResponseAt'))
    put('endedAt', text('endedAt'))
    put('waitSeconds', parsed('waitSeconds', parseDurationCell(cell('waitSeconds'), 'wait')))
    put('handleSeconds', parsed('handleSeconds', parseDurationCell(cell('handleSeconds'), 'duration')))
    put('outcome', parsed('outcome', parseOutcomeCell(cell('outcome'))))
    put('agent', text('agent'))
    put('issueType', text('issueType'))
    put('customerSegment', text('customerSegment'))
    put('resolved', parsed('resolved', parseBooleanCell(cell('resolved'), 'resolved')))
    put('csat', parsed('csat', parseCsatCell(cell('csat'))))
    put('nps', parsed('nps', parseNpsCell(cell('nps'))))
  } else {
    put('intervalStart', text('intervalStart'))
    put('intervalMinutes', parsed('intervalMinutes', parseNumberCell(cell('intervalMinutes'), 'interval length', { min: 1, max: 1440, integer: true })) ?? defaults.intervalMinutes)
    for (const field of ['offered', 'handled', 'abandoned'] as const) put(field, parsed(field, parseNumberCell(cell(field), field, { min: 0 })))
    put('ahtSeconds', parsed('ahtSeconds', parseDurationCell(cell('ahtSeconds'), 'AHT')))
  }
  return problems.length ? { problems } : { row }
}
