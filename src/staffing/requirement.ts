import { agentsRequiredFor, serviceAtAgents, validateModel, workloadErlangs } from './staffingModel.ts'
import type { ServiceMeasures, StaffingModel } from './staffingModel.ts'
import type { StaffingTargets, TargetName } from './staffingTargets.ts'
import { validateTargets } from './staffingTargets.ts'
import { slaMissProbability, volumeAtProbability, volumeSpreadFromQuantiles } from './slaMissProbability.ts'
import type { VolumeQuantile } from './slaMissProbability.ts'
import { agentsScheduled, scheduledAgentsExact, shrinkageForInterval } from './shrinkage.ts'
import { assertNonNegative, assertPositive } from './validateInputs.ts'

/** One interval of forecast: mean volume and AHT (for chat: AHT of a chat handled alone), optional quantiles. */
export interface IntervalForecast {
  volume: number
  ahtSeconds: number
  /** Forecast quantiles of the volume, e.g. [{ probability: 0.8, volume: … }, { probability: 0.95, volume: … }]. */
  volumeQuantiles?: readonly VolumeQuantile[]
}

export interface RequirementSettings {
  intervalMinutes: number
  model: StaffingModel
  targets: StaffingTargets
  /** One shrinkage for all intervals, or one per interval. @default 0 */
  shrinkageFraction?: number | readonly number[]
  /** Staff at the mean forecast or at a volume quantile (e.g. 0.8 for P80). @default 'mean' */
  staffAt?: 'mean' | number
  maxAgents?: number
}

export interface IntervalRequirement {
  index: number
  volume: number
  ahtSeconds: number
  /** The volume staffed for (the mean, or the chosen quantile). */
  staffedVolume: number
  /** Offered workload at the mean volume, in erlangs (volume × AHT / interval seconds). */
  workloadErlangs: number
  agentsRequired: number
  shrinkageFraction: number
  /** required / (1 − shrinkage), unrounded: sum these (not agentsScheduled) for FTE. */
  agentsScheduledExact: number
  agentsScheduled: number
  /** Expected at the MEAN volume with agentsRequired (what the plan delivers on an average day). */
  expectedServiceLevel: number
  expectedAsaSeconds: number
  expectedAbandonFraction: number
  expectedOccupancy: number
  bindingConstraints: TargetName[]
  model: StaffingModel['kind']
  /** σ of the volume fitted to the quantiles (null without quantiles). */
  volumeSigma: number | null
  /** P(at least one target missed | forecast uncertainty), null without quantiles. */
  slaMissProbability: number | null
}

function validateSettings(settings: RequirementSettings): void {
  if (settings === null || typeof settings !== 'object') throw new TypeError('settings must be an object')
  assertPositive('intervalMinutes', settings.intervalMinutes)
  validateModel(settings.model)
  validateTargets(settings.targets, { allowAbandon: settings.model.kind === 'erlang_a' })
  const staffAt = settings.staffAt ?? 'mean'
  if (staffAt !== 'mean' && !(typeof staffAt === 'number' && staffAt > 0 && staffAt < 1)) {
    throw new RangeError(`staffAt must be 'mean' or a quantile level between 0 and 1 (e.g. 0.8), got ${JSON.stringify(staffAt)}`)
  }
}

/** The volume to staff for: the mean, the given quantile if listed, else the normal fit's quantile. */
function staffedVolumeOf(forecast: IntervalForecast, sigma: number | null, staffAt: 'mean' | number, index: number): number {
  if (staffAt === 'mean') return forecast.volume
  const listed = forecast.volumeQuantiles?.find((q) => Math.abs(q.probability - staffAt) < 1e-12)
  if (listed) return listed.volume
  if (sigma === null) throw new RangeError(`intervals[${index}]: staffAt ${staffAt} needs volumeQuantiles`)
  return volumeAtProbability(forecast.volume, sigma, staffAt)
}

