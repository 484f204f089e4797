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
  csat: z.union([boundedNumber(CONTACT_ROW.csat), z.enum(['good', 'bad'])]).nullish().describe(`satisfaction ${CONTACT_ROW.csat.min}–${CONTACT_ROW.csat.max}, or good/bad`),
  nps: boundedNumber(CONTACT_ROW.nps).nullish().describe(`likelihood to recommend, ${CONTACT_ROW.nps.min}–${CONTACT_ROW.nps.max}`),
}).strict()

export type ContactRecord = z.infer<typeof ContactRecordSchema>

export const IntervalRecordSchema = z.object({
  queue: queueName(),
  intervalStart: isoTime(INTERVAL_ROW.intervalStart, 'start of the interval'),
  intervalMinutes: boundedNumber(INTERVAL_ROW.intervalMinutes).nullish().describe('interval length in minutes (divides a day); default: the queue\'s'),
  offered: boundedNumber(INTERVAL_ROW.offered).describe('contacts offered in the interval'),
  handled: boundedNumber(INTERVAL_ROW.handled).nullish(),
  abandoned: boundedNumber(INTERVAL_ROW.abandoned).nullish(),
  ahtSeconds: seconds(INTERVAL_ROW.ahtSeconds, 'average handle time').nullish(),
}).strict()

export type IntervalRecord = z.infer<typeof IntervalRecordSchema>

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
