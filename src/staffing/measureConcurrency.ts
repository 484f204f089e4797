import { linearRegression, rSquared } from 'simple-statistics'
import { assertFiniteNumber, assertNonNegative } from './validateInputs.ts'

/**
 * Measures chat concurrency (k) and slowdown (α) from contact history, so planners need not guess them.
 *
 * For each agent, the chats they handled are swept in time order: the number held at once, n(s), is a step
 * function. From it:
 * - the distribution of n while the agent holds at least one chat (share of busy time at each level), its mean
 *   (average concurrency) and the peak;
 * - the typical maximum k: the median, over agent-days, of the day's highest concurrency (one outlier day does
 *   not set k);
 * - per chat, the time-averaged number of chats its agent held during it, m̄ (itself included), and the slowdown
 *   fit by least squares of handle time on m̄ − 1:  handle ≈ AHT₁ + AHT₁·α·(m̄ − 1), so α = slope / intercept
 *   (the model handle = AHT₁·(1 + α(m − 1)) of the staffing engine).
 * A voice call centre, where agents hold one call at a time, gives concurrency ≈ 1 and no slowdown fit.
 */
export interface ContactRecord {
  agent: string
  /** When the agent took the contact (UTC ms). */
  startMs: number
  /** When it ended; or give handleSeconds. */
  endMs?: number
  handleSeconds?: number
}

export interface ConcurrencyMeasurement {
  contacts: number
  agents: number
  /** Share of agents' busy time spent holding exactly m chats, index m (index 0 unused, 0). */
  busyTimeShareByConcurrency: number[]
  /** Mean number of chats held while busy (time-weighted). */
  averageConcurrency: number
  peakConcurrency: number
  /** Median over agent-days of the day's highest concurrency (days in UTC). */
  typicalMaxConcurrency: number
  /** Slowdown fit; null when agents typically hold one contact at a time or concurrency never varies. */
  slowdown: {
    ahtSingleChatSeconds: number
    alpha: number
    /** Regression slope: extra seconds per additional chat held. */
    secondsPerExtraChat: number
    rSquared: number
    contactsUsed: number
  } | null
}

interface Span { start: number; end: number }

function spansOf(records: readonly ContactRecord[]): Map<string, Span[]> {
  const byAgent = new Map<string, Span[]>()
  records.forEach((r, i) => {
    if (r === null || typeof r !== 'object') throw new TypeError(`records[${i}] must be an object`)
    if (typeof r.agent !== 'string' || r.agent === '') throw new TypeError(`records[${i}].agent must be a non-empty string, got ${JSON.stringify(r.agent)}`)
    assertFiniteNumber(`records[${i}].startMs`, r.startMs)
    let end: number
    if (r.endMs !== undefined && r.endMs !== null) {
      assertFiniteNumber(`records[${i}].endMs`, r.endMs)
      end = r.endMs
    } else {
      if (r.handleSeconds === undefined || r.handleSeconds === null) throw new RangeError(`records[${i}] needs endMs or handleSeconds`)
      assertNonNegative(`records[${i}].handleSeconds`, r.handleSeconds)
      end = r.startMs + r.handleSeconds * 1000
    }
    if (end < r.startMs) throw new RangeError(`records[${i}].endMs (${end}) is before startMs (${r.startMs})`)
    const list = byAgent.get(r.agent) ?? []
    list.push({ start: r.startMs, end })
    byAgent.set(r.agent, list)
  })
  return byAgent
}

const DAY_MS = 86_400_000

/**
 * @example measureConcurrency([{ agent: 'a', startMs: 0, endMs: 600_000 }, { agent: 'a', startMs: 300_000, endMs: 900_000 }]).peakConcurrency // 2
 * @throws TypeError/RangeError naming the record and field on bad input
 */
