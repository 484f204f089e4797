/**
 * Bounds of a queue's staffing settings (the SLA form, the scenario overrides, the API and `chatplan plan`), in
 * stored units (fractions 0–1, seconds). Outside them an input is a typo, and some (a million chats per agent)
 * would make the plan run for minutes.
 */
import { z } from 'zod'
import { numberInput, numberProblem, type NumberBound } from './bounds.ts'

export const STAFFING_BOUNDS = {
  serviceLevelTarget: { label: 'Service level', min: 0, max: 1, percent: true, minExclusive: true },
  answerWithinSeconds: { label: 'Threshold', min: 0, max: 3600, unit: 'seconds' },
  asaTargetSeconds: { label: 'ASA target', min: 1, max: 3600, unit: 'seconds' },
  maxAbandonFraction: { label: 'Maximum abandonment', min: 0, max: 1, percent: true, minExclusive: true },
  maxOccupancy: { label: 'Maximum occupancy', min: 0, max: 1, percent: true, minExclusive: true },
  meanPatienceSeconds: { label: 'Mean patience', min: 1, max: 4 * 3600, unit: 'seconds' },
  maxConcurrency: { label: 'Chats per agent', min: 1, max: 20, integer: true },
  slowdownAlpha: { label: 'Slowdown α', min: 0, max: 5 },
  shrinkageFraction: { label: 'Shrinkage', min: 0, max: 0.9, percent: true },
  hoursPerFte: { label: 'Hours per FTE', min: 0.5, max: 24, unit: 'hours a day' },
  ahtOverrideSeconds: { label: 'AHT override', min: 1, max: 4 * 3600, unit: 'seconds' },
  costPerHour: { label: 'Cost per hour', min: 0, max: 100_000 },
} as const satisfies Record<string, NumberBound>

export type StaffingBoundField = keyof typeof STAFFING_BOUNDS

/** Problems of the bounded numeric settings (null values are "not set" and pass), with the field each belongs to. */
export function staffingSettingsBoundProblems(settings: Partial<Record<StaffingBoundField, number | null | undefined>>): { field: StaffingBoundField; message: string }[] {
  const out: { field: StaffingBoundField; message: string }[] = []
  for (const field of Object.keys(STAFFING_BOUNDS) as StaffingBoundField[]) {
    const value = settings[field]
    if (value === null || value === undefined) continue
    const problem = numberProblem(STAFFING_BOUNDS[field], value)
    if (problem) out.push({ field, message: problem })
  }
  return out
}

const optional = (f: StaffingBoundField) => numberInput(STAFFING_BOUNDS[f], { optional: true })

/**
 * The staffing settings as an API/CLI body (stored units; numbers or numeric strings; percent fields as fractions
 * when numbers, typed in percent when strings). Cross-field rules (a target is required, Erlang A needs patience)
 * are checked by validateStaffingSettings.
 */
export const staffingSettingsSchema = z.object({
  modelKind: z.enum(['erlang_c', 'erlang_a', 'chat'], { message: 'Model must be Erlang C, Erlang A or chat concurrency' }),
  serviceLevelTarget: optional('serviceLevelTarget'),
  answerWithinSeconds: optional('answerWithinSeconds'),
  asaTargetSeconds: optional('asaTargetSeconds'),
  maxAbandonFraction: optional('maxAbandonFraction'),
  maxOccupancy: optional('maxOccupancy'),
  meanPatienceSeconds: optional('meanPatienceSeconds'),
  maxConcurrency: optional('maxConcurrency'),
  slowdownAlpha: optional('slowdownAlpha'),
  shrinkageFraction: numberInput(STAFFING_BOUNDS.shrinkageFraction),
  hoursPerFte: numberInput(STAFFING_BOUNDS.hoursPerFte),
  ahtOverrideSeconds: optional('ahtOverrideSeconds'),
})
