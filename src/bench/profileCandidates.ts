/**
 * Candidate intraday profiles for the daily diagnosis (src/bench/forecast-daily.bench.ts, issue 14), each measured by
 * profileSplitError (actual day totals split by the profile) so the choice of estimator is visible and reproducible.
 * Only volumeWeightedShares went into the model (src/forecast/models/topDown.ts); the others are here so their
 * figures can be re-run.
 */
import { observedSum, type DayGrid } from '../forecast/calendar/dayGrid.ts'
import { intradayShares, volumeWeightedShares } from '../forecast/models/intradayShares.ts'
import { profileSplitError, type ProfileOf } from '../forecast/models/profileSplitError.ts'
import { sameWeekdayRows } from '../forecast/models/sameWeekdayRows.ts'

/** Mean shares of one weekday's rows and their sampling variance per slot (for the empirical-Bayes shrinkage). */
function weekdayMoments(rows: readonly Float64Array[], slotsPerDay: number): { mean: Float64Array; varianceOfMean: Float64Array; days: number; meanTotal: number } {
  const used = rows.filter((r) => observedSum(r) > 0)
  const mean = new Float64Array(slotsPerDay)
  const varianceOfMean = new Float64Array(slotsPerDay)
  for (const r of used) { const t = observedSum(r); for (let s = 0; s < slotsPerDay; s++) if (r[s] === r[s]) mean[s] += r[s] / t / used.length }
  for (const r of used) { const t = observedSum(r); for (let s = 0; s < slotsPerDay; s++) if (r[s] === r[s]) varianceOfMean[s] += (r[s] / t - mean[s]) ** 2 / Math.max(1, used.length - 1) / used.length }
  return { mean, varianceOfMean, days: used.length, meanTotal: used.reduce((a, r) => a + observedSum(r), 0) / Math.max(1, used.length) }
}

/**
 * Each weekday's profile shrunk toward the mean profile of the open weekdays (mean total above half the day's own),
 * per slot, by within / (within + between): within = the sampling variance of the weekday's mean share, between =
 * the variance of the weekdays' means beyond their sampling variance (James-Stein / empirical Bayes; no constant).
 */
function shrunkToOpenWeekdays(weeks: number, smoothing: number): ProfileOf {
  return (history, d) => {
    const n = history.slotsPerDay
    const groups = Array.from({ length: 7 }, (_, k) => weekdayMoments(sameWeekdayRows(history, d - k, weeks), n))
    const own = groups[0]
    const peers = groups.filter((g) => g.days >= 2 && g.meanTotal > 0.5 * own.meanTotal)
    const out = new Float64Array(n)
    for (let s = 0; s < n; s++) {
      if (!(own.mean[s] > 0)) continue
      const means = peers.map((g) => g.mean[s])
      const pooled = means.reduce((a, b) => a + b, 0) / means.length
      const within = peers.reduce((a, g) => a + g.varianceOfMean[s], 0) / peers.length
      const between = Math.max(0, means.reduce((a, m) => a + (m - pooled) ** 2, 0) / Math.max(1, means.length - 1) - within)
      const weight = within + between > 0 ? within / (within + between) : 0
      out[s] = weight * pooled + (1 - weight) * own.mean[s]
    }
    return intradayShares([out], n, smoothing)
  }
}

/**
 * Shen & Huang (2008) in spirit: the shape may move with the day's level. Per slot, the share regressed on the log of
 * the day total over the last `weeks` same-weekday days, evaluated at the day's ACTUAL total (an oracle: an upper
 * bound on what any level-dependent shape could give a week ahead).
 */
function levelDependent(weeks: number, smoothing: number, grid: DayGrid): ProfileOf {
  const actualTotal = new Map(grid.dayNumbers.map((d, i) => [d, observedSum(grid.values[i])]))
  return (history, d) => {
    const n = history.slotsPerDay
    const rows = sameWeekdayRows(history, d, weeks).filter((r) => observedSum(r) > 0)
    const xs = rows.map((r) => Math.log(observedSum(r)))
    const xbar = xs.reduce((a, b) => a + b, 0) / xs.length
    const x0 = Math.log(actualTotal.get(d) ?? Math.exp(xbar))
    const out = new Float64Array(n)
    for (let s = 0; s < n; s++) {
      let sy = 0, sxy = 0, sxx = 0, c = 0
      rows.forEach((r, k) => { if (r[s] !== r[s]) return; const y = r[s] / observedSum(r); sy += y; sxy += (xs[k] - xbar) * y; sxx += (xs[k] - xbar) ** 2; c++ })
      if (c) out[s] = Math.max(0, sy / c + (sxx > 0 ? sxy / sxx : 0) * (x0 - xbar))
    }
    return intradayShares([out], n, smoothing)
  }
}

/**
 * Smoothing half-width chosen per origin from the history's own error: each width in `widths` scored by
 * profileSplitError over the last `weeks` weekly origins before the forecast origin (never the weeks being scored).
 */
function smoothingByOwnError(weeks: number, widths: readonly number[], horizonDays: number): ProfileOf {
  const chosen = new WeakMap<DayGrid, number>()
  return (history, d) => {
    let width = chosen.get(history)
    if (width === undefined) {
      const last = history.dayNumbers[history.dayNumbers.length - 1]
      const origins = { firstOrigin: last + 1 - 7 * 8, stepDays: 7, horizonDays: Math.min(7, horizonDays) }
      let best = Number.POSITIVE_INFINITY
      for (const w of widths) {
        const e = profileSplitError(history, (h, day) => volumeWeightedShares(sameWeekdayRows(h, day, weeks), h.slotsPerDay, w), origins).mae
        if (e < best) { best = e; width = w }
      }
      chosen.set(history, width ?? widths[0])
    }
    return volumeWeightedShares(sameWeekdayRows(history, d, weeks), history.slotsPerDay, width ?? widths[0])
  }
}

