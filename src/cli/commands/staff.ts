/**
 * `chatplan staff`: agents required for staffing cases read as JSON from stdin.
 * Input: a JSON array of cases in the vocabulary of ../shared/reference/staffing_vectors.json, each either
 * {"id": …, "model": "erlang_c" | "erlang_a" | "chat_concurrency", "inputs": {…}} or bare {"model": …, …inputs}.
 * Output: a JSON array with, per case, its id and model and the reference `outputs` fields.
 */
import { z } from 'zod'
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { solveStaffingCase } from '../../staffing/staffingCase.ts'
import type { StaffingCase, StaffingCaseInputs } from '../../staffing/staffingCase.ts'

export const usage = `Usage: chatplan staff [--compact] < cases.json
Reads a JSON array of staffing cases (or {"cases": [...]}, the shape of the reference vectors file) from stdin
and writes a JSON array of results to stdout.
Each case: {"id": "...", "model": "erlang_c" | "erlang_a" | "chat_concurrency", "inputs": {...}} or {"model": ..., ...inputs}.
Inputs (as in ../shared/reference/staffing_vectors.json; fractions 0-1, times in seconds):
  all:        calls_per_interval, interval_seconds, sl_target, sl_threshold_seconds, asa_target_seconds,
              max_occupancy, shrinkage (targets may be null)
  erlang_c:   aht_seconds
  erlang_a:   aht_seconds, mean_patience_seconds, max_abandon
  chat_concurrency: aht_single_chat_seconds, max_concurrency, slowdown_alpha
Outputs: agents_required, agents_scheduled, binding_constraints, at_required, at_required_minus_1
  (erlang_a also erlang_c_agents_same_targets; chat_concurrency also agents_balanced_chain,
  balanced_chain_at_required and the shortcut_* fields).
Targets are met inclusively with relative tolerance 1e-12 (the reference convention), so sl_target 1 is met by
the first N whose service level is at least 1 - 1e-12; max_abandon 0 can never be met and is refused. Loads up to
1e9 erlangs are computed. Bad input: a message naming the case and field on stderr, exit code 1.`

