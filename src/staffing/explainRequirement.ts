import { agentsRequiredFor, serviceAtAgents, workloadErlangs } from './staffingModel.ts'
import type { ServiceMeasures, StaffingModel } from './staffingModel.ts'
import type { StaffingTargets, TargetName } from './staffingTargets.ts'
import { agentsScheduled, scheduledAgentsExact } from './shrinkage.ts'
import { assertFractionBelowOne, assertPositive } from './validateInputs.ts'

/**
 * "Explain the number" for one interval, as structured data the page can render step by step:
 * forecast volume and AHT → workload in erlangs → agents for the targets (model, binding constraint, what one
 * agent fewer would give) → shrinkage → agents scheduled.
 */
export interface RequirementExplanation {
  forecast: { volume: number; ahtSeconds: number; intervalMinutes: number }
  workload: { erlangs: number; formula: string }
  model: StaffingModel
  targets: StaffingTargets
  required: {
    agents: number
    bindingConstraints: TargetName[]
    achieved: ServiceMeasures
    /** With one agent fewer (null at 0 agents): shows why the number is not lower. */
    withOneFewer: ServiceMeasures | null
  }
  shrinkage: { fraction: number; scheduledExact: number; formula: string }
  scheduled: { agents: number }
}

/**
 * @example explainRequirement({ volume: 100, ahtSeconds: 180 }, { intervalMinutes: 30, model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 20 }, shrinkageFraction: 0.3 })
 *   // workload 10 erlangs → 14 agents (service_level binds) → 14 / 0.7 = 20 scheduled
 */
export function explainRequirement(
  forecast: { volume: number; ahtSeconds: number },
  settings: { intervalMinutes: number; model: StaffingModel; targets: StaffingTargets; shrinkageFraction?: number; maxAgents?: number },
): RequirementExplanation {
  const { intervalMinutes, model, targets, shrinkageFraction = 0, maxAgents } = settings
  assertPositive('intervalMinutes', intervalMinutes)
  assertFractionBelowOne('shrinkageFraction', shrinkageFraction)
  const workload = { volume: forecast.volume, ahtSeconds: forecast.ahtSeconds, intervalSeconds: intervalMinutes * 60 }
  const requirement = agentsRequiredFor(workload, model, targets, { maxAgents })
  const erlangs = workloadErlangs(workload)
  const exact = scheduledAgentsExact(requirement.agents, shrinkageFraction)
  const threshold = targets.answerWithinSeconds ?? 0
  return {
    forecast: { volume: forecast.volume, ahtSeconds: forecast.ahtSeconds, intervalMinutes },
    workload: { erlangs, formula: `${forecast.volume} contacts × ${forecast.ahtSeconds} s / ${intervalMinutes * 60} s = ${round(erlangs)} erlangs` },
    model,
    targets,
    required: {
      agents: requirement.agents,
      bindingConstraints: requirement.bindingConstraints,
      achieved: requirement.measures,
      withOneFewer: requirement.agents > 0 ? serviceAtAgents(requirement.agents - 1, workload, model, threshold) : null,
    },
    shrinkage: { fraction: shrinkageFraction, scheduledExact: exact, formula: `${requirement.agents} / (1 − ${shrinkageFraction}) = ${round(exact)}` },
    scheduled: { agents: agentsScheduled(requirement.agents, shrinkageFraction) },
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
