/**
 * Chat concurrency measured from overlapping chats of the same agent. For each agent the chats held are swept in
 * time order (a chat is held from first response to end; one ending exactly when another starts does not overlap
 * it). From the number held at each moment:
 * - average held = Σ handle time ÷ busy time (the time-weighted mean number of chats held while holding at least
 *   one), so an agent with two fully overlapping 10-minute chats averages 2;
 * - peak held = the largest number held at any moment.
 * The team figures pool all agents: Σ handle ÷ Σ busy, and the largest peak.
 */
export interface HeldSpan { agent: string; startMs: number; endMs: number }

export interface AgentConcurrency { agent: string; chats: number; handleSeconds: number; busySeconds: number; averageHeld: number | null; peakHeld: number }

export interface ChatConcurrency { agents: AgentConcurrency[]; averageHeld: number | null; peakHeld: number; chats: number }

function sweepAgent(agent: string, starts: number[] | Float64Array, ends: number[] | Float64Array): AgentConcurrency {
  // Typed arrays sort numerically without a comparator (several times faster on a quarter of a million spans).
  if (starts instanceof Float64Array) starts.sort(); else starts.sort((a, b) => a - b)
  if (ends instanceof Float64Array) ends.sort(); else ends.sort((a, b) => a - b)
  return sweepSorted(agent, starts, ends)
}

/** sweepAgent on starts and ends that are each sorted already. */
function sweepSorted(agent: string, starts: ArrayLike<number>, ends: ArrayLike<number>): AgentConcurrency {
  const { busyMs, handleMs, peak } = sweepSortedMs(starts, ends)
  return { agent, chats: starts.length, handleSeconds: handleMs / 1000, busySeconds: busyMs / 1000, averageHeld: busyMs > 0 ? handleMs / busyMs : null, peakHeld: peak }
}

/** One agent's sweep in milliseconds (starts and ends each sorted, from index `from` to `until` of both). */
export interface SweepMs { busyMs: number; handleMs: number; peak: number }

/**
 * The sweep of sorted starts and ends (each sorted; they need not be paired), over indices [from, until). Spans
 * whose time hulls do not overlap sweep independently: busy and handle times add up and the peak is the larger,
 * which is what lets per-day sweeps be combined (src/kpis/dayAggregates.ts).
 */
export function sweepSortedMs(starts: ArrayLike<number>, ends: ArrayLike<number>, from = 0, until = starts.length): SweepMs {
  let level = 0, peak = 0, busyMs = 0, handleMs = 0, lastMs = 0, i = from, j = from
  const n = until
  while (i < n || j < n) {
    // At equal times ends go first: back-to-back chats are not concurrent.
    const takeEnd = j < n && (i >= n || ends[j] <= starts[i])
    const t = takeEnd ? ends[j] : starts[i]
    if (level > 0) { busyMs += t - lastMs; handleMs += (t - lastMs) * level }
    lastMs = t
    if (takeEnd) { level--; j++ } else { level++; i++; if (level > peak) peak = level }
  }
  return { busyMs, handleMs, peak }
}

/** An agent's figures from summed sweeps: `chats` counts every chat (zero-length ones too). */
export function agentConcurrencyOfSweep(agent: string, chats: number, { busyMs, handleMs, peak }: SweepMs): AgentConcurrency {
  return { agent, chats, handleSeconds: handleMs / 1000, busySeconds: busyMs / 1000, averageHeld: busyMs > 0 ? handleMs / busyMs : null, peakHeld: peak }
}

/** The team figures of agents' figures (sorted by name). */
export function concurrencyOfAgents(agents: AgentConcurrency[]): ChatConcurrency {
  return summarise(agents)
}

/**
 * @example chatConcurrency([{ agent: 'a', startMs: 0, endMs: 600_000 }, { agent: 'a', startMs: 300_000, endMs: 900_000 }]) // average 1.333…, peak 2
 * @throws TypeError/RangeError naming the span on bad input
 */
