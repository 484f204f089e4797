/**
 * The bounds of every input, in one place: a number has a documented minimum and maximum (and may have to be whole),
 * a text a maximum length. Each bound carries the field's label in the user's words, so a refusal reads
 * "Chats per agent must be between 1 and 20", never the code's field name. Forms, the API and the CLI build their
 * zod schemas from these (see numberInput / textInput) so one figure is checked the same way everywhere.
 */
import { z } from 'zod'

export interface NumberBound {
  /** The field's name in the user's words ("Chats per agent"). */
  label: string
  min: number
  max: number
  /** Whole numbers only. */
  integer?: boolean
  /** Stored as a fraction 0–1, shown and typed as a percentage. */
  percent?: boolean
  /** Unit shown after the figures ("seconds", "minutes"). */
  unit?: string
  /** The minimum itself is refused (e.g. "more than 0%"). */
  minExclusive?: boolean
}

export interface TextBound {
  label: string
  maxLength: number
  /** At least this many characters after trimming (1 = required). */
  minLength?: number
}

const round = (v: number) => (Math.abs(v) < 1e9 ? Math.round(v * 1e6) / 1e6 : v)

/** A bound's figure as the user types it (percent fields ×100). */
export function shownValue(bound: NumberBound, value: number): string {
  return String(round(bound.percent ? value * 100 : value))
}

/** "Chats per agent must be between 1 and 20" (with "%" or the unit, "whole number" when it must be one). */
export function rangeMessage(bound: NumberBound): string {
  const unit = bound.percent ? '%' : bound.unit ? ` ${bound.unit}` : ''
  const lowerUnit = bound.percent ? '%' : ''
  const lower = bound.minExclusive ? `more than ${shownValue(bound, bound.min)}${lowerUnit} and at most` : `between ${shownValue(bound, bound.min)}${lowerUnit} and`
  return `${bound.label} must be ${bound.integer ? 'a whole number ' : ''}${lower} ${shownValue(bound, bound.max)}${unit}`
}

/** The problem with a number (in stored units) against its bound, or null when it is inside. */
export function numberProblem(bound: NumberBound, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${bound.label} must be a number, got '${String(value).slice(0, 40)}'`
  const tooLow = bound.minExclusive ? value <= bound.min : value < bound.min
  if (tooLow || value > bound.max || (bound.integer && !Number.isInteger(value))) {
    return `${rangeMessage(bound)}, got ${shownValue(bound, value)}${bound.percent ? '%' : ''}`
  }
  return null
}

/** The problem with a text against its bound (after trimming), or null. */
export function textProblem(bound: TextBound, value: unknown): string | null {
  if (typeof value !== 'string') return `${bound.label} must be text`
  const length = value.trim().length
  if (length < (bound.minLength ?? 0)) return bound.minLength === 1 ? `${bound.label} is required` : `${bound.label} must have at least ${bound.minLength} characters`
  if (length > bound.maxLength) return `${bound.label} must be at most ${bound.maxLength} characters long, got ${length}`
  return null
}

/**
 * A number as typed in a form field: digits with a point for decimals, no thousands separator. A decimal comma is read
 * where it cannot be a thousands separator ('2,5' is 2.5, '0,125' is 0.125); '1,000' or '12,345' are not read (NaN)
 * rather than read wrongly as 1 or 12.345, whatever the team's number style; see typedNumberHint.
 */
export function typedNumber(text: string): number {
  const t = text.trim()
  if (/^[+-]?\d+,\d+$/.test(t)) return /^[+-]?[1-9]\d{0,2},\d{3}$/.test(t) ? NaN : Number(t.replace(',', '.'))
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN
}

/** What to say of typed text that typedNumber cannot read: how to write it. */
export function typedNumberHint(text: string): string {
  return /[,'\u2019\u00a0 ]/.test(text.trim()) ? ' (write it without a thousands separator and with a point for decimals, e.g. 1000 or 2.5)' : ''
}

/** Typed text → number in stored units: '' → undefined, percent fields ÷100, anything else that is not a number → NaN. */
export function parseNumberText(bound: NumberBound, text: string): number | undefined {
  if (text.trim() === '') return undefined
  const n = typedNumber(text)
  return bound.percent ? n / 100 : n
}

/**
 * A zod schema for a number input: accepts a number, or a form/query string (percent fields typed in percent), and
 * refuses anything outside the bound with rangeMessage. Optional inputs accept '' / missing as undefined.
 */
export function numberInput(bound: NumberBound): z.ZodType<number, unknown>
export function numberInput(bound: NumberBound, options: { optional: true }): z.ZodType<number | undefined, unknown>
export function numberInput(bound: NumberBound, options: { optional?: boolean } = {}): z.ZodType<number | undefined, unknown> {
  return z.unknown().transform((raw, ctx) => {
    const value = typeof raw === 'string' ? parseNumberText(bound, raw) : raw === null ? undefined : raw
    if (value === undefined) {
      if (options.optional) return undefined
      ctx.addIssue({ code: 'custom', message: `${bound.label} is required` })
      return z.NEVER
    }
    const problem = numberProblem(bound, value)
    if (problem) {
      ctx.addIssue({ code: 'custom', message: typeof raw === 'string' && Number.isNaN(value) ? `${bound.label} must be a number, got '${raw.slice(0, 40)}'${typedNumberHint(raw)}` : problem })
      return z.NEVER
    }
    return value as number
  })
}

/** A zod schema for a text input: trimmed, at most maxLength characters (and at least minLength). */
export function textInput(bound: TextBound): z.ZodType<string, unknown> {
  return z.unknown().transform((raw, ctx) => {
    const value = raw === undefined || raw === null ? '' : raw
    const problem = textProblem(bound, value)
    if (problem) { ctx.addIssue({ code: 'custom', message: problem }); return z.NEVER }
    return (value as string).trim()
  })
}

/**
 * A plain zod number with the bound's minimum and maximum (and whole-number rule), for JSON bodies whose schema is
 * also an OpenAPI document (the figures appear as minimum/maximum there); refusals read like numberProblem's.
 */
export function boundedNumber(bound: NumberBound): z.ZodNumber {
  const error = (issue: { input?: unknown }) => numberProblem(bound, issue.input) ?? rangeMessage(bound)
  let schema = z.number({ error }).min(bound.min, { error }).max(bound.max, { error })
  if (bound.integer) schema = schema.int({ error })
  return schema.describe(`${bound.label}: ${shownValue(bound, bound.min)} to ${shownValue(bound, bound.max)}${bound.unit ? ' ' + bound.unit : ''}`)
}

/** A plain zod string with the bound's lengths (untrimmed), for JSON bodies documented by OpenAPI. */
export function boundedText(bound: TextBound): z.ZodString {
  const error = (issue: { input?: unknown }) => textProblem(bound, issue.input) ?? `${bound.label} must be at most ${bound.maxLength} characters long`
  return z.string({ error }).min(bound.minLength ?? 0, { error }).max(bound.maxLength, { error })
}

/** The first message of each field of a failed zod parse, keyed by field path ("a.b"). */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_'
    out[key] ??= issue.message
  }
  return out
}

/** Every message of a failed zod parse, in order. */
export function messagesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => i.message)
}
