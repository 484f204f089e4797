/**
 * Staffing benchmark: time to find the agents required for 10,000 intervals with offered loads spread evenly
 * between 1 and 2,000 erlangs (80% answered within 20 s, AHT 300 s), for Erlang C and for Erlang A
 * (mean patience 180 s). Targets: Erlang C ≤ 10 ms, Erlang A ≤ 1 s. Each figure is the median of several
 * timed runs after warm-up runs.
 * Run: node --expose-gc --import tsx src/bench/staffing.bench.ts   (or: npm run bench -- staffing)
 */
import { agentsForErlangC, erlangCAgentsRequired } from '../staffing/erlangC.ts'
import { agentsForErlangA } from '../staffing/erlangA.ts'

const INTERVALS = 10_000
const AHT_SECONDS = 300
const targets = { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }
const loads = Array.from({ length: INTERVALS }, (_, i) => 1 + (1999 * i) / (INTERVALS - 1))

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs `task` warmups + runs times; returns the median wall time of the timed runs in ms and the task's checksum. */
function timeMedian(task: () => number, warmups: number, runs: number): { ms: number; checksum: number } {
  let checksum = 0
  for (let i = 0; i < warmups; i++) checksum = task()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    ;(globalThis as { gc?: () => void }).gc?.()
    const start = performance.now()
    checksum = task()
    times.push(performance.now() - start)
  }
  return { ms: median(times), checksum }
}

const erlangCSearch = timeMedian(() => {
  let total = 0
  for (const load of loads) total += erlangCAgentsRequired(load, AHT_SECONDS, 0.8, 20, NaN, NaN, 100_000)
  return total
}, 5, 15)
const erlangCFull = timeMedian(() => {
  let total = 0
  for (const load of loads) total += agentsForErlangC(load, AHT_SECONDS, targets).agents
  return total
}, 3, 9)
const erlangA = timeMedian(() => {
  let total = 0
  for (const load of loads) total += agentsForErlangA({ offeredLoadErlangs: load, ahtSeconds: AHT_SECONDS, meanPatienceSeconds: 180 }, targets).agents
  return total
}, 1, 5)

if (erlangCSearch.checksum !== erlangCFull.checksum) throw new Error(`Erlang C search and public API disagree: ${erlangCSearch.checksum} vs ${erlangCFull.checksum}`)
const mean = (checksum: number) => (checksum / INTERVALS).toFixed(1)
console.log(`staffing: erlang C, ${INTERVALS} intervals: ${erlangCSearch.ms.toFixed(1)} ms (target <= 10 ms)  [search; mean agents ${mean(erlangCSearch.checksum)}]`)
console.log(`staffing: erlang C with measures and binding constraints (agentsForErlangC), ${INTERVALS} intervals: ${erlangCFull.ms.toFixed(1)} ms`)
console.log(`staffing: erlang A (patience 180 s), ${INTERVALS} intervals: ${erlangA.ms.toFixed(0)} ms (target <= 1000 ms)  [agentsForErlangA incl. all measures; mean agents ${mean(erlangA.checksum)}]`)
