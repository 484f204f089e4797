/**
 * What a capacity plan costs, week by week and in total:
 * - paid hours = headcount · paidHoursPerWeek (trainees are paid too);
 * - overtime closes part of a gap: overtime FTE = min(shortfall, productive · maxOvertimeFraction), paid at
 *   overtimeCostFactor × the hourly cost; one FTE of overtime is paidHoursPerWeek / ftePerHead hours;
 * - each hire costs hiringCostPerHire + trainingCostPerHire once, in the week they start;
 * - the shortfall left after overtime is what the service level pays for (see weeklyServiceAtStaffing).
 */
import type { CapacityWeek } from './projectCapacity.ts'
import type { StaffModel } from './staffModel.ts'

export interface WeekCost {
  weekStart: string
  paidHours: number
  overtimeHours: number
  /** Shortfall after overtime (FTE, ≥ 0). */
  shortfallFte: number
  hiringCost: number
  cost: number
}

export interface CapacityCost {
  weeks: WeekCost[]
  paidHours: number
  overtimeHours: number
  hires: number
  hiringCost: number
  cost: number
  /** Σ shortfall FTE-weeks after overtime. */
  shortfallFteWeeks: number
  weeksShort: number
}

export function capacityCost(weeks: readonly CapacityWeek[], model: StaffModel): CapacityCost {
  const hoursPerFte = model.paidHoursPerWeek / model.ftePerHead
  const perHire = model.hiringCostPerHire + model.trainingCostPerHire
  const rows = weeks.map((w) => {
    const short = Math.max(0, -w.gapFte)
    const overtimeFte = Math.min(short, w.productiveFte * model.maxOvertimeFraction)
    const paidHours = w.headcount * model.paidHoursPerWeek
    const overtimeHours = overtimeFte * hoursPerFte
    const hiringCost = w.hiresStarting * perHire
    return {
      weekStart: w.weekStart,
      paidHours,
      overtimeHours,
      shortfallFte: short - overtimeFte,
      hiringCost,
      cost: paidHours * model.costPerHour + overtimeHours * model.costPerHour * model.overtimeCostFactor + hiringCost,
    }
  })
  const sum = (f: (r: WeekCost) => number) => rows.reduce((s, r) => s + f(r), 0)
  return {
    weeks: rows,
    paidHours: sum((r) => r.paidHours),
    overtimeHours: sum((r) => r.overtimeHours),
    hires: weeks.reduce((s, w) => s + w.hiresStarting, 0),
    hiringCost: sum((r) => r.hiringCost),
    cost: sum((r) => r.cost),
    shortfallFteWeeks: sum((r) => r.shortfallFte),
    weeksShort: rows.filter((r) => r.shortfallFte > 1e-6).length,
  }
}

/** The cost of a team of several groups: each group's cost (with its own model) summed week by week. */
export function sumCapacityCosts(costs: readonly CapacityCost[]): CapacityCost {
  const total = (f: (c: CapacityCost) => number) => costs.reduce((s, c) => s + f(c), 0)
  const weeks: WeekCost[] = costs[0].weeks.map((w, i) => {
    const add = (key: 'paidHours' | 'overtimeHours' | 'shortfallFte' | 'hiringCost' | 'cost') => costs.reduce((s, c) => s + c.weeks[i][key], 0)
    return { weekStart: w.weekStart, paidHours: add('paidHours'), overtimeHours: add('overtimeHours'), shortfallFte: add('shortfallFte'), hiringCost: add('hiringCost'), cost: add('cost') }
  })
  return {
    weeks, paidHours: total((c) => c.paidHours), overtimeHours: total((c) => c.overtimeHours), hires: total((c) => c.hires), hiringCost: total((c) => c.hiringCost),
    cost: total((c) => c.cost), shortfallFteWeeks: total((c) => c.shortfallFteWeeks), weeksShort: weeks.filter((w) => w.shortfallFte > 1e-6).length,
  }
}
