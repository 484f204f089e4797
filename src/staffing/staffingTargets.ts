import { assertFiniteNumber, assertNonNegative, assertPositiveFraction, assertFraction } from './validateInputs.ts'
import { meetsMaximum, meetsMinimum } from './targetComparison.ts'

/**
 * The targets a staffing level must meet. Every target that is given (not null/undefined) must be met;
 * the answer is the smallest number of agents meeting all of them.
 */
export interface StaffingTargets {
  /** Fraction of contacts answered within `answerWithinSeconds` (0–1), e.g. 0.8 for "80% in 20 s". */
  serviceLevelTarget?: number | null
  /** The service-level threshold t in seconds (required with serviceLevelTarget). */
  answerWithinSeconds?: number | null
  /** Average speed of answer must not exceed this many seconds. */
  asaTargetSeconds?: number | null
  /** Occupancy (busy fraction of agents) must not exceed this fraction. */
  maxOccupancy?: number | null
  /** Abandonment (fraction of offered contacts that give up) must not exceed this fraction (Erlang A only). */
  maxAbandonFraction?: number | null
}

/** Names of the targets, as reported in `bindingConstraints` (the reference file's spelling). */
export type TargetName = 'service_level' | 'asa' | 'occupancy' | 'abandon'

/** The measures a model reports at a given number of agents, against which targets are checked. */
export interface TargetMeasures {
  serviceLevel: number
  asaSeconds: number
  occupancy: number
  abandonFraction?: number
}

function isGiven(value: number | null | undefined): value is number {
  return value !== null && value !== undefined
}

/** The names of the targets that are set. */
export function givenTargetNames(targets: StaffingTargets): TargetName[] {
  const names: TargetName[] = []
  if (isGiven(targets.serviceLevelTarget)) names.push('service_level')
  if (isGiven(targets.asaTargetSeconds)) names.push('asa')
  if (isGiven(targets.maxOccupancy)) names.push('occupancy')
  if (isGiven(targets.maxAbandonFraction)) names.push('abandon')
  return names
}

/**
 * Checks the targets. `allowAbandon` is false for models without abandonment (Erlang C, chat chain).
 * @throws RangeError naming the field: SLA over 100% (or a target above 1), negative threshold, no target at all…
 */
export function validateTargets(targets: StaffingTargets, { allowAbandon }: { allowAbandon: boolean }): void {
  if (targets === null || typeof targets !== 'object') throw new TypeError(`targets must be an object, got ${String(targets)}`)
  const { serviceLevelTarget, answerWithinSeconds, asaTargetSeconds, maxOccupancy, maxAbandonFraction } = targets
  if (isGiven(serviceLevelTarget)) {
    assertPositiveFraction('serviceLevelTarget', serviceLevelTarget)
    if (!isGiven(answerWithinSeconds)) throw new RangeError('answerWithinSeconds is required with serviceLevelTarget')
  }
  if (isGiven(answerWithinSeconds)) assertNonNegative('answerWithinSeconds', answerWithinSeconds)
  if (isGiven(asaTargetSeconds)) {
    assertFiniteNumber('asaTargetSeconds', asaTargetSeconds)
    if (asaTargetSeconds <= 0) throw new RangeError(`asaTargetSeconds must be greater than 0, got ${asaTargetSeconds}`)
  }
  if (isGiven(maxOccupancy)) assertPositiveFraction('maxOccupancy', maxOccupancy)
  if (isGiven(maxAbandonFraction)) {
    if (!allowAbandon) throw new RangeError('maxAbandonFraction needs a model with abandonment (Erlang A)')
    assertFraction('maxAbandonFraction', maxAbandonFraction)
  }
  const names = givenTargetNames(targets).filter((name) => allowAbandon || name !== 'abandon')
  if (names.length === 0) {
    throw new RangeError(`no target given: set serviceLevelTarget, asaTargetSeconds, maxOccupancy${allowAbandon ? ' or maxAbandonFraction' : ''}`)
  }
}


/** The given targets that the measures miss (inclusive comparisons, relative tolerance 1e-12). */
export function missedTargets(measures: TargetMeasures, targets: StaffingTargets): TargetName[] {
  const missed: TargetName[] = []
  if (isGiven(targets.serviceLevelTarget) && !meetsMinimum(measures.serviceLevel, targets.serviceLevelTarget)) missed.push('service_level')
  if (isGiven(targets.asaTargetSeconds) && !meetsMaximum(measures.asaSeconds, targets.asaTargetSeconds)) missed.push('asa')
  if (isGiven(targets.maxOccupancy) && !meetsMaximum(measures.occupancy, targets.maxOccupancy)) missed.push('occupancy')
  if (isGiven(targets.maxAbandonFraction) && !meetsMaximum(measures.abandonFraction ?? 0, targets.maxAbandonFraction)) missed.push('abandon')
  return missed
}

/** Default largest staffing level searched before giving up with a RangeError (raised for large loads). */
export const DEFAULT_MAX_AGENTS = 100_000

/** The largest offered load the solvers take by default (1e9 erlangs: about 30,000 terms of Erlang B). */
export const MAX_LOAD_ERLANGS = 1e9

/**
 * The default search cap for a load: 100,000 agents, or A + 100·√A + 100 for larger loads (square-root staffing
 * needs A + β·√A with β below 10 for any service level short of 1 − 1e-12), so loads above 1e5 erlangs are
 * computed rather than refused.
 * @throws RangeError above MAX_LOAD_ERLANGS
 */
export function defaultMaxAgents(offeredLoadErlangs: number): number {
  if (offeredLoadErlangs > MAX_LOAD_ERLANGS) throw new RangeError(`an offered load of ${offeredLoadErlangs} erlangs is above the largest the staffing models compute (${MAX_LOAD_ERLANGS} erlangs)`)
  return Math.max(DEFAULT_MAX_AGENTS, Math.ceil(offeredLoadErlangs + 100 * Math.sqrt(offeredLoadErlangs) + 100))
}
