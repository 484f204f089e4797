/** Bounds of a queue (the import form, the API, `chatplan import --queue`). */
import type { TextBound } from './bounds.ts'

export const QUEUE_NAME: TextBound = { label: 'Queue name', maxLength: 100, minLength: 1 }
/** A control character (NUL, tab, line break, DEL…): never part of a name. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/
export const TIME_ZONE_TEXT: TextBound = { label: 'Time zone', maxLength: 64 }

/**
 * A queue's week (the calendar page's "Week" form): the day it starts on and its weekend days, each empty to follow
 * the holiday country's custom (src/scheduling/weekRules.ts). A refused value names the field.
 */
export const WEEK_DAY_NAMES: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' }

export function parseWeekRulesForm(body: { weekStartsOn?: unknown; weekend?: unknown; weekendFollows?: unknown }): { ok: true; weekStartsOn: string | null; weekendDays: string[] | null } | { ok: false; error: string } {
  const start = typeof body.weekStartsOn === 'string' ? body.weekStartsOn : ''
  if (start !== '' && !(start in WEEK_DAY_NAMES)) return { ok: false, error: `Week starts on: choose a day of the week, not '${start.slice(0, 20)}'` }
  if (body.weekendFollows === '1') return { ok: true, weekStartsOn: start || null, weekendDays: null }
  const given = (Array.isArray(body.weekend) ? body.weekend : body.weekend === undefined ? [] : [body.weekend]).map(String)
  const unknown = given.find((d) => !(d in WEEK_DAY_NAMES))
  if (unknown !== undefined) return { ok: false, error: `Weekend days: '${unknown.slice(0, 20)}' is not a day of the week` }
  const days = Object.keys(WEEK_DAY_NAMES).filter((d) => given.includes(d))
  if (days.length > 3) return { ok: false, error: `Weekend days: at most 3 days, not ${days.length}` }
  return { ok: true, weekStartsOn: start || null, weekendDays: days }
}
