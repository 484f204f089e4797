/**
 * The rows the API takes (POST /api/v1/contacts and /api/v1/intervals), as zod schemas: the shape and bounds of each
 * field. The OpenAPI document is generated from these same schemas (src/web/api/), and every row goes on through
 * the same record parsers as a CSV row (contactRows.ts, intervalRows.ts), so the API, the import page and the
 * command line accept and derive exactly the same things.
 */
import { z } from 'zod'
import { boundedNumber, boundedText, type NumberBound, type TextBound } from '../schemas/bounds.ts'
import { QUEUE_NAME } from '../schemas/queues.ts'
import { CONTACT_ROW, INTERVAL_ROW } from '../schemas/rows.ts'

// Every bound comes from src/schemas/rows.ts (one source for the API, its OpenAPI document, the import page and the CLI).
const isoTime = (bound: TextBound, what: string) => boundedText(bound).describe(`${what}: ISO 8601, e.g. 2025-06-02T09:15:00Z; without an offset it is local to the queue's time zone`)
const seconds = (bound: NumberBound, what: string) => boundedNumber(bound).describe(`${what} in seconds (${bound.min} to ${bound.max})`)
const text = (bound: TextBound, what: string) => boundedText(bound).describe(what)
const queueName = () => boundedText(QUEUE_NAME).describe('queue (team) name; created on first sight')

export const ContactRecordSchema = z.object({
  contactId: boundedText(CONTACT_ROW.contactId).describe('the chat platform\'s id of the contact: with the queue and arrivedAt, the key that makes a re-send an update'),
  queue: queueName(),
  arrivedAt: isoTime(CONTACT_ROW.arrivedAt, 'when the chat arrived / started (part of the key: send the same value with every later state)'),
  firstResponseAt: isoTime(CONTACT_ROW.firstResponseAt, 'first agent response').nullish(),
  endedAt: isoTime(CONTACT_ROW.endedAt, 'when the chat ended').nullish(),
  waitSeconds: seconds(CONTACT_ROW.waitSeconds, 'arrival to first response (or to giving up)').nullish(),
  handleSeconds: seconds(CONTACT_ROW.handleSeconds, 'handle time').nullish(),
  outcome: z.enum(['answered', 'abandoned']).nullish().describe('derived from firstResponseAt when left out'),
  agent: text(CONTACT_ROW.agent, 'agent name').nullish(),
  issueType: text(CONTACT_ROW.issueType, 'issue type / topic').nullish(),
  customerSegment: text(CONTACT_ROW.customerSegment, 'customer segment').nullish(),
  resolved: z.boolean().nullish().describe('resolved on first contact'),
  csat: z.union([boundedNumber(CONTACT_ROW.csat), z.enum(['good', 'bad'])], { error: `csat must be a number from ${CONTACT_ROW.csat.min} to ${CONTACT_ROW.csat.max} (not in quotes), good or bad, or null to keep the stored one` }).nullish().describe(`satisfaction ${CONTACT_ROW.csat.min}–${CONTACT_ROW.csat.max}, or good/bad`),
  nps: boundedNumber(CONTACT_ROW.nps).nullish().describe(`likelihood to recommend, ${CONTACT_ROW.nps.min}–${CONTACT_ROW.nps.max}`),
}).strict()

export type ContactRecord = z.infer<typeof ContactRecordSchema>

export const IntervalRecordSchema = z.object({
  queue: queueName(),
  intervalStart: isoTime(INTERVAL_ROW.intervalStart, 'start of the interval'),
  intervalMinutes: boundedNumber(INTERVAL_ROW.intervalMinutes).nullish().describe('interval length in minutes (divides a day); default: that of the queue\'s stored intervals, else the queue\'s setting; a length other than the stored intervals\' is refused (planning reads one length per queue)'),
  offered: boundedNumber(INTERVAL_ROW.offered).describe('contacts offered in the interval'),
  handled: boundedNumber(INTERVAL_ROW.handled).nullish(),
  abandoned: boundedNumber(INTERVAL_ROW.abandoned).nullish(),
  ahtSeconds: seconds(INTERVAL_ROW.ahtSeconds, 'average handle time').nullish(),
}).strict()

export type IntervalRecord = z.infer<typeof IntervalRecordSchema>

/**
 * A field of a record as the fast check reads it: text or a number within its bound, a fixed word, true/false, or a
 * number or word (CSAT). `required` fields may not be null or missing (the schema's non-nullish fields).
 */
type FastField =
  | { kind: 'text'; bound: TextBound; required?: boolean }
  | { kind: 'number'; bound: NumberBound; required?: boolean }
  | { kind: 'word'; words: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'numberOrWord'; bound: NumberBound; words: readonly string[] }

/**
 * A predicate that is true only for records the zod schema accepts unchanged, made from the same bounds: most rows
 * of a feed pass it in well under a microsecond, and only a row it does not pass goes through the zod schema, which
 * decides and gives the messages. It never accepts what the schema refuses (tests/imports/apiRows.test.ts checks
 * both on random records); it may send a valid but unusual record to the schema.
 */
