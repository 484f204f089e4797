/** Bounds of a shift template (the templates form, the API and the CLI's shifts file). */
import { numberProblem, textProblem, type NumberBound, type TextBound } from './bounds.ts'

export const TEMPLATE_NAME: TextBound = { label: 'Template name', maxLength: 80, minLength: 1 }
export const BREAK_NAME: TextBound = { label: 'Break name', maxLength: 80 }

export const TEMPLATE_BOUNDS = {
  lengthMinutes: { label: 'Shift length', min: 15, max: 24 * 60, integer: true, unit: 'minutes' },
  startStepMinutes: { label: 'Start every', min: 5, max: 24 * 60, integer: true, unit: 'minutes' },
  costPerHour: { label: 'Cost per hour', min: 0, max: 100_000 },
  minCountPerDay: { label: 'Minimum shifts a day', min: 0, max: 10_000, integer: true },
  maxCountPerDay: { label: 'Maximum shifts a day', min: 0, max: 10_000, integer: true },
} as const satisfies Record<string, NumberBound>

export const BREAK_BOUNDS = {
  lengthMinutes: { label: 'Break length', min: 1, max: 240, integer: true, unit: 'minutes' },
  earliestAfterMinutes: { label: 'Break earliest start', min: 0, max: 24 * 60, integer: true, unit: 'minutes into the shift' },
  latestAfterMinutes: { label: 'Break latest start', min: 0, max: 24 * 60, integer: true, unit: 'minutes into the shift' },
} as const satisfies Record<string, NumberBound>

/** The number of break rows a template may have. */
export const MAX_BREAKS_PER_TEMPLATE = 10

interface TemplateLike {
  name?: unknown
  lengthMinutes?: unknown
  startStepMinutes?: unknown
  costPerHour?: unknown
  minCountPerDay?: unknown
  maxCountPerDay?: unknown
  breaks?: unknown
}

/**
 * Bound problems of a template (names, lengths, cost, counts): numbers that are not numbers are left to the
 * scheduling engine's own messages; numbers outside the bounds and over-long names are named here.
 */
export function shiftTemplateBoundProblems(template: TemplateLike): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  const nameProblem = typeof template.name === 'string' ? textProblem(TEMPLATE_NAME, template.name) : null
  if (nameProblem) out.push({ field: 'name', message: nameProblem })
  for (const [field, bound] of Object.entries(TEMPLATE_BOUNDS) as [keyof typeof TEMPLATE_BOUNDS, NumberBound][]) {
    const value = template[field]
    if (typeof value === 'number') { const p = numberProblem(bound, value); if (p) out.push({ field, message: p }) }
  }
  if (Array.isArray(template.breaks)) {
    if (template.breaks.length > MAX_BREAKS_PER_TEMPLATE) out.push({ field: 'breaks', message: `A template may have at most ${MAX_BREAKS_PER_TEMPLATE} breaks, got ${template.breaks.length}` })
    template.breaks.slice(0, MAX_BREAKS_PER_TEMPLATE).forEach((b: Record<string, unknown>, i) => {
      if (!b || typeof b !== 'object') return
      if (b.name !== undefined) { const p = textProblem(BREAK_NAME, b.name); if (p) out.push({ field: `breaks[${i}].name`, message: `Break ${i + 1}: ${p}` }) }
      for (const [field, bound] of Object.entries(BREAK_BOUNDS) as [keyof typeof BREAK_BOUNDS, NumberBound][]) {
        const value = b[field]
        if (typeof value === 'number') { const p = numberProblem(bound, value); if (p) out.push({ field: `breaks[${i}].${field}`, message: `Break ${i + 1}: ${p}` }) }
      }
    })
  }
  return out
}

/** A name as it may be quoted in a message: at most 80 characters (a megabyte name is not echoed back). */
export function quotedName(name: string, maxChars = 80): string {
  return name.length > maxChars ? `${name.slice(0, maxChars)}… (${name.length} characters)` : name
}
