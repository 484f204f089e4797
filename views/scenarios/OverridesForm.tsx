/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The scenario's inputs: what it changes from its baseline. Empty fields keep the baseline's value (shown as the
 * placeholder); percent fields are in percent. As the inputs change, htmx posts them to /scenarios/:id/preview and
 * the comparison below is recomputed (nothing is saved); "Save" stores them. Works without JavaScript (Save posts
 * the form and the page comes back with the comparison).
 */
import { DateInput } from '../components/DateInput.tsx'
import type { FormValues } from '../../src/scenarios/formValues.ts'
import type { OverrideProblem, PlanInputs } from '../../src/scenarios/types.ts'
import { clockOfMinutes } from '../../src/scenarios/overrides.ts'
import { fieldErrorId } from './format.ts'

export interface OverridesFormProps {
  scenarioId: number
  version: number
  madeBy: string
  baseline: PlanInputs
  values: FormValues
  errors?: OverrideProblem[]
  /** A line above the buttons, e.g. "Saved." */
  message?: string
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const text = (values: FormValues, key: string) => { const v = values[key]; return Array.isArray(v) ? v[0] ?? '' : v ?? '' }
const many = (values: FormValues, key: string) => { const v = values[key]; return Array.isArray(v) ? v : v ? [v] : [] }
const pctText = (f: number | null) => (f === null ? 'none' : String(Math.round(f * 1e6) / 1e4))
const numText = (v: number | null) => (v === null ? 'none' : String(v))

/** The list of problems at the top of the form; also swapped in out of band by the preview. */
export function ScenarioFormErrors({ errors, oob = false }: { errors: OverrideProblem[]; oob?: boolean }) {
  return (
    <div id="scenario-form-errors" class={errors.length ? 'errors' : ''} role={errors.length ? 'alert' : undefined} hx-swap-oob={oob ? 'true' : undefined}>
      {errors.length ? (<><strong>Please correct {errors.length === 1 ? 'this' : 'these'}:</strong><ul>{errors.map((e) => <li data-field={e.field}>{e.message}</li>)}</ul></>) : null}
    </div>
  )
}

function FieldError({ field, errors }: { field: string; errors: OverrideProblem[] }) {
  const own = errors.filter((e) => e.field === field || e.field.startsWith(field + '.'))
  return own.length ? <span class="error" id={fieldErrorId(field)}>{own.map((e) => e.message).join('; ')}</span> : null
}

function NumberField({ name, label, unit, values, errors, placeholder, width = '7rem' }: { name: string; label: string; unit?: string; values: FormValues; errors: OverrideProblem[]; placeholder: string; width?: string }) {
  const invalid = errors.some((e) => e.field === name)
  return (
    <label class={invalid ? 'field invalid' : 'field'}>
      {label}{unit ? ` (${unit})` : ''}
      <input type="text" inputmode="decimal" name={name} value={text(values, name)} placeholder={placeholder} aria-invalid={invalid ? 'true' : undefined} style={`width: ${width}`} />
      <FieldError field={name} errors={errors} />
    </label>
  )
}

function ScopeFields({ prefix, values, errors }: { prefix: string; values: FormValues; errors: OverrideProblem[] }) {
  const days = many(values, `${prefix}.weekdays`)
  return (
    <>
      <label class="field">from <DateInput name={`${prefix}.from`} value={text(values, `${prefix}.from`)} /></label>
      <label class="field">to <DateInput name={`${prefix}.to`} value={text(values, `${prefix}.to`)} /></label>
      <span style="display: inline-flex; gap: .35rem; align-items: center; flex-wrap: wrap">days {WEEKDAY_NAMES.map((d, i) => (
        <label style="display: inline-flex; align-items: center; gap: .1rem; white-space: nowrap"><input type="checkbox" name={`${prefix}.weekdays`} value={String(i + 1)} checked={days.includes(String(i + 1))} />{d}</label>
      ))}</span>
      <label class="field">from time <input type="text" name={`${prefix}.fromTime`} value={text(values, `${prefix}.fromTime`)} placeholder="09:00" style="width: 4.5rem" /></label>
      <label class="field">to time <input type="text" name={`${prefix}.toTime`} value={text(values, `${prefix}.toTime`)} placeholder="12:00" style="width: 4.5rem" /></label>
      <FieldError field={prefix} errors={errors} />
    </>
  )
}

function rowCount(values: FormValues, prefix: string, minimum: number): number {
  let last = -1
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key)
    if (m) last = Math.max(last, Number(m[1]))
  }
  return Math.max(minimum, last + 2)
}

