/**
 * The schemas of the API's documents, registered as OpenAPI components. The row schemas are the very ones that
 * validate the rows (src/imports/apiRows.ts); the others describe the answers.
 */
import { z } from '@hono/zod-openapi'
import { ContactRecordSchema, IntervalRecordSchema } from '../../imports/apiRows.ts'

export const ContactRowDoc = ContactRecordSchema.openapi('ContactRow', {
  example: { contactId: 'c-1001', queue: 'Support', arrivedAt: '2025-06-02T09:15:00Z', firstResponseAt: '2025-06-02T09:15:40Z', endedAt: '2025-06-02T09:24:10Z', agent: 'Dana', csat: 5 },
})
export const IntervalRowDoc = IntervalRecordSchema.openapi('IntervalRow', {
  example: { queue: 'Support', intervalStart: '2025-06-02T09:00:00Z', intervalMinutes: 30, offered: 42, handled: 40, abandoned: 2, ahtSeconds: 310 },
})

export const RowProblemDoc = z.object({
  index: z.number().int().openapi({ description: 'the row, 0-based, in the request' }),
  field: z.string().openapi({ description: 'the field as the API names it' }),
  reason: z.string(),
}).openapi('RowProblem')

export const ProblemDoc = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(),
  errors: z.array(RowProblemDoc).optional(),
}).openapi('Problem', { description: 'RFC 9457 problem details (application/problem+json)' })

export const WriteResultDoc = z.object({
  kind: z.enum(['contacts', 'intervals']),
  rows: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int(),
  errors: z.array(RowProblemDoc).openapi({ description: 'the refused rows (with partial=true)' }),
  batchId: z.number().int().nullable().openapi({ description: 'the import batch written, or null when nothing changed' }),
}).openapi('WriteResult')