/** The options `chatplan staff` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { flags: ['compact'] }

const nonNegative = z.number({ error: 'must be a number' }).min(0, { error: 'must not be negative' })
const positive = z.number({ error: 'must be a number' }).gt(0, { error: 'must be greater than 0' })
const optionalNullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional()

const commonFields = {
  calls_per_interval: nonNegative,
  interval_seconds: positive,
  sl_target: optionalNullable(z.number({ error: 'must be a number or null' }).gt(0, { error: 'must be greater than 0' }).max(1, { error: 'must be a fraction of at most 1 (an SLA over 100% cannot be met; write 80% as 0.8)' })),
  sl_threshold_seconds: optionalNullable(z.number({ error: 'must be a number or null' }).min(0, { error: 'must not be negative' })),
  asa_target_seconds: optionalNullable(positive),
  max_occupancy: optionalNullable(z.number({ error: 'must be a number or null' }).gt(0, { error: 'must be greater than 0' }).max(1, { error: 'must be a fraction of at most 1' })),
  shrinkage: optionalNullable(z.number({ error: 'must be a number or null' }).min(0, { error: 'must not be negative' }).lt(1, { error: 'must be below 1' })),
}

const inputSchemas = {
  erlang_c: z.strictObject({ ...commonFields, aht_seconds: positive }),
  erlang_a: z.strictObject({
    ...commonFields,
    aht_seconds: positive,
    mean_patience_seconds: positive,
    max_abandon: optionalNullable(z.number({ error: 'must be a number or null' }).min(0, { error: 'must not be negative' }).max(1, { error: 'must be a fraction of at most 1' })),
  }),
  chat_concurrency: z.strictObject({
    ...commonFields,
    aht_single_chat_seconds: positive,
    max_concurrency: z.number({ error: 'must be a number' }).min(1, { error: 'must be at least 1 (a concurrency below 1 chat per agent is not possible)' }).int({ error: 'must be a whole number' }),
    slowdown_alpha: nonNegative,
  }),
}

const MODELS = Object.keys(inputSchemas) as (keyof typeof inputSchemas)[]
const CASE_KEYS = new Set(['id', 'model', 'inputs', 'note', 'derived', 'outputs'])

class CaseError extends Error {}

function describeCase(index: number, id: unknown): string {
  return typeof id === 'string' || typeof id === 'number' ? `case ${index} (id ${id})` : `case ${index}`
}

/** Turns one element of the input array into a checked StaffingCase, or throws a CaseError naming the field. */
function readCase(element: unknown, index: number): StaffingCase {
  if (element === null || typeof element !== 'object' || Array.isArray(element)) throw new CaseError(`${describeCase(index, undefined)}: must be an object with "model" and "inputs"`)
  const record = element as Record<string, unknown>
  const label = describeCase(index, record.id)
  const model = record.model
  if (typeof model !== 'string' || !MODELS.includes(model as never)) {
    throw new CaseError(`${label}: field model must be one of ${MODELS.join(', ')}, got ${JSON.stringify(model)}`)
  }
  let rawInputs: unknown
  if ('inputs' in record) rawInputs = record.inputs
  else rawInputs = Object.fromEntries(Object.entries(record).filter(([key]) => !CASE_KEYS.has(key)))
  const parsed = inputSchemas[model as keyof typeof inputSchemas].safeParse(rawInputs)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue.code === 'unrecognized_keys') throw new CaseError(`${label}: unknown field ${issue.keys.join(', ')} for model ${model}`)
    const field = issue.path.join('.')
    if (!field) throw new CaseError(`${label}: inputs must be an object`)
    const value = (rawInputs as Record<string, unknown>)?.[String(issue.path[0])]
    const got = value === undefined ? 'missing' : `got ${JSON.stringify(value)}`
    throw new CaseError(`${label}: field ${field} ${issue.message} (${got})`)
  }
  const inputs = parsed.data as StaffingCaseInputs
  if (inputs.sl_target !== null && inputs.sl_target !== undefined && (inputs.sl_threshold_seconds === null || inputs.sl_threshold_seconds === undefined)) {
    throw new CaseError(`${label}: field sl_threshold_seconds is required with sl_target`)
  }
  return { id: record.id as string | undefined, model: model as StaffingCase['model'], inputs }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseOptions(args, ['compact'])
  if (positional.length) { io.err(`chatplan staff: unexpected argument ${positional[0]}\n${usage}\n`); return 1 }
  const text = await io.readStdin()
  let cases: unknown
  try {
    cases = JSON.parse(text)
  } catch (error) {
    io.err(`chatplan staff: stdin is not valid JSON: ${(error as Error).message}\n`)
    return 1
  }
  // The reference file's shape ({ "cases": [...] }, as ../shared/reference/staffing_vectors.json) is taken as is.
  if (cases !== null && typeof cases === 'object' && !Array.isArray(cases) && Array.isArray((cases as { cases?: unknown }).cases)) cases = (cases as { cases: unknown[] }).cases
  if (!Array.isArray(cases)) { io.err('chatplan staff: stdin must hold a JSON array of cases, or an object {"cases": [...]} as the reference vectors file\n'); return 1 }
  const results: Record<string, unknown>[] = []
  for (let index = 0; index < cases.length; index++) {
    try {
      const staffingCase = readCase(cases[index], index)
      try {
        const outputs = solveStaffingCase(staffingCase)
        results.push({ ...(staffingCase.id !== undefined ? { id: staffingCase.id } : {}), model: staffingCase.model, ...outputs })
      } catch (error) {
        if (error instanceof RangeError || error instanceof TypeError) throw new CaseError(`${describeCase(index, staffingCase.id)}: ${error.message}`)
        throw error
      }
    } catch (error) {
      if (error instanceof CaseError) { io.err(`chatplan staff: ${error.message}\n`); return 1 }
      throw error
    }
  }
  io.out(JSON.stringify(results, null, options.compact ? undefined : 2) + '\n')
  return 0
}
