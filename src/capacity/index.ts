/** Long-range capacity (pure domain): headcount cohorts, the hiring inverse, cost, long-horizon demand, weekly requirement. */
export { weeklyAttritionFromMonthly } from './weeklyAttrition.ts'
export type { StaffModel, WeekCount, WeekFte, TenureAttrition } from './staffModel.ts'
export { STAFF_MODEL_DEFAULTS } from './staffModel.ts'
export { parseStaffModel, staffModelToJson, staffModelJsonSchema, STAFF_FIELD_LABELS, MAX_PLAN_WEEKS } from './staffModelSchema.ts'
export type { StaffModelJson } from './staffModelSchema.ts'
export { projectCapacity, hireContributionKernel, hireProductivity, weeklyAttritionAtTenure, assertConsecutiveWeeks, addWeeks } from './projectCapacity.ts'
export type { CapacityWeek, RequirementWeek } from './projectCapacity.ts'
export { recommendHires, GAP_TOLERANCE_FTE } from './recommendHires.ts'
export type { HiringRecommendation, UnclosableWeek, RecommendOptions } from './recommendHires.ts'
export { capacityCost } from './capacityCost.ts'
export type { CapacityCost, WeekCost } from './capacityCost.ts'
export { forecastLongHorizonDemand, monthlyDemand, weekOfYear, MAX_DEMAND_WEEKS } from './longHorizonDemand.ts'
export type { WeekHistory, WeekDemand, LongHorizonDemand, DemandOptions, MonthDemand } from './longHorizonDemand.ts'
export {
  weeklyHistory, weekShapeFromHistory, weekStartOf, spreadWeek, requirementOfWeek, requirementFromWeeklyAverage, agentsFromWeeklyAverage,
  serviceLevelWithAgents, serviceLevelAtFraction,
} from './weeklyRequirement.ts'
export type { WeekShape, WeekIntervals, WeekRequirement, CapacityStaffingSettings, HistoryInterval } from './weeklyRequirement.ts'
export { capacityPlanSpecSchema, capacitySpecProblems, parseCapacitySpec, MAX_CAPACITY_NAME_LENGTH } from './capacityPlanSpec.ts'
export type { CapacityPlanSpec, SpecProblem } from './capacityPlanSpec.ts'
export { formValuesOf, parseCapacityForm, DEFAULT_FORM_VALUES } from './capacityForm.ts'
export type { CapacityFormValues, ParsedForm } from './capacityForm.ts'
export { capacityPlanCsv, capacityCsvCell, CAPACITY_CSV_COLUMNS } from './capacityCsv.ts'
