/**
 * Opening hours of a queue, per weekday. When opening hours are given, no shift may start before the queue opens
 * or end after it closes on the day it starts, nothing is required while it is closed, and every open minute
 * must be reachable by some allowed shift (otherwise the templates cannot cover the open hours: an input error).
 */
import { formatClockTime, parseClockTime, WEEKDAYS, type Weekday } from './localTime.ts'
import { allowedStartMinutesOfDay, type ValidShiftTemplate } from './shiftTemplates.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'

/** 'HH:MM' open and close for one day; close may be '24:00'. */
export interface DayOpeningHours {
  open: string
  close: string
}

/** Per weekday; a weekday missing or null is closed all day. */
export type OpeningHours = Partial<Record<Weekday, DayOpeningHours | null>>

/** Opening hours as minutes since midnight; undefined for a closed day. */
export type ValidOpeningHours = Record<Weekday, { openMinutes: number; closeMinutes: number } | undefined>

/**
 * Parses and checks opening hours.
 * @throws ScheduleInputError (template '(opening hours)') for unknown weekdays, bad clock times, close <= open
 */
export function validateOpeningHours(openingHours: OpeningHours): ValidOpeningHours {
  const issues: ScheduleInputIssue[] = []
  const valid = Object.fromEntries(WEEKDAYS.map((d) => [d, undefined])) as ValidOpeningHours
  if (openingHours === null || typeof openingHours !== 'object') {
    throw new ScheduleInputError([{ template: '(opening hours)', field: 'openingHours', message: 'must be an object keyed by weekday (mon ... sun)' }])
  }
  for (const [day, hours] of Object.entries(openingHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      issues.push({ template: '(opening hours)', field: day, message: `unknown weekday '${day}'; use ${WEEKDAYS.join(', ')}` })
      continue
    }
    if (hours === null || hours === undefined) continue
    try {
      const openMinutes = parseClockTime(hours.open)
      const closeMinutes = parseClockTime(hours.close, true)
      if (closeMinutes <= openMinutes) {
        issues.push({ template: '(opening hours)', field: day, message: `closes (${hours.close}) at or before it opens (${hours.open})` })
      } else valid[day as Weekday] = { openMinutes, closeMinutes }
    } catch (error) {
      issues.push({ template: '(opening hours)', field: day, message: (error as Error).message })
    }
  }
  if (issues.length) throw new ScheduleInputError(issues)
  return valid
}

/** Allowed start times (minutes since midnight) of a template on a weekday, within the opening hours if any. */
export function startMinutesOnWeekday(template: ValidShiftTemplate, day: Weekday, openingHours: ValidOpeningHours | undefined): number[] {
  if (!template.days.includes(day)) return []
  const starts = allowedStartMinutesOfDay(template)
  if (!openingHours) return starts
  const hours = openingHours[day]
  if (!hours) return []
  return starts.filter((s) => s >= hours.openMinutes && s + template.lengthMinutes <= hours.closeMinutes)
}

/**
 * Checks that the templates fit the opening hours: each template has at least one allowed start inside them, and
 * every open minute of every weekday is inside some allowed shift.
 * @throws ScheduleInputError naming the template that never fits, or the weekday and hours no template reaches
 */
export function checkTemplatesCoverOpeningHours(templates: readonly ValidShiftTemplate[], openingHours: ValidOpeningHours): void {
  const issues: ScheduleInputIssue[] = []
  for (const template of templates) {
    const openDays = template.days.filter((d) => openingHours[d])
    if (openDays.every((d) => startMinutesOnWeekday(template, d, openingHours).length === 0)) {
      issues.push({
        template: template.name,
        field: 'earliestStart',
        message: `no allowed start (${formatClockTime(template.earliestStartMinutes)}-${formatClockTime(template.latestStartMinutes)}) lets the ${template.lengthMinutes}-min shift fit within the opening hours on any of its days (${template.days.join(', ')})`,
      })
    }
  }
  const names = templates.map((t) => t.name).join(', ')
  for (const day of WEEKDAYS) {
    const hours = openingHours[day]
    if (!hours) continue
    const spans = templates
      .flatMap((t) => startMinutesOnWeekday(t, day, openingHours).map((s) => [s, s + t.lengthMinutes] as const))
      .sort((a, b) => a[0] - b[0])
    let reached = hours.openMinutes
    const gaps: string[] = []
    for (const [start, end] of spans) {
      if (start > reached) gaps.push(`${formatClockTime(reached)}-${formatClockTime(Math.min(start, hours.closeMinutes))}`)
      reached = Math.max(reached, end)
    }
    if (reached < hours.closeMinutes) gaps.push(`${formatClockTime(reached)}-${formatClockTime(hours.closeMinutes)}`)
    if (gaps.length) {
      issues.push({
        template: names,
        field: 'openingHours',
        message: `the shifts cannot cover the open hours on ${day} (${formatClockTime(hours.openMinutes)}-${formatClockTime(hours.closeMinutes)}): no allowed shift covers ${gaps.join(', ')}`,
      })
    }
  }
  if (issues.length) throw new ScheduleInputError(issues)
}

/** Whether [startMinute, startMinute + lengthMinutes) of a day lies within that weekday's opening hours. */
export function isWithinOpeningHours(openingHours: ValidOpeningHours, day: Weekday, startMinuteOfDay: number, lengthMinutes: number): boolean {
  const hours = openingHours[day]
  return !!hours && startMinuteOfDay >= hours.openMinutes && startMinuteOfDay + lengthMinutes <= hours.closeMinutes
}
