/**
 * SVG path of a step line: value i holds from x(i) to x(i + 1) (an interval's level over its whole width), with
 * vertical risers between intervals. Used for agents required and scheduled per interval.
 */
export function stepPath(values: readonly number[], x: (i: number) => number, y: (v: number) => number): string {
  if (!values.length) return ''
  const parts = [`M${x(0).toFixed(1)},${y(values[0]).toFixed(1)}`]
  values.forEach((v, i) => {
    if (i > 0) parts.push(`V${y(v).toFixed(1)}`)
    parts.push(`H${x(i + 1).toFixed(1)}`)
  })
  return parts.join('')
}
