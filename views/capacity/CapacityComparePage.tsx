/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Two capacity plans side by side: the totals with their difference (relative change as the scenarios' comparison
 * computes it, green where the second plan is better), both plans' required and productive FTE on one chart, and
 * the weeks.
 */
import type { CapacityPlanResult } from '../../src/planning/capacityPlan.ts'
import { relativeChange } from '../../src/scenarios/compare.ts'
import { BandChart } from '../components/charts/BandChart.tsx'
import { fte, money, num, pct, signed } from './format.ts'

export interface ComparedPlan { id: number; name: string; plan: CapacityPlanResult }

interface Figure { label: string; of: (p: CapacityPlanResult) => number; show: (v: number) => string; higherIsBetter?: boolean }

const FIGURES: Figure[] = [
  { label: 'Hires (planned + recommended)', of: (p) => p.cost.hires, show: num },
  { label: 'Recommended classes', of: (p) => p.classes.length, show: num },
  { label: 'Weeks short with the plan', of: (p) => p.weeks.filter((w) => w.gapFte < -1e-6).length, show: num },
  { label: 'FTE-weeks short after overtime', of: (p) => p.cost.shortfallFteWeeks, show: fte },
  { label: 'Weeks short if nothing is done', of: (p) => p.weeks.filter((w) => w.serviceLevelIfNothingDone !== null).length, show: num },
  { label: 'Peak required FTE', of: (p) => Math.max(...p.weeks.map((w) => w.requiredFte)), show: fte },
  { label: 'Paid hours', of: (p) => p.cost.paidHours, show: num },
  { label: 'Overtime hours', of: (p) => p.cost.overtimeHours, show: num },
  { label: 'Hiring and training cost', of: (p) => p.cost.hiringCost, show: money },
  { label: 'Total cost', of: (p) => p.cost.cost, show: money },
]

function diffStyle(d: number, higherIsBetter = false): string {
  if (Math.abs(d) < 1e-9) return 'color: #6b7280'
  return (d > 0) === higherIsBetter ? 'color: #15803d' : 'color: #b91c1c'
}

export function CapacityComparePage({ a, b }: { a: ComparedPlan; b: ComparedPlan }) {
  const weeks = Math.max(a.plan.weeks.length, b.plan.weeks.length)
  const labels = (a.plan.weeks.length >= b.plan.weeks.length ? a : b).plan.weeks.map((w) => w.weekStart)
  const x = labels.map((_, i) => i)
  const every = Math.max(1, Math.ceil(weeks / 6))
  return (
    <section id="capacity-compare">
      <p><a href="/capacity">← All capacity plans</a></p>
      <h1>{a.name} vs {b.name}</h1>
      <table id="capacity-compare-totals" class="compare">
        <thead><tr><th>Over the plan</th><th><a href={`/capacity/${a.id}`}>{a.name}</a></th><th><a href={`/capacity/${b.id}`}>{b.name}</a></th><th>Difference</th></tr></thead>
        <tbody>
          {FIGURES.map((f) => {
            const va = f.of(a.plan), vb = f.of(b.plan), d = vb - va, rel = relativeChange(va, vb)
            return (
              <tr>
                <th scope="row">{f.label}</th><td>{f.show(va)}</td><td>{f.show(vb)}</td>
                <td style={diffStyle(d, f.higherIsBetter)}>{d >= 0 ? '+' : '−'}{f.show(Math.abs(d))}{rel !== null && Math.abs(rel) > 1e-9 ? ` (${rel > 0 ? '+' : '−'}${pct(Math.abs(rel))})` : ''}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <BandChart
        id="capacity-compare-chart"
        title="FTE per week of both plans"
        xTicks={x.filter((i) => i % every === 0).map((i) => ({ x: i, label: labels[i] }))}
        lines={[
          { name: `${a.name}: required`, x: a.plan.weeks.map((_, i) => i), y: a.plan.weeks.map((w) => w.requiredFte) },
          { name: `${a.name}: productive`, x: a.plan.weeks.map((_, i) => i), y: a.plan.weeks.map((w) => w.productiveFte), className: 'line second' },
          { name: `${b.name}: required`, x: b.plan.weeks.map((_, i) => i), y: b.plan.weeks.map((w) => w.requiredFte), dashed: true },
          { name: `${b.name}: productive`, x: b.plan.weeks.map((_, i) => i), y: b.plan.weeks.map((w) => w.productiveFte), className: 'line second', dashed: true },
        ]}
        formatY={(v) => num(v)}
      />
      <details>
        <summary>Week by week</summary>
        <div class="table-scroll">
          <table id="capacity-compare-weeks" class="compare">
            <thead><tr><th>Week</th><th>{a.name}: required</th><th>productive</th><th>gap</th><th>{b.name}: required</th><th>productive</th><th>gap</th></tr></thead>
            <tbody>
              {labels.map((week, i) => {
                const wa = a.plan.weeks.find((w) => w.weekStart === week), wb = b.plan.weeks.find((w) => w.weekStart === week)
                return (
                  <tr>
                    <td>{week}</td>
                    <td>{wa ? fte(wa.requiredFte) : ''}</td><td>{wa ? fte(wa.productiveFte) : ''}</td><td>{wa ? signed(wa.gapFte) : ''}</td>
                    <td>{wb ? fte(wb.requiredFte) : ''}</td><td>{wb ? fte(wb.productiveFte) : ''}</td><td>{wb ? signed(wb.gapFte) : ''}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  )
}
