/**
 * `chatplan push` against a running app: the first 12,000 real bank contacts go in batches of 5,000 with progress;
 * a server failure on the second batch stops it (exit 1, 5,000 accepted), and the same command again resumes after
 * them and finishes, doubling nothing; a push of the whole file again counts every row unchanged. A bad token is
 * refused with the server's message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { createApiToken } from '../../src/db/apiTokens.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'

describe('chatplan push', () => {
  let dir: string
  let db: Db
  let server: ServerType
  let url: string
  let token: string
  let failNextSecondBatch = true
  let posts = 0
  let file: string
  const count = async (sql: string) => Number((await db.client.execute(sql)).rows[0][0])

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-push-'))
    db = await createDb('file:' + join(dir, 'push.db'))
    await migrateDb(db)
    const app = createApp({ db, uploadDir: join(dir, 'uploads') })
    token = (await createApiToken(db, { name: 'cron push', role: 'scheduler', createdBy: 'test' })).secret
    server = serve({ port: 0, hostname: '127.0.0.1', fetch: (req: Request) => {
      if (req.method === 'POST' && ++posts === 2 && failNextSecondBatch) { failNextSecondBatch = false; return new Response('{"title":"boom","detail":"the server restarted"}', { status: 503 }) }
      return app.fetch(req)
    } })
    await new Promise((r) => server.once('listening', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const lines = readFileSync(new URL('../../../shared/data/anon_bank_1999_contacts.csv', import.meta.url), 'utf8').split('\n', 12_001)
    file = join(dir, 'bank.csv')
    writeFileSync(file, lines.join('\n') + '\n')
  })
  afterAll(async () => { await new Promise((r) => server.close(r)); db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('sends in batches, stops on a server failure, and resumes where it stopped without doubling', async () => {
    const args = ['push', file, '--url', url, '--kind', 'contacts', '--batch', '5000', '--tz', 'x']
    const refused = memoryIo('', { CHATPLAN_TOKEN: token })
    expect(await runCli(args, refused)).toBe(1)
    expect(refused.stderr).toContain('unknown option --tz')
    const first = memoryIo('', { CHATPLAN_TOKEN: token })
    expect(await runCli(args.slice(0, -2), first)).toBe(1)
    expect(first.stderr).toContain('5000 rows accepted')
    expect(first.stderr).toMatch(/503 from .*the server restarted 5000 rows were accepted; run the same command again/)
    expect(existsSync(`${file}.chatplan-push.json`)).toBe(true)
    expect(await count('SELECT COUNT(*) FROM contacts')).toBe(5000)
    const second = memoryIo('', { CHATPLAN_TOKEN: token })
    expect(await runCli(args.slice(0, -2), second)).toBe(0)
    expect(second.stderr).toContain('resuming after the 5000 rows already accepted')
    expect(second.stdout).toBe('bank.csv: 12000 of 12000 rows accepted by ' + url + ' (5000 in an earlier run): 7000 new, 0 updated, 0 unchanged\n')
    expect(existsSync(`${file}.chatplan-push.json`)).toBe(false)
    expect(await count('SELECT COUNT(*) FROM contacts')).toBe(12_000)
    expect(await count(`SELECT COUNT(*) FROM audit_log WHERE username = 'token:cron push'`)).toBe(3)
  })

  it('counts a whole re-send as unchanged, and shows the server\'s refusal of a bad token', async () => {
    const again = memoryIo('', {})
    expect(await runCli(['push', file, '--url', url, '--kind', 'contacts', '--token', token, '--batch', '10000'], again)).toBe(0)
    expect(again.stdout).toContain(': 0 new, 0 updated, 12000 unchanged')
    expect(await count('SELECT COUNT(*) FROM contacts')).toBe(12_000)
    const bad = memoryIo('', {})
    expect(await runCli(['push', file, '--url', url, '--kind', 'contacts', '--token', 'cpt_wrong', '--restart'], bad)).toBe(1)
    expect(bad.stderr).toMatch(/401 from .*unknown or revoked/)
  })

  it('sends a 5-minute file to a new queue as 5-minute intervals (inferred as the import does), not the setting\'s 30', async () => {
    const lines = readFileSync(new URL('../../../shared/data/bank_calls_5min.csv', import.meta.url), 'utf8').split('\n', 339)
    const five = join(dir, 'five.csv')
    writeFileSync(five, lines.join('\n') + '\n')
    // a server of its own, without the failure the tests above inject
    const own = serve({ port: 0, hostname: '127.0.0.1', fetch: createApp({ db, uploadDir: join(dir, 'uploads') }).fetch })
    await new Promise((r) => own.once('listening', r))
    const io = memoryIo('', {})
    const code = await runCli(['push', five, '--url', `http://127.0.0.1:${(own.address() as AddressInfo).port}`, '--kind', 'intervals', '--queue', 'Bank 5', '--token', token, '--batch', '100'], io)
    ;(own as unknown as { closeAllConnections?: () => void }).closeAllConnections?.() // keep-alive sockets would hold close()
    await new Promise((r) => own.close(r))
    expect(io.stdout).toContain('five.csv: 338 of 338 rows accepted')
    expect(code).toBe(0)
    expect((await db.client.execute(`SELECT DISTINCT a.interval_minutes FROM interval_aggregates a JOIN queues q ON q.id = a.queue_id WHERE q.name = 'Bank 5'`)).rows.map((r) => r.interval_minutes)).toEqual([5])
    expect(await count(`SELECT COUNT(*) FROM interval_aggregates a JOIN queues q ON q.id = a.queue_id WHERE q.name = 'Bank 5'`)).toBe(338)
  })
})
