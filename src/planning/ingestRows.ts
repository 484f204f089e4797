/**
 * Incremental feeds (POST /api/v1/contacts and /api/v1/intervals, and `chatplan push` through them): each row is
 * checked against its zod schema (src/imports/apiRows.ts; an ordinary row passes a fast check made from the same
 * bounds instead, which accepts only what the schema accepts), then read by the same record parser as a CSV row of the
 * import page, then written by the one upsert (src/db/rowUpserts.ts). All or nothing by default: one refused row
 * refuses the request and every refused row is listed with its index (0-based), field and reason; `partial` keeps
 * the good rows. Two rows with the same key in one request: the later row wins.
 */
import type { Db } from '../db/client.ts'
import { listQueues } from '../db/queues.ts'
import { storedIntervalMinutes } from '../db/history.ts'
import { upsertContacts, upsertIntervals, type UpsertCounts, type IntervalWrite } from '../db/rowUpserts.ts'
import { contactRecordParser, type ContactRow } from '../imports/contactRows.ts'
import { intervalKeyOf, intervalRecordParser, repeatAwareStartMs } from '../imports/intervalRows.ts'
import {
  CONTACT_RECORD_FIELDS, ContactRecordSchema, INTERVAL_RECORD_FIELDS, IntervalRecordSchema, cellOf, isPlainContactRecord, isPlainIntervalRecord,
} from '../imports/apiRows.ts'
import type { ColumnMapping } from '../imports/columnMapping.ts'
import type { z } from 'zod'
import { ROWS_PER_REQUEST } from '../schemas/rows.ts'

/** The most rows one request may carry (more answers 413). */
export const MAX_ROWS_PER_REQUEST = ROWS_PER_REQUEST.max

export interface RowRefusal { index: number; field: string; reason: string }

export interface IngestOptions {
  /** Keep the good rows when some are refused. */
  partial?: boolean
  /** Who sent it, for the imports list (e.g. "API: token 'crm-feed'"). */
  source: string
}

export type IngestResult =
  | { status: 'refused'; rows: number; rejected: number; errors: RowRefusal[] }
  | ({ status: 'written'; rows: number; rejected: number; errors: RowRefusal[]; batchId: number | null; queues: string[] } & UpsertCounts)

const MAX_LISTED_ERRORS = 1000

interface Checked<R> { good: R[]; /** The request index of each good row. */ goodIndex: number[]; errors: RowRefusal[]; rejected: number }

/** Schema check and record parse of every row; problems named by the API's field names. */
function checkRows<R>(
  records: unknown[], schema: z.ZodType, isPlain: (record: unknown) => boolean, fields: { field: string; api: string }[],
  parse: (record: string[]) => { row: R } | { problems: { field: string; message: string }[] },
): Checked<R> {
  const apiName = new Map(fields.map((f) => [f.field, f.api]))
  const good: R[] = [], goodIndex: number[] = []
  const errors: RowRefusal[] = []
  let rejected = 0
  records.forEach((record, index) => {
    // The fast check accepts only what the schema accepts unchanged; any other record is decided by the schema.
    const checked = isPlain(record) ? { success: true as const, data: record } : schema.safeParse(record)
    let problems: RowRefusal[]
    if (!checked.success) {
      problems = checked.error.issues.map((i) => ({ index, field: i.path.length ? String(i.path[0]) : (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? '' : ''), reason: i.message }))
    } else {
      const data = checked.data as Record<string, unknown>
      const parsed = parse(fields.map((f) => cellOf(data[f.api])))
      if ('row' in parsed) { good.push(parsed.row); goodIndex.push(index); return }
      problems = parsed.problems.map((p) => ({ index, field: apiName.get(p.field) ?? p.field, reason: p.message }))
    }
    rejected++
    for (const p of problems) if (errors.length < MAX_LISTED_ERRORS) errors.push(p)
  })
  return { good, goodIndex, errors, rejected }
}

const mappingOf = (fields: { field: string }[]): ColumnMapping => Object.fromEntries(fields.map((f, i) => [f.field, i]))

