/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The band chart draws what a pixel can show (issue 15: the forecast page's 92-day chart was 8,832 points a line and
 * took half a second to write on the request thread): per pixel column at most four line points (first, lowest,
 * highest, last) and one band step, so spikes and the band's extremes stay drawn exactly.
 */
import { describe, expect, it } from 'vitest'
import { BandChart } from '../../../../views/components/charts/BandChart.tsx'

const points = (d: string) => [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const)

describe('BandChart', () => {
  const n = 92 * 96
  const x = Array.from({ length: n }, (_, i) => i * 900_000)
  // A daily shape with one spike of 500 at interval 4,000.
  const y = x.map((_, i) => (i === 4000 ? 500 : 50 + 40 * Math.sin((i % 96) / 96 * 2 * Math.PI)))
  const html = String(<BandChart title="t" lines={[{ name: 'mean', x, y }]} bands={[{ name: 'band', x, lower: y.map((v) => v - 10), upper: y.map((v) => v + 10) }]} xTicks={[]} width={900} height={280} />)
  const line = points(/<path d="([^"]+)" class="line"/.exec(html)![1])
  const band = points(/<path d="([^"]+)" class="band80"/.exec(html)![1])

  it('keeps at most four points per pixel column of the line and one band step per column', () => {
    const columns = new Map<number, number>()
    for (const [px] of line) columns.set(Math.floor(px), (columns.get(Math.floor(px)) ?? 0) + 1)
    expect(Math.max(...columns.values())).toBeLessThanOrEqual(4)
    expect(line.length).toBeLessThan(4 * 900)
    expect(band.length).toBeLessThan(2 * 900 + 4)
  })

  it('still draws the spike and the band around it at their full height', () => {
    const top = 16, innerH = 280 - 16 - 40
    const highestY = Math.min(...line.map(([, py]) => py))
    const highestBand = Math.min(...band.map(([, py]) => py))
    // y axis: 0 … 600 (nice ticks above 510); the spike at 500 and the band's top at 510 are the highest points drawn.
    expect(highestY).toBeCloseTo(top + innerH - (500 / 600) * innerH, 0)
    expect(highestBand).toBeCloseTo(top + innerH - (510 / 600) * innerH, 0)
  })
})
