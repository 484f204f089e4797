/**
 * The staffing settings form of a queue: targets, queueing model (with "measure k and α from history"), shrinkage,
 * hours per FTE, the forecast quantile to staff at and an optional AHT override. Fractions are entered in percent.
 * Works without JavaScript (POST, then 303 back to the page); with htmx it swaps the workspace in place. The form
 * carries the version of the settings it shows: a save over a newer version is refused (the message says to reload).
 */
import type { StaffingSettings } from '../../src/planning/staffingPlan.ts'
import type { ConcurrencyMeasurement } from '../../src/staffing/index.ts'
import { formatCount, formatDecimal } from '../../src/format/numbers.ts'

/** The form's fields as typed (strings), keyed like StaffingSettings; fractions in percent. */
export type SlaFormValues = Record<keyof StaffingSettings, string>

/** A message per field; `plan` when the plan cannot be made, `version` when the save was refused as stale. */
export type SlaFormErrors = Partial<Record<keyof StaffingSettings | 'plan' | 'version', string>>

const percentText = (fraction: number | null) => (fraction === null ? '' : String(Math.round(fraction * 1e6) / 1e4))
const numberText = (value: number | null) => (value === null ? '' : String(value))

/** The form values showing a set of settings. */
export function formValuesOf(s: StaffingSettings): SlaFormValues {
  return {
    serviceLevelTarget: percentText(s.serviceLevelTarget),
    answerWithinSeconds: numberText(s.answerWithinSeconds),
    asaTargetSeconds: numberText(s.asaTargetSeconds),
    maxAbandonFraction: percentText(s.maxAbandonFraction),
    maxOccupancy: percentText(s.maxOccupancy),
    modelKind: s.modelKind,
    meanPatienceSeconds: numberText(s.meanPatienceSeconds),
    maxConcurrency: numberText(s.maxConcurrency),
    slowdownAlpha: numberText(s.slowdownAlpha),
    shrinkageFraction: percentText(s.shrinkageFraction),
    hoursPerFte: numberText(s.hoursPerFte),
    staffAtQuantile: s.staffAtQuantile === null ? 'mean' : String(s.staffAtQuantile),
    ahtOverrideSeconds: numberText(s.ahtOverrideSeconds),
  }
}

export interface SlaFormProps {
  queueId: number
  fromDateKey: string
  toDateKey: string
  values: SlaFormValues
  /**
   * The version of the stored settings this form was opened on (0: nothing saved yet), sent back as a hidden field
   * so that saving over settings someone else saved meanwhile is refused instead of overwriting them.
   */
  version: number
  errors?: SlaFormErrors
  /** Whether the values shown are the queue's saved settings, the defaults (nothing saved yet) or unsaved edits. */
  status: 'saved' | 'defaults' | 'unsaved'
  /** A line shown above the buttons, e.g. "Saved." */
  message?: string
  measurement?: ConcurrencyMeasurement | null
}

function Field({ name, label, unit, values, errors, hint, step = 'any' }: { name: keyof StaffingSettings; label: string; unit?: string; values: SlaFormValues; errors: SlaFormErrors; hint?: string; step?: string }) {
  const error = errors[name]
  return (
    <label class={error ? 'field invalid' : 'field'}>
      {label}{unit ? ` (${unit})` : ''}
      <input type="number" step={step} name={name} value={values[name]} aria-invalid={error ? 'true' : undefined} style="width: 8rem" />
      {hint ? <span class="muted" style="font-size: .75rem">{hint}</span> : null}
      {error ? <span class="error" data-field={name}>{error}</span> : null}
    </label>
  )
}

