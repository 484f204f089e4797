/**
 * `chatplan roster --shifts S.csv --agents A.json [--time-limit SECONDS] [--gap FRACTION]`: names agents on the
 * shifts that `chatplan schedule` prints, by optimisation (src/scheduling/rosterModel.ts).
 */
import { parseCsvRecords } from '../../imports/csvRecords.ts'
import { csvCell } from '../../format/csv.ts'
import { isValidTimeZone, localNaiveMsToUtcMs, offsetMinutesAt } from '../../time/zones.ts'
import { formatLocalDateTime, isWeekday, parseClockTime, parseLocalDateTime, WEEKDAYS, type Weekday } from '../../scheduling/localTime.ts'
import { hardViolations, solveRoster, WEIGHTS, type RosterAgentSpec, type RosterRules, type RosterShiftGroup } from '../../scheduling/rosterModel.ts'
import type { CliIo } from '../io.ts'
import { parseOptions, InputError, readInputFile } from '../io.ts'
import { numberOption } from '../optionValues.ts'
import type { NumberBound } from '../../schemas/bounds.ts'
import { isSaneDateKey, MAX_YEAR, MIN_YEAR, outsideYearsProblem } from '../../schemas/queryParams.ts'
import { ROSTER_SHIFT_COUNT, ROSTER_SHIFT_LENGTH_MINUTES, ROSTER_TIME_LIMIT_SECONDS, SOLVER_GAP_FRACTION } from '../../schemas/solver.ts'

export const usage = `Usage: chatplan roster --shifts S.csv --agents A.json [--time-limit SECONDS] [--gap FRACTION]
Puts named agents on shifts by optimisation (HiGHS), under hard rules, and prints one row per assigned shift.
S.csv: columns start,name,length_minutes,count (what \`chatplan schedule\` prints); start is a local date-time
  from 1970 to 2100, with its UTC offset (2026-03-01T07:00+02:00) or without one (then a local time in
  rules.time_zone when given); optional columns paid_minutes (default length_minutes) and skill (an agent needs
  this skill to work the shift). Any other column is refused by name.
A.json: {"rules": {...}, "agents": [{...}, ...]}
  rules.week_starts_on      weekday the week starts on (mon..sun; default mon): weekly hours and days off count per week
  rules.weekend_days        weekdays of the weekend (default ["sat","sun"]; ["fri","sat"] in Israel): fair rotation
  rules.min_rest_hours      hours between the end of a shift and the start of the next (default 11)
  rules.max_consecutive_days  working days in a row at most (default 5)
  rules.min_days_off_per_week days off each week at least (default 0). A week cut by the start or end of the
                            shifts counts days off pro rata, the maximum hours in full and no minimum hours
  rules.min_consecutive_days_off  days off in a row each week must include at least (default 0), inside the
                            week; days of a week outside the shifts' dates count as off
  rules.late_starts_at      a shift starting at or after this clock time is late, before it early (default "12:00")
  rules.late_ends_after     a shift ending after this clock time (or past midnight) is late-ending (default "21:00")
  rules.holidays            ["1999-10-21", ...]: public holidays (local dates); their shifts rotate fairly
  rules.time_zone           IANA zone of the team (e.g. "Asia/Jerusalem"): starts without an offset are read in it,
                            and starts and ends are written with the zone's offset at each (across DST changes);
                            without it an end time takes its start's offset
  agents[].name                   unique name (required)
  agents[].contract_hours_per_week  contracted paid hours a week (required, 0-168)
  agents[].tolerance_hours        hours a week may differ from the contract (default 0): above is never
                                  rostered, below is allowed at a penalty and reported
  agents[].availability           {"sun":["07:00-23:00"], "fri":[]}: windows per weekday; a weekday missing means
                                  available all day, [] means not at all
  agents[].time_off               ["2000-01-12", ...]: real dates (local, 1970-2100) with no minute of work
  agents[].skills                 ["PS", ...]: skills for shifts with a skill
  agents[].min_rest_hours, agents[].max_consecutive_days, agents[].min_days_off_per_week,
  agents[].min_consecutive_days_off: override the rules
  agents[].preferences            {"prefer":"early"|"late", "avoid_days":["sat", ...]}
Objective: unassigned shift hours x ${WEIGHTS.unassignedPerHour}, hours below contract - tolerance x ${WEIGHTS.underContractPerHour}, shifts against a preference x ${WEIGHTS.preferencePerShift},
fair rotation, each against the agent's share (by contract, of the whole team, rounded up): weekend
shifts above it x ${WEIGHTS.weekendExcessPerShift}, late-ending shifts (after rules.late_ends_after) x ${WEIGHTS.lateExcessPerShift} (agents who prefer late
volunteer), shifts on rules.holidays x ${WEIGHTS.holidayExcessPerShift}.
Prints CSV agent,start,end,shift_name (local times, with the offset when S.csv has one or rules.time_zone is
given), then the last line
unassigned_shift_hours=H hard_violations=V objective=O gap=G, G = (O - proven lower bound) / O. Shifts nobody can work, with the rule that kept
each agent off them, and agents below their contract go to standard error.
--time-limit: solver time limit in seconds (more than 0, at most 600; default 60). --gap: stop within this relative gap (default 0.01).`


