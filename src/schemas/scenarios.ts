/**
 * Bounds of a scenario's what-if inputs (the scenario form, the API): the ranges a what-if may ask about; outside
 * them an input is more likely a typo than a question. The staffing settings' and events' bounds come from their
 * own families (staffingSettings.ts, events.ts), so a figure has one bound wherever it is typed.
 */
import type { NumberBound } from './bounds.ts'
import { EVENT_BOUNDS } from './events.ts'
import { STAFFING_BOUNDS } from './staffingSettings.ts'

export const SCENARIO_LIMITS = Object.freeze({
  /** Volume and AHT changes: −100% … +500% (−100% would be no contacts at all: close the hours instead). */
  minChangeFraction: -0.99,
  maxChangeFraction: 5,
  maxContactsPerDay: 1_000_000,
  minAhtSeconds: 1,
  maxAhtSeconds: 4 * 3600,
  maxAnswerWithinSeconds: STAFFING_BOUNDS.answerWithinSeconds.max,
  maxAsaSeconds: STAFFING_BOUNDS.asaTargetSeconds.max,
  maxPatienceSeconds: STAFFING_BOUNDS.meanPatienceSeconds.max,
  maxShrinkage: STAFFING_BOUNDS.shrinkageFraction.max,
  maxConcurrency: STAFFING_BOUNDS.maxConcurrency.max,
  maxSlowdownAlpha: STAFFING_BOUNDS.slowdownAlpha.max,
  maxHoursPerFte: STAFFING_BOUNDS.hoursPerFte.max,
  maxCostPerHour: STAFFING_BOUNDS.costPerHour.max,
  maxAgentsPerInterval: 20_000,
  maxFte: 100_000,
  minEventMultiplier: 0.01,
  maxEventMultiplier: EVENT_BOUNDS.multiplier.max,
  maxAddedEvents: 20,
  maxVolumeChanges: 20,
})

/** The cost a frozen baseline prices its paid agent-hours at (the freeze form): the staffing settings' cost bound. */
export const BASELINE_COST_PER_HOUR: NumberBound = { ...STAFFING_BOUNDS.costPerHour, label: 'Cost per paid agent-hour' }

/** How many values a sweep plans, both ends included. */
export const SWEEP_POINTS: NumberBound = { label: 'Sweep points', min: 2, max: 25, integer: true }

/** The range each sweepable input may be swept over (fractions as 0–1, typed in percent on the form). */
export const SWEEP_BOUNDS = {
  serviceLevelTarget: { label: 'Service level target', percent: true, min: 0.01, max: 1 },
  answerWithinSeconds: { label: 'Threshold (answered within)', unit: 'seconds', min: 0, max: 3600 },
  asaTargetSeconds: { label: 'ASA target', unit: 'seconds', min: 1, max: 3600 },
  shrinkageFraction: { label: 'Shrinkage', percent: true, min: 0, max: 0.9 },
  maxOccupancy: { label: 'Occupancy cap', percent: true, min: 0.01, max: 1 },
  maxConcurrency: { label: 'Concurrency (chats per agent)', unit: 'chats', min: 1, max: 20, integer: true },
  volumeChange: { label: 'Volume change', percent: true, min: -0.99, max: 5 },
  ahtChange: { label: 'AHT change', percent: true, min: -0.99, max: 5 },
  agentsPerInterval: { label: 'Agents on shift per interval', unit: 'agents', min: 0, max: 20_000, integer: true },
} as const satisfies Record<string, NumberBound>

/** One end of a sweep, labelled so its refusal says which ("Shrinkage: the sweep's to value must be between 0% and 90%"). */
export function sweepEndBound(input: keyof typeof SWEEP_BOUNDS, end: 'from' | 'to'): NumberBound {
  const bound: NumberBound = SWEEP_BOUNDS[input]
  // The ends may be fractional even for whole-number inputs: the swept values are rounded (sweepValues).
  return { ...bound, integer: false, label: `${bound.label}: the sweep's ${end} value` }
}
