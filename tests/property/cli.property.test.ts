/**
 * Bad input at the command line (fast-check, seeded): random and malformed arguments and standard input for every
 * command (except `serve` and `bench`, which run until stopped). Each run ends with exit code 0, or exit code 1 and
 * a message on stderr: never an exception, and a refused command writes nothing to the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'

const SEED = 424242
const COMMANDS = ['import', 'kpis', 'forecast', 'staff', 'plan', 'schedule', 'flags', 'backup', 'restore', 'nope']
const OPTIONS = ['--kind', '--queue', '--tz', '--from', '--to', '--format', '--interval-minutes', '--map', '--skip-invalid', '--horizon', '--model',
  '--force', '--yes', '--compact', '--sla', '--threshold', '--json', '--csv', '--days', '--help']

describe('random arguments and input at the command line', () => {
  let dir: string
  let db: Db
  let small: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-property-cli-'))
    db = await createDb('file:' + join(dir, 'cli.db'))
    await migrateDb(db)
    small = join(dir, 'small.csv')
    writeFileSync(small, 'interval_start,offered\n2024-01-01T00:00:00,3\n2024-01-01T00:30:00,x\n')
    writeFileSync(join(dir, 'junk.json'), '{"not": "an array"')
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('every command answers with exit code 0, or 1 and a message, and a refusal writes nothing', async () => {
    const argument = fc.oneof(
      fc.constantFrom(...OPTIONS),
      fc.constantFrom('contacts', 'intervals', 'UTC', 'Mars/Base', '2024-01-01', '2024-02-30', 'x', '-1', '0', '1e99', 'NaN', 'arrivedAt=Start', '=', 'csv', 'json'),
      fc.constantFrom('small.csv', 'junk.json', 'missing.csv', '/', '.', 'backup.db'),
      fc.string({ maxLength: 10 }),
    )
    const stdin = fc.oneof(fc.constant(''), fc.string({ maxLength: 60 }), fc.constantFrom('[]', '[{}]', '[{"model":"erlang_c"}]', '{"a":', 'null', '[{"model":"erlang_c","calls_per_interval":-5}]'))
    const before = async () => JSON.stringify((await db.client.execute('SELECT (SELECT COUNT(*) FROM queues), (SELECT COUNT(*) FROM import_batches), (SELECT COUNT(*) FROM interval_aggregates)')).rows[0])
    await fc.assert(fc.asyncProperty(fc.constantFrom(...COMMANDS), fc.array(argument, { maxLength: 6 }), stdin, async (command, args, input) => {
      const was = await before()
      const io = memoryIo(input, { DATABASE_URL: 'file:' + join(dir, 'cli.db'), CHATPLAN_DEMO: 'off' })
      io.cwd = dir
      const line = `chatplan ${[command, ...args].join(' ')}`
      let code: number
      try {
        code = await runCli([command, ...args], io)
      } catch (error) {
        throw new Error(`${line} threw: ${(error as Error).stack}`)
      }
      expect([0, 1], line).toContain(code)
      if (code === 1) {
        expect(io.stderr.trim().length, `${line}: exit 1 without a message`).toBeGreaterThan(0)
        expect(io.stderr, line).not.toMatch(/at .*\.ts:\d+|TypeError: Cannot read|undefined is not/)
        expect(await before(), `${line}: refused but wrote`).toBe(was)
      }
    }), { seed: SEED, numRuns: 150 })
  })
})

