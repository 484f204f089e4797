import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseCommandOptions } from './options.ts'
/** What a command reads and writes, so tests can run commands in-process with strings. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** The whole of standard input as text. */
  readStdin(): Promise<string>
  env: Record<string, string | undefined>
  cwd: string
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    },
    env: process.env,
    cwd: process.cwd(),
  }
}

/** An in-memory CliIo for tests: collects what was written. */
export function memoryIo(stdin = '', env: Record<string, string | undefined> = {}): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) { io.stdout += text },
    err(text: string) { io.stderr += text },
    readStdin: async () => stdin,
    env,
    cwd: process.cwd(),
  }
  return io
}

/**
 * Parses `--name value` and `--flag` options; positional arguments are returned in order. The lenient form of the
 * one option parser (src/cli/options.ts): unknown options are refused before a command runs, by the spec the
 * command exports (checked in main.ts).
 */
export function parseOptions(args: string[], flags: string[] = []): { options: Record<string, string | true>; positional: string[] } {
  const { options, positional } = parseCommandOptions(args, undefined, flags)
  return { options, positional }
}

/** A refusal of a command's input: the command prints its message and exits 1. */
export class InputError extends Error {}

/**
 * The text of an input file named on the command line (relative to the command's working directory).
 * @throws InputError naming the file and what it was for ("the shifts file") when it cannot be read
 */
export function readInputFile(path: string, io: CliIo, what: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`${path}: the ${what} file cannot be read: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
}
