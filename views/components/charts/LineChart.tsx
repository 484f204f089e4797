/** A server-rendered SVG line chart: one or more series over the same x labels; null values leave a gap. */
import { niceTicks } from './scales.ts'
import { formatCompact } from '../../../src/format/numbers.ts'
import { XAxis, YAxis, yDomain } from './Axis.tsx'

export interface LineSeries { name: string; values: (number | null)[]; className?: string }

export interface LineChartProps {
  id?: string
  title: string
  labels: string[]
  series: LineSeries[]
  /** Formats a y value for ticks and tooltips. */
  format?: (value: number) => string
  /** Tick label of a value with a number of decimals (raised until labels differ); default: `format` for whole steps. */
  formatTick?: (value: number, digits: number) => string
  /** Include 0 in the y range. @default true */
  fromZero?: boolean
  /** The highest value the axis may show (1 for fractions: no axis to 175%). */
  yMax?: number
  labelEvery?: number
  width?: number
  height?: number
}

export function LineChart({ id, title, labels, series, format = (v) => formatCompact(v), formatTick, fromZero = true, yMax, labelEvery = 1, width = 900, height = 240 }: LineChartProps) {
  const pad = { left: 64, right: 32, top: 24, bottom: 48 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)))
  const [lo, hi] = yDomain(values, { fromZero, max: yMax })
  const ticks = niceTicks(lo, hi, 4).filter((t) => yMax === undefined || t <= yMax + 1e-9)
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
        <YAxis values={ticks} scale={y} plotLeft={pad.left} plotRight={width - pad.right} formatAt={formatTick ?? ((v, digits) => (digits === 0 ? format(v) : formatCompact(v, digits)))} />
        {series.map((s, k) => (
          <g class={`series ${s.className ?? (k === 0 ? '' : 'second')}`}>
            <path d={pathOf(s.values)} class={`line ${s.className ?? (k === 0 ? '' : 'second')}`} />
            {s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : (
              <circle cx={x(i)} cy={y(v)} r={3} class={`point ${s.className ?? (k === 0 ? '' : 'second')}`}><title>{`${s.name}, ${labels[i]}: ${format(v)}`}</title></circle>
            )))}
          </g>
        ))}
        <XAxis ticks={labels.flatMap((label, i) => (i % labelEvery === 0 ? [{ at: x(i), label }] : []))} plotTop={pad.top} plotBottom={pad.top + innerH} chartWidth={width} grid="none" />
        {series.length > 1 ? series.map((s, k) => (
          <g><line x1={pad.left + k * 180} x2={pad.left + k * 180 + 18} y1={height - 10} y2={height - 10} class={`line ${s.className ?? (k === 0 ? '' : 'second')}`} /><text x={pad.left + k * 180 + 24} y={height - 6} class="legend">{s.name}</text></g>
        )) : null}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
