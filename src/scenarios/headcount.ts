/**
 * The inverse question of a scenario: with a given headcount, how many agents are on shift in each interval, and
 * how many of them take chats. The service they give is then the staffing engine's (serviceForStaffing).
 */
import type { HeadcountOverride } from './types.ts'

export interface HeadcountPlanShape {
  intervalMinutes: number
  hoursPerFte: number
  /** Local date of each interval. */
  dateKeys: readonly string[]
  /** Forecast mean volume of each interval: agents are put only where there is volume. */
  volumes: readonly number[]
  /** The requirement after shrinkage, unrounded (the shape a total headcount is spread in). */
  scheduledExact: readonly number[]
}

/**
 * Agents on shift (paid, before shrinkage) per interval for a headcount:
 * - `perInterval`: N in every interval with volume, 0 elsewhere;
 * - `totalFte`: each day's paid hours (fte × hoursPerFte) spread over the day in proportion to the requirement,
 *   agentsᵢ = paidHours · (scheduledᵢ / Σday scheduled) / intervalHours (nothing on a day that needs nobody).
 * @example coverageForHeadcount({ kind: 'totalFte', fte: 2 }, { intervalMinutes: 60, hoursPerFte: 8, dateKeys: ['d', 'd'], volumes: [5, 5], scheduledExact: [3, 1] }) // [12, 4]
 */
export function coverageForHeadcount(headcount: HeadcountOverride, shape: HeadcountPlanShape): number[] {
  const n = shape.volumes.length
  if (shape.dateKeys.length !== n || shape.scheduledExact.length !== n) throw new RangeError(`dateKeys (${shape.dateKeys.length}), volumes (${n}) and scheduledExact (${shape.scheduledExact.length}) must have one value per interval`)
  if (headcount.kind === 'perInterval') return shape.volumes.map((v) => (v > 0 ? headcount.agents : 0))
  const intervalHours = shape.intervalMinutes / 60
  const dayTotals = new Map<string, number>()
  shape.dateKeys.forEach((d, i) => dayTotals.set(d, (dayTotals.get(d) ?? 0) + shape.scheduledExact[i]))
  const paidHoursPerDay = headcount.fte * shape.hoursPerFte
  return shape.scheduledExact.map((s, i) => {
    const day = dayTotals.get(shape.dateKeys[i])!
    return day > 0 ? (paidHoursPerDay * (s / day)) / intervalHours : 0
  })
}

/**
 * Agents taking chats out of those on shift: onShift · (1 − shrinkage), unrounded (rounded to 1e-9 so 20 · 0.7 is
 * 14, not 13.999…). The service of a fractional number of agents is interpolated between its two whole neighbours
 * (src/planning/scenarioPlan.ts, as the schedules' coverage does).
 * @example productiveAgents(20, 0.3) // 14
 */
export function productiveAgents(agentsOnShift: number, shrinkageFraction: number): number {
  if (!(Number.isFinite(agentsOnShift) && agentsOnShift >= 0)) throw new RangeError(`agentsOnShift must be a number >= 0, got ${agentsOnShift}`)
  if (!(shrinkageFraction >= 0 && shrinkageFraction < 1)) throw new RangeError(`shrinkageFraction must be in [0, 1), got ${shrinkageFraction}`)
  return Math.round(agentsOnShift * (1 - shrinkageFraction) * 1e9) / 1e9
}
