import { seededRandom } from './seededRandom.ts'
import type { RandomSource } from './seededRandom.ts'
import { assertInteger, assertNonNegative, assertPositive } from './validateInputs.ts'

/**
 * Seeded discrete-event simulation of a day, to check a plan where the steady-state formulas are optimistic
 * (short intervals, peaks, staffing changes).
 *
 * Model: Poisson arrivals with a rate constant within each interval (piecewise-constant); N agents per interval,
 * each holding up to k chats; a chat's handle time is exponential with mean AHT₁·(1 + α(m − 1)) while its agent
 * holds m chats (the agent finishes chats at total rate Σᵢ 1/AHTᵢ / (1 + α(m − 1)), the finishing chat drawn in
 * proportion to 1/AHTᵢ) — the same assumptions as the balanced chain, Erlang C (k = 1, α = 0) and, with
 * exponential patience, Erlang A. A new chat goes to the active agent holding the fewest chats (join the least
 * loaded); if every slot is taken it waits in one FCFS queue, abandoning after its patience. When the staffing
 * drops at an interval boundary, the least-loaded agents stop taking chats and finish what they hold.
 * Contacts are counted in the interval they arrive in; a warm-up (at the first interval's rate and staffing)
 * can precede the day so a steady state is reached first.
 */
export interface DaySimulationSettings {
  intervalMinutes: number
  /** Expected arrivals in each interval (the forecast volume). */
  arrivalsPerInterval: readonly number[]
  /** Agents logged in during each interval. */
  agentsPerInterval: readonly number[]
  /** Handle time of a chat handled alone (AHT₁), one value or one per interval (by arrival interval). */
  ahtSeconds: number | readonly number[]
  /** Service-level threshold t: answered within t seconds. */
  answerWithinSeconds: number
  /** k, chats an agent holds at once. @default 1 */
  maxConcurrency?: number
  /** α, slowdown per extra chat held. @default 0 */
  slowdownAlpha?: number
  /** Mean of the exponential patience; null for no abandonment. @default null */
  meanPatienceSeconds?: number | null
  /** Independent replications. @default 20 */
  runs?: number
  /** @default 1 */
  seed?: number
  /** Simulated time before the day starts, not counted. @default 0 */
  warmupSeconds?: number
}

export interface Estimate {
  mean: number
  /** Standard deviation across runs. */
  standardDeviation: number
  /** standardDeviation / √runs: the error of the mean. */
  standardError: number
}

export interface DaySimulationResult {
  runs: number
  /** Mean offered contacts per run (counted, i.e. after warm-up). */
  offeredPerRun: number
  /** P(answered within t) over offered (abandons count as misses). */
  serviceLevel: Estimate
  /** Mean wait over all offered (abandoners' time to abandon included), seconds. */
  asaSeconds: Estimate
  abandonFraction: Estimate
  waitProbability: Estimate
  /** Mean handle time of answered chats. */
  realizedAhtSeconds: number
  /** Wait until an agent took the chat (answered contacts, pooled over runs). */
  firstResponseSeconds: { p50: number; p90: number }
  /** Per interval: service level (mean over runs; null where nothing was offered) and mean offered. */
  intervals: { serviceLevel: number | null; offered: number }[]
}

interface RunTotals {
  offered: number
  answeredWithin: number
  abandoned: number
  waited: number
  waitSum: number
  handleSum: number
  handled: number
  answeredWaits: number[]
  offeredByInterval: number[]
  withinByInterval: number[]
}

