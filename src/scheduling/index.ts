/**
 * The scheduling module's public API (pure; the solver runs behind solve.ts). See each file for details.
 *   validate + build:  validateShiftTemplates, validateOpeningHours, validateRequirement, buildScheduleModel, mipModelToLpText
 *   solve:             solveSchedule (in-process; planning/scheduleSolveTask.ts runs it in the worker pool);
 *                      LP relaxation + rounding heuristic (lpRounding.ts) first, the HiGHS MIP only if needed
 *   coverage + edits:  computeCoverage, addShifts, moveShifts, removeShifts, expandShiftInstances
 *   rostering:         buildRoster
 *   export:            rosterToCsv, coverageToCsv
 */
export { buildScheduleModel, type OverCoverRule, type ScheduleModel, type ScheduleModelOptions } from './buildModel.ts'
export { computeCoverage, type CoverageReport, type CoverageTotals, type IntervalCoverage } from './coverage.ts'
export { addShifts, moveShifts, removeShifts, type ShiftRef } from './editSchedule.ts'
export { formatLocalDateTime, parseLocalDateTime, WEEKDAYS, type Weekday } from './localTime.ts'
export { mipModelToLpText, type MipModel } from './mipModel.ts'
export { validateOpeningHours, type DayOpeningHours, type OpeningHours } from './openingHours.ts'
export { validateRequirement, inferIntervalMinutes, type Requirement, type RequirementInterval } from './requirement.ts'
export { buildRoster, explainShortWeeks, type Agent, type AgentWeek, type AvailabilityWindow, type Roster, type RosterOptions, type UnassignedShift } from './roster.ts'
export { paidAgentHours, validateSchedule, type Schedule, type ScheduledBreak, type ScheduledShift } from './schedule.ts'
export { coverageToCsv, rosterToCsv } from './scheduleCsv.ts'
export { ScheduleInputError, formatScheduleInputIssue, type ScheduleInputIssue } from './scheduleInputError.ts'
export { expandShiftInstances, type ShiftInstance } from './shiftInstances.ts'
export { validateShiftTemplates, type BreakRule, type ShiftTemplate, type ValidShiftTemplate } from './shiftTemplates.ts'
export { solveSchedule, type ScheduleSolveResult, type SolvedSchedule, type SolveProgressEvent, type SolveScheduleOptions } from './solve.ts'
