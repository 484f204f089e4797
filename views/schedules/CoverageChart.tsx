/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Server-rendered SVG of a schedule's coverage: heads required and scheduled (net of breaks) per interval as step
 * lines, under-cover as red bars down from the requirement, with the local days marked on the x axis.
 */
import { niceTicks } from '../components/charts/scales.ts'
import { XAxis, YAxis } from '../components/charts/Axis.tsx'
import { agents, localLabel, shortDayLabel } from './format.ts'
import { stepPath } from '../components/charts/stepPath.ts'

export interface CoverageChartProps {
  title: string
  /** Local starts 'YYYY-MM-DDTHH:MM'. */
  starts: string[]
  required: number[]
  scheduled: number[]
  width?: number
  height?: number
}

export function CoverageChart({ title, starts, required, scheduled, width = 960, height = 280 }: CoverageChartProps) {
  const pad = { left: 48, right: 16, top: 30, bottom: 40 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const n = Math.max(1, starts.length)
  const ticks = niceTicks(0, Math.max(1, ...scheduled, ...required), 4)
  const top = ticks[ticks.length - 1]
  const step = innerW / n
  const x = (i: number) => pad.left + i * step
  const y = (v: number) => pad.top + innerH - (v / top) * innerH
  const dayStarts = starts.flatMap((s, i) => (i === 0 || s.slice(0, 10) !== starts[i - 1].slice(0, 10) ? [{ index: i, label: shortDayLabel(s.slice(0, 10)) }] : []))
  return (
    <figure class="chart" id="coverage-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        <YAxis values={ticks} scale={y} plotLeft={pad.left} plotRight={width - pad.right} />
        <g id="under-cover-bars">
          {required.map((r, i) => (scheduled[i] < r - 1e-9 ? (
            <rect x={x(i)} y={y(r)} width={Math.max(0.5, step)} height={Math.max(0.5, y(scheduled[i]) - y(r))} fill="#dc2626" fill-opacity="0.45">
              <title>{`${localLabel(starts[i])}: ${agents(r)} required, ${agents(scheduled[i])} scheduled (short ${agents(r - scheduled[i])})`}</title>
            </rect>
          ) : null))}
        </g>
        <path id="scheduled-line" d={stepPath(scheduled, x, y)} class="line second" />
        <path id="required-line" d={stepPath(required, x, y)} class="line" />
        <XAxis ticks={dayStarts.map((d) => ({ at: x(d.index), label: d.label }))} plotTop={pad.top} plotBottom={pad.top + innerH} chartWidth={width} anchor="start" grid="dashed" />
        <g transform={`translate(${pad.left}, 14)`} class="legend">
          <line x1={0} x2={20} y1={-3} y2={-3} class="line" /><text x={24} y={1}>heads to schedule (required ÷ (1 − shrinkage))</text>
          <line x1={330} x2={350} y1={-3} y2={-3} class="line second" /><text x={354} y={1}>scheduled, net of breaks</text>
          <rect x={530} y={-8} width={12} height={10} fill="#dc2626" fill-opacity="0.45" /><text x={546} y={1}>under-cover</text>
        </g>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
