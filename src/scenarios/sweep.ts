/**
 * Sweeps: one input of a scenario over a range of values (e.g. the service level target from 70% to 95%), each
 * value planned like a scenario of its own, drawn as two curves: with the agents we have (service level, cost) and
 * what it would take (the cost of staffing to the requirement and the service level that reaches), so a manager
 * sees where the cost of service climbs. This module builds the values and their overrides
 * and reads the curve; the planning layer plans each point (src/planning/scenarioPlan.ts).
 */
import type { PeriodFigures } from './compare.ts'
import type { OverrideProblem, ScenarioOverrides } from './types.ts'
import { numberProblem, type NumberBound } from '../schemas/bounds.ts'
import { SWEEP_BOUNDS, SWEEP_POINTS, sweepEndBound } from '../schemas/scenarios.ts'

export const SWEEP_INPUTS = ['serviceLevelTarget', 'answerWithinSeconds', 'asaTargetSeconds', 'shrinkageFraction', 'maxOccupancy', 'maxConcurrency', 'volumeChange', 'ahtChange', 'agentsPerInterval'] as const
export type SweepInput = (typeof SWEEP_INPUTS)[number]

const SWEEP_UNITS: Record<SweepInput, string> = {
  serviceLevelTarget: '%', answerWithinSeconds: 's', asaTargetSeconds: 's', shrinkageFraction: '%', maxOccupancy: '%',
  maxConcurrency: 'chats', volumeChange: '%', ahtChange: '%', agentsPerInterval: 'agents',
}

/** The input's label, unit and the range it may take (fractions as 0–1): the range from src/schemas (SWEEP_BOUNDS). */
export const SWEEP_INPUT_INFO = Object.fromEntries(SWEEP_INPUTS.map((input) => {
  const bound: NumberBound = SWEEP_BOUNDS[input]
  return [input, { label: bound.label, percent: bound.percent === true, unit: SWEEP_UNITS[input], min: bound.min, max: bound.max, integer: bound.integer === true }]
})) as Record<SweepInput, { label: string; percent: boolean; unit: string; min: number; max: number; integer: boolean }>

export const MAX_SWEEP_POINTS = SWEEP_POINTS.max

export interface SweepSpec {
  input: SweepInput
  from: number
  to: number
  /** Number of values from `from` to `to`, both included (at least 2). */
  points: number
}

const show = (input: SweepInput, v: number) => (SWEEP_INPUT_INFO[input].percent ? `${Math.round(v * 1e4) / 1e2}%` : `${v} ${SWEEP_INPUT_INFO[input].unit}`)

/** Every problem of a sweep's spec, naming its form field. */
export function validateSweepSpec(spec: SweepSpec): OverrideProblem[] {
  const problems: OverrideProblem[] = []
  if (!(SWEEP_INPUTS as readonly string[]).includes(spec.input)) return [{ field: 'sweepInput', message: `Sweep one of: ${SWEEP_INPUTS.join(', ')}; got '${String(spec.input)}'` }]
  const info = SWEEP_INPUT_INFO[spec.input]
  for (const key of ['from', 'to'] as const) {
    const problem = numberProblem(sweepEndBound(spec.input, key), spec[key])
    if (problem) problems.push({ field: `sweep${key === 'from' ? 'From' : 'To'}`, message: problem })
  }
  if (!problems.length && spec.to <= spec.from) problems.push({ field: 'sweepTo', message: `${info.label}: the sweep must go up, from ${show(spec.input, spec.from)} to a larger value, got ${show(spec.input, spec.to)}` })
  const pointsProblem = numberProblem(SWEEP_POINTS, spec.points)
  if (pointsProblem) problems.push({ field: 'sweepPoints', message: pointsProblem })
  return problems
}

/**
 * The values of the sweep, evenly spaced and both ends included; whole-number inputs are rounded and repeated
 * values dropped.
 * @throws RangeError listing the spec's problems
 * @example sweepValues({ input: 'serviceLevelTarget', from: 0.7, to: 0.9, points: 3 }) // [0.7, 0.8, 0.9]
 */
export function sweepValues(spec: SweepSpec): number[] {
  const problems = validateSweepSpec(spec)
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('; '))
  const values: number[] = []
  for (let k = 0; k < spec.points; k++) {
    let v = spec.from + ((spec.to - spec.from) * k) / (spec.points - 1)
    v = SWEEP_INPUT_INFO[spec.input].integer ? Math.round(v) : Math.round(v * 1e9) / 1e9
    if (!values.includes(v)) values.push(v)
  }
  return values
}

/** The scenario's overrides with the swept input set to `value` (other overrides kept; never mutates `base`). */
export function sweepOverrides(base: ScenarioOverrides, input: SweepInput, value: number): ScenarioOverrides {
  const o: ScenarioOverrides = { ...base }
  switch (input) {
    case 'volumeChange': o.volume = [...(base.volume ?? []), { scope: {}, kind: 'fraction', changeFraction: value }]; break
    case 'ahtChange': o.aht = [...(base.aht ?? []), { scope: {}, kind: 'fraction', changeFraction: value }]; break
    case 'agentsPerInterval': o.headcount = { kind: 'perInterval', agents: value }; break
    case 'maxConcurrency': o.maxConcurrency = value; break
    default: o[input] = value
  }
  return o
}

export interface SweepPoint {
  value: number
  /** Null when the plan cannot be made at this value (e.g. the load cannot be staffed); `error` says why. */
  figures: PeriodFigures | null
  error?: string
}

export interface SweepCurvePoint extends SweepPoint {
  /** Extra cost per percentage point of service level gained from the previous point (null at the first or when the service did not rise). */
  costPerServicePoint: number | null
}

export interface SweepCurve {
  input: SweepInput
  points: SweepCurvePoint[]
  /** The point after which each extra point of service costs the most more than before: where the cost of service climbs. */
  kneeIndex: number | null
}

/**
 * The curve of a sweep: each point's cost per point of service gained from the one before, and the knee, the
 * point where that marginal cost jumps the most (the largest ratio of consecutive marginal costs).
 */
export function sweepCurve(input: SweepInput, points: readonly SweepPoint[]): SweepCurve {
  const out: SweepCurvePoint[] = points.map((p, k) => {
    const prev = points[k - 1]
    const a = prev?.figures, b = p.figures
    let marginal: number | null = null
    // What it would take: the cost of staffing to the requirement against the service that staffing reaches.
    if (a && b && a.serviceLevelIfStaffed !== null && b.serviceLevelIfStaffed !== null) {
      const gainedPoints = (b.serviceLevelIfStaffed - a.serviceLevelIfStaffed) * 100
      if (gainedPoints > 1e-9) marginal = (b.requiredCost - a.requiredCost) / gainedPoints
    }
    return { ...p, figures: p.figures ? { ...p.figures } : null, costPerServicePoint: marginal }
  })
  let kneeIndex: number | null = null
  let bestRatio = 1
  for (let k = 1; k < out.length; k++) {
    const before = out[k - 1].costPerServicePoint, here = out[k].costPerServicePoint
    if (before === null || here === null || before <= 0) continue
    const ratio = here / before
    if (ratio > bestRatio) { bestRatio = ratio; kneeIndex = k - 1 }
  }
  return { input, points: out, kneeIndex }
}
