/** Formatting shared by the schedules views. Percentages appear only here, in the views. */

export function pct(fraction: number | null, digits = 1): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–'
  return `${(fraction * 100).toFixed(digits)}%`
}

export function num(value: number | null, digits = 1): string {
  if (value === null) return '–'
  if (!Number.isFinite(value)) return '∞'
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** Agents with at most 2 decimals and no trailing zeros (3, 3.5, 2.86). */
export function agents(value: number): string {
  return String(Math.round(value * 100) / 100)
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** "Mon 2003-10-27" of a local date 'YYYY-MM-DD'. */
export function dayLabel(dateKey: string): string {
  return `${WEEKDAY_NAMES[new Date(dateKey + 'T00:00:00Z').getUTCDay()]} ${dateKey}`
}

/** "Mon 2003-10-27 07:00" of a local date-time 'YYYY-MM-DDTHH:MM'. */
export function localLabel(start: string): string {
  return `${dayLabel(start.slice(0, 10))} ${start.slice(11, 16)}`
}

/** "07:00–15:00" (with the end's date when it ends on another day). */
export function spanLabel(start: string, end: string): string {
  return `${start.slice(11, 16)}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11, 16) : localLabel(end)}`
}

export function minutesLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
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