function validate(settings: DaySimulationSettings): void {
  const { intervalMinutes, arrivalsPerInterval, agentsPerInterval, ahtSeconds, answerWithinSeconds } = settings
  assertPositive('intervalMinutes', intervalMinutes)
  if (!Array.isArray(arrivalsPerInterval) || arrivalsPerInterval.length === 0) throw new RangeError('arrivalsPerInterval must be a non-empty array')
  if (!Array.isArray(agentsPerInterval) || agentsPerInterval.length !== arrivalsPerInterval.length) {
    throw new RangeError(`agentsPerInterval must have one value per interval (${arrivalsPerInterval.length}), got ${Array.isArray(agentsPerInterval) ? agentsPerInterval.length : typeof agentsPerInterval}`)
  }
  arrivalsPerInterval.forEach((v, i) => assertNonNegative(`arrivalsPerInterval[${i}]`, v))
  agentsPerInterval.forEach((v, i) => assertInteger(`agentsPerInterval[${i}]`, v, 0))
  if (typeof ahtSeconds === 'number') assertPositive('ahtSeconds', ahtSeconds)
  else {
    if (ahtSeconds.length !== arrivalsPerInterval.length) throw new RangeError(`ahtSeconds must have one value per interval (${arrivalsPerInterval.length}), got ${ahtSeconds.length}`)
    ahtSeconds.forEach((v, i) => assertPositive(`ahtSeconds[${i}]`, v))
  }
  assertNonNegative('answerWithinSeconds', answerWithinSeconds)
  if (settings.maxConcurrency !== undefined) {
    if (typeof settings.maxConcurrency === 'number' && settings.maxConcurrency < 1) throw new RangeError(`maxConcurrency must be at least 1, got ${settings.maxConcurrency}`)
    assertInteger('maxConcurrency', settings.maxConcurrency, 1)
  }
  if (settings.slowdownAlpha !== undefined) assertNonNegative('slowdownAlpha', settings.slowdownAlpha)
  if (settings.meanPatienceSeconds !== undefined && settings.meanPatienceSeconds !== null) assertPositive('meanPatienceSeconds', settings.meanPatienceSeconds)
  if (settings.runs !== undefined) assertInteger('runs', settings.runs, 2)
  if (settings.warmupSeconds !== undefined) assertNonNegative('warmupSeconds', settings.warmupSeconds)
}

/**
 * Simulates the day `runs` times (run r uses seed + r) and summarises.
 * @throws RangeError/TypeError on invalid settings (message names the field)
 */
export function simulateDay(settings: DaySimulationSettings): DaySimulationResult {
  validate(settings)
  const { runs = 20, seed = 1 } = settings
  const totals: RunTotals[] = []
  for (let run = 0; run < runs; run++) totals.push(simulateOneRun(settings, seededRandom(seed + run * 7919)))
  const perRun = (f: (t: RunTotals) => number) => estimate(totals.map(f))
  const waits = Float64Array.from(totals.flatMap((t) => t.answeredWaits)).sort()
  const intervals = settings.arrivalsPerInterval.map((_, i) => {
    const levels = totals.filter((t) => t.offeredByInterval[i] > 0).map((t) => t.withinByInterval[i] / t.offeredByInterval[i])
    return { serviceLevel: levels.length ? mean(levels) : null, offered: mean(totals.map((t) => t.offeredByInterval[i])) }
  })
  const handled = totals.reduce((s, t) => s + t.handled, 0)
  return {
    runs,
    offeredPerRun: mean(totals.map((t) => t.offered)),
    serviceLevel: perRun((t) => (t.offered ? t.answeredWithin / t.offered : 1)),
    asaSeconds: perRun((t) => (t.offered ? t.waitSum / t.offered : 0)),
    abandonFraction: perRun((t) => (t.offered ? t.abandoned / t.offered : 0)),
    waitProbability: perRun((t) => (t.offered ? t.waited / t.offered : 0)),
    realizedAhtSeconds: handled ? totals.reduce((s, t) => s + t.handleSum, 0) / handled : 0,
    firstResponseSeconds: { p50: quantileSorted(waits, 0.5), p90: quantileSorted(waits, 0.9) },
    intervals,
  }
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0
}

function estimate(values: readonly number[]): Estimate {
  const m = mean(values)
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1) : 0
  const standardDeviation = Math.sqrt(variance)
  return { mean: m, standardDeviation, standardError: standardDeviation / Math.sqrt(values.length) }
}

/** Linear-interpolation quantile (R type 7) of sorted values; 0 for none. */
function quantileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

const ARRIVAL = 0
const COMPLETION = 1
const ABANDON = 2
const BOUNDARY = 3

