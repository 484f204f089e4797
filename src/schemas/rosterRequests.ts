/**
 * Bounds of an agent's requests (My shifts), the scheduler's decision (requests page) and a date's opening hours
 * (schedules' calendar per date): one zod schema per form, shared by the pages and any API or CLI that takes them.
 */
import { z } from 'zod'
import { numberInput, textInput, type NumberBound, type TextBound } from './bounds.ts'
import { isSaneDateKey, MAX_YEAR, MIN_YEAR } from './queryParams.ts'

export const REQUEST_REASON: TextBound = { label: 'Reason', maxLength: 300 }
export const DECISION_NOTE: TextBound = { label: 'Note', maxLength: 300 }
export const DATE_REASON: TextBound = { label: 'Reason', maxLength: 120 }
/** The longest time off one request may ask for. */
export const TIME_OFF_DAYS: NumberBound = { label: 'Days off', min: 1, max: 31, integer: true, unit: 'days' }
export const SHIFT_ID: NumberBound = { label: 'Shift', min: 1, max: 2 ** 31, integer: true }
export const AGENT_ID: NumberBound = { label: 'Colleague', min: 1, max: 2 ** 31, integer: true }

/** A local date 'YYYY-MM-DD' from 1970 to 2100 (the product's years, see queryParams.ts) named by its label ("First day off"). */
export function dateInput(label: string) {
  return z.unknown().transform((raw, ctx) => {
    const text = typeof raw === 'string' ? raw.trim() : ''
    if (!text) { ctx.addIssue({ code: 'custom', message: `${label} is required` }); return z.NEVER }
    if (!isSaneDateKey(text)) { ctx.addIssue({ code: 'custom', message: `${label} must be a date like 2026-03-14 between ${MIN_YEAR} and ${MAX_YEAR}, got '${text.slice(0, 40)}'` }); return z.NEVER }
    return text
  })
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

export const timeOffRequestSchema = z.object({ from: dateInput('First day off'), to: dateInput('Last day off'), reason: textInput(REQUEST_REASON) })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `Last day off (${v.to}) must not be before the first (${v.from})` })
    else if (daysBetween(v.from, v.to) + 1 > TIME_OFF_DAYS.max) ctx.addIssue({ code: 'custom', path: ['to'], message: `Days off must be at most ${TIME_OFF_DAYS.max} in one request, got ${daysBetween(v.from, v.to) + 1}` })
  })

export const swapRequestSchema = z.object({ shiftId: numberInput(SHIFT_ID), colleagueId: numberInput(AGENT_ID), reason: textInput(REQUEST_REASON) })

export const decisionSchema = z.object({ note: textInput(DECISION_NOTE) })

const CLOCK_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/
const clockInput = (label: string) => z.unknown().transform((raw, ctx) => {
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (text === '') return undefined
  if (!CLOCK_RE.test(text)) { ctx.addIssue({ code: 'custom', message: `${label} must be a time like 09:00, got '${text.slice(0, 20)}'` }); return z.NEVER }
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5))
})

/** One date's opening hours: closed, or open from-to (local clock), with a reason. */
export const dateHoursSchema = z.object({
  date: dateInput('Date'), closed: z.unknown().transform((v) => v === 'on' || v === '1' || v === 'true' || v === true || v === 'closed'),
  open: clockInput('Opens at'), close: clockInput('Closes at'), reason: textInput(DATE_REASON),
}).superRefine((v, ctx) => {
  if (v.closed) return
  if (v.open === undefined) ctx.addIssue({ code: 'custom', path: ['open'], message: 'Opens at is required unless the date is closed' })
  if (v.close === undefined) ctx.addIssue({ code: 'custom', path: ['close'], message: 'Closes at is required unless the date is closed' })
  if (v.open !== undefined && v.close !== undefined && v.close <= v.open) ctx.addIssue({ code: 'custom', path: ['close'], message: 'Closes at must be after Opens at' })
})
export type DateHoursInput = z.infer<typeof dateHoursSchema>
