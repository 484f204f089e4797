/**
 * The one contract every forecast model shares (architecture habit 5): history in, future interval starts in,
 * mean and prediction intervals out. Timestamps are interval starts, either UTC milliseconds or ISO-8601 strings
 * (local wall-clock time in `timeZone` when they carry no offset).
 */

/** An interval start: UTC epoch milliseconds, or an ISO-8601 string (local time in the team zone unless it has an offset). */
export type IntervalStart = number | string

/** A day that is not a normal day: a holiday, a campaign, an outage. */
export interface SpecialDay {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string
  /**
   * Known multiplier of the day's volume (e.g. 1.4 for a campaign, 0 for closed). When omitted, the multiplier is
   * learned from past days with the same `label` (shrunk toward 1), or stays 1 when there are none.
   */
  multiplier?: number
  /** Kind of day, e.g. `holiday` or `campaign`; days with the same label share a learned multiplier. */
  label?: string
  /**
   * Multiplier expected for this kind of day before any is seen (e.g. 0.15 for a public holiday): used when the
   * history holds no day with the same label, and the learned multiplier is shrunk toward it. Default 1.
   */
  priorMultiplier?: number
}

/** Declared opening hours of one weekday (ISO weekday 1 = Monday ... 7 = Sunday); minutes after local midnight. */
export interface OpenHours {
  weekday: number
  openMinute: number
  closeMinute: number
}

export interface ForecastInput {
  /** Interval starts of the history, strictly increasing. */
  timestamps: readonly IntervalStart[]
  /** Volume (contacts) of each history interval, >= 0. */
  volumes: readonly number[]
  /** Interval starts to forecast; all after the last history interval. */
  futureTimestamps: readonly IntervalStart[]
  /** IANA zone of the team, e.g. `Europe/London`. Seasonal positions are read in this zone's local time. */
  timeZone: string
  /** Interval length; inferred from the history (most common step) when omitted. */
  intervalMinutes?: number
  /** Local dates (`YYYY-MM-DD`) on which the team is closed: forecast zero, and excluded from learning. */
  closedDates?: readonly string[]
  /** Declared opening hours; intervals outside them forecast zero. Without it, intervals never busy in history are closed. */
  openHours?: readonly OpenHours[]
  /** Special days in history or future (the hook for the events module). */
  specialDays?: readonly SpecialDay[]
  /**
   * Learn the effect of the first working day after a closed date (the closed day's contacts come back) and keep
   * such days out of the weekday profiles. Default true; false gives the plain same-weekday baselines of the protocol.
   */
  dayAfterClosure?: boolean
}

/** Mean and prediction intervals per future interval. `lower[i]`/`upper[i]` belong to `levels[i]`. */
export interface Forecast {
  mean: number[]
  /** Coverage levels of the intervals as 0-1 fractions, e.g. [0.8, 0.95]. */
  levels: number[]
  lower: number[][]
  upper: number[][]
}

/** Accuracy of one model in the rolling-origin backtest, averaged over origins. */
export interface ModelScore {
  model: string
  mase: number
  wape: number
  rmse: number
  /** Number of origins the model could be evaluated on. */
  origins: number
  /** Milliseconds spent fitting and forecasting this model over all origins. */
  elapsedMs: number
}

/** Coverage of a calibrated interval in the backtest: the fraction of actuals inside it. */
export interface IntervalCoverage {
  level: number
  coverage: number
}

export interface ForecastResult extends Forecast {
  /** The model that produced `mean`. */
  model: string
  /** Why: backtest scores of every candidate, best first (empty when the model was forced and no backtest was possible). */
  scores: ModelScore[]
  /** Coverage of the calibrated intervals on the backtest origins (in-sample for the calibration). */
  intervalCoverage: IntervalCoverage[]
  /** How the intervals were obtained: `backtest` (empirical quantiles) or `poisson` (fallback, too little history). */
  intervalMethod: 'backtest' | 'poisson'
  intervalMinutes: number
  /** Notes on fallbacks taken, e.g. a model replaced by a simpler one for lack of history. */
  warnings: string[]
}

export interface ForecastProgress {
  stage: 'prepare' | 'backtest' | 'fit' | 'done'
  model?: string
  /** Origins or models done so far, and the total, for a progress bar. */
  done: number
  total: number
  message: string
}

export interface ForecastOptions {
  /** Force one model (a registry name such as `weekdayMean` or a full variant name such as `weekdayMean:k=4`). */
  model?: string
  /** Interval levels, 0-1 fractions. Default [0.8, 0.95]. */
  levels?: readonly number[]
  /** Number of rolling origins of the backtest. Default 8 (fewer when the history is short). */
  backtestOrigins?: number
  /** Called as the backtest goes (per model). */
  onProgress?: (progress: ForecastProgress) => void
}