/** Binary min-heap of events keyed by time, stored in parallel arrays. */
class EventQueue {
  private times: number[] = []
  private kinds: number[] = []
  private subjects: number[] = []
  private versions: number[] = []
  get size(): number { return this.times.length }
  push(time: number, kind: number, subject: number, version: number): void {
    const { times, kinds, subjects, versions } = this
    let i = times.length
    times.push(time); kinds.push(kind); subjects.push(subject); versions.push(version)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (times[parent] <= time) break
      times[i] = times[parent]; kinds[i] = kinds[parent]; subjects[i] = subjects[parent]; versions[i] = versions[parent]
      i = parent
    }
    times[i] = time; kinds[i] = kind; subjects[i] = subject; versions[i] = version
  }
  /** Removes the earliest event into `out` ([time, kind, subject, version]). */
  pop(out: number[]): void {
    const { times, kinds, subjects, versions } = this
    out[0] = times[0]; out[1] = kinds[0]; out[2] = subjects[0]; out[3] = versions[0]
    const lastTime = times.pop()!, lastKind = kinds.pop()!, lastSubject = subjects.pop()!, lastVersion = versions.pop()!
    const n = times.length
    if (n === 0) return
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= n) break
      if (child + 1 < n && times[child + 1] < times[child]) child++
      if (times[child] >= lastTime) break
      times[i] = times[child]; kinds[i] = kinds[child]; subjects[i] = subjects[child]; versions[i] = versions[child]
      i = child
    }
    times[i] = lastTime; kinds[i] = lastKind; subjects[i] = lastSubject; versions[i] = lastVersion
  }
}

