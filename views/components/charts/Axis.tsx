/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The one axis of every chart: tick labels thinned so that they never overlap, at any screen width (the charts are
 * SVGs with a viewBox, so labels scale with the chart and a spacing that holds in user units holds on screen), and
 * y labels that never repeat ("25.7k, 25.7k" becomes "25.70k, 25.72k").
 */
import { formatCompact } from '../../../src/format/numbers.ts'

/** Font size of tick labels in SVG user units (app.css: `.chart .tick { font-size: 11px }`). */
export const TICK_FONT_PX = 11
/** Height a tick label takes on a y axis. */
export const TICK_LINE_PX = 14
/** Least free space between two neighbouring labels. */
export const TICK_GAP_PX = 8

export interface AxisTick {
  /** Position along the axis in SVG user units. */
  at: number
  label: string
}

const NARROW = new Set(['.', ',', ':', ';', '|', 'i', 'l', '1', "'", ' ', 'I', 'j', 't', 'f', 'r', '(', ')'])
const WIDE = new Set(['m', 'w', 'M', 'W', '%', '—', '@'])

/** A generous estimate of a label's rendered width in user units (system sans-serif at `fontPx`). */
export function labelWidthPx(label: string, fontPx = TICK_FONT_PX): number {
  let em = 0
  for (const ch of label) em += NARROW.has(ch) ? 0.34 : WIDE.has(ch) ? 0.9 : 0.62
  return em * fontPx
}

export type LabelAnchor = 'middle' | 'start'

/** The extent [from, to] a label covers along an x axis. */
function extentOf(tick: AxisTick, anchor: LabelAnchor, offsetPx: number): [number, number] {
  const w = labelWidthPx(tick.label)
  return anchor === 'middle' ? [tick.at - w / 2, tick.at + w / 2] : [tick.at + offsetPx, tick.at + offsetPx + w]
}

/**
 * Every k-th tick (k the smallest that works, so the kept ticks stay evenly spaced) such that no two neighbouring
 * labels come closer than `gapPx`. The first tick is always kept.
 * @example thinTicks(thirtyDays, 'middle') keeps every 3rd day label on a 900-unit-wide chart
 */
export function thinTicks(ticks: readonly AxisTick[], anchor: LabelAnchor = 'middle', gapPx = TICK_GAP_PX, offsetPx = 3): AxisTick[] {
  const sorted = [...ticks].sort((a, b) => a.at - b.at)
  for (let k = 1; k <= sorted.length; k++) {
    const kept = sorted.filter((_, i) => i % k === 0)
    let ok = true
    for (let i = 1; i < kept.length && ok; i++) ok = extentOf(kept[i], anchor, offsetPx)[0] - extentOf(kept[i - 1], anchor, offsetPx)[1] >= gapPx
    if (ok) return kept
  }
  return sorted.slice(0, 1)
}

/** Vertical thinning for a y axis: every k-th value so that labels are at least a line apart. */
export function thinYTicks(ticks: readonly AxisTick[]): AxisTick[] {
  const sorted = [...ticks].sort((a, b) => a.at - b.at)
  for (let k = 1; k <= sorted.length; k++) {
    const kept = sorted.filter((_, i) => i % k === 0)
    if (kept.every((t, i) => i === 0 || t.at - kept[i - 1].at >= TICK_LINE_PX)) return kept
  }
  return sorted.slice(0, 1)
}

/**
 * Labels for y tick values that differ from each other: `formatAt(value, digits)` with the fewest digits (from
 * `minDigits`) at which no two neighbouring labels are the same.
 */
export function distinctTickLabels(values: readonly number[], formatAt: (value: number, digits: number) => string = formatCompact, minDigits = 0): string[] {
  let labels = values.map((v) => formatAt(v, minDigits))
  for (let digits = minDigits + 1; digits <= minDigits + 4 && labels.some((l, i) => i > 0 && l === labels[i - 1]); digits++) labels = values.map((v) => formatAt(v, digits))
  return labels
}

