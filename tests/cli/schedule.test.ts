import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/commands/schedule.ts'
import { memoryIo } from '../../src/cli/io.ts'

const dir = mkdtempSync(join(tmpdir(), 'chatplan-schedule-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileNumber = 0
function file(name: string, text: string): string {
  const path = join(dir, `${++fileNumber}-${name}`)
  writeFileSync(path, text)
  return path
}
function requirementsCsv(rows: [string, number | string][], header = 'interval_start,agents_required'): string {
  return file('R.csv', [header, ...rows.map(([t, v]) => `${t},${v}`)].join('\n') + '\n')
}
function shiftsJson(shifts: unknown[], extra: Record<string, unknown> = {}): string {
  return file('S.json', JSON.stringify({ shifts, ...extra }))
}
async function schedule(...args: string[]) {
  const io = memoryIo()
  const code = await run(args, io)
  return { code, out: io.stdout, err: io.stderr }
}
const hours = (date: string, fromHour: number, values: number[]) =>
  values.map((v, i) => [`${date}T${String(fromHour + i).padStart(2, '0')}:00`, v] as [string, number])

describe('chatplan schedule', () => {
  it('prints the cheapest shifts as CSV and the summary line (exact, no breaks)', async () => {
    // 1 agent 06:00-22:00 in hours: two 8-h shifts (06:00 and 14:00) are the minimum, 16 paid hours.
    const r = requirementsCsv(hours('2024-03-04', 6, new Array(16).fill(1)))
    const s = shiftsJson([{ name: '8h', length_minutes: 480, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 30 }])
    expect(await schedule('--requirements', r, '--shifts', s)).toEqual({
      code: 0,
      out: 'start,name,length_minutes,count\n2024-03-04T06:00,8h,480,1\n2024-03-04T14:00,8h,480,1\npaid_agent_hours=16 short_agent_intervals=0 gap=0\n',
      err: '',
    })
  })

  it('writes a hostile template name as text, never as a spreadsheet formula (the shared CSV writer)', async () => {
    const r = requirementsCsv(hours('2024-03-04', 6, new Array(8).fill(1)))
    const s = shiftsJson([{ name: '=HYPERLINK("http://x","y")', length_minutes: 480, earliest_start: '06:00', latest_start: '06:00', start_step_minutes: 30 }])
    const { code, out } = await schedule('--requirements', r, '--shifts', s)
    expect(code).toBe(0)
    expect(out.split('\n')[1]).toBe('2024-03-04T06:00,"\'=HYPERLINK(""http://x"",""y"")",480,1')
  })

  it('mixes lengths at least cost, sorted by start then name, with fractional requirements covered', async () => {
    // 30-min grid 06:00-08:00 with 1, 2, 3.4, 2, 1 agents: 3.4 needs 4. 1-h and 2-h shifts, paid hours only.
    // Lower bound: 1+2+4+2+1 = 10 half-hours = 5 h, reached only by exact cover. Exact cover is impossible:
    // 07:00 needs 2 more agents than 06:30, so two shifts start at 07:00 and, lasting 2 or 4 intervals, also
    // cover 07:30 (need 2), so nothing else may touch 07:30; the 08:00 agent must then start at 08:00 and its
    // 1-h or 2-h shift covers nothing else, fine, but the other 2 agents at 07:00 must come from shifts ending at
    // 07:30 (starting 06:30, covering 06:30: need 2, fine) and the 06:00 agent's shift (2 or 4 intervals) covers
    // 06:30 too, making 3 there. So 6 h is optimal, e.g. 2h@06:00, 2h@06:30, 2 x 1h@06:30.
    const r = requirementsCsv([['2024-03-04T06:00', 1], ['2024-03-04T06:30', 2], ['2024-03-04T07:00', 3.4], ['2024-03-04T07:30', 2], ['2024-03-04T08:00', 1]])
    const s = shiftsJson([
      { name: '2h', length_minutes: 120, earliest_start: '06:00', latest_start: '10:00', start_step_minutes: 30 },
      { name: '1h', length_minutes: 60, earliest_start: '06:00', latest_start: '10:00', start_step_minutes: 30 },
    ])
    const { code, out } = await schedule('--requirements', r, '--shifts', s)
    expect(code).toBe(0)
    const lines = out.trim().split('\n')
    expect(lines[lines.length - 1]).toBe('paid_agent_hours=6 short_agent_intervals=0 gap=0')
    const rows = lines.slice(1, -1).map((l) => l.split(','))
    const sorted = [...rows].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1))
    expect(rows).toEqual(sorted)
    // cover check: every half-hour gets at least its (rounded-up) requirement
    const need = [1, 2, 4, 2, 1]
    const cover = [0, 0, 0, 0, 0]
    for (const [start, , length, count] of rows) {
      const first = (Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)) - 360) / 30
      for (let k = first; k < first + Number(length) / 30; k++) if (k >= 0 && k < 5) cover[k] += Number(count)
    }
    cover.forEach((c, k) => expect(c).toBeGreaterThanOrEqual(need[k]))
  })

  it('lets a shift run past midnight into the next day and keeps the input time style', async () => {
    const r = requirementsCsv(hours('2024-03-04', 20, [1, 1, 1, 1]).concat(hours('2024-03-05', 0, [1, 1, 1, 1])).map(([t, v]) => [`${t}:00`, v]))
    const s = shiftsJson([{ name: 'night', length_minutes: 480, earliest_start: '20:00', latest_start: '20:00', start_step_minutes: 60 }])
    expect((await schedule('--requirements', r, '--shifts', s)).out).toBe(
      'start,name,length_minutes,count\n2024-03-04T20:00:00,night,480,1\npaid_agent_hours=8 short_agent_intervals=0 gap=0\n')
  })

  it('reports shortfall only where no allowed shift reaches', async () => {
    // 05:00 needs 2 but the earliest start is 06:00: 2 agent-intervals short; 06:00-13:00 covered by one 8-h shift
    const r = requirementsCsv([['2024-03-04T05:00', 2], ...hours('2024-03-04', 6, new Array(8).fill(1))])
    const s = shiftsJson([{ name: '8h', length_minutes: 480, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 60 }])
    expect((await schedule('--requirements', r, '--shifts', s, '--time-limit', '10')).out).toBe(
      'start,name,length_minutes,count\n2024-03-04T06:00,8h,480,1\npaid_agent_hours=8 short_agent_intervals=2 gap=0\n')
  })

  it('counts unpaid breaks out of the paid hours and honours cost, counts and days', async () => {
    // Mon 08:00-17:00 one agent; a 9-h shift with an unpaid 1-h lunch 4 h in leaves 12:00 empty, so a 1-h
    // shift must cover it: 8 + 1 = 9 paid hours.
    const r = requirementsCsv(hours('2024-03-04', 8, new Array(9).fill(1)))
    const s = shiftsJson([
      { name: '9h', length_minutes: 540, earliest_start: '08:00', latest_start: '08:00', start_step_minutes: 60, days: ['mon'], max_count: 1, breaks: [{ length_minutes: 60, paid: false, earliest_after_minutes: 240, latest_after_minutes: 240 }] },
      { name: '1h', length_minutes: 60, earliest_start: '08:00', latest_start: '16:00', start_step_minutes: 60, cost_per_hour: 1.5 },
    ])
    expect((await schedule('--requirements', r, '--shifts', s)).out).toBe(
      'start,name,length_minutes,count\n2024-03-04T08:00,9h,540,1\n2024-03-04T12:00,1h,60,1\npaid_agent_hours=9 short_agent_intervals=0 gap=0\n')
  })

  describe('bad input: a clear message on stderr and exit 1', () => {
    const good = () => shiftsJson([{ name: '8h', length_minutes: 480, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 30 }])
    const goodR = () => requirementsCsv(hours('2024-03-04', 6, [1, 1]))
    const cases: [string, () => string[], RegExp][] = [
      ['missing --requirements', () => ['--shifts', good()], /--requirements R.csv is required/],
      ['missing --shifts', () => ['--requirements', goodR()], /--shifts S.json is required/],
      ['unreadable file', () => ['--requirements', join(dir, 'nope.csv'), '--shifts', good()], /nope.csv: the requirements file cannot be read: no such file/],
      ['missing column', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', 1]], 'interval_start,agents'), '--shifts', good()], /R.csv: missing column agents_required \(header is interval_start,agents\)/],
      ['not a number', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', 1], ['2024-03-04T06:30', 'x']]), '--shifts', good()], /R.csv row 3 column agents_required: 'x' is not a number >= 0/],
      ['negative requirement', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', -1], ['2024-03-04T06:30', 1]]), '--shifts', good()], /R.csv row 2 column agents_required: '-1' is not a number >= 0/],
      ['bad time', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', 1], ['2024-13-04T06:30', 1]]), '--shifts', good()], /R.csv row 3 column interval_start: '2024-13-04T06:30' is not a valid local date-time/],
      ['year 9999', () => ['--requirements', requirementsCsv([['9999-03-04T06:00', 1], ['9999-03-04T06:30', 1]]), '--shifts', good()], /R.csv row 2 column interval_start: must fall between 1970 and 2100, got '9999-03-04T06:00'/],
      ['year 1900', () => ['--requirements', requirementsCsv([['1900-03-04T06:00', 1], ['1900-03-04T06:30', 1]]), '--shifts', good()], /R.csv row 2 column interval_start: must fall between 1970 and 2100, got '1900-03-04T06:00'/],
      ['duplicate row', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', 1], ['2024-03-04T06:00', 1]]), '--shifts', good()], /R.csv row 3 column interval_start: 2024-03-04T06:00 is already listed on row 2/],
      ['mixed interval lengths', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', 1], ['2024-03-04T06:30', 1], ['2024-03-04T07:15', 1]]), '--shifts', good()], /R.csv row 4 column interval_start: not on the 30-minute grid/],
      ['single row', () => ['--requirements', requirementsCsv([['2024-03-04T06:00', 1]]), '--shifts', good()], /cannot be inferred from a single row; pass --interval-minutes/],
      ['invalid JSON', () => ['--requirements', goodR(), '--shifts', file('S.json', '{"shifts": [')], /S.json: not valid JSON/],
      ['no shifts list', () => ['--requirements', goodR(), '--shifts', file('S.json', '{"templates": []}')], /S.json: expected an object with a "shifts" list/],
      ['unknown field', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '8h', lenght_minutes: 480 }])], /S.json: template '8h': unknown field 'lenght_minutes'/],
      ['zero-length shift', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '8h', length_minutes: 0, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 30 }])], /S.json: template '8h', field length_minutes: a shift must last a positive whole number of minutes \(zero-length shifts are not allowed\), got 0/],
      ['step not positive', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '8h', length_minutes: 480, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 0 }])], /template '8h', field start_step_minutes: the start step must be a positive whole number of minutes, got 0/],
      ['break window outside its shift', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '6h', length_minutes: 360, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 30, breaks: [{ length_minutes: 30, paid: false, earliest_after_minutes: 180, latest_after_minutes: 340 }] }])], /template '6h', field breaks\[0\].latest_after_minutes: the break window is outside the shift/],
      ['break longer than the shift', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '1h', length_minutes: 60, earliest_start: '06:00', latest_start: '14:00', start_step_minutes: 30, breaks: [{ length_minutes: 90, paid: true, earliest_after_minutes: 0, latest_after_minutes: 0 }] }])], /template '1h', field breaks\[0\].latest_after_minutes: the break window is outside the shift: a 90-min break/],
      ['shifts cannot cover the open hours', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '8h', length_minutes: 480, earliest_start: '08:00', latest_start: '08:00', start_step_minutes: 30 }], { opening_hours: { mon: { open: '06:00', close: '20:00' } } })], /S.json: opening_hours vs templates 8h: the shifts cannot cover the open hours on mon \(06:00-20:00\): no allowed shift covers 06:00-08:00, 16:00-20:00/],
      ['requirement while closed', () => ['--requirements', goodR(), '--shifts', shiftsJson([{ name: '4h', length_minutes: 240, earliest_start: '07:00', latest_start: '16:00', start_step_minutes: 60 }], { opening_hours: { mon: { open: '07:00', close: '20:00' } } })], /R.csv row 2 column agents_required: 1 agents are required at 2024-03-04T06:00 \(mon\) but the queue is closed then/],
      ['bad time limit', () => ['--requirements', goodR(), '--shifts', good(), '--time-limit', '0'], /--time-limit: Time limit must be between 1 and 600 seconds, got 0/],
      ['unknown option', () => ['--requirements', goodR(), '--shifts', good(), '--fast', 'yes'], /unknown option --fast/],
      ['option without a value', () => ['--requirements', goodR(), '--shifts'], /option --shifts needs a value/],
    ]
    it.each(cases)('%s', async (_name, args, message) => {
      const result = await schedule(...args())
      expect(result.code).toBe(1)
      expect(result.out).toBe('')
      expect(result.err).toMatch(message)
    })
  })
})