/** A numeric option checked against its bound in src/schemas (`--gap: Gap target must be between 0 and 0.99, got 1`). */
function cliNumber(options: Record<string, string | true>, name: string, bound: NumberBound, fallback: number): number {
  try { return numberOption(options, name, bound, fallback) } catch (error) { throw new InputError((error as Error).message) }
}

const START = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:?\d{2})?$/


function offsetOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (text === 'Z') return 0
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text)!
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]))
}

const SHIFT_COLUMNS = ['start', 'name', 'length_minutes', 'count', 'paid_minutes', 'skill']

function readShifts(path: string, io: CliIo): { groups: RosterShiftGroup[]; withOffset: boolean } {
  let records: string[][]
  try {
    records = parseCsvRecords(readInputFile(path, io, 'shifts'))
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  if (records.length === 0) throw new InputError(`${path}: the file is empty (expected the header start,name,length_minutes,count)`)
  const header = records[0].map((h) => h.toLowerCase())
  const column = (name: string, required: boolean) => {
    const i = header.indexOf(name)
    if (i < 0 && required) throw new InputError(`${path}: missing column ${name} (header is ${records[0].join(',')})`)
    return i
  }
  const unknown = header.filter((h) => !SHIFT_COLUMNS.includes(h))
  if (unknown.length) throw new InputError(`${path}: unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map((h) => `'${h.slice(0, 40)}'`).join(', ')} (known: ${SHIFT_COLUMNS.join(', ')})`)
  const [startCol, nameCol, lengthCol, countCol] = ['start', 'name', 'length_minutes', 'count'].map((n) => column(n, true))
  const paidCol = column('paid_minutes', false), skillCol = column('skill', false)
  // the summary line `chatplan schedule` prints after the rows is not a shift
  const rows = records.slice(1).map((row, i) => ({ row, line: i + 2 })).filter(({ row }) => !(row.length === 1 && row[0].includes('=')))
  if (rows.length === 0) throw new InputError(`${path}: no shifts after the header`)
  let offsets = 0
  const groups = rows.map(({ row, line }) => {
    const where = (col: string) => `${path} row ${line} column ${col}`
    const match = START.exec(row[startCol] ?? '')
    if (!match) throw new InputError(`${where('start')}: '${row[startCol] ?? ''}' is not a local date-time like 2026-03-01T07:00+02:00`)
    const outside = outsideYearsProblem(match[1])
    if (outside) throw new InputError(`${where('start')}: ${outside}`)
    let startMinute: number
    try { startMinute = parseLocalDateTime(match[1]) } catch (error) { throw new InputError(`${where('start')}: ${(error as Error).message}`) }
    if (match[2] !== undefined) offsets++
    // Bounds from src/schemas/solver.ts (the one source); the message names the file, row and column.
    const whole = (col: number, name: string, bound: NumberBound, fallback?: number) => {
      const text = col < 0 ? '' : (row[col] ?? '')
      if (text === '' && fallback !== undefined) return fallback
      const n = Number(text)
      if (text === '' || !Number.isInteger(n) || n < bound.min) throw new InputError(`${where(name)}: '${text}' is not a whole number >= ${bound.min}`)
      if (n > bound.max) throw new InputError(`${where(name)}: at most ${bound.max} ${bound.unit ?? ''}, got ${n}`.replace('  ', ' '))
      return n
    }
    const lengthMinutes = whole(lengthCol, 'length_minutes', ROSTER_SHIFT_LENGTH_MINUTES)
    const paidMinutes = whole(paidCol, 'paid_minutes', { ...ROSTER_SHIFT_LENGTH_MINUTES, label: 'paid_minutes', min: 0 }, lengthMinutes)
    if (paidMinutes > lengthMinutes) throw new InputError(`${where('paid_minutes')}: more than length_minutes (${lengthMinutes})`)
    const name = row[nameCol] ?? ''
    if (name === '') throw new InputError(`${where('name')}: every shift needs a name`)
    const skill = skillCol >= 0 && row[skillCol] ? row[skillCol] : undefined
    return { name, startMinute, lengthMinutes, paidMinutes, offsetMinutes: offsetOf(match[2]) ?? 0, count: whole(countCol, 'count', ROSTER_SHIFT_COUNT), ...(skill ? { skill } : {}) }
  })
  if (offsets !== 0 && offsets !== groups.length) throw new InputError(`${path} column start: either every start has a UTC offset or none has`)
  return { groups: groups.filter((g) => g.count > 0), withOffset: offsets > 0 }
}

const RULE_FIELDS = ['week_starts_on', 'weekend_days', 'min_rest_hours', 'max_consecutive_days', 'min_days_off_per_week', 'min_consecutive_days_off', 'late_starts_at', 'late_ends_after', 'holidays', 'time_zone']
const AGENT_FIELDS = ['name', 'contract_hours_per_week', 'tolerance_hours', 'availability', 'time_off', 'skills', 'max_consecutive_days', 'min_rest_hours', 'min_days_off_per_week', 'min_consecutive_days_off', 'preferences']

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function readAgents(path: string, io: CliIo): { rules: RosterRules; agents: RosterAgentSpec[]; timeZone?: string } {
  let json: unknown
  try { json = JSON.parse(readInputFile(path, io, 'agents')) } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`${path}: not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(json) || !Array.isArray(json.agents)) throw new InputError(`${path}: expected an object with an "agents" list, like {"rules":{...},"agents":[{"name":"Dana","contract_hours_per_week":40}]}`)
  for (const key of Object.keys(json)) if (key !== 'rules' && key !== 'agents') throw new InputError(`${path}: unknown field '${key}' (known: rules, agents)`)
  const raw = json.rules ?? {}
  if (!isObject(raw)) throw new InputError(`${path}: field rules: must be an object`)
  for (const key of Object.keys(raw)) if (!RULE_FIELDS.includes(key)) throw new InputError(`${path}: unknown field rules.${key} (known: ${RULE_FIELDS.join(', ')})`)
  const fail = (field: string, message: string): never => { throw new InputError(`${path}: field ${field}: ${message}`) }
  const weekday = (value: unknown, field: string): Weekday => (isWeekday(value) ? value : fail(field, `${JSON.stringify(value)} is not a weekday (${WEEKDAYS.join(', ')})`))
  const weekdays = (value: unknown, field: string): Weekday[] => (Array.isArray(value) ? value.map((v, i) => weekday(v, `${field}[${i}]`)) : fail(field, 'must be a list of weekdays'))
  const number = (value: unknown, field: string, min: number, max: number, whole = false): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value))) {
      return fail(field, `must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}, got ${JSON.stringify(value)}`)
    }
    return value
  }
  const optional = <T>(value: unknown, f: (v: unknown) => T): T | undefined => (value === undefined ? undefined : f(value))
  let lateStartsAtMinute = 720
  if (raw.late_starts_at !== undefined) {
    try { lateStartsAtMinute = parseClockTime(String(raw.late_starts_at)) } catch (error) { fail('rules.late_starts_at', (error as Error).message) }
  }
  let lateEndsAfterMinute = 1260
  if (raw.late_ends_after !== undefined) {
    try { lateEndsAfterMinute = parseClockTime(String(raw.late_ends_after), true) } catch (error) { fail('rules.late_ends_after', (error as Error).message) }
  }
  const holidayDates = raw.holidays === undefined ? [] : Array.isArray(raw.holidays) ? raw.holidays.map((d, k) => {
    if (typeof d !== 'string' || !isSaneDateKey(d)) fail(`rules.holidays[${k}]`, `${JSON.stringify(d)} is not a date like 2000-01-12 between ${MIN_YEAR} and ${MAX_YEAR}`)
    return d as string
  }) : fail('rules.holidays', 'must be a list of dates like "2000-01-12"')
  let timeZone: string | undefined
  if (raw.time_zone !== undefined) {
    if (typeof raw.time_zone !== 'string' || !isValidTimeZone(raw.time_zone)) fail('rules.time_zone', `${JSON.stringify(raw.time_zone)} is not an IANA time zone like Asia/Jerusalem`)
    timeZone = raw.time_zone as string
  }
  const rules: RosterRules = {
    weekStartsOn: raw.week_starts_on === undefined ? 'mon' : weekday(raw.week_starts_on, 'rules.week_starts_on'),
    weekendDays: raw.weekend_days === undefined ? ['sat', 'sun'] : weekdays(raw.weekend_days, 'rules.weekend_days'),
    minRestHours: raw.min_rest_hours === undefined ? 11 : number(raw.min_rest_hours, 'rules.min_rest_hours', 0, 48),
    maxConsecutiveDays: raw.max_consecutive_days === undefined ? 5 : number(raw.max_consecutive_days, 'rules.max_consecutive_days', 1, 31, true),
    minDaysOffPerWeek: raw.min_days_off_per_week === undefined ? 0 : number(raw.min_days_off_per_week, 'rules.min_days_off_per_week', 0, 7, true),
    minConsecutiveDaysOff: raw.min_consecutive_days_off === undefined ? 0 : number(raw.min_consecutive_days_off, 'rules.min_consecutive_days_off', 0, 7, true),
    lateStartsAtMinute,
    lateEndsAfterMinute,
    holidayDates,
  }
  const names = new Set<string>()
  const agents = json.agents.map((agent, i): RosterAgentSpec => {
    const at = (f: string) => `agents[${i}].${f}`
    if (!isObject(agent)) return fail(`agents[${i}]`, 'must be an object')
    for (const key of Object.keys(agent)) if (!AGENT_FIELDS.includes(key)) fail(at(key), `unknown field (known: ${AGENT_FIELDS.join(', ')})`)
    if (typeof agent.name !== 'string' || agent.name.trim() === '' || agent.name.length > 100) fail(at('name'), `every agent needs a name of 1-100 characters, got ${JSON.stringify(agent.name)}`)
    const name = agent.name as string
    if (names.has(name)) fail(at('name'), `two agents are named '${name}'`)
    names.add(name)
    if (agent.contract_hours_per_week === undefined) fail(at('contract_hours_per_week'), 'is required')
    const availability: RosterAgentSpec['availability'] = {}
    if (agent.availability !== undefined) {
      if (!isObject(agent.availability)) fail(at('availability'), 'must be an object like {"sun":["07:00-23:00"],"fri":[]}')
      for (const [day, windows] of Object.entries(agent.availability as object)) {
        const d = weekday(day, at(`availability.${day}`))
        if (!Array.isArray(windows)) fail(at(`availability.${day}`), 'must be a list of windows like "07:00-23:00"')
        availability[d] = (windows as unknown[]).map((w, k) => {
          const field = at(`availability.${day}[${k}]`)
          const m = typeof w === 'string' ? /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(w.trim()) : null
          if (!m) return fail(field, `${JSON.stringify(w)} is not a window like "07:00-23:00"`)
          try {
            const from = parseClockTime(m[1]), to = parseClockTime(m[2], true)
            if (to <= from) fail(field, `ends at or before it starts (${w})`)
            return [from, to] as [number, number]
          } catch (error) { if (error instanceof InputError) throw error; return fail(field, (error as Error).message) }
        })
      }
    }
    const timeOff = agent.time_off === undefined ? [] : Array.isArray(agent.time_off) ? agent.time_off.map((d, k) => {
      if (typeof d !== 'string' || !isSaneDateKey(d)) fail(at(`time_off[${k}]`), `${JSON.stringify(d)} is not a date like 2000-01-12 between ${MIN_YEAR} and ${MAX_YEAR} (agent '${String(agent.name)}')`)
      return d as string
    }) : fail(at('time_off'), 'must be a list of dates like "2000-01-12"')
    const skills = agent.skills === undefined ? [] : Array.isArray(agent.skills) && agent.skills.every((s) => typeof s === 'string') ? agent.skills as string[] : fail(at('skills'), 'must be a list of skill names')
    let prefer: 'early' | 'late' | undefined, avoidDays: Weekday[] = []
    if (agent.preferences !== undefined) {
      const p = agent.preferences
      if (!isObject(p)) fail(at('preferences'), 'must be an object like {"prefer":"early","avoid_days":["sat"]}')
      const prefs = p as Record<string, unknown>
      for (const key of Object.keys(prefs)) if (key !== 'prefer' && key !== 'avoid_days') fail(at(`preferences.${key}`), 'unknown field (known: prefer, avoid_days)')
      if (prefs.prefer !== undefined) prefer = prefs.prefer === 'early' || prefs.prefer === 'late' ? prefs.prefer : fail(at('preferences.prefer'), `must be "early" or "late", got ${JSON.stringify(prefs.prefer)}`)
      if (prefs.avoid_days !== undefined) avoidDays = weekdays(prefs.avoid_days, at('preferences.avoid_days'))
    }
    return {
      name,
      contractHoursPerWeek: number(agent.contract_hours_per_week, at('contract_hours_per_week'), 0, 168),
      toleranceHours: agent.tolerance_hours === undefined ? 0 : number(agent.tolerance_hours, at('tolerance_hours'), 0, 168),
      availability,
      timeOff,
      skills,
      maxConsecutiveDays: optional(agent.max_consecutive_days, (v) => number(v, at('max_consecutive_days'), 1, 31, true)),
      minRestHours: optional(agent.min_rest_hours, (v) => number(v, at('min_rest_hours'), 0, 48)),
      minDaysOffPerWeek: optional(agent.min_days_off_per_week, (v) => number(v, at('min_days_off_per_week'), 0, 7, true)),
      minConsecutiveDaysOff: optional(agent.min_consecutive_days_off, (v) => number(v, at('min_consecutive_days_off'), 0, 7, true)),
      prefer,
      avoidDays,
    }
  })
  return { rules, agents, timeZone }
}

function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const rounded = Number(value.toFixed(4))
  return String(rounded === 0 ? 0 : rounded)
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+', m = Math.abs(minutes)
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    let parsed: ReturnType<typeof parseOptions>
    try { parsed = parseOptions(args) } catch (error) { throw new InputError(`${(error as Error).message}\n\n${usage}`) }
    const { options, positional } = parsed
    if (positional.length) throw new InputError(`unexpected argument '${positional[0]}'\n\n${usage}`)
    for (const key of Object.keys(options)) {
      if (!['shifts', 'agents', 'time-limit', 'gap'].includes(key)) throw new InputError(`unknown option --${key}\n\n${usage}`)
    }
    if (typeof options.shifts !== 'string') throw new InputError(`--shifts S.csv is required\n\n${usage}`)
    if (typeof options.agents !== 'string') throw new InputError(`--agents A.json is required\n\n${usage}`)
    const timeLimitSeconds = cliNumber(options, 'time-limit', ROSTER_TIME_LIMIT_SECONDS, 60)
    const gap = cliNumber(options, 'gap', SOLVER_GAP_FRACTION, 0.01)
    const { groups, withOffset } = readShifts(options.shifts, io)
    const { rules, agents, timeZone } = readAgents(options.agents, io)
    // Starts without an offset are local times in rules.time_zone when it is given: each takes the zone's offset then.
    if (!withOffset && timeZone) for (const g of groups) g.offsetMinutes = Math.round((g.startMinute * 60_000 - localNaiveMsToUtcMs(g.startMinute * 60_000, timeZone)) / 60_000)
    if (groups.length === 0) throw new InputError(`${options.shifts}: every shift has count 0`)
    const result = await solveRoster(groups, agents, rules, { timeLimitSeconds, mipRelativeGap: gap })
    if (result.status === 'noSolution') {
      io.err(`chatplan roster: the solver found no roster within ${timeLimitSeconds} s (${result.solverStatus}); allow more time with --time-limit\n`)
      return 1
    }
    const write = (localMinute: number, utcMinute: number) => {
      if (timeZone) {
        const offset = offsetMinutesAt(utcMinute * 60_000, timeZone)
        return formatLocalDateTime(utcMinute + offset) + offsetText(offset)
      }
      if (!withOffset) return formatLocalDateTime(localMinute)
      return formatLocalDateTime(localMinute) + offsetText(localMinute - utcMinute)
    }
    const rows = ['agent,start,end,shift_name']
    const sorted = [...result.assignments].sort((p, q) => (p.agent < q.agent ? -1 : p.agent > q.agent ? 1 : groups[p.group].startMinute - groups[q.group].startMinute))
    for (const a of sorted) {
      const g = groups[a.group]
      const utcStart = g.startMinute - g.offsetMinutes
      rows.push([csvCell(a.agent), write(g.startMinute, utcStart), write(g.startMinute + g.lengthMinutes, utcStart + g.lengthMinutes), csvCell(g.name)].join(','))
    }
    for (const u of result.unassigned) {
      const g = groups[u.group]
      io.err(`chatplan roster: unassigned ${g.name} at ${write(g.startMinute, g.startMinute - g.offsetMinutes)}: ${u.reason}\n`)
    }
    if (result.underContractHours > 1e-6) io.err(`chatplan roster: agents work ${formatFigure(result.underContractHours)} h in total below contract - tolerance in this roster\n`)
    if (result.status === 'feasible') io.err(`chatplan roster: the solver stopped (${result.solverStatus}) before reaching the gap asked for; this is the best roster found: objective ${formatFigure(result.objective)}, proven lower bound ${formatFigure(result.dualBound)}\n`)
    const violations = hardViolations(groups, agents, rules, result.assignments)
    for (const v of violations) io.err(`chatplan roster: hard rule broken: ${v}\n`)
    io.out(rows.join('\n') + '\n')
    io.out(`unassigned_shift_hours=${formatFigure(result.unassignedShiftHours)} hard_violations=${violations.length} objective=${formatFigure(result.objective)} gap=${formatFigure(result.gap)}\n`)
    return 0
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`chatplan roster: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
