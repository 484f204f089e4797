/**
 * The cohort arithmetic of a capacity plan: week by week, how many people are employed, how many leave, and how
 * much productive FTE they give against the FTE required.
 *
 * Conventions (documented in the README, "Capacity arithmetic"):
 * - Weekly attrition w = 1 − (1 − m)^(12/52) from a monthly rate m (weeklyAttritionFromMonthly); with a tenure
 *   table, each cohort uses the rate of its tenure band in that week.
 * - Hires and transfers join at the START of their week and count in that week's headcount. Leavers leave at the
 *   END of a week: leavers(t) = Σ cohorts n_c(t) · w_c(t); they work the whole of week t. So
 *   headcount(t + 1) = headcount(t) − leavers(t) + hires(t + 1) + transfers(t + 1). Counts are expected values
 *   (fractional people), not rounded.
 * - A hire in week s is in training (productivity 0) for weeks s … s + trainingWeeks − 1, then has productivity
 *   ramp[0], ramp[1], … for the following weeks, then 1. Today's staff and transfers are fully productive.
 * - productive_fte(t) = ftePerHead · Σ n_c(t) · p_c(t) − leave_fte(t) (never below 0); gap = productive − required.
 */
import type { StaffModel, WeekCount } from './staffModel.ts'
import { weeklyAttritionFromMonthly } from './weeklyAttrition.ts'

export interface RequirementWeek { weekStart: string; requiredFte: number }

export interface CapacityWeek {
  weekStart: string
  requiredFte: number
  /** People employed during the week (joiners of the week included, its leavers not yet gone). */
  headcount: number
  /** Of them, in training this week. */
  inTraining: number
  productiveFte: number
  /** productive − required: negative is a shortfall. */
  gapFte: number
  hiresStarting: number
  transfers: number
  leaveFte: number
  /** Expected leavers at the end of the week. */
  leavers: number
}

