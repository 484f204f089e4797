/** A server-rendered SVG bar/column chart with an x axis of labels and a y axis with a few ticks. */
import { niceTicks } from './scales.ts'
import { formatCount, formatDecimal } from '../../../src/format/numbers.ts'
import { XAxis, YAxis } from './Axis.tsx'

export interface BarChartProps {
  id?: string
  title: string
  labels: string[]
  values: number[]
  /** Show at most every n-th label on the x axis (the axis thins further so that labels never overlap). */
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
        <YAxis values={ticks} scale={y} plotLeft={pad.left} plotRight={width - pad.right} />
        {values.map((v, i) => (
          <rect x={pad.left + i * step + step * 0.1} y={y(v)} width={Math.max(0.5, step * 0.8)} height={Math.max(0, pad.top + innerH - y(v))} class="bar">
            <title>{`${labels[i]}: ${Number.isInteger(v) ? formatCount(v) : formatDecimal(v, 1)}${unit}`}</title>
          </rect>
        ))}
        <XAxis ticks={labels.flatMap((label, i) => (i % labelEvery === 0 ? [{ at: pad.left + i * step + step / 2, label }] : []))} plotTop={pad.top} plotBottom={pad.top + innerH} chartWidth={width} grid="none" />
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