export function chatConcurrency(spans: readonly HeldSpan[]): ChatConcurrency {
  if (!Array.isArray(spans)) throw new TypeError('spans must be an array of { agent, startMs, endMs }')
  const byAgent = new Map<string, { starts: number[]; ends: number[]; zeroLength: number }>()
  spans.forEach((s, i) => {
    if (s === null || typeof s !== 'object' || typeof s.agent !== 'string' || s.agent === '') throw new TypeError(`spans[${i}].agent must be a non-empty string, got ${JSON.stringify(s?.agent)}`)
    if (!Number.isFinite(s.startMs) || !Number.isFinite(s.endMs)) throw new TypeError(`spans[${i}] needs finite startMs and endMs, got ${s.startMs} and ${s.endMs}`)
    if (s.endMs < s.startMs) throw new RangeError(`spans[${i}].endMs (${s.endMs}) is before startMs (${s.startMs})`)
    let entry = byAgent.get(s.agent)
    if (!entry) { entry = { starts: [], ends: [], zeroLength: 0 }; byAgent.set(s.agent, entry) }
    if (s.endMs === s.startMs) { entry.zeroLength++; return }
    entry.starts.push(s.startMs)
    entry.ends.push(s.endMs)
  })
  return summarise([...byAgent.entries()].map(([agent, e]) => { const r = sweepAgent(agent, e.starts, e.ends); return { ...r, chats: r.chats + e.zeroLength } }))
}

/**
 * The same measure from each agent's start and end times held as two arrays (the variant for prepared input; the
 * arrays are sorted in place, so pass copies you own). Zero-length chats count as chats but never as held.
 * @throws RangeError when an agent's arrays differ in length
 */
export function chatConcurrencyOfStarts(byAgent: ReadonlyMap<string, { starts: number[]; ends: number[] }>): ChatConcurrency {
  const agents: AgentConcurrency[] = []
  for (const [agent, { starts, ends }] of byAgent) {
    if (starts.length !== ends.length) throw new RangeError(`agent ${agent}: ${starts.length} starts but ${ends.length} ends`)
    let zeroLength = 0
    const s: number[] = [], e: number[] = []
    for (let i = 0; i < starts.length; i++) { if (ends[i] === starts[i]) zeroLength++; else { s.push(starts[i]); e.push(ends[i]) } }
    const r = sweepAgent(agent, s, e)
    agents.push({ ...r, chats: r.chats + zeroLength })
  }
  return summarise(agents)
}

/**
 * The same measure from each agent's start times and end times, each already sorted (they need not be paired),
 * without the zero-length chats, which are counted apart (`zeroLength`: chats, never held). The arrays are not changed.
 * @throws RangeError when an agent's arrays differ in length
 */
export function chatConcurrencyOfSortedSpans(byAgent: ReadonlyMap<string, { sortedStarts: Float64Array; sortedEnds: Float64Array; zeroLength: number }>): ChatConcurrency {
  const agents: AgentConcurrency[] = []
  for (const [agent, { sortedStarts, sortedEnds, zeroLength }] of byAgent) {
    if (sortedStarts.length !== sortedEnds.length) throw new RangeError(`agent ${agent}: ${sortedStarts.length} starts but ${sortedEnds.length} ends`)
    const r = sweepSorted(agent, sortedStarts, sortedEnds)
    agents.push({ ...r, chats: r.chats + zeroLength })
  }
  return summarise(agents)
}

function summarise(unsorted: AgentConcurrency[]): ChatConcurrency {
  const agents = unsorted.sort((a, b) => a.agent.localeCompare(b.agent))
  const handle = agents.reduce((s, a) => s + a.handleSeconds, 0)
  const busy = agents.reduce((s, a) => s + a.busySeconds, 0)
  return {
    agents,
    averageHeld: busy > 0 ? handle / busy : null,
    peakHeld: agents.reduce((m, a) => Math.max(m, a.peakHeld), 0),
    chats: agents.reduce((s, a) => s + a.chats, 0),
  }
}
