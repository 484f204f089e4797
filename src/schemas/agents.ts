/** Bounds of an agent (the agents form, the API and the CLI). */
import { numberProblem, textProblem, type NumberBound, type TextBound } from './bounds.ts'

export const AGENT_NAME: TextBound = { label: 'Agent name', maxLength: 80, minLength: 1 }
export const AGENT_AVAILABILITY: TextBound = { label: 'Availability', maxLength: 2000 }

export const AGENT_BOUNDS = {
  contractedHoursPerWeek: { label: 'Contracted hours a week', min: 0, max: 80, unit: 'hours' },
  maxDaysPerWeek: { label: 'Most days a week', min: 1, max: 7, integer: true },
  minConsecutiveDaysOff: { label: 'Days off in a row', min: 0, max: 6, integer: true },
  minRestHoursBetweenShifts: { label: 'Rest between shifts', min: 0, max: 48, unit: 'hours' },
  maxHoursPerWeek: { label: 'Most hours a week', min: 0, max: 100, unit: 'hours' },
} as const satisfies Record<string, NumberBound>

/** The number of skills (queues) an agent may list. */
export const MAX_AGENT_SKILLS = 200

/** Bound problems of an agent: name length and the numbers (numbers that are not numbers are left to the engine). */
export function agentBoundProblems(agent: { name?: unknown; skillQueueIds?: unknown[] } & Partial<Record<keyof typeof AGENT_BOUNDS, unknown>>, availabilityText?: string): string[] {
  const out: string[] = []
  const nameProblem = textProblem(AGENT_NAME, agent.name ?? '')
  if (nameProblem) out.push(nameProblem)
  if (availabilityText !== undefined) { const p = textProblem(AGENT_AVAILABILITY, availabilityText); if (p) out.push(p) }
  if (Array.isArray(agent.skillQueueIds) && agent.skillQueueIds.length > MAX_AGENT_SKILLS) out.push(`An agent may list at most ${MAX_AGENT_SKILLS} skills`)
  for (const [field, bound] of Object.entries(AGENT_BOUNDS) as [keyof typeof AGENT_BOUNDS, NumberBound][]) {
    const value = agent[field]
    if (typeof value === 'number') { const p = numberProblem(bound, value); if (p) out.push(p) }
  }
  return out
}
