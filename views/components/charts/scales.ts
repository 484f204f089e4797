/** Axis helpers for the SVG charts. */
import { formatCompact } from '../../../src/format/numbers.ts'

/** About `count` round tick values covering [min, max] (1, 2, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min, min + 1]
  const rough = (max - min) / count
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
  const ticks: number[] = []
  for (let t = Math.floor(min / step) * step; t <= max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)))
  return ticks
}

/** A compact chart number ("25.7k", "0.25") in the team's number style: src/format/numbers.ts. */
export function formatNumber(value: number, digits = 1): string {
  return formatCompact(value, digits)
}
