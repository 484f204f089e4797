/**
 * The rows the API takes (POST /api/v1/contacts and /api/v1/intervals), as zod schemas: the shape and bounds of each
 * field. The OpenAPI document is generated from these same schemas (src/web/api/), and every row goes on through
 * the same record parsers as a CSV row (contactRows.ts, intervalRows.ts), so the API, the import page and the
 * command line accept and derive exactly the same things.
 */
import { z } from 'zod'

const isoTime = (what: string) => z.string().min(10).max(40).describe(`${what}: ISO 8601, e.g. 2025-06-02T09:15:00Z; without an offset it is local to the queue's time zone`)
const seconds = (what: string) => z.number().min(0).max(7 * 86400).describe(`${what} in seconds (0 to 604800)`)
const text = (what: string, max = 200) => z.string().max(max).describe(what)

export const ContactRecordSchema = z.object({
  contactId: z.string().min(1).max(200).describe('the chat platform\'s id of the contact: with the queue and arrivedAt, the key that makes a re-send an update'),
  queue: z.string().min(1).max(100).describe('queue (team) name; created on first sight'),
  arrivedAt: isoTime('when the chat arrived / started (part of the key: send the same value with every later state)'),
  firstResponseAt: isoTime('first agent response').nullish(),
  endedAt: isoTime('when the chat ended').nullish(),
  waitSeconds: seconds('arrival to first response (or to giving up)').nullish(),
  handleSeconds: seconds('handle time').nullish(),
  outcome: z.enum(['answered', 'abandoned']).nullish().describe('derived from firstResponseAt when left out'),
  agent: text('agent name').nullish(),
  issueType: text('issue type / topic').nullish(),
  customerSegment: text('customer segment').nullish(),
  resolved: z.boolean().nullish().describe('resolved on first contact'),
  csat: z.union([z.number().int().min(1).max(5), z.enum(['good', 'bad'])]).nullish().describe('satisfaction 1–5, or good/bad'),
  nps: z.number().int().min(0).max(10).nullish().describe('likelihood to recommend, 0–10'),
}).strict()

export type ContactRecord = z.infer<typeof ContactRecordSchema>

export const IntervalRecordSchema = z.object({
  queue: z.string().min(1).max(100).describe('queue (team) name; created on first sight'),
  intervalStart: isoTime('start of the interval'),
  intervalMinutes: z.number().int().min(1).max(1440).nullish().describe('interval length in minutes (divides a day); default: the queue\'s'),
  offered: z.number().min(0).max(1_000_000).describe('contacts offered in the interval'),
  handled: z.number().min(0).max(1_000_000).nullish(),
  abandoned: z.number().min(0).max(1_000_000).nullish(),
  ahtSeconds: seconds('average handle time').nullish(),
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