export function OverridesForm({ scenarioId, version, madeBy, baseline, values, errors = [], message }: OverridesFormProps) {
  const s = baseline.settings
  const volumeRows = rowCount(values, 'volume', 2)
  const ahtRows = rowCount(values, 'aht', 1)
  const eventRows = rowCount(values, 'event', 1)
  const removed = many(values, 'removeEvent')
  const hoursOn = text(values, 'hoursEnabled') !== ''
  const dateHint = `${baseline.fromDateKey} to ${baseline.toDateKey}`
  return (
    <form id="scenario-form" class="card" method="post" action={`/scenarios/${scenarioId}`}
      hx-post={`/scenarios/${scenarioId}/preview`} hx-trigger="input delay:600ms, change delay:150ms" hx-target="#scenario-comparison" hx-swap="outerHTML" hx-sync="this:replace" hx-disabled-elt="find button[type=submit]">
      <input type="hidden" name="version" value={String(version)} />
      <h2 style="margin-top: 0">What this scenario changes</h2>
      <p class="muted">Empty fields keep the baseline's value (shown in grey); type <code>none</code> to drop a target. The comparison updates as you type; nothing is kept until you save.</p>
      <ScenarioFormErrors errors={errors} />

      <fieldset id="scenario-targets">
        <legend>Service targets and model</legend>
        <div style="display: flex; gap: .8rem; flex-wrap: wrap">
          <NumberField name="serviceLevelTarget" label="Service level" unit="%" values={values} errors={errors} placeholder={pctText(s.serviceLevelTarget)} />
          <NumberField name="answerWithinSeconds" label="answered within" unit="s" values={values} errors={errors} placeholder={numText(s.answerWithinSeconds)} />
          <NumberField name="asaTargetSeconds" label="ASA target" unit="s" values={values} errors={errors} placeholder={numText(s.asaTargetSeconds)} />
          <NumberField name="maxAbandonFraction" label="Max abandonment" unit="%" values={values} errors={errors} placeholder={pctText(s.maxAbandonFraction)} />
          <NumberField name="meanPatienceSeconds" label="Mean patience (Erlang A)" unit="s" values={values} errors={errors} placeholder={numText(s.meanPatienceSeconds)} />
          <NumberField name="maxConcurrency" label="Chats per agent (k)" values={values} errors={errors} placeholder={numText(s.maxConcurrency)} />
          <NumberField name="slowdownAlpha" label="Slowdown α" values={values} errors={errors} placeholder={numText(s.slowdownAlpha)} />
        </div>
      </fieldset>

      <fieldset id="scenario-staffing">
        <legend>Staffing and cost</legend>
        <div style="display: flex; gap: .8rem; flex-wrap: wrap">
          <NumberField name="shrinkageFraction" label="Shrinkage" unit="%" values={values} errors={errors} placeholder={pctText(s.shrinkageFraction)} />
          <NumberField name="maxOccupancy" label="Occupancy cap" unit="%" values={values} errors={errors} placeholder={pctText(s.maxOccupancy)} />
          <NumberField name="hoursPerFte" label="Paid hours per FTE a day" values={values} errors={errors} placeholder={String(s.hoursPerFte)} />
          <NumberField name="costPerHour" label="Cost per paid hour" values={values} errors={errors} placeholder={String(baseline.costPerHour)} />
        </div>
      </fieldset>

      <fieldset id="scenario-volume">
        <legend>Volume ({dateHint}; leave dates, days and times empty for the whole plan)</legend>
        {Array.from({ length: volumeRows }, (_, i) => (
          <div class="scope-row" style="display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin-bottom: .4rem">
            <label class="field">change
              <select name={`volume.${i}.kind`}>
                {[['percent', '% more (or − less)'], ['addPerDay', 'contacts added a day'], ['setPerDay', 'contacts a day in all']].map(([v, l]) => <option value={v} selected={text(values, `volume.${i}.kind`) === v}>{l}</option>)}
              </select>
            </label>
            <NumberField name={`volume.${i}.value`} label="value" values={values} errors={errors} placeholder="e.g. 15" width="6rem" />
            <ScopeFields prefix={`volume.${i}`} values={values} errors={errors.filter((e) => !e.field.endsWith('.value'))} />
          </div>
        ))}
      </fieldset>

      <fieldset id="scenario-aht">
        <legend>Handle time (AHT)</legend>
        {Array.from({ length: ahtRows }, (_, i) => (
          <div class="scope-row" style="display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin-bottom: .4rem">
            <label class="field">change
              <select name={`aht.${i}.kind`}>
                {[['percent', '% longer (or − shorter)'], ['seconds', 'seconds (set)']].map(([v, l]) => <option value={v} selected={text(values, `aht.${i}.kind`) === v}>{l}</option>)}
              </select>
            </label>
            <NumberField name={`aht.${i}.value`} label="value" values={values} errors={errors} placeholder="e.g. 10" width="6rem" />
            <ScopeFields prefix={`aht.${i}`} values={values} errors={errors.filter((e) => !e.field.endsWith('.value'))} />
          </div>
        ))}
      </fieldset>

      <fieldset id="scenario-events">
        <legend>Events</legend>
        {baseline.events.length ? (
          <ul class="plain">{baseline.events.map((e) => (
            <li><label><input type="checkbox" name="removeEvent" value={e.id} checked={removed.includes(e.id)} /> remove <strong>{e.name}</strong> ({e.type}, {e.kind === 'multiplier' ? `×${e.value}` : `+${e.value} contacts a day`})</label></li>
          ))}</ul>
        ) : <p class="muted">The baseline has no events in these days.</p>}
        <FieldError field="removeEvent" errors={errors} />
        {Array.from({ length: eventRows }, (_, i) => (
          <div style="display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; margin-bottom: .4rem">
            <label class="field">add event <input type="text" name={`event.${i}.name`} value={text(values, `event.${i}.name`)} placeholder="e.g. Product launch" /></label>
            <label class="field">from <DateInput name={`event.${i}.from`} value={text(values, `event.${i}.from`)} /></label>
            <label class="field">to <DateInput name={`event.${i}.to`} value={text(values, `event.${i}.to`)} /></label>
            <label class="field">effect
              <select name={`event.${i}.kind`}>
                {[['multiplier', 'volume × multiplier'], ['added', 'contacts added a day']].map(([v, l]) => <option value={v} selected={text(values, `event.${i}.kind`) === v}>{l}</option>)}
              </select>
            </label>
            <NumberField name={`event.${i}.value`} label="value" values={values} errors={errors} placeholder="e.g. 1.3" width="6rem" />
            <FieldError field={`event.${i}`} errors={errors.filter((e) => !e.field.endsWith('.value'))} />
          </div>
        ))}
      </fieldset>

      <fieldset id="scenario-hours">
        <legend><label><input type="checkbox" name="hoursEnabled" value="on" checked={hoursOn} /> Change the opening hours</label></legend>
        <div style="display: flex; gap: .6rem; flex-wrap: wrap">
          {DAY_NAMES.map((name, i) => {
            const d = baseline.openingHours[i]
            const openKey = `hours.${i + 1}.open`, closeKey = `hours.${i + 1}.close`
            const has = openKey in values || closeKey in values
            return (
              <span class="field">{name}
                <input type="text" name={openKey} value={has ? text(values, openKey) : d ? clockOfMinutes(d.openMinute) : ''} placeholder="closed" style="width: 4.5rem" /> –
                <input type="text" name={closeKey} value={has ? text(values, closeKey) : d ? clockOfMinutes(d.closeMinute) : ''} placeholder="closed" style="width: 4.5rem" />
                <FieldError field={`hours.${i + 1}`} errors={errors} />
              </span>
            )
          })}
          <NumberField name="hoursRetain" label="Share of the closed hours' contacts that come in open hours" unit="%" values={values} errors={errors} placeholder="0" />
        </div>
      </fieldset>

      <fieldset id="scenario-headcount">
        <legend>Headcount: with these agents, what service?</legend>
        <div style="display: flex; gap: .8rem; flex-wrap: wrap; align-items: end">
          <label class="field">headcount
            <select name="headcountKind">
              {[['none', 'as required (no headcount)'], ['perInterval', 'agents on shift per interval'], ['totalFte', 'FTE a day in all']].map(([v, l]) => <option value={v} selected={(text(values, 'headcountKind') || 'none') === v}>{l}</option>)}
            </select>
          </label>
          <NumberField name="headcountValue" label="agents or FTE" values={values} errors={errors} placeholder="e.g. 120" />
        </div>
      </fieldset>

      <div style="display: flex; gap: .8rem; align-items: end; flex-wrap: wrap">
        <label class="field">Made by <input type="text" name="madeBy" value={madeBy} style="width: 10rem" /></label>
        {/* Its own sync: the preview that the field's change fires as the button is clicked must not abort the save. */}
        <button type="submit" id="scenario-save" hx-post={`/scenarios/${scenarioId}`} hx-target="#scenario-workspace" hx-swap="outerHTML" hx-sync="this:drop" hx-disabled-elt="this">Save scenario</button>
        {message ? <span class="success" id="scenario-form-message">{message}</span> : null}
      </div>
    </form>
  )
}
