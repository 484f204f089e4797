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

/** Parses `--name value` and `--flag` options; positional arguments are returned in order. */
export function parseOptions(args: string[], flags: string[] = []): { options: Record<string, string | true>; positional: string[] } {
  const options: Record<string, string | true> = {}
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      if (eq > 0) { options[arg.slice(2, eq)] = arg.slice(eq + 1); continue }
      const name = arg.slice(2)
      if (flags.includes(name)) { options[name] = true; continue }
      const value = args[i + 1]
      if (value === undefined || value.startsWith('--')) throw new Error(`option --${name} needs a value`)
      options[name] = value
      i++
    } else positional.push(arg)
  }
  return { options, positional }
}
