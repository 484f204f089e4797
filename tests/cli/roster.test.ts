import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/commands/roster.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'

const dir = mkdtempSync(join(tmpdir(), 'chatplan-roster-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let fileNumber = 0
function file(name: string, text: string): string {
  const path = join(dir, `${++fileNumber}-${name}`)
  writeFileSync(path, text)
  return path
}
async function roster(...args: string[]) {
  const io = memoryIo()
  const code = await run(args, io)
  return { code, out: io.stdout, err: io.stderr }
}

// 2000-01-09 is a Sunday (the first day of an Israeli week); Israel is at +02:00 in January.
const shiftsCsv = `start,name,length_minutes,count
2000-01-09T07:00+02:00,early,480,1
2000-01-09T15:00+02:00,late,480,1
2000-01-10T07:00+02:00,early,480,1
2000-01-10T15:00+02:00,late,480,1
2000-01-12T07:00+02:00,early,480,2
paid_agent_hours=48 short_agent_intervals=0 gap=0
`
const rules = { week_starts_on: 'sun', weekend_days: ['fri', 'sat'], min_rest_hours: 11, max_consecutive_days: 5 }
const dana = { name: 'Dana', contract_hours_per_week: 16, tolerance_hours: 8, availability: { sun: ['07:00-23:00'], mon: ['07:00-23:00'], fri: [] }, time_off: ['2000-01-12'], preferences: { prefer: 'early', avoid_days: ['sat'] } }
const omer = { name: 'Omer', contract_hours_per_week: 16, tolerance_hours: 8, preferences: { prefer: 'late' } }

describe('chatplan roster', () => {
  it('solves a hand-solved week: preferences kept, the rest rule and time off respected, the one shift left named with its rules', async () => {
    // Omer cannot work late Sunday then early Monday (8 h of rest < 11); Dana has Wednesday off, so one of the
    // two Wednesday earlies is left (Omer works one, against his late preference: 1). Objective 8 h x 1000 + 1.
    const r = await roster('--shifts', file('S.csv', shiftsCsv), '--agents', file('A.json', JSON.stringify({ rules, agents: [dana, omer] })))
    expect(r.code).toBe(0)
    expect(r.out).toBe(`agent,start,end,shift_name
Dana,2000-01-09T07:00+02:00,2000-01-09T15:00+02:00,early
Dana,2000-01-10T07:00+02:00,2000-01-10T15:00+02:00,early
Omer,2000-01-09T15:00+02:00,2000-01-09T23:00+02:00,late
Omer,2000-01-10T15:00+02:00,2000-01-10T23:00+02:00,late
Omer,2000-01-12T07:00+02:00,2000-01-12T15:00+02:00,early
unassigned_shift_hours=8 hard_violations=0 objective=8001 gap=0
`)
    expect(r.err).toBe('chatplan roster: unassigned early at 2000-01-12T07:00+02:00: no agent can take it: time off (1 agent); already working that day (1 agent)\n')
  })

  it('keeps skills and the contract + tolerance ceiling, and writes end times across a DST change in the team zone', async () => {
    // Israel left summer time on 1999-09-03 02:00 (+03:00 -> +02:00): a night shift 22:00+03:00 for 8 h ends 05:00+02:00
    const s = file('S.csv', 'start,name,length_minutes,count,skill\n1999-09-02T22:00+03:00,night,480,1,PS\n1999-09-03T22:00+02:00,night,480,1,\n')
    const a = file('A.json', JSON.stringify({ rules: { ...rules, time_zone: 'Asia/Jerusalem' }, agents: [{ name: 'Noa', contract_hours_per_week: 8, skills: ['PS'] }, { name: 'Eli', contract_hours_per_week: 8 }] }))
    const r = await roster('--shifts', s, '--agents', a)
    expect(r.out.split('\n').slice(0, 3)).toEqual(['agent,start,end,shift_name', 'Eli,1999-09-03T22:00+02:00,1999-09-04T06:00+02:00,night', 'Noa,1999-09-02T22:00+03:00,1999-09-03T05:00+02:00,night'])
    expect(r.out).toContain('unassigned_shift_hours=0 hard_violations=0')
  })

  it('reads starts without an offset in rules.time_zone and writes starts and ends with the offset of each, across both DST changes', async () => {
    // New York: 2026-03-08 02:00 EST -> 03:00 EDT, 2026-11-01 02:00 EDT -> 01:00 EST. 22:00 + 8 h of elapsed time.
    const s = file('S.csv', 'start,name,length_minutes,count\n2026-03-07T22:00,n,480,1\n2026-10-31T22:00,n,480,1\n')
    const a = file('A.json', JSON.stringify({ rules: { time_zone: 'America/New_York' }, agents: [{ name: 'Noa', contract_hours_per_week: 16 }] }))
    const r = await roster('--shifts', s, '--agents', a)
    expect(r.out.split('\n').slice(0, 3)).toEqual(['agent,start,end,shift_name', 'Noa,2026-03-07T22:00-05:00,2026-03-08T07:00-04:00,n', 'Noa,2026-10-31T22:00-04:00,2026-11-01T05:00-05:00,n'])
  })

  it('refuses bad input naming the field, and unknown options by name', async () => {
    const s = file('S.csv', shiftsCsv)
    const agents = (a: unknown) => file('A.json', JSON.stringify(a))
    const cases: [string[], string][] = [
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, contract_hours_per_week: -1 }] })], 'field agents[0].contract_hours_per_week: must be a number from 0 to 168, got -1'],
      [['--shifts', s, '--agents', agents({ rules: { ...rules, week_starts_on: 'sunday' }, agents: [dana] })], 'field rules.week_starts_on: "sunday" is not a weekday'],
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, availability: { sun: ['23:00-07:00'] } }] })], 'field agents[0].availability.sun[0]: ends at or before it starts'],
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, time_off: ['2000-13-01'] }] })], 'field agents[0].time_off[0]: "2000-13-01" is not a date'],
      [['--shifts', s, '--agents', agents({ rules, agents: [dana, dana] })], "field agents[1].name: two agents are named 'Dana'"],
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, colour: 'red' }] })], 'field agents[0].colour: unknown field'],
      [['--shifts', file('S.csv', 'start,name,length_minutes,count\n2000-01-09T07:00+02:00,early,eight,1\n'), '--agents', agents({ agents: [dana] })], 'row 2 column length_minutes'],
      [['--shifts', file('S.csv', 'start,name,count\n2000-01-09T07:00,early,1\n'), '--agents', agents({ agents: [dana] })], 'missing column length_minutes'],
      [['--shifts', s, '--agents', agents({ agents: [dana] }), '--time-limt', '5'], 'unknown option --time-limt'],
      [['--shifts', s, '--agents', agents({ agents: [dana] }), '--time-limit', '0'], '--time-limit: Roster time limit must be more than 0 and at most 600 seconds, got 0'],
      [['--shifts', s, '--agents', agents({ agents: [dana] }), '--time-limit', '5000'], '--time-limit: Roster time limit must be more than 0 and at most 600 seconds, got 5000'],
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, time_off: ['2000-02-30'] }] })], `field agents[0].time_off[0]: "2000-02-30" is not a date like 2000-01-12 between 1970 and 2100 (agent 'Dana')`],
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, time_off: ['2001-02-29'] }] })], `field agents[0].time_off[0]: "2001-02-29" is not a date like 2000-01-12 between 1970 and 2100 (agent 'Dana')`],
      [['--shifts', s, '--agents', agents({ rules, agents: [{ ...dana, time_off: ['9999-01-01'] }] })], `field agents[0].time_off[0]: "9999-01-01" is not a date like 2000-01-12 between 1970 and 2100 (agent 'Dana')`],
      [['--shifts', s, '--agents', agents({ rules: { ...rules, holidays: ['2001-02-29'] }, agents: [dana] })], 'field rules.holidays[0]: "2001-02-29" is not a date'],
      [['--shifts', file('S.csv', 'start,name,length_minutes,count,colour\n2000-01-09T07:00,early,480,1,red\n'), '--agents', agents({ agents: [dana] })], "S.csv: unknown column 'colour' (known: start, name, length_minutes, count, paid_minutes, skill)"],
      [['--shifts', file('S.csv', 'start,name,length_minutes,count\n0000-01-09T07:00,early,480,1\n'), '--agents', agents({ agents: [dana] })], "S.csv row 2 column start: must fall between 1970 and 2100, got '0000-01-09T07:00'"],
      [['--shifts', file('S.csv', 'start,name,length_minutes,count\n1900-01-09T07:00,early,480,1\n'), '--agents', agents({ agents: [dana] })], "S.csv row 2 column start: must fall between 1970 and 2100, got '1900-01-09T07:00'"],
      [['--shifts', file('S.csv', 'start,name,length_minutes,count\n9999-01-09T07:00+02:00,early,480,1\n'), '--agents', agents({ agents: [dana] })], "S.csv row 2 column start: must fall between 1970 and 2100, got '9999-01-09T07:00'"],
      [['--shifts', s], '--agents A.json is required'],
    ]
    for (const [args, message] of cases) {
      const r = await roster(...args)
      expect([r.code, r.out]).toEqual([1, ''])
      expect(r.err).toContain(message)
    }
  })

  it('is a registered command with --help documenting every field', async () => {
    const io = memoryIo()
    expect(await runCli(['roster', '--help'], io)).toBe(0)
    for (const field of ['week_starts_on', 'weekend_days', 'min_rest_hours', 'max_consecutive_days', 'contract_hours_per_week', 'tolerance_hours', 'availability', 'time_off', 'skills', 'preferences']) expect(io.stdout).toContain(field)
  })
})
