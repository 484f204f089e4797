/**
 * Bounds of a scenario's what-if inputs (the scenario form, the API): the ranges a what-if may ask about; outside
 * them an input is more likely a typo than a question. The staffing settings' and events' bounds come from their
 * own families (staffingSettings.ts, events.ts), so a figure has one bound wherever it is typed.
 */
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
