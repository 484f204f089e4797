/**
 * `chatplan plan --queue NAME --from DATE --to DATE`: forecasts the queue from its history in the database and
 * prints its staffing plan as CSV (the staffing page's export), with the queue's saved staffing settings or the
 * defaults (80% answered in 60 s, Erlang C, shrinkage 30%).
 */
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions, InputError } from '../io.ts'
import { loadConfig } from '../../config.ts'
import { closeDb, createDb } from '../../db/client.ts'
import { migrateDb } from '../../db/migrate.ts'
import { findQueueByName, listQueues } from '../../db/queues.ts'
import { findStaffingSettings } from '../../db/staffingSettings.ts'
import { loadAugursMstlWasm } from '../../planning/augursRuntime.ts'
import { DEFAULT_STAFFING_SETTINGS, assertPlanRange, planQueueStaffing, staffingPlanCsv, type StaffingPlan } from '../../planning/staffingPlan.ts'
import { textOption } from '../optionValues.ts'
import { UsageError } from '../options.ts'
import { QUEUE_NAME } from '../../schemas/queues.ts'
import { describeDateHours } from '../../scheduling/dateOpeningHours.ts'

export const usage = `Usage: chatplan plan --queue NAME --from YYYY-MM-DD --to YYYY-MM-DD
Prints the staffing plan of a queue for a range of local dates (both included) as CSV:
  interval_start,queue,forecast_volume,forecast_aht_seconds,workload_erlangs,agents_required,agents_scheduled,
  expected_service_level,expected_asa_seconds
interval_start is the local time of the queue's zone with its UTC offset (e.g. 2003-10-27T07:00:00-05:00);
expected_service_level is a fraction (0.85 = 85%). The volume and AHT are forecast from the queue's history in
the database (DATABASE_URL, default file:data/chatplan.db); the dates must come after the history.
The queue's calendar per date in that database applies, as on every page: a date closed (a public holiday of its
holiday country, or a date closed on /schedules/dates) has no agent required; a shortened date has need only
inside its hours. The stderr note lists those dates.
Uses the settings saved on the staffing page for the queue, else 80% answered within 60 s, Erlang C, shrinkage
30%, staffed at the mean forecast. A note on stderr names the zone, the models and the settings used.
On bad input prints the problem on stderr and exits with code 1.`

/** The options `chatplan plan` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['queue', 'from', 'to'] }


function describeSettings(plan: StaffingPlan, saved: boolean): string {
  const s = plan.settings
  const targets = [
    s.serviceLevelTarget !== null ? `${Math.round(s.serviceLevelTarget * 1000) / 10}% within ${s.answerWithinSeconds} s` : null,
    s.asaTargetSeconds !== null ? `ASA ≤ ${s.asaTargetSeconds} s` : null,
    s.maxOccupancy !== null ? `occupancy ≤ ${Math.round(s.maxOccupancy * 1000) / 10}%` : null,
    plan.model.kind === 'erlang_a' && s.maxAbandonFraction !== null ? `abandonment ≤ ${Math.round(s.maxAbandonFraction * 1000) / 10}%` : null,
  ].filter(Boolean).join(', ')
  const model = plan.model.kind === 'erlang_c' ? 'Erlang C'
    : plan.model.kind === 'erlang_a' ? `Erlang A (patience ${plan.model.meanPatienceSeconds} s)`
    : `chat concurrency (k ${plan.model.maxConcurrency}, α ${plan.model.slowdownAlpha})`
  const aht = plan.aht.kind === 'forecast' ? `AHT forecast ${plan.aht.model}`
    : plan.aht.kind === 'override' ? `AHT override ${plan.aht.seconds} s`
    : `AHT constant ${plan.aht.seconds} s because ${plan.aht.reason}`
  const staffAt = s.staffAtQuantile === null ? 'the mean forecast' : `P${Math.round(s.staffAtQuantile * 100)} of the forecast`
  return `${saved ? 'saved' : 'default'} settings: ${targets}; ${model}; shrinkage ${Math.round(s.shrinkageFraction * 1000) / 10}%; staffed at ${staffAt}; volume model ${plan.volumeModel}; ${aht}`
}

/** The dates the calendar per date closes or shortens in the plan, for the stderr note. */
function calendarNoteOf(plan: StaffingPlan): string {
  const dates = plan.dateHours ?? []
  return dates.length ? `; calendar per date: ${dates.map((d) => `${d.dateKey} ${describeDateHours(d)}`).join(', ')}` : '; calendar per date: no date closed or shortened'
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let db
  try {
    const { options, positional } = parseOptions(args)
    if (positional.length) throw new InputError(`unexpected argument '${positional[0]}' (give the queue with --queue NAME)`)
    if (typeof options.queue !== 'string' || !options.queue.trim()) throw new InputError('--queue NAME is required')
    textOption(options, 'queue', QUEUE_NAME)
    if (typeof options.from !== 'string') throw new InputError('--from YYYY-MM-DD is required')
    if (typeof options.to !== 'string') throw new InputError('--to YYYY-MM-DD is required')
    for (const name of Object.keys(options)) if (!['queue', 'from', 'to'].includes(name)) throw new InputError(`unknown option --${name}`)
    assertPlanRange(options.from, options.to)
    const config = loadConfig(io.env)
    db = await createDb(config.databaseUrl, config.databaseAuthToken)
    await migrateDb(db)
    const queue = await findQueueByName(db, options.queue)
    if (!queue) {
      const names = (await listQueues(db)).map((q) => `'${q.name}'`)
      throw new InputError(`no queue named '${options.queue}' in ${config.databaseUrl}; ${names.length ? `the queues are ${names.join(', ')}` : 'the database has no queues: import data first'}`)
    }
    const saved = await findStaffingSettings(db, queue.id)
    loadAugursMstlWasm() // the same forecast candidates as the server, so this CSV is the staffing page's export
    const { plan } = await planQueueStaffing(db, queue, saved ?? DEFAULT_STAFFING_SETTINGS, { fromDateKey: options.from, toDateKey: options.to })
    io.out(staffingPlanCsv(plan))
    io.err(`chatplan plan: ${queue.name}, ${plan.intervals.length} intervals of ${plan.intervalMinutes} min in ${plan.timeZone} (interval_start carries the UTC offset); ${describeSettings(plan, saved !== null)}${calendarNoteOf(plan)}\n`)
    return 0
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof RangeError || error instanceof TypeError || (error instanceof Error && /option --\w+ needs a value/.test(error.message))) {
      io.err(`chatplan plan: ${error.message}\n`)
      return 1
    }
    throw error
  } finally {
    if (db) closeDb(db)
  }
}
