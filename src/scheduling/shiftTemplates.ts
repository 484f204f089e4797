/**
 * Shift templates: what kinds of shift may be scheduled (length, allowed start times, days, breaks, cost, counts)
 * and their validation. A template is plain data, as a form or a JSON file gives it; validateShiftTemplates turns
 * it into a ValidShiftTemplate with every default filled in, or throws a ScheduleInputError naming the template.
 */
import { TEMPLATE_NAME, quotedName, shiftTemplateBoundProblems } from '../schemas/shiftTemplates.ts'
import { isWeekday, parseClockTime, WEEKDAYS, type Weekday } from './localTime.ts'
import { ScheduleInputError, type ScheduleInputIssue } from './scheduleInputError.ts'

/** A break inside a shift, placed by the solver within its window (counted from the shift start). */
export interface BreakRule {
  /** Shown in rosters and exports. @default 'break 1', 'break 2', ... */
  name?: string
  lengthMinutes: number
  /** Paid breaks count as paid time; unpaid breaks (lunch) do not. Either way the agent is not covering. */
  paid: boolean
  /** Earliest break start, in minutes after the shift start (e.g. 180 for "3 h in"). */
  earliestAfterMinutes: number
  /** Latest break start, in minutes after the shift start. */
  latestAfterMinutes: number
  /** Spacing of the candidate break starts. @default the requirement's interval length */
  startStepMinutes?: number
}

export interface ShiftTemplate {
  name: string
  lengthMinutes: number
  /** Earliest allowed start, local clock time 'HH:MM'. */
  earliestStart: string
  /** Latest allowed start, local clock time 'HH:MM' (a shift may run past midnight). */
  latestStart: string
  startStepMinutes: number
  /** Weekdays on which the shift may start. @default every day */
  days?: Weekday[]
  breaks?: BreakRule[]
  /** Cost of one paid hour (any currency). @default 1, so the cost is paid agent-hours */
  costPerHour?: number
  /** Least number of these shifts starting on each day the template may start. @default 0 */
  minCountPerDay?: number
  /** Largest number of these shifts starting on each day the template may start. @default no limit */
  maxCountPerDay?: number
  /** Skill (queue) an agent needs to work this shift. @default none: any agent */
  queue?: string
}

export interface ValidBreakRule {
  name: string
  lengthMinutes: number
  paid: boolean
  earliestAfterMinutes: number
  latestAfterMinutes: number
  startStepMinutes: number | undefined
}

export interface ValidShiftTemplate {
  name: string
  lengthMinutes: number
  earliestStartMinutes: number
  latestStartMinutes: number
  startStepMinutes: number
  days: Weekday[]
  breaks: ValidBreakRule[]
  costPerHour: number
  minCountPerDay: number
  maxCountPerDay: number | undefined
  queue: string | undefined
  /** lengthMinutes minus unpaid breaks. */
  paidMinutes: number
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value)
}

