import { describe, expect, it } from 'vitest'
import { commands, runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { checkCommandOptions, editDistance, nearestOption, optionsInUsage, parseCommandOptions, UsageError } from '../../src/cli/options.ts'

const env = { DATABASE_URL: 'file:/nonexistent-dir-for-option-tests/x.db' }

describe('the one option parser', () => {
  it('parses values, flags, = forms, negative values and repeated options', () => {
    const spec = { values: ['queue', 'gap', 'map'], flags: ['aht'], repeatable: ['map'] }
    expect(parseCommandOptions(['f.csv', '--queue', 'US bank', '--gap=0.1', '--aht', '--map', 'a=b', '--map=c=d', '--', '--x'], spec)).toEqual({
      options: { queue: 'US bank', gap: '0.1', aht: true, map: 'c=d' }, all: { queue: ['US bank'], gap: ['0.1'], map: ['a=b', 'c=d'] }, positional: ['f.csv', '--x'],
    })
    expect(parseCommandOptions(['--gap', '-1'], spec).options.gap).toBe('-1')
  })

  it('refuses unknown options by name with the nearest known one, flags with values, missing values and repeats', () => {
    const spec = { values: ['history', 'future', 'interval-minutes', 'holiday'], flags: ['aht'] }
    const refusal = (args: string[]) => { try { parseCommandOptions(args, spec); return '' } catch (e) { expect(e).toBeInstanceOf(UsageError); return (e as Error).message } }
    expect(refusal(['--interval-minute', '30'])).toBe('unknown option --interval-minute (did you mean --interval-minutes?); known options: --history, --future, --interval-minutes, --holiday, --aht, --help')
    expect(refusal(['--holliday', 'US'])).toContain('unknown option --holliday (did you mean --holiday?)')
    expect(refusal(['--histroy', 'h.csv'])).toContain('(did you mean --history?)')
    expect(refusal(['--bogus', '1'])).toMatch(/^unknown option --bogus; known options/)
    expect(refusal(['-x'])).toContain('unknown option --x')
    expect(refusal(['--aht=yes'])).toBe("option --aht takes no value (got '--aht=yes')")
    expect(refusal(['--history'])).toBe('option --history needs a value')
    expect(refusal(['--future', 'a', '--future', 'b'])).toBe("option --future is given twice ('a' and 'b')")
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(nearestOption('zzzzzz', ['queue'])).toBeNull()
  })
})

describe('every command', () => {
  const names = Object.keys(commands)

  it.each(names)('%s refuses an unknown option by name, exits 1 and runs nothing', async (name) => {
    const io = memoryIo('', env)
    expect(await runCli([name, '--bogus', '1'], io)).toBe(1)
    expect(io.stderr).toMatch(new RegExp(`^chatplan ${name}: unknown option --bogus[ ;(]`))
    expect(io.stderr).toContain(`Run \`chatplan ${name} --help\` for its options.`)
    expect(io.stdout).toBe('')
  })

  it.each(names)('%s answers --help with its usage, and its spec (if it exports one) knows every option the usage mentions', async (name) => {
    const command = await import(`../../src/cli/commands/${name}.ts`)
    const io = memoryIo('', env)
    expect(await runCli([name, '--help'], io)).toBe(0)
    expect(io.stdout).toContain(`chatplan ${name}`)
    if (command.options) {
      const known = [...(command.options.values ?? []), ...(command.options.flags ?? []), 'help']
      expect(optionsInUsage(command.usage).filter((o) => !known.includes(o)), name).toEqual([])
    }
  })

  it('a command without a spec is checked against the options its usage mentions', () => {
    const command = { usage: 'Usage: chatplan x --queue NAME [--dry-run]' }
    expect(() => checkCommandOptions(['--queue', 'A', '--dry-run'], command)).not.toThrow()
    expect(() => checkCommandOptions(['--queue=A', '--dryrun'], command)).toThrow('unknown option --dryrun (did you mean --dry-run?)')
  })

  it('suggests the option a user meant', async () => {
    const forecast = memoryIo('', env)
    expect(await runCli(['forecast', '--history', 'h.csv', '--future', 'f.csv', '--interval-minute', '30'], forecast)).toBe(1)
    expect(forecast.stderr).toContain('unknown option --interval-minute (did you mean --interval-minutes?)')
    const kpis = memoryIo('', env)
    expect(await runCli(['kpis', '--format', 'csv', '--treshold', '30'], kpis)).toBe(1)
    expect(kpis.stderr).toContain('unknown option --treshold (did you mean --threshold?)')
    const importing = memoryIo('', env)
    expect(await runCli(['import', 'x.csv', '--kind', 'contacts', '--skip-invalids'], importing)).toBe(1)
    expect(importing.stderr).toContain('(did you mean --skip-invalid?)')
  })
})
