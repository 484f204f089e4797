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

/**
 * How long one statement may wait for another connection's write lock inside SQLite (its busy handler sleeps on
 * the calling thread: libSQL's file calls are synchronous). Kept short so a write during an import in the worker
 * thread or another process never holds the server's thread; the wait goes on between attempts (below).
 */
const BUSY_WAIT_PER_ATTEMPT_MS = 20
/** How long a statement, batch or write transaction waits in all for a lock before failing (as SQLite's busy timeout did). */
export const BUSY_WAIT_TOTAL_MS = 10_000

const isBusy = (error: unknown) => {
  const e = error as { code?: string; rawCode?: number } | null
  return !!e && (e.code === 'SQLITE_BUSY' || (typeof e.rawCode === 'number' && (e.rawCode & 0xff) === 5))
}

/**
 * Runs `attempt` again while it fails because another connection holds the write lock, sleeping between attempts
 * (the event loop stays free: pages and /health go on answering), up to BUSY_WAIT_TOTAL_MS in all; then throws the
 * last error. Only for work that leaves nothing behind when it fails: one statement, a batch (rolled back whole),
 * the BEGIN of a transaction.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, totalMs = BUSY_WAIT_TOTAL_MS): Promise<T> {
  const deadline = Date.now() + totalMs
  for (let pauseMs = 5; ; pauseMs = Math.min(100, pauseMs * 2)) {
    try {
      return await attempt()
    } catch (error) {
      if (!isBusy(error) || Date.now() + pauseMs > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
  }
}

/** The client with its statements, batches and transaction starts retried while busy (retryWhileBusy). */
function waitingAsync(client: Client): Client {
  const overrides: Partial<Client> = {
    execute: ((...args: Parameters<Client['execute']>) => retryWhileBusy(() => (client.execute as (...a: unknown[]) => ReturnType<Client['execute']>)(...args))) as Client['execute'],
    batch: ((...args: Parameters<Client['batch']>) => retryWhileBusy(() => client.batch(...args))) as Client['batch'],
    transaction: ((...args: Parameters<Client['transaction']>) => retryWhileBusy(() => client.transaction(...args))) as Client['transaction'],
  }
  return new Proxy(client, {
    get(target, property) {
      if (property in overrides) return overrides[property as keyof Client]
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

export async function createDb(url: string, authToken?: string): Promise<Db> {
  const isRemote = !url.startsWith('file:') && url !== ':memory:'
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length)
    if (path && !path.startsWith(':memory:')) mkdirSync(dirname(path), { recursive: true })
  }
  // `timeout` is the busy timeout of every connection the client opens (its pool opens new ones for transactions;
  // a PRAGMA reaches only the first). It is short: the waiting is done asynchronously by waitingAsync.
  const raw = createClient({ url, authToken, ...(isRemote ? {} : { timeout: BUSY_WAIT_PER_ATTEMPT_MS }) })
  const client = isRemote ? raw : waitingAsync(raw)
  if (!isRemote) {
    // WAL lets readers (pages) go on while an import writes.
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute(`PRAGMA busy_timeout = ${BUSY_WAIT_PER_ATTEMPT_MS}`)
    await client.execute('PRAGMA synchronous = NORMAL')
  }
  return { orm: drizzle(client, { schema }), client, url, ...(authToken ? { authToken } : {}), isRemote }
}

export function closeDb(db: Db): void {
  db.client.close()
}
