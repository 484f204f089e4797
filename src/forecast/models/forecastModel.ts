import type { CalendarKnowledge } from '../calendar/calendarKnowledge.ts'
import type { DayGrid } from '../calendar/dayGrid.ts'

/** One interval to forecast, by local calendar position. */
export interface TargetSlot {
  dayNumber: number
  slot: number
}

/** What a model sees: the training history (closed and special days already removed) and what to forecast. */
export interface ModelContext {
  history: DayGrid
  targets: readonly TargetSlot[]
  /** Distinct target days, increasing. */
  targetDays: readonly number[]
  calendar: CalendarKnowledge
}

/**
 * The internal model contract: point forecasts for the targets. Prediction intervals are added once, for every model,
 * by backtest calibration (see ../intervals.ts), because model-based intervals are often too narrow.
 * A model may return NaN for a target it has no information about; the caller turns that into zero (closed).
 */
export interface ForecastModel {
  /** Full variant name, e.g. `weekdayMean:k=4`. */
  name: string
  /** Family (registry name), e.g. `weekdayMean`. */
  family: string
  /** Fewer history days than this and the model is not used (the caller falls back to a simpler one). */
  minHistoryDays: number
  forecastMeans(context: ModelContext): Float64Array
}
