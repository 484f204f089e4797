/**
 * Turns the solver's variable values back into a Schedule: shift counts per start and break placements.
 */
import type { ScheduleModel } from './buildModel.ts'
import { formatLocalDateTime } from './localTime.ts'
import { compareScheduledShifts, type Schedule, type ScheduledBreak, type ScheduledShift } from './schedule.ts'

/**
 * Reads x_j and y_jkp (rounded to whole shifts) into a schedule sorted by start then template name. Break counts
 * are made to add up to the shift count if rounding left them one off.
 * @param valueOf value of the MIP variable at a position in model.mip.variables (0 when absent)
 */
export function decodeSchedule(model: ScheduleModel, valueOf: (variableIndex: number) => number): Schedule {
  const shifts: ScheduledShift[] = []
  model.candidates.forEach((candidate, j) => {
    const count = Math.round(valueOf(model.columns.shift[j]))
    if (count <= 0) return
    const template = model.templates[candidate.templateIndex]
    const breaks: ScheduledBreak[] = []
    template.breaks.forEach((rule, k) => {
      const vars = model.columns.breakPlacement[j][k]
      const offsets = model.columns.breakOffsetMinutes[j][k]
      const counts = vars.map((v) => Math.max(0, Math.round(valueOf(v))))
      let placed = counts.reduce((s, c) => s + c, 0)
      for (let p = 0; placed !== count && counts.length; p = (p + 1) % counts.length) {
        if (placed < count) { counts[p]++; placed++ } else if (counts[p] > 0) { counts[p]--; placed-- }
      }
      counts.forEach((c, p) => {
        if (c > 0) breaks.push({ breakIndex: k, name: rule.name, offsetMinutes: offsets[p], lengthMinutes: rule.lengthMinutes, paid: rule.paid, count: c })
      })
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