function fastRecordCheck(fields: Record<string, FastField>): (record: unknown) => boolean {
  const known = new Map(Object.entries(fields))
  const required = Object.entries(fields).filter(([, f]) => 'required' in f && f.required).map(([k]) => k)
  const textOk = (b: TextBound, v: unknown) => typeof v === 'string' && v.length >= (b.minLength ?? 0) && v.length <= b.maxLength
  const numberOk = (b: NumberBound, v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= b.min && v <= b.max && !b.minExclusive && (!b.integer || Number.isInteger(v))
  return (record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record) || Object.getPrototypeOf(record) !== Object.prototype) return false
    const r = record as Record<string, unknown>
    for (const key of required) if (!Object.hasOwn(r, key)) return false
    for (const key in r) {
      const f = known.get(key)
      if (f === undefined || !Object.hasOwn(r, key)) return false
      const v = r[key]
      if (v === null || v === undefined) { if ('required' in f && f.required) return false; continue }
      switch (f.kind) {
        case 'text': if (!textOk(f.bound, v)) return false; break
        case 'number': if (!numberOk(f.bound, v)) return false; break
        case 'word': if (!f.words.includes(v as string)) return false; break
        case 'boolean': if (typeof v !== 'boolean') return false; break
        case 'numberOrWord': if (!numberOk(f.bound, v) && !f.words.includes(v as string)) return false; break
      }
    }
    return true
  }
}

/** True only for contact records ContactRecordSchema accepts (the rest go through the schema). */
export const isPlainContactRecord = fastRecordCheck({
  contactId: { kind: 'text', bound: CONTACT_ROW.contactId, required: true },
  queue: { kind: 'text', bound: QUEUE_NAME, required: true },
  arrivedAt: { kind: 'text', bound: CONTACT_ROW.arrivedAt, required: true },
  firstResponseAt: { kind: 'text', bound: CONTACT_ROW.firstResponseAt },
  endedAt: { kind: 'text', bound: CONTACT_ROW.endedAt },
  waitSeconds: { kind: 'number', bound: CONTACT_ROW.waitSeconds },
  handleSeconds: { kind: 'number', bound: CONTACT_ROW.handleSeconds },
  outcome: { kind: 'word', words: ['answered', 'abandoned'] },
  agent: { kind: 'text', bound: CONTACT_ROW.agent },
  issueType: { kind: 'text', bound: CONTACT_ROW.issueType },
  customerSegment: { kind: 'text', bound: CONTACT_ROW.customerSegment },
  resolved: { kind: 'boolean' },
  csat: { kind: 'numberOrWord', bound: CONTACT_ROW.csat, words: ['good', 'bad'] },
  nps: { kind: 'number', bound: CONTACT_ROW.nps },
})

/** True only for interval records IntervalRecordSchema accepts (the rest go through the schema). */
export const isPlainIntervalRecord = fastRecordCheck({
  queue: { kind: 'text', bound: QUEUE_NAME, required: true },
  intervalStart: { kind: 'text', bound: INTERVAL_ROW.intervalStart, required: true },
  intervalMinutes: { kind: 'number', bound: INTERVAL_ROW.intervalMinutes },
  offered: { kind: 'number', bound: INTERVAL_ROW.offered, required: true },
  handled: { kind: 'number', bound: INTERVAL_ROW.handled },
  abandoned: { kind: 'number', bound: INTERVAL_ROW.abandoned },
  ahtSeconds: { kind: 'number', bound: INTERVAL_ROW.ahtSeconds },
})

/** The record parsers' field names, in the order API rows are laid out as records; API name where it differs. */
export const CONTACT_RECORD_FIELDS: { field: string; api: keyof ContactRecord }[] = [
  { field: 'id', api: 'contactId' }, { field: 'queue', api: 'queue' }, { field: 'arrivedAt', api: 'arrivedAt' },
  { field: 'firstResponseAt', api: 'firstResponseAt' }, { field: 'endedAt', api: 'endedAt' }, { field: 'waitSeconds', api: 'waitSeconds' },
  { field: 'handleSeconds', api: 'handleSeconds' }, { field: 'outcome', api: 'outcome' }, { field: 'agent', api: 'agent' },
  { field: 'issueType', api: 'issueType' }, { field: 'customerSegment', api: 'customerSegment' }, { field: 'resolved', api: 'resolved' },
  { field: 'csat', api: 'csat' }, { field: 'nps', api: 'nps' },
]

export const INTERVAL_RECORD_FIELDS: { field: string; api: keyof IntervalRecord }[] = [
  { field: 'queue', api: 'queue' }, { field: 'intervalStart', api: 'intervalStart' }, { field: 'intervalMinutes', api: 'intervalMinutes' },
  { field: 'offered', api: 'offered' }, { field: 'handled', api: 'handled' }, { field: 'abandoned', api: 'abandoned' }, { field: 'ahtSeconds', api: 'ahtSeconds' },
]

/** A JSON value as the CSV cell the record parsers read ('' for missing). */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' ? value : String(value)
}
