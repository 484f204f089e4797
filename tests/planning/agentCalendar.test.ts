import { describe, expect, it } from 'vitest'
import { agentCalendarIcs } from '../../src/planning/agentCalendar.ts'
import type { AgentShift } from '../../src/planning/agentRequests.ts'

// An 8-hour shift in Jerusalem on Sunday 6 December 2026 (winter time, +02:00).
const shift: AgentShift = {
  id: 41, queueName: 'PS', timeZone: 'Asia/Jerusalem', templateName: '8h', startLocal: '2026-12-06T07:00', endLocal: '2026-12-06T15:00',
  startMs: Date.UTC(2026, 11, 6, 5, 0), endMs: Date.UTC(2026, 11, 6, 13, 0), offset: '+02:00', paidMinutes: 450, breaks: [],
}

describe('agentCalendarIcs', () => {
  it('writes DTSTAMP in UTC with Z (RFC 5545 3.8.7.2) while DTSTART keeps the queue zone', () => {
    // 11:49:04 UTC is 13:49:04 in Jerusalem and 06:49:04 in New York: the stamp is the same instant in every zone.
    for (const timeZone of ['Asia/Jerusalem', 'America/New_York']) {
      const ics = agentCalendarIcs('Dana', [shift], { timeZone, stampMs: Date.UTC(2026, 11, 6, 11, 49, 4) })
      expect(ics.match(/^DTSTAMP:.*$/gm)?.map((l) => l.trim())).toEqual(['DTSTAMP:20261206T114904Z'])
      expect(ics).toContain('DTSTART;TZID=Asia/Jerusalem:20261206T070000')
    }
  })
})
