/**
 * The same database, opened again in a worker thread: reading ~17k history rows (and binning them in the queue's
 * zone) costs the thread that does it hundreds of milliseconds, so web requests read inside the worker that uses
 * the rows (src/workers). A worker keeps one connection per database for its next tasks. An in-memory database
 * cannot be shared: it has no reference, and callers read on their own thread.
 */
import { createDb, type Db } from './client.ts'

/** What a worker needs to open the same database (plain data, structured-cloneable). */
export interface DbRef { url: string; authToken?: string }

/** The database's reference for a worker, or null for an in-memory database. */
export function dbRefOf(db: Db): DbRef | null {
  if (db.url === ':memory:' || db.url === 'file::memory:' || db.url.startsWith('file::memory:')) return null
  return { url: db.url, ...(db.authToken ? { authToken: db.authToken } : {}) }
}

const opened = new Map<string, Promise<Db>>()

/** The database of `ref`, opened once per thread. */
export function dbOf(ref: DbRef): Promise<Db> {
  let db = opened.get(ref.url)
  if (!db) {
    db = createDb(ref.url, ref.authToken)
    db.catch(() => opened.delete(ref.url))
    opened.set(ref.url, db)
  }
  return db
}
