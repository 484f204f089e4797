/**
 * Scheduling benchmark: four weeks of 30-minute intervals (1999-10-01 .. 10-28 of the Anonymous Bank data in
 * ../shared/data/anon_bank_1999_10_30min.csv), requirement = square-root staffing n = A + sqrt(A) with the offered
 * load A = volume x aht_seconds / 1800 (Halfin & Whitt 1981, beta = 1; a plain formula so that this benchmark
 * does not depend on the staffing module), within the centre's opening hours (Sun-Thu 07:00-24:00, Fri
 * 07:00-14:00, Sat 19:00-24:00). Three shift lengths with breaks: 9 h (two paid 15-min breaks and an unpaid
 * 30-min lunch), 6 h (one paid 15-min break), 4 h. Prints the time to a schedule proven within 1% of optimal
 * (the first solve in the process, so it includes loading HiGHS), then, for information, the time to the
 * exact optimum. Target: <= 20 s, gap <= 1% on a 2-core machine.
 */
import { benchOpeningHours, benchRequirement, benchTemplates } from './bankRequirement.ts'
import { solveSchedule } from '../scheduling/solve.ts'

const intervals = benchRequirement()
const started = performance.now()
const result = await solveSchedule({ intervalMinutes: 30, intervals }, benchTemplates, { openingHours: benchOpeningHours, timeLimitSeconds: 60, mipRelativeGap: 0.01 })
const seconds = (performance.now() - started) / 1000
if (result.status !== 'optimal' && result.status !== 'feasible') {
  console.log(`scheduling: 4 weeks x 30-min, 3 shift lengths + breaks: no schedule (${result.status}) after ${seconds.toFixed(1)} s (target <= 20 s, <= 1%)`)
  process.exitCode = 1
} else {
  const { shiftVariables, breakVariables, constraints } = result.modelStats
  console.log(`scheduling: 4 weeks x 30-min, 3 shift lengths + breaks: ${seconds.toFixed(1)} s, gap ${(result.gap * 100).toFixed(2)}% (target <= 20 s, <= 1%)`)
  console.log(`scheduling: ${intervals.length} open intervals, ${shiftVariables} shift starts, ${breakVariables} break placements, ${constraints} rows; paid ${result.paidAgentHours} agent-h for ${result.coverage.totals.requiredAgentHours} required (bound ${result.dualBound.toFixed(2)}), short ${result.shortAgentIntervals} agent-intervals, status ${result.status} (${result.solverStatus})`)
  const exactStarted = performance.now()
  const exact = await solveSchedule({ intervalMinutes: 30, intervals }, benchTemplates, { openingHours: benchOpeningHours, timeLimitSeconds: 60, mipRelativeGap: 0 })
  const exactSeconds = (performance.now() - exactStarted) / 1000
  if (exact.status === 'optimal' || exact.status === 'feasible') {
    console.log(`scheduling: same, to the exact optimum: ${exactSeconds.toFixed(1)} s, ${exact.paidAgentHours} paid agent-h, gap ${(exact.gap * 100).toFixed(2)}%, status ${exact.status} (${exact.solverStatus})`)
  } else console.log(`scheduling: same, to the exact optimum: no schedule (${exact.status}) after ${exactSeconds.toFixed(1)} s`)
}
