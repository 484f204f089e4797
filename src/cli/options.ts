/**
 * The one option parser of the command line. Every command module exports `options: OptionSpec` (the options it
 * knows); `chatplan` checks the arguments against it before the command runs, so an unknown or mistyped option is
 * refused by name with the nearest known one suggested (`unknown option --interval-minute (did you mean
 * --interval-minutes?)`), never silently ignored. `--help` / `-h` are known to every command.
 *
 * Accepted shapes: `--name value`, `--name=value`, `--flag`; a value may start with a single `-` (a negative
 * number). Anything not starting with `-` is a positional argument; a lone `--` ends the options.
 */

export interface OptionSpec {
  /** Options that take a value (`--queue NAME`). */
  values?: readonly string[]
  /** Options without a value (`--aht`). */
  flags?: readonly string[]
  /** Value options that may be given more than once (`--map A=B --map C=D`); the others may not. */
  repeatable?: readonly string[]
}

/** A refused command line: the message names the option. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface ParsedOptions {
  /** The last value of each option (`true` for a flag). */
  options: Record<string, string | true>
  /** Every value of each value option, in order. */
  all: Record<string, string[]>
  positional: string[]
}

/** Edit distance (Levenshtein) between two short strings. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]
}

/** The known option nearest to `name` (a prefix, or within about a third of its length in edits), or null. */
export function nearestOption(name: string, known: readonly string[]): string | null {
  let best: string | null = null, bestDistance = Infinity
  for (const candidate of known) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? Math.min(1, Math.abs(candidate.length - name.length)) : editDistance(name, candidate)
    if (distance < bestDistance) { best = candidate; bestDistance = distance }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null
}

function unknownOption(name: string, known: readonly string[]): UsageError {
  const near = nearestOption(name, known)
  const list = known.length ? `known options: ${known.map((k) => '--' + k).join(', ')}` : 'this command takes no options'
  return new UsageError(`unknown option --${name}${near ? ` (did you mean --${near}?)` : ''}; ${list}`)
}

/**
 * Parses arguments. With a spec, an option it does not know, a flag given a value, a value option without one or
 * a non-repeatable option given twice is a UsageError. Without a spec (lenient: `flags` only), every `--name`
 * not in `flags` takes the next argument as its value.
 * @throws UsageError
 */
export function parseCommandOptions(args: readonly string[], spec?: OptionSpec, lenientFlags: readonly string[] = []): ParsedOptions {
  const values = new Set(spec?.values ?? [])
  const flags = new Set(spec ? spec.flags ?? [] : lenientFlags)
  const repeatable = new Set(spec?.repeatable ?? [])
  const known = [...values, ...flags, 'help']
  const options: Record<string, string | true> = {}
  const all: Record<string, string[]> = {}
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--') { positional.push(...args.slice(i + 1)); break }
    if (spec && (arg === '-h' || arg === '--help')) { options.help = true; continue }
    if (arg.startsWith('-') && !arg.startsWith('--') && arg.length > 1 && spec) throw unknownOption(arg.slice(1), known)
    if (!arg.startsWith('--')) { positional.push(arg); continue }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    if (name === '') throw new UsageError(`'${arg}' is not an option`)
    let value: string | true
    if (flags.has(name)) {
      if (eq > 0) throw new UsageError(`option --${name} takes no value (got '${arg}')`)
      value = true
    } else {
      if (spec && !values.has(name)) throw unknownOption(name, known)
      if (eq > 0) value = arg.slice(eq + 1)
      else {
        const next = args[i + 1]
        if (next === undefined || next.startsWith('--')) throw new UsageError(`option --${name} needs a value`)
        value = next
        i++
      }
      if (spec && name in options && !repeatable.has(name)) throw new UsageError(`option --${name} is given twice ('${options[name]}' and '${value}')`)
      ;(all[name] ??= []).push(value)
    }
    options[name] = value
  }
  return { options, all, positional }
}

/** The option names a usage text mentions (`--queue NAME`, `[--aht]`): the known options of a command without a spec. */
export function optionsInUsage(usage: string): string[] {
  return [...new Set([...usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]))]
}

/**
 * Checks a command line against a command: by its spec when it exports one, otherwise by the options its usage
 * text mentions (every option name given must be one of them; values are the command's to read).
 * @throws UsageError naming an unknown option and the nearest known one
 */
export function checkCommandOptions(args: readonly string[], command: { usage: string; options?: OptionSpec }): void {
  if (command.options) { parseCommandOptions(args, command.options); return }
  const known = [...optionsInUsage(command.usage).filter((name) => name !== 'help'), 'help']
  for (const arg of args) {
    if (arg === '--') return
    if (!arg.startsWith('--')) continue
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    if (!known.includes(name)) throw unknownOption(name, known)
  }
}