const DAY_MS = 86_400_000
const msOf = (dateKey: string) => Date.parse(dateKey + 'T00:00:00Z')
/** The date key `weeks` weeks after `dateKey`. */
export function addWeeks(dateKey: string, weeks: number): string {
  return new Date(msOf(dateKey) + weeks * 7 * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Checks the weeks are consecutive (each 7 days after the one before) with finite requirements ≥ 0.
 * @throws RangeError naming the week
 */
export function assertConsecutiveWeeks(weeks: readonly RequirementWeek[]): void {
  if (!weeks.length) throw new RangeError('no weeks to plan')
  weeks.forEach((w, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(w.weekStart) || !Number.isFinite(msOf(w.weekStart))) throw new RangeError(`week ${i + 1}: week_start must be a date YYYY-MM-DD, got '${w.weekStart}'`)
    if (!(Number.isFinite(w.requiredFte) && w.requiredFte >= 0)) throw new RangeError(`week ${w.weekStart}: required_fte must be a number >= 0, got ${w.requiredFte}`)
    if (i > 0 && w.weekStart !== addWeeks(weeks[i - 1].weekStart, 1)) throw new RangeError(`week ${w.weekStart}: weeks must be consecutive, 7 days apart (expected ${addWeeks(weeks[i - 1].weekStart, 1)} after ${weeks[i - 1].weekStart})`)
  })
}

/** Weekly attrition at a tenure (weeks since starting) under the model. */
export function weeklyAttritionAtTenure(model: StaffModel, tenureWeeks: number): number {
  if (!model.attritionByTenure.length) return weeklyAttritionFromMonthly(model.attritionMonthly)
  let monthly = model.attritionByTenure[0].monthlyFraction
  for (const band of model.attritionByTenure) if (tenureWeeks >= band.fromWeek) monthly = band.monthlyFraction
  return weeklyAttritionFromMonthly(monthly)
}

/** Productivity (0–1) of a hire in the week `ageWeeks` weeks after their start (0 = their first week). */
export function hireProductivity(model: StaffModel, ageWeeks: number): number {
  if (ageWeeks < model.trainingWeeks) return 0
  const r = ageWeeks - model.trainingWeeks
  return r < model.ramp.length ? model.ramp[r] : 1
}

/**
 * The productive FTE one hire gives `ageWeeks` weeks after starting, in expectation (its survival included):
 * ftePerHead · p(age) · Π_{k<age} (1 − w(k)). The inverse adds these up.
 */
export function hireContributionKernel(model: StaffModel, weeks: number): number[] {
  const out: number[] = []
  let survival = 1
  for (let age = 0; age < weeks; age++) {
    out.push(model.ftePerHead * hireProductivity(model, age) * survival)
    survival *= 1 - weeklyAttritionAtTenure(model, age)
  }
  return out
}

function weekIndexOf(weeks: readonly RequirementWeek[], weekStart: string, field: string): number {
  const index = Math.round((msOf(weekStart) - msOf(weeks[0].weekStart)) / (7 * DAY_MS))
  if (index < 0 || index >= weeks.length || weeks[index].weekStart !== weekStart) {
    throw new RangeError(`${field}: ${weekStart} is not a week of the plan (weeks start ${weeks[0].weekStart}, every 7 days, to ${weeks[weeks.length - 1].weekStart})`)
  }
  return index
}

interface Cohort { startIndex: number; count: number; tenureAtStart: number; isHire: boolean }

/**
 * The week-by-week projection. `extraHires` are classes added to the model's planned hires (the recommended ones).
 * @throws RangeError on weeks that are not consecutive, on hires/transfers/leave in weeks outside the plan, and
 *   when transfers out exceed the people there
 */
export function projectCapacity(weeks: readonly RequirementWeek[], model: StaffModel, extraHires: readonly WeekCount[] = []): CapacityWeek[] {
  assertConsecutiveWeeks(weeks)
  const n = weeks.length
  const hires = new Array<number>(n).fill(0)
  const transfers = new Array<number>(n).fill(0)
  const leave = new Array<number>(n).fill(0)
  for (const h of model.plannedHires) hires[weekIndexOf(weeks, h.weekStart, 'planned_hires')] += h.count
  for (const h of extraHires) hires[weekIndexOf(weeks, h.weekStart, 'recommended class')] += h.count
  for (const t of model.transfers) transfers[weekIndexOf(weeks, t.weekStart, 'transfers')] += t.count
  for (const l of model.leave) leave[weekIndexOf(weeks, l.weekStart, 'leave')] += l.fte
  const cohorts: (Cohort & { alive: number })[] = []
  const add = (c: Cohort) => cohorts.push({ ...c, alive: c.count })
  add({ startIndex: 0, count: model.headcount, tenureAtStart: model.initialTenureWeeks, isHire: false })
  const out: CapacityWeek[] = []
  for (let t = 0; t < n; t++) {
    if (hires[t] > 0) add({ startIndex: t, count: hires[t], tenureAtStart: 0, isHire: true })
    if (transfers[t] !== 0) {
      const experienced = cohorts.filter((c) => !c.isHire).reduce((s, c) => s + c.alive, 0)
      if (transfers[t] < 0 && -transfers[t] > experienced + 1e-9) throw new RangeError(`transfers: ${-transfers[t]} people cannot move out in the week ${weeks[t].weekStart}: only ${Math.round(experienced * 100) / 100} experienced people are there`)
      add({ startIndex: t, count: transfers[t], tenureAtStart: model.initialTenureWeeks, isHire: false })
    }
    let headcount = 0, inTraining = 0, productive = 0, leavers = 0
    for (const c of cohorts) {
      const age = t - c.startIndex
      const p = c.isHire ? hireProductivity(model, age) : 1
      headcount += c.alive
      if (c.isHire && age < model.trainingWeeks) inTraining += c.alive
      productive += c.alive * p
      leavers += c.alive * weeklyAttritionAtTenure(model, c.tenureAtStart + age)
    }
    const productiveFte = Math.max(0, productive * model.ftePerHead - leave[t])
    out.push({
      weekStart: weeks[t].weekStart,
      requiredFte: weeks[t].requiredFte,
      headcount,
      inTraining,
      productiveFte,
      gapFte: productiveFte - weeks[t].requiredFte,
      hiresStarting: hires[t],
      transfers: transfers[t],
      leaveFte: leave[t],
      leavers,
    })
    for (const c of cohorts) c.alive -= c.alive * weeklyAttritionAtTenure(model, c.tenureAtStart + (t - c.startIndex))
  }
  return out
}
