/**
 * The inverse of the cohort arithmetic: the fewest hires, in classes, that keep productive FTE ≥ required FTE in
 * every week from a chosen week on, where that is possible.
 *
 * A hire starting in week s adds K(t − s) productive FTE in week t, K being hireContributionKernel (zero in
 * training, the ramp, then 1, all times the chance of still being there). With x_s hires in week s and y_s = 1 when
 * a class starts in week s, the model is the integer programme
 *   minimise   Σ x_s
 *   subject to Σ_s K(t − s)·x_s ≥ shortfall(t)      for every week t ≥ from that can be closed
 *              x_s ≤ (classSizeMax − planned_s)·y_s  (a class joins a planned class of the same week up to the size)
 *              Σ_{s ≤ s' < s + minWeeksBetweenClasses} y_{s'} ≤ 1, and no class closer than that to a planned one
 *              s ≥ first week + hiringLeadWeeks
 * solved exactly (relative gap 0) with HiGHS. A week cannot be closed when even the largest classes allowed before
 * it (spaced as required) give less than its shortfall: those weeks are reported and left out of the constraints,
 * never hidden. Because the optimum is the fewest hires, removing any one recommended hire reopens a gap.
 * Speed: deterministic starts (a greedy plan; full grids of classes drained of unneeded hires), lowered by
 * fewerHires, often already have ⌈LP bound⌉ hires; the best is then proven the fewest by the LP relaxation alone
 * (milliseconds). Otherwise the exact search over class weeks (fewestHiresSearch.ts, bounded by the LP's row duals)
 * and the MIP (asked only for fewer hires than the best plan) share the time budget (1 s by default): the search
 * first when classes must be spaced, the MIP first when they may start any week. When neither finishes, the best
 * plan stands, not proven, with `lowerBound` from the LP or the MIP; a last pass keeps it minimal by removal. Among
 * plans with the fewest hires, tieBreakAmongFewest prefers fewer classes, then later ones, by a deterministic local
 * search: no solver time limit decides the classes, so a warm and a cold process give the same answer.
 */
import { runHighs, type HighsRunResult } from '../scheduling/highsRunner.ts'
import { searchFewestHires } from './fewestHiresSearch.ts'
import { solveHiresLp } from './hiresLpDuals.ts'
import { drainedGrid, dropUnneededHires, fewerHires, tieBreakAmongFewest, type ClassSearchInput } from './classPlanSearch.ts'
import { projectCapacity, hireContributionKernel, type CapacityWeek, type RequirementWeek } from './projectCapacity.ts'
import type { StaffModel, WeekCount } from './staffModel.ts'

export interface UnclosableWeek {
  weekStart: string
  /** Shortfall left in the week with the recommended classes (FTE, > 0). */
  shortfallFte: number
  reason: string
}

export interface HiringRecommendation {
  classes: WeekCount[]
  totalHires: number
  unclosable: UnclosableWeek[]
  /** The projection with the planned and recommended hires. */
  weeks: CapacityWeek[]
  /** True when the solver proved the count is the fewest. */
  proven: boolean
  /** How the count was proven: the plan reached ⌈LP bound⌉ ('lp bound'), the exact search finished ('search'), or the MIP ('mip'); null: nothing to hire or not proven. */
  provenBy: 'lp bound' | 'search' | 'mip' | null
  /**
   * No plan closing the same weeks has fewer hires than this: totalHires when proven, else the best bound the LP
   * relaxation or the MIP reached before its time limit (so a manager sees how far from the fewest the plan can be).
   */
  lowerBound: number
  /** Time in HiGHS (the LP relaxation and any MIP), seconds; the exact search is plain arithmetic and not counted. */
  solverSeconds: number
}

export interface RecommendOptions {
  /** First week that must have gap ≥ 0 (YYYY-MM-DD). @default the first week */
  fromWeek?: string
  /**
   * The whole search's time budget (seconds, bounded by SOLVER_TIME_LIMIT_SECONDS where people type it). When the
   * count is not proven the fewest within it, the best plan found is answered (feasible, minimal by removal), with
   * lowerBound saying how few hires any plan could have. @default 1
   */
  timeLimitSeconds?: number
}


/** The default time budget of the search, seconds (issue 16: the inverse for 78 weeks in <= 1 s). */
export const DEFAULT_RECOMMEND_SECONDS = 1

