/**
 * Weekly (and monthly) volume and AHT up to 78 weeks ahead from a queue's weekly history.
 *
 * The model, in the order it is applied (each step says what the history can and cannot support):
 * 1. Weekly totals of the history; only whole weeks inside the history's span are used.
 * 2. Yearly seasonality by week of the year (week 1 = the year's first 7 days; 53 counts as 52), smoothed over
 *    3 weeks: with ≥ 102 weeks, the average ratio of each week to the mean of its surrounding 52 weeks; with 50–101
 *    weeks (one year seen once; a week of the year not seen counts as flat), the ratio to the year's mean shrunk halfway toward flat
 *    (index = 1 + seasonalShrink · (raw − 1), seasonalShrink = 0.5), since one year's bumps may be chance;
 *    with < 50 weeks, none (flat).
 * 3. Growth: the manager's annual rate when set; otherwise with ≥ 104 weeks the last 52 weeks over the 52 before;
 *    otherwise none, since with less than two years a trend cannot be told from the season.
 * 4. Level: the mean of the last 8 deseasonalised weeks. Forecast week k (1 = the first after the history):
 *    level · (1 + growth)^(k/52) · seasonal(week of year).
 * 5. The 80% band: σ = the standard deviation of log(deseasonalised week / mean of the 8 before); at horizon k,
 *    σ_k = σ·√(1 + (k − 1)/8) (the level drifts like a random walk); lo/hi = mean · exp(∓1.2816·σ_k).
 * 6. AHT: the handled-weighted AHT of the last 8 weeks with AHT, × (1 + ahtChangeFraction); no season or trend is
 *    fitted to handle time.
 * Calendar events and holidays are applied later, per interval, when the week is spread over its intervals.
 */
import { addWeeks } from './projectCapacity.ts'

export interface WeekHistory {
  weekStart: string
  volume: number
  /** Handled-weighted AHT of the week, null without handle times. */
  ahtSeconds: number | null
}

export interface DemandOptions {
  weeksAhead: number
  /** Growth per year set by the manager (0.1 = +10%); null/undefined: from the history where it can tell. */
  annualGrowthFraction?: number | null
  /** AHT change (0.05 = 5% longer). @default 0 */
  ahtChangeFraction?: number
  /** @default 0.5 */
  seasonalShrink?: number
}

export interface WeekDemand {
  weekStart: string
  volume: number
  volumeLo80: number
  volumeHi80: number
  ahtSeconds: number | null
  seasonalIndex: number
}

export interface LongHorizonDemand {
  weeks: WeekDemand[]
  historyWeeks: number
  seasonality: 'none' | 'one year, shrunk toward flat' | 'from two or more years'
  growth: { annualFraction: number; source: 'manager' | 'history' | 'none' }
  level: number
  sigma: number
  /** Plain sentences on what the history supports and what it cannot. */
  notes: string[]
}

/** The longest plan (18 months); the forecast may reach 2 weeks further, for the weeks the history ends in. */
export const MAX_DEMAND_WEEKS = 78
const Z80 = 1.2815515655446004

