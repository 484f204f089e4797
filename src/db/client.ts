/**
 * The database handle: drizzle over a libSQL client. `file:` URLs are the embedded default; `http(s)://` or
 * `libsql://` URLs reach a libSQL server (sqld). Repository functions take a `Db` first.
 */
import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import * as schema from './schema.ts'

export interface Db {
  orm: LibSQLDatabase<typeof schema>
  /** The raw client, for bulk inserts (multi-row INSERTs are ~4x faster than drizzle's batches) and transactions. */
  client: Client
  url: string
  /** The libSQL server's token, if any (a worker opening the same database needs it). */
  authToken?: string
  isRemote: boolean
}

export async function createDb(url: string, authToken?: string): Promise<Db> {
  const isRemote = !url.startsWith('file:') && url !== ':memory:'
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length)
    if (path && !path.startsWith(':memory:')) mkdirSync(dirname(path), { recursive: true })
  }
  // `timeout` is the busy timeout of every connection the client opens: its pool opens new ones for transactions,
  // and the PRAGMA below reaches only the first (a write during another process's import then failed at once).
  const client = createClient({ url, authToken, ...(isRemote ? {} : { timeout: 10_000 }) })
  if (!isRemote) {
    // WAL lets readers (pages) go on while an import writes; busy_timeout waits instead of failing on a lock.
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute('PRAGMA busy_timeout = 10000')
    await client.execute('PRAGMA synchronous = NORMAL')
  }
  return { orm: drizzle(client, { schema }), client, url, ...(authToken ? { authToken } : {}), isRemote }
}

export function closeDb(db: Db): void {
  db.client.close()
}