function simulateOneRun(settings: DaySimulationSettings, random: RandomSource): RunTotals {
  const { arrivalsPerInterval, agentsPerInterval, answerWithinSeconds, maxConcurrency = 1, slowdownAlpha = 0, meanPatienceSeconds = null, warmupSeconds = 0 } = settings
  const intervalSeconds = settings.intervalMinutes * 60
  const intervalCount = arrivalsPerInterval.length
  const dayEnd = intervalCount * intervalSeconds
  const ahtOf = (interval: number) => (typeof settings.ahtSeconds === 'number' ? settings.ahtSeconds : settings.ahtSeconds[interval])
  const intervalAt = (time: number) => (time < 0 ? 0 : Math.floor(time / intervalSeconds))

  // customers
  const arrivalTime: number[] = []
  const customerAht: number[] = []
  const state: number[] = [] // 0 waiting, 1 in service, 2 done/abandoned
  const startOf: number[] = [] // service start
  // agents
  const load: number[] = []
  const active: boolean[] = []
  const chats: number[][] = []
  const version: number[] = []
  const bucketOf: number[] = [] // level list the agent is in, −1 if none
  const positionInBucket: number[] = []
  const buckets: number[][] = Array.from({ length: maxConcurrency }, () => [])
  const queue: number[] = []
  let queueHead = 0
  const events = new EventQueue()
  const out = [0, 0, 0, 0]
  let now = -warmupSeconds
  let unresolved = 0
  let arrivalsDone = false

  const totals: RunTotals = {
    offered: 0, answeredWithin: 0, abandoned: 0, waited: 0, waitSum: 0, handleSum: 0, handled: 0, answeredWaits: [],
    offeredByInterval: new Array(intervalCount).fill(0), withinByInterval: new Array(intervalCount).fill(0),
  }
  const isCounted = (customer: number) => arrivalTime[customer] >= 0 && arrivalTime[customer] < dayEnd

  function removeFromBucket(agent: number): void {
    const level = bucketOf[agent]
    if (level < 0) return
    const list = buckets[level]
    const pos = positionInBucket[agent]
    const last = list.pop()!
    if (last !== agent) { list[pos] = last; positionInBucket[last] = pos }
    bucketOf[agent] = -1
  }
  function placeInBucket(agent: number): void {
    removeFromBucket(agent)
    if (!active[agent] || load[agent] >= maxConcurrency) return
    const list = buckets[load[agent]]
    positionInBucket[agent] = list.length
    list.push(agent)
    bucketOf[agent] = load[agent]
  }
  function leastLoadedAgent(): number {
    for (let level = 0; level < maxConcurrency; level++) if (buckets[level].length) return buckets[level][0]
    return -1
  }
  function scheduleCompletion(agent: number): void {
    version[agent]++
    const m = load[agent]
    if (m === 0) return
    let rate = 0
    for (const c of chats[agent]) rate += 1 / customerAht[c]
    rate /= 1 + slowdownAlpha * (m - 1)
    events.push(now + random.exponential(1 / rate), COMPLETION, agent, version[agent])
  }
  function startService(agent: number, customer: number): void {
    const wait = now - arrivalTime[customer]
    state[customer] = 1
    if (isCounted(customer)) {
      totals.answeredWaits.push(wait)
      totals.waitSum += wait
      if (wait > 0) totals.waited++
      if (wait <= answerWithinSeconds) { totals.answeredWithin++; totals.withinByInterval[intervalAt(arrivalTime[customer])]++ }
    }
    unresolved--
    chats[agent].push(customer)
    load[agent]++
    placeInBucket(agent)
    scheduleCompletion(agent)
    startOf[customer] = now
  }
  function nextWaitingCustomer(): number {
    while (queueHead < queue.length) {
      const c = queue[queueHead++]
      if (state[c] === 0) return c
    }
    return -1
  }
  function drainQueue(): void {
    for (;;) {
      const agent = leastLoadedAgent()
      if (agent < 0) return
      const customer = nextWaitingCustomer()
      if (customer < 0) return
      startService(agent, customer)
    }
  }
  function setStaffing(target: number): void {
    let activeCount = 0
    for (let a = 0; a < active.length; a++) if (active[a]) activeCount++
    for (let a = 0; a < active.length && activeCount < target; a++) {
      if (!active[a]) { active[a] = true; activeCount++; placeInBucket(a) }
    }
    while (activeCount < target) {
      const a = active.length
      load.push(0); active.push(true); chats.push([]); version.push(0); bucketOf.push(-1); positionInBucket.push(0)
      placeInBucket(a)
      activeCount++
    }
    while (activeCount > target) {
      let lightest = -1
      for (let a = 0; a < active.length; a++) if (active[a] && (lightest < 0 || load[a] < load[lightest])) lightest = a
      active[lightest] = false
      removeFromBucket(lightest)
      activeCount--
    }
    drainQueue()
  }
  function scheduleNextArrival(from: number): void {
    let t = from
    for (;;) {
      const interval = intervalAt(t)
      if (interval >= intervalCount) { arrivalsDone = true; return }
      const boundary = t < 0 ? 0 : (interval + 1) * intervalSeconds
      const rate = arrivalsPerInterval[interval] / intervalSeconds
      if (rate > 0) {
        const candidate = t + random.exponential(1 / rate)
        if (candidate < boundary) { events.push(candidate, ARRIVAL, 0, 0); return }
      }
      t = boundary
    }
  }

  setStaffing(agentsPerInterval[0])
  for (let i = 1; i < intervalCount; i++) events.push(i * intervalSeconds, BOUNDARY, i, 0)
  scheduleNextArrival(now)

  while (events.size > 0) {
    if (arrivalsDone && unresolved === 0 && now >= dayEnd) break
    events.pop(out)
    now = out[0]
    const kind = out[1]
    const subject = out[2]
    if (kind === ARRIVAL) {
      const customer = arrivalTime.length
      arrivalTime.push(now)
      customerAht.push(ahtOf(intervalAt(now)))
      state.push(0)
      startOf.push(0)
      unresolved++
      if (isCounted(customer)) { totals.offered++; totals.offeredByInterval[intervalAt(now)]++ }
      const agent = leastLoadedAgent()
      if (agent >= 0) startService(agent, customer)
      else {
        queue.push(customer)
        if (meanPatienceSeconds !== null) events.push(now + random.exponential(meanPatienceSeconds), ABANDON, customer, 0)
      }
      scheduleNextArrival(now)
    } else if (kind === COMPLETION) {
      if (out[3] !== version[subject]) continue
      const agent = subject
      const list = chats[agent]
      let pick = 0
      if (list.length > 1) {
        let rateSum = 0
        for (const c of list) rateSum += 1 / customerAht[c]
        let u = random.next() * rateSum
        for (pick = 0; pick < list.length - 1; pick++) { u -= 1 / customerAht[list[pick]]; if (u < 0) break }
      }
      const customer = list[pick]
      list[pick] = list[list.length - 1]
      list.pop()
      load[agent]--
      state[customer] = 2
      if (isCounted(customer)) { totals.handleSum += now - startOf[customer]; totals.handled++ }
      if (active[agent]) {
        const next = queueHead < queue.length ? nextWaitingCustomer() : -1
        if (next >= 0) { startService(agent, next); continue }
      }
      placeInBucket(agent)
      scheduleCompletion(agent)
    } else if (kind === ABANDON) {
      if (state[subject] !== 0) continue
      state[subject] = 2
      unresolved--
      if (isCounted(subject)) { totals.abandoned++; totals.waited++; totals.waitSum += now - arrivalTime[subject] }
    } else {
      setStaffing(agentsPerInterval[subject])
    }
  }
  return totals
}