export function measureConcurrency(records: readonly ContactRecord[]): ConcurrencyMeasurement {
  if (!Array.isArray(records)) throw new TypeError('records must be an array')
  const byAgent = spansOf(records)
  const busyByLevel: number[] = [0]
  const dailyPeaks: number[] = []
  const meanHeld: number[] = []
  const handleSeconds: number[] = []
  let peak = 0
  for (const spans of byAgent.values()) {
    // events: +1 at start, −1 at end; ends before starts at the same instant (back-to-back is not overlap)
    const times: number[] = []
    const deltas: number[] = []
    for (const s of spans) { times.push(s.start, s.end); deltas.push(1, -1) }
    const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b] || deltas[a] - deltas[b])
    // cumulative integral of n(s) at each event time, for per-chat averages
    const eventTimes: number[] = []
    const integralAt: number[] = []
    const levelAfter: number[] = []
    const peakByDay = new Map<number, number>()
    let level = 0
    let integral = 0
    let previous = times[order[0]]
    for (const i of order) {
      const t = times[i]
      integral += level * (t - previous)
      if (level > 0) busyByLevel[level] = (busyByLevel[level] ?? 0) + (t - previous)
      previous = t
      level += deltas[i]
      eventTimes.push(t)
      integralAt.push(integral)
      levelAfter.push(level)
      if (level > peak) peak = level
      const day = Math.floor(t / DAY_MS)
      if (level > (peakByDay.get(day) ?? 0)) peakByDay.set(day, level)
    }
    dailyPeaks.push(...peakByDay.values())
    for (const s of spans) {
      const durationMs = s.end - s.start
      if (durationMs <= 0) continue
      const held = (integralAtTime(eventTimes, integralAt, levelAfter, s.end) - integralAtTime(eventTimes, integralAt, levelAfter, s.start)) / durationMs
      meanHeld.push(held)
      handleSeconds.push(durationMs / 1000)
    }
  }
  const busyTotal = busyByLevel.reduce((a, b) => a + (b ?? 0), 0)
  const busyTimeShareByConcurrency = Array.from({ length: peak + 1 }, (_, m) => (m === 0 || busyTotal === 0 ? 0 : (busyByLevel[m] ?? 0) / busyTotal))
  const averageConcurrency = busyTimeShareByConcurrency.reduce((s, share, m) => s + m * share, 0)
  dailyPeaks.sort((a, b) => a - b)
  const typicalMaxConcurrency = dailyPeaks.length ? dailyPeaks[Math.floor((dailyPeaks.length - 1) / 2)] : 0
  return {
    contacts: records.length,
    agents: byAgent.size,
    busyTimeShareByConcurrency,
    averageConcurrency,
    peakConcurrency: peak,
    typicalMaxConcurrency,
    // Agents who typically hold one contact at a time (voice) give no information about slowdown.
    slowdown: typicalMaxConcurrency > 1 ? fitSlowdown(meanHeld, handleSeconds) : null,
  }
}

/** ∫ n(s) ds from the first event to t (t is one of the event times; takes the last entry at t). */
function integralAtTime(eventTimes: number[], integralAt: number[], levelAfter: number[], t: number): number {
  let lo = 0
  let hi = eventTimes.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (eventTimes[mid] <= t) lo = mid
    else hi = mid - 1
  }
  return integralAt[lo] + levelAfter[lo] * (t - eventTimes[lo])
}

function fitSlowdown(meanHeld: number[], handleSeconds: number[]): ConcurrencyMeasurement['slowdown'] {
  if (meanHeld.length < 3) return null
  const extra = meanHeld.map((m) => m - 1)
  const min = Math.min(...extra)
  const max = Math.max(...extra)
  if (max - min < 1e-9) return null
  const points = extra.map((x, i) => [x, handleSeconds[i]])
  const { m: slope, b: intercept } = linearRegression(points)
  if (!(intercept > 0)) return null
  const line = (x: number) => intercept + slope * x
  return { ahtSingleChatSeconds: intercept, alpha: slope / intercept, secondsPerExtraChat: slope, rSquared: rSquared(points, line), contactsUsed: points.length }
}
