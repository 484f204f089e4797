import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { detectMapping } from '../../src/imports/columnMapping.ts'
import { contactRecordParser, parseContactRecord, type ContactRowContext } from '../../src/imports/contactRows.ts'
import { parseCsatCell, parseDurationCell, parseNpsCell, parseTimeCell } from '../../src/imports/cellParsers.ts'

const HEADERS = ['id', 'queue', 'arrived_at', 'answered_at', 'ended_at', 'wait_seconds', 'handle_seconds', 'outcome', 'agent', 'csat', 'nps', 'resolved']
const ctx: ContactRowContext = { mapping: detectMapping(HEADERS, 'contacts').mapping, defaultQueue: null, zoneOfQueue: () => 'Europe/London' }

describe('parseContactRecord', () => {
  it('reads a row of the Anonymous Bank file', () => {
    const headers = 'contact_id,queue,priority,arrived_at,answered_at,ended_at,wait_seconds,handle_seconds,outcome,agent'.split(',')
    const record = Object.freeze('33118,PS,2,1999-01-01T06:55:26,1999-01-01T06:55:43,1999-01-01T06:56:37,17,54,answered,MICHAL'.split(',')) as string[]
    const parsed = parseContactRecord(record, { mapping: detectMapping(headers, 'contacts').mapping, defaultQueue: null, zoneOfQueue: () => 'Asia/Jerusalem' })
    expect(parsed).toEqual({
      row: {
        queue: 'PS', externalId: '33118', arrivedAtMs: Date.UTC(1999, 0, 1, 4, 55, 26), firstResponseAtMs: Date.UTC(1999, 0, 1, 4, 55, 43),
        endedAtMs: Date.UTC(1999, 0, 1, 4, 56, 37), waitSeconds: 17, handleSeconds: 54, outcome: 'answered', agent: 'MICHAL', issueType: null,
        customerSegment: null, resolvedFirstContact: null, csatScore: null, npsScore: null, synthetic: false,
      },
    })
  })

  it('derives wait, handle time and outcome from the times', () => {
    const answered = parseContactRecord(['1', 'Q', '2024-01-01T10:00:00', '2024-01-01T10:00:30', '2024-01-01T10:05:30', '', '', '', '', '', '', ''], ctx)
    expect(answered).toMatchObject({ row: { waitSeconds: 30, handleSeconds: 300, outcome: 'answered' } })
    const abandoned = parseContactRecord(['2', 'Q', '2024-01-01T10:00:00', '', '2024-01-01T10:01:15', '', '', '', '', '', '', ''], ctx)
    expect(abandoned).toMatchObject({ row: { waitSeconds: 75, handleSeconds: null, outcome: 'abandoned' } })
    const stated = parseContactRecord(['3', 'Q', '2024-01-01T10:00:00', '', '', '20', '00:03:00', 'served', '', '', '', ''], ctx)
    expect(stated).toMatchObject({ row: { waitSeconds: 20, handleSeconds: 180, outcome: 'answered' } })
  })

  it('lists every problem with its field', () => {
    const parsed = parseContactRecord(['1', 'Q', '2024-01-01T10:00:00', '2024-01-01T09:00:00', '', '-1', '', 'maybe', '', '9', '12', 'perhaps'], ctx)
    expect(parsed).toEqual({
      problems: [
        { field: 'waitSeconds', message: 'negative wait -1' },
        { field: 'outcome', message: "outcome 'maybe' is neither answered nor abandoned" },
        { field: 'resolved', message: "resolved 'perhaps' is not yes/no (use true/false, yes/no or 1/0)" },
        { field: 'csat', message: 'CSAT 9 is above 5' },
        { field: 'nps', message: 'NPS answer 12 is above 10' },
        { field: 'firstResponseAt', message: 'answered before arrived (2024-01-01T09:00:00 is before 2024-01-01T10:00:00)' },
      ],
    })
    expect(parseContactRecord(['1', '', '', '', '', '', '', '', '', '', '', ''], ctx)).toEqual({ problems: [{ field: 'queue', message: 'no queue: the file has no queue column and no --queue was given' }] })
    expect(parseContactRecord(['1', 'Q', '', '', '', '', '', '', '', '', '', ''], ctx)).toEqual({ problems: [{ field: 'arrivedAt', message: 'arrival time is empty' }] })
  })

  it('asks for the zone of each queue once, and uses the default queue when the cell is empty', () => {
    const asked: string[] = []
    const parse = contactRecordParser({ ...ctx, defaultQueue: 'Main', zoneOfQueue: (q) => { asked.push(q); return q === 'NY' ? 'America/New_York' : 'UTC' } })
    const rows = [['1', 'NY', '2024-01-01T10:00:00'], ['2', '', '2024-01-01T10:00:00'], ['3', 'NY', '2024-01-01T11:00:00']]
      .map((r) => parse([...r, '', '', '', '', '', '', '', '', '']))
    expect(asked).toEqual(['NY', 'Main'])
    expect(rows.map((r) => ('row' in r ? [r.row.queue, r.row.arrivedAtMs] : r))).toEqual([
      ['NY', Date.UTC(2024, 0, 1, 15)], ['Main', Date.UTC(2024, 0, 1, 10)], ['NY', Date.UTC(2024, 0, 1, 16)],
    ])
  })

  it('its fast paths give the full cell parsers’ values (random records)', () => {
    const time = fc.constantFrom('', 'NA', '2024-03-31T01:30:00', '2024-06-01 08:00:00', '2024-06-01T08:00:00+02:00', '2024-06-01', 'soon', '2024-02-30T00:00:00', '2024-06-01T09:00:00')
    const duration = fc.constantFrom('', '0', '45', '007', '1:30', '00:02:00', '-4', '2.5', 'x', ' 12 ')
    const score = fc.constantFrom('', '1', '5', '10', 'good', 'not rated', '7.5', '-')
    const record = fc.tuple(fc.constantFrom('1', ''), fc.constantFrom('Q', ' Q ', 'NA'), time, time, time, duration, duration,
      fc.constantFrom('', 'answered', 'abandoned', 'Answered', 'HANG', 'x'), fc.constantFrom('', 'Ana', ' Ana '), score, score, fc.constantFrom('', 'true', '0', 'Yes', 'x'))
    fc.assert(fc.property(record, (cells) => {
      const parsed = contactRecordParser({ ...ctx, defaultQueue: 'Q' })(cells)
      if (!('row' in parsed)) return
      const value = <T>(p: { value: T | null } | { error: string }) => ('value' in p ? p.value : 'error')
      expect(parsed.row.arrivedAtMs).toBe(value(parseTimeCell(cells[2], 'Europe/London')))
      expect(parsed.row.firstResponseAtMs).toBe(value(parseTimeCell(cells[3], 'Europe/London')))
      expect(parsed.row.endedAtMs).toBe(value(parseTimeCell(cells[4], 'Europe/London')))
      const statedWait = value(parseDurationCell(cells[5], 'wait'))
      if (statedWait !== null) expect(parsed.row.waitSeconds).toBe(statedWait) // else derived from the times
      expect(parsed.row.csatScore).toBe(value(parseCsatCell(cells[9])))
      expect(parsed.row.npsScore).toBe(value(parseNpsCell(cells[10])))
      expect(parsed.row.agent).toBe(cells[8] === '' ? null : 'Ana')
    }), { seed: 31, numRuns: 2000 })
  })
})

