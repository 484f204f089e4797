import { observedSum } from '../calendar/dayGrid.ts'

/**
 * Intraday profile: the mean share of the day's volume in each interval over `rows` (days of one weekday),
 * smoothed across neighbouring intervals with a triangular kernel of half-width `smoothingSlots`. Smoothing only
 * mixes open intervals (share > 0), so closed hours stay exactly zero. Shares sum to 1 (all zero when no row has volume).
 */
export function intradayShares(rows: readonly Float64Array[], slotsPerDay: number, smoothingSlots: number): Float64Array {
  const sums = new Float64Array(slotsPerDay)
  const counts = new Float64Array(slotsPerDay)
  for (const row of rows) {
    const total = observedSum(row)
    if (!(total > 0)) continue
    for (let s = 0; s < slotsPerDay; s++) {
      if (row[s] !== row[s]) continue
      sums[s] += row[s] / total
      counts[s]++
    }
  }
  const raw = new Float64Array(slotsPerDay)
  for (let s = 0; s < slotsPerDay; s++) raw[s] = counts[s] > 0 ? sums[s] / counts[s] : 0
  const smoothed = smoothingSlots > 0 ? smoothOpenSlots(raw, smoothingSlots) : raw
  return normalised(smoothed)
}

function smoothOpenSlots(raw: Float64Array, halfWidth: number): Float64Array {
  const out = new Float64Array(raw.length)
  for (let s = 0; s < raw.length; s++) {
    if (!(raw[s] > 0)) continue
    let weighted = 0
    let weights = 0
    for (let j = -halfWidth; j <= halfWidth; j++) {
      const k = s + j
      if (k < 0 || k >= raw.length || !(raw[k] > 0)) continue
      const w = halfWidth + 1 - Math.abs(j)
      weighted += w * raw[k]
      weights += w
    }
    out[s] = weighted / weights
  }
  return out
}

function normalised(shares: Float64Array): Float64Array {
  let total = 0
  for (const v of shares) total += v
  if (!(total > 0)) return shares
  return shares.map((v) => v / total)
}
