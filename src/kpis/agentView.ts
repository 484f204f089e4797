/**
 * The agent view: each agent's balanced set (chats handled, AHT, resolution, CSAT, chats held at once) beside the
 * team median of the same figures. Sorted by name: it is not a league table, and no single number ranks anyone.
 */
import { sumTotals, type ContactTotals } from './contactTotals.ts'
import { metricSetOf } from './metricSet.ts'
import type { AgentConcurrency } from './concurrency.ts'
import { quantileOfValueCounts, valueCountsOf } from './histogram.ts'

export interface AgentRow {
  agent: string
  handled: number
  ahtMeanSeconds: number | null
  resolutionRate: number | null
  resolutionKnown: number
  csatSatisfiedShare: number | null
  csatResponses: number
  averageHeld: number | null
  peakHeld: number | null
}

export type AgentFigure = 'handled' | 'ahtMeanSeconds' | 'resolutionRate' | 'csatSatisfiedShare' | 'averageHeld' | 'peakHeld'
const FIGURES: AgentFigure[] = ['handled', 'ahtMeanSeconds', 'resolutionRate', 'csatSatisfiedShare', 'averageHeld', 'peakHeld']

export interface AgentView { agents: AgentRow[]; teamMedian: Record<AgentFigure, number | null> }

/**
 * @param groups contact totals with the agent who handled them (groups without an agent are left out)
 * @param concurrency per-agent concurrency (from chatConcurrency), matched by name
 */
export function agentView(groups: readonly { agent: string | null; totals: ContactTotals }[], concurrency: readonly AgentConcurrency[] = []): AgentView {
  const byAgent = new Map<string, ContactTotals[]>()
  for (const g of groups) {
    if (!g.agent) continue
    const list = byAgent.get(g.agent)
    if (list) list.push(g.totals)
    else byAgent.set(g.agent, [g.totals])
  }
  const held = new Map(concurrency.map((c) => [c.agent, c]))
  const agents = [...byAgent.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([agent, list]): AgentRow => {
    const m = metricSetOf(sumTotals(list))
    const c = held.get(agent)
    return {
      agent, handled: m.handled, ahtMeanSeconds: m.ahtMeanSeconds, resolutionRate: m.resolutionRate, resolutionKnown: m.resolutionKnown,
      csatSatisfiedShare: m.csatSatisfiedShare, csatResponses: m.csatResponses, averageHeld: c?.averageHeld ?? null, peakHeld: c ? c.peakHeld : null,
    }
  })
  const teamMedian = Object.fromEntries(FIGURES.map((f) => {
    const values = agents.map((a) => a[f]).filter((v): v is number => v !== null)
    return [f, quantileOfValueCounts(valueCountsOf(values), 0.5)]
  })) as Record<AgentFigure, number | null>
  return { agents, teamMedian }
}