async function zoneLookup(db: Db): Promise<{ zoneOf: (queue: string) => string; minutesOf: (queue: string) => number; storedLengths: (names: readonly string[]) => Promise<Map<string, number>> }> {
  const queues = new Map((await listQueues(db)).map((q) => [q.name, q]))
  return {
    zoneOf: (name) => queues.get(name)?.timeZone ?? 'UTC',
    minutesOf: (name) => queues.get(name)?.intervalMinutes ?? 30,
    /** The interval length of each named queue's stored intervals (queues without any are left out). */
    storedLengths: async (names) => {
      const lengths = new Map<string, number>()
      for (const name of new Set(names)) {
        const queue = queues.get(name)
        const minutes = queue ? await storedIntervalMinutes(db, queue.id) : null
        if (minutes !== null) lengths.set(name, minutes)
      }
      return lengths
    },
  }
}

/** Checks and upserts contact records (JSON objects). */
export async function ingestContacts(db: Db, records: unknown[], options: IngestOptions): Promise<IngestResult> {
  const { zoneOf } = await zoneLookup(db)
  const parse = contactRecordParser({ mapping: mappingOf(CONTACT_RECORD_FIELDS), defaultQueue: null, zoneOfQueue: zoneOf })
  const checked = checkRows<ContactRow>(records, ContactRecordSchema, isPlainContactRecord, CONTACT_RECORD_FIELDS, parse)
  if (checked.rejected && !options.partial) return { status: 'refused', rows: records.length, rejected: checked.rejected, errors: checked.errors }
  const written = await upsertContacts(db, checked.good, { source: options.source })
  return { status: 'written', rows: records.length, rejected: checked.rejected, errors: checked.errors, ...written }
}

/**
 * Checks and upserts interval records; an interval without a length takes that of its queue's stored intervals (else
 * the queue's setting). A row whose length differs from its queue's stored intervals is refused (field intervalMinutes).
 */
export async function ingestIntervals(db: Db, records: unknown[], options: IngestOptions): Promise<IngestResult> {
  const { zoneOf, minutesOf, storedLengths } = await zoneLookup(db)
  const parse = intervalRecordParser({ mapping: mappingOf(INTERVAL_RECORD_FIELDS), defaultQueue: null, zoneOfQueue: zoneOf })
  const checked = checkRows(records, IntervalRecordSchema, isPlainIntervalRecord, INTERVAL_RECORD_FIELDS, parse)
  const lengths = await storedLengths(checked.good.map((r) => r.queue))
  // an interval without a length takes that of its queue's stored intervals, else the queue's setting
  const taken = new Set<string>()
  const all: IntervalWrite[] = checked.good.map(({ earlierStartMs, ...r }) => {
    const intervalMinutes = r.intervalMinutes ?? lengths.get(r.queue) ?? minutesOf(r.queue)
    const intervalStartMs = repeatAwareStartMs({ ...r, earlierStartMs }, intervalMinutes, taken)
    taken.add(intervalKeyOf(r.queue, intervalMinutes, intervalStartMs))
    return { ...r, intervalStartMs, intervalMinutes }
  })
  const rows: IntervalWrite[] = []
  all.forEach((r, k) => {
    // one length per queue: planning reads the queue's intervals of one length, so a row of another would hide the rest
    const expected = lengths.get(r.queue)
    if (expected === undefined) { lengths.set(r.queue, r.intervalMinutes); rows.push(r); return }
    if (r.intervalMinutes === expected) { rows.push(r); return }
    checked.rejected++
    if (checked.errors.length < MAX_LISTED_ERRORS) checked.errors.push({ index: checked.goodIndex[k], field: 'intervalMinutes', reason: `the queue '${r.queue}' holds ${expected}-minute intervals and this one is ${r.intervalMinutes} minutes: send ${expected}-minute intervals, or this data to another queue` })
  })
  checked.errors.sort((a, b) => a.index - b.index)
  if (checked.rejected && !options.partial) return { status: 'refused', rows: records.length, rejected: checked.rejected, errors: checked.errors }
  const written = await upsertIntervals(db, rows, { source: options.source })
  return { status: 'written', rows: records.length, rejected: checked.rejected, errors: checked.errors, ...written }
}
