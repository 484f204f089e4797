/**
 * `chatplan capacity --requirements R.csv --staff S.json [--from WEEK] [--recommend]` (or `--queue NAME --weeks N`
 * instead of --requirements): the week-by-week headcount, productive FTE and gap of a headcount model against a
 * weekly FTE requirement (src/capacity), and with --recommend the fewest hires, in classes, that close the gaps.
 */
import { parseCsvRecords } from '../../imports/csvRecords.ts'
import { DEFAULT_RECOMMEND_SECONDS, parseStaffModel, planGroups, projectCapacity, recommendHires, capacityCost, type CapacityWeek, type RequirementWeek, type StaffModel } from '../../capacity/index.ts'
import type { CliIo } from '../io.ts'
import { parseOptions, InputError, readInputFile } from '../io.ts'
import { numberOption } from '../optionValues.ts'
import type { NumberBound } from '../../schemas/bounds.ts'
import { CAPACITY_WEEKS, SOLVER_TIME_LIMIT_SECONDS } from '../../schemas/solver.ts'

export const usage = `Usage: chatplan capacity --requirements R.csv --staff S.json [--from YYYY-MM-DD] [--recommend] [--time-limit SECONDS]
       chatplan capacity --queue NAME --weeks N --staff S.json [--from YYYY-MM-DD] [--recommend]
Projects a headcount model week by week against the FTE required and prints CSV
  week_start,required_fte,headcount,productive_fte,gap_fte,hires_starting,leavers
(gap_fte = productive_fte - required_fte; negative is a shortfall). Counts are expected values (not rounded).
R.csv: columns week_start,required_fte; consecutive weeks (7 days apart) starting on the date given.
--queue NAME --weeks N: R is computed from the queue's history in the database (DATABASE_URL): a long-horizon
  forecast of N weeks (1-78) after the history, staffed per interval with the queue's staffing settings.
  With --queue, S.json may leave out "headcount": today's headcount is then taken from the agents set up for the
  queue (those with its skill), in FTE = contracted hours a week / (hours per FTE-day x 5), and, when they have
  different skill sets and S.json has no "groups" and no team-wide planned_hires/transfers/leave, one group per
  skill set (named by its queues, e.g. PS-NW: a cross-skilled agent counted once, in the group of all the queues
  they serve). With its own "groups", headcount is their sum. The headcount taken is noted on stderr; a queue with
  no agents set up is refused (give "headcount").
S.json, the headcount model (required: headcount, attrition_monthly or attrition_by_tenure, training_weeks,
  class_size_max; unknown fields are refused):
  {"headcount":120,"attrition_monthly":0.03,"training_weeks":4,"ramp":[0.5,0.75,0.9],"hiring_lead_weeks":6,
   "class_size_max":15,"min_weeks_between_classes":2,"planned_hires":[{"week_start":"2000-02-06","count":10}]}
  optional: "attrition_by_tenure":[{"from_week":0,"monthly":0.06},{"from_week":26,"monthly":0.02}] (monthly rate
  by weeks of tenure; today's staff and transfers have "initial_tenure_weeks", default 104),
  "transfers":[{"week_start":...,"count":-3}] (experienced people in + or out -), "leave":[{"week_start":...,
  "fte":6}] (planned leave: productive FTE away that week), "fte_per_head" (default 1), "paid_hours_per_week"
  (40), "cost_per_hour" (0), "overtime_cost_factor" (1.5), "max_overtime_fraction" (0), "hiring_cost_per_hire"
  (0), "training_cost_per_hire" (0).
  "groups": headcount per team or skill group, each person in exactly one group (a cross-skilled agent is counted
  once; the groups' headcounts must add up to "headcount"):
  [{"name":"Sales","headcount":80,"share":0.6},{"name":"Billing","headcount":40,"share":0.4,"attrition_monthly":0.05,
    "class_size_max":8,"planned_hires":[...],"transfers":[...],"leave":[...]}]
  name: letters, digits, _ . - ; a group's missing fields are the model's. With groups, planned_hires, transfers
  and leave are given per group. The requirement of a group: R.csv's column required_fte_NAME if present (then
  every group needs one, and required_fte must be their sum), else its "share" of required_fte (shares add up to
  1), else its part of today's headcount. Each group is projected with the arithmetic below and --recommend finds
  each group's own fewest hires (a surplus in one group does not close another's gap); the output then has a
  first column group: the team (group=all, the sum of the groups) first, then each group's weeks, and each
  recommended_class line ends with group=NAME.
Arithmetic: weekly attrition w = 1 - (1 - monthly)^(12/52). Hires and transfers join at the start of their week
  and count in its headcount; leavers = w x headcount leave at the end of the week, so
  headcount(t+1) = headcount(t) - leavers(t) + hires(t+1) + transfers(t+1). A hire gives 0 in training, then
  ramp[0], ramp[1], ... then 1. productive_fte = fte_per_head x sum(people x productivity) - leave.
--recommend: first adds the fewest hires, in classes starting no earlier than the first week + hiring_lead_weeks,
  of at most class_size_max (with a planned class of the same week), min_weeks_between_classes apart, that make
  every gap from --from on >= 0 where that is possible (exact integer programme, HiGHS). Prints each class on
  stderr as: recommended_class week_start=YYYY-MM-DD size=N; each week it cannot close as:
  unclosable_week week_start=YYYY-MM-DD shortfall_fte=X reason="..."; then a summary line.
--from (with --recommend): the first week that must be closed (default: the first week of R).
--time-limit (with --recommend): the search's time budget in seconds (default 1). When the fewest is not proven
  within it, the best plan found is printed (every closable week closed, no hire removable) and the summary says
  fewest=not proven (time limit; no plan has fewer than N).
On bad input prints the problem on stderr and exits with code 1.`


