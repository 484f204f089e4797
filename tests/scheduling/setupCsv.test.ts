import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { agentsToCsv, formatSetupCsvProblem, parseAgentsCsv, parseTemplatesCsv, templatesToCsv } from '../../src/scheduling/setupCsv.ts'

const demo = (file: string) => readFileSync(new URL(`../../data/demo/${file}`, import.meta.url), 'utf8')

describe('set-up CSV', () => {
  it("reads the demo's 26 agents: contracts, skills, availability windows and rules", () => {
    const parsed = parseAgentsCsv(demo('agents.csv'))
    if (!parsed.ok) throw new Error(parsed.problems.map(formatSetupCsvProblem).join('\n'))
    expect(parsed.rows).toHaveLength(26)
    expect(parsed.rows.reduce((h, a) => h + a.contractedHoursPerWeek, 0)).toBe(18 * 40 + 6 * 20 + 2 * 24)
    expect(parsed.rows[0]).toEqual({ name: 'Adi', contractedHoursPerWeek: 40, skills: ['PS'], maxDaysPerWeek: 5, minConsecutiveDaysOff: 2, minRestHoursBetweenShifts: 11 })
    expect(parsed.rows.find((a) => a.name === 'Nir')!.availability).toEqual([
      { day: 'thu', from: '12:00', to: '24:00' }, { day: 'fri', from: '07:00', to: '14:00' }, { day: 'sat', from: '20:00', to: '24:00' }, { day: 'sun', from: '07:00', to: '24:00' },
    ])
  })

  it("reads the demo's templates with their days and breaks, and writes them back the same", () => {
    const parsed = parseTemplatesCsv(demo('templates.csv'))
    if (!parsed.ok) throw new Error(parsed.problems.map(formatSetupCsvProblem).join('\n'))
    expect(parsed.rows.map((t) => [t.name, t.lengthMinutes, t.days])).toEqual([
      ['day', 480, ['sun', 'mon', 'tue', 'wed', 'thu']], ['evening', 480, ['sun', 'mon', 'tue', 'wed', 'thu']], ['short', 240, ['sun', 'mon', 'tue', 'wed', 'thu']],
      ['friday', 240, ['fri']], ['saturday night', 240, ['sat']],
    ])
    expect(parsed.rows[0].breaks).toEqual([{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }])
    const again = parseTemplatesCsv(templatesToCsv(parsed.rows))
    expect(again).toEqual(parsed)
    const agents = parseAgentsCsv(demo('agents.csv'))
    expect(parseAgentsCsv(agentsToCsv(agents.ok ? agents.rows : []))).toEqual(agents)
  })

  it('reads a semicolon file (lists inside cells with |) and a tab file', () => {
    const semicolon = parseAgentsCsv('name;contracted_hours_per_week;skills;availability\nAna;32;PS|NW;mon 08:00-16:00|tue 08:00-16:00\n')
    expect(semicolon).toEqual({ ok: true, rows: [{ name: 'Ana', contractedHoursPerWeek: 32, skills: ['PS', 'NW'], availability: [{ day: 'mon', from: '08:00', to: '16:00' }, { day: 'tue', from: '08:00', to: '16:00' }] }] })
    expect(parseTemplatesCsv('name\tlength_minutes\tearliest_start\tlatest_start\nhalf\t240\t08:00\t12:00\n')).toMatchObject({ ok: true, rows: [{ name: 'half', lengthMinutes: 240, startStepMinutes: 30 }] })
  })

  it('lists every problem with file, row and column (the header\'s name), and returns no rows', () => {
    const agents = parseAgentsCsv('name,contracted_hours_per_week,availability,max_days_per_week\nAna,40,monday mornings,5\nBen,-3,,\nAna,20,,9\n', 'team.csv')
    expect(agents.ok).toBe(false)
    expect(agents.ok ? [] : agents.problems.map(formatSetupCsvProblem)).toEqual([
      "team.csv row 2, column availability: 'monday mornings' is not a window like 'mon 07:00-15:00'",
      'team.csv row 3, column contracted_hours_per_week: must be a number >= 0, got -3',
      "team.csv row 4, column name: 'Ana' is also on row 2: names must be unique",
      'team.csv row 4, column max_days_per_week: a week has 7 days, got 9',
    ])
    const templates = parseTemplatesCsv('name,length_minutes,earliest_start,latest_start,days,breaks,colour\nzero,0,07:00,09:00,mon,,\n', 'shifts.csv')
    expect(templates.ok ? [] : templates.problems.map(formatSetupCsvProblem)).toEqual([
      "shifts.csv row 1, column colour: unknown column 'colour' (columns: name, length_minutes, earliest_start, latest_start, start_step_minutes, days, cost_per_hour, min_count_per_day, max_count_per_day, breaks)",
    ])
    const bad = parseTemplatesCsv('name,length_minutes,earliest_start,latest_start,days,breaks\nzero,0,07:00,09:00,mon,\nlate,480,07:00,13:00,moon,\nlunch,480,07:00,13:00,mon,lunch at noon\n', 'shifts.csv')
    expect(bad.ok ? [] : bad.problems.map(formatSetupCsvProblem)).toEqual([
      'shifts.csv row 2, column length_minutes: a shift must last a positive whole number of minutes (zero-length shifts are not allowed), got 0',
      "shifts.csv row 3, column days: unknown day 'moon'; use mon, tue, wed, thu, fri, sat, sun separated by ';'",
      "shifts.csv row 4, column breaks: 'lunch at noon' is not a break like 'lunch 30 unpaid 180-300' (name, minutes, paid or unpaid, window in minutes after the start)",
    ])
  })

  it('neutralises a formula-looking name when writing', () => {
    expect(agentsToCsv([{ name: '=cmd()', contractedHoursPerWeek: 40, skills: [] }]).split('\n')[1]).toBe("'=cmd(),40,,,,,,")
  })
})