describe('time window and duration bounds', () => {
  const now = Date.UTC(2026, 11, 6)
  const parse = contactRecordParser({ ...ctx, nowMs: now })
  const row = (arrived: string, wait = '', handle = '') => parse(['1', 'Q', arrived, '', '', wait, handle, '', '', '', '', ''])

  it('refuses a date outside 1970 to ten years ahead, quoting the cell (year 0000 is not read as 1900)', () => {
    expect(row('9999-12-31T10:00:00')).toEqual({ problems: [{ field: 'arrivedAt', message: "time '9999-12-31T10:00:00' is outside the accepted range 1970-01-01 to 2036-12-06 (a typo in the year?)" }] })
    expect(row('0000-01-01T00:00:00')).toEqual({ problems: [{ field: 'arrivedAt', message: "time '0000-01-01T00:00:00' is outside the accepted range 1970-01-01 to 2036-12-06 (a typo in the year?)" }] })
    expect(row('1969-12-31T23:59:59')).toMatchObject({ problems: [{ field: 'arrivedAt' }] })
    expect(row('2036-12-05T10:00:00')).toMatchObject({ row: { arrivedAtMs: Date.UTC(2036, 11, 5, 10) } })
    expect(row('1970-01-01T01:00:00')).toMatchObject({ row: { arrivedAtMs: Date.UTC(1970, 0, 1, 0) } }) // London was UTC+1 in 1970
  })

  it('bounds durations at 7 days: 1e308 and 604801 s are refused, 604800 s and 168:00:00 are kept', () => {
    expect(row('2024-01-01T10:00:00', '', '1e308')).toEqual({ problems: [{ field: 'handleSeconds', message: 'duration 1e308 s is longer than 7 days (604800 s), the most a chat duration may be' }] })
    expect(row('2024-01-01T10:00:00', '604801')).toEqual({ problems: [{ field: 'waitSeconds', message: 'wait 604801 s is longer than 7 days (604800 s), the most a chat duration may be' }] })
    expect(row('2024-01-01T10:00:00', '604800', '168:00:00')).toMatchObject({ row: { waitSeconds: 604800, handleSeconds: 604800 } })
    expect(row('2024-01-01T10:00:00', '', '168:00:01')).toMatchObject({ problems: [{ field: 'handleSeconds' }] })
  })
})