/**
 * A y range for values: [low, high] with some room, never a flat [v, v + 1] (which would run a percentage axis to
 * 175%); `fromZero` includes 0, `max` caps the top (1 for fractions).
 */
export function yDomain(values: readonly number[], { fromZero = true, max, min }: { fromZero?: boolean; max?: number; min?: number } = {}): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v))
  let lo = finite.length ? Math.min(...finite) : 0
  let hi = finite.length ? Math.max(...finite) : 1
  if (fromZero) { lo = Math.min(0, lo); hi = Math.max(0, hi) }
  if (min !== undefined) lo = Math.min(lo, min)
  if (!(hi > lo)) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.05 : 1
    lo -= pad
    hi += pad
  }
  if (max !== undefined) { hi = Math.min(hi, max); if (!(hi > lo)) lo = hi - Math.max(Math.abs(hi) * 0.1, 1e-9) }
  if (fromZero && lo > 0) lo = 0
  return [lo, hi]
}

export interface XAxisProps {
  ticks: readonly AxisTick[]
  /** The bottom of the plot area; labels sit below it. */
  plotBottom: number
  /** The top of the plot area (grid lines run from here to the bottom). */
  plotTop: number
  /** Labels are kept within [plotLeft − some, chartWidth]. */
  chartWidth: number
  anchor?: LabelAnchor
  /** 'solid' grid lines, 'dashed' day separators, or none. */
  grid?: 'solid' | 'dashed' | 'none'
}

/** The x axis: thinned tick labels below the plot, with their grid lines. */
export function XAxis({ ticks, plotBottom, plotTop, chartWidth, anchor = 'middle', grid = 'solid' }: XAxisProps) {
  const kept = thinTicks(ticks, anchor)
  return (
    <g class="axis x-axis">
      {kept.map((t) => {
        const w = labelWidthPx(t.label)
        // Keep the label inside the chart: a centred first or last label would otherwise be cut at the edge.
        const x = anchor === 'middle' ? Math.min(Math.max(t.at, w / 2 + 2), chartWidth - w / 2 - 2) : t.at + 3
        return (
          <g>
            {grid === 'none' ? null : <line x1={t.at} x2={t.at} y1={plotTop} y2={plotBottom} class="grid" stroke-dasharray={grid === 'dashed' ? '2 3' : undefined} stroke={grid === 'dashed' ? '#d1d5db' : undefined} />}
            <text x={round1(x)} y={plotBottom + 18} text-anchor={anchor} class="tick">{t.label}</text>
          </g>
        )
      })}
    </g>
  )
}

export interface YAxisProps {
  values: readonly number[]
  /** Value → y in user units. */
  scale: (value: number) => number
  /** x of the plot's left and right edges. */
  plotLeft: number
  plotRight: number
  /** Left axis (labels right-aligned before plotLeft, with grid lines) or right axis (labels after plotRight). */
  side?: 'left' | 'right'
  /** Tick label of a value with `digits` decimals (default: compact numbers). */
  formatAt?: (value: number, digits: number) => string
  minDigits?: number
}

/** A y axis: grid lines (left side) and labels that neither repeat nor crowd. */
export function YAxis({ values, scale, plotLeft, plotRight, side = 'left', formatAt, minDigits = 0 }: YAxisProps) {
  const labels = distinctTickLabels(values, formatAt, minDigits)
  const kept = thinYTicks(values.map((v, i) => ({ at: scale(v), label: labels[i] })))
  return (
    <g class={`axis y-axis ${side}`}>
      {kept.map((t) => (
        <g>
          {side === 'left' ? <line x1={plotLeft} x2={plotRight} y1={round1(t.at)} y2={round1(t.at)} class="grid" /> : null}
          <text x={side === 'left' ? plotLeft - 6 : plotRight + 6} y={round1(t.at + 4)} text-anchor={side === 'left' ? 'end' : 'start'} class="tick">{t.label}</text>
        </g>
      ))}
    </g>
  )
}

function round1(v: number): number {
  return Math.round(v * 10) / 10
}