/**
 * Shen & Huang (2008, MSOM, "Interday forecasting and intraday updating of call center arrivals"): the matrix of
 * square-root counts of every open day of the last `weeks` weeks (days x intervals) reduced to its first `rank`
 * singular vectors; a future day's scores are the mean scores of its weekday's days, and the profile is the square of
 * the reconstructed row, normalised. (Their gain is from intraday updating, which a week-ahead plan cannot use.)
 */
function svdFactors(weeks: number, rank: number, smoothing: number): ProfileOf {
  const cache = new WeakMap<DayGrid, Map<number, Float64Array>>()
  return (history, d) => {
    let byWeekday = cache.get(history)
    if (!byWeekday) cache.set(history, (byWeekday = new Map()))
    const key = ((d % 7) + 7) % 7
    const hit = byWeekday.get(key)
    if (hit) return hit
    const n = history.slotsPerDay
    const last = history.dayNumbers[history.dayNumbers.length - 1]
    const rows: Float64Array[] = []
    const days: number[] = []
    history.values.forEach((r, i) => {
      if (history.dayNumbers[i] <= last - 7 * weeks || !(observedSum(r) > 0)) return
      rows.push(r.map((v) => (v === v ? Math.sqrt(v) : 0)))
      days.push(history.dayNumbers[i])
    })
    const residual = rows.map((r) => Float64Array.from(r))
    const reconstructed = new Float64Array(n)
    const mine = days.map((day) => (day - d) % 7 === 0)
    const mineCount = mine.filter(Boolean).length
    for (let k = 0; k < rank && mineCount > 0; k++) {
      // Power iteration for the leading right singular vector of the residual matrix.
      let f = new Float64Array(n).fill(1 / Math.sqrt(n))
      for (let it = 0; it < 50; it++) {
        const scores = residual.map((r) => r.reduce((a, v, s) => a + v * f[s], 0))
        const next = new Float64Array(n)
        residual.forEach((r, i) => { for (let s = 0; s < n; s++) next[s] += scores[i] * r[s] })
        const norm = Math.sqrt(next.reduce((a, v) => a + v * v, 0))
        if (!(norm > 0)) break
        const moved = next.reduce((a, v, s) => a + Math.abs(v / norm - f[s]), 0)
        f = next.map((v) => v / norm)
        if (moved < 1e-9) break
      }
      const scores = residual.map((r) => r.reduce((a, v, s) => a + v * f[s], 0))
      let meanScore = 0
      scores.forEach((sc, i) => { if (mine[i]) meanScore += sc / mineCount })
      for (let s = 0; s < n; s++) reconstructed[s] += meanScore * f[s]
      residual.forEach((r, i) => { for (let s = 0; s < n; s++) r[s] -= scores[i] * f[s] })
    }
    const shares = intradayShares([reconstructed.map((v) => (v > 0 ? v * v : 0))], n, smoothing)
    byWeekday.set(key, shares)
    return shares
  }
}

/** Every candidate, by label, for a grid at `smoothing` (the model's default half-width for its interval length). */
export function profileCandidates(grid: DayGrid, smoothing: number, horizonDays: number): Array<[string, ProfileOf]> {
  const mean = (weeks: number, s = smoothing): ProfileOf => (h, d) => intradayShares(sameWeekdayRows(h, d, weeks), h.slotsPerDay, s)
  const pooled = (weeks: number, s = smoothing): ProfileOf => (h, d) => volumeWeightedShares(sameWeekdayRows(h, d, weeks), h.slotsPerDay, s)
  const weighted = (weeks: number, weightOf: (k: number) => number): ProfileOf => (h, d) => {
    const rows = sameWeekdayRows(h, d, weeks)
    return volumeWeightedShares(rows, h.slotsPerDay, smoothing, rows.map((_, k) => weightOf(k)))
  }
  const widths = [...new Set([0, 1, 2, smoothing, 2 * smoothing + 1])].sort((a, b) => a - b)
  return [
    ['mean of per-day shares, 12 weeks (before)', mean(12)],
    ['pooled by volume, 12 weeks (the model)', pooled(12)],
    ['pooled by volume, 6 weeks', pooled(6)],
    ['pooled by volume, 20 weeks', pooled(20)],
    ...widths.filter((w) => w !== smoothing).map((w): [string, ProfileOf] => [`pooled by volume, 12 weeks, smoothing ${w} (model: ${smoothing})`, pooled(12, w)]),
    [`smoothing chosen by the history's own error (${widths.join('/')})`, smoothingByOwnError(12, widths, horizonDays)],
    ['recent weighted: linear 12..1 over 12 weeks', weighted(12, (k) => 12 - k)],
    ['recent weighted: linear over 20 weeks', weighted(20, (k) => 20 - k)],
    ['recent weighted: 0.9^k over 30 weeks', weighted(30, (k) => 0.9 ** k)],
    ['shrunk to the open weekdays (empirical Bayes)', shrunkToOpenWeekdays(12, smoothing)],
    ['Shen & Huang: SVD of root counts, 12 weeks, 2 factors', svdFactors(12, 2, smoothing)],
    ['Shen & Huang: SVD of root counts, 12 weeks, 4 factors', svdFactors(12, 4, smoothing)],
    ['level-dependent shape at the ACTUAL total (oracle)', levelDependent(20, smoothing, grid)],
    ['every same weekday of the year, later ones too (oracle)', (h, d) => volumeWeightedShares(grid.values.filter((_, i) => (grid.dayNumbers[i] - d) % 7 === 0 && grid.dayNumbers[i] !== d), h.slotsPerDay, smoothing)],
  ]
}
