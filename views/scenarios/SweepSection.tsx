/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Sweeps: one input over a range, planned point by point as a background job (progress while it runs), drawn as
 * cost and service level against the input, with the point where each extra point of service starts to cost more.
 */
import { SWEEP_INPUTS, SWEEP_INPUT_INFO, type SweepCurve } from '../../src/scenarios/sweep.ts'
import { LineChart } from '../components/charts/LineChart.tsx'
import { asa, num, pct } from './format.ts'
import { formatUpTo } from '../../src/format/numbers.ts'

/** Cost ticks in full (no "25.7k" repeated for 25,650 and 25,700). */
const moneyTick = (v: number) => formatUpTo(v, Math.abs(v) < 100 ? 2 : 0)

export interface SweepFormValues { sweepInput: string; sweepFrom: string; sweepTo: string; sweepPoints: string }

export const DEFAULT_SWEEP: SweepFormValues = { sweepInput: 'serviceLevelTarget', sweepFrom: '70', sweepTo: '95', sweepPoints: '6' }

const valueLabel = (input: keyof typeof SWEEP_INPUT_INFO, v: number) => (SWEEP_INPUT_INFO[input].percent ? pct(v, 0) : `${num(v, SWEEP_INPUT_INFO[input].integer ? 0 : 1)} ${SWEEP_INPUT_INFO[input].unit}`)

export function SweepForm({ scenarioId, values, errors = [] }: { scenarioId: number; values: SweepFormValues; errors?: string[] }) {
  return (
    <form id="sweep-form" method="post" action={`/scenarios/${scenarioId}/sweeps`} hx-post={`/scenarios/${scenarioId}/sweeps`} hx-include="#scenario-form" hx-target="#sweep-result" hx-swap="outerHTML"
      style="display: flex; gap: .8rem; align-items: end; flex-wrap: wrap" hx-disabled-elt="find button[type=submit]">
      <label class="field">Sweep
        <select name="sweepInput">{SWEEP_INPUTS.map((i) => <option value={i} selected={values.sweepInput === i}>{SWEEP_INPUT_INFO[i].label} ({SWEEP_INPUT_INFO[i].unit})</option>)}</select>
      </label>
      <label class="field">from <input type="text" name="sweepFrom" value={values.sweepFrom} style="width: 5rem" /></label>
      <label class="field">to <input type="text" name="sweepTo" value={values.sweepTo} style="width: 5rem" /></label>
      <label class="field">points <input type="text" name="sweepPoints" value={values.sweepPoints} style="width: 4rem" /></label>
      <button type="submit">Draw the curve</button>
      {errors.length ? <div class="errors" role="alert" id="sweep-errors"><ul>{errors.map((e) => <li>{e}</li>)}</ul></div> : null}
    </form>
  )
}

export function SweepProgress({ jobId, done, total, inPage = false }: { jobId: string; done: number; total: number; inPage?: boolean }) {
  return (
    <div id="sweep-result" class="progress" hx-get={`/scenarios/sweeps/${jobId}`} hx-trigger="load delay:500ms" hx-swap="outerHTML">
      <p>Planning each point of the sweep… {done} of {total || '?'}</p>
      <progress max="1" value={String(total ? done / total : 0)}>{total ? Math.round((done / total) * 100) : 0}%</progress>
      {inPage ? <noscript><p><a href={`/scenarios/sweeps/${jobId}`}>Show the result</a></p></noscript> : null}
    </div>
  )
}

export function SweepResult({ curve, error }: { curve?: SweepCurve; error?: string }) {
  if (!curve) return <div id="sweep-result">{error ? <p class="errors" role="alert">{error}</p> : null}</div>
  const info = SWEEP_INPUT_INFO[curve.input]
  const labels = curve.points.map((p) => valueLabel(curve.input, p.value))
  const knee = curve.kneeIndex === null ? null : curve.points[curve.kneeIndex]
  return (
    <div id="sweep-result">
      <LineChart id="sweep-cost-chart" title={`Cost against ${info.label.toLowerCase()}: with the agents we have, and to meet the targets`} labels={labels} fromZero={false} format={moneyTick}
        series={[
          { name: 'cost with the agents we have', values: curve.points.map((p) => p.figures?.cost ?? null) },
          { name: 'cost to meet the targets', values: curve.points.map((p) => p.figures?.requiredCost ?? null), className: 'second' },
        ]} />
      <LineChart id="sweep-service-chart" title={`Expected service level against ${info.label.toLowerCase()}`} labels={labels} format={(v) => pct(v, 0)} formatTick={(v, digits) => pct(v, digits)} fromZero={false} yMax={1}
        series={[
          { name: 'with the agents we have', values: curve.points.map((p) => p.figures?.serviceLevel ?? null) },
          { name: 'when staffed to the targets', values: curve.points.map((p) => p.figures?.serviceLevelIfStaffed ?? null), className: 'second' },
        ]} />
      {knee ? <p id="sweep-knee" class="notice">Past {valueLabel(curve.input, knee.value)} each point of service costs much more: {num(curve.points[curve.kneeIndex! + 1].costPerServicePoint)} a point, against {num(knee.costPerServicePoint)} before.</p> : null}
      <table id="sweep-table">
        <thead>
          <tr><th rowspan={2}>{info.label}</th><th colspan={4}>With the agents we have</th><th colspan={5}>What it would take to meet the targets</th></tr>
          <tr><th>Service level</th><th>ASA (s)</th><th>Shortfall (agent-hours)</th><th>Cost</th><th>Peak agents required</th><th>Paid hours required</th><th>FTE required</th><th>Cost</th><th>Cost per point of service</th></tr>
        </thead>
        <tbody>{curve.points.map((p, k) => (
          <tr class={k === curve.kneeIndex ? 'knee' : ''}>
            <td>{labels[k]}</td>
            {p.figures ? (<>
              <td>{pct(p.figures.serviceLevel)}</td><td>{asa(p.figures.asaSeconds, 1)}</td><td>{num(p.figures.shortfallAgentHours, 1)}</td><td>{num(p.figures.cost)}</td>
              <td>{num(p.figures.peakAgentsRequired)}</td><td>{num(p.figures.requiredPaidHours, 1)}</td><td>{num(p.figures.requiredFte, 1)}</td><td>{num(p.figures.requiredCost)}</td><td>{num(p.costPerServicePoint)}</td>
            </>) : <td colspan={9} class="errors">{p.error}</td>}
          </tr>
        ))}</tbody>
      </table>
    </div>
  )
}