function validateBreaks(template: ShiftTemplate, lengthMinutes: number | undefined, issues: ScheduleInputIssue[]): ValidBreakRule[] {
  const name = String(template.name)
  if (template.breaks === undefined) return []
  if (!Array.isArray(template.breaks)) {
    issues.push({ template: name, field: 'breaks', message: `must be a list of breaks, got ${describe(template.breaks)}` })
    return []
  }
  const valid: ValidBreakRule[] = []
  template.breaks.forEach((rule, index) => {
    const field = (f: string) => `breaks[${index}].${f}`
    const before = issues.length
    if (rule === null || typeof rule !== 'object') {
      issues.push({ template: name, field: `breaks[${index}]`, message: 'must be an object' })
      return
    }
    if (!isWholeNumber(rule.lengthMinutes) || rule.lengthMinutes <= 0) {
      issues.push({ template: name, field: field('lengthMinutes'), message: `a break must last a positive whole number of minutes, got ${describe(rule.lengthMinutes)}` })
    }
    if (typeof rule.paid !== 'boolean') issues.push({ template: name, field: field('paid'), message: `must be true or false, got ${describe(rule.paid)}` })
    if (!isWholeNumber(rule.earliestAfterMinutes) || rule.earliestAfterMinutes < 0) {
      issues.push({ template: name, field: field('earliestAfterMinutes'), message: `must be a whole number of minutes >= 0, got ${describe(rule.earliestAfterMinutes)}` })
    }
    if (!isWholeNumber(rule.latestAfterMinutes) || rule.latestAfterMinutes < 0) {
      issues.push({ template: name, field: field('latestAfterMinutes'), message: `must be a whole number of minutes >= 0, got ${describe(rule.latestAfterMinutes)}` })
    }
    if (rule.startStepMinutes !== undefined && (!isWholeNumber(rule.startStepMinutes) || rule.startStepMinutes <= 0)) {
      issues.push({ template: name, field: field('startStepMinutes'), message: `the break start step must be a positive whole number of minutes, got ${describe(rule.startStepMinutes)}` })
    }
    if (issues.length > before) return
    if (rule.latestAfterMinutes < rule.earliestAfterMinutes) {
      issues.push({ template: name, field: field('latestAfterMinutes'), message: `the break window ends (${rule.latestAfterMinutes} min) before it starts (${rule.earliestAfterMinutes} min)` })
      return
    }
    if (lengthMinutes !== undefined && rule.latestAfterMinutes + rule.lengthMinutes > lengthMinutes) {
      issues.push({
        template: name,
        field: field('latestAfterMinutes'),
        message: `the break window is outside the shift: a ${rule.lengthMinutes}-min break starting ${rule.latestAfterMinutes} min in ends after the ${lengthMinutes}-min shift`,
      })
      return
    }
    valid.push({
      name: typeof rule.name === 'string' && rule.name.trim() ? rule.name.trim() : `break ${index + 1}`,
      lengthMinutes: rule.lengthMinutes,
      paid: rule.paid,
      earliestAfterMinutes: rule.earliestAfterMinutes,
      latestAfterMinutes: rule.latestAfterMinutes,
      startStepMinutes: rule.startStepMinutes,
    })
  })
  if (valid.length !== template.breaks.length) return valid
  const totalBreakMinutes = valid.reduce((sum, b) => sum + b.lengthMinutes, 0)
  if (lengthMinutes !== undefined && totalBreakMinutes >= lengthMinutes) {
    issues.push({ template: name, field: 'breaks', message: `the breaks (${totalBreakMinutes} min in all) are as long as or longer than the ${lengthMinutes}-min shift` })
    return valid
  }
  // Break windows must not overlap, so that no agent is ever given two breaks at once (Aykin 1996 assumes the
  // break types of a shift are ordered; here each break's whole window must end before the next one opens).
  const ordered = valid.map((b, index) => ({ b, index })).sort((p, q) => p.b.earliestAfterMinutes - q.b.earliestAfterMinutes)
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1], current = ordered[i]
    const previousEnd = previous.b.latestAfterMinutes + previous.b.lengthMinutes
    if (current.b.earliestAfterMinutes < previousEnd) {
      issues.push({
        template: name,
        field: `breaks[${current.index}].earliestAfterMinutes`,
        message: `the window of '${current.b.name}' (from ${current.b.earliestAfterMinutes} min) overlaps the window of '${previous.b.name}' (until ${previousEnd} min); break windows must not overlap`,
      })
    }
  }
  return valid
}

function validateOneTemplate(template: ShiftTemplate, index: number, issues: ScheduleInputIssue[]): ValidShiftTemplate | undefined {
  if (template === null || typeof template !== 'object') {
    issues.push({ template: `#${index + 1}`, field: '(template)', message: 'must be an object' })
    return undefined
  }
  const hasName = typeof template.name === 'string' && template.name.trim() !== ''
  const name = hasName ? template.name.trim() : `#${index + 1}`
  if (name.length > TEMPLATE_NAME.maxLength) return undefined // named by the bounds check, without echoing the whole name
  const before = issues.length
  if (!hasName) issues.push({ template: name, field: 'name', message: `every template needs a non-empty name, got ${describe(template.name)}` })
  let lengthMinutes: number | undefined
  if (!isWholeNumber(template.lengthMinutes) || template.lengthMinutes <= 0) {
    issues.push({ template: name, field: 'lengthMinutes', message: `a shift must last a positive whole number of minutes (zero-length shifts are not allowed), got ${describe(template.lengthMinutes)}` })
  } else if (template.lengthMinutes > 24 * 60) {
    issues.push({ template: name, field: 'lengthMinutes', message: `a shift may last at most 24 hours (1440 min), got ${template.lengthMinutes}` })
  } else lengthMinutes = template.lengthMinutes
  let earliestStartMinutes: number | undefined, latestStartMinutes: number | undefined
  try { earliestStartMinutes = parseClockTime(template.earliestStart) } catch (error) {
    issues.push({ template: name, field: 'earliestStart', message: (error as Error).message })
  }
  try { latestStartMinutes = parseClockTime(template.latestStart) } catch (error) {
    issues.push({ template: name, field: 'latestStart', message: (error as Error).message })
  }
  if (earliestStartMinutes !== undefined && latestStartMinutes !== undefined && latestStartMinutes < earliestStartMinutes) {
    issues.push({ template: name, field: 'latestStart', message: `the latest start ${template.latestStart} is before the earliest start ${template.earliestStart}` })
  }
  if (!isWholeNumber(template.startStepMinutes) || template.startStepMinutes <= 0) {
    issues.push({ template: name, field: 'startStepMinutes', message: `the start step must be a positive whole number of minutes, got ${describe(template.startStepMinutes)}` })
  }
  let days: Weekday[] = [...WEEKDAYS]
  if (template.days !== undefined) {
    if (!Array.isArray(template.days) || template.days.length === 0) {
      issues.push({ template: name, field: 'days', message: `must be a non-empty list of weekdays (${WEEKDAYS.join(', ')}), got ${describe(template.days)}` })
    } else {
      const unknown = template.days.filter((d) => !isWeekday(d))
      if (unknown.length) issues.push({ template: name, field: 'days', message: `unknown weekday ${describe(unknown[0])}; use ${WEEKDAYS.join(', ')}` })
      else days = WEEKDAYS.filter((d) => template.days!.includes(d))
    }
  }
  const costPerHour = template.costPerHour ?? 1
  if (typeof costPerHour !== 'number' || !Number.isFinite(costPerHour) || costPerHour < 0) {
    issues.push({ template: name, field: 'costPerHour', message: `must be a finite number >= 0, got ${describe(template.costPerHour)}` })
  }
  const minCountPerDay = template.minCountPerDay ?? 0
  if (!isWholeNumber(minCountPerDay) || minCountPerDay < 0) {
    issues.push({ template: name, field: 'minCountPerDay', message: `must be a whole number >= 0, got ${describe(template.minCountPerDay)}` })
  }
  const maxCountPerDay = template.maxCountPerDay
  if (maxCountPerDay !== undefined) {
    if (!isWholeNumber(maxCountPerDay) || maxCountPerDay < 0) {
      issues.push({ template: name, field: 'maxCountPerDay', message: `must be a whole number >= 0, got ${describe(maxCountPerDay)}` })
    } else if (isWholeNumber(minCountPerDay) && maxCountPerDay < minCountPerDay) {
      issues.push({ template: name, field: 'maxCountPerDay', message: `the maximum count ${maxCountPerDay} is below the minimum count ${minCountPerDay}` })
    }
  }
  if (template.queue !== undefined && (typeof template.queue !== 'string' || template.queue.trim() === '')) {
    issues.push({ template: name, field: 'queue', message: `must be a non-empty text, got ${describe(template.queue)}` })
  }
  const breaks = validateBreaks({ ...template, name }, lengthMinutes, issues)
  if (issues.length > before) return undefined
  const unpaidMinutes = breaks.filter((b) => !b.paid).reduce((sum, b) => sum + b.lengthMinutes, 0)
  return {
    name,
    lengthMinutes: lengthMinutes!,
    earliestStartMinutes: earliestStartMinutes!,
    latestStartMinutes: latestStartMinutes!,
    startStepMinutes: template.startStepMinutes,
    days,
    breaks,
    costPerHour,
    minCountPerDay,
    maxCountPerDay,
    queue: template.queue?.trim(),
    paidMinutes: lengthMinutes! - unpaidMinutes,
  }
}

