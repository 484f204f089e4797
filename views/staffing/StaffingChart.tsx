/**
 * Server-rendered SVG of a staffing plan: forecast volume per interval as light bars (right axis, contacts) and
 * agents required and scheduled as step lines (left axis, agents), with the local days marked on the x axis.
 */
import { formatNumber, niceTicks } from '../components/charts/scales.ts'
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
        {agentTicks.map((t) => (
          <g>
            <line x1={pad.left} x2={width - pad.right} y1={yAgents(t)} y2={yAgents(t)} class="grid" />
            <text x={pad.left - 6} y={yAgents(t) + 4} text-anchor="end" class="tick">{formatNumber(t)}</text>
          </g>
        ))}
        {volumeTicks.map((t) => <text x={width - pad.right + 6} y={yVolume(t) + 4} class="tick">{formatNumber(t)}</text>)}
        <text x={12} y={pad.top + innerH / 2} class="tick" transform={`rotate(-90 12 ${pad.top + innerH / 2})`} text-anchor="middle">agents</text>
        <text x={width - 10} y={pad.top + innerH / 2} class="tick" transform={`rotate(90 ${width - 10} ${pad.top + innerH / 2})`} text-anchor="middle">contacts per interval</text>
        <g id="forecast-bars">
          {volume.map((v, i) => (v > 0 ? (
            <rect x={x(i)} y={yVolume(v)} width={Math.max(0.5, step * 0.9)} height={pad.top + innerH - yVolume(v)} class="bar" fill-opacity="0.35">
              <title>{`${intervalLabels[i]}: forecast ${formatNumber(v)} contacts, ${required[i]} required, ${scheduled[i]} scheduled`}</title>
            </rect>
          ) : null))}
        </g>
        <path id="scheduled-line" d={stepPath(scheduled, x, yAgents)} class="line second" />
        <path id="required-line" d={stepPath(required, x, yAgents)} class="line" />
        {dayStarts.map((d) => (
          <g>
            <line x1={x(d.index)} x2={x(d.index)} y1={pad.top} y2={pad.top + innerH} stroke="#d1d5db" stroke-dasharray="2 3" />
            <text x={x(d.index) + 3} y={height - pad.bottom + 16} class="tick">{d.label}</text>
          </g>
        ))}
        <g transform={`translate(${pad.left}, 14)`} class="tick">
          <rect x={0} y={-8} width={12} height={10} class="bar" fill-opacity="0.35" /><text x={16} y={1}>forecast volume (right axis)</text>
          <line x1={190} x2={210} y1={-3} y2={-3} class="line" /><text x={214} y={1}>agents required</text>
          <line x1={330} x2={350} y1={-3} y2={-3} class="line second" /><text x={354} y={1}>agents scheduled (after shrinkage)</text>
        </g>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
