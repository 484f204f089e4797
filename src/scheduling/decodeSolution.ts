/**
 * Turns the solver's variable values back into a Schedule: shift counts per start and break placements.
 */
import { matchBreaks } from './breakChains.ts'
import type { ScheduleModel } from './buildModel.ts'
import { formatLocalDateTime } from './localTime.ts'
import { compareScheduledShifts, type Schedule, type ScheduledBreak, type ScheduledShift } from './schedule.ts'

/**
 * Reads x_j (rounded to whole shifts) and the break-time counts into a schedule sorted by start then template
 * name; the breaks of each chain are handed to its shifts by matchBreaks, one per shift.
 * @param valueOf value of the MIP variable at a position in model.mip.variables (0 when absent)
 */
export function decodeSchedule(model: ScheduleModel, valueOf: (variableIndex: number) => number): Schedule {
  const counts = model.columns.shift.map((x) => Math.max(0, Math.round(valueOf(x))))
  /** Per start j: break kind -> offset -> count. */
  const placements = model.candidates.map(() => new Map<number, Map<number, number>>())
  for (const chain of model.columns.breakChains) {
    const given = matchBreaks(chain, chain.starts.map((j) => counts[j]), chain.timeVariables.map(valueOf))
    chain.starts.forEach((j, i) => {
      const byOffset = placements[j].get(chain.breakIndex) ?? new Map<number, number>()
      for (const time of given[i]) {
        const offset = time - model.candidates[j].startMinute
        byOffset.set(offset, (byOffset.get(offset) ?? 0) + 1)
      }
      placements[j].set(chain.breakIndex, byOffset)
    })
  }
  const shifts: ScheduledShift[] = []
  model.candidates.forEach((candidate, j) => {
    const count = counts[j]
    if (count <= 0) return
    const template = model.templates[candidate.templateIndex]
    const breaks: ScheduledBreak[] = []
    template.breaks.forEach((rule, k) => {
      const byOffset = [...(placements[j].get(k) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0])
      for (const [offsetMinutes, n] of byOffset) breaks.push({ breakIndex: k, name: rule.name, offsetMinutes, lengthMinutes: rule.lengthMinutes, paid: rule.paid, count: n })
    })
    shifts.push({
      templateName: template.name,
      start: formatLocalDateTime(candidate.startMinute),
      lengthMinutes: template.lengthMinutes,
      paidMinutes: template.paidMinutes,
      ...(template.queue ? { queue: template.queue } : {}),
      count,
      breaks,
    })
  })
  shifts.sort(compareScheduledShifts)
  return { shifts }
}
