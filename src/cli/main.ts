/**
 * The `chatplan` command line. Each command lives in its own module under ./commands/ and exports
 * `usage` (one paragraph of help) and `run(args, io)` returning an exit code.
 * Commands are loaded lazily so `chatplan --help` stays fast.
 */
import type { CliIo } from './io.ts'
import { processIo } from './io.ts'
import { checkCommandOptions, type OptionSpec } from './options.ts'

export interface CliCommand {
  usage: string
  /**
   * The options the command knows: anything else is refused by name before it runs. A command without a spec is
   * checked against the options its usage mentions (tests/cli/options.test.ts checks every command listed below).
   */
  options?: OptionSpec
  run(args: string[], io: CliIo): Promise<number>
}

export const commands: Record<string, { summary: string }> = {
  serve: { summary: 'start the web app (migrates, loads the demo into an empty database)' },
  import: { summary: 'import a CSV of contacts or interval aggregates' },
  kpis: { summary: 'print live-chat KPIs for a queue and date range (json or csv)' },
  forecast: { summary: 'forecast interval volume (and AHT) from a history CSV' },
  intraday: { summary: 're-forecast the rest of today from the intervals already closed' },
  staff: { summary: 'agents required for staffing cases read as JSON from stdin' },
  plan: { summary: 'print the staffing plan of a queue as CSV' },
  schedule: { summary: 'generate shifts that cover a requirement CSV at least cost' },
  roster: { summary: 'put named agents on shifts by optimisation (rules, time off, preferences)' },
  flags: { summary: 'print intervals whose need exceeds the planned cover' },
  capacity: { summary: 'weekly headcount vs FTE required, and the fewest hires that close the gaps' },
  backup: { summary: 'copy the database to a file' },
  restore: { summary: 'replace the database with a backup file' },
  bench: { summary: 'run the benchmarks and print their figures' },
  tokens: { summary: 'create, list or revoke API tokens' },
  push: { summary: 'send a CSV to a running Chatplan through its API, in batches (resumable)' },
}

function generalHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length))
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return ['Usage: chatplan <command> [options]', '', 'Commands:', ...lines, '', 'Run `chatplan <command> --help` for the options of one command.'].join('\n')
}

/**
 * Runs one command. `loaders` replaces the lazy import of some commands (the compiled CLI passes its bundled ones);
 * the others are imported from ./commands/NAME.ts.
 */
export async function runCli(argv: string[], io: CliIo = processIo(), loaders: Record<string, () => Promise<CliCommand>> = {}): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(generalHelp() + '\n')
    return name ? 0 : 1
  }
  const entry = commands[name]
  if (!entry) {
    io.err(`chatplan: unknown command '${name}'\n\n${generalHelp()}\n`)
    return 1
  }
  let command: CliCommand
  try {
    // A path in a variable, so the compiled CLI's bundler leaves the other commands out (they run through tsx).
    const modulePath = `./commands/${name}.ts`
    command = loaders[name] ? await loaders[name]() : ((await import(modulePath)) as CliCommand)
  } catch (error) {
    io.err(`chatplan: the command '${name}' could not be loaded: ${(error as Error).message}\n`)
    return 1
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.trimEnd() + '\n')
    return 0
  }
  try {
    checkCommandOptions(rest, command)
  } catch (error) {
    io.err(`chatplan ${name}: ${(error as Error).message}\nRun \`chatplan ${name} --help\` for its options.\n`)
    return 1
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    io.err(`chatplan ${name}: ${(error as Error).message}\n`)
    return 1
  }
}
