/**
 * The scenario form's text fields ⇄ overrides. Percent fields are typed as percent (80 = 80%) and stored as 0–1
 * fractions; an empty field keeps the baseline's value, and `none` drops a target. Rows of volume changes, AHT
 * changes and added events are numbered (`volume.0.value`); a row without a value is left out. Parsing collects a
 * message per field that is not a number, a date or a time; validateOverrides then checks the ranges.
 */
import type { AhtChange, DayHours, IntervalScope, OverrideProblem, ScenarioEvent, ScenarioOverrides, VolumeChange } from './types.ts'
import { clockOfMinutes } from './overrides.ts'
import { typedNumber, typedNumberHint } from '../schemas/bounds.ts'

export type FormValues = Record<string, string | string[]>

/** The most numbered rows read back from a form. */
export const MAX_FORM_ROWS = 20

const PERCENT_FIELDS = ['serviceLevelTarget', 'maxAbandonFraction', 'shrinkageFraction', 'maxOccupancy'] as const
const NUMBER_FIELDS = ['answerWithinSeconds', 'asaTargetSeconds', 'meanPatienceSeconds', 'maxConcurrency', 'slowdownAlpha', 'hoursPerFte', 'costPerHour'] as const
/** Targets a scenario may drop with `none`. */
const DROPPABLE = new Set(['serviceLevelTarget', 'asaTargetSeconds', 'maxAbandonFraction', 'maxOccupancy'])

export const FIELD_LABELS: Record<string, string> = {
  serviceLevelTarget: 'Service level target', answerWithinSeconds: 'Threshold', asaTargetSeconds: 'ASA target', maxAbandonFraction: 'Maximum abandonment',
  meanPatienceSeconds: 'Mean patience', maxConcurrency: 'Concurrency', slowdownAlpha: 'Slowdown α', shrinkageFraction: 'Shrinkage',
  maxOccupancy: 'Occupancy cap', hoursPerFte: 'Hours per FTE', costPerHour: 'Cost per hour',
}

