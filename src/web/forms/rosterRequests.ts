/**
 * Form bodies of My shifts and the requests page, parsed with the shared schemas (src/schemas/rosterRequests.ts):
 * either the data or the first message, naming the field in the user's words.
 */
import type { z } from 'zod'
import { decisionSchema, swapRequestSchema, timeOffRequestSchema } from '../../schemas/rosterRequests.ts'

export type Parsed<T> = { ok: true; data: T } | { ok: false; error: string }

function parseWith<S extends z.ZodType>(schema: S, body: Record<string, unknown>): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(body)
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: parsed.error.issues[0].message }
}

export const parseTimeOffForm = (body: Record<string, unknown>) => parseWith(timeOffRequestSchema, { from: body.from, to: body.to, reason: body.reason })
export const parseSwapForm = (body: Record<string, unknown>) => parseWith(swapRequestSchema, { shiftId: body.shiftId, colleagueId: body.colleagueId, reason: body.reason })
export const parseDecisionForm = (body: Record<string, unknown>) => parseWith(decisionSchema, { note: body.note })
