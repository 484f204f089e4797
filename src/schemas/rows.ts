/**
 * Bounds of imported rows: contacts and interval aggregates, as the API (POST /api/v1/contacts|intervals), the
 * import page and `chatplan import|push` take them. The API's zod schemas (src/imports/apiRows.ts), the OpenAPI
 * document made from them and the CSV cell parsers read these figures, so a bound changed here changes all of them.
 */
import type { NumberBound, TextBound } from './bounds.ts'

/** The longest duration (wait, handle, AHT) a row may carry: 7 days. Longer is a unit or data error. */
export const MAX_DURATION_SECONDS = 7 * 24 * 3600
const duration = (label: string): NumberBound => ({ label, min: 0, max: MAX_DURATION_SECONDS, unit: 'seconds' })
const count = (label: string): NumberBound => ({ label, min: 0, max: 1_000_000 })

export const CONTACT_ROW = {
  contactId: { label: 'Contact id', minLength: 1, maxLength: 200 } satisfies TextBound,
  /** An ISO 8601 time as text (parsed afterwards by the record parser). */
  arrivedAt: { label: 'Arrival time', minLength: 10, maxLength: 40 } satisfies TextBound,
  firstResponseAt: { label: 'First response time', minLength: 10, maxLength: 40 } satisfies TextBound,
  endedAt: { label: 'End time', minLength: 10, maxLength: 40 } satisfies TextBound,
  waitSeconds: duration('Wait'),
  handleSeconds: duration('Handle time'),
  agent: { label: 'Agent', maxLength: 200 } satisfies TextBound,
  issueType: { label: 'Issue type', maxLength: 200 } satisfies TextBound,
  customerSegment: { label: 'Customer segment', maxLength: 200 } satisfies TextBound,
  csat: { label: 'Satisfaction', min: 1, max: 5, integer: true } satisfies NumberBound,
  nps: { label: 'Likelihood to recommend', min: 0, max: 10, integer: true } satisfies NumberBound,
} as const

export const INTERVAL_ROW = {
  intervalStart: { label: 'Interval start', minLength: 10, maxLength: 40 } satisfies TextBound,
  intervalMinutes: { label: 'Interval length', min: 1, max: 1440, integer: true, unit: 'minutes' } satisfies NumberBound,
  offered: count('Offered'),
  handled: count('Handled'),
  abandoned: count('Abandoned'),
  ahtSeconds: duration('AHT'),
} as const

/** Rows taken by one API request (413 above it); `chatplan push --batch` is bounded by it too. */
export const ROWS_PER_REQUEST: NumberBound = { label: 'Rows per request', min: 1, max: 10_000, integer: true }