/** A numeric option checked against its bound in src/schemas (`--gap: Gap target must be between 0 and 0.99, got 1`). */
function cliNumber(options: Record<string, string | true>, name: string, bound: NumberBound, fallback: number): number {
  try { return numberOption(options, name, bound, fallback) } catch (error) { throw new InputError((error as Error).message) }
}

const OPTIONS = ['requirements', 'staff', 'from', 'recommend', 'queue', 'weeks', 'time-limit']


function addDays(dateKey: string, days: number): string {
  return new Date(Date.parse(dateKey + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10)
}

function isDateKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const ms = Date.parse(value + 'T00:00:00Z')
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === value
}

/** Reads R.csv (and any required_fte_NAME columns); rows in messages are file lines (the header is line 1). */
export function readRequirementWeeks(text: string, path: string): RequirementWeek[] {
  return readRequirementFile(text, path).weeks
}

/** R.csv's weeks and its per-group columns required_fte_NAME (by group name as written in the header). */
export function readRequirementFile(text: string, path: string): { weeks: RequirementWeek[]; perGroup: Map<string, number[]> } {
  let records: string[][]
  try {
    records = parseCsvRecords(text)
  } catch (error) {
    throw new InputError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  if (!records.length) throw new InputError(`${path}: the file is empty (expected the header week_start,required_fte)`)
  const header = records[0].map((h) => h.toLowerCase())
  const weekColumn = header.indexOf('week_start'), requiredColumn = header.indexOf('required_fte')
  for (const [name, index] of [['week_start', weekColumn], ['required_fte', requiredColumn]] as const) {
    if (index < 0) throw new InputError(`${path}: missing column ${name} (header is ${records[0].join(',')})`)
  }
  if (records.length === 1) throw new InputError(`${path}: no weeks after the header`)
  const groupColumns = records[0].flatMap((h, i) => (/^required_fte_./i.test(h) ? [{ name: h.slice('required_fte_'.length), index: i, header: h }] : []))
  const perGroup = new Map(groupColumns.map((g) => [g.name, [] as number[]]))
  const weeks: RequirementWeek[] = []
  records.slice(1).forEach((row, i) => {
    const line = i + 2
    const week = row[weekColumn] ?? '', raw = row[requiredColumn] ?? ''
    if (!isDateKey(week)) throw new InputError(`${path} row ${line} column week_start: '${week}' is not a date YYYY-MM-DD`)
    if (weeks.length && week !== addDays(weeks[weeks.length - 1].weekStart, 7)) {
      throw new InputError(`${path} row ${line} column week_start: ${week} does not follow ${weeks[weeks.length - 1].weekStart} by 7 days (weeks must be consecutive, expected ${addDays(weeks[weeks.length - 1].weekStart, 7)})`)
    }
    const required = raw === '' ? NaN : Number(raw)
    if (!Number.isFinite(required) || required < 0) throw new InputError(`${path} row ${line} column required_fte: '${raw}' is not a number >= 0`)
    weeks.push({ weekStart: week, requiredFte: required })
    let groupSum = 0
    for (const g of groupColumns) {
      const cell = row[g.index] ?? '', value = cell === '' ? NaN : Number(cell)
      if (!Number.isFinite(value) || value < 0) throw new InputError(`${path} row ${line} column ${g.header}: '${cell}' is not a number >= 0`)
      perGroup.get(g.name)!.push(value)
      groupSum += value
    }
    if (groupColumns.length && Math.abs(groupSum - required) > 0.001) throw new InputError(`${path} row ${line} column required_fte: ${raw} is not the sum of the groups' columns (${Math.round(groupSum * 1000) / 1000})`)
  })
  if (weeks.length > 156) throw new InputError(`${path}: ${weeks.length} weeks: plan at most 156 weeks (3 years) at a time`)
  return { weeks, perGroup }
}

/** Checks R.csv's per-group columns against the model's groups (each group one column, or none at all). */
function checkGroupColumns(perGroup: ReadonlyMap<string, number[]>, model: StaffModel, path: string): void {
  if (!perGroup.size) return
  const names = model.groups.map((g) => g.name)
  if (!names.length) throw new InputError(`${path}: columns ${[...perGroup.keys()].map((k) => 'required_fte_' + k).join(', ')} need groups in the staff file (S.json "groups")`)
  for (const key of perGroup.keys()) if (!names.includes(key)) throw new InputError(`${path}: column required_fte_${key} names no group of the staff file (the groups are ${names.join(', ')})`)
  for (const name of names) if (!perGroup.has(name)) throw new InputError(`${path}: column required_fte_${name} is missing (with per-group columns, every group needs one)`)
}

/** S.json; with --queue NAME and no "headcount", today's headcount (and skill groups) from the queue's agents. */
async function readStaff(path: string, io: CliIo, queueName?: string) {
  const text = readInputFile(path, io, 'staff')
  let json: unknown
  try { json = JSON.parse(text) } catch (error) { throw new InputError(`${path}: not valid JSON: ${(error as Error).message}`) }
  if (queueName !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json) && !('headcount' in json)) {
    const { queueStaffDefaultsByName, staffDefaultsLabel, staffJsonWithDefaults } = await import('../../planning/capacityStaff.ts')
    const defaults = await queueStaffDefaultsByName(queueName, io.env)
    let made
    try { made = staffJsonWithDefaults(json, defaults) } catch (error) { throw new InputError(`${path}: ${(error as Error).message}`) }
    if (made.filled) io.err(`chatplan capacity: ${staffDefaultsLabel(defaults)}\n`)
    json = made.json
  }
  try { return parseStaffModel(json) } catch (error) { throw new InputError(`${path}: ${(error as Error).message}`) }
}

