import { describe, expect, it } from 'vitest'
import { EVERY_QUEUE, eventsToCsv, parseEventsCsv } from '../../src/events/eventsCsv.ts'
import type { CalendarEvent } from '../../src/events/calendar.ts'
import { HOSTILE_NAMES } from '../format/hostileNames.ts'

const NY = 'America/New_York'
const event = (name: string, queueId: number | null): CalendarEvent => ({
  id: 1, queueId, type: 'promotion', name, startUtcMs: Date.UTC(2003, 9, 26, 5, 30), endUtcMs: Date.UTC(2003, 9, 26, 6, 30), timeZone: NY,
  effect: { kind: 'multiplier', value: 1.25 }, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 }, source: 'user', learnKey: 'promotion',
} as CalendarEvent)

describe('events CSV', () => {
  it('neutralises hostile names, writes offsets (both 01:30s of a DST repeat), and reads its own export back unchanged', () => {
    const events = HOSTILE_NAMES.map((name, i) => event(name, i % 2 ? 7 : null))
    const csv = eventsToCsv(events, () => '=evil queue')
    const lines = csv.trim().split('\n')
    expect(lines[1]).toBe(`${EVERY_QUEUE},promotion,"'=HYPERLINK(""http://evil.example"",""x"")",2003-10-26T01:30:00-04:00,2003-10-26T01:30:00-05:00,multiplier,1.25,0,0,0,America/New_York`)
    expect(lines[2].startsWith("'=evil queue,promotion,'+cmd|' /C calc'!A0,")).toBe(true)
    const back = parseEventsCsv(csv, [{ id: 7, name: '=evil queue', timeZone: NY }])
    expect(back.problems).toEqual([])
    expect(back.events.map((e) => [e.name, e.queueId, e.startUtcMs, e.endUtcMs])).toEqual(events.map((e) => [e.name, e.queueId, e.startUtcMs, e.endUtcMs]))
  })

  it('names an end before the start in the file\'s own dates, with the row\'s other problems at once', () => {
    const csv = 'queue,type,name,start,end,effect,value\n,promotion,Backwards,1999-11-05,1999-11-04,multiplier,x\n'
    const { problems } = parseEventsCsv(csv, [])
    expect(problems.map((p) => [p.column, p.message])).toEqual(expect.arrayContaining([
      ['end', "end '1999-11-04' is not after start '1999-11-05' (a date alone as the end means the end of that day)"],
      ['value', "value must be a number, got 'x'"],
    ]))
  })
})
