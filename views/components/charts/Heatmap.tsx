/** A server-rendered SVG heatmap: rows × columns of values, shaded from light to dark. */
import { formatNumber } from './scales.ts'

export interface HeatmapProps {
  id?: string
  title: string
  rowLabels: string[]
  columnLabels: string[]
  values: number[][]
  unit?: string
}

export function Heatmap({ id, title, rowLabels, columnLabels, values, unit = '' }: HeatmapProps) {
  const cell = 30
  const left = 48
  const top = 22
  const width = left + columnLabels.length * cell + 8
  const height = top + rowLabels.length * 22 + 8
  const max = Math.max(1e-9, ...values.flat())
  return (
    <figure class="chart heatmap" id={id}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <title>{title}</title>
        {columnLabels.map((c, j) => <text x={left + j * cell + cell / 2} y={14} text-anchor="middle" class="tick">{c}</text>)}
        {rowLabels.map((r, i) => (
          <g>
            <text x={left - 6} y={top + i * 22 + 15} text-anchor="end" class="tick">{r}</text>
            {values[i].map((v, j) => (
              <rect x={left + j * cell} y={top + i * 22} width={cell - 1} height={21} fill={`rgba(37, 99, 235, ${(0.05 + 0.95 * (v / max)).toFixed(3)})`} class="cell">
                <title>{`${r} ${columnLabels[j]}: ${formatNumber(v)}${unit}`}</title>
              </rect>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  )
}
