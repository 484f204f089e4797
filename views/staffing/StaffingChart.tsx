/**
 * Server-rendered SVG of a staffing plan: forecast volume per interval as light bars (right axis, contacts) and
 * agents required and scheduled as step lines (left axis, agents), with the local days marked on the x axis.
 */
import { niceTicks } from '../components/charts/scales.ts'
import { formatCompact } from '../../src/format/numbers.ts'
import { XAxis, YAxis } from '../components/charts/Axis.tsx'
import { stepPath } from '../components/charts/stepPath.ts'

export interface StaffingChartProps {
  title: string
  /** Local label of each interval ("Mon 27 07:00"), for the tooltips. */
  intervalLabels: string[]
  /** Indexes where a local day starts, with its label. */
  dayStarts: { index: number; label: string }[]
  volume: number[]
  required: number[]
  scheduled: number[]
  width?: number
  height?: number
}

export function StaffingChart({ title, intervalLabels, dayStarts, volume, required, scheduled, width = 960, height = 300 }: StaffingChartProps) {
  const pad = { left: 48, right: 56, top: 30, bottom: 40 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const n = Math.max(1, volume.length)
  const agentTicks = niceTicks(0, Math.max(1, ...scheduled, ...required), 4)
  const agentTop = agentTicks[agentTicks.length - 1]
  const volumeTicks = niceTicks(0, Math.max(1, ...volume), 4)
  const volumeTop = volumeTicks[volumeTicks.length - 1]
  const step = innerW / n
  const x = (i: number) => pad.left + i * step
  const yAgents = (v: number) => pad.top + innerH - (v / agentTop) * innerH
  const yVolume = (v: number) => pad.top + innerH - (v / volumeTop) * innerH
  return (
    <figure class="chart" id="staffing-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        <YAxis values={agentTicks} scale={yAgents} plotLeft={pad.left} plotRight={width - pad.right} />
        <YAxis values={volumeTicks} scale={yVolume} plotLeft={pad.left} plotRight={width - pad.right} side="right" />
        <text x={12} y={pad.top + innerH / 2} class="legend" transform={`rotate(-90 12 ${pad.top + innerH / 2})`} text-anchor="middle">agents</text>
        <text x={width - 10} y={pad.top + innerH / 2} class="legend" transform={`rotate(90 ${width - 10} ${pad.top + innerH / 2})`} text-anchor="middle">contacts per interval</text>
        <g id="forecast-bars">
          {volume.map((v, i) => (v > 0 ? (
            <rect x={x(i)} y={yVolume(v)} width={Math.max(0.5, step * 0.9)} height={pad.top + innerH - yVolume(v)} class="bar" fill-opacity="0.35">
              <title>{`${intervalLabels[i]}: forecast ${formatCompact(v)} contacts, ${required[i]} required, ${scheduled[i]} scheduled`}</title>
            </rect>
          ) : null))}
        </g>
        <path id="scheduled-line" d={stepPath(scheduled, x, yAgents)} class="line second" />
        <path id="required-line" d={stepPath(required, x, yAgents)} class="line" />
        <XAxis ticks={dayStarts.map((d) => ({ at: x(d.index), label: d.label }))} plotTop={pad.top} plotBottom={pad.top + innerH} chartWidth={width} anchor="start" grid="dashed" />
        <g transform={`translate(${pad.left}, 14)`} class="legend">
          <rect x={0} y={-8} width={12} height={10} class="bar" fill-opacity="0.35" /><text x={16} y={1}>forecast volume (right axis)</text>
          <line x1={190} x2={210} y1={-3} y2={-3} class="line" /><text x={214} y={1}>agents required</text>
          <line x1={330} x2={350} y1={-3} y2={-3} class="line second" /><text x={354} y={1}>agents scheduled (after shrinkage)</text>
        </g>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
