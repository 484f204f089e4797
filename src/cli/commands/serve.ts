import type { CliIo } from '../io.ts'
import type { OptionSpec } from '../options.ts'
import { parseOptions } from '../io.ts'
import { startServer } from '../../main.ts'

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
    const stop = () => { server.close().then(resolve) }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}
