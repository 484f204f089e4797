/**
 * CSV export of a roster (one row per agent shift) and of a coverage table, through the one CSV writer
 * (src/format/csv.ts: formula neutralising, times with their UTC offset, units in headers, rounding). Pure.
 */
import { csvLocalTime, csvTable, csvTime, type CsvColumn, type CsvValue } from '../format/csv.ts'
import type { CoverageReport } from './coverage.ts'
import type { Roster } from './roster.ts'

/** The agent column of a shift nobody could take: the key is never blank. */
export const UNASSIGNED_AGENT = 'unassigned'

export interface RosterCsvOptions {
  /** Add the shifts nobody could take, with agent `unassigned` and the reason. @default false */
  includeUnassigned?: boolean
  /** The queue's zone: times are written with their UTC offset. Without it they stay local wall-clock times. */
  timeZone?: string
}

const localTime = (local: string, timeZone: string | undefined) => (timeZone ? csvLocalTime(local, timeZone) : local)

/**
 * `agent,date,shift_start,shift_end,breaks,queue,status`: date is the start date 'YYYY-MM-DD'; shift_start and
 * shift_end are local times with their offset ('2024-03-04T08:00:00+01:00'; a shift may end the next day);
 * breaks reads like '10:00-10:15 break 1 (paid); 12:30-13:00 lunch (unpaid)'; status is `assigned` or, for a
 * shift nobody could take (agent `unassigned`), `unassigned: <why>`. Rows by agent, then start.
 */
export function rosterToCsv(roster: Roster, options: RosterCsvOptions = {}): string {
  const rows = roster.assignments.map((a) => ({ agent: a.agent, shift: a.shift, status: 'assigned' }))
  if (options.includeUnassigned) rows.push(...roster.unassigned.map((u) => ({ agent: UNASSIGNED_AGENT, shift: u.shift, status: `unassigned: ${u.reason}` })))
  const columns: Array<CsvColumn | string> = [{ name: 'agent', key: true }, { name: 'date', unit: 'date' }, { name: 'shift_start', unit: 'time' }, { name: 'shift_end', unit: 'time' }, 'breaks', 'queue', 'status']
  return csvTable(columns, rows.map(({ agent, shift, status }) => [
    agent, shift.start.slice(0, 10), localTime(shift.start, options.timeZone), localTime(shift.end, options.timeZone),
    shift.breaks.map((b) => `${b.start.slice(11)}-${b.end.slice(11)} ${b.name} (${b.paid ? 'paid' : 'unpaid'})`).join('; '),
    shift.queue ?? '', status,
  ]))
}

export interface CoverageCsvOptions {
  /** The queue's zone: interval starts are written with their UTC offset. */
  timeZone?: string
  /** Per interval (same order as the report): its UTC start, exact across DST where the local time repeats. */
  startMs?: readonly number[]
  /** Extra columns appended to every row (e.g. agents handling, expected service level). */
  extra?: { columns: CsvColumn[]; rows: ReadonlyArray<ReadonlyArray<CsvValue>> }
}

/**
 * `interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover_agents,under_cover_agents`, one row
 * per interval (agents rounded to 2 decimals).
 */
export function coverageToCsv(coverage: CoverageReport, options: CoverageCsvOptions = {}): string {
  const { timeZone, startMs, extra } = options
  const columns: CsvColumn[] = [
    { name: 'interval_start', unit: 'time', key: true },
    ...['agents_required', 'agents_on_shift', 'agents_scheduled', 'over_cover_agents', 'under_cover_agents'].map((name) => ({ name, unit: 'agents' as const })),
    ...(extra?.columns ?? []),
  ]
  return csvTable(columns, coverage.intervals.map((c, i) => [
    timeZone && startMs ? csvTime(startMs[i], timeZone) : localTime(c.start, timeZone),
    c.agentsRequired, c.agentsOnShift, c.agentsScheduled, c.overCover, c.underCover,
    ...(extra?.rows[i] ?? []),
  ]))
}