function text(values: FormValues, key: string): string {
  const v = values[key]
  return (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim()
}

function list(values: FormValues, key: string): string[] {
  const v = values[key]
  return (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((s) => s.trim()).filter(Boolean)
}

/** "HH:MM" (or "24:00") → minutes of the day; NaN when it is not such a time. */
export function minutesOfClock(value: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim())
  if (!m) return NaN
  const h = Number(m[1]), min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return NaN
  return h * 60 + min
}

/** Reads the form (see the module doc): the overrides, and a message for every field that could not be read. */
export function overridesFromForm(values: FormValues): { overrides: ScenarioOverrides; problems: OverrideProblem[] } {
  const problems: OverrideProblem[] = []
  const o: ScenarioOverrides = {}
  const numberAt = (key: string, label: string): number | undefined => {
    const t = text(values, key)
    if (t === '') return undefined
    const v = typedNumber(t.replace(/%$/, ''))
    if (!Number.isFinite(v)) { problems.push({ field: key, message: `${label} must be a number, got '${t}'${typedNumberHint(t)}` }); return undefined }
    return v
  }
  for (const key of [...PERCENT_FIELDS, ...NUMBER_FIELDS]) {
    const t = text(values, key)
    if (t.toLowerCase() === 'none') {
      if (DROPPABLE.has(key)) (o as Record<string, unknown>)[key] = null
      else problems.push({ field: key, message: `${FIELD_LABELS[key]} cannot be dropped ('none'); leave it empty to keep the baseline's` })
      continue
    }
    const v = numberAt(key, FIELD_LABELS[key])
    if (v === undefined) continue
    ;(o as Record<string, unknown>)[key] = (PERCENT_FIELDS as readonly string[]).includes(key) ? v / 100 : v
  }

  const scopeOf = (prefix: string, label: string): IntervalScope => {
    const scope: IntervalScope = {}
    const from = text(values, `${prefix}.from`), to = text(values, `${prefix}.to`)
    if (from) scope.fromDateKey = from
    if (to) scope.toDateKey = to
    const weekdays = list(values, `${prefix}.weekdays`).map(Number)
    if (weekdays.length && weekdays.length < 7) scope.weekdays = weekdays
    for (const [key, field] of [['fromMinute', 'fromTime'], ['toMinute', 'toTime']] as const) {
      const t = text(values, `${prefix}.${field}`)
      if (!t) continue
      const m = minutesOfClock(t)
      if (Number.isNaN(m)) problems.push({ field: `${prefix}.${field}`, message: `${label}: the time must be like 09:30 (HH:MM), got '${t}'` })
      else scope[key] = m
    }
    return scope
  }

  const volume: VolumeChange[] = []
  const aht: AhtChange[] = []
  const added: ScenarioEvent[] = []
  for (let i = 0; i < MAX_FORM_ROWS; i++) {
    const vLabel = `Volume change ${volume.length + 1}`
    const v = numberAt(`volume.${i}.value`, vLabel)
    if (v !== undefined) {
      const kind = text(values, `volume.${i}.kind`) || 'percent'
      const scope = scopeOf(`volume.${i}`, vLabel)
      if (kind === 'percent') volume.push({ scope, kind: 'fraction', changeFraction: v / 100 })
      else if (kind === 'addPerDay' || kind === 'setPerDay') volume.push({ scope, kind, contactsPerDay: v })
      else problems.push({ field: `volume.${i}.kind`, message: `${vLabel}: the kind must be percent, addPerDay or setPerDay, got '${kind}'` })
    }
    const aLabel = `AHT change ${aht.length + 1}`
    const a = numberAt(`aht.${i}.value`, aLabel)
    if (a !== undefined) {
      const kind = text(values, `aht.${i}.kind`) || 'percent'
      const scope = scopeOf(`aht.${i}`, aLabel)
      if (kind === 'percent') aht.push({ scope, kind: 'fraction', changeFraction: a / 100 })
      else if (kind === 'seconds') aht.push({ scope, kind: 'seconds', ahtSeconds: a })
      else problems.push({ field: `aht.${i}.kind`, message: `${aLabel}: the kind must be percent or seconds, got '${kind}'` })
    }
    const name = text(values, `event.${i}.name`)
    const eLabel = `Added event ${added.length + 1}`
    const e = numberAt(`event.${i}.value`, eLabel)
    if (name || e !== undefined) {
      const kind = text(values, `event.${i}.kind`) || 'multiplier'
      if (e === undefined) problems.push({ field: `event.${i}.value`, message: `${eLabel} ('${name}') needs a value: a multiplier such as 1.3, or contacts added per day` })
      else if (kind !== 'multiplier' && kind !== 'added') problems.push({ field: `event.${i}.kind`, message: `${eLabel}: the effect must be multiplier or added, got '${kind}'` })
      else added.push({ name, fromDateKey: text(values, `event.${i}.from`), toDateKey: text(values, `event.${i}.to`), kind, value: e })
    }
  }
  if (volume.length) o.volume = volume
  if (aht.length) o.aht = aht
  if (added.length) o.addedEvents = added
  const removed = list(values, 'removeEvent')
  if (removed.length) o.removedEventIds = removed

  if (text(values, 'hoursEnabled')) {
    const days: DayHours[] = []
    for (let d = 1; d <= 7; d++) {
      const open = text(values, `hours.${d}.open`), close = text(values, `hours.${d}.close`)
      if (!open && !close) { days.push(null); continue }
      const openMinute = minutesOfClock(open), closeMinute = minutesOfClock(close)
      if (Number.isNaN(openMinute) || Number.isNaN(closeMinute)) {
        problems.push({ field: `hours.${d}`, message: `Opening hours, day ${d}: give both times like 08:00 and 20:00 (or neither for closed), got '${open}' to '${close}'` })
        days.push(null)
      } else days.push({ openMinute, closeMinute })
    }
    const retain = numberAt('hoursRetain', 'Share of closed-hours volume kept')
    o.openingHours = { days, retainClosedFraction: (retain ?? 0) / 100 }
  }

  const headcountKind = text(values, 'headcountKind')
  if (headcountKind && headcountKind !== 'none') {
    const h = numberAt('headcountValue', 'Headcount')
    if (h === undefined) problems.push({ field: 'headcountValue', message: 'Headcount: give the number of agents per interval or of FTE' })
    else if (headcountKind === 'perInterval') o.headcount = { kind: 'perInterval', agents: h }
    else if (headcountKind === 'totalFte') o.headcount = { kind: 'totalFte', fte: h }
    else problems.push({ field: 'headcountKind', message: `Headcount must be perInterval or totalFte, got '${headcountKind}'` })
  }
  return { overrides: o, problems }
}

const fmt = (v: number) => String(Math.round(v * 1e6) / 1e6)

function scopeValues(prefix: string, scope: IntervalScope, out: FormValues): void {
  if (scope.fromDateKey) out[`${prefix}.from`] = scope.fromDateKey
  if (scope.toDateKey) out[`${prefix}.to`] = scope.toDateKey
  if (scope.weekdays) out[`${prefix}.weekdays`] = scope.weekdays.map(String)
  if (scope.fromMinute !== undefined) out[`${prefix}.fromTime`] = clockOfMinutes(scope.fromMinute)
  if (scope.toMinute !== undefined) out[`${prefix}.toTime`] = clockOfMinutes(scope.toMinute)
}

/** The form's values for stored overrides (the inverse of overridesFromForm). */
export function formValuesOf(o: ScenarioOverrides): FormValues {
  const out: FormValues = {}
  for (const key of [...PERCENT_FIELDS, ...NUMBER_FIELDS]) {
    const v = o[key]
    if (v === undefined) continue
    out[key] = v === null ? 'none' : fmt((PERCENT_FIELDS as readonly string[]).includes(key) ? v * 100 : v)
  }
  ;(o.volume ?? []).forEach((c, i) => {
    out[`volume.${i}.kind`] = c.kind === 'fraction' ? 'percent' : c.kind
    out[`volume.${i}.value`] = fmt(c.kind === 'fraction' ? c.changeFraction * 100 : c.contactsPerDay)
    scopeValues(`volume.${i}`, c.scope, out)
  })
  ;(o.aht ?? []).forEach((c, i) => {
    out[`aht.${i}.kind`] = c.kind === 'fraction' ? 'percent' : 'seconds'
    out[`aht.${i}.value`] = fmt(c.kind === 'fraction' ? c.changeFraction * 100 : c.ahtSeconds)
    scopeValues(`aht.${i}`, c.scope, out)
  })
  ;(o.addedEvents ?? []).forEach((e, i) => {
    out[`event.${i}.name`] = e.name
    out[`event.${i}.from`] = e.fromDateKey
    out[`event.${i}.to`] = e.toDateKey
    out[`event.${i}.kind`] = e.kind
    out[`event.${i}.value`] = fmt(e.value)
  })
  if (o.removedEventIds?.length) out.removeEvent = [...o.removedEventIds]
  if (o.openingHours) {
    out.hoursEnabled = 'on'
    o.openingHours.days.forEach((d, i) => {
      out[`hours.${i + 1}.open`] = d ? clockOfMinutes(d.openMinute) : ''
      out[`hours.${i + 1}.close`] = d ? clockOfMinutes(d.closeMinute) : ''
    })
    out.hoursRetain = fmt(o.openingHours.retainClosedFraction * 100)
  }
  if (o.headcount) {
    out.headcountKind = o.headcount.kind
    out.headcountValue = fmt(o.headcount.kind === 'perInterval' ? o.headcount.agents : o.headcount.fte)
  }
  return out
}
