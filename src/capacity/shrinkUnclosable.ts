/**
 * For weeks the fewest-hires recommendation cannot close: the hires that would shrink their shortfall as far as the
 * hiring rules allow, on top of the recommended classes. Greedy, week by week in order: add hires to the allowed
 * class whose hires give the most in that week (a class of the recommendation or a new one, size and spacing kept)
 * until the week is closed or no class has room. Not claimed to be the fewest: shown beside the recommendation so
 * a manager sees what getting closer would take.
 */
import { hireContributionKernel, projectCapacity, type CapacityWeek, type RequirementWeek } from './projectCapacity.ts'
import type { HiringRecommendation } from './recommendHires.ts'
import type { StaffModel, WeekCount } from './staffModel.ts'

export interface ShrinkResult {
  /** Hires added to the recommendation (by class week). */
  extra: WeekCount[]
  /** The projection with planned, recommended and extra hires. */
  weeks: CapacityWeek[]
  /** Σ shortfall FTE-weeks from the first week on: with the recommendation, and with the extra hires too. */
  shortfallBefore: number
  shortfallAfter: number
}

export function shrinkUnclosable(weeks: readonly RequirementWeek[], model: StaffModel, recommendation: HiringRecommendation, fromWeek = weeks[0].weekStart): ShrinkResult {
  const n = weeks.length
  const fromIndex = Math.max(0, weeks.findIndex((w) => w.weekStart === fromWeek))
  const kernel = hireContributionKernel(model, n)
  const index = new Map(weeks.map((w, i) => [w.weekStart, i]))
  const classes = new Map<number, number>()
  for (const w of recommendation.weeks.keys()) if (recommendation.weeks[w].hiresStarting > 0) classes.set(w, recommendation.weeks[w].hiresStarting)
  const spacing = Math.max(1, model.minWeeksBetweenClasses)
  const gap = recommendation.weeks.map((w) => w.gapFte)
  const extra = new Map<number, number>()
  const room = (s: number) => {
    if (s < model.hiringLeadWeeks) return 0
    const size = classes.get(s) ?? 0
    if (!classes.has(s) && [...classes.keys()].some((c) => Math.abs(c - s) < spacing)) return 0
    return Math.max(0, model.classSizeMax - size)
  }
  const shortfall = (g: number[]) => g.slice(fromIndex).reduce((s, v) => s + Math.max(0, -v), 0)
  for (const u of recommendation.unclosable) {
    const t = index.get(u.weekStart)!
    while (gap[t] < -1e-6) {
      let best = -1
      for (let s = 0; s <= t; s++) if (kernel[t - s] > 0 && room(s) > 0 && (best < 0 || kernel[t - s] >= kernel[t - best])) best = s
      if (best < 0) break
      classes.set(best, (classes.get(best) ?? 0) + 1)
      extra.set(best, (extra.get(best) ?? 0) + 1)
      for (let k = best; k < n; k++) gap[k] += kernel[k - best]
    }
  }
  const added = [...extra.entries()].sort((a, b) => a[0] - b[0]).map(([s, count]) => ({ weekStart: weeks[s].weekStart, count }))
  const recommended = recommendation.classes
  const projected = projectCapacity(weeks, model, [...recommended, ...added])
  return { extra: added, weeks: projected, shortfallBefore: shortfall(recommendation.weeks.map((w) => w.gapFte)), shortfallAfter: shortfall(projected.map((w) => w.gapFte)) }
}
