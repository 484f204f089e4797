import { backtestModel, scoreBacktest, type BacktestOrigin, type BacktestResult } from './backtest.ts'
import type { ForecastModel } from './models/forecastModel.ts'
import type { PreparedSeries } from './prepareSeries.ts'
import type { ForecastProgress, ModelScore } from './types.ts'

/** A chosen forecaster: one model, or a weighted mean of several (the combination). */
export interface ChosenModel {
  name: string
  models: ForecastModel[]
  weights: number[]
}

export interface Selection {
  chosen: ChosenModel
  /** Scores of every candidate (and the combination), best first. */
  scores: ModelScore[]
  /** Backtest origins of the chosen model, for interval calibration. */
  chosenOrigins: BacktestOrigin[]
}

const COMBINATION_SIZE = 3

/**
 * Backtests every candidate at the same origins, adds a combination (weighted mean of the three best candidates,
 * weights proportional to 1 / MASE^2, after Bates & Granger 1969), and picks the lowest mean MASE.
 * With `forceCombination` the combination is chosen whatever its score.
 */
export function selectModel(
  prepared: PreparedSeries,
  candidates: readonly ForecastModel[],
  originIndices: readonly number[],
  horizonDays: number,
  onProgress?: (progress: ForecastProgress) => void,
  forceCombination = false,
): Selection {
  const results: Array<{ model: ForecastModel; result: BacktestResult; score: ModelScore }> = []
  candidates.forEach((model, i) => {
    let message: string
    try {
      const result = backtestModel(prepared, model, originIndices, horizonDays)
      const score = scoreBacktest(result)
      if (score.origins > 0) results.push({ model, result, score })
      message = `backtested ${model.name}: MASE ${score.mase.toFixed(3)}`
    } catch (error) {
      // One candidate failing (e.g. a library refusing this history) must not sink the choice: it is left out.
      message = `left out ${model.name}: ${error instanceof Error ? error.message : String(error)}`
    }
    onProgress?.({ stage: 'backtest', model: model.name, done: i + 1, total: candidates.length, message })
  })
  if (results.length === 0) throw new RangeError('no model could be backtested on this history')
  const combination = combineBest(results, originIndices.length)
  const all = combination ? [...results, combination] : results
  all.sort((a, b) => a.score.mase - b.score.mase)
  const best = forceCombination && combination ? combination : all[0]
  const chosen: ChosenModel = 'members' in best ? { name: best.score.model, models: best.members, weights: best.weights } : { name: best.model.name, models: [best.model], weights: [1] }
  return { chosen, scores: all.map((r) => r.score), chosenOrigins: best.result.origins }
}

interface CombinationResult {
  members: ForecastModel[]
  weights: number[]
  result: BacktestResult
  score: ModelScore
}

function combineBest(results: Array<{ model: ForecastModel; result: BacktestResult; score: ModelScore }>, originCount: number): CombinationResult | undefined {
  const complete = results.filter((r) => r.result.origins.length === originCount && r.model.family !== 'seasonalNaive')
  const members = [...complete].sort((a, b) => a.score.mase - b.score.mase).slice(0, COMBINATION_SIZE)
  if (members.length < 2) return undefined
  const raw = members.map((m) => 1 / m.score.mase ** 2)
  const total = raw.reduce((a, b) => a + b, 0)
  const weights = raw.map((w) => w / total)
  const origins: BacktestOrigin[] = members[0].result.origins.map((origin, o) => {
    const forecast = new Float64Array(origin.forecast.length)
    members.forEach((m, j) => {
      const f = m.result.origins[o].forecast
      for (let i = 0; i < forecast.length; i++) forecast[i] += weights[j] * f[i]
    })
    return { ...origin, forecast }
  })
  const elapsedMs = members.reduce((a, m) => a + m.result.elapsedMs, 0)
  const result: BacktestResult = { model: 'combination', family: 'combination', origins, elapsedMs }
  return { members: members.map((m) => m.model), weights, result, score: { ...scoreBacktest(result), model: `combination(${members.map((m, j) => `${m.model.name} ${weights[j].toFixed(2)}`).join(' + ')})` } }
}
