/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * A baseline and one or more scenarios side by side: the totals with differences, a chart of paid hours and of the
 * expected service level per day, then per week and per day. The same component serves the scenario page (one
 * scenario, swapped in by htmx as the inputs change) and the comparison of several scenarios.
 */
import type { Child } from 'hono/jsx'
import type { PeriodComparison, PlanComparison } from '../../src/scenarios/compare.ts'
import { relativeChange } from '../../src/scenarios/compare.ts'
import { LineChart } from '../components/charts/LineChart.tsx'
import { FIGURES, FIGURE_GROUP_LABELS, dayLabel, pct } from './format.ts'

export interface ComparisonSectionProps {
  comparison: PlanComparison
  /** Notes shown above the tables (e.g. where the coverage comes from). */
  notes?: string[]
  /** Extra content at the top (e.g. export links). */
  header?: Child
  /** Shown instead of the comparison when the inputs cannot be planned. */
  problem?: string
}

/** Green where the scenario is better than the baseline (less cost, more service), red where worse. */
function diffStyle(d: number | null, higherIsBetter = false): string {
  if (d === null || Math.abs(d) < 1e-9) return 'color: #6b7280'
  return (d > 0) === higherIsBetter ? 'color: #15803d' : 'color: #b91c1c'
}

function TotalsTable({ comparison }: { comparison: PlanComparison }) {
  const t = comparison.total
  return (
    <table id="scenario-totals" class="compare">
      <thead><tr><th>{t.label}</th><th>{comparison.baselineName}</th>{comparison.scenarioNames.map((n) => <th>{n}</th>)}{comparison.scenarioNames.map((n) => <th>Difference{comparison.scenarioNames.length > 1 ? ` (${n})` : ''}</th>)}</tr></thead>
      <tbody>
        {FIGURES.map((f, k) => (
          <>
          {k === 0 || FIGURES[k - 1].group !== f.group ? <tr class="figure-group" data-group={f.group}><th scope="rowgroup" colspan={1 + 2 * comparison.scenarioNames.length + 1}>{FIGURE_GROUP_LABELS[f.group]}</th></tr> : null}
          <tr data-figure={f.name}>
            <th scope="row">{f.label}</th>
            <td class="baseline">{f.show(t.baseline[f.name])}</td>
            {t.scenarios.map((s) => <td class="scenario">{f.show(s[f.name])}</td>)}
            {t.differences.map((d, k) => {
              const rel = f.name === 'serviceLevel' ? null : relativeChange(t.baseline[f.name], t.scenarios[k][f.name])
              return <td class="diff" style={diffStyle(d[f.name], f.higherIsBetter)}>{f.diff(d[f.name])}{rel !== null && rel !== 0 ? ` (${rel > 0 ? '+' : '−'}${pct(Math.abs(rel))})` : ''}</td>
            })}
          </tr>
          </>
        ))}
      </tbody>
    </table>
  )
}

const PERIOD_FIGURES = FIGURES.filter((f) => ['volume', 'serviceLevel', 'asaSeconds', 'shortfallAgentHours', 'paidHours', 'cost', 'peakAgentsRequired', 'requiredPaidHours', 'requiredCost'].includes(f.name))

function PeriodTable({ id, title, periods, names, baselineName, labelOf }: { id: string; title: string; periods: PeriodComparison[]; names: string[]; baselineName: string; labelOf: (p: PeriodComparison) => string }) {
  return (
    <details open={id === 'scenario-weeks'}>
      <summary><strong>{title}</strong></summary>
      <table id={id} class="compare">
        <thead><tr><th>Period</th><th>Plan</th>{PERIOD_FIGURES.map((f) => <th>{f.label}</th>)}</tr></thead>
        <tbody>
          {periods.map((p) => (
            <>
              <tr class="baseline-row" data-period={p.key}><th scope="row" rowspan={names.length + 1}>{labelOf(p)}</th><td>{baselineName}</td>{PERIOD_FIGURES.map((f) => <td data-figure={f.name}>{f.show(p.baseline[f.name])}</td>)}</tr>
              {names.map((n, k) => (
                <tr class="scenario-row" data-period={p.key}>
                  <td>{n}</td>
                  {PERIOD_FIGURES.map((f) => (
                    <td data-figure={f.name}>{f.show(p.scenarios[k][f.name])} <span class="diff" style={`font-size: .8em; ${diffStyle(p.differences[k][f.name], f.higherIsBetter)}`}>{f.diff(p.differences[k][f.name])}</span></td>
                  ))}
                </tr>
              ))}
            </>
          ))}
        </tbody>
      </table>
    </details>
  )
}

export function ComparisonSection({ comparison, notes = [], header, problem }: ComparisonSectionProps) {
  if (problem) {
    return (
      <section id="scenario-comparison" class="card">
        {header}
        <p class="errors" role="alert" id="scenario-plan-problem">This scenario cannot be planned: {problem}</p>
      </section>
    )
  }
  const labels = comparison.days.map((d) => `${dayLabel(d.key).slice(0, 3)} ${d.key.slice(5)}`)
  const every = Math.max(1, Math.ceil(labels.length / 14))
  const series = (f: (p: PeriodComparison, k: number) => number | null) => [
    { name: comparison.baselineName, values: comparison.days.map((d) => f(d, -1)), className: '' },
    ...comparison.scenarioNames.map((n, k) => ({ name: n, values: comparison.days.map((d) => f(d, k)), className: k === 0 ? 'second' : `third` })),
  ]
  return (
    <section id="scenario-comparison" class="card">
      {header}
      {notes.length ? <ul class="muted" id="scenario-notes">{notes.map((n) => <li>{n}</li>)}</ul> : null}
      <TotalsTable comparison={comparison} />
      <div id="scenario-chart">
        <LineChart id="scenario-paid-hours-chart" title={`Paid hours per day: ${[comparison.baselineName, ...comparison.scenarioNames].join(' vs ')}`} labels={labels} labelEvery={every}
          series={series((d, k) => (k < 0 ? d.baseline.paidHours : d.scenarios[k].paidHours))} />
        <LineChart id="scenario-service-chart" title="Expected service level per day" labels={labels} labelEvery={every} format={(v) => pct(v, 1)} formatTick={(v, digits) => pct(v, digits)} yMax={1} fromZero={false}
          series={series((d, k) => (k < 0 ? d.baseline.serviceLevel : d.scenarios[k].serviceLevel))} />
      </div>
      <PeriodTable id="scenario-weeks" title="Per week" periods={comparison.weeks} names={comparison.scenarioNames} baselineName={comparison.baselineName} labelOf={(p) => p.label} />
      <PeriodTable id="scenario-days" title="Per day" periods={comparison.days} names={comparison.scenarioNames} baselineName={comparison.baselineName} labelOf={(p) => dayLabel(p.key)} />
    </section>
  )
}