const num = (v: number, digits = 3) => String(Math.round(v * 10 ** digits) / 10 ** digits + 0)

async function requirementsFromQueue(queueName: string, weeksText: string, io: CliIo): Promise<RequirementWeek[]> {
  const weeks = cliNumber({ weeks: weeksText }, 'weeks', CAPACITY_WEEKS, 0)
  const { queueRequirementWeeks } = await import('../../planning/capacityPlan.ts')
  return queueRequirementWeeks(queueName, weeks, io.env, (note: string) => io.err(`chatplan capacity: ${note}\n`))
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    let parsed
    try { parsed = parseOptions(args, ['recommend']) } catch (error) { throw new InputError((error as Error).message) }
    const { options, positional } = parsed
    for (const name of Object.keys(options)) if (!OPTIONS.includes(name)) throw new InputError(`unknown option --${name} (the options are ${OPTIONS.map((o) => '--' + o).join(', ')})`)
    if (positional.length) throw new InputError(`unexpected argument '${positional[0]}' (give the files with --requirements and --staff)`)
    if (typeof options.staff !== 'string') throw new InputError('--staff S.json is required')
    const fromQueue = options.queue !== undefined
    if (fromQueue && options.requirements !== undefined) throw new InputError('give either --requirements R.csv or --queue NAME --weeks N, not both')
    if (!fromQueue && typeof options.requirements !== 'string') throw new InputError('--requirements R.csv is required (or --queue NAME --weeks N)')
    if (fromQueue && (typeof options.queue !== 'string' || typeof options.weeks !== 'string')) throw new InputError('--queue NAME needs --weeks N')
    if (!fromQueue && options.weeks !== undefined) throw new InputError('--weeks goes with --queue NAME')
    if (options.from !== undefined && (typeof options.from !== 'string' || !isDateKey(options.from))) throw new InputError(`--from: must be a week start YYYY-MM-DD, got '${String(options.from)}'`)
    if (options.from !== undefined && !options.recommend) throw new InputError('--from goes with --recommend: it is the first week the recommended hires must close')
    if (options['time-limit'] !== undefined && !options.recommend) throw new InputError('--time-limit goes with --recommend: it limits the solver that finds the hires')
    const timeLimit = cliNumber(options, 'time-limit', SOLVER_TIME_LIMIT_SECONDS, DEFAULT_RECOMMEND_SECONDS)
    const model = await readStaff(options.staff, io, fromQueue ? options.queue as string : undefined)
    const { weeks, perGroup } = fromQueue
      ? { weeks: await requirementsFromQueue(options.queue as string, options.weeks as string, io), perGroup: new Map<string, number[]>() }
      : readRequirementFile(readInputFile(options.requirements as string, io, 'requirements'), options.requirements as string)
    if (options.from !== undefined && !weeks.some((w) => w.weekStart === options.from)) {
      throw new InputError(`--from: ${options.from} is not a week of the requirements (weeks start ${weeks[0].weekStart}, every 7 days, to ${weeks[weeks.length - 1].weekStart})`)
    }
    const line = (w: CapacityWeek) => [w.weekStart, num(w.requiredFte), num(w.headcount), num(w.productiveFte), num(w.gapFte), num(w.hiresStarting), num(w.leavers)].join(',')
    if (model.groups.length) {
      checkGroupColumns(perGroup, model, String(options.requirements))
      const plan = await planGroups(weeks, model, { given: perGroup, recommend: Boolean(options.recommend), fromWeek: options.from as string | undefined, timeLimitSeconds: timeLimit })
      if (options.recommend) {
        let hires = 0, classes = 0, unclosable = 0, proven = true, lowerBound = 0
        for (const g of plan.groups) {
          const r = g.recommendation!
          for (const c of r.classes) io.err(`recommended_class week_start=${c.weekStart} size=${c.count} group=${g.name}\n`)
          for (const u of r.unclosable) io.err(`unclosable_week week_start=${u.weekStart} shortfall_fte=${num(u.shortfallFte)} reason="${u.reason}" group=${g.name}\n`)
          hires += r.totalHires; classes += r.classes.length; unclosable += r.unclosable.length; proven &&= r.proven; lowerBound += r.lowerBound
        }
        io.err(`recommended_hires=${hires} classes=${classes} unclosable_weeks=${unclosable} fewest=${proven ? 'proven' : `not proven (time limit; no plan has fewer than ${lowerBound})`}\n`)
      }
      io.out('group,week_start,required_fte,headcount,productive_fte,gap_fte,hires_starting,leavers\n')
      for (const w of plan.total) io.out(`all,${line(w)}\n`)
      for (const g of plan.groups) for (const w of g.weeks) io.out(`${g.name},${line(w)}\n`)
      const costs = plan.groups.map((g, i) => capacityCost(g.weeks, model.groups[i].model))
      const sum = (key: 'paidHours' | 'overtimeHours' | 'hires' | 'cost' | 'shortfallFteWeeks') => costs.reduce((s, c) => s + c[key], 0)
      io.err(`paid_hours=${num(sum('paidHours'), 1)} overtime_hours=${num(sum('overtimeHours'), 1)} hires=${num(sum('hires'))} cost=${num(sum('cost'), 2)} short_fte_weeks=${num(sum('shortfallFteWeeks'))}\n`)
      return 0
    }
    if (perGroup.size) checkGroupColumns(perGroup, model, String(options.requirements))
    let rows
    if (options.recommend) {
      const r = await recommendHires(weeks, model, { fromWeek: options.from as string | undefined, timeLimitSeconds: timeLimit })
      for (const c of r.classes) io.err(`recommended_class week_start=${c.weekStart} size=${c.count}\n`)
      for (const u of r.unclosable) io.err(`unclosable_week week_start=${u.weekStart} shortfall_fte=${num(u.shortfallFte)} reason="${u.reason}"\n`)
      io.err(`recommended_hires=${r.totalHires} classes=${r.classes.length} unclosable_weeks=${r.unclosable.length} fewest=${r.proven ? 'proven' : `not proven (time limit; no plan has fewer than ${r.lowerBound})`}\n`)
      rows = r.weeks
    } else {
      rows = projectCapacity(weeks, model)
    }
    io.out('week_start,required_fte,headcount,productive_fte,gap_fte,hires_starting,leavers\n')
    for (const w of rows) io.out(line(w) + '\n')
    const cost = capacityCost(rows, model)
    io.err(`paid_hours=${num(cost.paidHours, 1)} overtime_hours=${num(cost.overtimeHours, 1)} hires=${num(cost.hires)} cost=${num(cost.cost, 2)} short_fte_weeks=${num(cost.shortfallFteWeeks)}\n`)
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof RangeError || error instanceof TypeError) {
      io.err(`chatplan capacity: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
