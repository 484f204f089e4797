/** Bounds of the schedule solver's settings (the generate form and `chatplan schedule`). */
import type { NumberBound } from './bounds.ts'

export const SOLVER_TIME_LIMIT_SECONDS: NumberBound = { label: 'Time limit', min: 1, max: 600, unit: 'seconds' }
/** The gap at which the solver stops, as a fraction (the form shows it as a percentage). */
export const SOLVER_GAP_FRACTION: NumberBound = { label: 'Gap target', min: 0, max: 0.99 }
