/**
 * For the chat model: what the industry shortcuts (k slots per agent; AHT ÷ k) would staff beside the exact
 * load-balanced chain, over the whole plan and at its peak interval, with the service level the chain predicts for
 * the shortcut's staffing (too few agents show as a service level below target).
 */
import type { ShortcutComparison, StaffingPlan } from '../../src/planning/staffingPlan.ts'
import { intervalLabel, num, pct } from './format.ts'
import { formatDecimal } from '../../src/format/numbers.ts'

function difference(hours: number, chainHours: number): string {
  if (chainHours === 0) return ''
  const change = hours / chainHours - 1
  return ` (${change >= 0 ? '+' : ''}${formatDecimal(change * 100, 1)}%)`
}

export function ShortcutComparisonPanel({ comparison, plan }: { comparison: ShortcutComparison; plan: StaffingPlan }) {
  const c = comparison
  const peak = c.peak
  const target = plan.targets.serviceLevelTarget
  return (
    <section id="shortcut-comparison">
      <h2>Chat shortcuts beside the exact model</h2>
      <p class="muted">The exact model is a load-balanced chain: each agent holds up to k chats and each chat slows as the agent holds more.
        The common shortcuts treat an agent as k independent slots (each chat at the AHT of a full agent), or divide the AHT by k.</p>
      <table>
        <thead><tr><th>Method</th><th class="num">Agent-hours required over the plan</th>{peak ? <><th class="num">Agents at the peak ({intervalLabel(peak.startMs, plan.timeZone)})</th><th class="num">Service level those agents really give</th></> : null}</tr></thead>
        <tbody>
          <tr><td>Exact load-balanced chain (used for the plan)</td><td class="num">{num(c.chainAgentHours, 1)}</td>{peak ? <><td class="num">{peak.chainAgents}</td><td class="num">{pct(peak.chainServiceLevel)}</td></> : null}</tr>
          <tr><td>Shortcut: k slots per agent</td><td class="num">{num(c.slotsAgentHours, 1)}{difference(c.slotsAgentHours, c.chainAgentHours)}</td>{peak ? <><td class="num">{peak.slotsAgents}</td><td class="num">{pct(peak.slotsServiceLevel)}</td></> : null}</tr>
          <tr><td>Shortcut: AHT ÷ k</td><td class="num">{num(c.dividedAhtAgentHours, 1)}{difference(c.dividedAhtAgentHours, c.chainAgentHours)}</td>{peak ? <><td class="num">{peak.dividedAhtAgents}</td><td class="num">{pct(peak.dividedAhtServiceLevel)}</td></> : null}</tr>
        </tbody>
      </table>
      {target != null ? <p class="muted">Target service level {pct(target, 0)}: a shortcut whose agents give less than that under the exact model understaffs; more than needed overstaffs.</p> : null}
    </section>
  )
}
