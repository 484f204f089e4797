/**
 * Numbers and texts given as command-line options, checked against their bounds in src/schemas (the same figures
 * and words the forms and the API use): `--batch: Rows per request must be a whole number between 1 and 10000, got 0`.
 */
import { numberProblem, parseNumberText, textProblem, type NumberBound, type TextBound } from '../schemas/bounds.ts'
import { UsageError } from './options.ts'

/**
 * The option's number, or `fallback` when it is not given.
 * @throws UsageError naming the option, with the bound's message, when it is not a number or outside the bound
 */
export function numberOption(options: Record<string, string | true>, name: string, bound: NumberBound): number | undefined
export function numberOption(options: Record<string, string | true>, name: string, bound: NumberBound, fallback: number): number
export function numberOption(options: Record<string, string | true>, name: string, bound: NumberBound, fallback?: number): number | undefined {
  const raw = options[name]
  if (raw === undefined) return fallback
  if (raw === true) throw new UsageError(`--${name} needs a value: ${bound.label.toLowerCase()}`)
  const value = parseNumberText(bound, raw)
  if (value === undefined || Number.isNaN(value)) throw new UsageError(`--${name}: ${bound.label} must be a number, got '${raw.slice(0, 40)}'`)
  const problem = numberProblem(bound, value)
  if (problem) throw new UsageError(`--${name}: ${problem}`)
  return value
}

/**
 * The option's text (trimmed), or undefined when it is not given.
 * @throws UsageError naming the option when it is longer (or shorter) than the bound allows
 */
export function textOption(options: Record<string, string | true>, name: string, bound: TextBound): string | undefined {
  const raw = options[name]
  if (raw === undefined) return undefined
  if (raw === true) throw new UsageError(`--${name} needs a value: ${bound.label.toLowerCase()}`)
  const problem = textProblem(bound, raw)
  if (problem) throw new UsageError(`--${name}: ${problem}`)
  return raw.trim()
}
