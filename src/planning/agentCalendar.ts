/**
 * An agent's shifts as an iCalendar feed (RFC 5545, written by ical-generator): one event per published shift,
 * its breaks in the description, times in the queue's zone (DTSTART;TZID=… with the zone's VTIMEZONE), and a UID
 * per shift row (`shift-<id>@chatplan`), which a re-roster keeps: a phone subscribed to the feed updates or removes
 * the event instead of adding a copy.
 */
import ical, { ICalCalendarMethod } from 'ical-generator'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import { DateTime } from 'luxon'
import type { AgentShift } from './agentRequests.ts'
import { formatDecimal } from '../format/numbers.ts'

const clockOf = (localIso: string) => localIso.slice(11, 16)

/**
 * The feed text. `timeZone` is the agent's zone (the first shift's queue when the agent has none); each event
 * carries its own queue's zone. `stampMs` is the DTSTAMP of every event (the time the roster last changed).
 */
export function agentCalendarIcs(agentName: string, shifts: readonly AgentShift[], options: { timeZone?: string; stampMs: number }): string {
  const zone = options.timeZone ?? shifts[0]?.timeZone ?? 'UTC'
  const calendar = ical({ name: `Shifts of ${agentName} (Chatplan)`, prodId: { company: 'Chatplan', product: 'shifts', language: 'EN' }, method: ICalCalendarMethod.PUBLISH, timezone: { name: zone, generator: getVtimezoneComponent } })
  calendar.ttl(15 * 60)
  for (const shift of shifts) {
    const breaks = shift.breaks.map((b) => `${clockOf(b.startLocal)}-${clockOf(b.endLocal)} ${b.name} (${b.paid ? 'paid' : 'unpaid'})`)
    calendar.createEvent({
      id: `shift-${shift.id}@chatplan`,
      start: DateTime.fromMillis(shift.startMs, { zone: shift.timeZone }),
      end: DateTime.fromMillis(shift.endMs, { zone: shift.timeZone }),
      timezone: shift.timeZone,
      stamp: DateTime.fromMillis(options.stampMs, { zone: 'UTC' }),
      summary: `${shift.templateName} (${shift.queueName})`,
      description: `Shift ${shift.templateName} on ${shift.queueName}, ${clockOf(shift.startLocal)}-${clockOf(shift.endLocal)} ${shift.timeZone}, ${formatDecimal(shift.paidMinutes / 60, 2)} paid hours.${breaks.length ? `\nBreaks: ${breaks.join('; ')}` : ''}`,
    })
  }
  // ical-generator writes DTSTAMP in the calendar's zone without 'Z'; RFC 5545 (3.8.7.2) requires UTC.
  const stamp = DateTime.fromMillis(options.stampMs, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'")
  return calendar.toString().replace(/^DTSTAMP:[^\r\n]*/gm, `DTSTAMP:${stamp}`)
}