/** The share of the budget the solvers may use; the rest is kept for the passes after them (see recommendHires). */
export const WORK_SHARE = 0.8

/** A solver call with less of the budget left than this is not made (HiGHS needs tens of ms to read the model). */
const MIN_SOLVER_SECONDS = 0.03

/** Tolerance on a gap: a gap above −GAP_TOLERANCE_FTE counts as closed (the solver's own is 1e-7). */
export const GAP_TOLERANCE_FTE = 1e-6

const fmt = (v: number) => (Math.round(v * 1e12) / 1e12).toString()

/**
 * @throws RangeError when fromWeek is not a week of the plan (and on the projection's own errors)
 */
export async function recommendHires(weeks: readonly RequirementWeek[], model: StaffModel, options: RecommendOptions = {}): Promise<HiringRecommendation> {
  const { timeLimitSeconds = DEFAULT_RECOMMEND_SECONDS } = options
  const startedMs = performance.now()
  /**
   * The solvers' share of the budget: the whole call (starting plans, LP, search, MIP, tie-break, the last removal
   * pass and the projection) must end within timeLimitSeconds, so the search and the MIP stop at WORK_SHARE of it and
   * leave the rest for what follows them (a few ms on 78 weeks; HiGHS may overrun its own limit a little).
   */
  const workSeconds = timeLimitSeconds * WORK_SHARE
  /** What is left of the solvers' share for the next solver call (HiGHS needs a limit > 0). */
  const secondsLeft = () => Math.max(0.005, workSeconds - (performance.now() - startedMs) / 1000)
  const base = projectCapacity(weeks, model)
  const n = weeks.length
  const fromIndex = options.fromWeek === undefined ? 0 : weeks.findIndex((w) => w.weekStart === options.fromWeek)
  if (fromIndex < 0) throw new RangeError(`from: ${options.fromWeek} is not a week of the plan (weeks start ${weeks[0].weekStart}, every 7 days, to ${weeks[n - 1].weekStart})`)
  const shortfall = base.map((w, t) => (t >= fromIndex ? Math.max(0, -w.gapFte) : 0))
  const kernel = hireContributionKernel(model, n)
  const planned = new Array<number>(n).fill(0)
  for (const w of base.keys()) planned[w] = base[w].hiresStarting
  const spacing = Math.max(1, model.minWeeksBetweenClasses)
  const capacity = new Array<number>(n).fill(0)
  for (let s = model.hiringLeadWeeks; s < n; s++) {
    const nearPlanned = planned.some((p, i) => p > 0 && i !== s && Math.abs(i - s) < spacing)
    capacity[s] = nearPlanned ? 0 : Math.max(0, model.classSizeMax - planned[s])
  }
  const candidates = capacity.flatMap((c, s) => (c > 0 ? [s] : []))

  // Weeks no schedule of classes can close: the most the allowed classes before t can give, spaced as required
  // (weighted interval scheduling by dynamic programming over the weeks).
  const mostAt = (t: number): number => {
    const best = new Array<number>(t + 2).fill(0)
    for (let s = 0; s <= t; s++) {
      const take = capacity[s] > 0 ? capacity[s] * kernel[t - s] + (s - spacing >= 0 ? best[s - spacing + 1] : 0) : 0
      best[s + 1] = Math.max(best[s], take)
    }
    return best[t + 1]
  }
  const impossible = new Map<number, string>()
  for (let t = fromIndex; t < n; t++) {
    if (shortfall[t] <= GAP_TOLERANCE_FTE) continue
    const most = mostAt(t)
    if (most < shortfall[t] - GAP_TOLERANCE_FTE) {
      const firstProductive = model.hiringLeadWeeks + model.trainingWeeks
      impossible.set(t, t < firstProductive
        ? `a hire cannot be productive before week ${firstProductive + 1} of the plan (${model.hiringLeadWeeks} weeks' lead time + ${model.trainingWeeks} weeks' training)`
        : `the largest classes allowed before it would give ${Math.round(most * 100) / 100} FTE of the ${Math.round(shortfall[t] * 100) / 100} missing`)
    }
  }

  let solution = new Map<number, number>()
  let greedyUnsure = false, lpCeil = -1
  let proven = true, solverSeconds = 0, provenBy: HiringRecommendation['provenBy'] = null, lowerBound = 0
  const toClose = () => [...shortfall.keys()].filter((t) => t >= fromIndex && shortfall[t] > GAP_TOLERANCE_FTE && !impossible.has(t))
  // A quick feasible start for the solver: at the first week still short, add hires to the allowed class whose
  // hires give the most in that week (latest on ties), then drop any hire not needed.
  const greedy = (skipped?: number[]): Map<number, number> | null => {
    const rows = toClose()
    const chosen = new Map<number, number>()
    const added = new Array<number>(n).fill(0)
    const addHires = (s: number, count: number) => {
      chosen.set(s, (chosen.get(s) ?? 0) + count)
      for (let t = s; t < n; t++) added[t] += count * kernel[t - s]
    }
    const allowed = (s: number) => chosen.has(s) ? (chosen.get(s)! < capacity[s]) : capacity[s] > 0 && [...chosen.keys()].every((c) => Math.abs(c - s) >= spacing)
    for (const t of rows) {
      while (added[t] < shortfall[t] + 1e-7) {
        let best = -1
        for (let s = 0; s <= t; s++) if (kernel[t - s] > 0 && allowed(s) && (best < 0 || kernel[t - s] >= kernel[t - best])) best = s
        if (best < 0 && skipped) { skipped.push(t); break }
        if (best < 0) return null
        const room = capacity[best] - (chosen.get(best) ?? 0)
        addHires(best, Math.max(1, Math.min(room, Math.ceil((shortfall[t] + 1e-7 - added[t]) / kernel[t - best] - 1e-9))))
      }
    }
    const closes = () => rows.every((t) => added[t] >= shortfall[t] + 1e-7 || skipped?.includes(t))
    for (const s of [...chosen.keys()].sort((a, b) => a - b)) {
      while (chosen.get(s)! > 0) {
        addHires(s, -1)
        if (closes()) continue
        addHires(s, 1)
        break
      }
      if (chosen.get(s) === 0) chosen.delete(s)
    }
    return chosen
  }
  /**
   * Chvátal–Gomory cuts of the week rows: every K(t − s) ≤ k_t = the largest K(t − s) over the allowed weeks, so
   * Σ_{s reaching t} x_s ≥ Σ K(t − s)·x_s / k_t ≥ shortfall_t / k_t, and the hires being whole,
   * Σ_{s reaching t} x_s ≥ ⌈shortfall_t / k_t⌉ (rounded with a 1e-6 margin so that no plan the rows accept is cut).
   */
  const chvatalGomoryCuts = (rows: readonly number[]): string[] => rows.flatMap((t) => {
    const reaching = candidates.filter((s) => s <= t && kernel[t - s] > 0)
    const most = Math.max(0, ...reaching.map((s) => kernel[t - s]))
    const whole = Math.ceil(shortfall[t] / most - 1e-6)
    return most > 0 && whole >= 1 ? [` k${t}: ${reaching.map((s) => `x${s}`).join(' + ')} >= ${whole}`] : []
  })
  const solve = async (objective: string, extra: string[], withSlack: boolean, limitSeconds: number, gap: number, start?: Map<number, number> | null, relax = false) => {
    let lastDualBound = -Infinity
    // too little of the budget left for HiGHS to even read the model (it takes tens of ms): stopped, not run
    if (limitSeconds < MIN_SOLVER_SECONDS) {
      const result: HighsRunResult = { outcome: 'limit', solverStatus: 'timeLimit', hasSolution: false, columnNames: [], columnValues: [], objective: NaN, dualBound: -Infinity, gap: Infinity, runningSeconds: 0 }
      return { result, values: new Map<number, number>(), slackWeeks: [] as number[], dualBound: -Infinity }
    }
    const rows = toClose()
    const lines = ['Minimize', ' obj: ' + objective + (withSlack ? ' + ' + rows.map((t) => `10000 u${t}`).join(' + ') : ''), 'Subject To']
    for (const t of rows) {
      const terms = candidates.filter((s) => s <= t && kernel[t - s] > 0).map((s) => `${fmt(kernel[t - s])} x${s}`)
      if (withSlack) terms.push(`u${t}`)
      lines.push(` w${t}: ${terms.join(' + ')} >= ${fmt(shortfall[t] + 1e-7)}`)
    }
    // With spacing ≤ 1 a class may start in any allowed week: y is not needed (x ≤ capacity is its bound), and the
    // programme is a pure integer cover
    const pureCover = spacing <= 1
    if (pureCover && !withSlack) lines.push(...chvatalGomoryCuts(rows))
    if (!pureCover) for (const s of candidates) lines.push(` c${s}: x${s} - ${capacity[s]} y${s} <= 0`)
    if (spacing > 1) {
      for (const s of candidates) {
        const window = candidates.filter((q) => q >= s && q < s + spacing)
        if (window.length > 1) lines.push(` g${s}: ${window.map((q) => `y${q}`).join(' + ')} <= 1`)
      }
    }
    lines.push(...extra)
    lines.push('Bounds', ...candidates.map((s) => ` 0 <= x${s} <= ${capacity[s]}`))
    lines.push('Generals', ' ' + candidates.map((s) => `x${s}`).join(' '))
    if (!pureCover) lines.push('Binaries', ' ' + candidates.map((s) => `y${s}`).join(' '))
    lines.push('End')
    const result = await runHighs(lines.join('\n'), {
      timeLimitSeconds: limitSeconds,
      mipRelativeGap: gap,
      relaxIntegrality: relax,
      onSolverProgress: relax ? undefined : (p) => { if (p.dualBound !== undefined) lastDualBound = Math.max(lastDualBound, p.dualBound) },
      deadlineMs: startedMs + workSeconds * 1000,
      startValues: start ? new Map([...start].flatMap(([s, count]) => [[`x${s}`, count], [`y${s}`, count > 0 ? 1 : 0]])) : undefined,
    })
    solverSeconds += result.runningSeconds
    const values = new Map<number, number>(), slackWeeks: number[] = []
    result.columnNames.forEach((name, i) => {
      if (name.startsWith('x')) values.set(Number(name.slice(1)), Math.round(result.columnValues[i]))
      if (name.startsWith('u') && result.columnValues[i] > GAP_TOLERANCE_FTE) slackWeeks.push(Number(name.slice(1)))
    })
    const dualBound = Number.isFinite(result.dualBound) ? Math.max(result.dualBound, lastDualBound) : lastDualBound
    return { result, values, slackWeeks, dualBound }
  }
  const hiresObjective = () => candidates.map((s) => `x${s}`).join(' + ')
  if (toClose().length && candidates.length) {
    // 1. The fewest hires. Starting plans lowered by local search; when the best already has ⌈LP bound⌉ hires it is
    //    the fewest (the LP relaxation bounds every plan), else the MIP decides.
    const searchInput = (need: readonly number[]): ClassSearchInput => ({ n, kernel, capacity, spacing, rows: toClose(), need })
    // computed once per set of weeks to close (the slack programme may report more weeks as impossible)
    let gridCache: { weeksToClose: number; plans: Map<number, number>[] } | null = null
    const gridStarts = () => {
      const weeksToClose = toClose().length
      if (gridCache?.weeksToClose !== weeksToClose) gridCache = { weeksToClose, plans: computeGridStarts() }
      return gridCache.plans
    }
    const computeGridStarts = () => {
      const need = searchInput(shortfall.map((v) => v + 1e-7)), out: Map<number, number>[] = []
      for (let offset = 0; offset < spacing; offset++) {
        for (const order of ['latest', 'earliest'] as const) {
          const plan = drainedGrid(need, model.hiringLeadWeeks + offset, order)
          if (plan) out.push(plan)
        }
      }
      return out
    }
    let greedyStart = greedy()
    if (!greedyStart && !gridStarts().length) {
      // Each week alone can be closed but not all together (spacing): the slack programme finds the weeks to leave
      // short (reported)
      // (three quarters of what is left at most: the rest is for the fewest hires of the weeks it keeps)
      const slack = await solve(hiresObjective(), [], true, secondsLeft() * 0.75, 0)
      if (slack.result.outcome === 'optimal') {
        for (const t of slack.slackWeeks) impossible.set(t, 'closing it together with the other weeks would need classes closer together than the spacing allows')
        greedyStart = greedy() ?? new Map([...slack.values].filter(([, c]) => c > 0))
      }
    }
    if (!greedyStart && !gridStarts().length) {
      // Each week alone can be closed but the greedy plan cannot close them all (spacing): the weeks it leaves short
      // are reported (not proven impossible: a search with more time might close some), and the fewest hires are
      // sought for the others.
      const skipped: number[] = []
      greedy(skipped)
      for (const t of skipped) impossible.set(t, 'closing it together with the weeks before it would need classes closer together than the spacing allows (the plan found; not proven within the time limit)')
      greedyUnsure = skipped.length > 0
      greedyStart = greedy()
    }
    const startNeed = searchInput(shortfall.map((v) => v + 1e-7))
    const count = (plan: Map<number, number> | null) => (plan ? [...plan.values()].reduce((s, v) => s + v, 0) : Infinity)
    // several deterministic starts (the greedy one, and a full grid of classes drained either way, at each offset
    // the spacing allows): the fewest hires wins, the first on ties
    let start = greedyStart ? fewerHires(greedyStart, startNeed) : null
    for (const other of gridStarts()) if (count(other) < count(start)) start = other
    const startCount = count(start)
    // the LP relaxation (src/capacity/hiresLpDuals.ts): its optimum bounds every plan, its row duals drive the search
    const lpStartedMs = performance.now()
    const lp = start ? await solveHiresLp(searchInput(shortfall), secondsLeft(), startedMs + workSeconds * 1000) : null
    solverSeconds += (performance.now() - lpStartedMs) / 1000
    const bound = lp ? {
      result: { outcome: 'optimal' as const, solverStatus: 'optimal', hasSolution: true, columnNames: [], columnValues: [], objective: lp.objective, dualBound: lp.objective, gap: 0, runningSeconds: 0 },
      values: new Map<number, number>(), slackWeeks: [] as number[], dualBound: lp.objective,
    } : null
    const boundReached = bound !== null && Math.ceil(bound.result.objective - 1e-6) >= startCount
    if (bound) lowerBound = lpCeil = Math.ceil(bound.result.objective - 1e-6)
    // Otherwise the MIP, asked only for plans with fewer hires than the start (no start passed: in trials HiGHS
    // proved the count faster without it). No such plan: the start is the fewest. A limit without a plan: the
    // start stands, not proven.
    const asProven = (r: Awaited<ReturnType<typeof solve>>, values: Map<number, number>, outcome: 'optimal' | 'limit') => ({ ...r, result: { ...r.result, outcome, hasSolution: true }, values })
    let provenBySearch = false
    let first = boundReached ? asProven(bound, start!, 'optimal') : await (async () => {
      if (!start) return solve(hiresObjective(), [], false, secondsLeft(), 0)
      // The exact search over class weeks (src/capacity/fewestHiresSearch.ts), bounded by the LP's row duals: it
      // proves the count or finds fewer; when the budget ends first, its best plan stands, not proven.
      // With spacing ≥ 2 the search goes first (the MIP's bound stalls on class positions); with no spacing the MIP
      // (a plain integer cover, where HiGHS's cuts do well) goes first. The search gets 85% of what is left, the MIP
      // 80% (with spacing ≤ 1 the search rarely proves what the MIP could not); the second the rest, each from the best plan so far.
      if (bound && lp) {
        let best = start, bestCount = startCount, provenHow: 'search' | 'mip' | null = null
        const deadlineMs = startedMs + workSeconds * 1000
        const bySearch = (untilMs: number) => {
          // exact shortfalls here (the starts keep a 1e-7 margin): a week closed to within the solver's tolerance is closed
          const found = searchFewestHires({ ...searchInput(shortfall), lambda: lp.lambda }, best, untilMs)
          lowerBound = Math.max(lowerBound, found.lowerBound)
          if (found.total < bestCount) { best = found.plan; bestCount = found.total }
          if (found.proven) provenHow = 'search'
        }
        const byMip = async (seconds: number) => {
          const fewer = await solve(hiresObjective(), [` fewer: ${hiresObjective()} <= ${bestCount - 1}`], false, Math.max(0.01, seconds), 0)
          if (fewer.result.outcome === 'infeasible') { provenHow = 'mip'; return }
          if (fewer.result.hasSolution) {
            best = new Map([...fewer.values].filter(([, c]) => c > 0))
            bestCount = [...best.values()].reduce((sum, c) => sum + c, 0)
            if (fewer.result.outcome === 'optimal') { provenHow = 'mip'; return }
          }
          // the MIP's bound holds for plans with fewer hires than the best; the others have at least bestCount
          if (Number.isFinite(fewer.dualBound)) lowerBound = Math.max(lowerBound, Math.min(bestCount, Math.ceil(fewer.dualBound - 1e-6)))
        }
        if (spacing >= 2) {
          bySearch(performance.now() + (deadlineMs - performance.now()) * 0.85)
          if (!provenHow) await byMip(secondsLeft())
        } else {
          await byMip(secondsLeft() * 0.8)
          if (!provenHow) bySearch(deadlineMs)
        }
        // the MIP's bound may reach the best plan's count without the MIP itself finishing: that proves it too
        if (!provenHow && lowerBound >= bestCount) provenHow = 'mip'
        provenBySearch = (provenHow as 'search' | 'mip' | null) === 'search'
        return asProven(bound, best, provenHow ? 'optimal' : 'limit')
      }
      const fewer = await solve(hiresObjective(), [` fewer: ${hiresObjective()} <= ${startCount - 1}`], false, secondsLeft(), 0)
      if (fewer.result.outcome === 'infeasible') return asProven(fewer, start, 'optimal')
      // the MIP's bound holds for plans with fewer hires than the start; the others have at least startCount
      if (Number.isFinite(fewer.dualBound)) lowerBound = Math.max(lowerBound, Math.min(startCount, Math.ceil(fewer.dualBound - 1e-6)))
      return fewer.result.hasSolution ? fewer : asProven(fewer, start, 'limit')
    })()
    if (first.result.outcome === 'infeasible') {
      // Each week alone can be closed but not all together (spacing): the weeks the slack pass leaves short are
      // reported, and the fewest hires are sought for the others.
      const slack = await solve(hiresObjective(), [], true, secondsLeft(), 0)
      lowerBound = 0 // the weeks to close change: the bounds above were for more of them
      for (const t of slack.slackWeeks) impossible.set(t, 'closing it together with the other weeks would need classes closer together than the spacing allows')
      first = toClose().length ? await solve(hiresObjective(), [], false, secondsLeft(), 0) : { ...slack, values: new Map() }
    }
    // No plan within the budget (only when no starting plan closed the weeks): nothing is recommended and the weeks
    // left short are reported as not closed within the time limit, never hidden.
    const found = first.result.hasSolution || !toClose().length
    proven = found && first.result.outcome === 'optimal' && !greedyUnsure
    provenBy = proven ? (boundReached ? 'lp bound' : provenBySearch ? 'search' : 'mip') : null
    solution = found ? first.values : new Map()
    // 2. Among plans with that many hires: fewest classes, then the latest (local search; the count stays the
    //    fewest and every closed week stays closed).
    if (proven && solution.size) {
      const cover = new Array<number>(n).fill(0)
      for (const [s, c] of solution) for (let t = s; t < n; t++) cover[t] += c * kernel[t - s]
      solution = tieBreakAmongFewest(solution, searchInput(shortfall.map((v, t) => Math.min(v + 1e-7, cover[t]))))
    }
    // 3. Minimal by removal on every path (a proven plan already is; a plan stopped by the time limit may not be):
    //    drop any hire whose removal keeps every closed week closed.
    solution = dropUnneededHires(solution, searchInput(shortfall.map((v) => v + 1e-7)))
  }
  const classes = [...solution.entries()].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]).map(([s, count]) => ({ weekStart: weeks[s].weekStart, count }))
  const projected = projectCapacity(weeks, model, classes)
  const unclosable: UnclosableWeek[] = []
  const weekIndex = new Map(weeks.map((w, i) => [w.weekStart, i]))
  for (let t = fromIndex; t < n; t++) {
    if (projected[t].gapFte < -GAP_TOLERANCE_FTE) unclosable.push({ weekStart: weeks[t].weekStart, shortfallFte: -projected[t].gapFte, reason: impossible.get(t) ?? 'not closed by the solver within its time limit' })
  }
  const totalHires = classes.reduce((s, c) => s + c.count, 0)
  // The last pass may have taken a hire away from a plan the time limit stopped: when the count is now down to a
  // proven bound for the same weeks, it is the fewest.
  if (!proven && !greedyUnsure && totalHires > 0 && totalHires <= lowerBound && unclosable.every((u) => impossible.has(weekIndex.get(u.weekStart)!))) {
    proven = true
    provenBy = lowerBound === lpCeil ? 'lp bound' : 'mip'
  }
  return { classes, totalHires, unclosable, weeks: projected, proven, provenBy, lowerBound: proven ? totalHires : Math.min(lowerBound, totalHires), solverSeconds }
}
