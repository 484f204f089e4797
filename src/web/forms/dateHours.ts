/**
 * The calendar-per-date form and CSV (`date,closed,opens,closes,reason`: closed is yes/no, opens and closes local
 * clock times like 09:00, empty when closed), parsed with the shared schema (src/schemas/rosterRequests.ts). The
 * CSV is all or nothing: every bad cell is reported by file, row and column, and nothing is kept.
 */
import { parseCsvRecordsWithLines } from '../../imports/csvRecords.ts'
import { dateHoursSchema } from '../../schemas/rosterRequests.ts'
import type { DateOpeningHours } from '../../scheduling/dateOpeningHours.ts'
import type { Parsed } from './rosterRequests.ts'

export const DATE_HOURS_COLUMNS = ['date', 'closed', 'opens', 'closes', 'reason'] as const
const FIELD_COLUMN: Record<string, string> = { date: 'date', closed: 'closed', open: 'opens', close: 'closes', reason: 'reason' }

function toHours(v: { date: string; closed: boolean; open?: number; close?: number; reason: string }): DateOpeningHours {
  return { dateKey: v.date, closed: v.closed, ...(v.closed ? {} : { openMinute: v.open!, closeMinute: v.close! }), reason: v.reason }
}

export function parseDateHoursForm(body: Record<string, unknown>): Parsed<DateOpeningHours> {
  const parsed = dateHoursSchema.safeParse({ date: body.date, closed: body.closed, open: body.open, close: body.close, reason: body.reason })
  return parsed.success ? { ok: true, data: toHours(parsed.data) } : { ok: false, error: parsed.error.issues[0].message }
}

/** Every row of the CSV, or every problem as "file, row N, column X: message". */
export function parseDateHoursCsv(text: string, fileName: string): { rows: DateOpeningHours[] } | { errors: string[] } {
  let records: ReturnType<typeof parseCsvRecordsWithLines>
  try { records = parseCsvRecordsWithLines(text) } catch (error) { return { errors: [`${fileName}: ${(error as Error).message}`] } }
  if (!records.length) return { errors: [`${fileName}: the file is empty; the first row must be ${DATE_HOURS_COLUMNS.join(',')}`] }
  const header = records[0].record.map((h) => h.toLowerCase())
  const missing = DATE_HOURS_COLUMNS.filter((c) => c !== 'reason' && !header.includes(c))
  if (missing.length) return { errors: [`${fileName}, row 1: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} (the header must be ${DATE_HOURS_COLUMNS.join(',')})`] }
  const errors: string[] = [], rows: DateOpeningHours[] = [], seen = new Map<string, number>()
  for (const { record, info } of records.slice(1)) {
    const cell = (name: string) => (header.indexOf(name) >= 0 ? record[header.indexOf(name)] ?? '' : '')
    const closedText = cell('closed').toLowerCase()
    if (!['yes', 'no', 'true', 'false', '1', '0', ''].includes(closedText)) { errors.push(`${fileName}, row ${info.lines}, column closed: must be yes or no, got '${cell('closed').slice(0, 20)}'`); continue }
    const parsed = dateHoursSchema.safeParse({ date: cell('date'), closed: ['yes', 'true', '1'].includes(closedText), open: cell('opens'), close: cell('closes'), reason: cell('reason') })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${fileName}, row ${info.lines}, column ${FIELD_COLUMN[String(issue.path[0])] ?? 'date'}: ${issue.message}`)
      continue
    }
    if (seen.has(parsed.data.date)) { errors.push(`${fileName}, row ${info.lines}, column date: ${parsed.data.date} is also on row ${seen.get(parsed.data.date)}`); continue }
    seen.set(parsed.data.date, info.lines)
    rows.push(toHours(parsed.data))
  }
  if (!errors.length && !rows.length) errors.push(`${fileName}: no dates below the header`)
  return errors.length ? { errors } : { rows }
}