export function SlaForm({ queueId, fromDateKey, toDateKey, values, version, errors = {}, status, message, measurement }: SlaFormProps) {
  const model = values.modelKind
  const problems = Object.entries(errors).filter(([field]) => field !== 'version')
  return (
    <form id="sla-form" class="card" method="post" action="/staffing/settings" hx-post="/staffing/settings" hx-target="#staffing-workspace" hx-swap="outerHTML" hx-disabled-elt="find button[type=submit]">
      <input type="hidden" name="queue" value={String(queueId)} />
      <input type="hidden" name="from" value={fromDateKey} />
      <input type="hidden" name="to" value={toDateKey} />
      <input type="hidden" name="version" value={String(version)} />
      <h2 style="margin-top: 0">SLA settings {status === 'saved'
        ? <span class="muted" style="font-size: .8rem">(saved for this queue)</span>
        : <span class="badge">{status === 'defaults' ? 'defaults: nothing saved for this queue yet' : 'not saved yet'}</span>}</h2>
      {errors.version ? (
        <div class="errors" id="sla-form-conflict" role="alert"><strong>Not saved.</strong> {errors.version}</div>
      ) : null}
      {problems.length ? (
        <div class="errors" id="sla-form-errors" role="alert">
          <strong>Please correct {problems.length === 1 ? 'this' : 'these'}:</strong>
          <ul>{problems.map(([, text]) => <li>{text}</li>)}</ul>
        </div>
      ) : null}
      <fieldset style="border: none; padding: 0; margin: 0 0 .6rem">
        <legend class="muted">Targets (leave empty to not apply)</legend>
        <div class="inline" style="display: flex; gap: .8rem; flex-wrap: wrap">
          <Field name="serviceLevelTarget" label="Service level" unit="%" values={values} errors={errors} />
          <Field name="answerWithinSeconds" label="answered within" unit="s" values={values} errors={errors} />
          <Field name="asaTargetSeconds" label="ASA at most" unit="s" values={values} errors={errors} />
          <Field name="maxOccupancy" label="Occupancy at most" unit="%" values={values} errors={errors} />
          <Field name="maxAbandonFraction" label="Abandonment at most" unit="%" values={values} errors={errors} hint="Erlang A only" />
        </div>
      </fieldset>
      <fieldset style="border: none; padding: 0; margin: 0 0 .6rem">
        <legend class="muted">Queueing model</legend>
        <div style="display: flex; gap: .8rem; flex-wrap: wrap; align-items: end">
          <label>Model
            <select name="modelKind">
              <option value="erlang_c" selected={model === 'erlang_c'}>Erlang C (no abandonment)</option>
              <option value="erlang_a" selected={model === 'erlang_a'}>Erlang A (abandonment with patience)</option>
              <option value="chat" selected={model === 'chat'}>Chat concurrency (k chats per agent, slowdown α)</option>
            </select>
            {errors.modelKind ? <span class="error" data-field="modelKind">{errors.modelKind}</span> : null}
          </label>
          <Field name="meanPatienceSeconds" label="Mean patience" unit="s" values={values} errors={errors} hint="Erlang A" />
          <Field name="maxConcurrency" label="Chats per agent (k)" values={values} errors={errors} hint="chat" step="1" />
          <Field name="slowdownAlpha" label="Slowdown α" values={values} errors={errors} hint="chat: AHT₁·(1+α(m−1))" />
          <button type="submit" class="secondary" name="measure" value="1" formaction="/staffing" formmethod="get"
            hx-get="/staffing/concurrency" hx-include="closest form" hx-target="#sla-form" hx-swap="outerHTML">Measure k and α from history</button>
        </div>
        {measurement !== undefined ? <ConcurrencyNote measurement={measurement} /> : null}
      </fieldset>
      <fieldset style="border: none; padding: 0; margin: 0 0 .6rem">
        <legend class="muted">From required to scheduled</legend>
        <div style="display: flex; gap: .8rem; flex-wrap: wrap; align-items: end">
          <Field name="shrinkageFraction" label="Shrinkage" unit="%" values={values} errors={errors} />
          <Field name="hoursPerFte" label="Hours per FTE" unit="per day" values={values} errors={errors} />
          <label>Staff at
            <select name="staffAtQuantile">
              {[['mean', 'the mean forecast'], ['0.8', 'P80 of the forecast'], ['0.9', 'P90 (top of the 80% interval)'], ['0.95', 'P95 of the forecast']].map(([v, text]) => (
                <option value={v} selected={values.staffAtQuantile === v}>{text}</option>
              ))}
            </select>
            {errors.staffAtQuantile ? <span class="error" data-field="staffAtQuantile">{errors.staffAtQuantile}</span> : null}
          </label>
          <Field name="ahtOverrideSeconds" label="AHT override" unit="s" values={values} errors={errors} hint="empty: use the forecast AHT" />
        </div>
      </fieldset>
      {message ? <p class="success" id="sla-form-message">{message}</p> : null}
      <button type="submit">Save and plan</button>
    </form>
  )
}

/** What "measure from history" found: k, α and how sure the fit is. */
export function ConcurrencyNote({ measurement }: { measurement: ConcurrencyMeasurement | null }) {
  if (!measurement) {
    return <p class="warning" id="concurrency-note">This queue's history has no contacts with agents (interval aggregates only), so k and α cannot be measured: enter them by hand.</p>
  }
  const m = measurement
  return (
    <p class="notice" id="concurrency-note">
      Measured from {formatCount(m.contacts)} contacts of {m.agents} agents: agents typically hold at most <strong>k = {m.typicalMaxConcurrency}</strong> at once
      (average {formatDecimal(m.averageConcurrency, 2)} while busy, peak {m.peakConcurrency}).{' '}
      {m.slowdown
        ? <>Handle time grows by {Math.round(m.slowdown.secondsPerExtraChat)} s per extra chat held: <strong>α = {formatDecimal(m.slowdown.alpha, 3)}</strong> (AHT alone {Math.round(m.slowdown.ahtSingleChatSeconds)} s, R² {formatDecimal(m.slowdown.rSquared, 2)}, {formatCount(m.slowdown.contactsUsed)} contacts).</>
        : <>Agents almost always hold one contact at a time, so no slowdown can be fitted: <strong>α = 0</strong>.</>}
      {' '}The form now uses the chat model with these values: press <em>Save and plan</em> to keep them.
    </p>
  )
}
