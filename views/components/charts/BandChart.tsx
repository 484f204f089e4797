/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * A server-rendered SVG line chart on a numeric x axis (e.g. UTC ms): lines, and shaded bands between a lower and an
 * upper line (prediction intervals). A line or band is broken where consecutive x values are further apart than
 * `maxGapX`, so closed days or missing days show as gaps, not as straight lines across them.
 */
import { niceTicks } from './scales.ts'
import { formatCompact } from '../../../src/format/numbers.ts'
import { XAxis, YAxis } from './Axis.tsx'

export interface BandChartLine {
  name: string
  x: readonly number[]
  /** NaN or null leaves a gap. */
  y: readonly (number | null)[]
  /** CSS class (`line`, `line second`) or an explicit colour. */
  className?: string
  color?: string
  dashed?: boolean
  widthPx?: number
}

export interface BandSeries {
  name: string
  x: readonly number[]
  lower: readonly number[]
  upper: readonly number[]
  /** `band80` or `band95` (see app.css), or an explicit fill. */
  className?: string
  fill?: string
}

export interface BandChartProps {
  id?: string
  title: string
  lines: BandChartLine[]
  bands?: BandSeries[]
  /** Tick marks on the x axis. */
  xTicks: { x: number; label: string }[]
  /** Larger steps than this between consecutive points break the line. */
  maxGapX?: number
  /** Lowest y shown; default 0 (counts), pass a negative number for signed values such as bias. */
  yMin?: number
  /** Format of y tick labels with a number of decimals (default: compact numbers; raised until labels differ). */
  formatY?: (value: number, digits: number) => string
  width?: number
  height?: number
  /** A vertical marker, e.g. where the history ends and the forecast begins. */
  markerX?: number
  markerLabel?: string
}

const PAD = { left: 56, right: 12, top: 16, bottom: 40 }

/** Runs of consecutive indices with finite values and no gap wider than maxGapX. */
function segments(x: readonly number[], ok: (i: number) => boolean, maxGapX: number): number[][] {
  const out: number[][] = []
  let current: number[] = []
  for (let i = 0; i < x.length; i++) {
    if (!ok(i) || (current.length && x[i] - x[current[current.length - 1]] > maxGapX)) {
      if (current.length) out.push(current)
      current = ok(i) ? [i] : []
      continue
    }
    current.push(i)
  }
  if (current.length) out.push(current)
  return out
}

/** Colour and width as inline style: the stylesheet's `.chart .line` rule would override SVG presentation attributes. */
function lineStyle(s: BandChartLine): string | undefined {
  const parts = [s.color ? `stroke:${s.color}` : '', s.widthPx ? `stroke-width:${s.widthPx}` : ''].filter(Boolean)
  return parts.length ? parts.join(';') : undefined
}

function round1(v: number): string {
  return (Math.round(v * 10) / 10).toString()
}

/**
 * The points of a run that can be seen at this width: per pixel column its first, lowest, highest and last point
 * (M4 aggregation, Jugel et al. 2014), in order. The drawn line is the same, but 92 days of 15-minute intervals
 * (8,832 points on a 900-px chart) become at most ~3,300, so the page is smaller and quicker to write.
 */
function visiblePoints(run: readonly number[], column: (i: number) => number, value: (i: number) => number): number[] {
  if (run.length <= 8) return [...run]
  const out: number[] = []
  let k = 0
  while (k < run.length) {
    const col = column(run[k])
    let first = k, low = k, high = k, last = k
    while (last + 1 < run.length && column(run[last + 1]) === col) {
      last++
      if (value(run[last]) < value(run[low])) low = last
      if (value(run[last]) > value(run[high])) high = last
    }
    for (const j of [...new Set([first, low, high, last])].sort((a, b) => a - b)) out.push(run[j])
    k = last + 1
  }
  return out
}

/**
 * Per pixel column the widest band: the highest upper and lowest lower of its points, at the column's first x (and
 * the run's last point kept as it is, so the band ends where the data ends).
 */
function visibleBand(run: readonly number[], column: (i: number) => number, b: BandSeries): { x: number; lower: number; upper: number }[] {
  const out: { x: number; lower: number; upper: number; column: number }[] = []
  run.forEach((i, k) => {
    const last = out[out.length - 1]
    const col = column(i)
    if (last && last.column === col && k < run.length - 1) {
      last.lower = Math.min(last.lower, b.lower[i])
      last.upper = Math.max(last.upper, b.upper[i])
      return
    }
    out.push({ x: b.x[i], lower: b.lower[i], upper: b.upper[i], column: col })
  })
  return out
}

