/**
 * CSV export of a roster (one row per agent shift) and of a coverage table. Pure: returns the CSV text.
 */
import type { CoverageReport } from './coverage.ts'
import type { Roster } from './roster.ts'

/** Quotes a cell when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Numbers without floating-point noise: at most 4 decimals, no trailing zeros. */
function formatAgents(value: number): string {
  const rounded = Number(value.toFixed(4))
  return String(rounded === 0 ? 0 : rounded)
}

export interface RosterCsvOptions {
  /** Add the shifts nobody could take, with an empty agent. @default false */
  includeUnassigned?: boolean
}

/**
 * `agent,date,shift_start,shift_end,breaks,queue`: date is the start date 'YYYY-MM-DD'; shift_start and
 * shift_end are local date-times 'YYYY-MM-DDTHH:MM' (a shift may end the next day); breaks reads like
 * '10:00-10:15 break 1 (paid); 12:30-13:00 lunch (unpaid)'. Rows by agent, then start.
 */
export function rosterToCsv(roster: Roster, options: RosterCsvOptions = {}): string {
  const rows = roster.assignments.map((a) => ({ agent: a.agent, shift: a.shift }))
  if (options.includeUnassigned) rows.push(...roster.unassigned.map((u) => ({ agent: '', shift: u.shift })))
  const lines = ['agent,date,shift_start,shift_end,breaks,queue']
  for (const { agent, shift } of rows) {
    const breaks = shift.breaks.map((b) => `${b.start.slice(11)}-${b.end.slice(11)} ${b.name} (${b.paid ? 'paid' : 'unpaid'})`).join('; ')
    lines.push([agent, shift.start.slice(0, 10), shift.start, shift.end, breaks, shift.queue ?? ''].map(csvCell).join(','))
  }
  return lines.join('\n') + '\n'
}

/** `interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover,under_cover`, one row per interval. */
export function coverageToCsv(coverage: CoverageReport): string {
  const lines = ['interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover,under_cover']
  for (const c of coverage.intervals) {
    lines.push([c.start, formatAgents(c.agentsRequired), formatAgents(c.agentsOnShift), formatAgents(c.agentsScheduled), formatAgents(c.overCover), formatAgents(c.underCover)].join(','))
  }
  return lines.join('\n') + '\n'
}
