/** Bounds of the solvers' settings (the schedule generate form, `chatplan schedule`, `roster` and `capacity`). */
import type { NumberBound } from './bounds.ts'

export const SOLVER_TIME_LIMIT_SECONDS: NumberBound = { label: 'Time limit', min: 1, max: 600, unit: 'seconds' }
/** The gap at which the solver stops, as a fraction (`--gap 0.01`). */
export const SOLVER_GAP_FRACTION: NumberBound = { label: 'Gap target', min: 0, max: 0.99 }
/** The same gap typed as a percentage (the schedule generate form: 0.5 means 0.5%); the same figures. */
export const SOLVER_GAP_PERCENT: NumberBound = { ...SOLVER_GAP_FRACTION, percent: true }
/** The roster optimiser (`chatplan roster`): more than 0, at most the solvers' 600 s (the schedule form and `chatplan schedule`). */
export const ROSTER_TIME_LIMIT_SECONDS: NumberBound = { label: 'Roster time limit', min: 0, minExclusive: true, max: SOLVER_TIME_LIMIT_SECONDS.max, unit: 'seconds' }
/** Weeks of requirements a capacity plan computes from a queue's forecast (`chatplan capacity --weeks`). */
export const CAPACITY_WEEKS: NumberBound = { label: 'Weeks to plan', min: 1, max: 78, integer: true, unit: 'weeks' }
/** How many shifts one hand edit of a schedule moves, adds or removes (the schedule page's edit form). */
export const SHIFT_EDIT_COUNT: NumberBound = { label: 'How many', min: 1, max: 1000, integer: true, unit: 'shifts' }
/** A shift row of `chatplan roster --shifts` (what `chatplan schedule` prints): how many of it, and its length. */
export const ROSTER_SHIFT_COUNT: NumberBound = { label: 'count', min: 0, max: 100_000, integer: true, unit: 'shifts' }
export const ROSTER_SHIFT_LENGTH_MINUTES: NumberBound = { label: 'length_minutes', min: 1, max: 1440, integer: true, unit: 'minutes' }

/** The generate form's over-cover choices: the value sent and the words the form shows. */
export const OVER_COVER_CHOICES = [{ value: 'allow', label: 'allowed' }, { value: 'forbid', label: 'forbidden' }] as const

/** "Over-cover must be one of the form's choices: allowed (value allow) or forbidden (value forbid), got 'allowed'", or null. */
export function overCoverProblem(value: string): string | null {
  if (OVER_COVER_CHOICES.some((c) => c.value === value)) return null
  return `Over-cover must be one of the form's choices: ${OVER_COVER_CHOICES.map((c) => `${c.label} (value ${c.value})`).join(' or ')}, got '${value.slice(0, 40)}'`
}
