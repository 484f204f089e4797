/**
 * The headcount model of a capacity plan (plain data). Counts are people; FTE = people × ftePerHead × productivity.
 * Fractions are 0–1; weeks are local dates YYYY-MM-DD of the first day of a planning week.
 */
export interface WeekCount { weekStart: string; count: number }
export interface WeekFte { weekStart: string; fte: number }
/** Monthly attrition for people whose tenure (weeks since they started) is at least fromWeek. */
export interface TenureAttrition { fromWeek: number; monthlyFraction: number }

export interface StaffModel {
  /** People employed at the start of the first week, all past training and ramp. */
  headcount: number
  /** Monthly attrition of everybody (when attritionByTenure is empty). */
  attritionMonthly: number
  /** Monthly attrition by tenure band (sorted by fromWeek, the first from 0); replaces attritionMonthly when given. */
  attritionByTenure: TenureAttrition[]
  /** Tenure in weeks of today's staff and of transfers in, for the tenure table. @default 104 */
  initialTenureWeeks: number
  /** Weeks a new hire spends in training, producing nothing. */
  trainingWeeks: number
  /** Productivity (0–1) in each week after training; 1 after the ramp ends. */
  ramp: number[]
  /** No recommended class starts before the first week + this many weeks. */
  hiringLeadWeeks: number
  /** Most hires in one class (one starting week). */
  classSizeMax: number
  /** Two classes start at least this many weeks apart (0 or 1: any weeks). */
  minWeeksBetweenClasses: number
  /** Hires already planned (they start at the start of their week). */
  plannedHires: WeekCount[]
  /** Experienced people moving in (+) or out (−) at the start of a week. */
  transfers: WeekCount[]
  /** Planned leave (summer, holidays): productive FTE away in a week, on top of the shrinkage in the requirement. */
  leave: WeekFte[]
  /** FTE of one person (0.8 for a four-day contract). @default 1 */
  ftePerHead: number
  /** Paid hours of one person in a week. @default 40 */
  paidHoursPerWeek: number
  /** Cost of a paid hour. @default 0 */
  costPerHour: number
  /** Overtime hours cost this many times the normal hour. @default 1.5 */
  overtimeCostFactor: number
  /** Overtime may add at most this fraction of the productive FTE in a week to close a gap. @default 0 */
  maxOvertimeFraction: number
  /** One-off cost of recruiting one hire. @default 0 */
  hiringCostPerHire: number
  /** One-off cost of training one hire (besides the paid hours in training). @default 0 */
  trainingCostPerHire: number
  /**
   * Teams or skill groups (empty: one team). Each person is in exactly one group; the groups' headcounts add up to
   * `headcount`. Each group's model is this model with the group's headcount, attrition, class size, planned hires,
   * transfers and leave. @default []
   */
  groups: StaffGroup[]
}

/** A team or skill group of a headcount model. */
export interface StaffGroup {
  /** Letters, digits, _ . - (a CSV column suffix: required_fte_NAME). */
  name: string
  /** Fraction of the requirement this group serves when the requirement is not given per group; null: by headcount. */
  share: number | null
  /** The group's own model (its groups empty). */
  model: StaffModel
}

export const STAFF_MODEL_DEFAULTS = Object.freeze({
  attritionByTenure: [] as TenureAttrition[],
  initialTenureWeeks: 104,
  ramp: [] as number[],
  hiringLeadWeeks: 0,
  minWeeksBetweenClasses: 0,
  plannedHires: [] as WeekCount[],
  transfers: [] as WeekCount[],
  leave: [] as WeekFte[],
  ftePerHead: 1,
  paidHoursPerWeek: 40,
  costPerHour: 0,
  overtimeCostFactor: 1.5,
  maxOvertimeFraction: 0,
  hiringCostPerHire: 0,
  trainingCostPerHire: 0,
  groups: [] as StaffGroup[],
})
