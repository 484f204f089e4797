import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { loadConfig } from '../../config.ts'
import { createDb } from '../../db/client.ts'
import { migrateDb } from '../../db/migrate.ts'
import { importFile } from '../../db/importBatch.ts'
import { ImportError, describeRowError } from '../../imports/rowErrors.ts'
import { basename, resolve } from 'node:path'
import { numberOption, textOption } from '../optionValues.ts'
import { INTERVAL_ROW } from '../../schemas/rows.ts'
import { QUEUE_NAME } from '../../schemas/queues.ts'

export const usage = `Usage: chatplan import FILE --kind contacts|intervals [--queue NAME] [--tz ZONE]
                      [--interval-minutes N] [--map FIELD=HEADER ...] [--skip-invalid]
Imports a CSV file into the database (DATABASE_URL, default file:data/chatplan.db), all or nothing.
  --kind contacts    one row per chat (arrived/started at, first response, ended at or handle seconds, outcome, ...)
  --kind intervals   one row per interval (interval start, offered, handled, abandoned, AHT seconds)
  --queue NAME       queue for rows without a queue column (created if new)
  --tz ZONE          IANA time zone of the file's local times (default: the queue's zone, else UTC)
  --map FIELD=HEADER map a column whose header is not recognised (e.g. --map arrivedAt="Start Time")
  --skip-invalid     import the valid rows and report the invalid ones as rejected
On bad input prints each problem (file, row, column) on stderr, writes nothing and exits with code 1.
Importing the same file twice changes nothing.`

/** The options `chatplan import` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['kind', 'queue', 'tz', 'interval-minutes', 'map'], flags: ['skip-invalid'], repeatable: ['map'] }

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseOptions(args, ['skip-invalid'])
  const maps: Record<string, string> = {}
  // --map may be repeated: collect every occurrence from the raw arguments.
  args.forEach((a, i) => {
    const value = a === '--map' ? args[i + 1] : a.startsWith('--map=') ? a.slice(6) : undefined
    if (value) { const eq = value.indexOf('='); if (eq > 0) maps[value.slice(0, eq)] = value.slice(eq + 1) }
  })
  const [file] = positional
  if (!file) { io.err('chatplan import: give the CSV file to import\n\n' + usage + '\n'); return 1 }
  const kind = options.kind
  if (kind !== 'contacts' && kind !== 'intervals') { io.err(`chatplan import: --kind must be contacts or intervals${typeof kind === 'string' ? `, got '${kind}'` : ''}\n`); return 1 }
  let intervalMinutes: number | null, queueName: string | null
  try {
    intervalMinutes = numberOption(options, 'interval-minutes', INTERVAL_ROW.intervalMinutes) ?? null
    queueName = textOption(options, 'queue', QUEUE_NAME) ?? null
  } catch (error) { io.err(`chatplan import: ${(error as Error).message}\n`); return 1 }
  const config = loadConfig(io.env)
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  try {
    await migrateDb(db)
    const result = await importFile(db, {
      kind, path: resolve(io.cwd, file), fileName: basename(file),
      queueName,
      timeZone: typeof options.tz === 'string' ? options.tz : null,
      intervalMinutes, columnOverrides: maps, skipInvalidRows: options['skip-invalid'] === true,
    })
    if (result.status === 'duplicate') {
      io.out(`${basename(file)}: already imported on ${new Date(result.importedAtMs).toISOString()} (as ${result.fileName}); nothing changed\n`)
      return 0
    }
    io.out(`${basename(file)}: imported ${result.rowsImported} of ${result.rowsInFile} rows into ${result.queues.join(', ')} in ${(result.durationMs / 1000).toFixed(1)} s` +
      ` (${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged${result.preset ? `; recognised as ${result.preset}` : ''})` +
      (result.rowsRejected ? `; ${result.rowsRejected} rejected:\n` + result.rejected.slice(0, 20).map((e) => '  ' + describeRowError(e)).join('\n') : '') + '\n')
    return 0
  } catch (error) {
    if (error instanceof ImportError) {
      io.err(error.errors.map(describeRowError).join('\n') + '\n')
      if (error.totalErrors > error.errors.length) io.err(`… and ${error.totalErrors - error.errors.length} more problems\n`)
      io.err('Nothing was imported.\n')
      return 1
    }
    throw error
  } finally {
    db.client.close()
  }
}
