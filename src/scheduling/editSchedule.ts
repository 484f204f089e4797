/**
 * Manual edits of a schedule, as pure functions returning a new schedule (the input is never changed): add,
 * remove and move shifts. Shifts are identified by template name and start; breaks move with their shift
 * (they are stored as offsets from the shift start). Recompute coverage with computeCoverage afterwards.
 */
import { formatLocalDateTime, parseLocalDateTime } from './localTime.ts'
import { validateSchedule, type Schedule } from './schedule.ts'
import { groupUnits, unitsOf, type ShiftUnit } from './shiftInstances.ts'
import { ScheduleInputError } from './scheduleInputError.ts'
import type { ValidShiftTemplate } from './shiftTemplates.ts'

/** Which group of shifts an edit applies to. */
export interface ShiftRef {
  templateName: string
  /** Local start 'YYYY-MM-DDTHH:MM'. */
  start: string
}

function takeUnits(schedule: Schedule, ref: ShiftRef, count: number, what: string): { taken: ShiftUnit[]; rest: ShiftUnit[] } {
  if (!Number.isInteger(count) || count <= 0) throw new RangeError(`count: must be a whole number > 0, got ${count}`)
  validateSchedule(schedule)
  const rest: ShiftUnit[] = [], taken: ShiftUnit[] = []
  for (const shift of schedule.shifts) {
    const units = unitsOf(shift)
    if (shift.templateName === ref.templateName && parseLocalDateTime(shift.start) === parseLocalDateTime(ref.start)) {
      // the last units go first, so the placements left keep their order
      while (units.length && taken.length < count) taken.push(units.pop()!)
    }
    rest.push(...units)
  }
  if (taken.length < count) {
    throw new ScheduleInputError([{ template: ref.templateName, field: 'start', message: `cannot ${what} ${count} shift(s) starting ${ref.start}: the schedule has ${taken.length}` }])
  }
  return { taken, rest }
}

/**
 * Removes `count` shifts of a template starting at a time.
 * @throws ScheduleInputError if the schedule has fewer such shifts; RangeError if count is not a whole number > 0
 */
export function removeShifts(schedule: Schedule, ref: ShiftRef, count = 1): Schedule {
  return groupUnits(takeUnits(schedule, ref, count, 'remove').rest)
}

/**
 * Moves `count` shifts of a template to a new start (any time: a manual edit may leave the template's allowed
 * starts); their breaks keep their offsets from the shift start.
 * @throws ScheduleInputError if the schedule has fewer such shifts or newStart is not a local date-time
 */
export function moveShifts(schedule: Schedule, ref: ShiftRef, newStart: string, count = 1): Schedule {
  let start: string
  try { start = formatLocalDateTime(parseLocalDateTime(newStart)) } catch (error) {
    throw new ScheduleInputError([{ template: ref.templateName, field: 'newStart', message: (error as Error).message }])
  }
  const { taken, rest } = takeUnits(schedule, ref, count, 'move')
  return groupUnits([...rest, ...taken.map((unit) => ({ ...unit, shift: { ...unit.shift, start } }))])
}

/**
 * Adds `count` shifts of a template at a start. Each break is placed at the middle of its window (rounded down
 * to a multiple of 15 minutes within the window) unless `breakOffsetsMinutes` gives the offset of each break.
 * @throws ScheduleInputError if start is not a local date-time or a given break offset is outside its window
 */
export function addShifts(schedule: Schedule, template: ValidShiftTemplate, start: string, count = 1, breakOffsetsMinutes?: readonly number[]): Schedule {
  if (!Number.isInteger(count) || count <= 0) throw new RangeError(`count: must be a whole number > 0, got ${count}`)
  validateSchedule(schedule)
  let startText: string
  try { startText = formatLocalDateTime(parseLocalDateTime(start)) } catch (error) {
    throw new ScheduleInputError([{ template: template.name, field: 'start', message: (error as Error).message }])
  }
  const breaks = template.breaks.map((rule, breakIndex) => {
    const middle = rule.earliestAfterMinutes + Math.floor((rule.latestAfterMinutes - rule.earliestAfterMinutes) / 2 / 15) * 15
    const offsetMinutes = breakOffsetsMinutes?.[breakIndex] ?? middle
    if (offsetMinutes < rule.earliestAfterMinutes || offsetMinutes > rule.latestAfterMinutes) {
      throw new ScheduleInputError([{ template: template.name, field: `breaks[${breakIndex}]`, message: `a break offset of ${offsetMinutes} min is outside the window ${rule.earliestAfterMinutes}-${rule.latestAfterMinutes} min` }])
    }
    return { breakIndex, name: rule.name, offsetMinutes, lengthMinutes: rule.lengthMinutes, paid: rule.paid }
  })
  const shift = { templateName: template.name, start: startText, lengthMinutes: template.lengthMinutes, paidMinutes: template.paidMinutes, ...(template.queue ? { queue: template.queue } : {}) }
  const units = schedule.shifts.flatMap(unitsOf)
  for (let i = 0; i < count; i++) units.push({ shift, breaks })
  return groupUnits(units)
}
