/** A server-rendered SVG bar/column chart with an x axis of labels and a y axis with a few ticks. */
import { niceTicks, formatNumber } from './scales.ts'

export interface BarChartProps {
  id?: string
  title: string
  labels: string[]
  values: number[]
  /** Show every n-th label on the x axis. */
  labelEvery?: number
  width?: number
  height?: number
  unit?: string
}

export function BarChart({ id, title, labels, values, labelEvery = 1, width = 900, height = 240, unit = '' }: BarChartProps) {
  const pad = { left: 56, right: 12, top: 24, bottom: 48 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const max = Math.max(1, ...values)
  const ticks = niceTicks(0, max, 4)
  const top = ticks[ticks.length - 1]
  const step = innerW / Math.max(1, values.length)
  const y = (v: number) => pad.top + innerH - (v / top) * innerH
  return (
    <figure class="chart" id={id}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        {ticks.map((t) => (
          <g>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={pad.left - 6} y={y(t) + 4} text-anchor="end" class="tick">{formatNumber(t)}</text>
          </g>
        ))}
        {values.map((v, i) => (
          <rect x={pad.left + i * step + step * 0.1} y={y(v)} width={Math.max(0.5, step * 0.8)} height={Math.max(0, pad.top + innerH - y(v))} class="bar">
            <title>{`${labels[i]}: ${formatNumber(v)}${unit}`}</title>
          </rect>
        ))}
        {labels.map((label, i) => (i % labelEvery === 0 ? (
          <text x={pad.left + i * step + step / 2} y={height - pad.bottom + 16} text-anchor="middle" class="tick">{label}</text>
        ) : null))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
