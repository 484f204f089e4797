/**
 * Implicit break placement (Bechtold & Jacobs 1990, "Implicit modeling of flexible break assignments in optimal
 * shift scheduling", Management Science 36(11); Aykin 2000, "A comparative evaluation of modeling approaches to
 * the labor shift scheduling problem", EJOR 125). Instead of one variable per (shift start, break placement),
 * one variable per (break kind, break time): b_tau = breaks of that kind starting at tau, over all shift starts.
 *
 * The shift starts of a template are grouped into chains whose break windows overlap one after another. Each
 * start's window is a contiguous run of the chain's break times, and windows move forward with the start time,
 * so by Hall's theorem for such (convex, monotone) bipartite graphs the breaks can be handed to the shifts iff
 *   sum_j x_j = sum_tau b_tau                                   (as many breaks as shifts)
 *   sum_{j <= i} x_j <= sum_{tau <= end of window i} b_tau      (forward: early shifts find early enough breaks)
 *   sum_{j >= i} x_j <= sum_{tau >= start of window i} b_tau    (backward: late shifts find late enough breaks)
 * (any block of consecutive shifts then has enough breaks in the union of its windows: add its forward and
 * backward rows and subtract the equality). matchBreaks recovers one break per shift greedily: shifts in start
 * order take the earliest break time left in their window, which succeeds whenever the rows hold.
 * A chain of a single start is exactly the explicit model (Aykin 1996): sum_p y_jp = x_j.
 */
import { breakOffsetsMinutes, type ValidShiftTemplate } from './shiftTemplates.ts'
import { spanCoverage, type IntervalGrid, type ShiftStartCandidate, type SparseVector } from './shiftCoverage.ts'

export interface BreakChain {
  templateIndex: number
  breakIndex: number
  /** Candidate start indices, in start order. */
  starts: number[]
  /** Distinct break start times (local minutes), ascending. */
  times: number[]
  /** For each start (same order), the first and last index into `times` of its window. */
  windows: [number, number][]
  /** Cover each break time takes away (same order as times). */
  reductions: SparseVector[]
}

/**
 * Chains of shift starts per template and break kind. 'implicit' joins starts whose windows overlap (when the
 * windows are contiguous runs of the joint break times); 'explicit' keeps each start on its own.
 */
export function buildBreakChains(
  candidates: readonly ShiftStartCandidate[],
  templates: readonly ValidShiftTemplate[],
  grid: IntervalGrid,
  breakModel: 'implicit' | 'explicit',
): BreakChain[] {
  const chains: BreakChain[] = []
  templates.forEach((template, templateIndex) => {
    const starts = candidates.map((c, j) => ({ c, j })).filter(({ c }) => c.templateIndex === templateIndex).sort((a, b) => a.c.startMinute - b.c.startMinute || a.j - b.j)
    template.breaks.forEach((rule, breakIndex) => {
      const offsets = breakOffsetsMinutes(rule, grid.intervalMinutes)
      const groups: { j: number; startMinute: number }[][] = []
      for (const { c, j } of starts) {
        const current = groups[groups.length - 1]
        const last = current?.[current.length - 1]
        const overlaps = breakModel === 'implicit' && last !== undefined && c.startMinute + offsets[0] <= last.startMinute + offsets[offsets.length - 1]
        if (overlaps) current.push({ j, startMinute: c.startMinute })
        else groups.push([{ j, startMinute: c.startMinute }])
      }
      for (const group of groups) {
        const times = [...new Set(group.flatMap((s) => offsets.map((o) => s.startMinute + o)))].sort((a, b) => a - b)
        const indexOf = new Map(times.map((t, i) => [t, i]))
        const windows = group.map((s) => [indexOf.get(s.startMinute + offsets[0])!, indexOf.get(s.startMinute + offsets[offsets.length - 1])!] as [number, number])
        const contiguous = windows.every(([first, last]) => last - first + 1 === offsets.length)
        const parts = contiguous ? [group] : group.map((s) => [s]) // not convex (start and break steps differ): explicit
        for (const part of parts) {
          const partTimes = contiguous ? times : offsets.map((o) => part[0].startMinute + o)
          const partIndex = new Map(partTimes.map((t, i) => [t, i]))
          chains.push({
            templateIndex,
            breakIndex,
            starts: part.map((s) => s.j),
            times: partTimes,
            windows: part.map((s) => [partIndex.get(s.startMinute + offsets[0])!, partIndex.get(s.startMinute + offsets[offsets.length - 1])!]),
            reductions: partTimes.map((t) => spanCoverage(grid, t, t + rule.lengthMinutes)),
          })
        }
      }
    })
  })
  return chains
}

/**
 * Hands the chain's breaks to its shifts: shifts in start order each take the earliest break time left in
 * their window. Returns, per start of the chain, the break start times given to its shifts (one per shift).
 * Should the counts not allow a full matching (only by numerical noise), a shift without a break time left in
 * its window gets the first time of its window, so every shift still has its break.
 */
export function matchBreaks(chain: BreakChain, shiftCounts: readonly number[], timeCounts: readonly number[]): number[][] {
  const left = timeCounts.map((n) => Math.max(0, Math.round(n)))
  return chain.starts.map((_, i) => {
    const [first, last] = chain.windows[i]
    const given: number[] = []
    for (let unit = 0; unit < Math.round(shiftCounts[i]); unit++) {
      let p = first
      while (p <= last && left[p] === 0) p++
      if (p <= last) { left[p]--; given.push(chain.times[p]) } else given.push(chain.times[first])
    }
    return given
  })
}
