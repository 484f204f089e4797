/**
 * `chatplan kpis`: the figures of the KPI page for a queue (or all queues) and date range, as JSON or CSV.
 * Reads the database named by DATABASE_URL (default file:data/chatplan.db).
 */
import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { loadConfig } from '../../config.ts'
import { createDb } from '../../db/client.ts'
import { migrateDb } from '../../db/migrate.ts'
import { loadKpiReport, resolveKpiRequest } from '../../db/kpis.ts'
import { KPI_TABLE_NAMES, isKpiTableName, kpiTable, summaryRows, tableToCsv } from '../../kpis/tables.ts'
import { KPI_DEFINITIONS } from '../../kpis/definitions.ts'
import { numberOption } from '../optionValues.ts'
import { KPI_THRESHOLD_SECONDS } from '../../schemas/queryParams.ts'

export const usage = `Usage: chatplan kpis [--queue NAME] [--from DATE] [--to DATE] [--threshold SECONDS] --format json|csv [--table NAME|all]
Prints the live-chat KPIs of the KPI page, computed from the contact records in the database (DATABASE_URL).
  --queue NAME         a queue with contact records (default: all queues)
  --from, --to DATE    local dates YYYY-MM-DD, both included (default: the last 30 days of data)
  --threshold SECONDS  SLA threshold for "answered within" (default 60)
  --format json        the whole report (every figure of the page) with the definitions
  --format csv         one table as CSV (default: summary); --table all prints every table, each after a "# name" line
Tables: ${KPI_TABLE_NAMES.join(', ')}.`

/** The options `chatplan kpis` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['queue', 'from', 'to', 'threshold', 'format', 'table'] }

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseOptions(args)
  if (positional.length) { io.err(`chatplan kpis: unexpected argument '${positional[0]}'\n\n${usage}\n`); return 1 }
  const format = options.format
  if (format !== 'json' && format !== 'csv') { io.err(`chatplan kpis: --format must be json or csv${typeof format === 'string' ? `, got '${format}'` : ''}\n`); return 1 }
  const table = typeof options.table === 'string' ? options.table : 'summary'
  if (table !== 'all' && !isKpiTableName(table)) { io.err(`chatplan kpis: --table must be one of ${KPI_TABLE_NAMES.join(', ')} or all, got '${table}'\n`); return 1 }
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined)
  numberOption(options, 'threshold', KPI_THRESHOLD_SECONDS) // refused by name, with the bound's words, before the database opens
  const config = loadConfig(io.env)
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  try {
    await migrateDb(db)
    const resolved = await resolveKpiRequest(db, { queue: text('queue'), from: text('from'), to: text('to'), threshold: text('threshold') })
    if (!resolved.ok) { io.err(`chatplan kpis: ${resolved.message}\n`); return 1 }
    const report = await loadKpiReport(db, resolved.query, { source: 'sql' })
    if (report.totals.offered === 0) io.err(`chatplan kpis: no contacts in ${report.scope.label} from ${report.scope.fromDateKey} to ${report.scope.toDateKey}\n`)
    if (format === 'json') {
      io.out(JSON.stringify({ scope: report.scope, summary: summaryRows(report), report, definitions: KPI_DEFINITIONS }, null, 2) + '\n')
    } else if (table === 'all') {
      io.out(KPI_TABLE_NAMES.map((name) => `# ${name}\n${tableToCsv(kpiTable(report, name))}`).join('\n'))
    } else {
      io.out(tableToCsv(kpiTable(report, table as (typeof KPI_TABLE_NAMES)[number])))
    }
    return 0
  } finally {
    db.client.close()
  }
}
