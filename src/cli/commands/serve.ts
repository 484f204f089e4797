import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { startServer } from '../../main.ts'
import { stopWorkers } from '../../workers/runInWorker.ts'
import { stopKpiWorker } from '../../planning/kpiReports.ts'

export const usage = `Usage: chatplan serve [--port N]
Starts the web app. Applies migrations; on an empty database loads the demo (set CHATPLAN_DEMO=off to skip).
Environment: PORT (default 3000), DATABASE_URL (default file:data/chatplan.db; http://host:port for a libSQL
server), DATABASE_AUTH_TOKEN (for a libSQL server), CHATPLAN_DEMO (on/off).`

/** The options `chatplan serve` knows (src/cli/options.ts refuses any other by name). */
export const options: OptionSpec = { values: ['port'] }

export async function run(args: string[], io: CliIo): Promise<number> {
  const { options } = parseOptions(args)
  const env = { ...io.env }
  if (typeof options.port === 'string') env.PORT = options.port
  const server = await startServer(env, (line) => io.out(line + '\n'))
  await new Promise<void>((resolve) => {
    // SIGTERM/SIGINT stop the server within 5 s whatever runs: open connections are closed, workers terminated, and
    // if anything still holds the process after 4 s it exits anyway (nothing half-written: every write is one transaction).
    const stop = () => {
      io.out('stopping…\n')
      setTimeout(() => { io.err('the server did not stop within 4 s: exiting now\n'); process.exit(0) }, 4000).unref()
      Promise.allSettled([server.close(), stopWorkers(), stopKpiWorker()]).then(() => resolve())
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  // Whatever is left (a forecast worker finishing, a timer) must not keep a stopped server's process alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 300).unref()
  return 0
}
