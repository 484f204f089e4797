/** Formatting shared by the schedules views. Percentages appear only here, in the views. */
import { formatDayLabel, formatLocalDayTime, formatLocalSpan, formatShortDayLabel } from '../../src/format/dateTime.ts'
import { formatDecimal, formatMinutes, formatPercent, formatUpTo } from '../../src/format/numbers.ts'

export function pct(fraction: number | null, digits = 1): string {
  return formatPercent(fraction, digits)
}

export function num(value: number | null, digits = 1): string {
  if (value === null) return '–'
  if (!Number.isFinite(value)) return '∞'
  return formatDecimal(value, digits)
}

/** Agents with at most 2 decimals and no trailing zeros (3, 3.5, 2.86). */
export function agents(value: number): string {
  return formatUpTo(value, 2)
}

/** "Mon 2003-10-27" of a local date 'YYYY-MM-DD' (in the team's date style: src/format/dateTime.ts). */
export function dayLabel(dateKey: string): string {
  return formatDayLabel(dateKey)
}

/** "Mon 10-27": a day on a chart axis. */
export function shortDayLabel(dateKey: string): string {
  return formatShortDayLabel(dateKey)
}

/** "Mon 2003-10-27 07:00" of a local date-time 'YYYY-MM-DDTHH:MM'. */
export function localLabel(start: string): string {
  return formatLocalDayTime(start)
}

/** "07:00–15:00" (with the end's date when it ends on another day). */
export function spanLabel(start: string, end: string): string {
  return formatLocalSpan(start, end)
}

/** "8 h", "7 h 30 min": shift lengths in the app's one duration style. */
export function minutesLabel(minutes: number): string {
  return formatMinutes(minutes)
}

export function solverStatusLabel(status: string): string {
  if (status === 'optimal') return 'optimal (within the gap target)'
  if (status === 'feasible') return 'stopped by the time limit: best schedule found'
  return status
}

/**
 * Layout of the schedules screens as `style` attributes: the content security policy admits inline styles only as
 * attributes (an inline `<style>` needs its hash listed in src/web/middleware/securityHeaders.ts).
 */
export const ROW_STYLE = 'display:flex;gap:.8rem;align-items:end;flex-wrap:wrap;margin:.5rem 0'
export const CHECK_STYLE = 'flex-direction:row;align-items:center;gap:.3rem'
export const SHORT_STYLE = 'background:#fde8e8'
export const OVER_STYLE = 'background:#eef6ff'
