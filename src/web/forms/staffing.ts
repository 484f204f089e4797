/**
 * The SLA form of the Staffing screen: its strings (fractions in percent) → settings with a message per field in the
 * user's words (bounds from src/schemas/staffingSettings.ts), the version a form was opened on, the measured k and α
 * filled in, the simulation's run count, and the message of a lost update.
 */
import { SIMULATION_RUNS } from '../../schemas/queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import type { StaffingSettingsConflictError } from '../../db/staffingSettings.ts'
import { DEFAULT_STAFFING_SETTINGS, measuredChatParameters, validateStaffingSettings, type StaffingSettings } from '../../planning/staffingPlan.ts'
import type { ConcurrencyMeasurement } from '../../staffing/index.ts'
import { STAFFING_BOUNDS } from '../../schemas/staffingSettings.ts'
import { formValuesOf, type SlaFormErrors, type SlaFormValues } from '../../../views/staffing/SlaForm.tsx'

const FRACTION_FIELDS = new Set<keyof StaffingSettings>(['serviceLevelTarget', 'maxAbandonFraction', 'maxOccupancy', 'shrinkageFraction'])
const OPTIONAL_FIELDS: (keyof StaffingSettings)[] = ['serviceLevelTarget', 'answerWithinSeconds', 'asaTargetSeconds', 'maxAbandonFraction', 'maxOccupancy', 'meanPatienceSeconds', 'maxConcurrency', 'slowdownAlpha', 'ahtOverrideSeconds']
const LABELS: Partial<Record<keyof StaffingSettings, string>> = Object.fromEntries(Object.entries(STAFFING_BOUNDS).map(([field, bound]) => [field, bound.label]))

/** The form's strings (fractions in percent) → settings, with a message per field that is not a number or fails validation. */
export function settingsFromForm(values: SlaFormValues): { settings: StaffingSettings; errors: SlaFormErrors } {
  const errors: SlaFormErrors = {}
  const numberOf = (field: keyof StaffingSettings, required: boolean): number | null => {
    const text = (values[field] ?? '').trim()
    if (text === '') {
      if (required) errors[field] = `${LABELS[field]} is required`
      return null
    }
    const value = Number(text)
    if (!Number.isFinite(value)) { errors[field] = `${LABELS[field]} must be a number, got '${text}'`; return null }
    return FRACTION_FIELDS.has(field) ? value / 100 : value
  }
  const optional = Object.fromEntries(OPTIONAL_FIELDS.map((f) => [f, numberOf(f, false)]))
  const staffAt = (values.staffAtQuantile ?? 'mean').trim()
  const settings = {
    ...optional,
    modelKind: values.modelKind,
    shrinkageFraction: numberOf('shrinkageFraction', true) ?? 0,
    hoursPerFte: numberOf('hoursPerFte', true) ?? DEFAULT_STAFFING_SETTINGS.hoursPerFte,
    staffAtQuantile: staffAt === 'mean' || staffAt === '' ? null : Number(staffAt),
  } as StaffingSettings
  for (const problem of validateStaffingSettings(settings)) errors[problem.field] ??= problem.message
  // A target that no model of the choice applies would be saved and silently ignored: refuse it where it is set.
  if (settings.maxAbandonFraction !== null && settings.modelKind !== 'erlang_a') {
    errors.maxAbandonFraction ??= `Abandonment at most is a target of Erlang A only (the model with patience): ${settings.modelKind === 'chat' ? 'chat concurrency' : 'Erlang C'} does not model abandonment, so it would not be applied. Leave it empty, or choose Erlang A`
  }
  return { settings, errors }
}

export function formValuesFrom(source: Record<string, unknown>): SlaFormValues {
  const text = (key: keyof StaffingSettings) => (typeof source[key] === 'string' ? (source[key] as string) : '')
  return Object.fromEntries((Object.keys(formValuesOf(DEFAULT_STAFFING_SETTINGS)) as (keyof StaffingSettings)[]).map((k) => [k, text(k)])) as SlaFormValues
}

/**
 * The settings version a form was opened on (its hidden field), or a message when it is not a non-negative integer
 * (or absent where `required`: a save must say which version it changes).
 */
export function formVersionOf(value: unknown, required = false): { version?: number; error?: string } {
  if (value === undefined || value === null || value === '') return required ? { error: 'the form has no settings version (it was not opened from the staffing page): reload the page and try again; nothing was saved' } : {}
  const version = typeof value === 'string' ? Number(value.trim()) : NaN
  if (!(Number.isInteger(version) && version >= 0)) return { error: `the form's settings version must be a whole number of at least 0, got '${String(value)}': reload the page and try again` }
  return { version }
}

/**
 * Simulation runs asked for (20 when not given). The query check (src/web/middleware/queryParams.tsx) refuses a
 * value outside SIMULATION_RUNS with its message before the route runs; this keeps the figure inside it regardless.
 */
export function runsOf(value: string | undefined): number {
  const runs = value === undefined || value.trim() === '' ? 20 : Number(value)
  return Number.isInteger(runs) ? Math.min(SIMULATION_RUNS.max, Math.max(SIMULATION_RUNS.min, runs)) : 20
}

/** What the page says when a save was refused because someone else saved the queue's settings after the form was opened. */
export function conflictMessage(queue: Queue, conflict: StaffingSettingsConflictError): string {
  const now = conflict.storedVersion === 0 ? 'none are stored now' : `they are at version ${conflict.storedVersion} now`
  return `the SLA settings of '${queue.name}' were changed by someone else after you opened this form (${now}; this form was opened on version ${conflict.expectedVersion}). `
    + 'Nothing was saved, and your values are still in the form: note them, reload the page to see the current settings, and apply your changes again.'
}

/** The form's values with the chat model and the measured k and α (unchanged without a measurement). */
export function withMeasured(values: SlaFormValues, measured: ConcurrencyMeasurement | null): SlaFormValues {
  if (!measured) return values
  const { maxConcurrency, slowdownAlpha } = measuredChatParameters(measured)
  return { ...values, modelKind: 'chat', maxConcurrency: String(maxConcurrency), slowdownAlpha: String(slowdownAlpha) }
}
