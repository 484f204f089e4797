/**
 * A schedule's shifts one by one ("instances"): each with its own break times, the unit that rostering assigns
 * to an agent and that manual edits move. A group of `count` identical shifts is split so that the i-th shift
 * takes the i-th placement of each break (placements in offset order), and regrouped the same way.
 */
import { formatLocalDateTime, parseLocalDateTime } from './localTime.ts'
import { compareScheduledShifts, validateSchedule, type Schedule, type ScheduledBreak, type ScheduledShift } from './schedule.ts'

/** One shift of a group, with one placement per break (the form in which agents work it). */
export interface ShiftUnit {
  shift: Omit<ScheduledShift, 'count' | 'breaks'>
  breaks: Omit<ScheduledBreak, 'count'>[]
}

/** The group's shifts one by one: the i-th shift gets the i-th placement of each break (placements in offset order). */
export function unitsOf(shift: ScheduledShift): ShiftUnit[] {
  const { count, breaks, ...rest } = shift
  const byBreak = new Map<number, Omit<ScheduledBreak, 'count'>[]>()
  for (const b of [...breaks].sort((p, q) => p.breakIndex - q.breakIndex || p.offsetMinutes - q.offsetMinutes)) {
    const { count: n, ...placement } = b
    if (!byBreak.has(b.breakIndex)) byBreak.set(b.breakIndex, [])
    for (let i = 0; i < n; i++) byBreak.get(b.breakIndex)!.push(placement)
  }
  return Array.from({ length: count }, (_, i) => ({ shift: rest, breaks: [...byBreak.values()].map((list) => list[i]).filter(Boolean) }))
}

/** Groups units back into scheduled shifts (same template and start), breaks counted per placement. */
export function groupUnits(units: readonly ShiftUnit[]): Schedule {
  const groups = new Map<string, ScheduledShift>()
  for (const unit of units) {
    const key = `${unit.shift.templateName}\u0000${formatLocalDateTime(parseLocalDateTime(unit.shift.start))}`
    let group = groups.get(key)
    if (!group) {
      group = { ...unit.shift, start: formatLocalDateTime(parseLocalDateTime(unit.shift.start)), count: 0, breaks: [] }
      groups.set(key, group)
    }
    group.count++
    for (const b of unit.breaks) {
      const existing = group.breaks.find((g) => g.breakIndex === b.breakIndex && g.offsetMinutes === b.offsetMinutes)
      if (existing) existing.count++
      else group.breaks.push({ ...b, count: 1 })
    }
  }
  const shifts = [...groups.values()].sort(compareScheduledShifts)
  for (const s of shifts) s.breaks.sort((a, b) => a.breakIndex - b.breakIndex || a.offsetMinutes - b.offsetMinutes)
  return { shifts }
}

/** The schedule's shifts one by one, each with its own break times: the unit of rostering. */
export interface ShiftInstance {
  /** Stable within one schedule: template, start and a sequence number. */
  id: string
  templateName: string
  queue?: string
  /** Local start and end 'YYYY-MM-DDTHH:MM'. */
  start: string
  end: string
  startMinute: number
  endMinute: number
  lengthMinutes: number
  paidMinutes: number
  breaks: { name: string; start: string; end: string; paid: boolean }[]
}

/** Expands a schedule into single shifts, ordered by start, template name, then sequence. */
export function expandShiftInstances(schedule: Schedule): ShiftInstance[] {
  validateSchedule(schedule)
  const instances: ShiftInstance[] = []
  for (const shift of [...schedule.shifts].sort(compareScheduledShifts)) {
    const startMinute = parseLocalDateTime(shift.start)
    unitsOf(shift).forEach((unit, i) => {
      instances.push({
        id: `${shift.templateName}@${formatLocalDateTime(startMinute)}#${i + 1}`,
        templateName: shift.templateName,
        ...(shift.queue ? { queue: shift.queue } : {}),
        start: formatLocalDateTime(startMinute),
        end: formatLocalDateTime(startMinute + shift.lengthMinutes),
        startMinute,
        endMinute: startMinute + shift.lengthMinutes,
        lengthMinutes: shift.lengthMinutes,
        paidMinutes: shift.paidMinutes,
        breaks: unit.breaks.map((b) => ({
          name: b.name,
          start: formatLocalDateTime(startMinute + b.offsetMinutes),
          end: formatLocalDateTime(startMinute + b.offsetMinutes + b.lengthMinutes),
          paid: b.paid,
        })),
      })
    })
  }
  return instances
}