/**
 * Agents required per interval for a forecast and SLA settings, then scheduled through shrinkage, with the
 * service expected at the mean forecast and the chance of missing the targets given the forecast's spread.
 * @throws RangeError naming the interval and field on bad input, or when a load cannot be staffed up to maxAgents
 */
export function requirementForIntervals(intervals: readonly IntervalForecast[], settings: RequirementSettings): IntervalRequirement[] {
  validateSettings(settings)
  const { intervalMinutes, model, targets, shrinkageFraction = 0, staffAt = 'mean', maxAgents } = settings
  const intervalSeconds = intervalMinutes * 60
  const threshold = targets.answerWithinSeconds ?? 0
  return intervals.map((forecast, index) => {
    try {
      assertNonNegative('volume', forecast.volume)
      assertPositive('ahtSeconds', forecast.ahtSeconds)
      const sigma = forecast.volumeQuantiles && forecast.volumeQuantiles.length > 0 ? volumeSpreadFromQuantiles(forecast.volume, forecast.volumeQuantiles) : null
      const staffedVolume = staffedVolumeOf(forecast, sigma, staffAt, index)
      const staffed = agentsRequiredFor({ volume: staffedVolume, ahtSeconds: forecast.ahtSeconds, intervalSeconds }, model, targets, { maxAgents })
      const agents = staffed.agents
      const atMean: ServiceMeasures = staffedVolume === forecast.volume ? staffed.measures : serviceAtAgents(agents, { volume: forecast.volume, ahtSeconds: forecast.ahtSeconds, intervalSeconds }, model, threshold)
      const shrinkage = shrinkageForInterval(shrinkageFraction, index)
      return {
        index,
        volume: forecast.volume,
        ahtSeconds: forecast.ahtSeconds,
        staffedVolume,
        workloadErlangs: workloadErlangs({ volume: forecast.volume, ahtSeconds: forecast.ahtSeconds, intervalSeconds }),
        agentsRequired: agents,
        shrinkageFraction: shrinkage,
        agentsScheduledExact: scheduledAgentsExact(agents, shrinkage),
        agentsScheduled: agentsScheduled(agents, shrinkage),
        expectedServiceLevel: atMean.serviceLevel,
        expectedAsaSeconds: atMean.asaSeconds,
        expectedAbandonFraction: atMean.abandonFraction,
        expectedOccupancy: atMean.occupancy,
        bindingConstraints: staffed.bindingConstraints,
        model: model.kind,
        volumeSigma: sigma,
        slaMissProbability: sigma === null ? null : slaMissProbability(agents, { meanVolume: forecast.volume, sigma, ahtSeconds: forecast.ahtSeconds, intervalSeconds }, model, targets),
      }
    } catch (error) {
      if (error instanceof RangeError || error instanceof TypeError) {
        const Wrapped = error instanceof RangeError ? RangeError : TypeError
        throw new Wrapped(`intervals[${index}]: ${error.message.replace(/^intervals\[\d+\]: /, '')}`)
      }
      throw error
    }
  })
}

/**
 * The inverse for a series: what a given number of agents per interval achieves at the mean forecast.
 * @throws RangeError if the arrays differ in length or inputs are invalid
 */
export function serviceForStaffing(intervals: readonly IntervalForecast[], agentsPerInterval: readonly number[], settings: Omit<RequirementSettings, 'staffAt' | 'shrinkageFraction' | 'maxAgents'>): ServiceMeasures[] {
  validateSettings(settings as RequirementSettings)
  if (agentsPerInterval.length !== intervals.length) throw new RangeError(`agentsPerInterval has ${agentsPerInterval.length} values for ${intervals.length} intervals`)
  const intervalSeconds = settings.intervalMinutes * 60
  return intervals.map((forecast, index) => {
    try {
      return serviceAtAgents(agentsPerInterval[index], { volume: forecast.volume, ahtSeconds: forecast.ahtSeconds, intervalSeconds }, settings.model, settings.targets.answerWithinSeconds ?? 0)
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`intervals[${index}]: ${error.message}`)
      throw error
    }
  })
}
