/**
 * A schedule's paid agent-hours and the cost of its shifts as they are now (hand edits included, every shift
 * placed, with an agent or not): the one computation behind the schedules list, the schedule's page and the API.
 */
import type { ScheduledShift } from './schedule.ts'
import type { ShiftTemplate } from './shiftTemplates.ts'

export interface ScheduleFigures {
  paidAgentHours: number
  /** Σ count × paid hours × the template's cost per paid hour (1 when the template is unknown or has none). */
  shiftCost: number
}

/**
 * @example scheduleFigures([{ templateName: '8h', count: 2, paidMinutes: 450 }], [{ name: '8h', costPerHour: 20, … }]) // { paidAgentHours: 15, shiftCost: 300 }
 */
export function scheduleFigures(shifts: readonly Pick<ScheduledShift, 'templateName' | 'count' | 'paidMinutes'>[], templates: readonly Pick<ShiftTemplate, 'name' | 'costPerHour'>[]): ScheduleFigures {
  const costOf = new Map(templates.map((t) => [t.name, t.costPerHour ?? 1]))
  let paidMinutes = 0, cost = 0
  for (const s of shifts) {
    paidMinutes += s.count * s.paidMinutes
    cost += (s.count * s.paidMinutes * (costOf.get(s.templateName) ?? 1)) / 60
  }
  return { paidAgentHours: paidMinutes / 60, shiftCost: cost }
}
