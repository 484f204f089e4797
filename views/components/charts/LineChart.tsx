/** A server-rendered SVG line chart: one or more series over the same x labels; null values leave a gap. */
import { niceTicks, formatNumber } from './scales.ts'

export interface LineSeries { name: string; values: (number | null)[]; className?: string }

export interface LineChartProps {
  id?: string
  title: string
  labels: string[]
  series: LineSeries[]
  /** Formats a y value for ticks and tooltips. */
  format?: (value: number) => string
  /** Include 0 in the y range. @default true */
  fromZero?: boolean
  labelEvery?: number
  /** The y axis never goes past this (e.g. 1 for a service level). */
  yMax?: number
  width?: number
  height?: number
}

export function LineChart({ id, title, labels, series, format = (v) => formatNumber(v), fromZero = true, labelEvery = 1, yMax, width = 900, height = 240 }: LineChartProps) {
  const pad = { left: 64, right: 32, top: 24, bottom: 48 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)))
  const lo = values.length ? Math.min(fromZero ? 0 : Infinity, ...values) : 0
  const hi = values.length ? Math.max(...values) : 1
  let ticks = niceTicks(lo, hi > lo ? hi : yMax !== undefined ? Math.min(yMax, lo + Math.max(Math.abs(lo) * 0.1, 0.01)) : lo + 1, 4)
  if (yMax !== undefined && ticks[ticks.length - 1] > yMax) ticks = [...ticks.filter((t) => t < yMax - 1e-9), yMax]
  if (ticks.length < 2) ticks = [Math.min(ticks[0] ?? 0, yMax ?? 1) - 0.01, yMax ?? 1]
  const bottom = ticks[0], top = ticks[ticks.length - 1]
  const step = labels.length > 1 ? innerW / (labels.length - 1) : 0
  const x = (i: number) => pad.left + (labels.length > 1 ? i * step : innerW / 2)
  const y = (v: number) => pad.top + innerH - ((v - bottom) / (top - bottom || 1)) * innerH
  const pathOf = (vs: (number | null)[]) => {
    let d = ''
    let pen = false
    vs.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { pen = false; return }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `
      pen = true
    })
    return d.trim()
  }
  return (
    <figure class="chart" id={id}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        {ticks.map((t) => (
          <g>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={pad.left - 6} y={y(t) + 4} text-anchor="end" class="tick">{format(t)}</text>
          </g>
        ))}
        {series.map((s, k) => (
          <g class={`series ${s.className ?? (k === 0 ? '' : 'second')}`}>
            <path d={pathOf(s.values)} class={`line ${s.className ?? (k === 0 ? '' : 'second')}`} />
            {s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : (
              <circle cx={x(i)} cy={y(v)} r={3} class={`point ${s.className ?? (k === 0 ? '' : 'second')}`}><title>{`${s.name}, ${labels[i]}: ${format(v)}`}</title></circle>
            )))}
          </g>
        ))}
        {labels.map((label, i) => (i % labelEvery === 0 ? <text x={x(i)} y={height - pad.bottom + 16} text-anchor="middle" class="tick">{label}</text> : null))}
        {series.length > 1 ? series.map((s, k) => (
          <g><line x1={pad.left + k * 180} x2={pad.left + k * 180 + 18} y1={height - 10} y2={height - 10} class={`line ${s.className ?? (k === 0 ? '' : 'second')}`} /><text x={pad.left + k * 180 + 24} y={height - 6} class="tick">{s.name}</text></g>
        )) : null}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