export function BandChart({ id, title, lines, bands = [], xTicks, maxGapX = Number.POSITIVE_INFINITY, yMin = 0, formatY = formatCompact, width = 900, height = 280, markerX, markerLabel }: BandChartProps) {
  const xs: number[] = []
  const ys: number[] = [yMin]
  for (const s of lines) { s.x.forEach((v) => xs.push(v)); s.y.forEach((v) => { if (v !== null && Number.isFinite(v)) ys.push(v) }) }
  for (const b of bands) { b.x.forEach((v) => xs.push(v)); b.upper.forEach((v) => { if (Number.isFinite(v)) ys.push(v) }); b.lower.forEach((v) => { if (Number.isFinite(v)) ys.push(v) }) }
  let xMin = Number.POSITIVE_INFINITY
  let xMax = Number.NEGATIVE_INFINITY
  for (const v of xs) { if (v < xMin) xMin = v; if (v > xMax) xMax = v }
  if (!(xMax > xMin)) { xMin = (Number.isFinite(xMin) ? xMin : 0) - 1; xMax = xMin + 2 }
  let yLow = Number.POSITIVE_INFINITY
  let yHigh = Number.NEGATIVE_INFINITY
  for (const v of ys) { if (v < yLow) yLow = v; if (v > yHigh) yHigh = v }
  const ticks = niceTicks(yLow, Math.max(yHigh, yLow + 1e-9), 4)
  const bottom = Math.min(ticks[0], yLow)
  const top = ticks[ticks.length - 1]
  const innerW = width - PAD.left - PAD.right
  const innerH = height - PAD.top - PAD.bottom
  const sx = (v: number) => PAD.left + ((v - xMin) / (xMax - xMin)) * innerW
  const sy = (v: number) => PAD.top + innerH - ((v - bottom) / (top - bottom || 1)) * innerH
  const linePath = (s: BandChartLine) => segments(s.x, (i) => s.y[i] !== null && Number.isFinite(s.y[i]), maxGapX)
    .map((run) => visiblePoints(run, (i) => Math.floor(sx(s.x[i])), (i) => s.y[i] as number)
      .map((i, k) => `${k ? 'L' : 'M'}${round1(sx(s.x[i]))} ${round1(sy(s.y[i] as number))}`).join('')).join('')
  const bandPath = (b: BandSeries) => segments(b.x, (i) => Number.isFinite(b.lower[i]) && Number.isFinite(b.upper[i]), maxGapX)
    .map((run) => {
      const points = visibleBand(run, (i) => Math.floor(sx(b.x[i])), b)
      const up = points.map((p, k) => `${k ? 'L' : 'M'}${round1(sx(p.x))} ${round1(sy(p.upper))}`).join('')
      const down = [...points].reverse().map((p) => `L${round1(sx(p.x))} ${round1(sy(p.lower))}`).join('')
      return up + down + 'Z'
    }).join('')
  return (
    <figure class="chart" id={id}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        <YAxis values={ticks} scale={sy} plotLeft={PAD.left} plotRight={width - PAD.right} formatAt={formatY} />
        <XAxis ticks={xTicks.filter((t) => t.x >= xMin && t.x <= xMax).map((t) => ({ at: sx(t.x), label: t.label }))} plotTop={PAD.top} plotBottom={PAD.top + innerH} chartWidth={width} />
        {bands.map((b) => <path d={bandPath(b)} class={b.className ?? 'band80'} style={b.fill ? `fill:${b.fill}` : undefined} data-series={b.name}><title>{b.name}</title></path>)}
        {lines.map((s) => (
          <path d={linePath(s)} class={s.className ?? 'line'} fill="none" style={lineStyle(s)} stroke-dasharray={s.dashed ? '5 4' : undefined} data-series={s.name}>
            <title>{s.name}</title>
          </path>
        ))}
        {markerX !== undefined && markerX >= xMin && markerX <= xMax ? (
          <g>
            <line x1={sx(markerX)} x2={sx(markerX)} y1={PAD.top} y2={PAD.top + innerH} stroke="#6b7280" stroke-dasharray="2 3" />
            {markerLabel ? <text x={sx(markerX) + 4} y={PAD.top + 10} class="tick">{markerLabel}</text> : null}
          </g>
        ) : null}
      </svg>
      <figcaption>
        {title}
        {[...bands.map((b) => ({ name: b.name, swatch: <rect width="12" height="8" class={b.className ?? 'band80'} style={b.fill ? `fill:${b.fill}` : undefined} /> })),
          ...lines.map((s) => ({ name: s.name, swatch: <line x1="0" x2="12" y1="4" y2="4" class={s.className ?? 'line'} style={lineStyle(s)} stroke-dasharray={s.dashed ? '3 2' : undefined} /> }))]
          .map((item) => <span class="legend-item"> · <svg width="12" height="8" class="chart" style="width:12px;display:inline">{item.swatch}</svg> {item.name}</span>)}
      </figcaption>
    </figure>
  )
}