/**
 * Checks every template and fills in the defaults. Collects all issues before throwing.
 * @throws ScheduleInputError listing each {template, field, message}: zero or negative length, start step not
 *   positive, latest start before earliest, break window outside its shift, breaks as long as the shift,
 *   overlapping break windows, unknown weekdays, duplicate names, negative cost, max count below min count
 */
export function validateShiftTemplates(templates: readonly ShiftTemplate[]): ValidShiftTemplate[] {
  if (!Array.isArray(templates)) throw new ScheduleInputError([{ template: '(templates)', field: 'templates', message: `must be a list of shift templates, got ${describe(templates)}` }])
  const issues: ScheduleInputIssue[] = []
  if (templates.length === 0) issues.push({ template: '(templates)', field: 'templates', message: 'at least one shift template is needed' })
  const valid = templates.map((t, i) => validateOneTemplate(t, i, issues))
  // The documented bounds (src/schemas): a cost of 1e308 or a megabyte name is refused here, not by the solver.
  templates.forEach((t, i) => {
    if (!t || typeof t !== 'object') return
    const name = typeof t.name === 'string' && t.name.trim() ? quotedName(t.name.trim()) : `#${i + 1}`
    for (const p of shiftTemplateBoundProblems(t as never)) {
      if (!issues.some((x) => x.template === name && x.field === p.field)) issues.push({ template: name, field: p.field, message: p.message })
    }
  })
  const seen = new Set<string>()
  for (const t of templates) {
    const name = typeof t?.name === 'string' ? t.name.trim() : ''
    if (name && seen.has(name)) issues.push({ template: name, field: 'name', message: 'two templates have this name; names must be unique' })
    seen.add(name)
  }
  if (issues.length) throw new ScheduleInputError(issues)
  return valid as ValidShiftTemplate[]
}

/** Allowed start times of a template as minutes since midnight: earliest, earliest + step, ... <= latest. */
export function allowedStartMinutesOfDay(template: ValidShiftTemplate): number[] {
  const starts: number[] = []
  for (let m = template.earliestStartMinutes; m <= template.latestStartMinutes; m += template.startStepMinutes) starts.push(m)
  return starts
}

/** Candidate break starts (minutes after shift start) of one break, given the default step. */
export function breakOffsetsMinutes(rule: ValidBreakRule, defaultStepMinutes: number): number[] {
  const step = rule.startStepMinutes ?? defaultStepMinutes
  const offsets: number[] = []
  for (let m = rule.earliestAfterMinutes; m <= rule.latestAfterMinutes; m += step) offsets.push(m)
  return offsets
}

/** Cost of one shift of the template: cost per hour x paid hours. */
export function shiftCost(template: ValidShiftTemplate): number {
  return (template.costPerHour * template.paidMinutes) / 60
}
