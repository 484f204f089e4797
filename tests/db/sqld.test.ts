/**
 * The database layer against a real libSQL server (sqld, started by the test): migrations, the all-or-nothing
 * import, versioned edits, accounts, sessions and the audit log behave exactly as on the embedded file; the auth
 * token variable reaches a server that requires one; backup and restore work from and to a server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { ImportError } from '../../src/imports/rowErrors.ts'
import { createQueue } from '../../src/db/queues.ts'
import { createEvent, updateEvent } from '../../src/db/events.ts'
import { FLAT_SHAPE, localDateTimeToUtcMs } from '../../src/events/calendar.ts'
import { checkCredentials, createSession, createUser, deleteSession, findSession, updateUser, UserInputError } from '../../src/db/users.ts'
import { hashPassword } from '../../src/auth/password.ts'
import { listAudit, recordAudit } from '../../src/db/audit.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { run as runBackup } from '../../src/cli/commands/backup.ts'
import { run as runRestore } from '../../src/cli/commands/restore.ts'
import { startSqld, type SqldServer } from './sqldServer.ts'

const count = async (db: Db, sql: string) => Number((await db.client.execute(sql)).rows[0][0])

describe('the database on a libSQL server (sqld)', () => {
  let server: SqldServer
  let db: Db
  let dir: string
  beforeAll(async () => {
    server = await startSqld()
    dir = mkdtempSync(join(tmpdir(), 'chatplan-sqld-test-'))
    db = await createDb(server.url)
    await migrateDb(db)
  })
  afterAll(async () => {
    db?.client.close()
    await server?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is reached over http and migrated to the same tables as a file', async () => {
    expect(db.isRemote).toBe(true)
    const local = await createDb(':memory:')
    await migrateDb(local)
    const tables = async (d: Db) => (await d.client.execute(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'libsql_%' ORDER BY name`)).rows.map((r) => r.name)
    expect(await tables(db)).toEqual(await tables(local))
    expect(await tables(db)).toEqual(expect.arrayContaining(['users', 'sessions', 'audit_log', 'events', 'contacts']))
    local.client.close()
    await migrateDb(db) // a second start migrates nothing
  })

  it('imports a file all or nothing, and refuses the same file twice', async () => {
    const good = join(dir, 'good.csv')
    writeFileSync(good, 'interval_start,offered,aht_seconds\n' + Array.from({ length: 480 }, (_, i) => `${new Date(Date.UTC(2024, 0, 1) + i * 1800_000).toISOString().slice(0, 19)},${i % 17},${300 + (i % 60)}`).join('\n') + '\n')
    const result = await importFile(db, { kind: 'intervals', path: good, fileName: 'good.csv', queueName: 'Server queue', timeZone: 'Europe/Berlin' })
    expect(result).toMatchObject({ status: 'imported', rowsImported: 480, rowsRejected: 0 })
    expect(await count(db, 'SELECT COUNT(*) FROM interval_aggregates')).toBe(480)
    expect((await importFile(db, { kind: 'intervals', path: good, fileName: 'good.csv', queueName: 'Server queue', timeZone: 'Europe/Berlin' })).status).toBe('duplicate')

    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'interval_start,offered\n2024-02-01T00:00:00,4\n2024-02-01T00:30:00,four\n')
    const before = await count(db, 'SELECT (SELECT COUNT(*) FROM interval_aggregates) + (SELECT COUNT(*) FROM import_batches) + (SELECT COUNT(*) FROM queues)')
    await expect(importFile(db, { kind: 'intervals', path: bad, fileName: 'bad.csv', queueName: 'Another queue', timeZone: 'UTC' })).rejects.toThrow(ImportError)
    expect(await count(db, 'SELECT (SELECT COUNT(*) FROM interval_aggregates) + (SELECT COUNT(*) FROM import_batches) + (SELECT COUNT(*) FROM queues)')).toBe(before)
  })

  it('refuses an edit made from an older version of an event', async () => {
    const queue = await createQueue(db, { name: 'Events queue', timeZone: 'UTC' })
    const draft = { queueId: queue.id, type: 'promotion' as const, name: 'Sale', startUtcMs: localDateTimeToUtcMs('2024-05-06T09:00', 'UTC', 'start'), endUtcMs: localDateTimeToUtcMs('2024-05-07T09:00', 'UTC', 'end'), timeZone: 'UTC', effect: { kind: 'multiplier' as const, value: 1.3 }, shape: { ...FLAT_SHAPE } }
    const created = await createEvent(db, draft)
    const first = await updateEvent(db, created.id as number, { ...draft, name: 'Sale (Alice)' }, 1)
    expect(first.version).toBe(2)
    await expect(updateEvent(db, created.id as number, { ...draft, name: 'Sale (Bob)' }, 1)).rejects.toThrow("'Sale (Alice)' was changed by someone else since you opened it (version 2, yours 1): reload and edit again")
  })

  it('keeps accounts, sessions and the audit log', async () => {
    await createUser(db, { username: 'alice', password: 'a long password', role: 'scheduler' }, { passwordHash: await hashPassword('a long password', { N: 1024, r: 8, p: 1 }) })
    await expect(createUser(db, { username: 'alice', password: 'another password', role: 'viewer' })).rejects.toThrow("there is already an account 'alice'")
    expect(await checkCredentials(db, 'alice', 'wrong password')).toBeNull()
    const alice = (await checkCredentials(db, 'alice', 'a long password'))!
    expect(alice).toMatchObject({ username: 'alice', role: 'scheduler' })
    const session = await createSession(db, alice.id)
    expect((await findSession(db, session.token))?.user.username).toBe('alice')
    await deleteSession(db, session.token)
    expect(await findSession(db, session.token)).toBeNull()
    await expect(updateUser(db, alice.id, { role: 'root' as never })).rejects.toThrow(UserInputError)
    await recordAudit(db, { userId: alice.id, username: 'alice', action: 'event.update', entity: 'event', entityId: 7, summary: "'Sale'" })
    expect((await listAudit(db, { limit: 1 }))[0]).toMatchObject({ username: 'alice', action: 'event.update', entityId: '7' })
  })

  it('backs up the server to a file and restores the file into another server, row for row', async () => {
    const file = join(dir, 'server-backup.db')
    const env = { DATABASE_URL: server.url }
    const backupIo = memoryIo('', env)
    expect(await runBackup([file], { ...backupIo, cwd: dir }), backupIo.stderr).toBe(0)
    expect(backupIo.stdout).toMatch(/^Backed up \d+ tables, [\d,]+ rows to .*server-backup\.db .* Integrity check: ok\.\n$/)
    const other = await startSqld()
    try {
      const restoreIo = memoryIo('', { DATABASE_URL: other.url })
      expect(await runRestore([file], { ...restoreIo, cwd: dir })).toBe(0)
      const copy = await createDb(other.url)
      for (const table of ['interval_aggregates', 'import_batches', 'queues', 'events', 'users', 'audit_log', '__drizzle_migrations']) {
        expect(await count(copy, `SELECT COUNT(*) FROM ${table}`), table).toBe(await count(db, `SELECT COUNT(*) FROM ${table}`))
      }
      expect(await count(copy, 'SELECT SUM(offered) FROM interval_aggregates')).toBe(await count(db, 'SELECT SUM(offered) FROM interval_aggregates'))
      // A second restore over a database with data needs --yes, and changes nothing without it.
      const refused = memoryIo('', { DATABASE_URL: other.url })
      expect(await runRestore([file], { ...refused, cwd: dir })).toBe(1)
      expect(refused.stderr).toContain('holds data that the restore would replace')
      copy.client.close()
    } finally { await other.dispose() }
  })
})

/** A JWT signed with Ed25519 (what sqld checks when started with SQLD_AUTH_JWT_KEY). */
function signedJwt(privateKey: ReturnType<typeof generateKeyPairSync>['privateKey']): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const unsigned = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000) })}`
  return `${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`
}

describe('a libSQL server that requires a token', () => {
  it('is reached with DATABASE_AUTH_TOKEN and refuses a client without it', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const rawPublic = (publicKey.export({ format: 'jwk' }) as { x: string }).x
    const server = await startSqld({ jwtPublicKey: rawPublic })
    try {
      const withToken = await createDb(server.url, signedJwt(privateKey))
      await migrateDb(withToken)
      expect(await count(withToken, 'SELECT COUNT(*) FROM queues')).toBe(0)
      withToken.client.close()
      const without = await createDb(server.url)
      await expect(without.client.execute('SELECT 1')).rejects.toThrow(/401|auth|Unauthorized/i)
      without.client.close()
    } finally { await server.dispose() }
  })
})
