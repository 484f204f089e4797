/**
 * `chatplan flags`: the intervals of the coming weeks where the forecast with events needs more agents than the
 * plan without them covers, as CSV (one row per interval: queue, local start, need, cover, shortfall in agents and
 * agent-hours, the events behind it).
 */
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { loadConfig } from '../../config.ts'
import { createDb } from '../../db/client.ts'
import { migrateDb } from '../../db/migrate.ts'
import { findQueueByName, listQueues } from '../../db/queues.ts'
import { historyRange } from '../../db/history.ts'
import { flagsToCsv, type Flags } from '../../events/flags.ts'
import { comingWeeks, flagsForQueue } from '../../planning/eventForecast.ts'
import { assertPlanRange } from '../../planning/staffingPlan.ts'
import { textOption } from '../optionValues.ts'
import { QUEUE_NAME } from '../../schemas/queues.ts'

export const usage = `Usage: chatplan flags [--queue NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
Prints as CSV every interval where the forecast with the event calendar (launches, promotions, holidays, ...)
needs more agents than the plan without the events covers: queue, interval_start (local time), need_agents,
cover_agents, shortfall_agents, shortfall_agent_hours, events. Agents are scheduled agents (after shrinkage),
with the queue's saved staffing settings or the defaults (80% in 60 s, Erlang C, 30% shrinkage).
  --queue NAME   one queue (default: every queue with history)
  --from, --to   local dates, both included (default: the 14 days after each queue's history)
Database: DATABASE_URL (default file:data/chatplan.db). Bad input: a message on stderr and exit code 1.`

/** The options `chatplan flags` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['queue', 'from', 'to'] }

export async function run(args: string[], io: CliIo): Promise<number> {
  let options: Record<string, string | true>
  let positional: string[]
  try {
    ({ options, positional } = parseOptions(args))
  } catch (error) {
    io.err(`chatplan flags: ${(error as Error).message}\n`)
    return 1
  }
  if (positional.length) { io.err(`chatplan flags: unexpected argument '${positional[0]}'\n${usage}\n`); return 1 }
  const unknown = Object.keys(options).filter((k) => !['queue', 'from', 'to'].includes(k))
  if (unknown.length) { io.err(`chatplan flags: unknown option --${unknown[0]}\n${usage}\n`); return 1 }
  const from = typeof options.from === 'string' ? options.from : undefined
  const to = typeof options.to === 'string' ? options.to : undefined
  if ((from === undefined) !== (to === undefined)) { io.err('chatplan flags: give both --from and --to, or neither (the coming two weeks)\n'); return 1 }
  if (from && to) {
    try { assertPlanRange(from, to) } catch (error) { io.err(`chatplan flags: ${(error as Error).message}\n`); return 1 }
  }
  const config = loadConfig(io.env)
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  try {
    await migrateDb(db)
    let queues
    if (typeof options.queue === 'string') {
      textOption(options, 'queue', QUEUE_NAME)
      const queue = await findQueueByName(db, options.queue)
      if (!queue) {
        const names = (await listQueues(db)).map((q) => q.name)
        io.err(`chatplan flags: unknown queue '${options.queue}' (queues: ${names.join(', ') || 'none; import data first'})\n`)
        return 1
      }
      queues = [queue]
    } else {
      queues = []
      for (const q of await listQueues(db)) if ((await historyRange(db, q.id)).source !== 'none') queues.push(q)
    }
    const rows: Array<{ queueName: string; timeZone: string; flags: Flags }> = []
    const names = new Map<number | string, string>()
    for (const queue of queues) {
      const range = from && to ? { fromDateKey: from, toDateKey: to } : await comingWeeks(db, queue)
      if (!range) { io.err(`chatplan flags: queue '${queue.name}' has no history to forecast from\n`); return 1 }
      try {
        const result = await flagsForQueue(db, queue, range)
        for (const [id, name] of result.eventNames) names.set(id, name)
        rows.push({ queueName: queue.name, timeZone: queue.timeZone, flags: result.flags })
      } catch (error) {
        if (error instanceof RangeError || error instanceof TypeError) { io.err(`chatplan flags: ${queue.name}: ${error.message}\n`); return 1 }
        throw error
      }
    }
    io.out(flagsToCsv(rows, (id) => names.get(id) ?? String(id)))
    return 0
  } finally {
    db.client.close()
  }
}