/** Week of the year 0–51 of a date key: its day of the year // 7 (the 365th/366th day counts in week 51). */
export function weekOfYear(dateKey: string): number {
  const ms = Date.parse(dateKey + 'T00:00:00Z')
  const dayOfYear = Math.floor((ms - Date.UTC(new Date(ms).getUTCFullYear(), 0, 1)) / 86_400_000)
  return Math.min(51, Math.floor(dayOfYear / 7))
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length

function smoothCircular(v: number[]): number[] {
  return v.map((_, i) => (v[(i + v.length - 1) % v.length] + v[i] + v[(i + 1) % v.length]) / 3)
}

/**
 * @throws RangeError with fewer than 4 weeks of history, weeks that are not consecutive, or weeksAhead outside 1–78
 */
export function forecastLongHorizonDemand(history: readonly WeekHistory[], options: DemandOptions): LongHorizonDemand {
  const { weeksAhead, annualGrowthFraction = null, ahtChangeFraction = 0, seasonalShrink = 0.5 } = options
  if (!(Number.isInteger(weeksAhead) && weeksAhead >= 1 && weeksAhead <= MAX_DEMAND_WEEKS + 2)) throw new RangeError(`weeks ahead must be a whole number from 1 to ${MAX_DEMAND_WEEKS}, got ${weeksAhead}`)
  if (history.length < 4) throw new RangeError(`the history holds ${history.length} whole week${history.length === 1 ? '' : 's'}: a long-range forecast needs at least 4`)
  history.forEach((w, i) => {
    if (i > 0 && w.weekStart !== addWeeks(history[i - 1].weekStart, 1)) throw new RangeError(`history week ${w.weekStart} does not follow ${history[i - 1].weekStart} by 7 days`)
    if (!(Number.isFinite(w.volume) && w.volume >= 0)) throw new RangeError(`history week ${w.weekStart}: volume must be a number >= 0, got ${w.volume}`)
  })
  if (annualGrowthFraction !== null && !(annualGrowthFraction > -0.9 && annualGrowthFraction <= 5)) throw new RangeError(`growth per year must be between -90% and +500%, got ${annualGrowthFraction}`)
  if (!(ahtChangeFraction > -0.9 && ahtChangeFraction <= 5)) throw new RangeError(`AHT change must be between -90% and +500%, got ${ahtChangeFraction}`)
  const n = history.length
  const volumes = history.map((w) => w.volume)
  const notes: string[] = []
  let seasonal = new Array<number>(52).fill(1)
  let seasonality: LongHorizonDemand['seasonality'] = 'none'
  if (n >= 102) {
    const sums = new Array<number>(52).fill(0), counts = new Array<number>(52).fill(0)
    for (let i = 0; i < n; i++) {
      const from = Math.max(0, Math.min(i - 26, n - 52))
      const around = mean(volumes.slice(from, from + 52))
      if (around > 0) { const k = weekOfYear(history[i].weekStart); sums[k] += volumes[i] / around; counts[k]++ }
    }
    seasonal = smoothCircular(sums.map((s, k) => (counts[k] ? s / counts[k] : 1)))
    seasonality = 'from two or more years'
    notes.push(`Yearly seasonality from ${n} weeks of history (${Math.floor(n / 52)} years).`)
  } else if (n >= 50) {
    const last = history.slice(Math.max(0, n - 52)), m = mean(last.map((w) => w.volume))
    const raw = new Array<number>(52).fill(1)
    if (m > 0) for (const w of last) raw[weekOfYear(w.weekStart)] = w.volume / m
    seasonal = smoothCircular(raw).map((r) => 1 + seasonalShrink * (r - 1))
    seasonality = 'one year, shrunk toward flat'
    notes.push(`The history holds one year (${n} weeks): each week of the year is seen once, so the seasonal pattern is shrunk ${Math.round(seasonalShrink * 100)}% of the way toward flat.`)
  } else {
    notes.push(`The history holds ${n} weeks, less than a year: it cannot show a yearly season, so none is applied (every week of the year alike apart from growth and events).`)
  }
  const deseasonalised = volumes.map((v, i) => v / Math.max(1e-9, seasonal[weekOfYear(history[i].weekStart)]))
  let growth: LongHorizonDemand['growth']
  if (annualGrowthFraction !== null) growth = { annualFraction: annualGrowthFraction, source: 'manager' }
  else if (n >= 104) {
    const lastYear = volumes.slice(n - 52).reduce((s, v) => s + v, 0), yearBefore = volumes.slice(n - 104, n - 52).reduce((s, v) => s + v, 0)
    growth = { annualFraction: yearBefore > 0 ? lastYear / yearBefore - 1 : 0, source: 'history' }
    notes.push(`Growth ${Math.round(growth.annualFraction * 1000) / 10}% a year: the last 52 weeks over the 52 before.`)
  } else {
    growth = { annualFraction: 0, source: 'none' }
    notes.push('No growth assumed: with less than two years of history a trend cannot be told apart from the season. Set a growth rate if you expect one.')
  }
  const level = mean(deseasonalised.slice(Math.max(0, n - 8)))
  const residuals: number[] = []
  for (let i = 8; i < n; i++) {
    const before = mean(deseasonalised.slice(i - 8, i))
    if (before > 0 && deseasonalised[i] > 0) residuals.push(Math.log(deseasonalised[i] / before))
  }
  const sigma = residuals.length >= 2 ? Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / (residuals.length - 1)) : 0.1
  if (residuals.length < 2) notes.push('Too few weeks to measure how much weeks vary: the band assumes ±10% (one σ).')
  const withAht = history.filter((w) => w.ahtSeconds !== null && w.volume > 0).slice(-8)
  const ahtLevel = withAht.length ? withAht.reduce((s, w) => s + w.ahtSeconds! * w.volume, 0) / withAht.reduce((s, w) => s + w.volume, 0) : null
  notes.push(ahtLevel === null ? 'The history has no handle times: AHT comes from the staffing settings.' : `AHT ${Math.round(ahtLevel)} s: the last ${withAht.length} weeks' level${ahtChangeFraction ? `, changed by ${Math.round(ahtChangeFraction * 1000) / 10}%` : ''} (no season or trend is fitted to handle time).`)
  if (weeksAhead > n) notes.push(`The plan reaches ${weeksAhead} weeks ahead from ${n} weeks of history: beyond what the history has seen, the band is an extrapolation.`)
  const lastWeek = history[n - 1].weekStart
  const weeks: WeekDemand[] = []
  for (let k = 1; k <= weeksAhead; k++) {
    const weekStart = addWeeks(lastWeek, k)
    const seasonalIndex = seasonal[weekOfYear(weekStart)]
    const volume = level * (1 + growth.annualFraction) ** (k / 52) * seasonalIndex
    const s = sigma * Math.sqrt(1 + (k - 1) / 8)
    weeks.push({ weekStart, volume, volumeLo80: volume * Math.exp(-Z80 * s), volumeHi80: volume * Math.exp(Z80 * s), ahtSeconds: ahtLevel === null ? null : ahtLevel * (1 + ahtChangeFraction), seasonalIndex })
  }
  return { weeks, historyWeeks: n, seasonality, growth, level, sigma, notes }
}

export interface MonthDemand { month: string; volume: number; days: number }

/**
 * Weekly volumes spread over calendar months day by day with the week's daily shares (dayShares[d] for the d-th
 * day of the week, summing to 1); months at the ends hold only the days the plan covers.
 */
export function monthlyDemand(weeks: readonly { weekStart: string; volume: number }[], dayShares: readonly number[]): MonthDemand[] {
  if (dayShares.length !== 7) throw new RangeError(`dayShares must have 7 values, got ${dayShares.length}`)
  const months = new Map<string, MonthDemand>()
  for (const w of weeks) {
    for (let d = 0; d < 7; d++) {
      const month = new Date(Date.parse(w.weekStart + 'T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 7)
      const m = months.get(month) ?? { month, volume: 0, days: 0 }
      m.volume += w.volume * dayShares[d]
      m.days++
      months.set(month, m)
    }
  }
  return [...months.values()]
}
